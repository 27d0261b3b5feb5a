"""The ``kg`` command line: formats, exit status, per-file errors, atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS

from kg.cli import main

GOOD = "鄂托克旗委组织部在苏米图苏木开展“红色驿站”行动。\n"


def run_kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True,
                          text=True, check=False)


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "bad.txt").write_bytes(b"\xff\xfe\xfa broken \x80\x81")
    (folder / "notes.md").write_text("ignored", encoding="utf-8")
    return folder


def test_bad_input_fails_alone_and_is_named(inputs, tmp_path):
    out = tmp_path / "g.ttl"
    proc = run_kg("build", str(inputs), "-o", str(out))
    assert proc.returncode != 0
    errors = [line for line in proc.stderr.splitlines() if "error" in line]
    assert len(errors) == 1 and "bad.txt" in errors[0] and "UTF-8" in errors[0]
    g = Graph().parse(out)
    assert {str(o) for o in g.objects(None, DCTERMS.identifier)} == {"good"}


def test_missing_path_is_reported_and_others_built(inputs, tmp_path):
    out = tmp_path / "g.ttl"
    code = main(["build", str(inputs / "good.txt"), str(tmp_path / "absent.txt"), "-o", str(out)])
    assert code == 1
    assert out.exists()


@pytest.mark.parametrize("ext", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_every_format_parses_with_the_same_triples(inputs, tmp_path, ext):
    good = inputs / "good.txt"
    ref = tmp_path / "ref.ttl"
    assert main(["build", str(good), "-o", str(ref)]) == 0
    out = tmp_path / f"g.{ext}"
    assert main(["build", str(good), "-o", str(out)]) == 0
    expected = len(Graph().parse(ref))
    if ext in ("nq", "trig"):
        ds = Dataset()
        ds.parse(out, format={"nq": "nquads", "trig": "trig"}[ext])
        assert len({(s, p, o) for s, p, o, _ in ds.quads()}) == expected
    else:
        assert len(Graph().parse(out, format={"ttl": "turtle", "nt": "nt",
                                              "jsonld": "json-ld"}[ext])) == expected


def test_turtle_loads_in_pyoxigraph(inputs, tmp_path):
    out = tmp_path / "g.ttl"
    assert main(["build", str(inputs / "good.txt"), "-o", str(out)]) == 0
    store = pyoxigraph.Store()
    store.load(path=str(out), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(Graph().parse(out))


def test_stdout_output(inputs):
    proc = run_kg("build", str(inputs / "good.txt"), "-o", "-", "--format", "jsonld")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)


def test_the_command_writes_a_whole_graph_to_a_pipe_before_it_exits(tmp_path):
    # The console entry point leaves with os._exit (no teardown of the pipeline):
    # a 12k-character page's N-Triples must still reach the reader whole.
    page = min((Path(__file__).parent.parent / "seeds").glob("*.txt"))
    out = tmp_path / "page.nt"
    assert main(["build", str(page), "-o", str(out), "-q"]) == 0
    proc = run_kg("build", str(page), "-o", "-", "--format", "nt", "-q")
    assert proc.returncode == 0
    assert proc.stdout == out.read_text(encoding="utf-8")
    assert len(proc.stdout.splitlines()) > 1000


def test_failed_build_keeps_previous_output(inputs, tmp_path):
    out = tmp_path / "g.ttl"
    out.write_text("previous", encoding="utf-8")
    code = main(["build", str(inputs / "good.txt"), "-o", str(out), "--format", "xml"])
    assert code == 2
    assert out.read_text(encoding="utf-8") == "previous"


def test_export_writes_gexf_that_networkx_reads(tmp_path):
    import networkx as nx

    page = tmp_path / "page.txt"
    page.write_text("敖汉旗新惠镇党委开展“红色小米”品牌创建行动。\n", encoding="utf-8")
    graph = tmp_path / "page.ttl"
    assert main(["build", str(page), "-o", str(graph), "-q"]) == 0
    out = tmp_path / "page.gexf"
    assert main(["export", str(graph), "-o", str(out), "-q"]) == 0
    G = nx.read_gexf(out)
    types = {data["type"] for _, data in G.nodes(data=True)}
    assert {"ORG", "PROGRAM", "PLACE"} <= types


def test_export_refuses_an_unknown_format_and_a_missing_graph(tmp_path, capsys):
    assert main(["export", str(tmp_path / "none.ttl"), "-o", str(tmp_path / "x.gexf")]) == 1
    assert "none.ttl" in capsys.readouterr().err
    graph = tmp_path / "g.ttl"
    graph.write_text("", encoding="utf-8")
    assert main(["export", str(graph), "-o", str(tmp_path / "x.svg")]) == 2
    assert "unknown graph format" in capsys.readouterr().err
