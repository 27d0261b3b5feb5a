"""Fixtures for relation tests: one Extractor per session, relations as labels."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import DocumentResult

Build = Callable[[str], DocumentResult]
Triples = Callable[[str], list[tuple[str, str, str | None]]]
Members = Callable[[str], list[tuple[str, str, str]]]




def implementation_labels(result: DocumentResult) -> list[tuple[str, str, str | None]]:
    """(agent label, program label, region label or None) of each implementation, in order."""
    ents = result.entities
    return [(ents[i.agent].label, ents[i.program].label,
             ents[i.region].label if i.region is not None else None)
            for i in result.implementations]


@pytest.fixture(scope="session")
def implements(build: Build) -> Triples:
    """A function from a page's text to its implementations as label triples."""

    def run(text: str) -> list[tuple[str, str, str | None]]:
        return implementation_labels(build(text))

    return run


@pytest.fixture(scope="session")
def members(build: Build) -> Members:
    """A function from a page's text to its memberships as (person, organization, role)."""

    def run(text: str) -> list[tuple[str, str, str]]:
        result = build(text)
        ents = result.entities
        return [(ents[m.person].label, ents[m.organization].label, m.role)
                for m in result.memberships]

    return run
