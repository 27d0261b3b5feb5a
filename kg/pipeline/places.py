"""PLACE recognition: the national divisions, division chains and named sites."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from functools import cache
from itertools import takewhile
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer import PlaceGazetteer, load_gazetteer
from kg.pipeline.candidates import (
    candidates_of,
    doc_text,
    index_of,
    layout,
    tokens_before,
)
from kg.pipeline.serialize import SerializableComponent
from kg.rules.families import Candidate, family
from kg.rules.lexicon import (
    CJK,
    CJK_RE,
    NAME_TOKEN_RE,
    alternation,
    apart_heads,
    area_heads,
    idioms,
    is_common,
    is_verb,
    memorial_heads,
    org_heads,
    role_words,
    sentence_roles,
    site_classes,
    site_heads,
    word_list,
    word_pos,
    word_set,
    world_places,
    zone_heads,
)
from kg.rules.units import (
    CHAIN_SUFFIXES,
    COMPOUND_HEADS,
    COUNTY,
    LEVEL_CLASS,
    LEVEL_OF_CLASS,
    LOCAL_UNITS,
    PREFECTURE,
    PROVINCE,
    TOWNSHIP,
    UNIT_SUFFIXES,
    VILLAGE,
    VILLAGE_UNITS,
    guess_unit,
    local_stem,
    unit_chars,
)
from kg.text import occurrences

GAZETTEER, CHAIN, ROAD, SITE, STREET, FEATURE, REGION, ALIAS, ABROAD, COUNTED, REPEATED = (
    family("zhkg.places" + rule) for rule in (
        "", ":chain", ":road", ":site", ":street", ":feature", ":region", ":alias", ":abroad",
        ":counted", ":repeated"))

# One-character units of county level and above (旗, 市, 省): a unit's name, not a stem.
_UPPER_UNIT = re.compile(f"[{unit_chars(PROVINCE, COUNTY)}]")
_COUNTY_UNITS = unit_chars(COUNTY, COUNTY)
_LOCAL_UNIT_CHARS = unit_chars(TOWNSHIP, VILLAGE)
# Village- and township-level names followed by these are words, not places (村民, 村级).
# (居 of 村居 "villages and communities", not of 社区|居委会, the community's committee)
_NOT_A_PLACE_AFTER = re.compile(r"^(民|级|委|务|里|干部|集体|两委|居(?![民住家委]))")


def _runs_into_word(name: str, after: str) -> bool:
    """Whether a village- or township-level name and what follows it make a word
    (村民, 村级, 村庄), so that no place ends there; 庄 only after 村 (红旗社区|庄子田
    is a community, then a hamlet)."""
    return bool(_NOT_A_PLACE_AFTER.match(after)) or (name[-1:] == "村" and after[:1] == "庄")


_VILLAGE_COMMUNITY = "社区"
# Units whose last character makes a word for their people with 民 (市民, 镇民, 村民).
_TOWNSFOLK_UNITS = frozenset("市镇村")
# A division's name before 族 names a people (鄂温克族, 鄂温克民族服饰), not the place.
_PEOPLE_AFTER = re.compile(r"^民?族")
# 224个|村社: a count of units, not a unit's name.
_COUNT = re.compile(r"^[0-9一二三四五六七八九十百千万两几多]+个")
_COUNT_BEFORE = re.compile(r"[0-9一二三四五六七八九十百千万两几多]+个$")
# Names listed before a count of their unit, the unit written once (西天尾镇北大、后黄、
# 吴江3个村): the list's later names and the count; the first name is found by its tokens.
# Counts of a mix of units name the level only (3个苏木镇, 5个乡镇).
_MIXED_UNITS = {"苏木镇": TOWNSHIP, "乡镇": TOWNSHIP, "镇街": TOWNSHIP, "村居": VILLAGE}
_COUNTED_LIST = re.compile(
    rf"((?:、[{CJK}]{{2,4}}?)+)等?[0-9一二三四五六七八九十两]+个"
    rf"({alternation([*_MIXED_UNITS, *LOCAL_UNITS])})(?![民级])")
@cache
def _org_head_ahead() -> re.Pattern[str]:
    """An organization's head of two characters or more within a name's length, in the
    same clause (not the 办 of 河北|线上举办)."""
    heads = [h for h in org_heads() if len(h) >= 2]
    return re.compile(f"[^，,。；;：:、“”（）()\\s]{{0,10}}?(?:{alternation(heads)})")


# What makes a word of a province's name (上海话, 北京时间), not the province.
_PROVINCE_WORDS = ("话", "时间", "菜", "舰", "腔")
# A division's name followed by these names a road (阿拉善北路, 南京路), not the division;
# a street's name followed by 街道 names a subdistrict (鼓楼区|东街街道).
_ROAD_AFTER = re.compile(r"[东西南北中]?(?:路|大街|大道|街(?!道|街道))")
# Road-named subdistricts and communities: 昭乌达南路街道, 阿拉善北路社区.
_ROAD_UNIT = re.compile(rf"[{CJK}]{{1,6}}?[东西南北中]?(?:路|大街|大道)(街道|社区)")
# What every road unit contains: searched first, since _ROAD_UNIT's lazy name part
# makes re try several lengths at every character of the page.
_ROAD_UNIT_END = re.compile("(?:路|大街|大道)(?:街道|社区)")
# A road or street's name and head right after a place: 宝塔|大道, 北京|路, 中山|东路.
_STREET = re.compile(rf"([{CJK}]{{2,4}}?)([东西南北中]?(?:大道|大街|路|街|巷))")
# Units named after a road (北京路|街道, 凤凰街|社区), which are found as units.
_STREET_UNIT_AFTER = re.compile("街道|道|社区|村|居委|小区")
# Endings of natural features among the lexicon's place names.
_FEATURE_ENDING = re.compile("[江河湖山海岛峰岭湾泉川峡]")
# A two-character place name of the lexicon ending in a landform is a feature's name
# if news writes it often (黄河, 长江, 天山: jieba's IDF table holds it) or its first
# character is no everyday word (洱海, 岷山, 延河) or a direction (东湖, 西江); the
# lexicon tags everyday scenery so too (青山, 花海, 云海, 后山, 河湾, 盘山公路), which
# news writes rarely and opens with an everyday word. Right after its division a name is
# one too (嘉兴|南湖), and so is one written along its shore or at its foot (below).
# Either is a kind when it opens with a size, a depth, a movement, a number or another
# landform (大山, 深海, 上山, 渡江, 沿河, 四海, 江河, 海岛).
_GENERIC_FEATURE_FIRST = frozenset("大高深浅上下入登渡沿滨四两冰盐港江河湖山海")
# What names a river, a lake or a mountain as one: along it, its shore, its basin, its
# reaches, its foot (沿着洱海岸线, 沿延河西行, 岷山脚下, 渭河流域).
_FEATURE_BEFORE = re.compile("沿着?$")
_FEATURE_AFTER = re.compile("两?岸|沿岸|畔|流域|之滨|[上中下]游(?![玩客览戏泳船艇])|[南北]麓|"
                            "脚下|水域")
# A direction opens names more than kinds (东湖, 南湖, 西江, 北江).
_DIRECTIONS = frozenset("东西南北")
# The one-character unit words of every level (省, 市 … 村).
_DIVISION_ENDINGS = frozenset(unit_chars(PROVINCE, VILLAGE))
# Township-level units (镇, 乡, 苏木, 街道): a village may follow such a name at once.
_TOWNSHIP_UNITS = tuple(u for u in LOCAL_UNITS if u not in VILLAGE_UNITS)
_LANDFORM = re.compile("平原|草原|高原|盆地|沙地|沙漠|石窟|湿地|冰川|灌区|山区|库区")
# The tags of an everyday noun that names a site right after its division (人民|公园).
_SITE_NAME_NOUN_TAGS = frozenset(("n", "nz", "ns"))
# Landforms of a site's size, not a region's.
_LANDFORM_SITES = frozenset(("石窟", "湿地", "冰川"))
# Landforms that make a place only as a name of the lexicon (吕梁山区, 三峡库区): before
# them a place names where the landform is (贵州山区), not a region's name.
_LANDFORM_WHOLE_ONLY = frozenset(("山区", "库区"))
# The longest name of a landform the lexicon knows (塔克拉玛干沙漠).
_LANDFORM_NAME_CHARS = 7
# A district named like a kind of area (老城区, 大社区) is that kind unless the page
# names its city.
# (Not 山区, 湖区: 红山区, 西湖区 are read as the districts.)
# Only an age, size or rank before it makes the kind (老城区, 大社区); 新城区 names the
# districts of Hohhot and Xi'an and is written alone on their cities' pages.
_AREA_MODIFIERS = frozenset("老旧大小主")
_GENERIC_AREAS = frozenset({"城区", "社区", "园区", "新区", "矿区", "郊区", "林区", "景区",
                            "市区", "街区"})
# Prepositions and particles that no unit's name holds, glued into a token by the
# segmenter (任驻|村 as 任驻村).
_STEM_BREAKS = frozenset("的对向把被驻让给")
_GENERIC_BEFORE = ("我", "该", "全", "本", "各", "每", "此", "这", "那", "该")
# What ends a street's name, which a subdistrict named after it may be written as
# (凤凰街 for 凤凰街街道, before its 北桥外社区).
_STREET_ENDINGS = ("街", "路")
# A level word (省级, 国家级) makes a kind of what follows, no name.
_LEVEL_WORD_END = "级"
# Marks that end a clause or an item of a list.
_CLAUSE_ENDS = frozenset("，。；、：！？,;")
# A unit word ending where a division starts (鸠坑乡|星光村).
_AFTER_UNIT = re.compile(f"(?:{alternation(CHAIN_SUFFIXES)})$")


# Site names may be plain words (南山, idf 8.3); verbs and fillers lie lower (做好 6.4).
SITE_NAME_IDF = 7.5
# jieba's tags of proper names: places, people, other proper nouns (北京, 中山, 宝塔).
_PROPER_TAGS = ("ns", "nr", "nz")


class PlaceRecognizer(SerializableComponent):
    """Proposes PLACE candidates from the gazetteer (Aho-Corasick) and grammar."""

    settings = ("chain_max_chars", "site_max_chars")
    data_files = ("admin_levels.tsv", "city_aliases.tsv", "estate_words.txt",
                  "function_words.txt", "generic_nouns.txt", "org_heads.tsv", "regions.txt",
                  "role_words.tsv", "rule_families.tsv", "site_heads.tsv", "units.tsv")

    def __init__(self, nlp: Language, name: str = "zhkg_places", *,
                 chain_max_chars: int = 6, site_max_chars: int = 16) -> None:
        self.name = name
        self.chain_max_chars = chain_max_chars
        self.site_max_chars = site_max_chars
        self.gazetteer: PlaceGazetteer | None = None
        self._info: dict[int, tuple[int, str, bool]] = {}
        self._chain_re = re.compile(
            # A stem of two characters at least: 中阳县|宁乡镇 is 宁乡 + 镇, not 宁 + 乡.
            rf"^[{CJK}0-9]{{2,{chain_max_chars}}}?({alternation(CHAIN_SUFFIXES)})")
        self._site_re = re.compile(f"(?:{alternation(site_heads())})")
        self._unit_after = re.compile(alternation(CHAIN_SUFFIXES))
        # 长三角|地区: the region's name may be written with the word for a region.
        self._region_re = re.compile(f"(?:{alternation(word_list('regions'))})(?:地区)?")
        self._abroad_re = re.compile(alternation(sorted(world_places())))
        self._alias_re = re.compile(alternation(list(city_aliases())))

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None, gazetteer_path: str | None = None) -> None:
        """Load the division data and compile the automaton over all its names."""
        self.gazetteer = load_gazetteer(Path(gazetteer_path) if gazetteer_path else None)
        self.gazetteer.compile()  # a no-op on the cached gazetteer, compiled already
        self._info: dict[int, tuple[int, str, bool]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            self.initialize()
        assert self.gazetteer is not None
        text = doc_text(doc)
        found = candidates_of(doc)
        divisions: list[Candidate] = []
        starts = set(layout(doc).starts)
        ends = set(layout(doc).ends)
        division_ends: set[int] = set()  # where a county or a long name ends
        matches = list(self.gazetteer.scan(text))
        for cut in _names_in_one_token(doc, [(end + 1 - len(self.gazetteer.name(i)), end + 1)
                                             for end, i in matches]):
            starts.add(cut)
            ends.add(cut)
        for end, name_id in matches:
            name = self.gazetteer.name(name_id)
            if len(name) < 2:
                continue
            start = end - len(name) + 1
            level, kind, full_county = self._name_info(name_id)
            if self._generic_zone(name):
                continue  # 产业园, 示范区: the data's short form of one zone, a kind
            # Short names inside a longer word are not places: 真金|白银, 长治|久安;
            # a full county name may be glued to a verb (联合道|里区).
            if len(name) <= 3 and start not in starts and start not in division_ends and (
                    not full_county or self._inside_word(doc, start)):
                continue  # 浙西|山区 holds no 西山区 (but 唐河县|城郊乡, cut 唐河|县城|郊乡)
            if len(name) == 2 and ((end + 1 not in ends and not self._province_opening(
                    doc, start, end + 1, level)) or name[0] in _GENERIC_BEFORE
                                   or (level > COUNTY and is_common(name))
                                   or (level == COUNTY and is_common(name)
                                       and name not in self._full_named(text, name)
                                       and not self._parent_named(text, name)
                                       and "、" not in (text[start - 1:start],
                                                       text[end + 1:end + 2]))
                                   or (level > COUNTY
                                       and word_pos().get(name, "ns") not in ("ns", "nr"))):
                continue  # 乡村, 社区, 和平: ordinary words first
            if level > COUNTY and _runs_into_word(name, text[end + 1:end + 4]) \
                    and not (len(name) >= 3 and text.startswith("集体", end + 1)
                             and text.count(name) > 1):
                continue  # 村民, 村级; but a village the page names, then its 集体 (火集村|集体)
            if start not in starts and start not in division_ends \
                    and _zone_head_end_re().search(name) \
                    and is_common(self._word_ending_at(doc, start)):
                continue  # 龙里县|高新|技术产业园区: the data's 新技术产业园区 opens inside 高新
            if start not in starts and start not in division_ends \
                    and word_pos().get(self._word_ending_at(doc, start), "")[:1] == "v":
                # 担任|郭庄村: the data's 任郭庄村 opens inside the verb (not 蟠桃街|道蟠|桃园
                # 社区, whose 道 closes the subdistrict before it)
                continue
            after = text[end + 1:end + 3]
            if _ROAD_AFTER.match(text, end + 1, end + 5) or _PEOPLE_AFTER.match(after):
                continue
            if name[-1] in _TOWNSFOLK_UNITS and after[:1] == "民" and after[1:2] != "政" \
                    and end + 1 not in starts:
                # 上海|市民 (not 市|民政局, 大同市|民营经济): townsfolk, the place named by
                # its short form
                continue
            if name[-1] == "市" and after[:1] == "区" and after[1:2] != "县" \
                    and end in starts and end + 2 in ends:
                continue  # 杭州|市区: the city's urban area, the city named by its short form
            if _in_idiom(text, start, end + 1):
                continue  # 真金白银
            if level > COUNTY and is_common(text[end:end + 2]):
                continue  # 农产品加工园|区: the name's last character opens a word
            divisions.append(GAZETTEER.candidate(start, end + 1, kind))
            if level <= COUNTY or len(name) > 3 or name.endswith(_TOWNSHIP_UNITS):
                # (贵子镇|中和村 though pkuseg cuts 镇中|和|村)
                division_ends.add(end + 1)
        divisions = self._in_context(doc, divisions)
        found.extend(divisions)
        chained = list(self._chains(doc, divisions))
        roads = list(self._road_units(doc, divisions))
        found.extend(chained)
        found.extend(roads)
        found.extend(self._streets(doc, divisions))
        sites = list(self._sites(doc, divisions))
        found.extend(sites)
        # 大亚湾经济技术开发区|澳头街道|岩前村: a zone administers the units written after it.
        zones = [c for c in sites if text.endswith(_functional_zone_heads(), c.start, c.end)]
        after_zones = list(self._units_after(doc, zones))
        found.extend(after_zones)
        found.extend(self._repeated(doc, [*chained, *roads, *sites, *after_zones]))
        found.extend(self._features(doc, {c.end for c in divisions}))
        found.extend(self._regions(text))
        found.extend(self._abroad(doc))
        found.extend(self._aliases(text, divisions))
        found.extend(self._counted(doc, division_ends))
        return doc

    @staticmethod
    def _province_opening(doc: Doc, start: int, end: int, level: int) -> bool:
        """Whether a province's two-character name opens a token the segmenter ran on
        past it (上海文|创展|会, 重庆丰|都|县梳): the name stands, unless it names a
        language or a time zone (上海话, 北京时间)."""
        text = doc_text(doc)
        # Not 陕西|省 (the full name is read) nor 江苏赛|美|食品|科技|有限|公司 (a trade
        # name, read whole by the organization rules).
        return level == PROVINCE and index_of(layout(doc).starts, start) is not None \
            and not text.startswith(_PROVINCE_WORDS, end) \
            and not _UPPER_UNIT.match(text, end) \
            and not _org_head_ahead().match(text, end)

    @staticmethod
    def _repeated(doc: Doc, named: list[Candidate]) -> Iterable[Candidate]:
        """The units and sites the data lacks, written again alone on the page: the rules
        found 火集村 after its township (将台堡镇|火集村), and the page goes on
        ``火集村|集体实行…``. Names of three characters or more, not inside a word."""
        text = doc_text(doc)
        token_starts, token_ends = set(layout(doc).starts), set(layout(doc).ends)
        covered = bytearray(len(text) + 1)
        for c in named:
            covered[c.start:c.end] = b"\1" * (c.end - c.start)
        kinds = {text[c.start:c.end]: c.kind for c in sorted(named) if c.end - c.start >= 3}
        for surface, kind in sorted(kinds.items()):
            for at in occurrences(text, surface, overlapping=False):
                end = at + len(surface)
                if any(covered[at:end]) or (
                        at not in token_starts and CJK_RE.match(text[at - 1:at])) or (
                        end not in token_ends and CJK_RE.match(text[end:end + 1])):
                    continue  # 中国|铁建大桥局: a word running on past the name
                yield REPEATED.candidate(at, end, kind)

    def _name_info(self, name_id: int) -> tuple[int, str, bool]:
        """For a name of the data: its highest level, its class when all its divisions
        share one, and whether it is a three-character county's full name (联合道|里区)."""
        info = self._info.get(name_id)
        if info is None:
            assert self.gazetteer is not None
            name = self.gazetteer.name(name_id)
            cands = self.gazetteer.lookup(name)
            classes = {c.ontology_class for c in cands}
            info = self._info[name_id] = (
                min(c.admin_level for c in cands), classes.pop() if len(classes) == 1 else "",
                len(name) == 3 and name[-1] in _COUNTY_UNITS
                and any(c.name == name for c in cands))
        return info

    @cache  # noqa: B019 -- one recognizer per pipeline, names from a fixed gazetteer
    def _generic_zone(self, name: str) -> bool:
        """Whether a name of the data is a kind of zone, not a zone's name: a zone's head
        after nothing or its kind only (化工园区), or a short form that shares no
        character at the start with what it stands for (产业园 for 马鞍山现代产业园区)
        and is an ordinary word before its unit."""
        assert self.gazetteer is not None
        if _kind_of_zone(name):
            return True  # 化工园区, 工业园: townships and zones the data names by a kind
        if any(d.name == name or d.name[0] == name[0] for d in self.gazetteer.lookup(name)):
            return False
        return _zone_head_re().fullmatch(name) is not None or is_common(name[:-1])

    def _in_context(self, doc: Doc, divisions: list[Candidate]) -> list[Candidate]:
        """Keep a township or village name only where the page is about its county.

        Thousands of villages share names (水泉子村, 文明村, 希望社区); one counts
        when one of its namesakes lies under a county or city the page names,
        or when it is unique and no ordinary word (示范村).
        """
        assert self.gazetteer is not None
        text = doc_text(doc)
        context: set[str] = set()
        municipalities: set[str] = set()
        for c in divisions:
            found = self.gazetteer.lookup(text[c.start:c.end])
            # A name of two characters is a short form (兴化) unless written in full (忠县),
            # and not one whose unit opens a word (市直和|县直部门: no 和县).
            if len(found) == 1 and found[0].admin_level <= COUNTY \
                    and (c.length > 2 or (found[0].name == text[c.start:c.end]
                                          and not is_common(text[c.end - 1:c.end + 1]))) \
                    and not _area_named(text[c.start:c.end]):
                context.add(found[0].key)
                context.update(self.gazetteer.ancestor_keys(found[0].key))
            elif len(found) == 1 and found[0].admin_level == PROVINCE:
                # 重庆|丰都: a municipality's short name places its own counties (only
                # them: 浙江 alone is too wide to confirm a village's name)
                municipalities.add(found[0].key)
        listed = self._listed_siblings(text, divisions)
        # A unit right after another (鸠坑乡|星光村, 旗府街道|新华社区) is named as
        # such; so is the same name anywhere on the page.
        ends = {c.end for c in divisions}
        placed = {text[c.start:c.end] for c in divisions
                  if c.start in ends or _AFTER_UNIT.search(text, max(0, c.start - 4), c.start)}
        kept = []
        for c in divisions:
            name = text[c.start:c.end]
            found = self.gazetteer.lookup(name)
            level = min(d.admin_level for d in found)
            if level == COUNTY and _area_named(name) and name not in placed \
                    and not any(a in context for d in found
                                for a in self.gazetteer.ancestor_keys(d.key)):
                continue  # 老城区, 大社区: districts named like a kind of area
            if level == COUNTY and len(name) == 2 and self._unit_after.match(text, c.end):
                continue  # 海安|街道: a short form opening a unit's name is that name's
            if level == COUNTY and len(name) == 2 and not (
                    name[-1] == "县" and any(d.name == name for d in found)):
                # 龙胜, 渭源 (but 惠民, 永清 are words too; 岷县, 忠县 are full names):
                # a two-character county short name counts on a page that names the
                # county in full, or its prefecture when the lexicon knows the name as a
                # place (兴化 is a verb there, but the page says 兴化市).
                place_word = word_pos().get(name, "ns") in ("ns", "nr", "nz")
                # With the full name on the page, the short form may modify a noun
                # too (奉节|脐橙, 奉节|人), but not open an organization's name (回民|中学).
                apart = place_word or self._stands_apart(doc, c.end) \
                    or not self._unit_named_after(doc, c.end)
                # A common word (石柱) counts only written in full or listed, or as a
                # place word on a page naming its city (浦东 beside 上海).
                written = not is_common(name) or name in self._full_named(text, name) \
                    or (place_word and self._parent_named(text, name))
                if c in listed or (written and any(
                        (apart and d.key in context) or (place_word and (
                            d.parent in context or d.parent in municipalities))
                        for d in found)):
                    kept.append(c)
                continue
            if level <= COUNTY:
                kept.append(c)
                continue
            near = any(a in context for d in found for a in self.gazetteer.ancestor_keys(d.key))
            if _COUNT_BEFORE.search(text, max(0, c.start - 6), c.start):
                continue  # 24个|行政村: a count of units, not a unit's name
            stem = local_stem(name)
            if stem in CHAIN_SUFFIXES or is_verb(stem):
                continue  # 嘎查村, 希望社区: a kind or a verb, not a name
            if level == VILLAGE and (len(stem) < 2 or is_common(stem, SITE_NAME_IDF)) \
                    and name not in placed \
                    and not self._unit_named_after(doc, c.end):
                continue  # 文旅新村, 山村, 生态文化村, 行政村: a kind of village
            if near or c in listed \
                    or (len(found) == 1 and not is_common(stem) and len(stem) >= 2) \
                    or (len(stem) >= 2 and self._unit_named_after(doc, c.end)):
                kept.append(c)
        # 黄金镇|大岭村 is not 黄金|镇大岭村: a name opening on the last character of
        # another unit, its rest a unit of its own, is read as the two.
        spans = {(c.start, c.end) for c in kept}
        return [c for c in kept
                if not ((c.start + 1, c.end) in spans
                        and any(s < c.start and e == c.start + 1 for s, e in spans))]

    def _listed_siblings(self, text: str, divisions: list[Candidate]) -> set[Candidate]:
        """Division names listed together with 、 whose divisions share a parent: each
        reads the others (奉节、巫山、武隆、石柱, four counties of 重庆; 和平乡、东峡乡 of
        湟源县; 若药堂村、前滩村、牧场村 of 日月乡)."""
        assert self.gazetteer is not None
        out: set[Candidate] = set()
        run: list[Candidate] = []
        for c in [*sorted(divisions, key=lambda c: c.start), None]:
            if c is not None and run and run[-1].end + 1 == c.start \
                    and text[run[-1].end] == "、":
                run.append(c)
                continue
            if len(run) >= 2:
                parents = [{d.parent for d in self.gazetteer.lookup(text[r.start:r.end])
                            if d.admin_level >= COUNTY} for r in run]
                shared = set.intersection(*parents)
                if shared:
                    out.update(run)
            run = [c] if c is not None else []
        return out

    def _full_named(self, text: str, name: str) -> set[str]:
        """``name`` if the page writes a county it is the short form of in full
        (石柱 on a page naming 石柱土家族自治县), else nothing."""
        assert self.gazetteer is not None
        return {name} if any(d.name != name and d.name in text
                             for d in self.gazetteer.lookup(name)) else set()

    def _parent_named(self, text: str, name: str) -> bool:
        """Whether the page names the city holding the county ``name`` is the short form
        of (浦东 on a page naming 上海), by its name or a short form of it."""
        assert self.gazetteer is not None
        for d in self.gazetteer.lookup(name):
            parent = self.gazetteer.get(d.parent) if d.parent else None
            if parent is not None and any(
                    form in text for form in (parent.name, *parent.short_names)
                    if len(form) >= 2):
                return True
        return False

    @staticmethod
    def _inside_word(doc: Doc, start: int) -> bool:
        """Whether ``start`` falls inside a token that is a word of the lexicon (浙西|山区),
        not one the segmenter glued from a verb and a name (联合道|里区)."""
        _, starts, ends, words = layout(doc)
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and ends[i] > start and words[i] in word_pos() \
            and not is_verb(words[i])

    @staticmethod
    def _word_ending_at(doc: Doc, start: int) -> str:
        """The two-character token whose last character is at ``start`` (担|任, 高|新), or
        an empty string."""
        _, starts, ends, words = layout(doc)
        i = bisect.bisect_right(starts, start) - 1
        return words[i] if i >= 0 and ends[i] == start + 1 and len(words[i]) == 2 else ""

    @staticmethod
    def _stands_apart(doc: Doc, end: int) -> bool:
        """Whether a word ending at ``end`` stands apart from what follows: punctuation,
        or a verb, adverb or function word (根河，, 兴化|努力), not a noun it would
        modify (回民|中学)."""
        text, starts, _, words = layout(doc)
        if end >= len(text) or not CJK_RE.match(text[end]):
            return True
        i = index_of(starts, end)
        if i is None:
            return False
        word = words[i]
        return word in word_set("function_words") or is_verb(word) \
            or word_pos().get(word, "")[:1] in ("d", "p", "c", "u", "a") \
            or _zone_head_re().match(text, end) is not None  # 兴化|经济开发区

    def _chains(self, doc: Doc, divisions: list[Candidate]) -> Iterable[Candidate]:
        """Units written right after a known place, which the data may lack."""
        text = doc_text(doc)
        chained = list(self._units_after(doc, divisions))
        yield from chained
        before = {*(c.end for c in divisions), *(c.end for c in chained)}
        for c in divisions:
            # 谢家湾街道|民主村|社区: a community kept the name of the village it grew from;
            # written after its subdistrict, so that the page places it.
            if c.start in before and text.startswith(_VILLAGE_COMMUNITY, c.end) \
                    and text[c.end - 1] == "村" \
                    and not _runs_into_word(_VILLAGE_COMMUNITY,
                                            text[c.end + len(_VILLAGE_COMMUNITY):c.end + 5]):
                yield CHAIN.candidate(c.start, c.end + len(_VILLAGE_COMMUNITY))

    def _units_after(self, doc: Doc, divisions: list[Candidate]) -> Iterable[Candidate]:
        """Units the data may lack, written right after the end of a known place."""
        text = doc_text(doc)
        known = {(c.start, c.end) for c in divisions}
        starts = {c.start for c in divisions}
        starts_by_end: dict[int, list[int]] = {}
        for c in divisions:
            starts_by_end.setdefault(c.end, []).append(c.start)
        stop = word_set("function_words")
        # 桥头镇所前泊村、信义村、菱角湾村: a unit listed after a unit of its kind is one too.
        listed = {c.end + 1: unit for c in divisions if text[c.end:c.end + 1] == "、"
                  for unit in VILLAGE_UNITS if text.endswith(unit, c.start, c.end)}
        # A village is written under its county or town, not right after a province
        # (山东省|印发易失联村: a verb's object).
        provinces = {c.end for c in divisions if LEVEL_OF_CLASS.get(c.kind) == PROVINCE}
        # A unit after a division written alone in brackets, as a zone names its district
        # (福州新区（长乐区）|两岸融合社区); not a province (no village is written under one).
        bracketed = {c.end + 1 for c in divisions if text[c.end:c.end + 1] == "）"
                     and text[c.start - 1:c.start] == "（"
                     and LEVEL_OF_CLASS.get(c.kind) != PROVINCE}
        ends = sorted({*(c.end for c in divisions), *listed, *bracketed})
        while ends:
            end = ends.pop(0)
            if end in starts:
                continue  # the next unit is known already
            m = self._chain_re.match(text[end:end + self.chain_max_chars + 3])
            if not m or (end in listed and m.group(1) != listed[end]) \
                    or (end in provinces and m.group(1) in VILLAGE_UNITS):
                continue
            span = (end, end + m.end())
            body = m.group(0)
            stem = body[: -len(m.group(1))]
            if span in known or len(stem) < 2 or stem in CHAIN_SUFFIXES or stem[0] == "级" \
                    or (body[:1] in stop and not self._opens_word(doc, end)):
                continue  # 山西省|级乡村: 省级 is a level, 级 opens no name
            if any(span[0] < start and text.endswith(_STREET_ENDINGS, span[0], start)
                   for start in starts_by_end.get(span[1], ())):
                continue  # 安源区|凤凰街|北桥外社区: a street (or its subdistrict), then a unit
            # 华龙街道|振兴社区|海石湾…: under a township, with a name after it.
            between_names = text.endswith(_TOWNSHIP_UNITS, 0, end) \
                and m.group(1) in VILLAGE_UNITS and self._proper_after(doc, span[1])
            verb_named = between_names or self._verb_named_unit(doc, span, starts)
            if _UPPER_UNIT.search(stem) or stem.endswith("小") or _COUNT.match(stem) \
                    or _org_or_role_re().search(stem) \
                    or ((is_verb(stem) or is_verb(stem[:2])) and not verb_named):
                continue  # 促进|乡, 党委联合|乡, 康养小|镇: no name before the suffix
            if is_common(stem[-1] + m.group(1)) and stem[-1] not in _LOCAL_UNIT_CHARS:
                continue  # 农业|农村: the suffix belongs to a word (农村, 乡村; 宁乡|镇 is a name)
            if is_common(stem) and word_pos().get(stem, "n")[:1] != "n" and not between_names \
                    and not self._unit_named_after(doc, span[1]):
                continue  # 希望|社区 (but 明月|村, 部队|社区 are names)
            if (_runs_into_word(body, text[span[1]:span[1] + 3]) and span[1] not in starts) \
                    or (m.group(1) == "乡" and text[span[1]:span[1] + 1] in ("村", "镇")):
                continue  # 和美乡|村, 用好乡|镇: 乡村 and 乡镇 are words
            if not self._stem_is_name(doc, end, end + len(stem), verbs=verb_named):
                continue  # 深化对村, 第十四批驻村: a phrase after the place, no name
            yield CHAIN.candidate(span[0], span[1])
            if text[span[1]:span[1] + 1] == "、" and m.group(1) in VILLAGE_UNITS:
                listed[span[1] + 1] = m.group(1)
                ends = sorted({*ends, span[1] + 1})
            elif m.group(1) in _TOWNSHIP_UNITS:
                ends = sorted({*ends, span[1]})  # 莒县|招贤镇|武家曲坊村: a village may follow

    @staticmethod
    def _opens_word(doc: Doc, start: int) -> bool:
        """Whether a word of two characters or more, itself no function word, starts
        at ``start``: a function character there is a name's first (平罗县|上八|倾村),
        not a preposition (县|上|…, 余杭区|以下|陡门村)."""
        text, starts, ends, _ = layout(doc)
        i = index_of(starts, start)
        if i is None or ends[i] - start < 2:
            return False
        word = text[start:ends[i]]
        return word not in word_set("function_words") \
            and word_pos().get(word, "")[:1] not in _BOUNDED_NOT_NAME_TAGS

    @staticmethod
    def _stem_is_name(doc: Doc, start: int, end: int, *, verbs: bool = False) -> bool:
        """Whether the tokens of a chain's stem can make a unit's name: no function
        word (向, 对, 驻), no verb of two characters (开展, 推进), no ordinal (第十四),
        and no adjective or verbal noun opening a predicate (扎实|推进, 建设|和美; but
        幸福|里 is a name)."""
        text, starts, ends, words = layout(doc)
        pos, stop = word_pos(), word_set("function_words")
        i = index_of(starts, start)
        first = i is not None
        modified = False  # the stem opens with an adjective, adverb or verbal noun
        if i is None:  # the stem opens inside a token (建|安区|委召开): from the next one
            i = bisect.bisect_right(starts, start)
        while i < len(words) and starts[i] < end:
            word = text[starts[i]:min(ends[i], end)]
            tag = pos.get(word, "")
            if word not in pos and any(ch in _STEM_BREAKS for ch in word):
                return False
            # A token running into the unit word (九|都村) is judged by that word only.
            # Ordinals open no name (第十四批); numerals may (九都村, 五一村).
            # One-character function words may be a name's (九|都|村, 中|村), but not a
            # preposition or particle.
            if ends[i] <= end and ((word in stop and (len(word) > 1 or word in _STEM_BREAKS))
                                   or tag == "p" or word.startswith("第")
                                   or (len(word) >= 2 and is_verb(word) and not verbs)
                                   or (modified and tag[:1] in ("a", "v"))):
                return False
            modified = first and tag in ("a", "ad", "vn", "d")
            first = False
            i += 1
        return True

    @staticmethod
    def _verb_named_unit(doc: Doc, span: tuple[int, int], starts: set[int]) -> bool:
        """Whether a unit whose stem reads as a verb is named by it all the same
        (冠山街道|奋进社区，, 金峰乡|安上村): the segmenter wrote stem and unit as one
        word, or the unit ends its clause or runs into the next known place, where a
        verb would have wanted its object (县|开展社区治理)."""
        text, token_starts, token_ends, _ = layout(doc)
        i = index_of(token_starts, span[0])
        if i is not None and token_ends[i] == span[1]:
            return True  # one word: 安上村
        return text[span[1]:span[1] + 1] in _CLAUSE_ENDS or span[1] in starts

    @staticmethod
    def _proper_after(doc: Doc, end: int) -> bool:
        """Whether a word that is no everyday word starts at ``end``: after a township,
        a village or community named by a verb is followed by a name of its own
        (华龙街道|振兴社区|海石湾住宅花园B区), the verb's object by an ordinary word
        (街道|开展社区|治理)."""
        text, starts, ends, _ = layout(doc)
        i = index_of(starts, end)
        if i is None:
            return False
        word = text[end:ends[i]]
        return len(word) >= 2 and CJK_RE.match(word) is not None and not is_common(word) \
            and word_pos().get(word, "") not in ("v", "vn", "n", "a", "d")

    @staticmethod
    def _unit_named_after(doc: Doc, end: int) -> bool:
        """Whether an organization or a role follows (部队社区|党支部, 中海社区|网格员)."""
        after = doc_text(doc)[end:end + 6]
        return bool(_org_or_role_re(members_only=True).match(after))

    def _road_units(self, doc: Doc, divisions: list[Candidate]) -> Iterable[Candidate]:
        """Subdistricts and communities named after a road (昭乌达南路街道)."""
        text = doc_text(doc)
        if not _ROAD_UNIT_END.search(text):
            return
        _, starts, _, words = layout(doc)
        division_ends = {c.end for c in divisions}
        stop = word_set("function_words")
        for m in _ROAD_UNIT.finditer(text):
            # The name starts where a token starts, after a place or a break.
            last = m.start(1) - 2  # the name opens before this
            inner = [e for e in division_ends if m.start() <= e < last]
            for start in range(max(inner, default=m.start()), last):
                i = index_of(starts, start)
                if i is None or words[i] in stop:
                    continue  # 在|浮烟山路社区: a name opens after a function word
                if start > 0 and CJK_RE.match(text[start - 1]) \
                        and start not in division_ends:
                    prev = next(tokens_before(doc, start), None)
                    if prev is None or (prev.text not in stop and not is_verb(prev.text)):
                        continue
                if any(words[j] in stop or is_verb(words[j])
                       for j in range(i + 1, bisect.bisect_left(starts, last))):
                    continue  # 冯亚辉|是|芙蓉路社区: a clause, the name opens after 是
                # Road names may open with a verb or 和 (解放路, 和平路): the start is
                # decided by what stands before it, not by the name.
                yield ROAD.candidate(start, m.end())
                break

    @staticmethod
    def _streets(doc: Doc, divisions: list[Candidate]) -> Iterable[Candidate]:
        """Roads and streets written right after a place (黄州区|宝塔大道, 白银区|北京路),
        their name a place's or a proper word, not an ordinary one (县里|致富路)."""
        text, starts, ends, words = layout(doc)
        token_ends = set(ends)
        pos = word_pos()
        for c in divisions:
            m = _STREET.match(text, c.end)
            if m is None or m.end() not in token_ends or _STREET_UNIT_AFTER.match(text, m.end()):
                continue  # 路|线: a longer word; 北京路|街道, 凤凰街|社区: a unit's name
            name_end = m.start(2)
            i = bisect.bisect_right(starts, c.end) - 1
            pieces = []  # the name's words, cut at its end (宝塔|大道 may be one token)
            while i < len(words) and starts[i] < name_end:
                pieces.append(text[max(starts[i], c.end):min(ends[i], name_end)])
                i += 1
            if _DIVISION_ENDINGS & set(m.group(1)) or not all(
                    pos.get(w) in _PROPER_TAGS
                    or (pos.get(w) is None and not is_common(w)) for w in pieces):
                continue  # 学生|街, 政协|履职|路, 市县|街: an ordinary word or a unit
            yield STREET.candidate(c.end, m.end(), "Road")

    def _sites(self, doc: Doc, divisions: list[Candidate]) -> Iterable[Candidate]:
        """Parks, museums, mountains … by head noun, the name walked left over tokens."""
        assert self.gazetteer is not None
        text = doc_text(doc)
        stop = word_set("function_words")
        division_by_end = {c.end: c for c in divisions}
        token_start_at = dict(zip(layout(doc).ends, layout(doc).starts, strict=True))
        token_starts = set(layout(doc).starts)
        for m in self._site_re.finditer(text):
            head_start, head_end = m.start(), m.end()
            if head_end not in token_start_at:
                continue  # 山区, 河道: the head is inside a longer word
            start = min(head_start, token_start_at[head_end])
            own = 1 if start < head_start else 0
            if own and head_end - head_start == 1 and _role_before_re().search(
                    text, max(0, start - _longest_role()), start):
                continue  # 网格长|陈春山, 村主任|王青山: a person after a role, no mountain
            if own and not _glued_name_ok(doc, start, head_start, head_end):
                continue  # 三面|环山, 八磅|锤上山, 组|建片区: a word's tail, no name
            # One character glued before a head of several (德|宏片区) is a name's
            # last character: the name needs what stands before it (not 全片区).
            fragment = own == 1 and head_start - start == 1 and head_end - head_start > 1
            # A place word of the lexicon (太行山) is a whole name: what stands before
            # it is no part of it (洒进|太行山), unless a place (乌鲁木齐天山).
            whole = own == 1 and head_end - start >= 3 \
                and word_pos().get(text[start:head_end]) == "ns"
            placed = estate = modified = city_area = False
            if not own and m.group(0) in COMPOUND_HEADS:
                # 白云街道|丽园|馨|都|小区: right after a division, what the segmenter cut
                # into pieces up to the head is one compound's name.
                bounded = _bounded_name(doc, head_start, division_by_end)
                if bounded is not None:
                    start, own = bounded, 2
            zone = _zone_head_re().fullmatch(m.group(0)) is not None
            memorial = m.group(0) in memorial_heads()
            apart = m.group(0) in apart_heads()
            while start > 0:
                division = division_by_end.get(start)
                if division is not None and own == 0 and m.group(0) in COMPOUND_HEADS \
                        and self._village_named(text[division.start:division.end]):
                    # 淞南十村|小区: the compound of a village or residents' committee
                    # carries its name.
                    placed, start = True, division.start
                    continue
                if division is not None:
                    # Short names open official site names (内蒙古哈达门国家森林公园,
                    # 四平战役纪念馆). A name written with its unit stands apart
                    # (科左后旗|大青沟…保护区, 吉林省|四平战役纪念馆), and so does any
                    # division before a lake, a mountain, a bridge … or a memorial
                    # with a name of its own, which lie in it (浙江嘉兴|南湖, 河北|平山,
                    # 河北平山|沕沕水水电站, 浙江嘉兴|南湖革命纪念馆).
                    surface = text[division.start:division.end]
                    # One division opens a zone's name, and no province before a zone's
                    # own name: the one before holds the zone (安徽|合肥高新区, 重庆|两江新区;
                    # but 瑞丽沿边产业园, 内蒙古清水河老牛湾国家地质公园).
                    namesakes = self.gazetteer.lookup(surface)
                    provincial = min((d.admin_level for d in namesakes),
                                     default=VILLAGE) <= PROVINCE
                    # A city's new area is named by the city's short name (福州|新区),
                    # whose last character may be a unit's (州) without being one.
                    city = m.group(0) in area_heads() and self._city_short_name(surface)
                    # A zone with a name of its own stands apart from the city before it
                    # (景德镇|昌南新区, 衡阳|松木经开区), unless that name tells a position
                    # (瑞丽|沿边|产业园, 长沙|城南|新区).
                    if zone and not own and modified and not placed \
                            and _field_of_zone(text[start:head_start]) \
                            and any(d.name == surface and d.admin_level in (PREFECTURE, COUNTY)
                                    for d in namesakes):
                        # 龙里县|高新技术|产业园区: a field's zone after a city's or county's
                        # full name is its zone, which the division names (not 莆田市|全部|
                        # 片区 nor 龙里县|主要|产业园区, how many or which of its zones).
                        placed, start = True, division.start
                        break
                    own_name = text[division.end:head_start]
                    named_zone = zone and own and not modified \
                        and word_pos().get(own_name) != "f" and not _POSITION.fullmatch(own_name)
                    if (zone and (placed or (own and provincial))) or named_zone or apart \
                            or (memorial and own) \
                            or head_end - division.start > self.site_max_chars \
                            or not namesakes \
                            or (_UPPER_UNIT.match(surface[-1]) and not city) \
                            or any(d.name == surface for d in namesakes):
                        break  # 黄花滩镇|金滩羊产业园: a division's full name is its own
                    placed, start, city_area = True, division.start, city
                    continue
                # (not 张家界|市|的|天门山: a function word stands between, no name's piece)
                glued = next((e for e in (start - 1, start - 2) if e in division_by_end
                              and e not in token_starts and (e == start - 1 or (
                                  start - 1 in token_starts and CJK_RE.match(text[e])
                                  and text[start - 1] not in stop))),
                             None)
                if (own == 1 or (own == 0 and modified)) and glued is not None:
                    # 林格尔土|城子, 仓南街社|区金|都|南苑小区, 黄花滩镇金|滩羊|产业园: the
                    # segmenter glued the name's first character to the place.
                    start = glued
                    own = 2
                    continue
                token = next(tokens_before(doc, start), None)
                if whole or token is None or token.idx + len(token.text) != start:
                    break
                if not _is_name_token(token.text) or token.text in stop \
                        or _DATE.fullmatch(token.text) or (
                            token.text.endswith(_LEVEL_WORD_END)
                            and token.idx not in division_by_end):
                    # 3月|孔雀小区: a date opens no name; 获批|省级|化工园区 is a kind
                    # (but 自贡|国家级|高新技术产业开发区 is a name)
                    break
                if head_end - token.idx > self.site_max_chars or placed:
                    break
                if not own and not whole and (
                        (zone and (_zone_kind(token.text) or (
                            # 高新|技术: jieba tags 高新 an adverb, 高新技术 a noun
                            modified and _zone_kind(text[token.idx:head_start]))))
                        or (memorial and token.text in _COMMEMORATED)):
                    # 巨龙|化工|园区, 杨凌|农业|高新技术|产业|示范区: the kind of a zone
                    # stands between its name and its head; so does what a memorial
                    # commemorates (四平|战役|纪念馆, 枣园|革命|旧址).
                    start, modified = token.idx, True
                    continue
                # One own name (南山|公园), which the segmenter may cut (土|城子) or
                # follow with a modifier (喀赞其|民俗|旅游区); never an ordinary word
                # (做好|公园, 烈士|纪念碑).
                if not own and m.group(0) in COMPOUND_HEADS \
                        and token.text in word_set("estate_words"):
                    # 永宁|花园|小区: a word of estate names between the name and the head,
                    # which is then one word (not 包联|永宁|花园小区).
                    start, estate = token.idx, True
                    continue
                tag = word_pos().get(token.text)
                proper = (tag is None or tag in _PROPER_TAGS) and not is_common(token.text)
                if own and not (own == 1 and (len(token.text) == 1 or proper)):
                    break
                after_break = not CJK_RE.match(text[token.idx - 1:token.idx])
                # A verb after a comma may open a name (定|远营古城), not before a
                # one-character head (赴|界河, 穿|天山).
                single = own and len(token.text) == 1 and tag not in _NOT_NAME_CHAR_TAGS and (
                    tag != "v" or (after_break and head_end - head_start > 1))
                if not own and len(token.text) == 1 and not after_break:
                    break  # 一|轮|草原: one character inside a phrase is no name
                # Before an estate word an everyday word may be the name (幸福|家园|小区),
                # which _compound_named then checks by what stands before it.
                everyday_estate = estate and len(token.text) >= 2 and not is_verb(token.text)
                # A verbal noun right before a head that ends the clause is the verb of
                # an object (，巡查|水库，), though a road may be named by one (建设|路).
                acting = own == 0 and tag == "vn" and m.group(0) not in _road_heads() \
                    and text[head_end:head_end + 1] in _CLAUSE_ENDS
                # Right after a division an everyday noun names its site (伊宁市|人民|公园,
                # 赤峰市|人民|广场): the city's own park, not a kind of park.
                division_named = own == 0 and token.idx in division_by_end \
                    and len(token.text) >= 2 and tag in _SITE_NAME_NOUN_TAGS
                if not single and not everyday_estate and not division_named and (
                        is_verb(token.text) or acting or not _site_name_ok(token.text)):
                    break  # 定|远营古城 after a comma joins; 赴|井冈山 does not
                own += 1
                start = token.idx
                if estate:
                    break
            if own and not placed and start - 1 in token_starts and _numeral_opens(text, start):
                start -= 1  # 三|江源国家公园, 五|指山: a numeral opens many names
            if (not own and not placed) or (fragment and own < 2 and not placed):
                continue
            if m.group(0) in zone_heads() and not own and not modified and not city_area:
                continue  # 德宏州|园区: a place's zones, not one zone's name (but 福州|新区)
            if _in_idiom(text, head_start, head_end):
                continue  # 山南海北
            if m.group(0) in COMPOUND_HEADS and not self._compound_named(
                    doc, start, head_start, placed or start in division_by_end):
                continue
            if len(m.group(0)) == 1 and self._unit_after.match(text, head_end):
                continue  # 臣南河|村, 青山|镇: the name of a unit, which the data may lack
            if head_end - start >= max(3, len(m.group(0)) + 1):
                yield SITE.candidate(start, head_end, "Site")

    def _city_short_name(self, name: str) -> bool:
        """Whether ``name`` is a prefecture-level city's name without its unit and
        nothing else (福州 of 福州市, 兰州; not 德宏, an autonomous prefecture's)."""
        assert self.gazetteer is not None
        found = self.gazetteer.lookup(name)
        return bool(found) and all(d.ontology_class == "PrefectureCity" and d.name != name
                                   and d.name.startswith(name) for d in found)

    def _village_named(self, surface: str) -> bool:
        """Whether ``surface`` names a village-level division (淞南十村, 凤凰新村)."""
        assert self.gazetteer is not None
        return any(d.admin_level == VILLAGE for d in self.gazetteer.lookup(surface))

    @staticmethod
    def _compound_named(doc: Doc, start: int, head_start: int, placed: bool) -> bool:
        """Whether a residential compound has a name of its own: after a place
        (陵西街道|凤凰新村小区) or opening a phrase (，金都南苑小区), and no description
        (老旧小区, 城中村小区) or verb's object (民生工程|直送小区)."""
        text = doc_text(doc)
        name = text[start:head_start]
        if name in word_set("generic_nouns") or is_common(name) \
                or _COUNT_BEFORE.search(text, max(0, start - 6), start):
            return False  # 11个|受淹小区: compounds counted are of a kind
        if placed or start == 0 or not CJK_RE.match(text[start - 1]):
            return True
        before = next(tokens_before(doc, start), None)
        # After a unit or a zone (开发区|紫玉佳园小区) the compound is placed in it.
        return before is not None and (before.text in word_set("function_words")
                                       or is_verb(before.text)
                                       or before.text.endswith(CHAIN_SUFFIXES)
                                       or _zone_head_re().fullmatch(before.text) is not None)

    def _features(self, doc: Doc, division_ends: set[int]) -> Iterable[Candidate]:
        """Rivers, lakes and mountains the lexicon knows as place names (鸭绿江, 黄河)."""
        pos = word_pos()
        text, starts, ends, words = layout(doc)
        # Visit the tokens that end in such a character, not every token.
        for m in _FEATURE_ENDING.finditer(text):
            i = index_of(ends, m.end())
            if i is None:
                continue
            start, end, word = starts[i], ends[i], words[i]
            if pos.get(word) == "ns" and (len(word) >= 3 or (
                    (is_common(word) or not is_common(word[0]) or word[0] in _DIRECTIONS
                     or start in division_ends
                     or _FEATURE_BEFORE.search(text, max(0, start - 2), start)
                     or _FEATURE_AFTER.match(text, end))
                    and word[0] not in _GENERIC_FEATURE_FIRST)) \
                    and not _in_idiom(text, start, end):
                yield FEATURE.candidate(start, end, "Site")
        # Plains, grasslands, deserts and grottoes: the lexicon's name whole (科尔沁沙地),
        # or a place name it knows before the landform (松辽|平原, 那拉提|草原).
        token_starts = set(starts)
        for m in _LANDFORM.finditer(text):
            i = index_of(ends, m.end())
            if i is None:
                continue
            # A plain, grassland or desert is a region (呼伦贝尔大草原); a grotto is a site.
            kind = "Site" if m.group(0) in _LANDFORM_SITES else "GeographicRegion"
            if len(words[i]) > len(m.group(0)) and pos.get(words[i]) == "ns":
                yield FEATURE.candidate(starts[i], ends[i], kind)
            elif (whole := _lexicon_name_ending(text, m.start(), m.end(), token_starts)) \
                    is not None:
                # 黄土|高原, 科尔沁沙|地, 吕梁|山区: the lexicon's name, cut by the segmenter
                yield FEATURE.candidate(whole, m.end(), kind)
            elif m.group(0) in _LANDFORM_WHOLE_ONLY:
                continue  # 偏远|山区: a region only as the lexicon's whole name
            elif words[i] == m.group(0) and i > 0 and ends[i - 1] == starts[i] \
                    and pos.get(words[i - 1]) == "ns" and len(words[i - 1]) >= 2 \
                    and words[i - 1][-1] not in _DIVISION_ENDINGS:
                # (not 甘孜州|高原: a division with a landform of its own)
                yield FEATURE.candidate(starts[i - 1], ends[i], kind)

    def _abroad(self, doc: Doc) -> Iterable[Candidate]:
        """Countries and cities abroad (蒙古国, 乌兰巴托), as whole words of the text."""
        starts = set(layout(doc).starts)
        ends = set(layout(doc).ends)
        for m in self._abroad_re.finditer(doc_text(doc)):
            if m.start() in starts and m.end() in ends:
                yield ABROAD.candidate(m.start(), m.end(), "ForeignPlace")

    @staticmethod
    def _counted(doc: Doc, division_ends: set[int]) -> Iterable[Candidate]:
        """Names listed before a count of their unit (北大、后黄、吴江3个村; 巴彦毛都、
        甘旗卡、巴胡塔3个苏木; 若药堂村、前滩村、牧场村3个村), each a unit of that kind."""
        text, starts, ends, words = layout(doc)
        stop = word_set("function_words")
        for m in _COUNTED_LIST.finditer(text):
            unit = m.group(2)
            guess = guess_unit(unit)
            if unit in _MIXED_UNITS:
                kind = LEVEL_CLASS[_MIXED_UNITS[unit]]
            elif guess is not None:
                kind = guess[2]
            else:
                continue
            # The first name: the tokens before the first 、, back to a place, a unit
            # word, a verb, a function word of two characters or punctuation (走遍|巴|彦毛|
            # 都); a verb glued to it is cut off (牵头埔柳).
            first_end = m.start(1)
            i = index_of(ends, first_end)
            first_start = first_end
            while i is not None and i >= 0 and (first_start == first_end
                                                or first_start not in division_ends):
                word = words[i]
                if len(word) > 2 and is_verb(word[:2]) and first_end - starts[i] - 2 <= 4:
                    first_start = starts[i] + 2
                    break
                if first_end - starts[i] > 4 or not CJK_RE.fullmatch(word[0]) or (
                        len(word) >= 2 and (word in stop or is_verb(word))) \
                        or (word.endswith(UNIT_SUFFIXES) and first_start < first_end):
                    break  # 拱辰|街道|七步: a unit before the name (but 若|药堂村 is one)
                first_start = starts[i]
                i -= 1
            j = index_of(starts, first_start)
            if j is not None and words[j] in stop and ends[j] < first_end:
                first_start = ends[j]  # 划分|为|蝶云天: a preposition opens no name
            names = [(first_start, first_end)]
            at = m.start(1)
            for item in m.group(1).split("、")[1:]:
                at += 1
                names.append((at, at + len(item)))
                at += len(item)
            if names[0][1] - names[0][0] < 2:
                continue
            if any(is_verb(text[a:b]) or text[a:b] in stop for a, b in names):
                continue  # 推进、落实3个村: verbs, no names
            for a, b in names:
                yield COUNTED.candidate(a, b, kind)

    def _regions(self, text: str) -> Iterable[Candidate]:
        """Named regions of several provinces or cities (京津冀, 粤港澳大湾区)."""
        for m in self._region_re.finditer(text):
            yield REGION.candidate(m.start(), m.end(), "GeographicRegion")

    def _aliases(self, text: str, divisions: list[Candidate]) -> Iterable[Candidate]:
        """Literary names of cities (青城 = 呼和浩特市) on a page that names the city."""
        assert self.gazetteer is not None
        named: set[str] | None = None  # made for the first alias: most pages have none
        stop = word_set("function_words")
        for m in self._alias_re.finditer(text):
            if named is None:
                named = set()
                for c in divisions:
                    for d in self.gazetteer.lookup(text[c.start:c.end]):
                        named.add(d.key)
                        named.update(self.gazetteer.ancestor_keys(d.key))
            code = city_aliases()[m.group(0)]
            after = text[m.end():m.end() + 1]
            # 青城驿站, 青城交社: an alias inside a longer name is not the city.
            if code in named and (not CJK_RE.match(after) or after in stop):
                yield ALIAS.candidate(m.start(), m.end(), "", code)


def _names_in_one_token(doc: Doc, spans: list[tuple[int, int]]) -> list[int]:
    """Where a token written as place names one after another (甘肃兰州) is cut between
    them: each part a name of two characters or more, the parts covering the token."""
    text, starts, ends, _ = layout(doc)
    by_start: dict[int, set[int]] = {}
    for start, end in spans:
        if end - start >= 2:
            by_start.setdefault(start, set()).add(end)
    cuts: list[int] = []
    for start, end in zip(starts, ends, strict=True):
        if end - start < 4 or start not in by_start:
            continue
        # The shortest cover from the token's start to its end, names only.
        path = {start: [start]}
        frontier = [start]
        while frontier and end not in path:
            nxt = []
            for at in frontier:
                for stop in sorted(by_start.get(at, ())):
                    if stop <= end and stop not in path:
                        path[stop] = [*path[at], stop]
                        nxt.append(stop)
            frontier = nxt
        if end in path and len(path[end]) > 2 and CJK_RE.match(text[start]):
            cuts.extend(path[end][1:-1])
    return cuts


@cache
def _road_heads() -> frozenset[str]:
    """The heads of roads and streets (路, 大街, 巷)."""
    return frozenset(head for head, cls in site_classes() if cls == "Road")


def _lexicon_name_ending(text: str, head_start: int, end: int, token_starts: set[int]
                         ) -> int | None:
    """Where the longest place name of the lexicon that ends at ``end`` with the landform
    at ``head_start`` starts, at a token's start, if any."""
    for start in range(max(0, end - _LANDFORM_NAME_CHARS), head_start - 1):
        if start in token_starts and word_pos().get(text[start:end]) == "ns":
            return start
    return None


@cache
def _functional_zone_heads() -> tuple[str, ...]:
    """The heads of every zone's name (经济开发区, 高新区, 园区): all the FunctionalZone
    rows of ``site_heads.tsv``, whatever their use (``zone_heads`` are those that need a
    name before them)."""
    return tuple(h for h, cls in site_classes() if cls == "FunctionalZone")


@cache
def _zone_head_re() -> re.Pattern[str]:
    """The heads of development zones, which a county's short form names (兴化经济开发区)."""
    return re.compile(alternation(_functional_zone_heads()))


def _field_of_zone(word: str) -> bool:
    """Whether a word before a zone's head names the zone's field (高新技术, 航空, 化工): a
    noun of the lexicon, not one that counts, ranks or sorts the zones (全部, 重点, 特色;
    主要 and 现有 are attributives)."""
    return word_pos().get(word) in ("n", "vn") and word not in _NOT_FIELDS


_NOT_FIELDS = frozenset({"全部", "部分", "整个", "全体", "重点", "特色", "其他", "相关"})
# A part of a city by its direction (城南, 东部), which jieba may tag as a place name.
_POSITION = re.compile("城?[东南西北中]|[东南西北中]部")
# The events a memorial commemorates, written between the place and its head
# (遵义|会议|会址, 四平|战役|纪念馆): no name of their own, but part of the site's.
_COMMEMORATED = frozenset({"战役", "会议", "起义", "革命", "烈士", "抗战", "抗日", "红军",
                           "长征", "战斗"})


def _kind_of_zone(name: str) -> bool:
    """Whether a name is a zone's head after nothing or its kind only (化工园区, 工业园)."""
    m = _zone_head_end_re().search(name)
    return m is not None and (m.start() == 0 or _zone_kind(name[:m.start()]))


@cache
def _zone_head_end_re() -> re.Pattern[str]:
    return re.compile(f"(?:{_zone_head_re().pattern})$")


def _zone_kind(word: str) -> bool:
    """Whether a word tells a zone's kind (化工, 航空, 新材料, 现代 物流), not its name."""
    return not is_verb(word) and word_pos().get(word) in _ZONE_KIND_TAGS


# Parts of speech of the words that tell a zone's kind: nouns, adjectives, time words.
_ZONE_KIND_TAGS = frozenset({"n", "vn", "an", "a", "b", "t"})
_DATE = re.compile(r"[0-9０-９]+[年月日号]")
# Parts of speech of single characters that never start a site's name (距, 一, 轮).
_NOT_NAME_CHAR_TAGS = frozenset({"p", "c", "d", "u", "r", "m", "q", "f", "y", "e", "o"})
# Tags of characters glued before a site's head that end no name (上|山, 为|景区, 落依|山).
_GLUED_NOT_NAME_TAGS = frozenset({"p", "c", "d", "u", "r", "f", "y", "e", "o"})


# A numeral written as a word of its own right before a site's own name opens it (三|
# 江源国家公园, 九|曲溪景区), unless it counts (三|座公园, 这三|个) or follows a word of
# order or number (第三, 每一, 1|三).
_NUMERAL_OPENING = re.compile("[一二三四五六七八九十]")
_COUNTING_BEFORE = re.compile(r"[0-9０-９一二三四五六七八九十百千万两第这那每各约共几]")
_CLASSIFIER_AFTER = re.compile("[个座家处条片所名位批类项只块间栋幢]")


def _numeral_opens(text: str, start: int) -> bool:
    """Whether the one numeral character before ``start`` opens the site's name."""
    if start < 1 or _NUMERAL_OPENING.match(text, start - 1) is None \
            or _CLASSIFIER_AFTER.match(text, start) is not None:
        return False
    return start == 1 or _COUNTING_BEFORE.match(text, start - 2) is None


def _area_named(name: str) -> bool:
    """Whether a three-character name ends in a kind of area (老|城区, 大|社区)."""
    return len(name) == 3 and name[0] in _AREA_MODIFIERS and name[1:] in _GENERIC_AREAS


def _in_idiom(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] lies inside a four-character idiom."""
    pos = word_pos()
    for i in range(max(0, end - 4), start + 1):
        window = text[i:i + 4]
        if i + 4 >= end and (window in idioms() or pos.get(window) in ("i", "l")):
            return True
    return False


def _glued_name_ok(doc: Doc, start: int, head_start: int, head_end: int) -> bool:
    """Whether the characters the segmenter glued to a site's head (太行|山 in one
    token) can open its name: no verb, preposition or locative (环山, 上山, 为景区),
    no ordinary word (自家|山地, 排查|山体, 护城河), and no simile (稳如|山)."""
    text, starts, _, words = layout(doc)
    glued, head = text[start:head_start], text[head_start:head_end]
    token = text[start:head_end]
    if is_common(token):
        return False  # 护城河: an everyday word
    if len(token) >= 3 and word_pos().get(token) == "ns":
        return True  # 横断山脉: the lexicon knows the whole as a place
    if len(glued) == 1:
        # 山|河, 江|湖: two landforms make scenery, not a name.
        return not is_verb(glued) and word_pos().get(glued) not in _GLUED_NOT_NAME_TAGS \
            and not (len(head) == 1 and glued in site_heads())
    if not _site_name_ok(glued) or glued.endswith("如") \
            or word_pos().get(glued[-1]) in _GLUED_NOT_NAME_TAGS:
        return False
    if len(head) == 1 and is_verb(glued[0]) and glued not in word_pos():
        return False  # 赴界|河, 赏雪|山: a verb and its object, not a known name
    # A one-character head that opens an everyday noun with a one-character token
    # after it (山|地, 山|间) is that noun's first character, not a site's head
    # (but 西辽河|流域).
    follow = text[head_start:head_end + 1]
    i = index_of(starts, head_end)
    return not (len(head) == 1 and i is not None and len(words[i]) == 1
                and is_common(follow) and word_pos().get(follow, "n") not in ("s", "f", "ns"))


# The characters of a compound's name between a division and its head (丽园馨都), and
# the tags of single characters that are no piece of one (的, 和, 一, 个; but 馨|都 are).
_BOUNDED_NAME_CHARS = (3, 6)
_BOUNDED_NOT_NAME_TAGS = frozenset({"p", "c", "u", "r", "m", "q", "f", "y", "e", "o"})


def _bounded_name(doc: Doc, head_start: int, division_by_end: dict[int, Candidate]
                  ) -> int | None:
    """Where a compound's name starts when a division ends right before it, the name cut
    into pieces none of which is a verb, a function word or an everyday word."""
    low, high = _BOUNDED_NAME_CHARS
    # The nearest division before the head (it may end inside a token: 白云街|道丽|园馨).
    start = next((e for e in range(head_start, head_start - high - 1, -1)
                  if e in division_by_end), None)
    if start is None or head_start - start < low:
        return None
    name = doc_text(doc)[start:head_start]
    pieces = [t.text for t in takewhile(lambda t: t.idx >= start,
                                        tokens_before(doc, head_start))]
    stop, estate = word_set("function_words"), word_set("estate_words")
    for piece in pieces:
        tag = word_pos().get(piece, "")
        if piece in estate and piece != pieces[-1]:
            continue  # 凤凰镇|凤凰|春晓|花园|小区: an estate word inside the name
        if is_verb(piece) or (tag[:1] in _BOUNDED_NOT_NAME_TAGS if len(piece) == 1
                              else piece in stop or not _site_name_ok(piece)):
            return None
    return None if not all(CJK_RE.match(ch) for ch in name) or is_common(name) else start


def _site_name_ok(word: str) -> bool:
    """Whether a token can be a site's own name: no verb, no everyday noun."""
    if is_verb(word) or is_common(word, SITE_NAME_IDF):
        return False
    tag = word_pos().get(word, "")
    if tag in ("r", "c", "p", "u"):
        return False  # 有的|片区: a pronoun or function word opens no name
    return not (tag in ("n", "vn", "a", "d", "m") and is_common(word))


@cache
def city_aliases() -> dict[str, str]:
    """Literary alias → division code (``kg/data/city_aliases.tsv``)."""
    return dict(line.split("\t")[:2] for line in word_list("city_aliases.tsv"))


@cache
def _role_before_re() -> re.Pattern[str]:
    """A role word ending where a name starts (网格长|陈春山)."""
    return re.compile(f"(?:{alternation(list(role_words()))})$")


@cache
def _longest_role() -> int:
    """The length of the longest role word: how far back a role before a name is read."""
    return max(map(len, role_words()))


@cache
def _org_or_role_re(*, members_only: bool = False) -> re.Pattern[str]:
    """An organization head or a role word of two or more characters; ``members_only``:
    not a role held anywhere (336个行政村|大学生: 大学生 names no unit's member)."""
    heads, roles = list(org_heads()), list(role_words())
    if members_only:
        roles = [r for r in roles if r not in sentence_roles()]
    # 大学|生 is a student, no university
    return re.compile(f"(?:{alternation([h for h in heads if len(h) >= 2])})(?!生)|"
                      + alternation([r for r in roles if len(r) >= 2]))


def _is_name_token(text: str) -> bool:
    return bool(NAME_TOKEN_RE.fullmatch(text))


@Language.factory("zhkg_places", assigns=["doc._.zhkg_candidates"],
                  default_config={"chain_max_chars": 6, "site_max_chars": 16})
def make_place_recognizer(nlp: Language, name: str, chain_max_chars: int,
                          site_max_chars: int) -> PlaceRecognizer:
    return PlaceRecognizer(nlp, name, chain_max_chars=chain_max_chars,
                           site_max_chars=site_max_chars)
