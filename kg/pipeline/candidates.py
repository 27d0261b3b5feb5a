"""Character-level entity candidates shared by the recognizers.

Recognizers work on ``doc.text`` (pkuseg cuts 鄂托克|前旗 and “五|随|六|帮”), and
add :class:`Candidate` spans to ``doc._.zhkg_candidates``; the resolver picks a
flat, non-overlapping set and aligns the tokens to it.

The values live in ``Doc.user_data`` as tuples, which ``Doc.to_bytes`` keeps, but
msgpack returns every tuple as a list: after ``Doc.from_bytes`` (and so after
``nlp.pipe(..., n_process=2)``, which ships docs between processes as bytes) the
accessors here turn the lists back into :class:`Candidate` and :class:`Layout`,
once per doc, and store the result.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import partial
from typing import NamedTuple

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

from kg.rules.families import Candidate

# The keys of the extensions' values in ``Doc.user_data``: those spaCy used when the
# extensions had defaults, so docs serialized before still read.
CANDIDATES_KEY = ("._.", "zhkg_candidates", None, None)
ENTITIES_KEY = ("._.", "zhkg_entities", None, None)
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
    try:
        if len(cached.starts) == len(doc):
            return cached
    except AttributeError:
        # None before the first call on a doc of another tokenizer, or the list that
        # Doc.from_bytes made of the tuple: costs nothing on the hot path above.
        if cached is not None:
            cached = doc.user_data[LAYOUT_KEY] = Layout(*cached)
            if len(cached.starts) == len(doc):
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
    """The candidate list of ``doc``, created on first use; the recognizers extend it."""
    found = _stored(doc, CANDIDATES_KEY)
    if found is None:
        found = doc.user_data[CANDIDATES_KEY] = []
    return found


def entities_of(doc: Doc) -> list[Candidate]:
    """The candidates the resolver chose for ``doc.ents``; empty before it ran."""
    chosen = _stored(doc, ENTITIES_KEY)
    return [] if chosen is None else chosen


def _stored(doc: Doc, key: tuple[str, str, None, None]) -> list[Candidate] | None:
    """The candidates stored under ``key``. A deserialized doc's lists are converted
    and stored back, so that this happens once per doc; the first item tells, as a
    stored list is either all Candidates or all lists."""
    values = doc.user_data.get(key)
    if values and values[0].__class__ is not Candidate:
        values = doc.user_data[key] = [Candidate(*value) for value in values]
    return values


def _store(doc: Doc, value: list[Candidate] | None, *, key: tuple[str, str, None, None]) -> None:
    doc.user_data[key] = value


# Getters rather than defaults, so that code reading ``doc._`` directly gets
# Candidates after a round trip too. Partials of module functions: spaCy pickles
# the extensions into its worker processes where multiprocessing spawns them.
Doc.set_extension("zhkg_candidates", getter=partial(_stored, key=CANDIDATES_KEY),
                  setter=partial(_store, key=CANDIDATES_KEY), force=True)
Doc.set_extension("zhkg_entities", getter=partial(_stored, key=ENTITIES_KEY),
                  setter=partial(_store, key=ENTITIES_KEY), force=True)


def token_starts(doc: Doc) -> set[int]:
    """Character offsets where pkuseg starts a token."""
    return set(layout(doc).starts)


def tokens_before(doc: Doc, offset: int) -> Iterator[Token]:
    """Tokens that end at or before character ``offset``, nearest first."""
    starts, ends = layout(doc).starts, layout(doc).ends
    for i in range(bisect.bisect_right(starts, offset) - 1, -1, -1):
        if ends[i] <= offset:
            yield doc[i]
