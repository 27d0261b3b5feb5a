"""``kg serve``: the Oxigraph server over a store, as a SPARQL 1.1 Protocol endpoint."""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.cli import main
from kg.export.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
KG = [sys.executable, "-m", "kg.cli"]
PAGE = "鄂托克旗委组织部在苏米图苏木开展“红色驿站”行动。\n"
DOCUMENTS = ("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a "
             "<https://w3id.org/zhkg/ontology#Document> }")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``kg serve`` in a child process, as a user starts it."""

    def __init__(self, store: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([*KG, "serve", str(store), "--port", str(port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        assert self.process.stderr is not None
        self.first_line = self.process.stderr.readline()  # written once it listens

    def select(self, query: str) -> list[list[str]]:
        """The rows of a SELECT sent by HTTP POST, as the SPARQL 1.1 Protocol says."""
        request = urllib.request.Request(
            f"{self.url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return list(csv.reader(io.StringIO(response.read().decode("utf-8"))))

    def stop(self) -> tuple[int, str]:
        """Ctrl-C: the exit status and the rest of standard error."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=60)
        return self.process.returncode, err


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve") / "seeds-store"
    assert main(["build", str(ROOT / "seeds"), "--store", str(folder), "-q"]) == 0
    return folder


@pytest.fixture()
def server(store: Path) -> Iterator[Server]:
    running = Server(store, free_port())
    yield running
    running.stop()


def kg_query(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, "query", *args], capture_output=True, text=True, check=False)


def test_a_shipped_query_over_http_gives_the_rows_of_kg_query(store, server):
    assert server.first_line.startswith(f"kg serve: {store}: SPARQL endpoint {server.url}/query")
    for params in ([], ["--param", "keyword=超市"]):
        shown = kg_query("--show", "programmes_by_keyword", *params)
        assert shown.returncode == 0, shown.stderr
        local = kg_query(str(store), "programmes_by_keyword", *params, "--format", "csv")
        expected = list(csv.reader(io.StringIO(local.stdout)))
        assert len(expected) > 1
        assert server.select(shown.stdout) == expected
    # A query with no GRAPH clause sees the documents of every named graph.
    assert server.select(DOCUMENTS) == [["n"], ["5"]]


def test_the_query_page_is_served_and_updates_are_refused(server):
    with urllib.request.urlopen(f"{server.url}/", timeout=60) as response:
        assert "yasgui" in response.read().decode("utf-8").lower()
    request = urllib.request.Request(f"{server.url}/update",
                                     data=b"update=CLEAR%20ALL", method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=60)
    assert refused.value.code == 403
    assert server.select(DOCUMENTS) == [["n"], ["5"]]


def test_ctrl_c_stops_it_and_removes_its_snapshot(store, server):
    assert list(store.parent.glob(f".{store.name}.kg-serve-*"))
    code, err = server.stop()
    assert code == 0 and err == "kg serve: stopped\n"
    assert not list(store.parent.glob(f".{store.name}.kg-serve-*"))
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{server.url}/", timeout=5)


def test_a_finished_build_reaches_the_running_server(tmp_path):
    store = tmp_path / "store"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "first.txt").write_text(PAGE, encoding="utf-8")
    assert main(["build", str(pages), "--store", str(store), "-q"]) == 0
    server = Server(store, free_port())
    try:
        assert server.select(DOCUMENTS) == [["n"], ["1"]]
        (pages / "second.txt").write_text("科尔沁右翼中旗委组织部推行“党员联户”工作法。\n",
                                          encoding="utf-8")
        # The server does not hold the store: the build is not kept waiting.
        assert main(["build", str(pages), "--store", str(store), "-q"]) == 0
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.select(DOCUMENTS) == [["n"], ["2"]]:
                    break
            except urllib.error.URLError:  # refused while the server restarts
                pass
            assert time.monotonic() < deadline, "the rebuilt store was never served"
            time.sleep(0.2)
    finally:
        code, err = server.stop()
    assert code == 0
    assert err == f"kg serve: {store} was rebuilt: serving the new build\nkg serve: stopped\n"


def one_error(*args: str) -> str:
    proc = subprocess.run([*KG, "serve", *args], capture_output=True, text=True,
                          check=False, timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_a_busy_port_is_one_line(store, server):
    port = server.url.rsplit(":", 1)[1]
    assert one_error(str(store), "--port", port) == (
        f"kg serve: error: port {port} on 127.0.0.1 is busy (Address already in use); "
        "give another with --port N")


def test_a_missing_store_or_a_folder_that_is_none_is_one_line(tmp_path):
    missing = tmp_path / "absent"
    assert one_error(str(missing), "--port", str(free_port())) == (
        f"kg serve: error: {missing}: no such store (kg build PATH... --store {missing} "
        "writes one)")
    (tmp_path / "notes.txt").write_text("my own files", encoding="utf-8")
    assert one_error(str(tmp_path), "--port", str(free_port())) == (
        f"kg serve: error: {tmp_path}: not a zhkg store (kg build PATH... --store DIR "
        "writes one)")


def test_a_store_a_build_is_writing_is_busy(store):
    with GraphStore(store):
        line = one_error(str(store), "--port", str(free_port()))
    assert line == (f"kg serve: error: {store}: a kg build is writing this store (process "
                    f"{os.getpid()}); query it when the build has finished")
