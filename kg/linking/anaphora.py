"""Generic references of the genre resolved within their article.

该旗 / 全旗 / 我区 / 该局 / 当地 stand for an entity named before them. They are
not entity mentions (the guideline does not tag them), but relations read them
as the entity they stand for: 该旗实施“暖心管理” gives the banner as agent.
Resolution never crosses an article boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import reduce
from itertools import chain

from kg.model import Entity, Mention
from kg.rules.families import family
from kg.rules.lexicon import is_verb
from kg.rules.units import ANAPHOR_CLASSES, LOCAL_UNITS, ZONE_BODIES
from kg.text import Article, sentences

REFERENCE = family("zhkg.anaphora")
BARE_BODY = family("zhkg.anaphora:bare-body")

# Organization heads a 该X reference can stand for (该局 → 市工信局).
_ORG_UNITS = ("局", "公司", "中心", "协会", "集团", "合作社", "学校", "医院", "委", "部",
              "支部", "党委", "站", "所", "院", "馆", "团", "队")
_UNIT_ALTERNATION = "|".join(sorted(set(ANAPHOR_CLASSES) | set(_ORG_UNITS), key=len, reverse=True))
_ANAPHOR = re.compile(rf"(该|我|全|本)({_UNIT_ALTERNATION})|当地")
# A township's or village's body written without the unit's name, opening a clause
# (，村两委探索…, 。社区党委以…): the body, or else the unit, the article named before.
# 村里 opening a clause (，村里邀请…) is the village acting: its body, or the village; so is
# the unit word alone as the subject of a verb (，街道推进“多格合一”).
_BODIES = ("党总支", "党支部", "党工委", "党委", "两委", "“两委”", "居委会", "委会", "里")
_BARE_BODY = re.compile(
    rf"(?:^|(?<=[，。；：！？\n]))({'|'.join(sorted(LOCAL_UNITS, key=len, reverse=True))})"
    rf"({'|'.join(_BODIES)})?")
# So do 县里, 市里, 区里 … opening a clause (，县里决定探索“…”): the county, city or district
# named before acting (not 社区里, 到县里, which are places or modifiers).
# 区里 is a district's (an autonomous region's is written 自治区里); 县里的 is a modifier.
_UPPER_CLASSES = {unit: tuple(c for c in classes if c != "AutonomousRegion")
                  for unit, classes in ANAPHOR_CLASSES.items() if unit not in LOCAL_UNITS}
_UPPER_BODY = re.compile(
    rf"(?:^|(?<=[，。；：！？\n]))({'|'.join(sorted(_UPPER_CLASSES, key=len, reverse=True))})"
    r"(里)(?!的)")

# A zone's head alone opening a clause before a verb (，经开区推行“…”): the zone of that
# head the article named before (晋城经开区), or of the head the short one stands for
# (晋城经济技术开发区). With a body's head (，园区党委落实…): the body of that kind
# named before whose name holds the zone (黄河源园区管委会党委).
_ZONE_HEADS = {"经开区": ("经开区", "经济技术开发区", "经济开发区"),
               "高新区": ("高新区", "高新技术产业开发区"), "开发区": ("开发区",),
               "新区": ("新区",), "园区": ("园区",)}
# A zone's party committee is written either way (园区党委 for 苏州工业园区党工委).
_PARTY_BODIES = ("党工委", "党委")
# Heads of another kind of zone ending in a head: a high-tech zone is no new area. (开发区
# is every development zone's short name, 经济技术开发区's too.)
_OTHER_KINDS = {"新区": ("高新区",)}
_BARE_ZONE = re.compile(rf"(?:^|(?<=[，。；：！？\n]))({'|'.join(_ZONE_HEADS)})"
                        rf"({'|'.join(ZONE_BODIES)})?")


def resolve_references(text: str, mentions: list[Mention], entities: dict[str, Entity],
                       articles: list[Article]) -> list[Mention]:
    """Mentions standing for the generic references of each article (not entity mentions).

    Each returned :class:`Mention` carries the entity the reference stands for,
    its type, and the family's versioned name as ``source``.
    """
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for article in articles:
        before_all = [m for m in mentions if article.start <= m.start < article.end]
        opens = [s.start for s in sentences(text, article.start, article.end)]
        for match in _ANAPHOR.finditer(text, article.start, article.end):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue  # inside a name that was recognized
            if text[end:end + 1] in ("级", "委") and match.group(0) != "当地":
                continue  # 全区级, 该旗委: a modifier or another unit
            before = [m for m in before_all if m.end <= start]
            sentence_start = opens[max(0, bisect_right(opens, start) - 1)] if opens else start
            target = _target(match, before, entities, mentions, sentence_start)
            if target is None:
                continue
            out.append(Mention(start, end, match.group(0), target.etype, target.key, REFERENCE.id))
        for match in chain(_BARE_BODY.finditer(text, article.start, article.end),
                           _UPPER_BODY.finditer(text, article.start, article.end)):
            start, end = match.span()
            alone = match.group(2) is None  # the unit word alone acts only before a verb
            if any(a < end and start < b for a, b in taken) or (
                    alone and not is_verb(text[end:end + 2])):
                continue
            before = [m for m in before_all if m.end <= start]
            classes = (_UPPER_CLASSES if match.re is _UPPER_BODY else ANAPHOR_CLASSES).get(
                match.group(1), ())
            target = _bare_body_target(match.group(0), classes, before, entities)
            if target is not None and not (alone and target.etype != "PLACE"):
                out.append(Mention(start, end, match.group(0), target.etype, target.key,
                                   BARE_BODY.id))
        for match in _BARE_ZONE.finditer(text, article.start, article.end):
            start, end = match.span()
            forms, body = _ZONE_HEADS[match.group(1)], match.group(2)
            if any(a < end and start < b for a, b in taken) or (
                    body is None and not is_verb(text[end:end + 2])):
                continue  # the head alone acts only before a verb
            zone = next((entities[m.entity] for m in reversed(before_all) if m.end <= start
                         and m.etype == ("ORG" if body else "PLACE")
                         and _zone_named(entities[m.entity], forms, body)), None)
            if zone is not None:
                out.append(Mention(start, end, match.group(0), zone.etype, zone.key,
                                   BARE_BODY.id))
    return out


def _zone_named(entity: Entity, forms: tuple[str, ...], body: str | None) -> bool:
    """Whether ``entity`` is the zone of a head in ``forms`` (晋城经济技术开发区), or, with
    a ``body``, that zone's body of that kind (黄河源园区管委会党委 for 园区党委; a zone's
    party committee is its 党工委 too), the head not the tail of another (高新区 for 新区)."""
    others = [other for form in forms for other in _OTHER_KINDS.get(form, ())]
    if body is None:
        return entity.ontology_class == "FunctionalZone" and entity.label.endswith(forms) \
            and not entity.label.endswith(tuple(others))
    kinds = _PARTY_BODIES if body in _PARTY_BODIES else (body,)
    label = reduce(lambda label, other: label.replace(other, ""), others, entity.label)
    return entity.label.endswith(kinds) and any(form in label for form in forms)


def _bare_body_target(written: str, classes: tuple[str, ...], before: list[Mention],
                      entities: dict[str, Entity]) -> Entity | None:
    """Of the last unit of that kind named before, the body whose name ends as written
    (神山村党支部 for 村党支部), else the unit itself (神山村 for 村两委), named alone or
    as the place of another of its bodies (凤都村村委会). A unit named alone after its
    body (民主村社区党委 … 民主村社区 … 社区党委以…) stands for that body."""
    for m in reversed(before):
        ent, key = entities[m.entity], m.entity
        if m.etype == "ORG" and ent.label.endswith(written):
            return ent
        if m.etype == "ORG" and ent.located_in in entities:
            ent, key = entities[ent.located_in], ent.located_in
        if ent.etype == "PLACE" and ent.ontology_class in classes:
            return next((entities[b.entity] for b in reversed(before) if b.etype == "ORG"
                         and entities[b.entity].located_in == key
                         and entities[b.entity].label.endswith(written)), ent)
    return None


def _first(key: str, mentions: list[Mention]) -> int:
    return next((m.start for m in mentions if m.entity == key), len(mentions) * 1000)


def _target(match: re.Match[str], before: list[Mention], entities: dict[str, Entity],
            mentions: list[Mention], sentence_start: int) -> Entity | None:
    if match.group(0) == "当地":
        # The place of an organization named earlier in the sentence counts too: the
        # speaker's body (库尔勒市城市管理综合执法局局长李进介绍，当地实行… is 库尔勒市).
        keys = [m.entity if m.etype == "PLACE" else entities[m.entity].located_in
                for m in before
                if m.etype == "PLACE" or (m.etype == "ORG" and m.start >= sentence_start)]
        places = [entities[k] for k in keys if k in entities]
        specific = [p for p in places if p.admin_level is not None]
        return specific[-1] if specific else (places[-1] if places else None)
    determiner, unit = match.group(1), match.group(2)
    if unit in ANAPHOR_CLASSES:
        classes = ANAPHOR_CLASSES[unit]
        if determiner == "我":
            # 我区 / 我市 is the paper's home: the autonomous region, else the place of
            # that kind the page names most often (呼和浩特市 on a Hohhot page).
            wanted = ("AutonomousRegion",) if unit == "区" else classes
            # Organizations' names vote for their place too (呼和浩特市人社局).
            homes = [m.entity if m.etype == "PLACE" else entities[m.entity].located_in
                     for m in mentions if m.etype in ("PLACE", "ORG")]
            counts = Counter(k for k in homes if k in entities
                             and entities[k].ontology_class in wanted)
            if counts:
                return entities[max(counts, key=lambda k: (counts[k], -_first(k, mentions)))]
        for m in reversed(before):
            ent = entities[m.entity]
            if m.etype == "PLACE" and ent.ontology_class in classes:
                return ent
        return None
    if determiner != "该":
        return None  # 全局, 本部: not references to an organization
    for m in reversed(before):
        ent = entities[m.entity]
        if m.etype == "ORG" and ent.label.endswith(unit):
            return ent
    return None
