"""Character-level entity candidates shared by the recognizers.

Recognizers work on ``doc.text`` (pkuseg cuts 鄂托克|前旗 and “五|随|六|帮”), and
add :class:`Candidate` spans to ``doc._.zhkg_candidates``; the resolver picks a
flat, non-overlapping set and aligns the tokens to it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc, Token

LABELS = ("ORG", "PLACE", "PERSON", "PROGRAM")


class Candidate(NamedTuple):
    """A proposed entity span in characters, with what proposed it."""

    start: int
    end: int
    label: str
    source: str           # registered name of the rule family, e.g. "zhkg.places.v1"
    priority: int = 0     # breaks ties between overlapping spans of equal length
    kind: str = ""        # ontology class local name, when the rule knows it
    key: str = ""         # gazetteer key of a place, when known

    @property
    def length(self) -> int:
        return self.end - self.start


if not Doc.has_extension("zhkg_candidates"):
    Doc.set_extension("zhkg_candidates", default=None)
if not Doc.has_extension("zhkg_entities"):
    Doc.set_extension("zhkg_entities", default=None)


def candidates_of(doc: Doc) -> list[Candidate]:
    """The candidate list of ``doc``, created on first use."""
    if doc._.zhkg_candidates is None:
        doc._.zhkg_candidates = []
    return doc._.zhkg_candidates


def token_starts(doc: Doc) -> set[int]:
    """Character offsets where pkuseg starts a token."""
    return {t.idx for t in doc}


def tokens_before(doc: Doc, offset: int) -> Iterator[Token]:
    """Tokens that end at or before character ``offset``, nearest first."""
    i = bisect.bisect_right([t.idx for t in doc], offset) - 1
    for token in reversed(doc[: max(i + 1, 0)]):
        if token.idx + len(token.text) <= offset:
            yield token
