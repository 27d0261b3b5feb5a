"""The learned programme judge: what it drops and adds of the quoted names, and its files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from kg.api import extract
from kg.cli import main
from kg.pipeline import load_pipeline
from kg.pipeline.candidates import entities_of
from kg.pipeline.org_judge import OrgJudgeModel
from kg.pipeline.people_model import NameModel
from kg.pipeline.program_judge import (
    MODEL_FILE,
    ProgramJudgeModel,
    page_quotes,
)
from kg.rules.families import family

ROOT = Path(__file__).resolve().parents[2]
SEEDS_GOLD = ROOT.parent / "shared" / "gold" / "seeds"


@pytest.fixture(scope="module")
def rules_alone() -> Language:
    return load_pipeline(disabled_sources=["zhkg.programs:judge"])


def programs(nlp: Language, text: str) -> set[str]:
    return {text[c.start:c.end] for c in entities_of(nlp(text)) if c.label == "PROGRAM"}


@pytest.mark.parametrize("text, quoted", [
    # a figure of speech for online teaching, beside two named columns that stay
    ("庆安县纪委监委在微信公众号开设“廉润绿乡”“廉政课堂”专栏，激活“云端”教育载体。", "云端"),
    ("贴近的另一个表现，是考察“看不见”的工作。", "看不见"),                  # a quality
    ("他按照视频里的建议，改用“鼓励和启发为主”的方式辅导儿子功课。", "鼓励和启发为主"),  # a manner
])
def test_a_quoted_metaphor_or_manner_the_rules_took_is_dropped(
        nlp: Language, rules_alone: Language, text: str, quoted: str):
    assert quoted in programs(rules_alone, text)
    assert quoted not in programs(nlp, text)


@pytest.mark.parametrize("text, quoted", [
    ("治理格局在重构。浙江推进社区、业主、物业“三方协同共治”，建立联席会议制度，完善议事规则。",
     "三方协同共治"),
])
def test_a_quoted_set_of_measures_the_rules_passed_over_is_proposed(
        nlp: Language, rules_alone: Language, text: str, quoted: str):
    assert quoted not in programs(rules_alone, text)
    assert quoted in programs(nlp, text)
    found = entities_of(nlp(text))
    judged = next(c for c in found if text[c.start:c.end] == quoted)
    assert judged.source == family("zhkg.programs:judge").id


def test_a_programme_the_rules_found_by_its_verb_is_kept(nlp: Language):
    assert programs(nlp, "鄂托克前旗城川镇麻黄套村党支部开展“三会一课”。") == {"三会一课"}


def test_a_name_kept_in_one_quote_keeps_all_its_mentions(tmp_path: Path,
                                                        rules_alone: Language):
    # A judge that finds only the quote after 开展 likely: the name's other quote stays,
    # since one name has one reading per page; alone, that quote goes.
    for other in (NameModel, OrgJudgeModel):
        shutil.copy(other.shipped_path(), tmp_path)
    ProgramJudgeModel({"bias": -5.0, "b2=开展": 10.0}, 0.5).save(tmp_path)
    nlp = load_pipeline(model=tmp_path)
    text = "村里开展“清单制”管理。“清单制”让干部有章可循。"
    assert [c.start for c in entities_of(nlp(text)) if c.label == "PROGRAM"] == [5, 13]
    alone = "村里推行“清单制”管理。"
    assert programs(rules_alone, alone) == {"清单制"}
    assert programs(nlp, alone) == set()


def test_a_programme_inside_a_quoted_speech_is_not_judged_with_the_speech(nlp: Language):
    assert programs(nlp, "书记说：“我们坚持三会一课，群众很满意，大家都说好。”") == {"三会一课"}


def test_quotes_next_to_each_other_count_as_siblings():
    text = "开展“红色代办岗”“银发智囊团”、“邻里帮帮团”等活动，激活“云端”。"
    sibling_counts = [next(f for f in feats if f.startswith("sib="))
                      for _, _, feats in page_quotes(text, [])]
    assert sibling_counts == ["sib=1", "sib=2", "sib=1", "sib=0"]


def test_switching_the_judge_off_leaves_it_out_of_the_pipeline(rules_alone: Language):
    assert "zhkg_program_judge" not in rules_alone.pipe_names
    assert "zhkg_program_judge" in load_pipeline().pipe_names


def test_kg_train_writes_the_judge_and_build_reads_it(tmp_path: Path, capsys):
    trained = tmp_path / "m"
    assert main(["train", str(SEEDS_GOLD), str(ROOT / "seeds"), "-o", str(trained)]) == 0
    assert f"programmes → {trained / MODEL_FILE}" in capsys.readouterr().err
    judge = ProgramJudgeModel.load(trained)
    assert judge.meta["trained_on"] == sorted(p.stem for p in SEEDS_GOLD.glob("*.json"))
    assert judge.meta["positives"] > 0
    assert judge.weights != ProgramJudgeModel.load(ProgramJudgeModel.shipped_path()).weights
    # The build reads the folder's judge: one that finds nothing likely drops the quotes.
    text = "回民区抓实“理论课堂”,以“全面学”强化思想淬炼。"
    def quoted(model: Path) -> list[str]:
        return [m.text for m in extract(text, model=model).mentions if m.etype == "PROGRAM"]

    assert "理论课堂" in quoted(trained)
    sceptic = tmp_path / "sceptic"
    shutil.copytree(trained, sceptic)
    ProgramJudgeModel({"bias": -20.0}, 0.5).save(sceptic)
    assert quoted(sceptic) == []
