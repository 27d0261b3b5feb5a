"""ORG recognition by grammar: [place | level prefix | quoted name | name] + head noun+.

Organization names in the genre are built from an owner (a place, or a level
prefix such as 市/旗/中央 standing for it), an optional own name, and one or
more head nouns (鄂托克旗|委|组织部, 市|交通|集团|第二|党支部).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cached_property
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from kg.pipeline.candidates import (
    candidates_of,
    doc_text,
    index_of,
    layout,
    tokens_before,
)
from kg.pipeline.serialize import SerializableComponent
from kg.rules.families import Candidate, RuleFamily, family
from kg.rules.lexicon import (
    CJK,
    CJK_RE,
    HAN_RE,
    NAME_TOKEN_RE,
    OWNING_SITE_CLASSES,
    alternation,
    area_heads,
    is_common,
    is_verb,
    org_heads,
    role_words,
    rows,
    site_class,
    word_pos,
    word_set,
    zone_heads,
)
from kg.rules.units import (
    BARE_KINDS,
    CHAIN_SUFFIXES,
    COMPOUND_HEADS,
    COUNTY,
    LEVEL_OF_CLASS,
    LEVEL_PREFIXES,
    LOCAL_UNITS,
    PREFECTURE,
    TOWNSHIP,
    UNIT_SUFFIXES,
    VILLAGE_UNITS,
    ZONE_BODIES,
    guess_unit,
    unit_chars,
)

PLACE_OWNED, PREFIX_OWNED, QUOTED, NAMED, LISTED, CENTRAL = (
    family("zhkg.orgs:" + rule)
    for rule in ("place", "prefix", "quoted", "named", "listed", "central"))
# Rivers, mountains and landforms found by the place rules.
_FEATURE = family("zhkg.places:feature").id

# The one-character county units (县, 旗, 区, 市).
_COUNTY_UNITS = unit_chars(COUNTY, COUNTY)
# Every offset where a level prefix begins; they begin with distinct characters.
_PREFIX_AT = re.compile(f"(?=({alternation(LEVEL_PREFIXES)}))")
_QUOTED = re.compile(rf"“([{CJK}0-9A-Za-z·]{{2,8}})”")
# 围绕区委中心工作: 中心 opens "central task", not an institution.
_NOT_A_HEAD_AFTER = ("中心工作", "中心任务", "中心大局")
_TASK_GROUP = re.compile(
    rf"[{CJK}]{{2,16}}?(?:工作)?(?:领导小组|指挥部)(?:办公室)?(?=[^{CJK}]|[在和与的等])")
# Heads of a government, which no other body holds.
_GOVERNMENTS = frozenset({"政府", "人民政府"})
# Heads that after a level prefix name a body beside the one before, not inside it
# (市委|市政府, 县委|县政府).
_PEER_BODIES = _GOVERNMENTS | {"委"}
# Verbs of setting up or sending a body, which after a place make it the subject.
_SETTING_UP = frozenset({"成立", "组建", "设立", "派出", "选派", "抽调", "建立", "牵头", "带领",
                         "指导", "派驻"})
# Sections of a department numbered in order (组织部|组织|一科, 社会工作部|一科): offices
# inside the department, whose name ends before them.
_SECTIONS = frozenset("科处室")
_SECTION_NUMBER = re.compile("[一二三四五六七八九十]+$")
# Classes of heads that follow a trade name, which may hold any word (中科, 农业发展).
_TRADE_CLASSES = frozenset({"Enterprise", "Cooperative"})
# A bracketed qualifier inside a name (山东高速（集团）有限公司, 民营经济（现代产业）发展促进
# 中心), not an abbreviation's note (（以下简称…）).
_QUALIFIER = re.compile(rf"[（(](?!以下|简称|下称)[{CJK}]{{1,8}}[）)]")
_OPEN_BRACKETS, _CLOSE_BRACKETS = re.compile("[（(]"), re.compile("[）)]")
_REGISTERED_COMPANY = "有限公司"
# The class of the generic party head (党组织): a category before it makes a kind of bodies.
_GENERIC_BODY = "PartyOrganization"
# Heads whose remit may join two fields by 和 or 与 (住房和城乡建设局 in full;
# 文化广播电视和旅游局, 交通与建设局, 民族与社会高等研究院).
_JOINED_CLASSES = frozenset({"GovernmentDepartment", "Government", "Institution"})
_JOINING = frozenset({"和", "与"})
_CLASSIFIERS = frozenset("支家个届名位批所条人户")
# Parts of speech of the words of a university's own name: places and nouns (中国|科学|技术|
# 大学, 清华|大学); not a person's name, unknown to the lexicon (陈庭|大学毕业), nor a verb
# (考上|大学). 大学 is an ordinary word too; a 小学 or 中学 may be named by anything (纪达中学).
_UNIVERSITY_NAME_TAGS = ("n", "j")
# Parts of speech of words that never open or continue an organization's own name:
# time words, adverbs, conjunctions, prepositions, pronouns (之 of 爱心之家 may), and
# idioms (前不久|公司).
_NOT_IN_NAME_TAGS = frozenset({"t", "d", "c", "p", "r", "i"})
# Those that after a quote make it the subject of a predicate; not jieba's t, which it
# gives 青年 (“碳行新路”|青年|突击队).
_PREDICATE_TAGS = _NOT_IN_NAME_TAGS - {"t"}
# Unit words after which an own name is a village or community (胡斯台|嘎查|党支部).
_UNIT_WORDS = frozenset(LOCAL_UNITS)
# A unit with the verb of taking a post glued to it by the segmenter (兴合|村任|党支部书记).
_POST_GLUED = re.compile(f"[{''.join(u for u in LOCAL_UNITS if len(u) == 1)}]任")
# 6支|志愿服务队, 5家|商会, 二十届: counted things are not names.
_COUNTED = re.compile(r"^[0-9一二三四五六七八九十两百千万几多]+[支家个届名位批所条]?$|^[0-9]")


class OrgRecognizer(SerializableComponent):
    """Proposes ORG candidates; reads the PLACE candidates proposed before it."""

    settings = ("max_name_chars", "max_sub_chars")
    data_files = ("central_bodies.tsv", "function_words.txt", "generic_nouns.txt",
                  "org_heads.tsv", "program_rejects.txt", "role_words.tsv",
                  "rule_families.tsv", "units.tsv")

    def __init__(self, nlp: Language, name: str = "zhkg_orgs", *, max_name_chars: int = 12,
                 max_sub_chars: int = 8) -> None:
        self.name = name
        self.max_name_chars = max_name_chars
        self.max_sub_chars = max_sub_chars

    @cached_property
    def heads(self) -> dict[str, tuple[str, str]]:
        return org_heads()

    @cached_property
    def _head_re(self) -> re.Pattern[str]:
        return re.compile(alternation(list(self.heads)))

    @cached_property
    def _role_re(self) -> re.Pattern[str]:
        return re.compile(alternation(list(role_words())))

    @cached_property
    def _strong_re(self) -> re.Pattern[str]:
        return re.compile(alternation([h for h, (_, s) in self.heads.items() if s == "strong"]))

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        text = doc_text(doc)
        # Divisions own organizations, and so do residential compounds (沈新园小区|党支部);
        # sites and landforms do not (松辽平原|交界处).
        places = [c for c in found if c.label == "PLACE" and c.source != _FEATURE
                  and (c.kind != "Site" or text[c.start:c.end].endswith(COMPOUND_HEADS))]
        # A village's (or a compound's) organization is named from it on, even after its
        # town (美岱召镇|何家窑村党支部): the town stands apart as a place.
        named_from = {c.start for c in places
                      if text[c.start:c.end].endswith((*VILLAGE_UNITS, *COMPOUND_HEADS))
                      and not any(o.start < c.start and c.end <= o.end for o in places)}
        inside = {i for c in places for i in range(c.start + 1, c.end)}
        new: list[Candidate] = []
        # The longest of places ending together owns (武家曲坊村, not the data's 曲坊村 in it).
        first_start: dict[int, int] = {}
        for c in places:
            first_start[c.end] = min(c.start, first_start.get(c.end, c.start))
        owners = [(c.start, c.end) for c in places if c.start == first_start[c.end]]
        new.extend(c for c in self._owned(doc, owners, PLACE_OWNED)
                   if not any(c.start < v < c.end for v in named_from))
        # A zone, park or reserve owns the body that administers it, and that body's own
        # (三江源国家公园|黄河源园区管委会党委, 大青沟国家级自然保护区|管理局); compounds
        # own their branches as places above, and are not walked again here.
        for site in found:
            if site.label != "PLACE" or site.kind != "Site" or site.source == _FEATURE:
                continue
            site_cls = site_class(text[site.start:site.end])
            if site_cls not in OWNING_SITE_CLASSES or site_cls == "ResidentialCompound":
                continue
            for c in self._owned(doc, [(site.start, site.end)], PLACE_OWNED):
                if site_cls == "FunctionalZone":
                    # A zone owns its bureaus too (平潭综合实验区|交通与建设局), not a body of
                    # a place written after it (两江新区|鸳鸯街道金州社区党委).
                    if not any(site.end <= p.start < c.end for p in places):
                        new.append(c)
                elif (head := _ADMINISTRATION.match(text, site.end)) is not None \
                        and head.end() <= c.end:
                    # A park's administration and its bodies (中共|…风景区委员会 opens before
                    # the site; the head ends within the body, not 大青沟…保护区|派出所|与
                    # 管理局; 祁连山国家公园|甘肃省管理局 keeps the province inside).
                    new.append(c)
        prefixes = [(s, e) for s, e in self._level_prefixes(doc) if s not in inside]
        new.extend(c for c in self._owned(doc, prefixes, PREFIX_OWNED, 6)
                   if not any(c.start < v < c.end for v in named_from))
        named = list(self._named(doc, {c.start for c in places}, inside))
        # “应急宣讲小分队”: a quoted whole name the own-name rule reads too is proposed once.
        spans = {(c.start, c.end) for c in named}
        new.extend(c for c in self._quoted(doc) if (c.start, c.end) not in spans)
        new.extend(named)
        new.extend(self._listed(doc, new))
        new.extend(self._central(doc))
        found.extend(new)
        return doc

    @cached_property
    def _central_bodies(self) -> dict[str, str]:
        return {name: cls for _, (name, cls) in rows("central_bodies.tsv", 2, classes=(1,))}

    @cached_property
    def _central_re(self) -> re.Pattern[str]:
        return re.compile(alternation(list(self._central_bodies)))

    @cached_property
    def _enterprises(self) -> list[str]:
        """The national enterprises' names among the central bodies."""
        return [n for n, cls in self._central_bodies.items() if cls == "Enterprise"]

    @cached_property
    def _enterprise_before_re(self) -> re.Pattern[str]:
        # Or any bank written from the start of a clause (中国进出口银行|甘肃省分行).
        return re.compile(f"(?:{alternation(self._enterprises)}|(?<![{CJK}])[{CJK}]{{2,8}}银行)$")

    @cached_property
    def _enterprise_before_chars(self) -> int:
        """The longest name ``_enterprise_before_re`` can match (a bank's is at most 10
        characters): the window it searches."""
        return max([*map(len, self._enterprises), 10])

    def _central(self, doc: Doc) -> Iterable[Candidate]:
        """The central state organs, by name (国务院, 公安部), where the segmenter's words
        hold them whole (not 公安|部门, 教育|部署)."""
        text, starts, _, words = layout(doc)
        for m in self._central_re.finditer(text):
            cls = self._central_bodies[m.group(0)]
            after = index_of(starts, m.end()) if m.end() < len(text) else None
            if index_of(starts, m.start()) is None or (after is None and m.end() < len(text)):
                continue
            if text.endswith("《", 0, m.start()):
                continue  # 《中国共产党廉洁自律准则》: the start of a document's title
            # An office of the organ named after it (国务院|安委会办公室) or a unit of the
            # enterprise (中国铁建|大桥局) is the body named.
            office = self._heads_from(doc, m.end(), 6, True)
            if office is not None:
                yield CENTRAL.candidate(m.start(), office[0], office[1])
                continue
            if cls == "Enterprise" and after is not None and self._opens_name(words[after]):
                continue  # 中国银行|保险…协会: the start of a longer name
            yield CENTRAL.candidate(m.start(), m.end(), cls)

    @staticmethod
    def _opens_name(word: str) -> bool:
        """Whether ``word`` after an enterprise's name may continue it: a Han word that is
        no verb, function word or role (中国安能|党员 ends the name, 中国铁建|大桥 does not)."""
        return bool(HAN_RE.fullmatch(word)) and not (
            is_verb(word) or word in word_set("function_words") or word in role_words())

    # -- grammar pieces ----------------------------------------------------
    def _name_ok(self, doc: Doc, start: int, end: int) -> bool:
        """A stretch of an organization's own name: word characters, no function word;
        a bracketed qualifier may stand inside it (民营经济（现代产业）发展促进中心)."""
        if start == end:
            return True
        text = doc_text(doc)[start:end]
        inner = _QUALIFIER.search(text)
        if inner is not None and inner.start() > 0:
            return self._name_ok(doc, start, start + inner.start()) \
                and self._name_ok(doc, start + inner.end(), end)
        if not NAME_TOKEN_RE.fullmatch(text):
            return False
        stop = word_set("function_words")
        if len(text) >= 2 and text[:2] in stop:
            return False  # 盐亭县|创新党|组织: the segmenter glued the verb to the head
        span = doc.char_span(start, end, alignment_mode="expand")
        # 宜川县|各级|党组织: a determiner makes a group of bodies, not one's name.
        return span is None or not any(t.text in stop or _COUNTED.match(t.text)
                                       or word_pos().get(t.text) == "r" for t in span)

    def _joined_remits(self, doc: Doc, start: int, end: int) -> bool:
        """A department's remit of two fields joined by 和 or 与 (文化广播电视|和|旅游局,
        交通|与|建设局): nouns on both sides of the one joining word, each a name stretch."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start_char != start:
            return False
        joins = [t.i for t in span if t.text in _JOINING]
        if len(joins) != 1:
            return False
        i = joins[0]
        pos = word_pos()
        if i == span.start or i + 1 >= span.end \
                or pos.get(doc[i - 1].text, "")[:1] not in ("n", "v") \
                or pos.get(doc[i + 1].text, "")[:1] not in ("n", "v"):
            return False
        joint = doc[i].idx
        return joint - start >= 2 and self._name_ok(doc, start, joint) \
            and self._name_ok(doc, joint + 1, end)

    @staticmethod
    def _trade_name(doc: Doc, start: int, end: int) -> bool:
        """A company's trade name after its place, which may open with a verb of the
        prose (合肥市|创新|科技|风险|投资|有限公司) when three words or more follow it; a
        verb before one or two words governs them (唐河县|成立|合作社, 吕洼村|毗邻|国有|林场)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start_char != start or not HAN_RE.fullmatch(doc_text(doc),
                                                                            start, end):
            return False
        stop = word_set("function_words")
        words = [t.text for t in span]
        if any(_COUNTED.match(w) or (w in stop and (len(w) == 1 or i > 0))
               for i, w in enumerate(words)):
            return False  # 宁波市|一家|…公司, a particle, or a verb inside
        return words[0] not in stop or len(words) >= 4

    @staticmethod
    def _sets_up(doc: Doc, start: int, end: int) -> bool:
        """Whether the words after a place open with a verb of setting up or sending a
        body: the place is the subject (大冶市|成立|抢险救灾前线|指挥部, 永嘉县|派出|抢修队)."""
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) > 1 and span[0].text in _SETTING_UP

    @staticmethod
    def _sets_up_inside(doc: Doc, start: int, end: int) -> bool:
        """Whether a verb of setting up stands inside a task group's name: a body sets
        up the group (绥化市|公安局|成立|整改工作领导小组), which names no task of it."""
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.text in _SETTING_UP for t in span[1:])

    @staticmethod
    def _predicate_between(doc: Doc, start: int, end: int) -> bool:
        """A verb between two organizations: 党委|联合|乡妇联, 组织部|派出|工作组."""
        span = doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(_verb_led(t.text) for t in span)

    def _head_ends_word(self, doc: Doc, end: int) -> bool:
        """A head ends where a word ends: not 党组|织, 大学|生, 副部|长, 中心|工作."""
        text = doc_text(doc)
        if end >= len(text):
            return True
        if text[end] in "长员生织者" and not _opens_next_word(text, end):
            return False
        if text[end] in "城化" and text[end - 2:end + 1] in word_pos():
            return False  # 大学|城, 公司|化: the head opens a longer word
        if text.startswith(_NOT_A_HEAD_AFTER, end - 2):
            return False
        if text[end:end + 2] in word_pos() and len(text[end:end + 2]) == 2 \
                and not is_common(text[end - 1:end + 1]):
            return True  # 党总|支聚|焦: the segmenter glued the head to the next word
        if word_pos().get(text[end:end + 2], "")[:1] == "v" and text[end - 3:end] in self.heads:
            return True  # 北京|市委|组织|部分|管: a head of three characters, then a verb
        return self._is_token_end(doc, end) or bool(self._head_re.match(text, end))

    @staticmethod
    def _weak_head_in_word(doc: Doc, start: int, end: int, pos: int = 0) -> bool:
        """干|部, 科|级: a one-character head that is part of an ordinary word.

        Only the text from ``pos`` (where the name began) counts: in 五原|县委
        the token 县委 straddles the place, so 委 stands alone. A word of a
        domain and the head (教育局, 卫生院) is an organization's name, not an
        ordinary word around the head.
        """
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        if index_of(layout(doc).starts, pos) is None \
                and word_pos().get(doc_text(doc)[pos:end]) == "nt":
            return False  # 江山|市民|政局: the name, cut from its place, is a body's (民政局)
        for token in span:
            word = doc_text(doc)[max(token.idx, pos):token.idx + len(token.text)]
            if word == doc_text(doc)[start:end] or not is_common(word):
                continue
            if word.endswith(doc_text(doc)[start:end]) and len(word) - (end - start) >= 2:
                continue
            return True
        # The segmenter may glue the word to what follows: 干部科 holds 干部; but a
        # token the lexicon knows as an organization's name (民政局) holds no 政局.
        glued = doc_text(doc)[max(span.start_char, pos):end]
        return start - max(span.start_char, pos) >= 1 and word_pos().get(glued) != "nt" \
            and is_common(doc_text(doc)[start - 1:end])

    def _head_inside_token(self, doc: Doc, end: int) -> bool:
        """Whether a one-character head ending at ``end`` is followed, inside its token,
        by another head that ends the token (农科|所 in the token 农科所)."""
        span = doc.char_span(end - 1, end, alignment_mode="expand")
        if span is None or span.end_char == end:
            return False
        rest = doc_text(doc)[end:span.end_char]
        return bool(self._head_re.fullmatch(rest))

    @staticmethod
    def _is_token(doc: Doc, start: int, end: int) -> bool:
        span = doc.char_span(start, end)
        return span is not None and len(span) == 1

    @staticmethod
    def _is_token_end(doc: Doc, end: int) -> bool:
        span = doc.char_span(end - 1, end, alignment_mode="expand")
        return span is not None and span.end_char == end

    def _heads_from(self, doc: Doc, pos: int, first_max: int,
                    after_owner: bool) -> tuple[int, str] | None:
        """Longest chain name? + head (+ sub-name? + head)* starting at ``pos``;
        ``after_owner``: a place or level prefix ends at ``pos``."""
        text = doc_text(doc)
        end, kind = None, ""
        limit = min(len(text), pos + first_max + 8)
        for m in self._head_re.finditer(text, pos, limit):
            head = m.group(0)
            cls, strength = self.heads[head]
            strong = strength != "weak"
            if len(_OPEN_BRACKETS.findall(text, pos, m.start())) \
                    > len(_CLOSE_BRACKETS.findall(text, pos, m.start())):
                continue  # 山东高速（集团|）有限公司: a head inside a qualifier
            if m.start() == pos and head.endswith(_REGISTERED_COMPANY):
                break  # 继峰（座椅）宁波|有限公司: a registered company has a trade name
            if not strong and self._weak_head_in_word(doc, m.start(), m.end(), pos):
                continue
            if not strong and self._head_inside_token(doc, m.end()):
                continue  # 莆田市|农科所: 所 ends the name, not 科
            if not strong and m.start() > 0 and is_verb(text[m.start() - 1]) \
                    and self._is_token(doc, m.start() - 1, m.end()):
                continue  # 阿拉善盟|建厂, 设站: a verb and its object, no name
            mid_ok = self._name_ok(doc, pos, m.start()) or (
                after_owner and cls in _TRADE_CLASSES and self._trade_name(doc, pos, m.start())
            ) or (after_owner and cls in _JOINED_CLASSES
                  and self._joined_remits(doc, pos, m.start()))
            # A government is named by its place and unit alone (旗|政府, 内蒙古|自治政府).
            if not mid_ok or (after_owner and self._sets_up(doc, pos, m.start())) \
                    or (head in _GOVERNMENTS and m.start() - pos > 1
                        and text[pos:m.start()] != "自治"):
                break
            if cls == _GENERIC_BODY and text[pos:m.start()] in word_set("generic_nouns"):
                break  # 费县|基层|党组织, 陕西省|村级|党组织: a kind of bodies, not one
            if head in _PEER_BODIES and text[pos:m.start()].endswith(LEVEL_PREFIXES) \
                    and text[pos:m.start()] not in LEVEL_PREFIXES:
                break  # 合肥|市委市|政府: the name before 市政府 is a body of its own
            if not strong and m.start() == pos and not (after_owner and head == "委"):
                continue
            if not self._head_ends_word(doc, m.end()):
                continue
            qualifier = _QUALIFIER.search(text, pos, m.start())
            if m.start() - pos - (len(qualifier.group(0)) if qualifier else 0) > first_max:
                break
            end, kind = m.end(), cls
            if not strong:
                end, kind = self._trade_name_end(doc, pos, end, limit + 4) or (end, kind)
            break
        if end is None:
            return None
        # Sub-units: 司法局|党组, 公司|机关|党支部, 监管局|新闻宣传|处|党支部.
        while True:
            nxt = None
            window = min(len(text), end + self.max_sub_chars + 6)
            for m in self._head_re.finditer(text, end, window):
                if m.start() - end > self.max_sub_chars:
                    break
                cls, strength = self.heads[m.group(0)]
                strong = strength != "weak"
                if m.group(0) in _SECTIONS and _SECTION_NUMBER.search(text, end, m.start()):
                    # 组织部|组织|一科: the department is the body named; its numbered
                    # section is an office in it, as the guideline's 统战部|干部科 is.
                    break
                if not strong and self._weak_head_in_word(doc, m.start(), m.end(), end):
                    continue
                # A police station is named by its remit, verbs too (北林分局|奋斗|派出所).
                named = self._name_ok(doc, end, m.start()) or (
                    cls in _JOINED_CLASSES and self._joined_remits(doc, end, m.start()))
                if not named or (self._predicate_between(
                        doc, end, m.start()) and m.group(0) != "派出所") \
                        or self._role_re.search(text, end, m.start()):
                    # 苕溪村党委|书记|办公室, 交通委|副主任李泽钧带|队: a person's office
                    # or a person, not a sub-unit
                    break
                if m.start() == end and m.group(0).startswith("联合") and kind in _ORGANS:
                    # 县委组织部|联合|…: after a party or state organ 联合 joins it to the
                    # next body (but 兴义市商会|联合党支部 is the chamber's joint branch)
                    break
                if text[end:m.start()] in LEVEL_PREFIXES and m.group(0) in _PEER_BODIES:
                    break  # 合肥市委|市政府: the committee and the government, two bodies
                if m.group(0) in _GOVERNMENTS:
                    break  # 青川县委|拉网式排查|政府投资: no body holds a government
                if len(m.group(0)) == 1 and self._weak_head_in_word(
                        doc, m.start(), m.end(), end):
                    continue  # 统战部|干部|科: 部 inside 干部
                if not strong and m.start() == end:
                    continue
                if m.group(0) in _SECTIONS and m.start() - end < 2:
                    break  # 植物研究所|中科|羊草: a section has a name of two characters
                if not self._head_ends_word(doc, m.end()):
                    continue
                nxt = (m.end(), cls)
                break
            if nxt is None:
                return end, kind
            end, kind = nxt

    def _trade_name_end(self, doc: Doc, pos: int, end: int,
                        limit: int) -> tuple[int, str] | None:
        """A company's or cooperative's head after a one-character head ending at ``end``,
        which is then part of the trade name: 内蒙古|中科羊草农业发展|有限公司, not 中|科."""
        m = self._strong_re.search(doc_text(doc), end, limit)
        if m is None or self.heads[m.group(0)][0] not in _TRADE_CLASSES \
                or not self._name_ok(doc, pos, m.start()) \
                or not self._head_ends_word(doc, m.end()):
            return None
        return m.end(), self.heads[m.group(0)][0]

    def _owned(self, doc: Doc, owners: list[tuple[int, int]], how: RuleFamily,
               max_name: int | None = None) -> Iterable[Candidate]:
        text = doc_text(doc)
        for start, owner_end in owners:
            # Leading groups are named by their task, verbs included:
            # 呼和浩特市|推进…一体化发展|领导小组|办公室.
            task = _TASK_GROUP.match(text, owner_end)
            if task and not self._sets_up(doc, owner_end, task.end()) \
                    and not self._sets_up_inside(doc, owner_end, task.end()):
                yield how.candidate(start, task.end(), "LeadingGroup")
            # A one-character head may follow the owner at once: 旗|委, 市|委; a county of
            # one character and its unit repeats the unit first (忠县|县委, 岷县|县政府).
            if how is PLACE_OWNED and owner_end - start == 2 \
                    and text[owner_end - 1] in _COUNTY_UNITS \
                    and text.startswith(text[owner_end - 1], owner_end):
                owner_end += 1
            if how is PLACE_OWNED and _glued_word_after(doc, owner_end):
                continue  # 兴合|村任|党支部书记: 任 (serve as) was glued to the village
            found = self._heads_from(doc, owner_end, max_name or self.max_name_chars, True)
            if found is not None and not text.startswith("级", owner_end):
                end, kind = found
                if how is PREFIX_OWNED and text[owner_end:end] in ("委", "政府") \
                        and not self._stands_alone(doc, start, end):
                    continue  # 围绕区委|中心工作: a bare 区委 before a noun describes it
                if text.endswith("中共", 0, start):
                    # 中共|庆安县委宣传部, 中共|中央政治局: the party's name opens the body's
                    start -= 2
                elif how is PLACE_OWNED and text[owner_end:end].startswith("委") \
                        and text.endswith("团", 0, start) \
                        and not CJK_RE.match(text[start - 2:start - 1]):
                    # ，团|菏泽市委: the Youth League's committee, not the party's
                    start, kind = start - 1, "MassOrganization"
                elif how is PLACE_OWNED:
                    # 国网|平山县供电公司, 农行|西藏分行党委: a national enterprise's or a
                    # bank's branch bears its name first.
                    # Searched in a window: a pattern anchored at ``start`` tried from the
                    # page's first character was quadratic in the page's length.
                    enterprise = self._enterprise_before_re.search(
                        text, max(0, start - self._enterprise_before_chars), start)
                    if enterprise:
                        start = enterprise.start()
                yield how.candidate(start, end, kind)

    @staticmethod
    def _stands_alone(doc: Doc, start: int, end: int) -> bool:
        """Whether a bare 市委 or 县政府 from ``start`` to ``end`` names the body: as a subject
        or in a list (省委提出, 市政府立即研究, 市委、市政府), before a role (市委书记); not as a
        modifier (区委|中心工作, 旗委|部署, 旗委|“…”模式)."""
        text = doc_text(doc)
        if end >= len(text) or text[end] in "，,。、；;：:）)和与及\n" \
                or (start > 0 and text[start - 1] in "、和与及委"):  # 市委|市政府
            return True
        for n in (4, 3, 2):
            word = text[end:end + n]
            if len(word) == n and word in word_pos():
                # An adverb after it makes it the subject of a predicate (市政府|立即|部署).
                return word in role_words() or is_verb(word) or word_pos()[word] in ("d", "ad")
        # 市委|也|明确了: a one-character adverb or verb after it.
        return is_verb(text[end:end + 1]) or word_pos().get(text[end:end + 1]) == "d"

    def _level_prefixes(self, doc: Doc) -> Iterable[tuple[int, int]]:
        text, starts, ends, words = layout(doc)
        # Only tokens that start or end where a prefix does can qualify: found by one
        # scan of the text instead of a test per token.
        found = ((index_of(starts, m.start()), index_of(ends, m.start() + len(m.group(1))))
                 for m in _PREFIX_AT.finditer(text))
        tokens = {i for pair in found for i in pair if i is not None}
        for i in sorted(tokens):
            start, word = starts[i], words[i]
            for prefix in LEVEL_PREFIXES:
                # 全市, 该旗, 镇域: pkuseg keeps those as one token, so only a
                # token that is the prefix (or prefix + 委) stands for a place.
                if word.startswith(prefix) and not word.startswith("属", len(prefix)) and (
                        word in (prefix, prefix + "委", prefix + "政府")
                        or (not is_common(word) and len(word) <= 4)):
                    # 乡属|旅游公司: owned by a township, not the township's own
                    # 全市, 该旗; 四市政府办, 两县: a counted unit owns nothing.
                    # 城|区政府: the character before makes the prefix part of a word;
                    # so it does when the segmenter broke that word (德|宏片|区工管委).
                    if start > 0 and (text[start - 1] in "全该我本各每此"
                                      or _COUNTED.match(text[start - 1])
                                      or is_common(text[start - 1:start + len(prefix)])
                                      or _ends_unit_word(text, start + len(prefix))
                                      or (len(prefix) == 1 and i > 0
                                          and words[i - 1] not in word_pos()
                                          and text[start - 1:start + 1] in word_pos())):
                        continue
                    yield start, start + len(prefix)
                    break
                # A prefix glued to the verb before it: 联合乡|妇联, 常驻县|综治中心 (but
                # 辖区 is one word).
                if word.endswith(prefix) and len(word) > len(prefix) \
                        and _verb_led(word[: -len(prefix)]) and not is_common(word):
                    end = start + len(word)
                    yield end - len(prefix), end
                    break

    def _quoted(self, doc: Doc) -> Iterable[Candidate]:
        """A quoted name before a head (“小哥骑先锋”志愿服务队), or a quoted body's whole
        name, head and all (组建了“马背宣讲队”)."""
        for m in _QUOTED.finditer(doc_text(doc)):
            if m.group(1) in word_set("program_rejects"):
                continue
            whole = self._heads_from(doc, m.start(1), 6, False)
            if whole is not None and whole[0] == m.end(1) and self._strong_re.search(
                    doc_text(doc), m.start(1) + 2, m.end(1)) \
                    and not self._honour(doc, m.start(), m.end()):
                yield QUOTED.candidate(m.start(1), m.end(1), whole[1])
                continue
            found = self._heads_from(doc, m.end(), 4, False)
            if found is not None and found[0] - m.end() >= 2 \
                    and not self._verb_after(doc, m.end()):
                yield QUOTED.candidate(m.start(), found[0], found[1])

    @staticmethod
    def _honour(doc: Doc, start: int, end: int) -> bool:
        """A quoted title, not a body's name: one opening with a quality or a rank (“先进
        基层党组织”, “五星级党支部”), awarded or striven for (荣获“…”, 创建“示范党支部”), or
        named a title (“青年志愿服务队”称号)."""
        text = doc_text(doc)
        span = doc.char_span(start + 1, start + 2, alignment_mode="expand")
        return (span is not None and word_pos().get(span[0].text) in _RANK_TAGS) \
            or _AWARDED.search(text, max(0, start - 4), start) is not None \
            or text.startswith(_TITLE_WORDS, end)

    @staticmethod
    def _verb_after(doc: Doc, pos: int) -> bool:
        """“三个聚焦”|激发|党组织: a verb right after a quote makes the quote its subject,
        not the name of what follows (“雪城义警”|治安|联防|协会)."""
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span is not None and span[0].idx == pos and (
            is_verb(span[0].text) or word_pos().get(span[0].text) in _PREDICATE_TAGS)

    def _listed(self, doc: Doc, orgs: list[Candidate]) -> Iterable[Candidate]:
        """Bare department names listed after an organization: 市委组织部、社工部、政法委."""
        text = doc_text(doc)
        ends = {c.end for c in orgs}
        for end in sorted(ends):
            pos = end
            while pos < len(text) and text[pos] == "、":
                m = self._strong_re.match(text, pos + 1)
                if not m or len(m.group(0)) < 2 or not self._head_ends_word(doc, m.end()):
                    break
                yield LISTED.candidate(m.start(), m.end(), self.heads[m.group(0)][0])
                pos = m.end()

    def _named(self, doc: Doc, place_starts: set[int],
               inside_place: set[int]) -> Iterable[Candidate]:
        """An own name walked left from a strong head: 海禾|公司, 部队|社区|党支部."""
        stop = word_set("function_words")
        generic = word_set("generic_nouns")
        pos = word_pos()
        text = doc_text(doc)
        for m in self._strong_re.finditer(text):
            if not self._head_ends_word(doc, m.end()):
                continue
            start = m.start()
            name_tokens = 0
            own: list[str] = []
            glued = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if glued is not None and len(glued) == 1 and m.start() - glued.start_char >= 2 \
                    and glued.end_char == m.end() and pos.get(glued.text) == "nt" \
                    and not is_common(text[glued.start_char:m.start()]) \
                    and not is_verb(text[glued.start_char:m.start()]):
                # ”|同济大学: one token, which the lexicon knows as a body's name, with a
                # name of its own before the head (not 协|商会 nor 协商|会, a meeting)
                start, name_tokens = glued.start_char, 1
                own.append(text[start:m.start()])
            # A company's name holds its trade name and its trade: 伽力森|食品|生物|科技|有限公司.
            company = self.heads[m.group(0)][0] == "Enterprise"
            university = m.group(0) == "大学"
            # 已|培育|农民专业合作社: a verbal noun governs a trade's name unless a noun
            # comes before it (羊草|农业|发展|有限公司).
            trade = self.heads[m.group(0)][0] in _TRADE_CLASSES
            tokens = list(islice(tokens_before(doc, m.start()), 8))
            for i, token in enumerate(tokens):
                if token.idx + len(token.text) != start or token.idx in place_starts \
                        or token.idx in inside_place:
                    break
                if not NAME_TOKEN_RE.fullmatch(token.text) or token.text in stop \
                        or pos.get(token.text) in _NOT_IN_NAME_TAGS \
                        or _POST_GLUED.fullmatch(token.text):
                    # 现在|村党支部, 如果|物业公司: no adverb or conjunction in a name;
                    # 兴合|村任|党支部书记: a post taken in a village
                    break
                counted = token.text in _CLASSIFIERS and i + 1 < len(tokens) \
                    and _COUNTED.match(tokens[i + 1].text)
                # 八一|社区, 二道|营子村: a numeral before a unit word is a name.
                named_unit = i > 0 and (tokens[i - 1].text in _UNIT_WORDS
                                        or tokens[i - 1].text.endswith(tuple(_UNIT_WORDS)))
                numeral_name = named_unit and not token.text[0].isdigit()
                if (_COUNTED.match(token.text) and not numeral_name) \
                        or counted or token.text.endswith("级"):
                    break  # 5支|雷锋小分队, 二十|届|中央纪委, 自治区级|区域公司
                if university and not pos.get(token.text, "").startswith(_UNIVERSITY_NAME_TAGS):
                    break
                if _verb_led(token.text) and not is_verb(token.text):
                    break  # a verb glued to a prefix: 常驻县|综治中心
                if _verb_led(token.text) or (trade and pos.get(token.text) == "vn"):
                    # A verb inside a name follows a noun (乡村|振兴|发展中心);
                    # after anything else it governs the name (骨干|常驻|县综治中心).
                    # A verbal noun counts as a noun (勘探|开发|研究院; not before a trade:
                    # 资产|统一|收归|乡属旅游公司), and a trade name
                    # the lexicon lacks as a name (天信|空天|探索|科技有限公司).
                    prev = tokens[i + 1] if i + 1 < len(tokens) else None
                    # 村民、|兴发|果蔬|农民专业合作社: a rare verb after a list mark or a
                    # clause's opening, before the trade, is a trade name (a common one
                    # governs: 、|培育|果蔬|农民专业合作社; so does one right before the
                    # head: ，|搭乘|公司的航班).
                    trade_name = trade and name_tokens and not is_common(token.text) and (
                        token.idx == 0 or text[token.idx - 1] in _NAME_OPENING_MARKS)
                    if not trade_name and (
                            prev is None or prev.idx + len(prev.text) != token.idx
                            or not (pos.get(prev.text, "").startswith("n")
                                    or (pos.get(prev.text) == "vn" and not trade)
                                    or (company and prev.text not in pos
                                        and HAN_RE.fullmatch(prev.text) is not None))
                            or prev.text in generic or prev.text in stop):
                        break
                if token.text in generic:
                    if name_tokens or (i == 0 and token.text not in _UNIT_WORDS):
                        break  # 选优配强|网格|党支部: a category next to the head has no name
                elif name_tokens >= (6 if company else 4):
                    break
                else:
                    name_tokens += 1
                    own.append(token.text)
                if m.end() - token.idx > self.max_name_chars + (4 if company else 0):
                    break
                start = token.idx
                if token.text in LEVEL_PREFIXES:
                    break  # the prefix stands for the owner and opens the name
            while start < m.start():  # a name does not open with a category noun
                first = doc.char_span(start, m.start(), alignment_mode="expand")
                if first is None or first[0].text not in generic:
                    break
                start = first[0].idx + len(first[0].text)
            if own and all(self._head_re.fullmatch(t) or (
                    t in _BARE_ZONE_HEADS and m.group(0) in ZONE_BODIES) for t in own):
                continue  # 中心|社工站, 园区|党委: heads alone are no name (园区|党校 is one)
            straddled = text[start - 1:start + 1] if start > 0 else ""
            if straddled and (is_common(straddled) or is_verb(straddled)) \
                    and not is_common(text[start:start + 2]):
                continue  # 第六采|油厂党委: the name would start inside a word (采油)
            if _glued_word_after(doc, start):
                # 燕窠村|任村|党支部: the name would open with 任 (serve as); cut after it, it
                # would start inside a token, which the organization judge does not read
                continue
            if name_tokens and start < m.start():
                found = self._heads_from(doc, start, m.start() - start, False)
                end, kind = found if found else (m.end(), self.heads[m.group(0)][0])
                yield NAMED.candidate(start, end, kind)


# Zone heads that are a bare kind (园区): a bare kind's 区 is no level prefix, so 园区|党委
# leaves no 区党委 behind (示范区|党工委 would). Not a city's new area (新区党委 is one body).
_BARE_ZONE_HEADS = (zone_heads() - area_heads()) & BARE_KINDS

# Marks after which a name may open with any word: a list's, a clause's.
_NAME_OPENING_MARKS = frozenset({"、", "，", ",", "：", ":", "；", "。"})


def _opens_next_word(text: str, end: int) -> bool:
    """公司|生产线, 公司|员工: the character after a head opens the next word rather than
    ending one with the head (大学生, 部长, 队员, 党组织)."""
    return text[end:end + 2] in word_pos() and len(text[end:end + 2]) == 2 \
        and text[end - 1:end + 1] not in word_pos()


def _ends_unit_word(text: str, end: int) -> bool:
    """Whether a level prefix ending at ``end`` is the last character of a unit's word
    the segmenter broke (居民|区党总支, 开发|区委): that unit's, not a level's."""
    return any(text.endswith(unit, 0, end) for unit in _LONG_UNITS)


# Unit words of several characters that end in a level prefix (居民区, 管理区, 新区).
_LONG_UNITS = tuple(u for u in sorted({*CHAIN_SUFFIXES, *BARE_KINDS})
                    if u not in LEVEL_PREFIXES and any(u.endswith(p) for p in LEVEL_PREFIXES))


def _glued_word_after(doc: Doc, end: int) -> bool:
    """Whether a place ending at ``end`` is followed by a character of a pronoun,
    preposition or adverb the segmenter glued to the place (兴合|村任: 任, tagged as the
    pronoun of 任何; a verb may open a name: 大山|镇关|工委), or by a pronoun glued to the
    next word (燕窠村|任村|党支部; an adverb or preposition may open a trade name: 云南|顺丰
    速运有限公司, 浙江|常淳科技有限公司)."""
    text, starts, ends, words = layout(doc)
    tag = word_pos().get(text[end:end + 1])
    if tag not in _NOT_NAME_CHAR_TAGS:
        return False
    i = bisect.bisect_right(starts, end) - 1
    if i < 0:
        return False
    if starts[i] < end:
        return ends[i] == end + 1
    return tag == "r" and len(words[i]) >= 2 and words[i] not in word_pos()


# Party and state organs, which work "jointly with" (联合) other bodies.
_ORGANS = frozenset({"Government", "GovernmentDepartment", "PartyCommittee", "PartyDepartment",
                     "PartyWorkCommittee", "MassOrganization"})
# What opens a quoted honour: a quality, a rank or a number (先进, 五星级); the verbs that
# award or strive for one; the words that call it a title.
_RANK_TAGS = frozenset({"a", "ad", "an", "b", "m"})
_AWARDED = re.compile("(?:荣获|获评|获得|评为|授予|命名为|创建|争创|创成)[“]?$")
_TITLE_WORDS = ("称号", "荣誉", "等称号", "等荣誉", "等荣誉称号")
# Parts of speech of a character that opens no organization's name after its place.
_NOT_NAME_CHAR_TAGS = frozenset({"r", "p", "d"})


# The head of a site's administration, right after the site or after a part of it
# named in up to six characters (三江源国家公园|黄河源园区|管委会).
_ADMINISTRATION = re.compile(f"[{CJK}]{{0,6}}?(?:管委会|管理委员会|管理局|管理处|党工委|委员会)")


def _verb_led(word: str) -> bool:
    """A verb, or an unknown token glued to one by the segmenter (联合乡, 常驻县)."""
    return is_verb(word) or (len(word) >= 3 and word not in word_pos() and is_verb(word[:2]))


# What a county keeps in its towns: stations of its bureaus, tribunals, squadrons.
_COUNTY_STATION = re.compile("所|法庭|中队|分局")


def from_own_division(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with each body written after its province or prefecture and a
    lower division, or after its county and its town, named from the lower one on, as
    the guideline names it (西藏自治区山南市|扎囊县委组织部, 福建省|厦门市公安局,
    桓台县|唐山镇党委, 甘肃|民勤县林草局; the whole is an optional form): the divisions
    cut off stand as places. Short forms before no division written in full keep the
    name whole, and so does a company's name: they are part of a registered name
    (吉林长春社区干部学院, 北京朝阳城市发展集团)."""
    division_at: dict[int, Candidate] = {}
    short_at: dict[int, Candidate] = {}  # provinces and prefectures written short
    level_of: dict[Candidate, int] = {}
    for c in candidates:
        if c.label != "PLACE":
            continue
        # A name the data gives divisions of several classes (大石镇: towns and a
        # subdistrict) has no class yet; its unit word gives its level.
        unit = guess_unit(text[c.start:c.end]) if not c.kind else None
        level = LEVEL_OF_CLASS.get(c.kind) or (unit[1] if unit else None)
        if level is None:
            continue
        level_of[c] = level
        if text[c.start:c.end].endswith(UNIT_SUFFIXES):
            if c.start not in division_at or c.end > division_at[c.start].end:
                division_at[c.start] = c
        elif level <= PREFECTURE:
            short_at[c.start] = c
    out = []
    for c in candidates:
        if c.label == "ORG" and c.kind != "Enterprise":
            # Divisions written in full, each below the one before (not 广东|内蒙古商会).
            chain, at = [], c.start
            # A province or prefecture written short before a lower division written in
            # full (甘肃|民勤县林草局) opens the chain too.
            short = short_at.get(at)
            if short is not None and short.end in division_at and \
                    level_of[division_at[short.end]] > level_of[short]:
                chain.append(short)
                at = short.end
            while at in division_at and division_at[at].end < c.end and (
                    not chain or level_of[division_at[at]] > level_of[chain[-1]]):
                chain.append(division_at[at])
                at = division_at[at].end
            # A county's station in a town (新城区保合少镇|市场监管所) is the county's.
            station = bool(chain) and _COUNTY_STATION.search(text, chain[-1].end, c.end)
            while len(chain) >= 2 and (
                    level_of[chain[0]] <= PREFECTURE
                    or (level_of[chain[0]] == COUNTY and not station
                        and level_of[chain[1]] == TOWNSHIP)):
                chain.pop(0)
            if chain and chain[0].start > c.start:
                c = c._replace(start=chain[0].start)
        out.append(c)
    return out


@Language.factory("zhkg_orgs", assigns=["doc._.zhkg_candidates"],
                  requires=["doc._.zhkg_candidates"],
                  default_config={"max_name_chars": 12, "max_sub_chars": 8})
def make_org_recognizer(nlp: Language, name: str, max_name_chars: int,
                        max_sub_chars: int) -> OrgRecognizer:
    return OrgRecognizer(nlp, name, max_name_chars=max_name_chars, max_sub_chars=max_sub_chars)
