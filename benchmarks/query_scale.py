"""Every shipped query on a store of at least a million triples: time per query.

The store is the real corpus (``../shared/real/texts`` and ``../shared/real/unlabelled``,
193 articles) extracted once, then written again and again under new document names
(``<name>~copy01``, ``<name>~copy02`` …) until the union of its named graphs holds
``--triples`` distinct triples (an entity named in several documents is described in
each of them, so the store holds more quads than that). A copy is the extraction of
the original with only its identifier changed, which is what ``kg build --store``
makes of the same file saved under that name: every node of a document (mentions,
sentences, implementations, memberships) is minted from its identifier, and the
entities, being the same, are shared. The script checks this on one article by
extracting it again under its copy's name.

The store is built once into ``--store`` (default ``out/query-scale``) and reused by
later runs (``--rebuild`` builds it again). Each shipped query then runs ``--rounds``
times (default 3) as ``kg query STORE NAME`` runs it, with its default parameters and
its results formatted as a table, in a process of its own stopped after ``--timeout``
seconds (default 60). The table gives the median and the slowest round in
wall seconds, the median in CPU seconds (the host is shared: its load average is
printed before and after), the rows found, and ``ok`` or ``SLOW``: the median wall
time against the 1 s target. Run: ``.venv/bin/python benchmarks/query_scale.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import multiprocessing
import os
import platform
import queue
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from statistics import median

import pyoxigraph

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
TARGET_SECONDS = 1.0
# Statements in the store's named graphs (quads), and distinct triples of their union.
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_TRIPLES = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                 "WHERE { GRAPH ?g { ?s ?p ?o } } }")
COUNT_DOCUMENTS = ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?d a "
                   "<https://w3id.org/zhkg/ontology#Document> } }")


def copy_name(identifier: str, copy: int) -> str:
    """The identifier of a document's ``copy``-th replica (0: the original)."""
    return identifier if copy == 0 else f"{identifier}~copy{copy:02d}"


def extract_corpus(folders: list[Path], jobs: int) -> list:
    """The DocumentResults of every page under ``folders``, in plan order."""
    from kg.corpus import Settings, plan, run

    tasks, errors = plan([str(folder) for folder in folders])
    if errors:
        raise SystemExit("query_scale: " + "; ".join(errors))
    results = []
    for outcome in run(tasks, Settings(), jobs):
        if outcome.result is None:
            raise SystemExit(f"query_scale: {outcome.error}")
        results.append(outcome.result)
    return results


def check_copy_is_a_rename(result) -> None:
    """Extracting a page under its copy's name gives its extraction, renamed."""
    from kg.corpus import extract_text

    name = copy_name(result.identifier, 1)
    if extract_text(name, result.text) != dataclasses.replace(result, identifier=name):
        raise SystemExit(f"query_scale: {result.identifier} extracts differently as {name}")


def count(store: pyoxigraph.Store, query: str) -> int:
    return int(next(iter(store.query(query)))["n"].value)


def build_store(path: Path, target: int, jobs: int) -> None:
    """Write copies of the real corpus into a new store at ``path`` until the union of
    its named graphs holds ``target`` distinct triples."""
    from kg.export.store import GraphStore

    started = time.perf_counter()
    results = extract_corpus([REAL / "texts", REAL / "unlabelled"], jobs)
    print(f"extracted {len(results)} articles in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    check_copy_is_a_rename(results[0])
    copy = triples = 0
    with GraphStore(path) as graph_store:
        while triples < target:
            for result in results:
                graph_store.replace(dataclasses.replace(
                    result, identifier=copy_name(result.identifier, copy)))
            graph_store.flush()
            copy += 1
            triples = count(graph_store.store, COUNT_TRIPLES)
            print(f"{copy} cop{'y' if copy == 1 else 'ies'}: {triples:,} triples",
                  file=sys.stderr)
        graph_store.store.optimize()
    print(f"built {path} in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _time_query(path: Path, text: str, rounds: int, results) -> None:
    """In a child process: (walls, CPUs, rows) of ``rounds`` runs of ``text``."""
    from kg.query import open_graph, run_query

    store = open_graph(str(path))
    walls, cpus = [], []
    for _ in range(rounds):
        cpu, start = time.process_time(), time.perf_counter()
        table = run_query(store, text)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    results.put((walls, cpus, int(table.rsplit("(", 1)[1].split()[0])))


def time_queries(path: Path, rounds: int, timeout: float
                 ) -> Iterator[tuple[str, float | None, float, float, int]]:
    """(name, median wall s, slowest wall s, median CPU s, rows) of every shipped query,
    run as ``kg query`` runs it, one after the other, each in a process of its own that
    is stopped after ``timeout`` seconds (its median then None)."""
    from kg.query import shipped_queries

    context = multiprocessing.get_context("fork")
    for shipped in shipped_queries():
        results = context.Queue()
        child = context.Process(target=_time_query, args=(path, shipped.text, rounds, results))
        child.start()
        try:
            walls, cpus, rows = results.get(timeout=timeout)
        except queue.Empty:
            yield shipped.name, None, timeout, 0.0, 0
            continue
        finally:
            child.kill()
            child.join()
        yield shipped.name, median(walls), max(walls), median(cpus), rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "out" / "query-scale",
                        help="where the store is built, or found from an earlier run")
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="distinct triples the store must hold at least (default "
                             "1,000,000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per query (default 3)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds after which a query is stopped (default 60)")
    parser.add_argument("--jobs", type=int, default=1, help="processes for the extraction")
    args = parser.parse_args()

    from kg.export.store import is_store

    if args.rebuild and args.store.exists():
        shutil.rmtree(args.store)
    if not is_store(args.store):
        build_store(args.store, args.triples, args.jobs)
    store = pyoxigraph.Store.read_only(str(args.store))
    documents, quads = count(store, COUNT_DOCUMENTS), count(store, COUNT_QUADS)
    triples = count(store, COUNT_TRIPLES)
    del store
    print(f"store {args.store}: {documents:,} documents, {quads:,} quads in named graphs, "
          f"{triples:,} distinct triples in their union")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, pyoxigraph {pyoxigraph.__version__}")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'query':30}  {'median s':>8}  {'slowest s':>9}  {'CPU s':>6}  {'rows':>6}  ≤ 1 s",
          flush=True)
    slow = 0
    for name, wall, slowest, cpu, rows in time_queries(args.store, args.rounds, args.timeout):
        if wall is None:
            slow += 1
            print(f"{name:30}  {'':8}  {f'> {slowest:g}':>9}  {'':6}  {'':6}  SLOW", flush=True)
            continue
        verdict = "ok" if wall <= TARGET_SECONDS else "SLOW"
        slow += verdict == "SLOW"
        print(f"{name:30}  {wall:8.3f}  {slowest:9.3f}  {cpu:6.3f}  {rows:6,}  {verdict}",
              flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
