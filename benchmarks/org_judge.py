"""A learned judge of the rules' ORG candidates, compared with the rules by the date folds.

Usage: python benchmarks/org_judge.py [--real DIR] [--seeds-gold DIR] [--threshold P] [--c C]

A prototype before the judge becomes a pipeline component (docs/accuracy.md, "Next: a
learned judge of the rules' organizations"). Every ORG candidate of the rules, and each
shorter reading of it starting at a token boundary outside any place and still holding a
head, is scored by a logistic regression; the best reading replaces the candidate, and a
candidate whose best reading scores under the threshold is dropped. For each fold of
``benchmarks/folds.json`` the judge is fitted on the seeds' gold and the other three folds,
never on the fold it is scored on. Printed: ORG precision, recall and F1 at the string level
(micro over pages), rules alone and rules + judge, per fold and over all 24 articles.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import re
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from kg.inputs import read_document
from kg.pipeline import load_pipeline
from kg.pipeline.candidates import candidates_of, layout
from kg.rules.families import Candidate
from kg.rules.lexicon import CJK, alternation, is_verb, org_heads, word_pos, word_set
from kg.rules.units import LEVEL_PREFIXES

ROOT = Path(__file__).resolve().parent.parent
HEADS = org_heads()
HEAD_RE = re.compile(alternation(list(HEADS)))


def readings(text: str, lay, cands: list[Candidate], cand: Candidate) -> list[int]:
    """Starts of the candidate's readings: its own and shorter ones that still hold a head."""
    places = [(c.start, c.end) for c in cands if c.label == "PLACE"]
    starts = [s for s in lay.starts if cand.start <= s < cand.end - 1
              and not any(a < s < b for a, b in places)]
    if cand.start not in starts:
        starts.insert(0, cand.start)
    return [s for s in starts if HEAD_RE.search(text, s, cand.end)]


def features(text: str, lay, cand: Candidate, s: int, place_starts: set[int],
             place_ends: set[int], counts: Counter[str]) -> list[str]:
    pos = word_pos()
    i = bisect.bisect_left(lay.starts, s)
    at_token = i < len(lay.starts) and lay.starts[i] == s
    first = lay.words[i] if at_token else text[s:s + 2]
    prev = lay.words[i - 1] if at_token and i > 0 else text[max(0, s - 2):s]
    prev2 = lay.words[i - 2] if i > 1 else "<s>"
    name = text[s:cand.end]
    trim = min(3, sum(1 for x in lay.starts if cand.start <= x < s))
    fpos, ppos = pos.get(first, "-"), pos.get(prev, "-")
    out = ["bias", f"first={first}", f"fpos={fpos}", f"prev={prev}", f"ppos={ppos}",
           f"pc={prev[-1:]}", f"fc={first[:1]}", f"pp={ppos}|{fpos}", f"prev2={prev2}",
           f"ntok={min(7, sum(1 for x in lay.starts if s <= x < cand.end))}",
           f"len={min(8, len(name) // 2)}", f"trim={trim}", f"kind={cand.kind}",
           f"src={cand.source}", f"src_trim={cand.source}|{trim}", f"cnt={min(3, counts[name])}"]
    flags = {"fverb": is_verb(first), "pverb": is_verb(prev), "fplace": s in place_starts,
             "pplace": s in place_ends, "fgeneric": first in word_set("generic_nouns"),
             "fprefix": first in LEVEL_PREFIXES,
             "ppunct": not re.match(f"[{CJK}]", prev[-1:] or " ")}
    out += [flag for flag, on in flags.items() if on]
    head = max((h for h in HEADS if name.endswith(h)), key=len, default="")
    return [*out, f"head={head}", f"headonly={name == head}"]


def org_rows(nlp, text: str):
    """The doc after the ORG rules, and each ORG candidate with its readings' features."""
    doc = nlp.make_doc(text)
    for name in ("zhkg_places", "zhkg_orgs"):
        doc = nlp.get_pipe(name)(doc)
    lay, cands = layout(doc), candidates_of(doc)
    place_starts = {c.start for c in cands if c.label == "PLACE"}
    place_ends = {c.end for c in cands if c.label == "PLACE"}
    found = [(c, readings(text, lay, cands, c)) for c in cands if c.label == "ORG"]
    counts = Counter(text[s:c.end] for c, starts in found for s in starts)
    rows = [(c, [(s, features(text, lay, c, s, place_starts, place_ends, counts))
                 for s in starts]) for c, starts in found]
    return doc, rows


def fit(examples: list[tuple[list[str], int]], c: float) -> dict[str, float]:
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform({f: 1 for f in feats} for feats, _ in examples)
    model = LogisticRegression(C=c, max_iter=5000).fit(matrix, [y for _, y in examples])
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return weights


def probability(weights: dict[str, float], feats: list[str]) -> float:
    return 1 / (1 + math.exp(-sum(weights.get(f, 0.0) for f in feats)))


def predicted(nlp, text: str, weights: dict[str, float] | None, threshold: float) -> set[str]:
    doc, rows = org_rows(nlp, text)
    if weights is not None:
        cands = candidates_of(doc)
        kept = [c for c in cands if c.label != "ORG"]
        for cand, scored in rows:
            if not scored:
                kept.append(cand)
                continue
            p, start = max((probability(weights, f), -s) for s, f in scored)
            if p >= threshold:
                kept.append(cand._replace(start=-start))
        cands[:] = kept
    for name in nlp.pipe_names[2:]:
        doc = nlp.get_pipe(name)(doc)
    return {e.text for e in doc.ents if e.label_ == "ORG"}


def prf(pages: list[tuple[set[str], set[str], set[str]]]) -> str:
    tp = sum(len(p & g) for p, g, _ in pages)
    tp_opt = sum(len(p & (g | o)) for p, g, o in pages)
    precision = tp_opt / max(1, sum(len(p) for p, _, _ in pages))
    recall = tp / max(1, sum(len(g) for _, g, _ in pages))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real")
    parser.add_argument("--seeds-gold", type=Path,
                        default=ROOT.parent / "shared" / "gold" / "seeds")
    parser.add_argument("--threshold", type=float, default=0.4)
    parser.add_argument("--c", type=float, default=1.0)
    args = parser.parse_args()
    folds: dict[str, list[str]] = json.loads(
        (ROOT / "benchmarks" / "folds.json").read_text(encoding="utf-8"))["folds"]
    pages = [("S", g, ROOT / "seeds" / f"{g.stem}.txt")
             for g in sorted(args.seeds_gold.glob("*.json"))]
    pages += [(k, args.real / "gold" / f"{d}.json", args.real / "texts" / f"{d}.txt")
              for k, docs in folds.items() for d in docs]
    nlp = load_pipeline()
    data = []
    for fold, gold_path, text_path in pages:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        orgs = set(gold["entities"]["ORG"])
        optional = set(gold.get("optional", {}).get("ORG", []))
        text = read_document(text_path).analysis_text
        _, rows = org_rows(nlp, text)
        examples = [(f, int(text[s:c.end] in orgs)) for c, scored in rows for s, f in scored
                    if text[s:c.end] not in optional]
        data.append((fold, text, orgs, optional, examples))
    everything = {"rules": [], "judge": []}
    for k in folds:
        weights = fit([e for fold, *_, ex in data if fold != k for e in ex], args.c)
        scored = {"rules": [], "judge": []}
        for fold, text, orgs, optional, _ in data:
            if fold == k:
                scored["rules"].append((predicted(nlp, text, None, 0), orgs, optional))
                scored["judge"].append((predicted(nlp, text, weights, args.threshold), orgs,
                                        optional))
        for system, rows in scored.items():
            everything[system] += rows
        print(f"fold {k}: rules {prf(scored['rules'])}  judge {prf(scored['judge'])}")
    print(f"all 24: rules {prf(everything['rules'])}  judge {prf(everything['judge'])}")


if __name__ == "__main__":
    main()
