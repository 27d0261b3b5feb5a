"""Fixtures for linking tests: one Extractor per session, helpers over its entities."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.model import DocumentResult

Build = Callable[[str], DocumentResult]




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
