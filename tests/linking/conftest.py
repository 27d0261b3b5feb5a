"""Fixtures for linking tests: one Extractor per session, helpers over its entities."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from kg.extract import Extractor
from kg.model import DocumentResult

Build = Callable[[str], DocumentResult]


@pytest.fixture(scope="session")
def extractor(nlp: Language) -> Extractor:
    """zhkg's extractor on the session's pipeline (loading the gazetteer takes seconds)."""
    return Extractor(nlp)


@pytest.fixture(scope="session")
def build(extractor: Extractor) -> Build:
    """A function from a page's text to its DocumentResult."""

    def run(text: str) -> DocumentResult:
        return extractor("test", text)

    return run


@pytest.fixture(scope="session")
def implements(build: Build) -> Callable[[str], list[tuple[str, str, str | None]]]:
    """A function from a page's text to (agent, program, region or None) label triples."""

    def run(text: str) -> list[tuple[str, str, str | None]]:
        result = build(text)
        ents = result.entities
        return [(ents[i.agent].label, ents[i.program].label,
                 ents[i.region].label if i.region is not None else None)
                for i in result.implementations]

    return run
