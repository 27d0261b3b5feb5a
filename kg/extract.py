"""Text → doc → mentions → entities → relations, for one document."""

from __future__ import annotations

import os

from spacy.language import Language
from spacy.tokens import Doc

from kg.gazetteer import load_gazetteer
from kg.linking import EntityLinker
from kg.linking.anaphora import resolve_references
from kg.model import DocumentResult
from kg.pipeline import load_pipeline
from kg.pipeline.candidates import Candidate
from kg.pipeline.entities import select
from kg.relations.implements import extract_implementations
from kg.relations.memberships import extract_memberships
from kg.text import articles


def inner_places(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Division candidates inside the chosen organizations, flat and in order."""
    orgs = [c for c in chosen if c.label == "ORG"]
    inside = [c for c in doc._.zhkg_candidates or [] if c.label == "PLACE" and c.kind != "Site"
              and any(o.start <= c.start and c.end < o.end for o in orgs)]
    return select(inside)


class Extractor:
    """Runs the pipeline, the linker and the relation rules on documents."""

    def __init__(self, nlp: Language | None = None, *,
                 pkuseg_model: str | os.PathLike[str] | None = None,
                 disabled_sources: list[str] | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(
            pkuseg_model, disabled_sources=disabled_sources)
        self.linker = EntityLinker(load_gazetteer())

    def __call__(self, identifier: str, text: str) -> DocumentResult:
        doc = self.nlp(text)
        pieces = articles(text)
        chosen = doc._.zhkg_entities or []
        mentions, entities = self.linker.link(text, chosen, pieces, inner_places(doc, chosen))
        result = DocumentResult(identifier, text, mentions, entities)
        references = resolve_references(text, mentions, entities, pieces)
        result.implementations = extract_implementations(text, mentions, entities, pieces,
                                                         references)
        result.memberships = extract_memberships(text, mentions, entities, pieces)
        return result
