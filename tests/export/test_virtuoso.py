"""The seeds' Turtle in a real Virtuoso answers as pyoxigraph does.

Virtuoso (Debian ``virtuoso-opensource``, installed by ``make test``) is started
on free localhost ports with its database in a temporary folder, loads the graph
with ``DB.DBA.TTLP_MT`` and answers every shipped query over its SPARQL endpoint.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest

from kg.query import open_graph, shipped_queries

ROOT = Path(__file__).resolve().parents[2]
GRAPH = "urn:zhkg:seeds"
SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sql_port, self.http_port = _free_port(), _free_port()
        ini = SYSTEM_INI.read_text(encoding="utf-8")
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
        ini = re.sub(r"(?m)^ServerPort(\s*)=\s*1111", rf"ServerPort\g<1>= {self.sql_port}", ini)
        ini = re.sub(r"(?m)^ServerPort(\s*)=\s*8890", rf"ServerPort\g<1>= {self.http_port}", ini)
        ini = re.sub(r"(?m)^DirsAllowed(\s*)=.*$", rf"DirsAllowed\g<1>= ., {folder}", ini)
        ini = re.sub(r"(?m)^Load\d.*$", "", ini)  # no hosting plugins
        (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
        self.process = subprocess.Popen(
            ["virtuoso-t", "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                self.select("ASK {}")
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"Virtuoso did not start; see {folder / 'virtuoso.log'}")

    def load_turtle(self, path: Path) -> None:
        local = self.folder / path.name
        shutil.copy(path, local)
        sql = (f"DB.DBA.TTLP_MT(file_to_string_output('{local}'), '', '{GRAPH}', 0); "
               "checkpoint;")
        run = subprocess.run(["isql-vt", str(self.sql_port), "dba", "dba", f"exec={sql}"],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0 and "Error" not in run.stdout, run.stdout + run.stderr

    def select(self, query: str) -> dict:
        params = urllib.parse.urlencode({"query": query, "default-graph-uri": GRAPH,
                                         "format": "application/sparql-results+json"})
        url = f"http://127.0.0.1:{self.http_port}/sparql?{params}"
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.load(response)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def seeds_ttl(seeds_output) -> Path:
    return seeds_output("ttl")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory, seeds_ttl) -> Iterator[Virtuoso]:
    assert shutil.which("virtuoso-t"), "make test installs virtuoso-opensource"
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso-db"))
    try:
        server.load_turtle(seeds_ttl)
        yield server
    finally:
        server.stop()


def test_virtuoso_holds_as_many_triples_as_pyoxigraph(virtuoso, seeds_ttl):
    rows = virtuoso.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["results"]["bindings"]
    store = pyoxigraph.Store()
    store.load(path=str(seeds_ttl), format=pyoxigraph.RdfFormat.TURTLE)
    assert int(rows[0]["n"]["value"]) == len(store)


@pytest.mark.parametrize("query", shipped_queries(), ids=lambda q: q.name)
def test_virtuoso_answers_every_shipped_query_as_pyoxigraph(virtuoso, seeds_ttl, query):
    ours = list(open_graph(str(seeds_ttl)).query(query.text, use_default_graph_as_union=True))
    theirs = virtuoso.select(query.text)
    assert len(theirs["results"]["bindings"]) == len(ours) > 0
    first = theirs["head"]["vars"][0]
    assert sorted(b[first]["value"] for b in theirs["results"]["bindings"] if first in b) == \
        sorted(row[first].value for row in ours if row[first] is not None)
