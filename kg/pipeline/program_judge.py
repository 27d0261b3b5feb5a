"""A learned judge of quoted names: programme or not, whatever the rules said.

The rules of :mod:`kg.pipeline.programs` read a quote as a programme by the verb
before it, the head noun after it or its shape; on pages unlike the ones they were
written on they also take quoted metaphors, qualities and categories, and miss
programmes written without a cue they know. Every quote of a page is scored by a
logistic regression over whether the rules proposed it, its length and shape
(numerals, 、 or + inside, its first and last characters, jieba's tag for it, an
everyday word), the characters right before and after the quotation marks, a
programme verb before it or a programme head after it, and how many quotes stand
next to it. A name whose quotes all score under the threshold is dropped with every
mention of it on the page; a quote the rules passed over that scores above it is
proposed as a programme.

The weights are ``kg/data/program_judge.json``, trained by ``kg train``/``make model``
on the gold PROGRAM strings of annotated pages.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.pipeline.candidates import candidates_of, doc_text
from kg.pipeline.learned import LearnedComponent, LinearModel
from kg.pipeline.programs import NUMERALS, SENTENCE_END, program_kind, quoted_spans
from kg.rules.families import Candidate, family
from kg.rules.lexicon import alternation, is_common, is_verb, word_list, word_pos

FAMILY = family("zhkg.programs:judge")
MODEL_FILE = "program_judge.json"

_NUMERAL_START = re.compile(f"[{NUMERALS}0-9]")
_NUMERAL = re.compile("[一二两三四五六七八九十]")
_SET_MARK = re.compile("[、，,＋+·]")
_SPEECH_BEFORE = re.compile("(?:[：:]|[说道])$")
# What stands between two quotes of one list (”“, ”、“): the quotes are siblings.
_SIBLING_BETWEEN = re.compile("[”’」』\"]、?[“‘「『\"]")
_SIBLING_GAPS = (2, 3)
# The characters read on each side of the quotation marks.
_WINDOW = 4


class ProgramJudgeModel(LinearModel):
    """The weights of the programme judge and its threshold."""

    FILE = MODEL_FILE
    FORMAT = "zhkg.program-judge"
    WHAT = "programme judge"


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = alternation(word_list("program_heads"))
    return re.compile(f"^(?:{heads})"), re.compile(f"(?:{heads})$")


@lru_cache(maxsize=1)
def _trigger_re() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation(word_list('program_triggers'))})$")


def quote_features(text: str, start: int, end: int, proposed: bool, siblings: int
                   ) -> list[str]:
    """The features of the quoted name ``text[start:end]`` (without its marks)."""
    name = text[start:end]
    before = text[max(0, start - 1 - _WINDOW):max(0, start - 1)]
    after = text[end + 1:end + 1 + _WINDOW]
    head_after, head_end = _heads()
    out = ["bias", f"rule={int(proposed)}", f"len={min(len(name), 12)}",
           f"rule_len={int(proposed)}|{min(len(name), 8)}", f"last={name[-1:]}",
           f"last2={name[-2:]}", f"first={name[:1]}", f"tag={word_pos().get(name)}",
           f"b1={before[-1:]}", f"b2={before[-2:]}", f"a1={after[:1]}", f"a2={after[:2]}",
           f"sib={min(siblings, 3)}"]
    flags = {"num_start": _NUMERAL_START.match(name), "has_num": _NUMERAL.search(name),
             "has_sep": _SET_MARK.search(name), "ends_head": head_end.search(name),
             "common": is_common(name), "verb_start": is_verb(name[:2]),
             "after_head": head_after.match(after), "carry_verb": _trigger_re().search(before),
             "speech_before": _SPEECH_BEFORE.search(before),
             "sentence_inside": SENTENCE_END.search(name)}
    return out + [flag for flag, on in flags.items() if on]


def page_quotes(text: str, cands: list[Candidate]
                ) -> list[tuple[tuple[int, int], list[Candidate], list[str]]]:
    """Each quote of the page: its span without the marks, the PROGRAM candidates the
    rules proposed on it (quotation marks included), and its features."""
    spans = quoted_spans(text)
    # What the rules proposed on a quote reads the quote itself, its marks or not, or
    # opens with it (“五星”支部创建); not a name inside a quoted speech.
    proposed_at: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.label == "PROGRAM":
            proposed_at.setdefault(c.start, []).append(c)
    span_starts = Counter(s for s, _ in spans)
    span_ends = Counter(e for _, e in spans)
    out = []
    for start, end in spans:
        proposed = [c for c in proposed_at.get(start, ()) if c.end in (end, end + 1)]
        proposed += [c for c in proposed_at.get(start - 1, ()) if c.end >= end + 1]
        siblings = sum(span_starts[end + gap] for gap in _SIBLING_GAPS
                       if _SIBLING_BETWEEN.fullmatch(text, end, end + gap)) \
            + sum(span_ends[start - gap] for gap in _SIBLING_GAPS
                  if _SIBLING_BETWEEN.fullmatch(text, start - gap, start))
        out.append(((start, end), proposed,
                    quote_features(text, start, end, bool(proposed), siblings)))
    return out


class ProgramJudge(LearnedComponent):
    """Keeps, drops or adds the PROGRAM candidates of quoted names.

    ``model`` is a folder written by ``kg train`` (or its ``program_judge.json``);
    empty, the judge shipped in ``kg/data``.
    """

    factory = "zhkg_program_judge"
    model_class = ProgramJudgeModel
    data_files = ("program_heads.txt", "program_triggers.txt", "rule_families.tsv")

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        self.scorer  # noqa: B018 -- read the weights now, not on the first page
        word_pos()
        _heads()
        _trigger_re()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = candidates_of(doc)
        scorer = self.scorer
        kept: set[str] = set()
        dropped: set[str] = set()
        added: list[Candidate] = []
        for (start, end), proposed, feats in page_quotes(text, found):
            likely = scorer.probability(feats) >= scorer.threshold
            if proposed:
                (kept if likely else dropped).update(text[c.start:c.end] for c in proposed)
            elif likely:
                added.append(FAMILY.candidate(start, end, program_kind(text[start:end])))
        # One name, one reading per page: dropped only when none of its quotes is likely,
        # and then with its mentions outside quotes.
        dropped -= kept
        if dropped:
            found[:] = [c for c in found
                        if c.label != "PROGRAM" or text[c.start:c.end] not in dropped]
        found.extend(c for c in added if text[c.start:c.end] not in kept)
        return doc


@Language.factory("zhkg_program_judge", assigns=["doc._.zhkg_candidates"],
                  requires=["doc._.zhkg_candidates"], default_config={"model": ""})
def make_program_judge(nlp: Language, name: str, model: str) -> ProgramJudge:
    return ProgramJudge(nlp, name, model=model)
