"""What the learned components share: their model files, read, refused and carried."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.pipeline import LEARNED
from kg.pipeline.learned import LinearModel, ModelFileError
from kg.pipeline.org_judge import OrgJudge
from kg.pipeline.people_model import PersonModel
from kg.pipeline.program_judge import ProgramJudge

COMPONENTS = [PersonModel, OrgJudge, ProgramJudge]
ROOT = Path(__file__).resolve().parents[2]
SEEDS_GOLD = ROOT.parent / "shared" / "gold" / "seeds"


def test_every_learned_component_of_the_pipeline_is_covered_here():
    assert {c.factory for c in COMPONENTS} == set(LEARNED)
    assert {c.model_class for c in COMPONENTS} == set(LEARNED.values())


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.factory)
def test_a_newer_model_format_is_refused_by_name(component, tmp_path: Path):
    model_class: type[LinearModel] = component.model_class
    data = json.loads(model_class.shipped_path().read_text(encoding="utf-8"))
    data["format_version"] = 99
    (tmp_path / model_class.FILE).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelFileError,
                       match=rf"{model_class.FILE}: {model_class.WHAT} format 99"):
        model_class.load(tmp_path)


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.factory)
def test_the_weights_travel_with_the_component(component, tmp_path: Path):
    weights = {"bias": 0.25, "first=物业": -2.0}
    component.model_class(weights, 0.4).save(tmp_path)
    made = component(None, model=str(tmp_path))
    again = component(None).from_bytes(made.to_bytes())
    assert again.model == str(tmp_path) and again.scorer.weights == weights
    made.to_disk(tmp_path / "saved")
    (tmp_path / component.model_class.FILE).unlink()  # the saved copy, not its source
    loaded = component(None).from_disk(tmp_path / "saved").scorer
    assert loaded.weights == weights and loaded.threshold == 0.4


def _gold_of_only(tmp_path: Path, keep: tuple[str, ...]) -> Path:
    """The seeds' gold with only the entity lists ``keep``."""
    folder = tmp_path / "gold"
    folder.mkdir()
    for path in SEEDS_GOLD.glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for section in ("entities", "optional"):
            gold[section] = {label: strings for label, strings in gold.get(section, {}).items()
                             if label in keep}
        (folder / path.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return folder


def test_pages_annotated_for_people_only_keep_the_shipped_judges(tmp_path: Path, capsys):
    gold = _gold_of_only(tmp_path, ("PERSON",))
    trained = tmp_path / "m"
    assert main(["train", str(gold), str(ROOT / "seeds"), "-o", str(trained)]) == 0
    err = capsys.readouterr().err
    assert "the gold names no programme the candidates could match" in err
    assert "the gold names no organization the candidates could match" in err
    for judge in (OrgJudge, ProgramJudge):
        model = judge.model_class
        assert model.load(trained).weights == model.load(model.shipped_path()).weights
    people = PersonModel.model_class
    assert people.load(trained).weights != people.load(people.shipped_path()).weights


def test_pages_annotated_for_nothing_learned_are_refused(tmp_path: Path, capsys):
    gold = _gold_of_only(tmp_path, ())
    assert main(["train", str(gold), str(ROOT / "seeds"), "-o", str(tmp_path / "m")]) == 1
    assert "nothing to learn from" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()
