"""Entity linking: one key (IRI suffix) per real-world entity.

Places link to the administrative division they name (by code, or by county
code and path below county level), disambiguated by the places named nearby;
their ``partOf`` chain comes from the division data and from juxtaposition
(回民区海西路街道). Organizations, people and programmes are identified by
their normalized names; abbreviated organizations (市工信局) are completed
with the owner place the article is about.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import chain
from urllib.parse import quote

from kg.gazetteer import AdminDivision, PlaceGazetteer, renamed
from kg.model import ROOT_CLASS, Entity, Mention
from kg.rules.families import Candidate, family
from kg.rules.lexicon import is_common, org_heads, site_head, word_list
from kg.rules.units import (
    COUNTY,
    DATA_CLASSES,
    LEVEL_CLASS,
    LEVEL_OF_CLASS,
    LEVEL_PREFIXES,
    PREFIX_LEVELS,
    PROVINCE,
    guess_unit,
)
from kg.text import Article

_QUOTES = "“”\"'‘’「」『』《》"
# A place already linked on the page, with its administrative level (None for sites).
Placed = tuple[Entity, int | None]


def normalize_name(text: str) -> str:
    """NFKC, no quotation marks or white space: the identity of a name."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in _QUOTES and not ch.isspace())


@lru_cache(maxsize=1 << 16)
def iri_segment(name: str) -> str:
    """``name`` percent-encoded as one IRI path segment.

    Memoized: the same names recur on every page, and quoting a Chinese name
    costs tens of microseconds.
    """
    return quote(name, safe="")


def key_for(kind: str, *parts: str) -> str:
    return "/".join([kind, *(iri_segment(p) for p in parts)])


_COUNTED = family("zhkg.places:counted").id
_FEATURE = family("zhkg.places:feature").id


def units_of_listed(name: str, cand: Candidate) -> tuple[str, ...]:
    """The unit words a division listed without its unit before a count of that unit
    may end with (北大 of 北大、后黄、吴江3个村 → 村; 甘旗卡 of 巴彦毛都、甘旗卡3个苏木镇 →
    any township unit), else none."""
    level = LEVEL_OF_CLASS.get(cand.kind)
    if cand.source != _COUNTED or level is None or guess_unit(name) is not None:
        return ()
    return tuple(suffix for suffix, cls in DATA_CLASSES.get(level, ())
                 if cls == cand.kind or cand.kind == LEVEL_CLASS[level])


def level_of_name(name: str) -> tuple[int | None, str]:
    """Level and class of a place the data lacks, by its unit word, else its site head."""
    unit = guess_unit(name)
    site = site_head(name)
    # The longer ending decides: 五道庙小区 and 兴化经济开发区 are no districts (区).
    if unit is not None and (site is None or len(unit[0]) >= len(site[0])):
        return unit[1], unit[2]
    return (None, site[1]) if site is not None else (None, "Site")


def _flattened(remap: dict[str, str]) -> dict[str, str]:
    """``remap`` with each key mapped to where its keeper is merged in turn, if it is,
    and no key mapped to itself."""
    out = dict(remap)
    for k in list(out):
        seen = {k}
        while out[k] in out and out[k] not in seen:
            seen.add(out[k])
            out[k] = out[out[k]]
    return {k: v for k, v in out.items() if k != v}


def _remap(mentions: list[Mention], entities: dict[str, Entity],
           remap: dict[str, str]) -> list[Mention]:
    """Merge each entity keyed in ``remap`` into the one it maps to (or where that one is
    merged in turn), and point every key and mention at it."""
    remap = _flattened(remap)
    if not remap:
        return mentions
    for old, new in remap.items():
        entities[new].merge(entities.pop(old))
    for entity in entities.values():
        entity.located_in = remap.get(entity.located_in, entity.located_in)
        entity.part_of = {remap.get(k, k) for k in entity.part_of} - {entity.key}
        entity.also_located_in = {remap.get(k, k) for k in entity.also_located_in} \
            - {entity.located_in}
        entity.sub_organization_of = remap.get(entity.sub_organization_of,
                                               entity.sub_organization_of)
        if entity.sub_organization_of == entity.key:
            entity.sub_organization_of = None
    return [m if m.entity not in remap else Mention(
        m.start, m.end, m.text, m.etype, remap[m.entity], m.source) for m in mentions]


def _drop_unreferenced(keys: set[str], mentions: list[Mention],
                       entities: dict[str, Entity]) -> None:
    """Remove the entities of ``keys`` that no mention names and no entity lies in."""
    named = {m.entity for m in mentions}
    while True:
        held = {up for e in entities.values()
                for up in (*e.part_of, *e.also_located_in, e.located_in)}
        gone = {k for k in keys if k in entities and k not in named and k not in held}
        if not gone:
            return
        for k in gone:
            del entities[k]


class EntityLinker:
    """Links the resolved candidates of one document to entities."""

    def __init__(self, gazetteer: PlaceGazetteer) -> None:
        self.gazetteer = gazetteer
        self._resolved: dict[str, str] = {}

    def link(self, text: str, chosen: list[Candidate], articles: list[Article],
             inner: list[Candidate] = ()) -> tuple[list[Mention], dict[str, Entity]]:
        """Mentions and entities of one page.

        ``inner`` are places written inside an organization's name (回民区|
        阿拉善北路街道|部队社区|党支部): not mentions, but entities that place
        the organization and chain into each other.
        """
        entities: dict[str, Entity] = {}
        mentions: list[Mention] = []
        anchors = sorted(self._unambiguous_places(text, [*chosen, *inner]))
        self._resolved = self._resolve_surfaces(text, [*chosen, *inner], anchors)
        place_at: dict[int, Placed] = {}   # by mention end offset
        # An organization or a zone comes after the places inside it, so that it is
        # placed in the last (most specific) of them.
        ordered = sorted([(c, True) for c in chosen] + [(c, False) for c in inner],
                         key=lambda ce: (ce[0].end if ce[1] and (
                             ce[0].label == "ORG" or ce[0].kind == "Site")
                                         else ce[0].start, ce[1]))
        inners: list[tuple[Entity, str, int, int]] = []  # places inside names, by start
        places_named: dict[str, str] = {}  # the page's place mentions: label → key
        written_under: set[str] = set()  # places written right after a larger one
        for cand, is_mention in ordered:
            surface = text[cand.start:cand.end]
            if not is_mention:
                entity = self._place(surface, cand, anchors, place_at, entities,
                                     bracketed=_bracketed(text, cand, place_at))
                if cand.start in place_at:
                    written_under.add(entity.key)
                place_at[cand.end] = (entity, entity.admin_level)
                entities.setdefault(entity.key, entity).merge(entity)
                inners.append((entity, surface, cand.start, cand.end))
                continue
            within: list[tuple[Entity, str]] = []
            for place, written, start, end in reversed(inners):
                if start < cand.start:
                    break
                if end <= cand.end:
                    within.insert(0, (place, written))
            if cand.label == "PLACE":
                listed_in = _sibling_parent(text, cand, place_at, entities)
                entity = self._place(surface, cand, anchors, place_at, entities, listed_in,
                                     _bracketed(text, cand, place_at))
                if within and entity.admin_level is None:
                    # 安徽|合肥高新区: the zone lies in the division it is named after.
                    entity.part_of = {within[-1][0].key}
                if cand.start in place_at or listed_in is not None:
                    written_under.add(entity.key)
                place_at[cand.end] = (entity, entity.admin_level)
                places_named.setdefault(entity.label, entity.key)
            elif cand.label == "ORG":
                entity = self._org(text, surface, cand, mentions, entities, articles,
                                   _nearest_keys(anchors, cand.start, 20, distinct=False),
                                   _extended(within, surface, places_named, entities),
                                   place_at[cand.start][0].key if cand.start in place_at
                                   else None)
            elif cand.label == "PERSON":
                entity = Entity(key_for("person", normalize_name(surface)),
                                normalize_name(surface), "PERSON", "Person")
            else:
                name = normalize_name(surface)
                entity = Entity(key_for("program", name), name, "PROGRAM",
                                cand.kind or "Initiative")
            if surface != entity.label:
                entity.alt_labels.add(normalize_name(surface))
            if entity.key in entities:
                entities[entity.key].merge(entity)
            else:
                entities[entity.key] = entity
            mentions.append(Mention(cand.start, cand.end, surface, cand.label, entity.key,
                                    cand.source))
        mentions.sort(key=lambda m: (m.start, m.end))
        mentions, entities = self._unify(mentions, entities,
                                         [(written, place.key) for place, written, _, _ in inners],
                                         written_under)
        mentions, entities = _same_bodies(mentions, entities, articles)
        _contain_by_statement(text, mentions, entities)
        self._contain_by_article(mentions, entities, articles)
        return mentions, entities

    @staticmethod
    def _contain_by_article(mentions: list[Mention], entities: dict[str, Entity],
                            articles: list[Article]) -> None:
        """Place a unit the data lacks inside the article's larger place named before it.

        A community named in an article about 兴安南路街道 (中海社区) or a site in an
        article about 回民区 lies in that place: the nearest larger division named
        before it in the same article. Places with a chain from the data keep it.
        """
        headline_keys = {
            a.start: {m.entity for m in mentions if m.etype == "PLACE"
                      and a.start <= m.start < a.start + len(a.headline)}
            for a in articles}
        for article in articles:
            seen: list[Entity] = []
            headline_end = article.start + len(article.headline)
            for m in mentions:
                if not (article.start <= m.start < article.end) or m.etype != "PLACE":
                    continue
                entity = entities[m.entity]
                if m.start < headline_end:
                    seen.append(entity)
                    continue
                if not entity.part_of and entity.admin_level != 1 and \
                        entity.ontology_class not in ("GeographicRegion", "ForeignPlace"):
                    level = entity.admin_level or 6  # sites lie below villages
                    # A site named after a place lies in it (兴化|经济开发区 in 兴化市); else
                    # the nearest place before that lies in the headline's first place
                    # (河南开封：… 金明池街道金康社区 … 金康苑小区 lies in the community; 广西
                    # 南宁横州市 … 贵港市达开水库、甘道水库: in the city named, whose chain
                    # reaches no 南宁); else that headline place (回民区：); else the nearest.
                    named = [e for e in reversed(seen) if any(
                        entity.label.startswith(n) and len(entity.label) > len(n)
                        for n in (e.label, *e.alt_labels))]
                    headline = [e for e in seen[:1]
                                if e.key in headline_keys.get(article.start, ())]
                    # (walked only until a place is taken: each test walks a chain)
                    inside = (e for e in reversed(seen)
                              if headline and headline[0].key in _chain(e, entities))
                    for up in chain(named, inside, headline, reversed(seen)):
                        if up.admin_level is not None and up.admin_level < level \
                                and up.key != entity.key \
                                and entity.key not in _chain(up, entities):
                            # (not 甘孜|地处横断山脉 back into 甘孜: a range holds it)
                            entity.part_of.add(up.key)
                            break
                seen.append(entity)

    @staticmethod
    def _unify(mentions: list[Mention], entities: dict[str, Entity],
               inner: list[tuple[str, str]] = (), written_under: set[str] = frozenset()
               ) -> tuple[list[Mention], dict[str, Entity]]:
        """One entity per place name on the page, and organizations placed by their name.

        A place the data lacks gets a key under the place written before it
        (赛罕区|兴安南路街道) where that is known, also inside an organization's name
        (``inner``, as written and keyed: 谢家湾街道|民主村社区|党委); its other
        mentions on the page take the same key. So does a name the page writes under a
        place (``written_under``, keys: 边临镇|郭庄村) where the data reads it alone as
        a namesake elsewhere. An organization whose name opens with such a place is
        located in it.
        """
        by_surface: dict[str, set[str]] = {}
        for m in mentions:
            if m.etype == "PLACE":
                by_surface.setdefault(m.text, set()).add(m.entity)
        for written, key in inner:
            if written in by_surface and key in entities:
                by_surface[written].add(key)
        remap: dict[str, str] = {}
        for keys in by_surface.values():
            placed = sorted(k for k in keys if not k.startswith("place/name/"))
            if len(placed) == 1:
                remap.update({k: placed[0] for k in keys if k.startswith("place/name/")})
        mentions = _remap(mentions, entities, remap)
        # A name written under a place on the page is that place's wherever the page
        # writes it (边临镇|郭庄村 … 郭庄村党支部, not the data's 郭庄村 of 徽王庄镇), and
        # so is its reading under a place above (长顺县|长高村 … 长顺县摆所镇|长高村): the
        # deepest reading written under a place keeps the name.
        written = {remap.get(k, k) for k in written_under}
        again: dict[str, str] = {}
        for keys in by_surface.values():
            readings = {remap.get(k, k) for k in keys}
            under = sorted((k for k in readings if k in written and k in entities),
                           key=lambda k: (-len(_chain(entities[k], entities)), k))
            if len(readings) < 2 or not under:
                continue
            target, above = under[0], _chain(entities[under[0]], entities)
            again.update({k: target for k in readings if k != target and k in entities
                          and (k not in written or entities[k].part_of <= above)})
        # (a name's keeper may itself be merged under another name)
        again = _flattened(again)
        # The data's chain of a namesake read in its place is no part of the page's place.
        dropped_chains = set().union(*(_chain(entities[k], entities) for k in again)) \
            - set().union(*(_chain(entities[v], entities) for v in again.values()))
        for k in again:
            entities[k].part_of = set()
        mentions = _remap(mentions, entities, again)
        _drop_unreferenced(dropped_chains, mentions, entities)
        remap = {k: again.get(v, v) for k, v in remap.items()} | again
        surfaces = sorted((text, remap.get(min(keys), min(keys)))
                          for text, keys in by_surface.items())
        surfaces.sort(key=lambda tk: -len(tk[0]))  # the longest place a name opens with
        for entity in entities.values():
            if entity.etype == "ORG" and entity.located_in is None:
                for text, key in surfaces:
                    # (a body named by a river is not in it: 黄河|源园区管委会党委)
                    if entity.label.startswith(text) and key in entities \
                            and entities[key].ontology_class not in _WATERS:
                        entity.located_in = key
                        break
        return mentions, entities

    # -- places --------------------------------------------------------------
    def _unambiguous_places(self, text: str, chosen: list[Candidate]) -> list[tuple[int, str]]:
        out = []
        for cand in chosen:
            # A feature's name is no evidence of the division named alike (天山, 天山区).
            if cand.label == "PLACE" and cand.source != _FEATURE:
                found = self.gazetteer.lookup(text[cand.start:cand.end])
                if len(found) == 1:
                    out.append((cand.start, found[0].key))
        return out

    def _resolve_surfaces(self, text: str, chosen: list[Candidate],
                          anchors: list[tuple[int, str]]) -> dict[str, str]:
        """One division per place name and page: the reading most of its mentions get.

        Each mention is read with the places named nearest to it; a name read
        differently (or not at all) elsewhere on the page follows the majority,
        so that 兴安南路街道 is one entity on the page.
        """
        places = [c for c in chosen if c.label == "PLACE"]
        resolved: dict[str, str] = {}
        # Two rounds: names resolved in the first (新城区 beside 呼和浩特市) become
        # context for the second (红山口村 under 新城区).
        for _ in range(2):
            votes: dict[str, Counter[str]] = {}
            known = anchors + [(c.start, resolved[text[c.start:c.end]]) for c in places
                               if text[c.start:c.end] in resolved]
            known.sort()
            for cand in places:
                surface = text[cand.start:cand.end]
                # Most names are unique counties or above: no context to gather.
                context = _nearest_keys(known, cand.start, 20) \
                    if self.gazetteer.needs_context(surface) else []
                division = self.gazetteer.disambiguate(surface, context)
                if division is not None:
                    votes.setdefault(surface, Counter())[division.key] += 1
            resolved = {surface: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
                        for surface, c in votes.items()}
        return resolved

    def _place(self, surface: str, cand: Candidate, anchors: list[tuple[int, str]],
               place_at: dict[int, Placed], entities: dict[str, Entity],
               listed_in: Placed | None = None,
               bracketed: tuple[Placed, Placed] | None = None) -> Entity:
        # A place written right before (回民区|海西路街道), else the one a zone names in
        # brackets (福州新区（长乐区）|两岸融合社区), else the one that holds the unit
        # listed before it (桥头镇所前泊村、|桥头村).
        zone, district = bracketed or (None, None)
        previous = place_at.get(cand.start) or district or listed_in
        context = _nearest_keys(anchors, cand.start, 20, distinct=False)
        if previous is not None and previous[0].key.startswith("place/"):
            context.insert(0, previous[0].key.split("/", 1)[1])
        resolved = cand.key or self._resolved.get(surface)  # 青城 carries 呼和浩特市's key
        units = units_of_listed(surface, cand)
        if units:  # 北大 of 北大、后黄3个村: the data's 北大村, if any
            division = next(filter(None, (self.gazetteer.disambiguate(surface + unit,
                                                                     context[:20])
                                          for unit in units)), None)
        else:
            division = self.gazetteer.get(resolved) if resolved else \
                self.gazetteer.disambiguate(surface, context[:20])
        if division is not None and cand.source == _FEATURE and not any(
                key in context for key in (division.key, *self._below_province(division.key))):
            # A mountain or a river the lexicon names is the division named so (天山区)
            # only on a page naming that division or its city (嘉兴|南湖): not the
            # province alone, which the mountain may cross (新疆…天山南麓).
            division = None
        if division is not None and previous is not None and not self._within(
                division.key, previous[0], previous[1]):
            # The text places it under another unit of the level just above
            # (海西路街道|青山社区, the data under 攸攸板镇): the text is the source.
            division = None
        if division is not None:
            entity = self._division_entity(division.key, entities)
        else:
            level, cls = level_of_name(surface)
            if units:
                level, cls = LEVEL_OF_CLASS[cand.kind], cand.kind
            if cand.kind in ("GeographicRegion", "ForeignPlace"):
                level, cls = None, cand.kind
            if previous is not None and level is not None:
                entity = Entity(previous[0].key + "/" + iri_segment(surface), surface,
                                "PLACE", cls, admin_level=level)
            else:
                name = surface
                if cls == "GeographicRegion" and surface not in word_list("regions"):
                    name = surface.removesuffix("地区")  # 长三角地区 is 长三角
                entity = Entity(key_for("place", "name", name), name, "PLACE", cls,
                                admin_level=level)
        if zone is not None and zone[0].key != entity.key:
            # The zone shares the district's ground: what lies in one lies in the other.
            entity.part_of.add(zone[0].key)
        if previous is not None and previous[0].key != entity.key:
            prev_level, level = previous[1], entity.admin_level
            # A division after the river it lies by is no part of it (西江|梧州); a region
            # holds it (三峡库区|奉节); a zone holds towns and communities, not the city or
            # county after it (河南自贸试验区|郑州片区; but 两江新区|鸳鸯街道).
            if (level is None or prev_level is None or level > prev_level) and not (
                    level is not None and previous[0].ontology_class in _WATERS) and not (
                    level is not None and level <= COUNTY
                    and previous[0].ontology_class == "FunctionalZone"):
                entity.part_of.add(previous[0].key)
        return entity

    def _below_province(self, key: str) -> list[str]:
        """The keys of the divisions above ``key`` that lie below a province."""
        out = []
        for up in self.gazetteer.ancestor_keys(key):
            division = self.gazetteer.get(up)
            if division is not None and division.admin_level > PROVINCE:
                out.append(up)
        return out

    def _within(self, key: str, previous: Entity, previous_level: int | None) -> bool:
        """Whether the division ``key`` may lie in the place written before it."""
        division = self.gazetteer.get(key)
        if division is None or previous_level is None or \
                previous_level != division.admin_level - 1:
            return True  # only an immediate parent can contradict the data
        parent = self.gazetteer.get(division.parent) if division.parent else None
        return parent is not None and key_for("place", *parent.key.split("/")) == previous.key

    def _division_entity(self, key: str, entities: dict[str, Entity]) -> Entity:
        """The entity of a division, adding its chain of larger divisions."""
        division = self.gazetteer.get(key)
        assert division is not None
        entity = Entity(key_for("place", *key.split("/")), division.name, "PLACE",
                        division.ontology_class, _written_names(division),
                        division.code, division.admin_level)
        parent = division.parent
        child = entity
        while parent is not None:
            up = self.gazetteer.get(parent)
            assert up is not None
            up_key = key_for("place", *up.key.split("/"))
            child.part_of.add(up_key)
            if up_key in entities:
                break
            up_entity = Entity(up_key, up.name, "PLACE", up.ontology_class,
                               _written_names(up), up.code, up.admin_level)
            entities[up_key] = up_entity
            child, parent = up_entity, up.parent
        return entity

    # -- organizations -------------------------------------------------------
    def _org(self, text: str, surface: str, cand: Candidate, mentions: list[Mention],
             entities: dict[str, Entity], articles: list[Article],
             context: list[str] = (), within: list[tuple[Entity, str]] = (),
             before: str | None = None) -> Entity:
        """The organization ``surface``, located in the most specific place written
        inside its name (``within``, each with its surface: 回民区阿拉善北路街道|部队社区|
        党支部, which the text places and the data may place elsewhere), else in the
        place an abbreviation's article is about (市工信局), else in the division its name
        opens with, else in the place written right ``before`` it (牛市口街道|“小牛哥·先锋
        车手”志愿服务队). A parent body lies in the last of those places its own name holds
        (内蒙古自治区包头市公安局|昆都仑分局: the bureau in 包头市, its branch in 昆都仑区),
        else in the division its own name opens with (顺丰速运有限公司|吐鲁番分公司: none)."""
        name = normalize_name(surface)
        owner = None
        for prefix, level in PREFIX_LEVELS.items():
            if name.startswith(prefix) and not self.gazetteer.lookup(name[: len(prefix) + 2]):
                owner = self._owner(cand.start, level, mentions, entities, articles)
                if owner is not None:
                    rest = name[len(prefix):]
                    name = owner.label + rest
                break
        located = within[-1][0].key if within else owner.key if owner else \
            self._leading_place(name, entities, context) or before
        entity = Entity(key_for("org", name), name, "ORG", cand.kind or "Organization",
                        located_in=located)
        parent = self._parent(name, None)
        if parent is not None:
            held = [place for place, written in within if written in parent.label]
            parent.located_in = held[-1].key if held else located if not within else \
                self._leading_place(parent.label, entities, context)
            entity.sub_organization_of = parent.key
            if parent.key in entities:
                entities[parent.key].merge(parent)
            else:
                entities[parent.key] = parent
        return entity

    def _parent(self, name: str, located: str | None) -> Entity | None:
        """The organization a unit's name opens with: 鄂托克旗委|组织部 → 鄂托克旗委.

        The nearest enclosing one (和林格尔县司法局|党组 → 和林格尔县司法局); a
        place alone (兴安南路街道|党工委) is not a parent organization.
        """
        heads = org_heads()
        for i in range(len(name) - 2, 2, -1):
            prefix = name[:i]
            if is_common(prefix):
                continue  # 部队|社区党支部
            head = next((prefix[-n:] for n in (5, 4, 3, 2, 1) if prefix[-n:] in heads), None)
            if head is None or self.gazetteer.lookup(prefix) or level_of_name(prefix)[0]:
                continue
            if len(head) == 1 and (is_common(name[i - 1:i + 1]) or is_common(name[i - 1:i + 2])):
                continue  # 部|队, 办|公厅, 科|技: the character opens a word with what follows
            cls, _ = heads[head]
            return Entity(key_for("org", prefix), prefix, "ORG", cls, located_in=located)
        return None

    def _leading_place(self, name: str, entities: dict[str, Entity],
                       context: list[str] = ()) -> str | None:
        """The division an organization's name opens with (和林格尔县|司法局).

        Homonyms (兴安南路街道) are resolved by the places named on the page.
        """
        for i in range(min(len(name), 12), 1, -1):
            if is_common(name[:i]):
                continue  # 乡村|振兴发展中心: a word, not a place
            resolved = self._resolved.get(name[:i])
            division = self.gazetteer.get(resolved) if resolved else \
                self.gazetteer.disambiguate(name[:i], context[:20])
            if division is not None:
                entity = self._division_entity(division.key, entities)
                entities.setdefault(entity.key, entity)
                return entity.key
        return None

    @staticmethod
    def _owner(pos: int, level: int, mentions: list[Mention], entities: dict[str, Entity],
               articles: list[Article]) -> Entity | None:
        """The place of ``level`` the text around ``pos`` is about (nearest before it)."""
        article = next((a for a in articles if a.start <= pos < a.end), None)
        for m in reversed(mentions):
            if article is not None and m.start < article.start:
                break
            if m.etype == "PLACE":
                ent = entities.get(m.entity)
                if ent is not None and ent.admin_level == level:
                    return ent
        return None


def _body(entity: Entity, entities: dict[str, Entity]) -> tuple[str, str] | None:
    """An organization as its place and what its name says after the place.

    托克托县双河镇党委 and 双河镇党委, both in 双河镇, are (双河镇, 党委); 县委员会 is
    县委 in full (中共凉城县委员会).
    """
    place = entities.get(entity.located_in or "")
    if place is None:
        return None
    end = max((entity.label.rfind(n) + len(n) for n in (place.label, *place.alt_labels)
               if n in entity.label), default=-1)
    rest = entity.label[end:] if end > 0 else ""
    if not rest:
        return None
    return place.key, "委" if rest == "委员会" else rest


# Rivers and lakes: places lie by them, not in them.
_WATERS = frozenset({"River", "Lake"})
# The shortest name read as a placed body written short: 监督室 alone may be anyone's.
_SHORT_MIN = 4


def _same_bodies(mentions: list[Mention], entities: dict[str, Entity],
                 articles: list[Article]) -> tuple[list[Mention], dict[str, Entity]]:
    """One entity per organization on the page, however fully its place is written.

    呼和浩特市托克托县双河镇党委, 托克托县双河镇党委 and 双河镇党委 on one page are one
    body: it keeps the key and label of its longest name (the same for every page
    that writes it so), the others become its alternative labels.
    """
    groups: dict[tuple[str, str], list[Entity]] = {}
    for entity in entities.values():
        if entity.etype == "ORG" and (body := _body(entity, entities)) is not None:
            groups.setdefault(body, []).append(entity)
    # A name without its place that ends one placed body's name, and only one's, is that
    # body written short (甘肃省纪委监委党风政风监督室 … 党风政风监督室: on the whole page,
    # whose articles the text cuts at sections' subheadings too); so is one that ends
    # the name of one body and no placed one, in the articles that write it
    # (三江源国家公园黄河源园区管委会党委 … 黄河源园区管委会党委: a park names no division;
    # another article's 红色物业党支部 is not 万科物业红色物业党支部).
    orgs = [e for e in entities.values() if e.etype == "ORG"]
    starts = [a.start for a in articles]
    articles_of: dict[str, set[int]] = {}
    for m in mentions:
        articles_of.setdefault(m.entity, set()).add(bisect.bisect_right(starts, m.start))
    for entity in orgs:
        if entity.located_in or len(entity.label) < _SHORT_MIN \
                or entity.label.startswith(LEVEL_PREFIXES):
            continue  # 市区域经济合作局 is the page's city's, whichever city ends so
        longer = [e for e in orgs if e.label.endswith(entity.label) and e.label != entity.label]
        placed = [e for e in longer if e.located_in]
        if len(placed) == 1 and (body := _body(placed[0], entities)) is not None:
            groups.setdefault(body, [placed[0]]).append(entity)
        elif not placed and len(longer) == 1 and articles_of.get(entity.key, set()) <= \
                articles_of.get(longer[0].key, set()):
            groups.setdefault(("", longer[0].key), [longer[0]]).append(entity)
    remap: dict[str, str] = {}
    for same in groups.values():
        if len(same) < 2:
            continue
        same.sort(key=lambda e: (-len(e.label), e.label))
        keep = same[0]
        for other in same[1:]:
            keep.alt_labels.add(other.label)
            remap[other.key] = keep.key
    return _remap(mentions, entities, remap), entities


def _written_names(division: AdminDivision) -> set[str]:
    """A division's other names as labels: its short forms, not the later name the
    gazetteer also finds it by (北王乡 → 北王镇, 湟中县 → 湟中区), which a page may not use."""
    later = renamed(division.name, division.admin_level)
    return {name for name in division.short_names if name != later}


# The most characters a unit word adds to a place inside an organization's name
# (民主村 + 社区, 中大 + 居民区).
_UNIT_CHARS = 3


def _extended(within: list[tuple[Entity, str]], surface: str, places_named: dict[str, str],
              entities: dict[str, Entity]) -> list[tuple[Entity, str]]:
    """The places inside an organization's name, the last one replaced by a place the
    page names whose name extends it there (民主村|社区党委 after the page's 民主村社区:
    the community, not the village 民主村 of the data)."""
    if not within:
        return within
    place, written = within[-1]
    at = surface.rfind(written)
    if at < 0:
        return within
    end = at + len(written)
    for longer in range(min(_UNIT_CHARS, len(surface) - end), 0, -1):
        key = places_named.get(surface[at:end + longer])
        if key is not None and key != place.key:
            return [*within[:-1], (entities[key], surface[at:end + longer])]
    return within


def _bracketed(text: str, cand: Candidate, place_at: dict[int, Placed]
               ) -> tuple[Placed, Placed] | None:
    """For a place written after a zone and the district it names in brackets
    (乌鲁木齐高新区（新市区）|迎宾路北社区), the zone and the district."""
    if text[cand.start - 1:cand.start] != "）" or (district := place_at.get(cand.start - 1)) \
            is None:
        return None
    opening = text.rfind("（", max(0, cand.start - 12), cand.start - 1)
    zone = place_at.get(opening) if opening > 0 else None
    if zone is None or zone[0].ontology_class != "FunctionalZone" or district[1] is None:
        return None  # 湟中县（现西宁市湟中区）, 西湖公园（鼓楼区）: no zone before the bracket
    return zone, district


def _sibling_parent(text: str, cand: Candidate,
                    place_at: dict[int, Placed],
                    entities: dict[str, Entity]) -> Placed | None:
    """For a place listed after a unit of its level (所前泊村、|信义村), the one place
    that holds that unit."""
    if text[cand.start - 1:cand.start] != "、":
        return None
    sibling = place_at.get(cand.start - 1)
    surface = text[cand.start:cand.end]
    level = LEVEL_OF_CLASS[cand.kind] if units_of_listed(surface, cand) else \
        level_of_name(surface)[0]
    if sibling is None or level is None or sibling[1] != level \
            or len(sibling[0].part_of) != 1:
        return None
    parent = entities.get(next(iter(sibling[0].part_of)))
    return None if parent is None else (parent, parent.admin_level)


def root_of(entity: Entity) -> str:
    return ROOT_CLASS[entity.etype]


def _nearest_keys(anchors: list[tuple[int, str]], at: int, limit: int, *,
                  distinct: bool = True, scan: int = 400) -> list[str]:
    """Keys of the ``limit`` anchors nearest to offset ``at``, nearest first.

    ``anchors`` is sorted by offset. Walking out from ``at`` over at most ``scan``
    anchors keeps this bounded where sorting all anchors per mention was quadratic
    on long pages. Ties go to the anchor before ``at``.
    """
    right = bisect.bisect_left(anchors, (at, ""))
    left = right - 1
    count = len(anchors)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < limit and (left >= 0 or right < count) and scan > 0:
        scan -= 1
        if right >= count or (left >= 0 and at - anchors[left][0] <= anchors[right][0] - at):
            key = anchors[left][1]
            left -= 1
        else:
            key = anchors[right][1]
            right += 1
        if distinct:
            if key in seen:
                continue
            seen.add(key)
        out.append(key)
    return out


# Verbs that state where a place lies (双福村位于仙游县, 沈新园小区地处迎宾路街道).
_LIES_IN = re.compile(r"(?:位于|地处于?|坐落(?:于|在)?|处于)$")
# Places a unit of any level may lie in: regions and mountains (北庄村地处太行山).
_AREAS = frozenset({"GeographicRegion", "Mountain"})
# After the larger place: it is one of several (地处三省交界, 位于A和B之间), not the whole.
_NOT_THE_WHOLE = re.compile(r"[、和与及]|交界|之间|接壤|交汇|边界|附近|周边|对面|旁")


# What may follow the whole: a pause, 的, or where in it (西部, 城郊, 腹地), never more
# of a name (吕梁|山区: the mountains, not the city).
_WHOLE_ENDS = re.compile(r"(?:[，,。；;：:\s（(]|的|是|[东西南北中][部南北麓侧]?|境内|城郊|郊区|"
                         r"腹地|深处|市区|县城|城区|辖区|$)")


def _contain_by_statement(text: str, mentions: list[Mention],
                          entities: dict[str, Entity]) -> None:
    """Place a place inside the one the text says it lies in: X位于Y (双福村位于仙游县),
    and 位于Y的X (位于兴化经济开发区的…园区). Of places written together after the verb,
    the last is the whole. The whole is a larger unit, or a region or mountain of any
    level (北庄村地处太行山); a link the data's chain holds, contradicts (平山县位于保定市:
    the data has 石家庄市) or turns round (太行山位于山西省, 山西省地处太行山) is not made."""
    places = [m for m in mentions if m.etype == "PLACE"]
    for i, m in enumerate(places):
        verb = _LIES_IN.search(text, max(0, m.start - 4), m.start)
        if verb is None:
            continue
        whole, j = m, i
        while j + 1 < len(places) and places[j + 1].start == whole.end:
            j += 1
            whole = places[j]
        after = text[whole.end:whole.end + 4]
        if _NOT_THE_WHOLE.search(after[:2]) or not _WHOLE_ENDS.match(after):
            continue
        part = None
        if i > 0 and places[i - 1].end == verb.start():
            part = places[i - 1]  # 双福村|位于|仙游县
        elif after.startswith("的") and j + 1 < len(places) \
                and places[j + 1].start == whole.end + 1:
            part = places[j + 1]  # 位于|兴化经济开发区|的|…产业园
        if part is None or part.entity == whole.entity:
            continue
        inner, outer = entities[part.entity], entities[whole.entity]
        if not (outer.ontology_class in _AREAS
                or (inner.admin_level or 6) > (outer.admin_level or 6)):
            continue
        up = _chain(inner, entities)
        if outer.key in up or inner.key in _chain(outer, entities):
            continue
        if outer.admin_level is not None and any(
                entities[k].admin_level == outer.admin_level for k in up if k in entities):
            continue  # the data's chain names another unit of that level
        inner.part_of.add(outer.key)


def _chain(entity: Entity, entities: dict[str, Entity]) -> set[str]:
    """The keys on the ``partOf`` chain of ``entity``."""
    seen: set[str] = set()
    todo = list(entity.part_of)
    while todo:
        k = todo.pop()
        if k not in seen:
            seen.add(k)
            if k in entities:
                todo.extend(entities[k].part_of)
    return seen
