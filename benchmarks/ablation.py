"""What each rule family contributes: build a corpus with one family switched off.

Usage: python benchmarks/ablation.py [--gold DIR] [--inputs DIR] [--scorer FILE]

The pipeline is loaded once; for every recognition family of the registry
(``kg/data/rule_families.tsv``) the resolver ignores that family's candidates (a
learned judge, which also drops what the rules proposed, is left out of the pipeline
instead), the graph is built
and scored with the project's scorer, and the change of each entity F1 against
the full system is printed as a Markdown table (the table in docs/accuracy.md).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from kg.export.rdf import write_rdf
from kg.extract import Extractor
from kg.inputs import discover, read_document
from kg.pipeline.org_judge import FAMILY as ORG_JUDGE
from kg.pipeline.program_judge import FAMILY as PROGRAM_JUDGE
from kg.rules.families import entity_families

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("ORG", "PLACE", "PERSON", "PROGRAM")
# The learned judges' families and their pipeline components.
JUDGES = {ORG_JUDGE.name: "zhkg_org_judge", PROGRAM_JUDGE.name: "zhkg_program_judge"}


def build_and_score(extractor: Extractor, inputs: Path, gold: Path, scorer: Path) -> dict:
    results = []
    for path in discover([str(inputs)]):
        if isinstance(path, Path):
            document = read_document(path)
            results.append(extractor(document.identifier, document.text,
                                     document.analysis_text))
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


if __name__ == "__main__":
    main()
