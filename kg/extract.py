"""Text → doc → mentions → entities → relations, for one document."""

from __future__ import annotations

import bisect
import os
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer import load_gazetteer
from kg.linking import EntityLinker, level_of_name
from kg.linking.anaphora import resolve_references
from kg.model import DocumentResult, Sentence
from kg.pipeline import load_pipeline
from kg.pipeline.candidates import candidates_of, entities_of, layout
from kg.pipeline.entities import select
from kg.relations.implements import extract_implementations
from kg.relations.memberships import extract_memberships
from kg.rules.families import Candidate
from kg.rules.lexicon import OWNING_SITE_CLASSES
from kg.text import articles, segments


def inner_places(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Division candidates inside the chosen organizations and zones, flat and in order,
    and the sites that own organizations (青山花园小区|党支部, 三江源国家公园|…管委会;
    not a 纪念馆, which names its own body)."""
    # The chosen spans do not overlap: only the last organization opening at or
    # before a place can hold it.
    text = layout(doc).text
    # Zones named after their division (合肥|高新区) hold it too.
    orgs = sorted((c.start, c.end) for c in chosen if c.label == "ORG" or (
        c.label == "PLACE" and c.kind == "Site"
        and level_of_name(text[c.start:c.end])[1] == "FunctionalZone"))
    starts = [start for start, _ in orgs]
    inside = []
    for c in candidates_of(doc):
        if c.label == "PLACE" and (c.kind != "Site" or level_of_name(
                text[c.start:c.end])[1] in OWNING_SITE_CLASSES):
            i = bisect.bisect_right(starts, c.start) - 1
            if i >= 0 and c.end < orgs[i][1]:
                inside.append(c)
    return select(inside)


class Extractor:
    """Runs the pipeline, the linker and the relation rules on documents.

    A document longer than ``max_segment_chars`` (a file of a year's pages) is
    read segment by segment, cut between articles, so that memory follows the
    segment and not the file; entity identity does not depend on the cut,
    because keys are minted from names and division codes.
    """

    def __init__(self, nlp: Language | None = None, *,
                 pkuseg_model: str | os.PathLike[str] | None = None,
                 disabled_sources: list[str] | None = None,
                 model: str | os.PathLike[str] | None = None,
                 max_segment_chars: int = 200_000) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(
            pkuseg_model, disabled_sources=disabled_sources, model=model)
        self.linker = EntityLinker(load_gazetteer())
        self.max_segment_chars = max_segment_chars

    def __call__(self, identifier: str, text: str,
                 analysis_text: str | None = None) -> DocumentResult:
        """Extract from ``text``; ``analysis_text`` (same length, e.g. simplified
        characters for a traditional page) is what the rules read when given."""
        analysed = text if analysis_text is None else analysis_text
        if len(analysed) != len(text):
            raise ValueError("analysis_text must have the length of text")
        pieces = segments(analysed, self.max_segment_chars)
        if len(pieces) == 1 and analysed is text:  # a page: its findings as they are
            return self._segment(identifier, text)
        result = DocumentResult(identifier, text)
        for start, end in pieces:
            part = self._segment(identifier, analysed[start:end])
            _fold(result, part, start, text)
        return result

    def _segment(self, identifier: str, text: str) -> DocumentResult:
        doc = self.nlp(text)
        pieces = articles(text)
        chosen = entities_of(doc)
        mentions, entities = self.linker.link(text, chosen, pieces, inner_places(doc, chosen))
        result = DocumentResult(identifier, text, mentions, entities)
        result.references = resolve_references(text, mentions, entities, pieces)
        result.implementations = extract_implementations(text, mentions, entities, pieces,
                                                         result.references)
        result.memberships = extract_memberships(text, mentions, entities, pieces)
        return result


def _fold(result: DocumentResult, part: DocumentResult, offset: int, text: str) -> None:
    """Add a segment's findings to ``result``, at document offsets and with the
    document's own characters as anchors and evidence."""
    def sentence(s: Sentence) -> Sentence:
        start, end = s.start + offset, s.end + offset
        return Sentence(start, end, text[start:end])

    for found, mentions in ((result.mentions, part.mentions),
                            (result.references, part.references)):
        for m in mentions:
            start, end = m.start + offset, m.end + offset
            found.append(replace(m, start=start, end=end, text=text[start:end]))
    for key, entity in part.entities.items():
        if key in result.entities:
            result.entities[key].merge(entity)
        else:
            result.entities[key] = entity
    result.implementations.extend(replace(i, sentence=sentence(i.sentence))
                                  for i in part.implementations)
    result.memberships.extend(replace(m, sentence=sentence(m.sentence))
                              for m in part.memberships)
