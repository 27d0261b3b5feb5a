"""The spaCy pipeline: pkuseg segmentation, then one recognizer per entity type."""

from __future__ import annotations

import os

import spacy
from spacy.language import Language

# Importing the modules registers their factories (also exposed as entry points).
from kg.pipeline import entities, orgs, people, places, program_judge, programs  # noqa: F401
from kg.pipeline.learned import model_digest
from kg.pipeline.org_judge import FAMILY as JUDGE
from kg.pipeline.org_judge import OrgJudgeModel
from kg.pipeline.people_model import NameModel
from kg.pipeline.program_judge import FAMILY as PROGRAM_JUDGE
from kg.pipeline.program_judge import ProgramJudgeModel
from kg.pipeline.segmenter import resolve_pkuseg_model
from kg.rules.families import resolve_disabled

COMPONENTS = ("zhkg_places", "zhkg_orgs", "zhkg_org_judge", "zhkg_people", "zhkg_people_model",
              "zhkg_programs", "zhkg_program_judge", "zhkg_entities")
# The components that score with a model of kg train, and the model each reads.
LEARNED = {"zhkg_people_model": NameModel, "zhkg_org_judge": OrgJudgeModel,
           "zhkg_program_judge": ProgramJudgeModel}


def load_tokenizer(pkuseg_model: str | os.PathLike[str] | None = None) -> Language:
    """A blank Chinese pipeline with the pkuseg segmenter only, initialized."""
    nlp = _blank(pkuseg_model)
    nlp.initialize()
    return nlp


def load_pipeline(pkuseg_model: str | os.PathLike[str] | None = None, *,
                  disabled_sources: list[str] | None = None,
                  model: str | os.PathLike[str] | None = None) -> Language:
    """A blank Chinese pipeline with the pkuseg segmenter and zhkg's recognizers.

    ``disabled_sources`` names rule families whose candidates are ignored
    (see :class:`kg.pipeline.entities.EntityResolver`); switching off a judge
    (``zhkg.orgs:judge``, ``zhkg.programs:judge``) leaves it out. ``model`` is a folder written by
    ``kg train``, whose models replace the shipped ones.
    """
    disabled = resolve_disabled(disabled_sources or ())
    nlp = _blank(pkuseg_model)
    for name in COMPONENTS:
        config = {}
        if name == "zhkg_entities":
            config = {"disabled_sources": disabled}
        elif (name == "zhkg_org_judge" and JUDGE.id in disabled) or (
                name == "zhkg_program_judge" and PROGRAM_JUDGE.id in disabled):
            continue
        elif name in LEARNED:
            config = {"model": str(model or "")}
        nlp.add_pipe(name, config=config)
    nlp.initialize()
    return nlp


def check_models(model: str | os.PathLike[str]) -> str:
    """Read every model of the ``kg train`` folder ``model`` and return their digest;
    a file that is missing or not a model is a ModelFileError naming it."""
    for model_class in LEARNED.values():
        model_class.load(model)
    return model_digest(model, [model_class.FILE for model_class in LEARNED.values()])


def _blank(pkuseg_model: str | os.PathLike[str] | None) -> Language:
    model = resolve_pkuseg_model(pkuseg_model)
    return spacy.blank("zh", config={
        "nlp": {"tokenizer": {"@tokenizers": "zhkg.ChineseTokenizer.v1", "segmenter": "pkuseg"}},
        "initialize": {"tokenizer": {"pkuseg_model": str(model)}},
    })
