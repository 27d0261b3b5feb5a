"""The shipped SPARQL queries (``kg/queries/*.rq``) on the seeds' graph.

Each query must carry its question in English and Chinese, parse, be a SELECT with
an ORDER BY, find at least one row on the seeds, and give pyoxigraph and rdflib
the same number of rows, so it can be run on either engine.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted(
    (entry for entry in files("kg.queries").iterdir() if entry.name.endswith(".rq")),
    key=lambda entry: entry.name,
)
REQUIRED = {
    "implementations", "programmes_by_county", "programmes_under_league", "people_roles",
    "evidence_for_programme", "programmes_in_several_places", "parent_organizations",
    "documents_mentioning_place", "place_hierarchy", "agents_by_rule",
}
CJK = re.compile(r"[\u4e00-\u9fff]")


def _stem(entry) -> str:
    return entry.name[: -len(".rq")]


@pytest.fixture(scope="module")
def seeds_ttl(seeds_output) -> Path:
    return seeds_output("ttl")


@pytest.fixture(scope="module")
def store(seeds_ttl: Path) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(path=str(seeds_ttl), format=pyoxigraph.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def graph(seeds_ttl: Path) -> Graph:
    return Graph().parse(seeds_ttl, format="turtle")


def test_the_required_queries_are_shipped():
    names = {_stem(entry) for entry in QUERIES}
    assert len(names) >= 10
    assert names >= REQUIRED, f"missing: {sorted(REQUIRED - names)}"


@pytest.mark.parametrize("entry", QUERIES, ids=_stem)
def test_header_states_the_question_in_english_and_chinese(entry):
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 2
    question, wenti = lines[0], lines[1]
    assert question.startswith("# question: ") and question.rstrip().endswith("?")
    assert re.search(r"[A-Za-z]+ [A-Za-z]+", question.removeprefix("# question: "))
    assert wenti.startswith("# 问题: ") and CJK.search(wenti.removeprefix("# 问题: "))
    assert wenti.rstrip().endswith("\uff1f")  # a full-width question mark


@pytest.mark.parametrize("entry", QUERIES, ids=_stem)
def test_parses_as_an_ordered_select(entry):
    text = entry.read_text(encoding="utf-8")
    assert prepareQuery(text).algebra.name == "SelectQuery"
    # pyoxigraph parses too: an empty store answers with no rows rather than a SyntaxError.
    assert isinstance(pyoxigraph.Store().query(text), pyoxigraph.QuerySolutions)
    assert re.search(r"^ORDER BY ", text, re.MULTILINE), "results must come in a fixed order"


@pytest.mark.parametrize("entry", QUERIES, ids=_stem)
def test_finds_rows_on_the_seeds_in_both_engines(entry, store, graph):
    text = entry.read_text(encoding="utf-8")
    solutions = store.query(text)
    columns = [variable.value for variable in solutions.variables]
    oxigraph_rows = list(solutions)
    assert oxigraph_rows, f"{entry.name} finds nothing on the seeds"
    rdflib_result = graph.query(text)
    assert [str(variable) for variable in rdflib_result.vars] == columns
    assert len(list(rdflib_result)) == len(oxigraph_rows)


def test_docs_show_every_shipped_query():
    docs = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for entry in QUERIES:
        name = entry.name[:-3]
        assert f"## `{name}`" in docs, f"docs/queries.md lacks {name}"
