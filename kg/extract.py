"""Text → doc → mentions → entities → relations, for one document."""

from __future__ import annotations

import os

from spacy.language import Language

from kg.gazetteer import load_gazetteer
from kg.linking import EntityLinker
from kg.linking.anaphora import resolve_references
from kg.model import DocumentResult
from kg.pipeline import load_pipeline
from kg.relations.implements import extract_implementations
from kg.relations.memberships import extract_memberships
from kg.text import articles


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
        mentions, entities = self.linker.link(text, doc._.zhkg_entities or [], pieces)
        result = DocumentResult(identifier, text, mentions, entities)
        references = resolve_references(text, mentions, entities, pieces)
        result.implementations = extract_implementations(text, mentions, entities, pieces,
                                                         references)
        result.memberships = extract_memberships(text, mentions, entities, pieces)
        return result
