"""The learned organization judge: what it drops and keeps of the rules' ORG, and its files."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kg.cli import main
from kg.pipeline import load_pipeline
from kg.pipeline.candidates import entities_of
from kg.pipeline.org_judge import MODEL_FILE, OrgJudgeModel
from kg.pipeline.people_model import MODEL_FILE as PEOPLE_FILE

ROOT = Path(__file__).resolve().parents[2]
SEEDS_GOLD = ROOT.parent / "shared" / "gold" / "seeds"


@pytest.fixture(scope="module")
def rules_alone() -> Language:
    return load_pipeline(disabled_sources=["zhkg.orgs:judge"])


def orgs(nlp: Language, text: str) -> set[str]:
    return {text[c.start:c.end] for c in entities_of(nlp(text)) if c.label == "ORG"}


@pytest.mark.parametrize("text, generic", [
    ("小区引入物业公司后，居民的烦心事少了。", "物业公司"),
    ("如果物业公司不作为，居民可以找社区。", "物业公司"),
    ("村里成立了农业公司，带动群众增收。", "农业公司"),
    # A verb before the head is no owner: 盘活 (put to use) the village committee's rooms.
    ("他们盘活村委会闲置房屋，办起了老年食堂。", "盘活村委会"),
])
def test_a_generic_body_or_a_verb_led_name_is_dropped(nlp: Language, rules_alone: Language,
                                                      text: str, generic: str):
    assert generic in orgs(rules_alone, text)
    assert generic not in orgs(nlp, text)


@pytest.mark.parametrize("text, name", [
    ("呼和浩特市委组织部召开专题会议。", "呼和浩特市委组织部"),
    ("鄂托克前旗城川镇麻黄套村党支部开展“三会一课”。", "麻黄套村党支部"),
    ("县供电公司组织党员服务队上门检修线路。", "县供电公司"),
])
def test_an_organization_named_by_its_owner_is_kept(nlp: Language, text: str, name: str):
    assert name in orgs(nlp, text)


def test_switching_the_judge_off_leaves_it_out_of_the_pipeline(rules_alone: Language):
    assert "zhkg_org_judge" not in rules_alone.pipe_names
    assert "zhkg_org_judge" in load_pipeline().pipe_names


def test_kg_train_writes_both_models_and_build_reads_them(tmp_path: Path, capsys):
    trained = tmp_path / "m"
    assert main(["train", str(SEEDS_GOLD), str(ROOT / "seeds"), "-o", str(trained)]) == 0
    err = capsys.readouterr().err
    assert f"→ {trained / MODEL_FILE}" in err and f"→ {trained / PEOPLE_FILE}" in err
    judge = OrgJudgeModel.load(trained)
    assert judge.meta["trained_on"] == sorted(p.stem for p in SEEDS_GOLD.glob("*.json"))
    assert judge.weights != OrgJudgeModel.load(OrgJudgeModel.shipped_path()).weights
    page = str(ROOT / "seeds" / "004_f7f43db65705d640.txt")
    assert main(["build", page, "-o", str(tmp_path / "g.ttl"), "--model", str(trained),
                 "-q"]) == 0
    # A folder whose judge is missing is refused by name, before anything is built.
    (trained / MODEL_FILE).unlink()
    assert main(["build", page, "-o", str(tmp_path / "h.ttl"), "--model", str(trained),
                 "-q"]) == 2
    assert f"{trained / MODEL_FILE}: no such model file" in capsys.readouterr().err
    assert not (tmp_path / "h.ttl").exists()
