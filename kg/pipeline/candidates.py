"""Character-level entity candidates shared by the recognizers.

Recognizers work on ``doc.text`` (pkuseg cuts 鄂托克|前旗 and “五|随|六|帮”), and
add :class:`Candidate` spans to ``doc._.zhkg_candidates``; the resolver picks a
flat, non-overlapping set and aligns the tokens to it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

from kg.rules.families import Candidate

if not Doc.has_extension("zhkg_candidates"):
    Doc.set_extension("zhkg_candidates", default=None)
if not Doc.has_extension("zhkg_entities"):
    Doc.set_extension("zhkg_entities", default=None)
# Key of the layout in ``Doc.user_data``: read on every recognizer step, where
# going through ``doc._`` costs an object per access.
LAYOUT_KEY = "zhkg.layout"


class Layout(NamedTuple):
    """The text of a doc and its token boundaries, computed once per doc."""

    text: str
    starts: list[int]     # character offset of each token
    ends: list[int]
    words: list[str]      # token texts


def layout(doc: Doc) -> Layout:
    """``doc``'s text and token offsets.

    spaCy rebuilds ``doc.text`` from the tokens on every access, and the
    recognizers read it thousands of times per page. zhkg's tokenizer records
    the layout as it makes the doc (:func:`record_layout`); splitting tokens
    changes the offsets, not the text.
    """
    cached = doc.user_data.get(LAYOUT_KEY)
    if cached is not None and len(cached.starts) == len(doc):
        return cached
    text = cached.text if cached is not None else doc.text
    # One array call instead of a Python Token object per token.
    offsets = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    starts = [a for a, _ in offsets]
    ends = [a + n for a, n in offsets]
    words = [text[a:a + n] for a, n in offsets]
    cached = doc.user_data[LAYOUT_KEY] = Layout(text, starts, ends, words)
    return cached


def record_layout(doc: Doc, text: str, words: list[str], starts: list[int]) -> None:
    """Store the layout of a doc just made from ``words`` found at ``starts`` in ``text``."""
    ends = [start + len(word) for start, word in zip(starts, words, strict=True)]
    doc.user_data[LAYOUT_KEY] = Layout(text, starts, ends, words)


def index_of(offsets: list[int], offset: int) -> int | None:
    """The index of ``offset`` in the sorted token ``offsets`` (a layout's starts or
    ends), or None where no token starts (ends) there."""
    i = bisect.bisect_left(offsets, offset)
    return i if i < len(offsets) and offsets[i] == offset else None


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once."""
    return layout(doc).text


def candidates_of(doc: Doc) -> list[Candidate]:
    """The candidate list of ``doc``, created on first use."""
    if doc._.zhkg_candidates is None:
        doc._.zhkg_candidates = []
    return doc._.zhkg_candidates


def token_starts(doc: Doc) -> set[int]:
    """Character offsets where pkuseg starts a token."""
    return set(layout(doc).starts)


def tokens_before(doc: Doc, offset: int) -> Iterator[Token]:
    """Tokens that end at or before character ``offset``, nearest first."""
    starts, ends = layout(doc).starts, layout(doc).ends
    for i in range(bisect.bisect_right(starts, offset) - 1, -1, -1):
        if ends[i] <= offset:
            yield doc[i]
