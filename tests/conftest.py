"""Shared fixtures: one loaded pipeline per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from kg.pipeline import load_pipeline

Ents = Callable[[str], list[tuple[str, str]]]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """zhkg's pipeline; loading the segmenter and the gazetteer takes seconds, so share it."""
    return load_pipeline()


@pytest.fixture(scope="session")
def ents(nlp: Language) -> Ents:
    """A function from a text to its ``doc.ents`` as (text, label) pairs, in order."""

    def run(text: str) -> list[tuple[str, str]]:
        return [(ent.text, ent.label_) for ent in nlp(text).ents]

    return run
