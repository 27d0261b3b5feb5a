"""The ``kg`` command line: formats, exit status, per-file errors, atomic output."""

from __future__ import annotations

import json
import os
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
    # The context holds the contract's prefixes and rdf, rdfs, owl, xsd: no rdflib defaults.
    assert sorted(json.loads(proc.stdout)["@context"]) == [
        "dcterms", "itsrdf", "kgo", "kgr", "nif", "org", "owl", "prov", "rdf", "rdfs", "skos",
        "xsd"]


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


# ---------------------------------------------------------------------------- issue 18

SEEDS = Path(__file__).parent.parent / "seeds"
SEED_PAGE = min(SEEDS.glob("*.txt"))


def one_error_line(stderr: str) -> str:
    """The only line of ``stderr``; fails on a traceback or a second line."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture()
def good_graph(tmp_path: Path) -> Path:
    out = tmp_path / "good.ttl"
    assert main(["build", str(SEED_PAGE), "-o", str(out), "-q"]) == 0
    return out


@pytest.mark.parametrize("files", [{}, {"notes.md": b"# notes\n", "report.docx": b"PK\x03\x04"}])
def test_a_build_with_no_input_file_keeps_the_old_graph_and_fails(tmp_path, good_graph, files):
    folder = tmp_path / "nothing"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    before = good_graph.read_bytes()
    proc = run_kg("build", str(folder), "-o", str(good_graph))
    assert proc.returncode == 2
    line = one_error_line(proc.stderr)
    assert line == (f"kg build: error: no .txt, .html or .htm file in {folder}; "
                    f"{good_graph} is left as it was")
    assert good_graph.read_bytes() == before


def test_no_readable_input_and_no_earlier_output_says_nothing_was_written(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "new.ttl"
    code = main(["build", str(empty), "-o", str(out)])
    assert code == 2 and not out.exists()
    proc = run_kg("build", str(tmp_path / "mistyped"), "-o", str(out))
    assert proc.returncode == 1 and not out.exists()
    assert "left as it was" not in proc.stderr
    assert proc.stderr.splitlines()[-1] == ("kg build: error: no input could be read; "
                                            "nothing was written")


def test_validate_on_a_file_that_is_not_rdf_is_one_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("这不是 RDF {\n", encoding="utf-8")
    proc = run_kg("validate", str(bad))
    assert proc.returncode == 1 and proc.stdout == ""
    assert one_error_line(proc.stderr).startswith(
        f"kg validate: error: {bad}: cannot load the graph (")
    odd = tmp_path / "graph.xyz"
    odd.write_text("", encoding="utf-8")
    proc = run_kg("validate", str(odd))
    assert "unknown graph format" in one_error_line(proc.stderr)


@pytest.mark.parametrize("args", [["-o", "-"], ["-o", "-", "--format", "nt"]])
def test_a_reader_that_stops_early_gets_no_traceback(args):
    # `kg build … -o - | head -1`: the pipe closes while the graph is still being written.
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(SEED_PAGE), *args,
                             "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"@prefix" if "nt" not in args else b"<")
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait() == 1
    assert stderr == ""


def test_a_summary_read_by_nobody_gets_no_traceback_and_the_graph_is_written(tmp_path):
    out = tmp_path / "g.ttl"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(SEED_PAGE), "-o",
                             str(out), "--summary", "-q"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `| head -0`: gone before the summary is printed
    stderr = proc.stderr.read().decode()
    proc.wait()
    assert "Traceback" not in stderr and stderr == ""
    assert len(Graph().parse(out)) > 100


def test_a_missing_pkuseg_model_is_one_settings_error_not_one_per_input(tmp_path, good_graph):
    before = good_graph.read_bytes()
    proc = run_kg("build", str(SEEDS), "-o", str(good_graph), "--pkuseg-model",
                  str(tmp_path / "no-model"))
    assert proc.returncode == 2
    assert one_error_line(proc.stderr) == (f"kg build: error: --pkuseg-model: "
                                           f"{tmp_path / 'no-model'}: not a pkuseg model "
                                           f"directory")
    assert good_graph.read_bytes() == before


def test_a_corrupt_pkuseg_model_is_one_settings_error(tmp_path, good_graph):
    model = tmp_path / "model"
    model.mkdir()
    (model / "features.msgpack").write_bytes(b"not msgpack at all")
    (model / "weights.npz").write_bytes(b"not numpy")
    before = good_graph.read_bytes()
    env = {**os.environ, "ZHKG_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEEDS), "-o",
                           str(good_graph), "--pkuseg-model", str(model), "-q"],
                          capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 2
    line = one_error_line(proc.stderr)
    assert line.startswith(f"kg build: error: the pipeline cannot be loaded with "
                           f"--pkuseg-model {model}: ")
    assert line.endswith(f"; {good_graph} is left as it was")
    assert good_graph.read_bytes() == before


def test_an_unknown_rule_family_is_refused_before_anything_is_read(tmp_path):
    out = tmp_path / "g.ttl"
    proc = run_kg("build", str(SEED_PAGE), "-o", str(out), "--disable", "zhkg.places:nonesuch")
    assert proc.returncode == 2 and not out.exists()
    line = one_error_line(proc.stderr)
    assert line.startswith("kg build: --disable: unknown rule family 'zhkg.places:nonesuch'")
    assert "zhkg.places:site" in line or "zhkg.places.v" in line


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX kgo: <https://w3id.org/zhkg/ontology#>\n# drop them all\nDELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
])
def test_query_refuses_sparql_update_as_read_only(good_graph, update):
    before = good_graph.read_bytes()
    proc = run_kg("query", str(good_graph), update)
    assert proc.returncode == 1
    assert one_error_line(proc.stderr).startswith("kg query: error: queries are read-only")
    assert good_graph.read_bytes() == before


def test_version():
    from importlib.metadata import version

    proc = run_kg("--version")
    assert proc.returncode == 0 and proc.stdout == f"kg {version('zhkg')}\n"


def test_every_argument_is_described_in_plain_text():
    from kg.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them only here
    assert set(commands) == {"build", "train", "validate", "query", "serve", "export"}
    for name, sub in commands.items():
        for action in sub._actions:
            assert action.help, f"kg {name} {action.dest} has no help"
        text = sub.format_help()
        for markup in ("``", ":func:", ":class:", ":meth:"):
            assert markup not in text, f"kg {name} --help shows {markup}"
    assert "``" not in parser.format_help()
    assert "{ttl,nt,nq,trig,jsonld}" in commands["build"].format_help()


def test_format_takes_the_usual_names_and_refuses_others(tmp_path):
    out = tmp_path / "g.out"
    assert main(["build", str(SEED_PAGE), "-o", str(out), "--format", "n-triples", "-q"]) == 0
    assert len(Graph().parse(out, format="nt")) > 100
    proc = run_kg("build", str(SEED_PAGE), "-o", str(out), "--format", "xml")
    assert proc.returncode == 2
    assert one_error_line(proc.stderr) == (f"kg build: {out}: unknown output format 'xml'; "
                                           "use one of jsonld, nq, nt, trig, ttl")


def test_an_unreachable_dask_scheduler_is_one_line(tmp_path):
    pytest.importorskip("distributed")
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    out = tmp_path / "g.nq"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED_PAGE), "-o",
                           str(out), "--engine", "dask", "--scheduler",
                           f"tcp://127.0.0.1:{port}", "-q"],
                          capture_output=True, text=True, check=False, env=env, timeout=120)
    assert proc.returncode == 2 and not out.exists()
    line = one_error_line(proc.stderr)
    assert line.startswith(f"kg build: error: cannot reach the Dask scheduler at "
                           f"tcp://127.0.0.1:{port} (")
