"""``kg train``: fit the learned PERSON scorer on pages annotated by the guideline.

Each gold file (``gold/GUIDELINE.md``'s JSON: ``doc``, ``entities``, ``optional``)
names a page of a texts folder by its file name without extension. Every name
candidate of the page (:func:`kg.pipeline.people_model.page_candidates`) whose text
is one of the page's gold PERSON strings is a positive, one listed under
``optional`` is left out, and the others are negatives. scikit-learn's logistic
regression (``pip install 'zhkg[train]'``) fits the weights; the result is
deterministic for the same pages.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.inputs import InputError, read_document
from kg.pipeline.candidates import layout
from kg.pipeline.people_model import NameModel, page_candidates
from kg.text import segments

# scikit-learn's default regularization; the cross-validation in docs/accuracy.md
# compared 0.3, 1 and 3 and found no setting better on all folds.
DEFAULT_C = 1.0
DEFAULT_THRESHOLD = 0.5
_TEXT_SUFFIXES = (".txt", ".html", ".htm")


class TrainingError(ValueError):
    """Training data that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Page:
    """One annotated page: its identifier, its text file and its gold PERSON strings."""

    identifier: str
    text_path: Path
    people: frozenset[str]
    optional: frozenset[str]


def annotated_pages(gold_dir: str | os.PathLike[str],
                    texts_dir: str | os.PathLike[str]) -> list[Page]:
    """The gold files of ``gold_dir`` with their pages in ``texts_dir``, by name."""
    gold_dir, texts_dir = Path(gold_dir), Path(texts_dir)
    if not gold_dir.is_dir():
        raise TrainingError(f"{gold_dir}: not a folder of gold files")
    if not texts_dir.is_dir():
        raise TrainingError(f"{texts_dir}: not a folder of texts")
    pages = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise TrainingError(f"{path}: cannot read the gold file ({err})") from None
        people, optional = _strings(gold, "entities", path), _strings(gold, "optional", path)
        identifier = str(gold.get("doc", path.stem)) if isinstance(gold, dict) else path.stem
        found = [texts_dir / f"{identifier}{s}" for s in _TEXT_SUFFIXES
                 if (texts_dir / f"{identifier}{s}").is_file()]
        if not found:
            raise TrainingError(f"{path}: no page {identifier}.txt (or .html) in {texts_dir}")
        pages.append(Page(identifier, found[0], people, optional))
    if not pages:
        raise TrainingError(f"{gold_dir}: holds no gold files (*.json)")
    return pages


def _strings(gold: object, section: str, path: Path) -> frozenset[str]:
    if not isinstance(gold, dict):
        raise TrainingError(f"{path}: a gold file is a JSON object with \"entities\"")
    value = gold.get(section, {})
    if section == "entities" and not isinstance(value, dict):
        raise TrainingError(f"{path}: \"entities\" must map types to lists of strings")
    people = value.get("PERSON", []) if isinstance(value, dict) else []
    if not isinstance(people, list) or not all(isinstance(p, str) for p in people):
        raise TrainingError(f"{path}: \"{section}\".\"PERSON\" must be a list of strings")
    return frozenset(people)


def examples(pages: Iterable[Page], nlp) -> Iterator[tuple[list[str], int]]:
    """``(features, label)`` of every name candidate of ``pages``, segmented by ``nlp``."""
    for page in pages:
        try:
            document = read_document(page.text_path)
        except InputError as err:
            raise TrainingError(str(err)) from None
        text = document.analysis_text
        for start, end in segments(text, 200_000):
            lay = layout(nlp.make_doc(text[start:end]))
            for a, b, feats in page_candidates(lay):
                name = lay.text[a:b]
                if name in page.optional:
                    continue
                yield feats, int(name in page.people)


def train(pages: list[Page], *, pkuseg_model: str | None = None, c: float = DEFAULT_C,
          threshold: float = DEFAULT_THRESHOLD) -> NameModel:
    """A name scorer fitted on ``pages``."""
    if importlib.util.find_spec("sklearn") is None:
        raise TrainingError("kg train needs scikit-learn: pip install 'zhkg[train]'")
    from sklearn import __version__ as sklearn_version
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from kg.pipeline import load_tokenizer

    nlp = load_tokenizer(pkuseg_model)
    rows = list(examples(sorted(pages, key=lambda p: p.identifier), nlp))
    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        raise TrainingError("the gold names no person the candidates could match, or every "
                            "candidate is a person: nothing to learn from")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform({f: 1 for f in feats} for feats, _ in rows)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, labels)
    weights: dict[str, float] = {}
    for feature, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True):
        if abs(weight) >= 1e-5:
            weights[str(feature)] = round(float(weight), 5)
    # The intercept rides on the feature every candidate has.
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    meta = {"trained_on": sorted(p.identifier for p in pages), "examples": len(rows),
            "positives": sum(labels), "C": c, "scikit-learn": sklearn_version}
    return NameModel(weights, threshold, meta)
