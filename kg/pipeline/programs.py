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
from kg.rules.families import family
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

QUOTED, KNOWN, NUMERIC = (family("zhkg.programs:" + rule)
                           for rule in ("quoted", "known", "numeric"))

# Double quotes and corner brackets (「」『』, usual in Traditional text), each quote's
# name a group of its own; then the single quotes nested in them (“…以‘根系工程’深化…”),
# looked for apart, since they lie inside a double quote's match.
_QUOTE = re.compile(r"“([^“”\n]{2,40})”|\"([^\"\n]{2,40})\"|「([^「」\n]{2,40})」"
                    r"|『([^『』\n]{2,40})』")
_INNER_QUOTE = re.compile(r"‘([^‘’“”\n]{2,40})’")
_NUMERAL = "一二两三四五六七八九十百千万双"
# 三会一课, 四议两公开, 一村一策, 双报到: numerals counting the parts of the name.
_NUMERIC_SHAPE = re.compile(rf"^[{_NUMERAL}]{{1,2}}[{CJK}]{{1,4}}[{_NUMERAL}]?[{CJK}]{{0,4}}$")
_MEASURE = re.compile(r"[年月日天周次个人户元岁名场期届批件条项家分秒级大]")
_SENTENCE_END = re.compile(r"[。！？!?]")
# A quoted question (“干部能力如何鉴别、工作实绩如何评价”) names no programme.
_QUESTION = re.compile("如何|怎么|怎样|为什么|什么|哪些|是否")
# Dates (七一), plan periods (十四五), styles (灌输式) and stages (成长期) are
# not programmes.
_NOT_A_PROGRAM = re.compile(
    rf"^(?:[{_NUMERAL}]{{2}}|十[一二三四五六七八九]五|[{CJK}]{{1,3}}[式期])$")
# A structural head a few words after the quote: “…”三级管理基层治理架构.
_GAP_HEAD = re.compile(rf"^[{CJK}]{{1,8}}?(模式|体系|架构|机制|工作法|品牌|线路|路线|管理)")
# 三联工作法 written without quotes: a numeric abbreviation before a method head.
_UNQUOTED_NUMERIC = re.compile(
    rf"(?<=[的、，,“（(\n])([{_NUMERAL}][{CJK}]{{1,3}}?)(工作法|工作机制)")
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
        heads = [h for group, _ in _KIND_BY_HEAD for h in group] + ["课堂", "讲堂", "专栏"]
        return re.compile(f"(?:{alternation(heads)})$")

    @cached_property
    def _org_head_re(self) -> re.Pattern[str]:
        heads = list(org_heads())
        heads += ["支部", "干部", "党员"]
        return re.compile(f"^(?:{alternation(heads)})")

    @cached_property
    def _outcome_re(self) -> re.Pattern[str]:
        return re.compile(alternation(word_list("program_outcomes")))

    @cached_property
    def _trigger_re(self) -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(word_list('program_triggers'))})")

    @cached_property
    def _known_re(self) -> re.Pattern[str]:
        return re.compile(alternation(word_list("known_programs")))

    @cached_property
    def _roles(self) -> frozenset[str]:
        return frozenset(role_words())

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = candidates_of(doc)
        titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]*》", text)]
        # Names ending where a place or organization was proposed: a trigger may
        # stand before them (打造伊克昭公园“行走的党课”).
        owners = {c.end: c.start for c in found if c.label in ("PLACE", "ORG")}
        spans = []
        for m in _QUOTE.finditer(text):
            group = next(g for g in range(1, 5) if m.group(g) is not None)
            spans.append((m.start(group), m.end(group)))
        if "‘" in text:
            spans = sorted([*spans, *(m.span(1) for m in _INNER_QUOTE.finditer(text))])
        kinds: dict[tuple[int, int], str | None] = {}
        for group in _coordinated(text, spans):
            first, last = group[0], group[-1]
            shared = self.judge(text, first[0], last[1], titles, owners, span=(first, last))
            for start, end in group:
                kind = self.judge(text, start, end, titles, owners)
                if kind is None and shared is not None and len(group) > 1 \
                        and not self.rejected(text[start:end]):
                    kind = shared
                kinds[(start, end)] = kind
        # One name, one reading per page: a quote rejected here but accepted
        # elsewhere, or an item of an accepted 、-list, is a programme too.
        names = {text[s:e] for (s, e), k in kinds.items() if k is not None}
        names |= {part for name in list(names) for part in re.split("[、 ]", name)
                  if len(part) >= 4}
        for (start, end), kind in sorted(kinds.items()):
            if kind is None and text[start:end] in names and not self.rejected(text[start:end]):
                kind = "Initiative"
            if kind is not None:
                found.append(QUOTED.candidate(start, end, kind))
        quoted = {span for span, kind in kinds.items() if kind is not None}
        for m in self._known_re.finditer(text):
            if (m.start(), m.end()) not in quoted:
                found.append(KNOWN.candidate(m.start(), m.end(), "Initiative"))
        for m in _UNQUOTED_NUMERIC.finditer(text):
            if not _MEASURE.search(m.group(1)[1:]):
                found.append(NUMERIC.candidate(m.start(1), m.end(1), program_kind(m.group(2))))
        return doc

    def rejected(self, name: str) -> bool:
        """Whether ``name`` can never be a programme, whatever its context."""
        name = name.strip()
        return (not name or name in word_set("program_rejects") or name in idioms()
                or word_pos().get(name) in ("i", "l")
                or name in self._roles or bool(_SENTENCE_END.search(name))
                or bool(_NOT_A_PROGRAM.match(name)) or bool(_QUESTION.search(name)))

    def judge(self, text: str, start: int, end: int,
              titles: Iterable[tuple[int, int]] = (), owners: dict[int, int] | None = None,
              span: tuple[tuple[int, int], tuple[int, int]] | None = None) -> str | None:
        """The programme class of the quoted ``text[start:end]``, or None if it is none.

        ``span`` is given when judging a group of coordinated quotes as one.
        """
        name = text[start:end].strip()
        if span is None and self.rejected(name):
            return None
        opening = start - 1
        if owners and opening in owners:
            opening = owners[opening]
        before = text[max(0, opening - self.trigger_window):opening]
        headline = bool(owners) and re.search(r"[：:]\s*$", before) is not None \
            and (start - 2) in owners  # 湾桥镇：“河长+网格员”… opens a subheading
        if re.search(r"[：:]\s*$|[说道讲称问]$", before) and not headline:
            return None
        after = text[end + 1:end + 12]
        if re.match(r"^(?:说|道|表示)", after):
            return None
        if (before.endswith("以") and after.startswith("促")) or before.endswith("”促"):
            return None  # 以“数治”促善治, 以“暖心”促“交心”: a means and an aim, not names
        if before.endswith("注入"):
            return None  # 注入“廉动力”: a force put in, a figure of speech
        for t0, t1 in titles:
            if t0 <= start and end <= t1 and not re.search(f"[{_NUMERAL}]", name):
                return None  # a document title, not a programme
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
        gap = _GAP_HEAD.match(after)
        if gap and "的" not in gap.group(0):
            return program_kind(gap.group(1))  # “四三二一”林草产业体系
        tail = self._tail_head_re.search(name)
        if tail and tail.start() >= 2 and span is None:
            return program_kind(tail.group(0))  # the head is inside: “五边行动”
        trigger = bool(self._trigger_re.search(before))
        if after.startswith("的"):
            # “…”的良好氛围 describes; “…”的方式 / 构建“…”的良性互动 names.
            clause = re.split(r"[，,。；;！？、“]", after[1:], maxsplit=1)[0]
            if after[1:2] == "“" or self._outcome_re.search(clause):
                return None
            if trigger or self._any_head_re.search(clause):
                return "Initiative"
            return None
        # The quote is the verb's whole object, not a modifier of another noun.
        whole_object = bool(re.match(r"^(?:[，,。；;、）)\s“]|$|为|等|相|在|和|与|作为)", after))
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
        numerals = sum(ch in _NUMERAL for ch in name)
        if _NUMERIC_SHAPE.match(name) and numerals >= 2 and not _MEASURE.search(name[1:]):
            return "Initiative"
        if trigger:
            return "Initiative"
        return None


def _coordinated(text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Quotes written side by side (“A”“B”, “A”、“B”) grouped in text order."""
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and text[groups[-1][-1][1] + 1:span[0] - 1] in ("", "、"):
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
