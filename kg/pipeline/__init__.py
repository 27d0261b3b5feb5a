"""The spaCy pipeline: pkuseg segmentation, then one recognizer per entity type."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

# Importing the modules registers their factories (also exposed as entry points).
from kg.pipeline import entities, orgs, people, places, programs  # noqa: F401
from kg.pipeline import people_model as _people_model  # noqa: F401
from kg.pipeline.segmenter import resolve_pkuseg_model

COMPONENTS = ("zhkg_places", "zhkg_orgs", "zhkg_people", "zhkg_people_model", "zhkg_programs",
              "zhkg_entities")


def load_tokenizer(pkuseg_model: str | os.PathLike[str] | None = None) -> Language:
    """A blank Chinese pipeline with the pkuseg segmenter only, initialized."""
    nlp = _blank(pkuseg_model)
    nlp.initialize()
    return nlp


def load_pipeline(pkuseg_model: str | os.PathLike[str] | None = None, *,
                  disabled_sources: list[str] | None = None,
                  people_model: str | os.PathLike[str] | None = None) -> Language:
    """A blank Chinese pipeline with the pkuseg segmenter and zhkg's recognizers.

    ``disabled_sources`` names rule families whose candidates are ignored
    (see :class:`kg.pipeline.entities.EntityResolver`); ``people_model`` is a model
    written by ``kg train`` in place of the shipped one.
    """
    nlp = _blank(pkuseg_model)
    for name in COMPONENTS:
        config = {}
        if name == "zhkg_entities":
            config = {"disabled_sources": list(disabled_sources or [])}
        elif name == "zhkg_people_model":
            config = {"model": str(people_model or "")}
        nlp.add_pipe(name, config=config)
    nlp.initialize()
    return nlp


def _blank(pkuseg_model: str | os.PathLike[str] | None) -> Language:
    model = resolve_pkuseg_model(pkuseg_model)
    return spacy.blank("zh", config={
        "nlp": {"tokenizer": {"@tokenizers": "zhkg.ChineseTokenizer.v1", "segmenter": "pkuseg"}},
        "initialize": {"tokenizer": {"pkuseg_model": str(model)}},
    })
