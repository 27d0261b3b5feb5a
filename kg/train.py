"""``kg train``: fit the learned components on pages annotated by the guideline.

Each gold file (``gold/GUIDELINE.md``'s JSON: ``doc``, ``entities``, ``optional``)
names a page of a texts folder by its file name without extension. Two models are
fitted, each by scikit-learn's logistic regression (``pip install 'zhkg[train]'``),
deterministic for the same pages:

- the PERSON scorer (:mod:`kg.pipeline.people_model`): every name candidate of a
  page whose text is one of its gold PERSON strings is a positive, one listed
  under ``optional`` is left out, the others are negatives;
- the ORG judge (:mod:`kg.pipeline.org_judge`): every reading of the ORG rules'
  candidates, labelled by the page's gold ORG strings the same way;
- the PROGRAM judge (:mod:`kg.pipeline.program_judge`): every quoted name of a page,
  with what the rules made of it, labelled by the page's gold PROGRAM strings.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from kg.inputs import InputError, read_document
from kg.linking import normalize_name
from kg.pipeline.candidates import candidates_of, layout
from kg.pipeline.learned import LinearModel, fit_logistic
from kg.pipeline.org_judge import FAMILY as JUDGE
from kg.pipeline.org_judge import OrgJudgeModel, page_readings
from kg.pipeline.people_model import NameModel, page_candidates
from kg.pipeline.program_judge import FAMILY as PROGRAM_JUDGE
from kg.pipeline.program_judge import ProgramJudgeModel, page_quotes
from kg.text import segments

# scikit-learn's default regularization; the cross-validation in docs/accuracy.md
# compared 0.3, 1 and 3 for the people model and found no setting better on all folds.
DEFAULT_C = 1.0
DEFAULT_THRESHOLD = 0.5
# Chosen on the dev folds of benchmarks/folds.json, where 0.4 beat 0.5 (docs/accuracy.md).
JUDGE_THRESHOLD = 0.4
_TEXT_SUFFIXES = (".txt", ".html", ".htm")
_LEARNED_LABELS = ("PERSON", "ORG", "PROGRAM")



class TrainingError(ValueError):
    """Training data that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Page:
    """One annotated page: its identifier, its text file, and by label (PERSON, ORG,
    PROGRAM) its gold strings and those the guideline leaves optional."""

    identifier: str
    text_path: Path
    gold: dict[str, frozenset[str]]
    optional: dict[str, frozenset[str]]


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
        entities = {label: _strings(gold, "entities", label, path) for label in _LEARNED_LABELS}
        optional = {label: _strings(gold, "optional", label, path) for label in _LEARNED_LABELS}
        identifier = str(gold.get("doc", path.stem)) if isinstance(gold, dict) else path.stem
        found = [texts_dir / f"{identifier}{s}" for s in _TEXT_SUFFIXES
                 if (texts_dir / f"{identifier}{s}").is_file()]
        if not found:
            raise TrainingError(f"{path}: no page {identifier}.txt (or .html) in {texts_dir}")
        pages.append(Page(identifier, found[0], entities, optional))
    if not pages:
        raise TrainingError(f"{gold_dir}: holds no gold files (*.json)")
    return pages


def _strings(gold: object, section: str, label: str, path: Path) -> frozenset[str]:
    if not isinstance(gold, dict):
        raise TrainingError(f"{path}: a gold file is a JSON object with \"entities\"")
    value = gold.get(section, {})
    if section == "entities" and not isinstance(value, dict):
        raise TrainingError(f"{path}: \"entities\" must map types to lists of strings")
    strings = value.get(label, []) if isinstance(value, dict) else []
    if not isinstance(strings, list) or not all(isinstance(p, str) for p in strings):
        raise TrainingError(f"{path}: \"{section}\".\"{label}\" must be a list of strings")
    return frozenset(strings)


def _page_texts(pages: Iterable[Page]) -> Iterator[tuple[Page, str]]:
    """Each page with the segments of its text that the pipeline reads."""
    for page in sorted(pages, key=lambda p: p.identifier):
        try:
            document = read_document(page.text_path)
        except InputError as err:
            raise TrainingError(str(err)) from None
        text = document.analysis_text
        for start, end in segments(text, 200_000):
            yield page, text[start:end]


Rows = list[tuple[list[str], int]]


def examples(pages: Iterable[Page], nlp: Language) -> tuple[Rows, Rows, Rows]:
    """``(features, label)`` rows of ``pages`` for the three models, each page segmented
    once by ``nlp``, a pipeline without the judges: every name candidate, every reading
    of the ORG rules' candidates, and every quoted name."""
    from kg.pipeline import COMPONENTS

    before = COMPONENTS[:COMPONENTS.index("zhkg_org_judge")]
    after = [name for name in COMPONENTS[COMPONENTS.index("zhkg_org_judge") + 1:
                                         COMPONENTS.index("zhkg_program_judge")]
             if name in nlp.pipe_names]
    names: Rows = []
    readings: Rows = []
    quotes: Rows = []
    for page, text in _page_texts(pages):
        doc = nlp.make_doc(text)
        lay = layout(doc)
        for a, b, feats in page_candidates(lay):
            name = lay.text[a:b]
            if name not in page.optional["PERSON"]:
                names.append((feats, int(name in page.gold["PERSON"])))
        # The recognizers before the judge add candidates; they split no token. The
        # programme rules then read the rules' organizations, not the judged ones (on the
        # seeds and the 193 real articles the quotes' features come out the same).
        for component in before:
            doc = nlp.get_pipe(component)(doc)
        for cand, scored in page_readings(layout(doc), candidates_of(doc)):
            for s, feats in scored:
                reading = lay.text[s:cand.end]
                if reading not in page.optional["ORG"]:
                    readings.append((feats, int(reading in page.gold["ORG"])))
        for component in after:
            doc = nlp.get_pipe(component)(doc)
        gold, optional = (_written(page.gold["PROGRAM"]), _written(page.optional["PROGRAM"]))
        for (start, end), proposed, feats in page_quotes(lay.text, candidates_of(doc)):
            # The quote as the rules read it (“五星”支部创建), or as written.
            # Compared as names are identified: without quotation marks or white space.
            read = {normalize_name(lay.text[c.start:c.end]) for c in proposed}
            read.add(normalize_name(lay.text[start:end]))
            if not read & optional or read & gold:
                quotes.append((feats, int(bool(read & gold))))
    return names, readings, quotes


def _written(strings: frozenset[str]) -> frozenset[str]:
    return frozenset(normalize_name(s) for s in strings)


def _fit(rows: list[tuple[list[str], int]], model_class: type[LinearModel], pages: list[Page],
         c: float, threshold: float, what: str) -> LinearModel:
    """The model fitted on ``rows``; the shipped one (which learned from the shipped
    pages), saying why in its ``meta["kept"]``, when the rows cannot teach one (pages
    annotated for people only teach no judge of programmes)."""
    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        shipped = model_class.load(model_class.shipped_path())
        shipped.meta = {**shipped.meta, "kept": f"the gold names no {what} the candidates "
                        "could match, or every candidate is one"}
        return shipped
    from sklearn import __version__ as sklearn_version

    meta = {"trained_on": sorted(p.identifier for p in pages), "examples": len(rows),
            "positives": sum(labels), "C": c, "scikit-learn": sklearn_version}
    return model_class(fit_logistic(rows, c), threshold, meta)


def train(pages: list[Page], *, pkuseg_model: str | None = None, c: float = DEFAULT_C
          ) -> tuple[NameModel, OrgJudgeModel, ProgramJudgeModel]:
    """The name scorer, the organization judge and the programme judge fitted on
    ``pages``."""
    if importlib.util.find_spec("sklearn") is None:
        raise TrainingError("kg train needs scikit-learn: pip install 'zhkg[train]'")
    from kg.pipeline import load_pipeline

    # The judges being trained are not there yet, nor needed: they come after the rules.
    names, readings, quotes = examples(pages, load_pipeline(
        pkuseg_model, disabled_sources=[JUDGE.name, PROGRAM_JUDGE.name]))
    models = (_fit(names, NameModel, pages, c, DEFAULT_THRESHOLD, "person"),
              _fit(readings, OrgJudgeModel, pages, c, JUDGE_THRESHOLD, "organization"),
              _fit(quotes, ProgramJudgeModel, pages, c, DEFAULT_THRESHOLD, "programme"))
    if all("kept" in model.meta for model in models):
        raise TrainingError("the gold names no person, organization or programme the "
                            "candidates could match: nothing to learn from")
    return models
