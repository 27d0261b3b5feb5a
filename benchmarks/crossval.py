"""Scores on the real articles of ../shared/real, fold by fold (benchmarks/folds.json).

Usage: python benchmarks/crossval.py [--real DIR] [--scorer FILE] [--json]

Builds every fold's articles with ``kg build`` and scores them with the project's
scorer. The dev folds are those whose errors the rules were tuned on; the held folds
were never read, so the "held" row is the estimate on unseen text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("ORG", "PLACE", "PERSON", "PROGRAM")


def score(docs: list[str], real: Path, scorer: Path, tmp: Path, name: str) -> dict:
    """Build the articles ``docs`` and score them against their gold."""
    texts, gold = tmp / name / "texts", tmp / name / "gold"
    texts.mkdir(parents=True)
    gold.mkdir()
    for doc in docs:
        shutil.copy(real / "texts" / f"{doc}.txt", texts)
        shutil.copy(real / "gold" / f"{doc}.json", gold)
    graph = tmp / name / "graph.ttl"
    subprocess.run([str(Path(sys.executable).with_name("kg")), "build", str(texts), "-o",
                    str(graph), "-q"], check=True)
    out = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--graph",
                          str(graph), "--ontology", str(ROOT / "ontology"), "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out[: out.rindex("}") + 1])


def row(name: str, result: dict) -> str:
    cells = [f"{result['entities'][t]['f1']:.3f}" for t in TYPES]

    def num(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    return " | ".join([f"| {name}", *cells, num(result["entity_macro_f1"]),
                       num(result["implements"]["f1"]), num(result.get("part_of_recall")),
                       f"{num(result.get('member_of_recall'))} / "
                       f"{num(result.get('member_of_precision'))}"]) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared/tools/score.py")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    spec = json.loads((ROOT / "benchmarks" / "folds.json").read_text(encoding="utf-8"))
    folds: dict[str, list[str]] = spec["folds"]
    groups = {**{f"fold {k} ({'dev' if k in spec['dev'] else 'held'})": v
                 for k, v in folds.items()},
              "dev (tuned on)": [d for k in spec["dev"] for d in folds[k]],
              "held (never read)": [d for k in spec["held"] for d in folds[k]],
              "all 24": [d for docs in folds.values() for d in docs]}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, docs) in enumerate(groups.items()):
            results[name] = score(docs, args.real, args.scorer, Path(tmp), f"g{i}")
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print("| articles | ORG | PLACE | PERSON | PROGRAM | macro | implements | part_of R "
          "| member_of R / P |")
    print("|---|" + "---:|" * 8)
    for name, result in results.items():
        print(row(name, result))


if __name__ == "__main__":
    main()
