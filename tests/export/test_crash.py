"""``kg build`` killed with SIGKILL at seeded random moments, and two builds at once.

The builds run on real text: the seeds and the dev-fold articles of ``../shared/real``
(read where they lie). Each is a real process killed with a real SIGKILL. So that the
test's time goes to writing rather than to loading the pipeline, the builds are forked
from one server process that loaded it once (as ``kg build --jobs N`` forks its
workers); each child runs ``kg.cli.main`` as the ``kg`` command does.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph
import pytest

from kg.cli import main
from kg.export.store import StoreBusy, is_locked, is_store, open_read_only

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real" / "texts"
FOLDS = json.loads((ROOT / "benchmarks" / "folds.json").read_text(encoding="utf-8"))
DEV = sorted(doc for fold in FOLDS["dev"] for doc in FOLDS["folds"][fold])
INPUTS = [str(ROOT / "seeds"), *(str(REAL / f"{doc}.txt") for doc in DEV)]
KILLS = 20
DOC = "https://w3id.org/zhkg/resource/doc/"
ENTITIES = "https://w3id.org/zhkg/resource/graph/entities/"
DOCUMENTS = ("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE "
             "{ ?d a <https://w3id.org/zhkg/ontology#Document> }")

# The server: loads the pipeline once, then per request forks a child that runs
# `kg <argv>` with its standard error to a file ({"run": argv, "stderr": path} -> pid),
# waits for a child ({"wait": pid} -> wait status), or looks ({"poll": pid} -> -1 while
# it runs).
SERVER = """
import json, os, sys
from kg.cli import main
from kg.corpus import Settings, extractor_for

extractor_for(Settings())
print("ready", flush=True)
for line in sys.stdin:
    request = json.loads(line)
    if "run" in request:
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
                status = main(request["run"])
            finally:
                sys.stderr.flush()
                os._exit(status)
        answer = pid
    elif "wait" in request:
        answer = os.waitpid(request["wait"], 0)[1]
    else:
        found, status = os.waitpid(request["poll"], os.WNOHANG)
        answer = status if found else -1
    print(answer, flush=True)
"""


class Builds:
    """``kg`` processes forked from a server with the pipeline loaded."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.server = subprocess.Popen([sys.executable, "-c", SERVER], cwd=ROOT, text=True,
                                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.server.stdout is not None and self.server.stdout.readline() == "ready\n"
        self.runs = 0

    def _ask(self, request: dict) -> int:
        assert self.server.stdin is not None and self.server.stdout is not None
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        return int(self.server.stdout.readline())

    def start(self, *argv: str) -> tuple[int, Path]:
        """Start ``kg build argv -q``; its process id and the file of its standard error."""
        self.runs += 1
        err = self.folder / f"stderr-{self.runs}"
        return self._ask({"run": ["build", *argv, "-q"], "stderr": str(err)}), err

    def wait(self, pid: int) -> int:
        return self._ask({"wait": pid})

    def running(self, pid: int) -> bool:
        return self._ask({"poll": pid}) == -1

    def close(self) -> None:
        assert self.server.stdin is not None
        self.server.stdin.close()
        self.server.wait(timeout=60)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    assert REAL.is_dir(), f"{REAL} is missing: the tests need ../shared beside the checkout"
    server = Builds(tmp_path_factory.mktemp("builds"))
    yield server
    server.close()


def graphs(store: Path) -> dict[str, set[str]]:
    """The store's quads by graph (``""``: the default graph)."""
    out: dict[str, set[str]] = {}
    with open_read_only(store) as opened:
        for quad in opened:
            name = "" if isinstance(quad.graph_name, pyoxigraph.DefaultGraph) \
                else quad.graph_name.value
            out.setdefault(name, set()).add(str(quad))
    return out


@pytest.fixture(scope="module")
def reference(builds, tmp_path_factory) -> dict:
    """An uninterrupted build into a store and an N-Quads file, how long it took, and a
    complete build of the seeds alone (a good older output)."""
    folder = tmp_path_factory.mktemp("reference")
    started = time.monotonic()
    pid, _ = builds.start(*INPUTS, "--store", str(folder / "store"), "-o",
                          str(folder / "all.nq"))
    assert builds.wait(pid) == 0
    seconds = time.monotonic() - started
    pid, _ = builds.start(INPUTS[0], "-o", str(folder / "seeds.nq"))
    assert builds.wait(pid) == 0
    contents = graphs(folder / "store")
    identifiers = sorted(name[len(DOC):] for name in contents if name.startswith(DOC))
    assert len(identifiers) == 5 + len(DEV) == len(contents) / 2
    return {"graphs": contents, "identifiers": identifiers, "seconds": seconds,
            "nq": (folder / "all.nq").read_bytes(),
            "old": (folder / "seeds.nq").read_bytes()}


def check_store(store: Path, reference: dict, capsys) -> int:
    """Check what a killed build left: the number of whole documents it holds."""
    assert not is_locked(store)  # the kernel let go of the killed writer's lock
    if not is_store(store):  # killed before the marker was written: the lock at most
        assert not store.exists() or {p.name for p in store.iterdir()} <= {"zhkg.lock"} | {
            p.name for p in store.glob(".zhkg-store.json.*.tmp")}
        return 0
    found, expected = graphs(store), reference["graphs"]
    assert set(found) <= set(expected), "a graph no complete build writes"
    whole = 0
    for identifier in reference["identifiers"]:
        own, entities = DOC + identifier, ENTITIES + identifier
        assert (own in found) == (entities in found), f"{identifier}: one graph of two"
        if own in found:
            assert found[own] == expected[own], f"{identifier}: its own graph differs"
            assert found[entities] == expected[entities], f"{identifier}: entities differ"
            whole += 1
    with open_read_only(store) as opened:
        rows = list(opened.query(DOCUMENTS, use_default_graph_as_union=True))
    assert int(rows[0][0].value) == whole
    marker = json.loads((store / "zhkg-store.json").read_text(encoding="utf-8"))
    if marker.get("creating"):  # killed while RocksDB made the database: no document
        assert found == {}
    else:
        capsys.readouterr()
        assert main(["query", str(store), "implementations", "--format", "csv"]) == 0
        assert capsys.readouterr().out.count("\n") >= 1  # a header at least
    return whole


def check_output(out: Path, reference: dict) -> None:
    """A killed build's ``-o`` file is the old one or the whole new one, never a part."""
    assert out.read_bytes() in (reference["old"], reference["nq"])
    others = {p.name for p in out.parent.iterdir()} - {out.name}
    assert all(name.startswith(f".{out.name}.") and name.endswith(".tmp") for name in others)


def test_builds_killed_at_twenty_random_moments_leave_whole_documents(builds, reference,
                                                                      tmp_path, capsys):
    rng = random.Random(18)
    total = len(reference["identifiers"])
    out = tmp_path / "out" / "graph.nq"
    out.parent.mkdir()
    kills = series = rounds = 0
    while kills < KILLS:
        series += 1
        store, whole = tmp_path / f"store-{series}", 0
        while True:
            rounds += 1
            assert rounds < 4 * KILLS, "the builds end before the kill too often"
            # Every third build also writes -o, over a good older file, and reads every
            # document again; the others read only what the store lacks.
            with_output = rounds % 3 == 0
            argv = [*INPUTS, "--store", str(store)]
            if with_output:
                out.write_bytes(reference["old"])
                argv += ["-o", str(out)]
            # A killed build is started again on the same store. The first build of a
            # store is killed early half the time, while it creates the store; a later
            # one at most a little after the time the documents it lacks took to build.
            left = 1.0 if with_output else max(0.25, (total - whole) / total)
            early = not store.exists() and rng.random() < 0.5
            delay = rng.uniform(0, 0.15 if early else reference["seconds"] * left)
            pid, err = builds.start(*argv)
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            status = builds.wait(pid)
            if with_output:
                check_output(out, reference)
            if not os.WIFSIGNALED(status):  # it ended before the kill: a whole build
                assert os.WEXITSTATUS(status) == 0, err.read_text(encoding="utf-8")
                break
            kills += 1
            whole = check_store(store, reference, capsys)
            if kills == KILLS:
                break
        # Building again completes the rest: the store of an uninterrupted build.
        pid, err = builds.start(*INPUTS, "--store", str(store))
        assert builds.wait(pid) == 0, err.read_text(encoding="utf-8")
        assert graphs(store) == reference["graphs"]


def test_a_second_build_is_refused_while_one_writes_and_readers_are_told(builds, reference,
                                                                        tmp_path):
    store = tmp_path / "store"
    first, _ = builds.start(*INPUTS, "--store", str(store))
    while not is_locked(store):
        assert builds.running(first), "the first build ended before taking the lock"
        time.sleep(0.01)
    second, err = builds.start(*INPUTS, "--store", str(store))
    status = builds.wait(second)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2
    assert builds.running(first)  # refused at once, not after waiting for the first
    assert err.read_text(encoding="utf-8") == (
        f"kg build: error: {store}: another kg build is writing this store (process "
        f"{first}); build again when it has finished\n")
    with pytest.raises(StoreBusy, match="a kg build is writing this store"), \
            open_read_only(store):
        pass
    assert builds.wait(first) == 0
    assert graphs(store) == reference["graphs"]  # one writer's work, whole
