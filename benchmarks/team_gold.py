"""The team's annotations of unlabelled real articles, kept as character offsets.

Usage:
    python benchmarks/team_gold.py pack ANNOT_DIR SET          # gold JSON -> offsets
    python benchmarks/team_gold.py score [--real DIR] [SET ...] # build and score each set
    python benchmarks/team_gold.py unpack DIR SET ...           # texts + gold, for kg train

Some of the 169 articles of ``../shared/real/unlabelled`` were annotated by the team by
``../shared/gold/GUIDELINE.md`` (people who read only the guideline and the dev folds'
gold, never zhkg's output). The articles are public text from elsewhere and may not
be copied here, so each gold file is stored with every string replaced by its offsets
into the article (``[start, end]``; ``{"unquoted": [start, end]}`` where the annotator
dropped quotation marks inside the span): ``benchmarks/team_gold/<SET>/<doc>.json``.
``score`` rebuilds the gold from ``../shared/real/unlabelled`` and scores a build of the
set's articles with the project's scorer.

Sets: ``E`` (17 articles) is a development set: its errors were read while writing rules.
``E2`` (12 articles) was held out: only its aggregate scores were looked at (until the
seventeenth round, below).
``E3`` (16 articles, 13 provinces, annotated a round later) is a second development set;
``E4`` (16 articles, annotated with it) was a second held-out set, aggregates only, until
the fourteenth round read it as the ninth development set (its scores recorded first);
``E5`` (16 articles, annotated after it) is a third development set; ``E6`` and ``E7``
(16 articles each, annotated in later rounds, each scored once before any rule was read on
it) a fourth and fifth; ``E8`` (16 articles, annotated with E7) was a third held-out set,
aggregates only, for seven rounds, and became the eighth development set in the fourteenth
round (its scores then recorded before its errors were read); ``E9`` and ``E10`` (16
articles each, each scored once before its errors were read) a sixth and seventh
development set; ``E11`` (the last 12 articles, annotated after them) a fourth held-out
set. In the seventeenth round E2 and E11, their scores recorded first, became the tenth
and eleventh development sets: every team set is now one, and only folds C and D of
``../shared/real`` are held out. The development sets up to E10 also train the shipped
people model and programme judge (``make model``; the Makefile says why E2 and E11 do not).
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
STORE = ROOT / "benchmarks" / "team_gold"
KG = str(Path(sys.executable).with_name("kg"))
QUOTES = "“”‘’\"'「」『』"


def _offsets(value: object, text: str) -> object:
    if isinstance(value, dict):
        return {k: v if k == "doc" else _offsets(v, text) for k, v in value.items()}
    if isinstance(value, list):
        return [_offsets(v, text) for v in value]
    if not isinstance(value, str):
        return value
    at = text.find(value)
    if at >= 0:
        return [at, at + len(value)]
    # The annotator dropped quotation marks inside the span: find it in the text without them.
    kept = [i for i, ch in enumerate(text) if ch not in QUOTES]
    bare = "".join(text[i] for i in kept)
    at = bare.find("".join(ch for ch in value if ch not in QUOTES))
    if at < 0:
        raise ValueError(f"{value!r} is not in the text")
    end = kept[at + len(value.translate({ord(q): None for q in QUOTES})) - 1] + 1
    return {"unquoted": [kept[at], end]}


def _strings(value: object, text: str) -> object:
    if isinstance(value, dict):
        if set(value) == {"unquoted"}:
            start, end = value["unquoted"]
            return "".join(ch for ch in text[start:end] if ch not in QUOTES)
        return {k: v if k == "doc" else _strings(v, text) for k, v in value.items()}
    if isinstance(value, list):
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            return text[value[0]:value[1]]
        return [_strings(v, text) for v in value]
    return value


def pack(annotations: Path, name: str, real: Path) -> None:
    out = STORE / name
    out.mkdir(parents=True, exist_ok=True)
    for gold in sorted(annotations.glob("*.json")):
        text = (real / "unlabelled" / f"{gold.stem}.txt").read_text(encoding="utf-8")
        packed = _offsets(json.loads(gold.read_text(encoding="utf-8")), text)
        if _strings(packed, text) != json.loads(gold.read_text(encoding="utf-8")):
            raise ValueError(f"{gold}: does not unpack to itself")
        (out / gold.name).write_text(json.dumps(packed, ensure_ascii=False) + "\n",
                                     encoding="utf-8")


def unpack(name: str, real: Path, into: Path) -> tuple[Path, Path]:
    """The set's texts and gold as the scorer reads them, under ``into``."""
    texts, gold = into / name / "texts", into / name / "gold"
    texts.mkdir(parents=True)
    gold.mkdir()
    for packed in sorted((STORE / name).glob("*.json")):
        source = real / "unlabelled" / f"{packed.stem}.txt"
        shutil.copy(source, texts)
        text = source.read_text(encoding="utf-8")
        (gold / packed.name).write_text(json.dumps(
            _strings(json.loads(packed.read_text(encoding="utf-8")), text),
            ensure_ascii=False), encoding="utf-8")
    return texts, gold


def score(names: list[str], real: Path, scorer: Path) -> None:
    print("| set | articles | ORG | PLACE | PERSON | PROGRAM | macro | implements "
          "| part_of R | member_of R / P |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            texts, gold = unpack(name, real, Path(tmp))
            graph = Path(tmp) / f"{name}.ttl"
            subprocess.run([KG, "build", str(texts), "-o", str(graph), "-q"], check=True)
            out = subprocess.run(
                [sys.executable, str(scorer), "--gold", str(gold), "--graph", str(graph),
                 "--ontology", str(ROOT / "ontology"), "--json"],
                check=True, capture_output=True, text=True).stdout
            res = json.loads(out[: out.rindex("}") + 1])
            f1 = [res["entities"][t]["f1"] for t in ("ORG", "PLACE", "PERSON", "PROGRAM")]
            print(f"| {name} | {res['documents']} | " + " | ".join(f"{v:.3f}" for v in f1)
                  + f" | {res['entity_macro_f1']:.3f} | {res['implements']['f1']:.3f} "
                  f"| {res['part_of_recall']:.3f} "
                  f"| {res['member_of_recall']:.3f} / {res['member_of_precision']:.3f} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real")
    parser.add_argument("--scorer", type=Path,
                        default=ROOT.parent / "shared" / "tools" / "score.py")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack")
    p.add_argument("annotations", type=Path)
    p.add_argument("set")
    s = sub.add_parser("score")
    s.add_argument("sets", nargs="*", default=["E", "E2", "E3", "E4", "E5", "E6", "E7", "E8",
                                               "E9", "E10", "E11"])
    u = sub.add_parser("unpack", help="write each set's texts and gold under DIR/<SET>")
    u.add_argument("into", type=Path)
    u.add_argument("sets", nargs="+")
    args = parser.parse_args(argv)
    if args.command == "pack":
        pack(args.annotations, args.set, args.real)
    elif args.command == "unpack":
        for name in args.sets:
            unpack(name, args.real, args.into)
    else:
        score(args.sets, args.real, args.scorer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
