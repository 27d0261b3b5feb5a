"""Resolve candidates into flat ``doc.ents`` with exact character boundaries."""

from __future__ import annotations

import bisect
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.pipeline.candidates import candidates_of, doc_text, layout
from kg.pipeline.orgs import from_own_division
from kg.pipeline.serialize import SerializableComponent
from kg.rules.families import Candidate, priority, resolve_disabled


def select(candidates: list[Candidate]) -> list[Candidate]:
    """A flat, non-overlapping choice: longer spans first, then the family of higher
    priority (``kg/data/rule_families.tsv``)."""
    chosen: list[Candidate] = []
    taken = bytearray()
    order = sorted(candidates, key=lambda c: (-c.length, -priority(c.source), c.start, c.label))
    for cand in order:
        if cand.length <= 0:
            continue
        if len(taken) < cand.end:
            taken.extend(b"\0" * (cand.end - len(taken)))
        if any(taken[cand.start:cand.end]):
            continue
        taken[cand.start:cand.end] = b"\1" * cand.length
        chosen.append(cand)
    return sorted(chosen)


def align_tokens(doc: Doc, offsets: set[int]) -> None:
    """Split tokens so that every offset in ``offsets`` is a token boundary.

    pkuseg cuts 鄂托克|前旗 and “五|随|六|帮”; entity spans must still be exact.
    """
    starts, ends = layout(doc).starts, layout(doc).ends
    cuts: dict[int, list[int]] = {}
    for offset in sorted(offsets):
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and starts[i] < offset < ends[i]:
            cuts.setdefault(i, []).append(offset - starts[i])
    splits = []
    for i, inner in cuts.items():
        token = doc[i]
        bounds = [0, *inner, len(token)]
        splits.append((token, [token.text[a:b] for a, b in pairwise(bounds)]))
    if not splits:
        return
    with doc.retokenize() as retokenizer:
        for token, orths in splits:
            heads = [(token, 0)] * len(orths)
            retokenizer.split(token, orths, heads=heads)


class EntityResolver(SerializableComponent):
    """Picks a flat set of entities from the candidates and sets ``doc.ents``.

    ``disabled_sources`` drops the candidates of the named rule families
    (``zhkg.places.v1:site`` or ``zhkg.places:site``; ``zhkg.places`` is the
    gazetteer's matches only), to measure what each family contributes. An
    unknown name is a ValueError listing the families.
    """

    settings = ("disabled_sources",)
    data_files = ("rule_families.tsv",)

    def __init__(self, nlp: Language, name: str = "zhkg_entities", *,
                 disabled_sources: list[str] | None = None) -> None:
        self.name = name
        self.disabled_sources = frozenset(resolve_disabled(disabled_sources or ()))

    def __call__(self, doc: Doc) -> Doc:
        candidates = candidates_of(doc)
        if self.disabled_sources:
            candidates = [c for c in candidates if c.source not in self.disabled_sources]
        chosen = select(from_own_division(doc_text(doc), candidates))
        align_tokens(doc, {c.start for c in chosen} | {c.end for c in chosen})
        ents: list[Span] = []
        for cand in chosen:
            span = doc.char_span(cand.start, cand.end, label=cand.label)
            if span is not None:  # whitespace-only edges cannot become spans
                ents.append(span)
        doc.ents = ents
        doc._.zhkg_entities = chosen
        return doc


@Language.factory("zhkg_entities", assigns=["doc.ents", "doc._.zhkg_entities"],
                  requires=["doc._.zhkg_candidates"],
                  default_config={"disabled_sources": []})
def make_entity_resolver(nlp: Language, name: str,
                         disabled_sources: list[str]) -> EntityResolver:
    return EntityResolver(nlp, name, disabled_sources=disabled_sources)
