"""PROGRAM recognition: quoted initiative names and nationally known programmes.

A quoted string is a programme when its context says so: a generic head noun
after it (“五随六帮”行动), a verb that takes a programme before it
(开展“…”, 以“…”为抓手), or the shape of a slogan-named set of measures
(党建+…, lists joined by 、, numeric abbreviations). Metaphors, doctrines,
quoted speech and document titles are rejected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from kg.pipeline.candidates import candidates_of, doc_text
from kg.pipeline.serialize import SerializableComponent
from kg.rules.families import Candidate, family
from kg.rules.lexicon import (
    CJK,
    alternation,
    idioms,
    org_heads,
    role_words,
    word_list,
    word_pos,
    word_set,
)
from kg.text import occurrences

# The chief systems the state has set up for each river, lake, forest, field, road,
# gully, street or industrial chain (河长制, 河湖长制, 林长制, 沟长制, 链长制): one official
# answers for each; not 家长制 or 首长制.
_CHIEF_SYSTEM = "[河湖林田路沟街巷山渠库塘链]{1,2}长制"
QUOTED, KNOWN, NUMERIC, REPEATED = (family("zhkg.programs:" + rule)
                                     for rule in ("quoted", "known", "numeric", "repeated"))

# Double quotes and corner brackets (「」『』, usual in Traditional text), each quote's
# name a group of its own; then the single quotes nested in them (“…以‘根系工程’深化…”),
# looked for apart, since they lie inside a double quote's match.
_QUOTE = re.compile(r"“([^“”\n]{2,40})”|\"([^\"\n]{2,40})\"|「([^「」\n]{2,40})」"
                    r"|『([^『』\n]{2,40})』")
_INNER_QUOTE = re.compile(r"‘([^‘’“”\n]{2,40})’")
_TITLE = re.compile(r"《[^《》\n]*》")
# Numerals that open numeric abbreviations (三会一课, 双报到); the programme judge reads
# them too.
NUMERALS = "一二两三四五六七八九十百千万双"
_NUMERAL_RE = re.compile(f"[{NUMERALS}]")
# A set of measures (、) or an X+Y model.
_SET_MARK = re.compile("[、+＋]")
# A colon before the quote: a subheading (湾桥镇：“…”) or, else, speech.
_COLON_END = re.compile(r"[：:]\s*$")
_SPEECH_BEFORE = re.compile(f"{_COLON_END.pattern}|[说道讲称问]$")
_SPEECH_AFTER = re.compile(r"^(?:说|道|表示)")
_AIM_AFTER = re.compile("^为(?:目的|目标|导向)")
_WHOLE_OBJECT_AFTER = re.compile(r"^(?:[，,。；;：:、）)\s“]|$|为|等|相|在|和|与|作为)")
_ABBREVIATED = re.compile(r"([^，。；！？\n]{2,40})[（(](?:以下)?简称“$")
# Only a pause mark and a short topic between two quotes of one enumeration.
_SIBLING_BETWEEN = re.compile("[、，,；;][^“”，,。；;！？、为成]{0,6}")
# 三会一课, 四议两公开, 一村一策, 双报到: numerals counting the parts of the name.
_NUMERIC_SHAPE = re.compile(rf"^[{NUMERALS}]{{1,2}}[{CJK}]{{1,4}}[{NUMERALS}]?[{CJK}]{{0,4}}$")
# A numbered set (三个对照, 四清): a numeral, maybe 个, and what is counted.
_NUMBERED = re.compile(rf"[{NUMERALS}]个?[{CJK}]{{1,4}}")
# One of each thing, repeated: 一人一案一策, 一村一策, 一户一档.
_REPEATED_COUNT = re.compile(rf"(?:一[{CJK}]){{2,4}}")
# So many “ones”, each a thing to have or do: 三个一, 七个一.
_ONES = re.compile("[两三四五六七八九十]个一")
_MEASURE = re.compile(r"[年月日天周次个人户元岁名场期届批件条项家分秒级大种类套些]")
# What ends a sentence inside a quote (quoted speech); the programme judge reads it too.
SENTENCE_END = re.compile(r"[。！？!?]")
# A quoted question (“干部能力如何鉴别、工作实绩如何评价”) names no programme.
_QUESTION = re.compile("如何|怎么|怎样|为什么|什么|哪些|是否")
# Dates (七一), plan periods (十四五), styles (灌输式), types (效益型), stages
# (成长期) and honours (七一勋章) are not programmes.
_NOT_A_PROGRAM = re.compile(
    rf"^(?:[{NUMERALS}]{{2}}|十[一二三四五六七八九]五|[{CJK}]{{1,3}}[式期型]"
    rf"|[{CJK}]{{1,8}}(?:勋章|奖章|纪念章))$")
# Adverbs in the trigger list take a programme only right before the quote
# (深入“…”); a few characters back they modify some other verb (全面振兴的“战场”).
_ADVERB_TRIGGERS = ("持续", "积极", "深入", "大力", "全面", "扎实")
# 以 in 以来, 以上, 以及 … is no preposition taking a programme.
_NOT_YI = frozenset("来上下及后前便外内")
# A quote after these is what is refused (杜绝“形象工程”), what something
# becomes or is called (成了“香饽饽”, 担任“…”), or an honour (荣获“…”).
_NOT_CARRIED_OUT = re.compile(
    "(?:不搞|杜绝|防止|避免|摒弃|反对|拒绝|警惕|严禁|(?<![形完达组构造促建养])成了|成为|变成|"
    "当成|当好|当起|担任|化身|称为|誉为|荣获|获评|评为|授予|获得)$")
# People counted before the quote (7800多名“三官一律”) make it a category of people.
_PEOPLE_COUNTED = re.compile(rf"[0-9{NUMERALS}十百千万余多]+[名位]$")
# Honours and groups of people named after the quote (“两优一先”风采, 重点群体).
_HONOUR_OR_GROUP_AFTER = re.compile(
    r"^(?:“[^“”]*”)*等?(?:风采|典型|获得者|称号|荣誉|表彰|奖章|勋章|纪念章"
    r"|重点群体|群体|人员|重点对象|对象)")
# Doctrines, requirements, outlooks and styles named after the quote (“…”总要求,
# “三个对照”要求, “…”的政绩观, “…”理念, “…”工作作风) are held, not carried out;
# a statement quoted after 提出， is a document's words.
_DOCTRINE_AFTER = re.compile(
    r"^(?:的|等)?(?:总要求|明确要求|要求|政绩观|行动自觉|理念|共同体理念|精神|优良传统|传统|工作作风|作风)")
_QUOTING = re.compile(r"(?:提出|指出|强调|明确)[，,]\s*$")
# Two states contrasted (从“重形”向“重效”转变, 变“人找政策”为“政策找人”,
# “冷资源”向“热产业”转变) are no programmes.
_CONTRAST_LINK = "(?:向|到|转向|走向|为)"
_CONTRAST_CHANGE = "[^，。；“”]{0,4}(?:转变|转型|跨越|迈进|转化)"
# 从“A”向…, …从“A”向“B”, “A”向“B”转变: the quote before and after the link.
# Heads after a set phrase that make it a programme's name (“门前三包”责任制).
_SYSTEM_HEAD_AFTER = re.compile("责任制|制度|机制|工程|行动")
# Each state may be qualified (由阶段性的“城市建试点”转向常态化的“全社会建机制”).
_STATE_QUALIFIER = f"(?:[{CJK}]{{1,5}}的)?"
_FROM_BEFORE = re.compile(f"[从由变]{_STATE_QUALIFIER}“$")
_LINK_AFTER = re.compile(f"^”{_CONTRAST_LINK}{_STATE_QUALIFIER}“")
_FROM_PAIR_BEFORE = re.compile(
    f"[从由变]{_STATE_QUALIFIER}“[^“”]{{1,20}}”{_CONTRAST_LINK}{_STATE_QUALIFIER}“$")
_TOWARDS_CHANGE_AFTER = re.compile(f"^”向“[^“”]{{1,20}}”{_CONTRAST_CHANGE}")
_TOWARDS_BEFORE = re.compile("“[^“”]{1,20}”向“$")
_CHANGE_AFTER = re.compile(f"^”{_CONTRAST_CHANGE}")

# An aspect particle, a count or a level between a verb and its object (开设了“…”,
# 开展一次“…”培训, 推进村级“三务”公开) leaves the quote right after the verb.
_AFTER_VERB = re.compile(rf"(?:[了出起]|[0-9{NUMERALS}百千余多]+[次场轮批期项个届堂节套]"
                         r"|[村镇乡县市区省]级|全[村镇乡县市区省国])+$")
# Closing quotes, sentence and clause ends: a verb before them takes no quote after
# them (链接社会组织，黔江区“会姐”…).
_BARRIERS = "”’」』\"。！？!?\n，,；;：:"
_LAST_BARRIER = re.compile(f"[{_BARRIERS}](?=[^{_BARRIERS}]*$)")
# A quote qualifying the next one: the verb before it governs the next (打造“宜居、宜业、
# 宜游”的“15分钟生活圈”).
_QUALIFIED_BEFORE = re.compile("“[^“”]{1,30}”的$")
# A newspaper's column or report series (本版今起推出“…”系列报道, 开设“…”栏目).
_COLUMN_AFTER = re.compile(r"^(?:系列)?(?:报道|栏目|评论)")
# Stories told (“一斗青稞四代情”“石榴籽亲戚队”等民族团结故事) are no programmes.
_STORY_AFTER = re.compile(r"(?:“[^“”]*”)*等?[^，。；、“”]{0,6}?故事")
# Goods for sale (推出“神山竹酒”等高附加值产品, “青稞产业贷”等特色产品) and
# trademarks registered (注册“田薯叔”品牌) are a firm's products, not initiatives.
_PRODUCT_AFTER = re.compile(r"(?:“[^“”]*”)*等?[^，。；、“”]{0,5}?产品")
_REGISTERED = re.compile(r"注册(?:了|成立)?$")
# “X”党支部创建: the quote names a grade of branch that the campaign is about;
# the name is written with the branch noun and the campaign noun.
_BRANCH_CAMPAIGN = re.compile(r"(?:党支部|支部|党组织|党委)(?:创建|争创|创评|建设)")
# A structural head a few words after the quote: “…”三级管理基层治理架构, “一张图”调度系统
# (not 系统化改造, which describes).
_GAP_HEAD = re.compile(
    rf"^[{CJK}]{{1,8}}?(模式|体系|架构|机制|工作法|品牌|线路|路线|管理|系统(?!化))")
# A list of quotes closed by 等 and a kind of undertaking with its field between
# (“创业手工坊”“小修小补”等创业项目); not titles awarded (“美丽庭院”等评优评先活动).
_LISTED_HEAD = re.compile(rf"^等(?:(?!评)[{CJK}]){{1,4}}?(项目|活动|行动|工程|品牌)")
# 三联工作法 written without quotes: a numeric abbreviation before a method head.
_UNQUOTED_NUMERIC = re.compile(
    rf"(?<=[的、，,“（(\n])([{NUMERALS}][{CJK}]{{1,3}}?)(工作法|工作机制)")
# Nouns that end a programme's name written whole inside the quotes, besides the
# kind heads: classes and forums (马背讲堂), councils (车棚议事会), service points,
# canteens and exchanges (暖心驿站, 积分超市, 时间银行), agreements (窗帘约定),
# talks held with residents (居民夜谈会, 居民恳谈日) and mediation rooms.
_TAIL_HEADS = ("课堂", "讲堂", "讲坛", "专栏", "夜校", "议事会", "议事厅", "议事堂", "读书会",
               "谈会", "驿站", "服务站", "调解室", "小院", "食堂", "超市", "银行", "工坊", "约定",
               "公约", "接待日", "监督日", "开放日", "服务日", "议事日", "谈日")
# A naming verb after a programme's kind of thing names it: “暖心驿站”叫“畅小站”,
# 建一个食堂，取名“合约食堂”.
_NAMING = re.compile("(?:叫做|叫|取名为|取名|起名为|起名|命名为|名为|定名为)$")
_NAMED_VENUES = ("站", "工作室")
# A head written right after the name outside quotes (末位表态制, 退耕还林工程);
# 制 not as in 制作, 制定, 制度 (a head of its own).
_UNQUOTED_HEAD = re.compile("(?:工作法|工作机制|机制|制度|体系|模式|行动|工程|计划|品牌"
                            "|制(?![作定造订约止度服]))")
_KIND_BY_HEAD = (
    (("行动", "活动", "专项"), "Campaign"),
    (("机制", "制度", "体系"), "Mechanism"),
    (("工作法", "模式", "做法"), "WorkingMethod"),
    (("品牌",), "Brand"),
    (("工程", "项目"), "Project"),
    (("计划", "方案"), "Plan"),
)


def program_kind(head: str) -> str:
    for heads, kind in _KIND_BY_HEAD:
        if any(head.endswith(h) or head.startswith(h) for h in heads):
            return kind
    return "Initiative"


class ProgramRecognizer(SerializableComponent):
    """Proposes PROGRAM candidates."""

    settings = ("max_quoted_chars", "trigger_window")
    data_files = ("known_programs.txt", "org_heads.tsv", "program_heads.txt",
                  "program_modifiers.txt", "program_outcomes.txt", "program_rejects.txt",
                  "program_triggers.txt", "role_words.tsv", "rule_families.tsv")

    def __init__(self, nlp: Language, name: str = "zhkg_programs", *,
                 max_quoted_chars: int = 30, trigger_window: int = 6) -> None:
        self.name = name
        self.max_quoted_chars = max_quoted_chars
        self.trigger_window = trigger_window

    @cached_property
    def _head_re(self) -> re.Pattern[str]:
        # A head noun right after the quote, or after a short modifier
        # (“…”主题宣讲活动, “…”志愿服务活动, “…”集中轮训), or after 等 closing a list
        # of quotes (“红色代办岗”“银发智囊团”等活动).
        heads = alternation(word_list("program_heads"))
        modifiers = alternation(word_list("program_modifiers"))
        return re.compile(f"^等?(?:{modifiers})?(?:{heads})")

    @cached_property
    def _any_head_re(self) -> re.Pattern[str]:
        return re.compile(alternation(word_list("program_heads")))

    @cached_property
    def _tail_head_re(self) -> re.Pattern[str]:
        heads = [h for group, _ in _KIND_BY_HEAD for h in group] + list(_TAIL_HEADS)
        return re.compile(f"(?:{alternation(heads)})$")

    @cached_property
    def _org_head_re(self) -> re.Pattern[str]:
        heads = list(org_heads())
        heads += ["支部", "干部", "党员"]
        return re.compile(f"^(?:{alternation(heads)})")

    @cached_property
    def _org_tail_re(self) -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(org_heads())})$")

    @cached_property
    def _outcome_re(self) -> re.Pattern[str]:
        return re.compile(alternation(word_list("program_outcomes")))

    @cached_property
    def _trigger_re(self) -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(word_list('program_triggers'))})")

    @cached_property
    def _known_re(self) -> re.Pattern[str]:
        return re.compile(f"{_CHIEF_SYSTEM}|{alternation(word_list('known_programs'))}")

    @cached_property
    def _roles(self) -> frozenset[str]:
        return frozenset(role_words())

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = candidates_of(doc)
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)]
        # Names ending where a place or organization was proposed: a trigger may
        # stand before them (打造伊克昭公园“行走的党课”).
        owners = {c.end: c.start for c in found if c.label in ("PLACE", "ORG")}
        spans = quoted_spans(text)
        kinds: dict[tuple[int, int], str | None] = {}
        for group in _coordinated(text, spans, self._trigger_re):
            first, last = group[0], group[-1]
            shared = self.judge(text, first[0], last[1], titles, owners, span=(first, last))
            for start, end in group:
                kind = self.judge(text, start, end, titles, owners)
                if kind is None and shared is not None and len(group) > 1 \
                        and not self.rejected(text[start:end]):
                    kind = shared
                kinds[(start, end)] = kind
            _enumerated(text, group, kinds, self)
        # One name, one reading per page: a quote rejected here but accepted
        # elsewhere, or an item of an accepted 、-list, is a programme too.
        names = {text[s:e] for (s, e), k in kinds.items() if k is not None}
        names |= {part for name in list(names) for part in re.split("[、 ]", name)
                  if len(part) >= 4}
        known = [m.span() for m in self._known_re.finditer(text)]
        accepted = [span for span, kind in kinds.items() if kind is not None] + known
        for (start, end), kind in sorted(kinds.items()):
            name = text[start:end]
            if kind is None and not self.rejected(name) and (
                    name in names or _sibling(text, (start, end), accepted)):
                kind = "Initiative"
            if kind is None and not self.rejected(name) and _written_with_head(text, name):
                kind = "Initiative"
            campaign = _BRANCH_CAMPAIGN.match(text, end + 1)
            if kind is None and campaign and not self.rejected(name):
                # “五星”支部创建 is written whole, quotes and all.
                found.append(QUOTED.candidate(start - 1, campaign.end(), "Campaign"))
            elif kind is not None:
                found.append(QUOTED.candidate(start, end, kind))
        quoted = {span for span, kind in kinds.items() if kind is not None}
        found.extend(_repeated(text, {text[s:e]: kind for (s, e), kind in kinds.items()
                                      if kind is not None}, titles))
        for start, end in known:
            if (start, end) not in quoted:
                found.append(KNOWN.candidate(start, end, "Initiative"))
        for m in _UNQUOTED_NUMERIC.finditer(text):
            if not _MEASURE.search(m.group(1)[1:]):
                found.append(NUMERIC.candidate(m.start(1), m.end(1), program_kind(m.group(2))))
        return doc

    def triggers(self, before: str) -> list[str]:
        """The programme verbs in ``before``, the text just before a quote.

        An adverb counts only right before the quote. A verb inside an earlier
        quote (专家讲“流量产品打造”“情绪价值挖掘”) or sentence (仍在推进中。“…”)
        governs nothing after it.
        """
        barrier = _LAST_BARRIER.search(before)
        offset = barrier.end() if barrier else 0
        return [m.group(0) for m in self._trigger_re.finditer(before, offset)
                if (m.group(0) not in _ADVERB_TRIGGERS or m.end() == len(before))
                and not (m.group(0) == "以" and before[m.end():m.end() + 1] in _NOT_YI)]

    def shaped(self, name: str) -> bool:
        """Whether ``name`` has a programme's shape on its own: a set of measures
        (、), an X+Y model, a numeric abbreviation or a head noun inside."""
        if _SET_MARK.search(name):
            return True
        if _NUMERIC_SHAPE.match(name) and sum(ch in NUMERALS for ch in name) >= 2 \
                and not _MEASURE.search(name[1:]):
            return True
        if _REPEATED_COUNT.fullmatch(name) or (name[:1] == "双" and 3 <= len(name) <= 5) \
                or _ONES.fullmatch(name):
            return True  # 一人一案一策, 一户一档; 双微服务, 双报到 (not 双碳); 七个一
        tail = self._tail_head_re.search(name)
        return bool(tail and tail.start() >= 2)

    def rejected(self, name: str) -> bool:
        """Whether ``name`` can never be a programme, whatever its context."""
        name = name.strip()
        return (not name or name in word_set("program_rejects") or self._set_phrase(name)
                or name in self._roles or bool(SENTENCE_END.search(name))
                or bool(_NOT_A_PROGRAM.match(name)) or bool(_QUESTION.search(name)))

    @staticmethod
    def _set_phrase(name: str) -> bool:
        """Whether ``name`` is rejected as an idiom or a set phrase of the lexicon."""
        return name in idioms() or word_pos().get(name) in ("i", "l")

    def judge(self, text: str, start: int, end: int,
              titles: Iterable[tuple[int, int]] = (), owners: dict[int, int] | None = None,
              span: tuple[tuple[int, int], tuple[int, int]] | None = None) -> str | None:
        """The programme class of the quoted ``text[start:end]``, or None if it is none.

        ``span`` is given when judging a group of coordinated quotes as one.
        """
        name = text[start:end].strip()
        if span is None and self.rejected(name) and not (
                self._set_phrase(name) and _SYSTEM_HEAD_AFTER.match(text, end + 1)):
            # A set phrase names a system of duties (“门前三包”责任制), not a manner
            # (“见缝插针”方式, “走马观花”调研).
            return None
        opening = start - 1
        if owners and opening in owners:
            opening = owners[opening]
        qualified = _QUALIFIED_BEFORE.search(text, max(0, opening - 40), opening)
        if qualified and span is None:
            opening = qualified.start()  # 打造“宜居、宜业”的|“15分钟生活圈”: 打造's object
        before = text[max(0, opening - self.trigger_window):opening]
        headline = bool(owners) and _COLON_END.search(before) is not None \
            and (start - 2) in owners  # 湾桥镇：“河长+网格员”… opens a subheading
        naming = _NAMING.search(before)
        if naming and span is None:
            thing = before[:naming.start()].rstrip("”’")
            head = self._tail_head_re.search(thing)
            if head:
                return program_kind(head.group(0))
            if thing.endswith(_NAMED_VENUES):
                return "Initiative"  # 服务站取名为“德邻社”
        if before.endswith("简称"):
            return "Initiative" if self.abbreviates_object(text, start) else None
        if _SPEECH_BEFORE.search(before) and not headline:
            return None
        after = text[end + 1:end + 12]
        if _NOT_CARRIED_OUT.search(before) or _PEOPLE_COUNTED.search(before) \
                or _HONOUR_OR_GROUP_AFTER.match(after) or (
                    _DOCTRINE_AFTER.match(after) and not self._numbered_checks(name, after)) \
                or _QUOTING.search(before) or _contrasted(text, start, end) \
                or _combined(text, start, end):
            return None
        if _SPEECH_AFTER.match(after) or after.startswith("式"):
            return None  # 开展“精准滴灌”式培训: a manner of the noun after it
        if _COLUMN_AFTER.match(after) or _PRODUCT_AFTER.match(text, end + 1, end + 80) \
                or _STORY_AFTER.match(text, end + 1, end + 80) or _REGISTERED.search(before):
            return None
        if before.endswith("以") and _AIM_AFTER.match(after):
            return None  # 以‘迎检达标’为目的: an aim, not a means
        if before.endswith("等") and not self._org_head_re.match(after) \
                and name[:1] in NUMERALS and not _MEASURE.match(name[1:]):
            # …职责清单、…举措清单等“三张清单”: a numbered name for the measures listed.
            return "Initiative"
        if (before.endswith("以") and after.startswith("促")) or before.endswith("”促"):
            return None  # 以“数治”促善治, 以“暖心”促“交心”: a means and an aim, not names
        if before.endswith("注入"):
            return None  # 注入“廉动力”: a force put in, a figure of speech
        for t0, t1 in titles:
            if t0 <= start and end <= t1 and not _NUMERAL_RE.search(name) and not any(
                    text.endswith(t, t0, start - 1) for t in self.triggers(text[t0:start - 1])):
                # a document title, not a programme; but a title's verb may name one
                # (《关于…落实“乡镇吹哨、部门报到”的通知》)
                return None
        head = self._head_re.match(after)
        if head and self._outcome_re.match(after, head.end()):
            head = None  # “…”战略定位: the head modifies an outcome noun
        org_head = self._org_head_re.match(after)
        if org_head and (not head or org_head.end() >= head.end()):
            return None  # a category or a name of an organization: “模范”支部
        if len(name) > self.max_quoted_chars + 10 or (
                not head and (len(name) > self.max_quoted_chars or "，" in name
                              or ("," in name and "+" not in name))):
            return None  # quoted speech
        if head:
            return program_kind(head.group(0))
        gap = _GAP_HEAD.match(after) or _LISTED_HEAD.match(after)
        if gap and "的" not in gap.group(0):
            return program_kind(gap.group(1))  # “四三二一”林草产业体系
        tail = self._tail_head_re.search(name)
        if tail and tail.start() >= 2 and span is None:
            return program_kind(tail.group(0))  # the head is inside: “五边行动”
        triggers = self.triggers(before)
        trigger = bool(triggers)
        shaped = self.shaped(name)
        # 以人才“活水”涵养: a means before a verb, a figure of speech unless shaped.
        if triggers == ["以"] and not after.startswith("为") and not shaped:
            trigger = False
        if after.startswith("的"):
            # “…”的良好氛围 describes; “…”的方式 / 构建“…”的良性互动 names.
            clause = re.split(r"[，,。；;！？、“]", after[1:], maxsplit=1)[0]
            if after[1:2] == "“" or self._outcome_re.search(clause):
                return None
            if self._any_head_re.search(clause) or (trigger and shaped):
                return "Initiative"
            return None  # 打造一支“永不退役”的生力军: a quality of another noun
        # The quote is the verb's whole object, not a modifier of another noun.
        whole_object = bool(_WHOLE_OBJECT_AFTER.match(after))
        if "+" in name or "＋" in name:
            return "WorkingMethod"
        if "、" in name or " " in name:
            parts = re.split("[、 ]+", name)
            # A set of measures the verb takes as its object, or three or more of them
            # before the noun they name (提供“急事代办、难事帮办、好事快办”上门服务).
            if all(2 <= len(p) <= 10 for p in parts) and trigger and (
                    whole_object or len(parts) >= 3):
                return "Initiative"
            return None
        if shaped:
            return "Initiative"
        # 开展锅炉“四管”防磨防爆检查, 通过江都区“…”招聘: with words between, a quote
        # followed by another noun only modifies the verb's object.
        verb_end = _AFTER_VERB.sub("", before)
        if trigger and (whole_object or any(verb_end.endswith(t) for t in triggers)
                        or after.startswith(_TAIL_HEADS)):
            return "Initiative"
        return None

    def _numbered_checks(self, name: str, after: str) -> bool:
        """Whether a quote before 要求 is a numbered set of checks carried out
        (按照“三个对照”要求, “四清”要求), not a slogan held (“过紧日子”要求)."""
        return after.startswith("要求") and _NUMBERED.fullmatch(name) is not None

    def abbreviates_object(self, text: str, start: int) -> bool:
        """Whether the quote at ``start`` abbreviates what a programme verb made:
        打造的青年创业空间（以下简称“青创空间”）."""
        m = _ABBREVIATED.search(text[max(0, start - 48):start])
        if not m:
            return False
        clause = m.group(1)
        return bool(self.triggers(clause)) and not self._org_tail_re.search(clause)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the names written in quotes (“…”, "…", 「…」, 『…』, and ‘…’ inside
    them), without the quotation marks, in text order."""
    spans = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in range(1, 5) if m.group(g) is not None)
        spans.append((m.start(group), m.end(group)))
    if "‘" in text:
        spans = sorted([*spans, *(m.span(1) for m in _INNER_QUOTE.finditer(text))])
    return spans


def _repeated(text: str, names: dict[str, str],
              titles: list[tuple[int, int]]) -> list[Candidate]:
    """A programme's name written again without quotes (修起合约食堂后, 全村建起3个合约食堂):
    the same programme, where a sentence may name who carries it out. Names of four
    characters or more only: shorter ones are everyday words (云端, 一站式)."""
    out = []
    for name, kind in sorted(names.items()):
        if len(name) < 4:
            continue
        for at in occurrences(text, name):
            end = at + len(name)
            if text[at - 1:at] in _OPENING_QUOTES or text[end:end + 1] in _CLOSING_QUOTES \
                    or any(t0 < at < t1 for t0, t1 in titles):
                continue
            out.append(REPEATED.candidate(at, end, kind))
    return out


_OPENING_QUOTES = frozenset("“‘「『\"")
_CLOSING_QUOTES = frozenset("”’」』\"")


def _written_with_head(text: str, name: str) -> bool:
    """Whether the page writes ``name`` elsewhere without quotes and with a head noun
    after it (“末位表态”是基本原则 … 落实末位表态制)."""
    return any(text[at - 1:at] not in "“‘「『" and _UNQUOTED_HEAD.match(text, at + len(name))
               for at in occurrences(text, name, overlapping=False))


def _contrasted(text: str, start: int, end: int) -> bool:
    """Whether the quote ``text[start:end]`` is one of two states contrasted."""
    before, after = text[max(0, start - 30):start], text[end:end + 30]
    if _FROM_BEFORE.search(before) and _LINK_AFTER.match(after):
        return True  # 从“A”向…
    if _FROM_PAIR_BEFORE.search(before):
        return True  # …向“B”
    # “A”向“B”转变 without 从: the verb of change after B decides.
    return bool(_TOWARDS_CHANGE_AFTER.match(after)
                or (_TOWARDS_BEFORE.search(before) and _CHANGE_AFTER.match(after)))


# Two things held together (坚持“当下改”与“长久立”相结合): a principle of how to work,
# not two programmes.
_COMBINED = re.compile("“[^“”]{1,20}”[与和同及]“[^“”]{1,20}”(?:相结合|结合起来|并重|并举|相统一)")


def _combined(text: str, start: int, end: int) -> bool:
    """Whether the quote ``text[start:end]`` is one of two things to be combined."""
    return any(m.start() < start < m.end() for m in
               _COMBINED.finditer(text, max(0, start - 24), min(len(text), end + 30)))


def _sibling(text: str, span: tuple[int, int], accepted: list[tuple[int, int]]) -> bool:
    """Whether an accepted quote of the same enumeration is built like ``span``: as
    long, with the same first two characters (“一网通办”、部门联动“一网通管”)."""
    start, end = span
    name = text[start:end]
    for s0, s1 in accepted:
        other = text[s0:s1]
        if len(name) < 3 or len(other) != len(name) or other[:2] != name[:2] \
                or other == name:
            continue
        # Only a pause mark and a short topic between them, no verb like 扩展为.
        between = text[s1 + 1:start - 1] if s1 <= start else text[end + 1:s0 - 1]
        if _SIBLING_BETWEEN.fullmatch(between):
            return True
    return False


# Between quotes of one enumeration: nothing, a pause mark, or a pause mark and a short
# field of the next one (“政协委员走基层”、委员履职“服务为民”活动).
_LISTED_BETWEEN = re.compile(f"(?:、[{CJK}]{{0,6}})?")


def _enumerated(text: str, group: list[tuple[int, int]],
                kinds: dict[tuple[int, int], str | None], recognizer: ProgramRecognizer) -> None:
    """Quotes written one right after the other (“民宿大讲堂”“金牌导游说非遗”……) list
    things of one kind: when one of them is a programme by its own shape (a head noun
    inside), the others of the run are programmes too. Context alone (课程围绕“…”“…”)
    does not carry over: it may have read only the first item."""
    run: list[tuple[int, int]] = []
    for span in [*group, None]:
        if span is not None and run and text[run[-1][1] + 1:span[0] - 1] in ("", "、"):
            run.append(span)
            continue
        if len(run) > 1 and any(kinds[s] is not None and recognizer.shaped(text[s[0]:s[1]])
                                for s in run):
            for s in run:
                if kinds[s] is None and not recognizer.rejected(text[s[0]:s[1]]):
                    kinds[s] = "Initiative"
        run = [span] if span is not None else []


def _coordinated(text: str, spans: list[tuple[int, int]],
                 triggers: re.Pattern[str]) -> list[list[tuple[int, int]]]:
    """Quotes written side by side (“A”“B”, “A”、“B”, “A”、委员履职“B”) grouped in text
    order; a programme verb between them opens a clause of its own (缩小“三大差距”、
    深化“千万工程”)."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        # A single quote inside the previous double quote is nested in it, not
        # written beside it (“服务企业要做‘内行人’，不说‘外行话’”).
        between = (groups[-1][-1][1] + 1, span[0] - 1) if groups else (0, 0)
        if groups and groups[-1][-1][1] < span[0] \
                and _LISTED_BETWEEN.fullmatch(text, *between) \
                and not triggers.search(text, *between):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


@Language.factory("zhkg_programs", assigns=["doc._.zhkg_candidates"],
                  default_config={"max_quoted_chars": 30, "trigger_window": 6})
def make_program_recognizer(nlp: Language, name: str, max_quoted_chars: int,
                            trigger_window: int) -> ProgramRecognizer:
    return ProgramRecognizer(nlp, name, max_quoted_chars=max_quoted_chars,
                             trigger_window=trigger_window)
