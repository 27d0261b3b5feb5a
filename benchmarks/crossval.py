"""Scores on the real articles of ../shared/real, fold by fold (benchmarks/folds.json).

Usage: python benchmarks/crossval.py [--real DIR] [--seeds-gold DIR] [--scorer FILE] [--json]

Two systems are built and scored with the project's scorer:

- ``rules``: the rules alone (the learned people model, organization judge and
  programme judge disabled). The dev folds are those whose errors the rules were tuned
  on; the held folds were never read, so the "held" row is the rules' estimate on
  unseen text.
- ``rules + models``: the rules with the people model and the two judges trained by
  ``kg train`` on the seeds' gold and the other three folds, never on the fold they are
  scored on (4-fold cross-validation of the models; the rules' own figures stay those
  above). As ``make model`` does, the people model and the programme judge also learn
  from the team's development sets (``--team-sets``, unlabelled articles, none of
  these 24).
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
KG = str(Path(sys.executable).with_name("kg"))


def copy_fold(docs: list[str], real: Path, into: Path) -> tuple[Path, Path]:
    texts, gold = into / "texts", into / "gold"
    texts.mkdir(parents=True)
    gold.mkdir()
    for doc in docs:
        shutil.copy(real / "texts" / f"{doc}.txt", texts)
        shutil.copy(real / "gold" / f"{doc}.json", gold)
    return texts, gold


def build(texts: Path, graph: Path, extra: list[str]) -> None:
    subprocess.run([KG, "build", str(texts), "-o", str(graph), "-q", *extra], check=True)


def score(gold_docs: list[str], graphs: list[Path], real: Path, scorer: Path,
          tmp: Path) -> dict:
    """Score ``graphs`` against the gold of ``gold_docs``."""
    gold = tmp / "gold"
    shutil.rmtree(gold, ignore_errors=True)
    gold.mkdir(parents=True)
    for doc in gold_docs:
        shutil.copy(real / "gold" / f"{doc}.json", gold)
    cmd = [sys.executable, str(scorer), "--gold", str(gold), "--ontology", str(ROOT / "ontology"),
           "--json"]
    for graph in graphs:
        cmd += ["--graph", str(graph)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
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
    parser.add_argument("--seeds-gold", type=Path, default=ROOT.parent / "shared/gold/seeds")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared/tools/score.py")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--team-sets", nargs="*",
                        default=["E", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10"],
                        help="team development sets (benchmarks/team_gold) the people model "
                             "also learns from, as make model does; none: --team-sets")
    args = parser.parse_args()
    spec = json.loads((ROOT / "benchmarks" / "folds.json").read_text(encoding="utf-8"))
    folds: dict[str, list[str]] = spec["folds"]
    groups = {**{f"fold {k} ({'dev' if k in spec['dev'] else 'held'})": [k] for k in folds},
              "dev (rules tuned on)": list(spec["dev"]),
              "held (never read)": list(spec["held"]),
              "all 24": list(folds)}
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        team: list[str] = []
        for name in args.team_sets:
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "team_gold.py"),
                            "--real", str(args.real), "unpack", str(tmp / "team"), name],
                           check=True)
            team += [str(tmp / "team" / name / "gold"), str(tmp / "team" / name / "texts")]
        graphs: dict[str, dict[str, Path]] = {"rules": {}, "rules + models": {}}
        for k, docs in folds.items():
            texts, _ = copy_fold(docs, args.real, tmp / k)
            rules = graphs["rules"][k] = tmp / k / "rules.ttl"
            build(texts, rules, ["--disable", "zhkg.people:model", "--disable",
                                 "zhkg.orgs:judge", "--disable", "zhkg.programs:judge"])
            # The models of this fold: the seeds and the other folds' gold.
            train_gold = tmp / k / "train-gold"
            train_gold.mkdir()
            for other, other_docs in folds.items():
                for doc in other_docs if other != k else ():
                    shutil.copy(args.real / "gold" / f"{doc}.json", train_gold)
            model = tmp / k / "model"
            official = [str(args.seeds_gold), str(ROOT / "seeds"), str(train_gold),
                        str(args.real / "texts")]
            subprocess.run([KG, "train", *official, "-o", str(model), "-q"], check=True)
            if team:
                # As make model: the people model and the programme judge also learn
                # from the team's sets.
                subprocess.run([KG, "train", *official, *team, "-o", str(tmp / k / "team"),
                                "-q"], check=True)
                for learned_file in ("people_model.json", "program_judge.json"):
                    shutil.copy(tmp / k / "team" / learned_file, model)
            for learned_file in model.glob("*.json"):
                meta = json.loads(learned_file.read_text(encoding="utf-8")).get("meta", {})
                if "kept" in meta:
                    # The shipped model learned from this fold: no cross-validation.
                    sys.exit(f"crossval: fold {k}: {learned_file.name}: {meta['kept']}")
            learned = graphs["rules + models"][k] = tmp / k / "models.ttl"
            build(texts, learned, ["--model", str(model)])
        for system, built in graphs.items():
            for name, members in groups.items():
                docs = [d for k in members for d in folds[k]]
                results[f"{system}: {name}"] = score(docs, [built[k] for k in members],
                                                     args.real, args.scorer, tmp)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return
    print("| system: articles | ORG | PLACE | PERSON | PROGRAM | macro | implements "
          "| part_of R | member_of R / P |")
    print("|---|" + "---:|" * 8)
    for name, result in results.items():
        print(row(name, result))


if __name__ == "__main__":
    main()
