"""``kg build --engine dask`` on local clusters of 1 and 2 workers: throughput and memory.

For each cluster size the script starts a ``LocalCluster`` (one thread per worker
process), warms every worker up with a short page (each loads the pipeline once), then
builds a corpus of the seed pages repeated through ``--scheduler`` and prints the
characters per second, the peak RSS of each worker and the speed-up, and an estimate
for one billion characters. Run: ``python benchmarks/scaling.py``.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import SHORT_PAGE, cpu_ceiling, machine, make_corpus, run_kg  # noqa: E402


def _load_pipeline() -> None:
    from kg.corpus import Settings, extractor_for

    extractor_for(Settings())


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def build(args: list[str]) -> float:
    return run_kg(args).wall


def measure(workers: int, corpus: Path, short: Path, work: Path, repeat: int) -> dict:
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        address = cluster.scheduler_address
        client.run(_load_pipeline)  # every worker loads it once, before the clock runs
        build(["build", str(short), "-o", str(work / "warm.nt"), "-q", "--engine", "dask",
               "--scheduler", address])
        walls = [build(["build", str(corpus), "-o", str(work / f"w{workers}.nt"), "-q",
                        "--engine", "dask", "--scheduler", address]) for _ in range(repeat)]
        rss = client.run(_peak_rss)
    return {"wall": sorted(walls)[len(walls) // 2], "rss": sorted(rss.values())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--copies", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds per cluster size; the median counts (default 3)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhkg-scaling-"))
    try:
        corpus = work / "corpus"
        chars = make_corpus(args.seeds, corpus, args.copies)
        short = work / "short.txt"
        short.write_text(SHORT_PAGE, encoding="utf-8")
        results = {n: measure(n, corpus, short, work, args.repeat) for n in (1, 2)}
        same = (work / "w1.nt").read_bytes() == (work / "w2.nt").read_bytes()
        ceiling = cpu_ceiling()
        print(f"machine: {machine()}")
        print(f"corpus: {chars:,} characters (the seeds x {args.copies}), "
              f"{args.repeat} builds per size, median")
        print()
        rate = {}
        for n, r in results.items():
            rate[n] = chars / r["wall"]
            rss = ", ".join(f"{b / 2**20:,.0f}" for b in r["rss"])
            print(f"{n} worker{'s' if n > 1 else ' '}: {rate[n]:>9,.0f} chars/s  "
                  f"(wall {r['wall']:.1f} s)  peak RSS per worker: {rss} MiB")
        print(f"speed-up 2 workers / 1: {rate[2] / rate[1]:.2f} "
              f"(a pure-Python loop gains {ceiling:.2f} on this machine now)")
        print(f"output of 1 and 2 workers identical: {same}")
        per_worker = rate[2] / 2
        print()
        print(f"one billion characters at {per_worker:,.0f} chars/s per worker:")
        for workers in (8, 32, 128):
            hours = 1e9 / (per_worker * workers) / 3600
            print(f"  {workers:>4} workers: {hours:6.1f} h")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
