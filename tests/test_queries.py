"""The shipped SPARQL queries (``kg/queries/*.rq``) on the seeds' graph.

Each query must carry its question in English and Chinese, parse, be a SELECT with
an ORDER BY, find at least one row on the seeds, and give pyoxigraph and rdflib
the same number of rows, so it can be run on either engine. Its parameters have a
default, and it answers the same from a store (where an entity is described again in
the graph of every document that names it) as from a file. The queries rewritten for
a store of a million triples (``benchmarks/query_scale.py``) answer as they did
before, kept in ``tests/queries_before_scale/``.
"""

from __future__ import annotations

import csv
import io
import re
from importlib.resources import files
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.plugins.sparql import prepareQuery

from kg.cli import main
from kg.query import open_graph, parameters, run_query

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
BEFORE_SCALE = sorted((ROOT / "tests" / "queries_before_scale").glob("*.rq"))
# A GROUP_CONCAT's separator and the variable it is bound to.
CONCATENATED = re.compile(r'GROUP_CONCAT\([^;]*;\s*separator="([^"]*)"\)\s+AS\s+\?(\w+)')


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


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("queries") / "store"
    assert main(["build", str(ROOT / "seeds"), "--store", str(folder), "-q"]) == 0
    return folder


def answer(store: pyoxigraph.Store, text: str) -> list[tuple[str, ...]]:
    """The rows of a query as CSV cells, sorted, the members of each GROUP_CONCAT sorted:
    SPARQL orders neither ties of ORDER BY nor what GROUP_CONCAT joins."""
    separators = {variable: separator for separator, variable in CONCATENATED.findall(text)}
    rows = list(csv.reader(io.StringIO(run_query(store, text, "csv"))))
    header, body = rows[0], rows[1:]
    return sorted(tuple(separators[name].join(sorted(cell.split(separators[name])))
                        if name in separators else cell
                        for name, cell in zip(header, row, strict=True)) for row in body)


@pytest.mark.parametrize("entry", QUERIES, ids=_stem)
def test_parameters_have_a_description_and_a_default(entry):
    text = entry.read_text(encoding="utf-8")
    declared = parameters(text)
    assert len(declared) == text.count("\n# param: ")
    for parameter in declared:
        assert parameter.description and parameter.default


@pytest.mark.parametrize("entry", QUERIES, ids=_stem)
def test_answers_alike_from_a_store_and_from_a_file(entry, seeds_store, store):
    text = entry.read_text(encoding="utf-8")
    from_file = answer(store, text)
    assert from_file
    assert answer(open_graph(str(seeds_store)), text) == from_file


@pytest.mark.parametrize("before", BEFORE_SCALE, ids=lambda path: path.stem)
def test_rewritten_for_scale_answers_as_before(before, store):
    now = (files("kg.queries") / before.name).read_text(encoding="utf-8")
    assert answer(store, now) == answer(store, before.read_text(encoding="utf-8"))
