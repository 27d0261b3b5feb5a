"""The five seed pages: contract, SHACL shapes and an accuracy floor on the gold set.

The gold annotations and the scorer live in ``../shared`` beside the checkout
(as in CI); the floors are the acceptance figures of the issues.
"""

from __future__ import annotations

import importlib.util
import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from kg.graph.validate import validate_file

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _tool(name: str):
    path = SHARED / "tools" / f"{name}.py"
    assert path.is_file(), f"{path} is missing: the tests need ../shared beside the checkout"
    spec = importlib.util.spec_from_file_location(f"shared_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seeds_graph(seeds_output) -> Path:
    return seeds_output("ttl")


def test_seeds_graph_breaks_no_contract_rule(seeds_graph):
    check = _tool("check_contract")
    buf = io.StringIO()
    with redirect_stdout(buf):
        code = check.main(["--graph", str(seeds_graph), "--ontology", str(ROOT / "ontology")])
    assert code == 0, buf.getvalue()
    assert "contract_violations=0" in buf.getvalue()


def test_seeds_graph_conforms_to_shapes(seeds_graph):
    conforms, report = validate_file(seeds_graph)
    assert conforms, report[:2000]


def test_seeds_graph_parses_in_pyoxigraph(seeds_graph):
    store = pyoxigraph.Store()
    store.load(path=str(seeds_graph), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(seeds_graph))


def test_seeds_score_floor(seeds_graph):
    score = _tool("score")
    g = Graph().parse(seeds_graph)
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(path)
    result = score.score(SHARED / "gold" / "seeds", g)
    assert result["documents_missing_from_graph"] == []
    # Targets of the entity issue: 0.92 for ORG, PLACE and PERSON, 0.88 for PROGRAM.
    floors = {"ORG": 0.92, "PLACE": 0.92, "PERSON": 0.92, "PROGRAM": 0.88}
    for etype, floor in floors.items():
        assert result["entities"][etype]["f1"] >= floor, (etype, result["entities"][etype])
    # Targets of the linking and relations issue, and the real-articles relations issue's
    # 0.85 for implements on the seeds (0.856 when this floor was raised).
    assert result["implements"]["f1"] >= 0.85, result["implements"]
    assert result["part_of_recall"] >= 0.90
    assert result["member_of_recall"] >= 0.80
    assert result["member_of_precision"] >= 0.70
