"""What each rule family contributes: build a corpus with one family switched off.

Usage: python benchmarks/ablation.py [--gold DIR] [--inputs DIR] [--scorer FILE]

The pipeline is loaded once; for every recognition family of the registry
(``kg/data/rule_families.tsv``) the resolver ignores that family's candidates (a
learned judge, which also drops what the rules proposed, is left out of the pipeline
instead), the graph is built
and scored with the project's scorer, and the change of each entity F1 against
the full system is printed as a Markdown table (the table in docs/accuracy.md).

A second table does the same for the relation families (who carries out a programme,
who holds a role): the corpus is extracted once, then scored with the implementations or
memberships that one family found taken out, so each row is what that family's rows add
to implements F1 and to member_of recall and precision.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from kg.export.rdf import write_rdf
from kg.extract import Extractor
from kg.inputs import discover, read_document
from kg.model import DocumentResult
from kg.pipeline.org_judge import FAMILY as ORG_JUDGE
from kg.pipeline.program_judge import FAMILY as PROGRAM_JUDGE
from kg.rules.families import entity_families, families

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("ORG", "PLACE", "PERSON", "PROGRAM")
# The learned judges' families and their pipeline components.
JUDGES = {ORG_JUDGE.name: "zhkg_org_judge", PROGRAM_JUDGE.name: "zhkg_program_judge"}


def extract_all(extractor: Extractor, inputs: Path) -> list[DocumentResult]:
    results = []
    for path in discover([str(inputs)]):
        if isinstance(path, Path):
            document = read_document(path)
            results.append(extractor(document.identifier, document.text,
                                     document.analysis_text))
    return results


def build_and_score(extractor: Extractor, inputs: Path, gold: Path, scorer: Path) -> dict:
    return score(extract_all(extractor, inputs), gold, scorer)


def score(results: list[DocumentResult], gold: Path, scorer: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph.ttl"
        write_rdf(results, str(graph), "ttl")
        out = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(gold), "--graph", str(graph),
             "--ontology", str(ROOT / "ontology"), "--json"],
            check=True, capture_output=True, text=True).stdout
    return json.loads(out[: out.rindex("}") + 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=Path, default=ROOT / "seeds")
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared/gold/seeds")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared/tools/score.py")
    args = parser.parse_args()
    extractor = Extractor()
    resolver = extractor.nlp.get_pipe("zhkg_entities")
    full = build_and_score(extractor, args.inputs, args.gold, args.scorer)
    f1 = {t: full["entities"][t]["f1"] for t in TYPES}
    print("| switched off | " + " | ".join(f"Δ {t}" for t in TYPES) + " | Δ macro |")
    print("|---|" + "---:|" * (len(TYPES) + 1))
    print("| (nothing: full system) | " + " | ".join(f"{f1[t]:.3f}" for t in TYPES)
          + f" | {full['entity_macro_f1']:.3f} |")
    for family in entity_families():
        source, label = family.id, f"{family.label}: {family.doc}"
        if family.name in JUDGES:
            # A judge also drops what the rules proposed, which the resolver cannot undo:
            # it is left out of the pipeline.
            resolver.disabled_sources = frozenset()
            with extractor.nlp.select_pipes(disable=[JUDGES[family.name]]):
                scored = build_and_score(extractor, args.inputs, args.gold, args.scorer)
        else:
            resolver.disabled_sources = frozenset({source})
            scored = build_and_score(extractor, args.inputs, args.gold, args.scorer)
        deltas = [scored["entities"][t]["f1"] - f1[t] for t in TYPES]
        macro = scored["entity_macro_f1"] - full["entity_macro_f1"]
        cells = " | ".join(f"{d:+.3f}" if abs(d) >= 0.0005 else "·" for d in deltas)
        print(f"| {label} (`{source}`) | {cells} | {macro:+.3f} |", flush=True)
    resolver.disabled_sources = frozenset()
    relation_table(extract_all(extractor, args.inputs), args.gold, args.scorer)


def _without(results: list[DocumentResult], source: str) -> list[DocumentResult]:
    """The results with the implementations and memberships ``source`` found taken out
    (a membership whose organization comes from earlier in the article is marked
    ``+article`` after its family's name)."""
    return [replace(r, implementations=[i for i in r.implementations if i.rule != source],
                    memberships=[m for m in r.memberships
                                 if m.rule.split("+")[0] != source])
            for r in results]


def relation_table(results: list[DocumentResult], gold: Path, scorer: Path) -> None:
    """Print what each relation family's rows add to the relation scores."""
    full = score(results, gold, scorer)
    columns = ("implements F1", "member_of R", "member_of P")

    def figures(scored: dict) -> tuple[float | None, ...]:
        # precision is None when no membership is stated at all
        return (scored["implements"]["f1"], scored["member_of_recall"],
                scored["member_of_precision"])

    def cell(value: float | None, base: float | None) -> str:
        if value is None or base is None:
            return "none stated"
        delta = value - base
        return f"{delta:+.3f}" if abs(delta) >= 0.0005 else "·"

    base = figures(full)
    print()
    print("| taken out | " + " | ".join(f"Δ {c}" for c in columns) + " |")
    print("|---|" + "---:|" * len(columns))
    print("| (nothing: full system) | "
          + " | ".join("none stated" if v is None else f"{v:.3f}" for v in base) + " |")
    for family in families().values():
        if family.label not in ("IMPL", "MEMBER"):
            continue
        scored = figures(score(_without(results, family.id), gold, scorer))
        cells = " | ".join(cell(v, b) for v, b in zip(scored, base, strict=True))
        print(f"| {family.label}: {family.doc} (`{family.id}`) | {cells} |", flush=True)


if __name__ == "__main__":
    main()
