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

from kg.pipeline.candidates import Candidate, candidates_of
from kg.pipeline.lexicon import CJK, alternation, word_list, word_set

SOURCE = "zhkg.programs.v1"

_QUOTE = re.compile(r"“([^“”\n]{2,40})”|\"([^\"\n]{2,40})\"")
_NUMERAL = "一二两三四五六七八九十百千万双"
# 三会一课, 四议两公开, 一村一策, 双报到: numerals counting the parts of the name.
_NUMERIC_SHAPE = re.compile(rf"^[{_NUMERAL}]{{1,2}}[{CJK}]{{1,4}}[{_NUMERAL}]?[{CJK}]{{0,4}}$")
_MEASURE = re.compile(r"[年月日天周次个人户元岁名场期届批件条项家分秒]")
_SENTENCE_END = re.compile(r"[。！？!?]")
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


class ProgramRecognizer:
    """Proposes PROGRAM candidates."""

    def __init__(self, nlp: Language, name: str = "zhkg_programs", *,
                 max_quoted_chars: int = 30, trigger_window: int = 6) -> None:
        self.name = name
        self.max_quoted_chars = max_quoted_chars
        self.trigger_window = trigger_window

    @cached_property
    def _head_re(self) -> re.Pattern[str]:
        return re.compile(f"^(?:{alternation(word_list('program_heads'))})")

    @cached_property
    def _trigger_re(self) -> re.Pattern[str]:
        return re.compile(f"(?:{alternation(word_list('program_triggers'))})")

    @cached_property
    def _known_re(self) -> re.Pattern[str]:
        return re.compile(alternation(word_list("known_programs")))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found = candidates_of(doc)
        titles = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]*》", text)]
        quoted: set[tuple[int, int]] = set()
        for m in _QUOTE.finditer(text):
            group = 1 if m.group(1) is not None else 2
            start, end = m.start(group), m.end(group)
            kind = self.judge(text, start, end, titles)
            if kind is not None:
                quoted.add((start, end))
                found.append(Candidate(start, end, "PROGRAM", f"{SOURCE}:quoted", 3, kind))
        for m in self._known_re.finditer(text):
            if (m.start(), m.end()) not in quoted:
                found.append(Candidate(m.start(), m.end(), "PROGRAM", f"{SOURCE}:known", 1,
                                       "Initiative"))
        return doc

    def judge(self, text: str, start: int, end: int,
              titles: Iterable[tuple[int, int]] = ()) -> str | None:
        """The programme class of the quoted ``text[start:end]``, or None if it is none."""
        name = text[start:end].strip()
        if not name or name in word_set("program_rejects") or _SENTENCE_END.search(name):
            return None
        if len(name) > self.max_quoted_chars or "，" in name or ("," in name and "+" not in name):
            return None  # quoted speech
        before = text[max(0, start - 1 - self.trigger_window):start - 1]
        if re.search(r"[：:]\s*$|[说道讲称问]$", before):
            return None
        after = text[end + 1:end + 8]
        if re.match(r"^(?:说|道|表示)", after):
            return None
        for t0, t1 in titles:
            if t0 <= start and end <= t1 and not re.search(f"[{_NUMERAL}]", name):
                return None  # a document title, not a programme
        head = self._head_re.match(after)
        if head:
            return program_kind(head.group(0))
        if "+" in name or "＋" in name:
            return "WorkingMethod"
        if "、" in name and all(2 <= len(p) <= 10 for p in name.split("、")):
            return "Initiative"
        numerals = sum(ch in _NUMERAL for ch in name)
        if _NUMERIC_SHAPE.match(name) and numerals >= 2 and not _MEASURE.search(name[1:]):
            return "Initiative"
        if self._trigger_re.search(before):
            return "Initiative"
        return None


@Language.factory("zhkg_programs", assigns=["doc._.zhkg_candidates"],
                  default_config={"max_quoted_chars": 30, "trigger_window": 6})
def make_program_recognizer(nlp: Language, name: str, max_quoted_chars: int,
                            trigger_window: int) -> ProgramRecognizer:
    return ProgramRecognizer(nlp, name, max_quoted_chars=max_quoted_chars,
                             trigger_window=trigger_window)
