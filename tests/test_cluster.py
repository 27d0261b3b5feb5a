"""kg build --engine dask: the map step on a Dask cluster, the bytes of a local build."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from dask.distributed import Client, LocalCluster

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes, one thread each, as a small deployment would have."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as local:
        yield local


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """The seeds twice over, each copy its own file."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for copy in range(2):
        for page in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copy(page, folder / f"copy{copy}_{page.name}")
    return folder


@pytest.mark.parametrize("ext", ["nq", "ttl"])
def test_two_dask_workers_give_the_bytes_of_one_process(cluster, corpus, tmp_path, ext):
    local, distributed = tmp_path / f"local.{ext}", tmp_path / f"dask.{ext}"
    assert main(["build", str(corpus), "-o", str(local), "-q"]) == 0
    assert main(["build", str(corpus), "-o", str(distributed), "-q", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 0
    assert distributed.read_bytes() == local.read_bytes()
    assert distributed.stat().st_size > 100_000


def test_each_worker_loads_the_pipeline_once_and_both_work(cluster, corpus, tmp_path):
    out = tmp_path / "g.nt"
    assert main(["build", str(corpus), "-o", str(out), "-q", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 0
    with Client(cluster.scheduler_address) as client:
        def loaded() -> int:
            import kg.corpus

            return id(kg.corpus._extractor) if kg.corpus._extractor is not None else 0

        per_worker = client.run(loaded)
    assert len(per_worker) == 2 and all(per_worker.values())


def test_a_bad_file_is_named_and_the_others_built_on_dask(cluster, corpus, tmp_path, capsys):
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    out = tmp_path / "g.nq"
    assert main(["build", str(corpus), "-o", str(out), "-q", "--engine", "dask",
                 "--scheduler", cluster.scheduler_address]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1 and "broken.txt" in errors[0]
    assert out.read_text(encoding="utf-8").count("ontology#Document>") == 10


def test_without_an_address_kg_starts_a_local_cluster(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("鄂托克前旗城川镇党委在麻黄套村推行“五随六帮”工作法。\n", encoding="utf-8")
    local, distributed = tmp_path / "local.nt", tmp_path / "dask.nt"
    assert main(["build", str(page), "-o", str(local), "-q"]) == 0
    assert main(["build", str(page), "-o", str(distributed), "--engine", "dask",
                 "--jobs", "1"]) == 0
    assert distributed.read_bytes() == local.read_bytes()
    assert "dashboard" in capsys.readouterr().err


def test_a_scheduler_needs_the_dask_engine(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("城川镇\n", encoding="utf-8")
    assert main(["build", str(page), "-o", str(tmp_path / "g.nt"),
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err
