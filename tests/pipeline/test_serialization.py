"""spaCy's serialization: docs through bytes and worker processes, components to disk."""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import inner_places
from kg.pipeline import COMPONENTS, load_pipeline
from kg.pipeline.candidates import (
    CANDIDATES_KEY,
    ENTITIES_KEY,
    LAYOUT_KEY,
    Layout,
    candidates_of,
    entities_of,
    layout,
)
from kg.pipeline.places import PlaceRecognizer
from kg.pipeline.segmenter import CachedPkusegTokenizer
from kg.pipeline.serialize import SavedDataError
from kg.rules.families import Candidate

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
Ents = list[tuple[str, str, int, int]]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    assert len(SEEDS) == 5
    return [path.read_text(encoding="utf-8") for path in SEEDS]


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Language, Path]:
    """A pipeline with a rule family switched off, and where it was saved."""
    nlp = load_pipeline(disabled_sources=["zhkg.places:feature"])
    path = tmp_path_factory.mktemp("pipeline")
    nlp.to_disk(path)
    return nlp, path


def ents(doc: Doc) -> Ents:
    return [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]


def settings(component: object) -> dict[str, object]:
    return {name: getattr(component, name) for name in type(component).settings}


# -- docs ---------------------------------------------------------------------------

def test_doc_bytes_round_trip_keeps_ents_layout_and_candidates(nlp: Language, texts: list[str]):
    doc = nlp(texts[0])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    # msgpack has no tuples: what the accessors have to restore.
    assert type(back.user_data[LAYOUT_KEY]) is list
    assert type(back.user_data[CANDIDATES_KEY][0]) is list
    assert ents(back) == ents(doc) != []
    assert layout(back) == layout(doc)
    assert type(layout(back)) is Layout
    assert layout(back).words == [t.text for t in back]
    assert candidates_of(back) == candidates_of(doc) != []
    assert entities_of(back) == entities_of(doc) != []
    assert {type(c) for c in candidates_of(back) + entities_of(back)} == {Candidate}
    # Converted once and stored: later calls return the same objects.
    assert layout(back) is layout(back)
    assert candidates_of(back) is candidates_of(back)
    assert entities_of(back) is entities_of(back)
    # Readers of doc._ and of kg.extract see the Candidates too.
    assert back._.zhkg_candidates == doc._.zhkg_candidates
    assert back._.zhkg_entities[0].label == doc._.zhkg_entities[0].label
    assert inner_places(back, entities_of(back)) == inner_places(doc, entities_of(doc))


def test_a_doc_from_the_tokenizer_alone_round_trips(nlp: Language, texts: list[str]):
    doc = nlp.make_doc(texts[1])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert layout(back) == layout(doc)
    assert back._.zhkg_candidates is None
    assert entities_of(back) == []


# -- nlp.pipe(n_process=2) ----------------------------------------------------------

def _check_parallel(nlp: Language, texts: list[str]) -> None:
    serial = list(nlp.pipe(texts))
    # One text a batch: spaCy deals batches to the workers in turn, so both work.
    parallel = list(nlp.pipe(texts, n_process=2, batch_size=1))
    assert len(parallel) == len(texts)
    # The docs came back as bytes, their values as lists.
    assert all(type(d.user_data[ENTITIES_KEY][0]) is list for d in parallel)
    assert [ents(d) for d in parallel] == [ents(d) for d in serial]
    assert [d._.zhkg_entities for d in parallel] == [d._.zhkg_entities for d in serial]
    assert [candidates_of(d) for d in parallel] == [candidates_of(d) for d in serial]


def test_pipe_in_two_processes_equals_a_serial_run(nlp: Language, texts: list[str]):
    _check_parallel(nlp, texts)


@pytest.fixture
def spawn() -> Iterator[None]:
    """Workers spawned, as on macOS and Windows (and forkserver, Python 3.14's default on
    Linux): spaCy then pickles the pipeline and the extensions into each worker."""
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(previous, force=True)


def test_pipe_in_two_spawned_processes_equals_a_serial_run(nlp: Language, texts: list[str],
                                                           spawn: None):
    _check_parallel(nlp, texts[:2])


# -- nlp.to_disk, spacy.load --------------------------------------------------------

def test_a_saved_pipeline_loads_with_its_settings_and_entities(
        nlp: Language, texts: list[str], custom: tuple[Language, Path]):
    saved, path = custom
    loaded = spacy.load(path)
    assert loaded.pipe_names == list(COMPONENTS)
    assert isinstance(loaded.tokenizer, CachedPkusegTokenizer)
    for name in COMPONENTS:
        assert (path / name / "cfg.json").is_file() and (path / name / "data.json").is_file()
        assert settings(loaded.get_pipe(name)) == settings(saved.get_pipe(name))
    assert loaded.get_pipe("zhkg_entities").disabled_sources == {"zhkg.places.v5:feature"}
    results = [(ents(saved(t)), ents(loaded(t)), ents(nlp(t))) for t in texts]
    assert all(mine == theirs for mine, theirs, _ in results)
    # The family switched off shows: the loaded pipeline is not the default one.
    assert any(mine != default for mine, _, default in results)
    doc, again = saved(texts[0]), loaded(texts[0])
    assert entities_of(again) == entities_of(doc)


def test_from_disk_applies_the_saved_settings(nlp: Language, texts: list[str], tmp_path: Path):
    narrow = PlaceRecognizer(nlp, "zhkg_places", chain_max_chars=2, site_max_chars=4)
    narrow.to_disk(tmp_path)
    assert srsly.read_json(tmp_path / "cfg.json") == {"chain_max_chars": 2, "site_max_chars": 4}
    loaded = PlaceRecognizer(nlp, "zhkg_places").from_disk(tmp_path, exclude=["vocab"])
    assert settings(loaded) == {"chain_max_chars": 2, "site_max_chars": 4}

    def found(component: PlaceRecognizer) -> list[list[Candidate]]:
        return [candidates_of(component(nlp.make_doc(t))) for t in texts]

    # The settings reach the rules, not only the attributes.
    assert found(loaded) == found(narrow) != found(PlaceRecognizer(nlp, "zhkg_places"))


def test_component_bytes_round_trip(custom: tuple[Language, Path]):
    saved, _ = custom
    resolver = saved.get_pipe("zhkg_entities")
    fresh = type(resolver)(saved, "zhkg_entities").from_bytes(resolver.to_bytes())
    assert fresh.disabled_sources == resolver.disabled_sources == {"zhkg.places.v5:feature"}


def test_from_disk_refuses_word_lists_that_differ_from_the_package(
        custom: tuple[Language, Path], tmp_path: Path):
    saved, _ = custom
    orgs = saved.get_pipe("zhkg_orgs")
    orgs.to_disk(tmp_path, exclude=["vocab"])
    fresh = type(orgs)(saved, "zhkg_orgs")
    data = srsly.read_json(tmp_path / "data.json")
    removed = data["org_heads.tsv"].pop()
    srsly.write_json(tmp_path / "data.json", data)
    srsly.write_json(tmp_path / "cfg.json", {"max_name_chars": 3, "max_sub_chars": 4})
    expected = rf"org_heads\.tsv.*1 only installed: '{re.escape(removed[0])}"
    with pytest.raises(SavedDataError, match=expected):
        fresh.from_disk(tmp_path)
    assert fresh.max_name_chars == 12  # refused whole: the settings were not taken
    # The lists can be skipped on purpose.
    assert fresh.from_disk(tmp_path, exclude=["data"]).max_name_chars == 3
    # A saved list missing, as from a zhkg that read fewer files.
    del data["org_heads.tsv"]
    srsly.write_json(tmp_path / "data.json", data)
    with pytest.raises(SavedDataError, match=r"no copy of kg/data/org_heads\.tsv"):
        fresh.from_disk(tmp_path)


@pytest.mark.parametrize("name", COMPONENTS)
def test_components_declare_their_factory_settings_and_data_files(nlp: Language, name: str):
    component = type(nlp.get_pipe(name))
    assert set(component.settings) == set(Language.get_factory_meta(name).default_config)
    for data_file in component.data_files:
        assert files("kg.data").joinpath(data_file).is_file(), data_file
    assert len(set(component.data_files)) == len(component.data_files)
