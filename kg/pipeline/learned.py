"""What zhkg's learned components share: linear models over string features.

A model is a logistic regression fitted by ``kg train`` (scikit-learn) and stored as
a JSON file of feature weights, so that a build scores it as the sum of the weights
of a candidate's features without importing scikit-learn. :class:`LinearModel` reads
and writes such a file; :class:`LearnedComponent` is a pipeline component that holds
one, read in ``initialize`` and saved with the pipeline.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import srsly
from spacy.language import Language

from kg.pipeline.serialize import SerializableComponent

M = TypeVar("M", bound="LinearModel")
L = TypeVar("L", bound="LearnedComponent")


class ModelFileError(ValueError):
    """A model file that cannot be read; the message names the file."""


def sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0


class LinearModel:
    """Feature weights and a threshold on the logistic model's probability.

    A subclass names its file (``FILE``), its format and what it is (``WHAT``, for
    the errors).
    """

    FILE: ClassVar[str]
    FORMAT: ClassVar[str]
    FORMAT_VERSION: ClassVar[int] = 1
    WHAT: ClassVar[str]

    def __init__(self, weights: dict[str, float], threshold: float = 0.5,
                 meta: dict[str, Any] | None = None) -> None:
        self.weights = weights
        self.threshold = threshold
        self.meta = meta or {}

    def score(self, feats: Iterable[str]) -> float:
        """The logistic model's decision function: the sum of the features' weights."""
        get = self.weights.get
        return sum(get(f, 0.0) for f in feats)

    def probability(self, feats: Iterable[str]) -> float:
        return sigmoid(self.score(feats))

    def to_json(self) -> dict[str, Any]:
        return {"format": self.FORMAT, "format_version": self.FORMAT_VERSION,
                "threshold": self.threshold, "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model to ``path``, a file or a folder (then as ``FILE`` in it)."""
        path = Path(path)
        if path.is_dir():
            path = path / self.FILE
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=0, sort_keys=False)
        path.write_text(text + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls: type[M], data: Any, where: str) -> M:
        if not isinstance(data, dict) or data.get("format") != cls.FORMAT:
            raise ModelFileError(f"{where}: not a zhkg {cls.WHAT} (no \"format\": "
                                 f"\"{cls.FORMAT}\")")
        if data.get("format_version") != cls.FORMAT_VERSION:
            raise ModelFileError(f"{where}: {cls.WHAT} format {data.get('format_version')}, "
                                 f"this zhkg reads {cls.FORMAT_VERSION}: retrain it with "
                                 f"kg train")
        weights, threshold = data.get("weights"), data.get("threshold")
        if not isinstance(weights, dict) or not all(
                isinstance(w, (int, float)) for w in weights.values()):
            raise ModelFileError(f"{where}: \"weights\" must map features to numbers")
        if not isinstance(threshold, (int, float)) or not 0 < threshold < 1:
            raise ModelFileError(f"{where}: \"threshold\" must be a number between 0 and 1")
        return cls({str(k): float(v) for k, v in weights.items()}, float(threshold),
                   data.get("meta") or {})

    @classmethod
    def load(cls: type[M], path: str | os.PathLike[str]) -> M:
        """The model in ``path``: its file, or a folder written by ``kg train``."""
        path = model_file(path, cls.FILE)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelFileError(f"{path}: no such model file (kg train writes "
                                 f"{cls.FILE} into its -o folder)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise ModelFileError(f"{path}: cannot read the {cls.WHAT} ({err})") from None
        return cls.from_json(data, str(path))

    @classmethod
    def shipped_path(cls) -> Path:
        return Path(str(files("kg.data") / cls.FILE))


def model_file(path: str | os.PathLike[str], name: str) -> Path:
    """The file ``name`` of the model folder ``path``. A file given for ``path`` names
    its folder, so that ``--model DIR/people_model.json`` finds its sibling models."""
    path = Path(path)
    if path.is_dir():
        return path / name
    return path if path.name == name else path.with_name(name)


def fit_logistic(rows: list[tuple[list[str], int]], c: float) -> dict[str, float]:
    """Weights of scikit-learn's logistic regression fitted on ``rows`` of
    ``(features, label)``, the intercept folded into the feature ``bias`` that every
    candidate has, weights under 1e-5 dropped and the rest rounded (a stable file)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform({f: 1 for f in feats} for feats, _ in rows)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, [label for _, label in rows])
    weights: dict[str, float] = {}
    for feature, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True):
        if abs(weight) >= 1e-5:
            weights[str(feature)] = round(float(weight), 5)
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 5)
    return weights


def model_digest(path: str | os.PathLike[str] | None, names: Iterable[str]) -> str:
    """A digest of the model files ``names`` a build reads from the folder ``path``
    (empty for the shipped ones, which the rules' digest of ``kg/data`` covers)."""
    if path is None:
        return ""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + model_file(path, name).read_bytes())
    return digest.hexdigest()


class LearnedComponent(SerializableComponent):
    """A component scoring with a :class:`LinearModel` (``model_class``).

    ``model`` is a folder written by ``kg train`` (or a model file in it); empty, the
    model shipped in ``kg/data``. It is read in ``initialize``. Saved with the
    pipeline, the weights go beside the settings, so that the saved pipeline finds
    the same entities wherever it is loaded.
    """

    settings = ("model",)
    model_class: ClassVar[type[LinearModel]]
    factory: ClassVar[str]        # the registered name, the component's default name

    def __init__(self, nlp: Language | None, name: str = "", *, model: str = "") -> None:
        self.name = name or self.factory
        self.model = model
        self._scorer: LinearModel | None = None

    @property
    def scorer(self) -> LinearModel:
        if self._scorer is None:
            self._scorer = self.model_class.load(self.model or self.model_class.shipped_path())
        return self._scorer

    def to_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> None:
        super().to_disk(path, exclude=exclude)
        if "weights" not in exclude:
            self.scorer.save(Path(path) / self.model_class.FILE)

    def from_disk(self: L, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> L:
        super().from_disk(path, exclude=exclude)
        saved = Path(path) / self.model_class.FILE
        if "weights" not in exclude and saved.exists():
            self._scorer = self.model_class.load(saved)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        weights = {} if "weights" in exclude else {"weights": self.scorer.to_json()}
        return srsly.msgpack_dumps({"component": super().to_bytes(exclude=exclude), **weights})

    def from_bytes(self: L, data: bytes, *, exclude: Iterable[str] = ()) -> L:
        saved = srsly.msgpack_loads(data)
        super().from_bytes(saved["component"], exclude=exclude)
        if "weights" in saved and "weights" not in exclude:
            self._scorer = self.model_class.from_json(saved["weights"],
                                                      f"{self.name}.from_bytes")
        return self
