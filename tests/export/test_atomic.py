"""Atomic output: what a writer killed with SIGKILL leaves, and what the next write does."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from kg.export.atomic import remove_stale, write_atomically

ROOT = Path(__file__).resolve().parents[2]
# A process that writes half a graph through atomic_output and then waits to be killed.
HALFWAY = """
import sys, time
from kg.export.atomic import atomic_output
with atomic_output(sys.argv[1]) as fh:
    fh.write(b"@prefix kgo: <https://w3id.org/zhkg/ontology#> .\\n<x> a kgo:Pro")
    fh.flush()
    print("halfway", flush=True)
    time.sleep(120)
"""
GOOD = b"<https://w3id.org/zhkg/resource/doc/a> a <https://w3id.org/zhkg/ontology#Document> .\n"


def writer_halfway(target: Path) -> tuple[subprocess.Popen, Path]:
    """A writer stopped halfway through ``target``, and its temporary file."""
    before = set(target.parent.glob(f".{target.name}.*.tmp"))
    writer = subprocess.Popen([sys.executable, "-c", HALFWAY, str(target)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline() == "halfway\n"
    (temporary,) = set(target.parent.glob(f".{target.name}.*.tmp")) - before
    return writer, temporary


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_killed_writer_leaves_the_old_file_and_the_next_write_clears_its_temporary(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(GOOD)
    killed, killed_temporary = writer_halfway(target)
    killed.kill()  # SIGKILL: no clean-up runs
    killed.wait()
    assert target.read_bytes() == GOOD
    live, live_temporary = writer_halfway(target)
    try:
        age(killed_temporary, 60)
        age(live_temporary, 60)
        write_atomically(target, lambda fh: fh.write(GOOD * 2))
        assert target.read_bytes() == GOOD * 2
        # The killed writer's file is gone; the live writer holds its lock on its own.
        assert not killed_temporary.exists() and live_temporary.exists()
    finally:
        live.kill()
        live.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == [live_temporary.name, "graph.ttl"]


def test_a_young_temporary_and_those_of_other_files_are_left(tmp_path):
    target = tmp_path / "graph.nq"
    young = tmp_path / ".graph.nq.k1ll3d.tmp"
    young.write_bytes(b"<x")
    other = tmp_path / ".graph.ttl.k1ll3d.tmp"  # another output's
    other.write_bytes(b"<x")
    age(other, 60)
    # Its writer may be between making it and locking it.
    assert remove_stale(target) == []
    age(young, 60)
    assert remove_stale(target) == [young]
    assert other.exists()


def test_the_written_file_follows_the_umask(tmp_path):
    target = tmp_path / "graph.ttl"
    mask = os.umask(0o027)
    try:
        write_atomically(target, lambda fh: fh.write(GOOD))
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o640
