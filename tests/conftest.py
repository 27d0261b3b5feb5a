"""Shared fixtures: one loaded pipeline, one extractor and one seeds build per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from kg.cli import main
from kg.extract import Extractor
from kg.model import DocumentResult
from kg.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
Ents = Callable[[str], list[tuple[str, str]]]
Build = Callable[[str], DocumentResult]


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
def seeds_output(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The seeds built with ``kg build`` once per output extension (ttl, nq …), read-only.

    Each build loads the pipeline anew, so the modules that read the seeds' graph
    share these files instead of building their own.
    """
    folder = tmp_path_factory.mktemp("seeds-build")
    built: dict[str, Path] = {}

    def get(ext: str) -> Path:
        if ext not in built:
            out = folder / f"seeds.{ext}"
            assert main(["build", str(ROOT / "seeds"), "-o", str(out), "-q"]) == 0
            built[ext] = out
        return built[ext]

    return get
