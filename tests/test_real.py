"""Recognition on real articles of other papers and provinces (``../shared/real``).

The articles are read where they lie, beside the checkout, never copied here; the
tests name what a rule must find in them. Only articles of the dev folds
(``benchmarks/folds.json``) are used: the held folds stay unread.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from spacy.language import Language

from kg.cli import main
from tests.test_seeds import SHARED, _tool

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "texts"
DEV = {doc for fold in json.loads((ROOT / "benchmarks" / "folds.json").read_text())["dev"]
       for doc in json.loads((ROOT / "benchmarks" / "folds.json").read_text())["folds"][fold]}


@pytest.fixture(scope="module")
def found(nlp: Language) -> Callable[[str, str], set[str]]:
    """A function from (article, label) to the entity texts recognized in that article."""

    @cache
    def run(doc: str, label: str) -> set[str]:
        assert doc in DEV, f"{doc} is in a held fold"
        path = REAL / f"{doc}.txt"
        assert path.is_file(), f"{path} is missing: the tests need ../shared beside the checkout"
        ents = nlp(path.read_text(encoding="utf-8")).ents
        return {e.text for e in ents if e.label_ == label}

    return run


def test_national_bylines_pad_two_character_names_with_spaces(found):
    # 本报记者  王乐文  方  敏  朱佩娴
    assert {"王乐文", "方  敏", "朱佩娴"} <= found("10", "PERSON")
    assert {"崔  佳", "方  圆"} <= found("12", "PERSON")


def test_programmes_in_single_quotes_nested_in_speech(found):
    # “…以‘根系工程’深化基层治理…”
    assert "根系工程" in found("01", "PROGRAM")


def test_quoted_programmes_listed_before_etc_and_a_head(found):
    # “红色代办岗”“银发智囊团”“车棚议事会”等活动
    assert {"红色代办岗", "银发智囊团", "车棚议事会"} <= found("01", "PROGRAM")


def test_bare_committees_of_a_level_name_one_body(found):
    # 落实省委、市委整改工作部署
    assert {"省委", "市委"} <= found("12", "ORG")


def test_discipline_and_inspection_units_are_organizations(found):
    orgs = found("05", "ORG")
    assert "余杭区委巡察组" in orgs and "区纪委监委案件审理室" in orgs


def test_academies_and_brigades_are_organizations(found):
    assert "中国科学院金属所" in found("02", "ORG")
    assert "县消防救援大队" in found("06", "ORG")


def test_residential_compounds_with_a_name_are_places(found):
    places = found("07", "PLACE")
    assert "五道庙小区" in places
    # 老旧小区, 老小区 describe compounds; they name none.
    assert not {"老旧小区", "老小区"} & places


def test_an_estate_word_and_a_residents_committee_name_compounds(found):
    # 负责包联永宁花园小区的张晓阳: 花园 between the name and 小区, one name word before it.
    assert "永宁花园小区" in found("06", "PLACE")
    assert "包联永宁花园小区" not in found("06", "PLACE")
    # 上海市宝山区淞南十村小区: the residents' committee 淞南十村 names its compound.
    assert "淞南十村小区" in found("11", "PLACE")


def test_a_county_short_form_names_its_development_zone(found):
    # 位于兴化经济开发区的伽力森食品…, on a page that names 兴化市.
    assert "兴化经济开发区" in found("02", "PLACE")


def test_a_date_opens_no_compound_name(nlp):
    # …王新洪说。3月老旧小区无障碍改造… (../shared/real/unlabelled/0105)
    text = (REAL.parent / "unlabelled" / "0105.txt").read_text(encoding="utf-8")
    assert not any(e.text.startswith("3月") for e in nlp(text).ents)


def test_a_town_chained_after_its_city_beats_a_learned_name_reading(nlp):
    # 江西省井冈山市茅坪镇神山村党支部 (../shared/real/unlabelled/0142): the page-level
    # name model read 茅坪镇 as a person (茅 is a surname); the unit chained after the
    # city wins the tie.
    text = (REAL.parent / "unlabelled" / "0142.txt").read_text(encoding="utf-8")
    ents = {(e.text, e.label_) for e in nlp(text).ents}
    assert ("茅坪镇", "PLACE") in ents and ("茅坪镇", "PERSON") not in ents


def test_a_business_district_is_a_place(found):
    assert "二七塔商圈" in found("10", "PLACE")


def test_counts_concepts_and_peoples_are_no_places(found):
    places = found("05", "PLACE")
    assert "224个村" not in places  # 余杭区224个村社
    assert "清廉村" not in places    # 清廉村居建设
    assert "鄂温克" not in found("21", "PLACE")  # 鄂温克族家庭


def test_a_road_named_community_opens_after_the_preposition(found):
    places = found("07", "PLACE")
    assert "浮烟山路社区" in places and "在浮烟山路社区" not in places


def test_compounds_and_zones_get_their_classes(extractor):
    text = (REAL / "07.txt").read_text(encoding="utf-8")
    classes = {e.label: e.ontology_class for e in extractor("07", text).entities.values()}
    assert classes["五道庙小区"] == "ResidentialCompound"
    text = (REAL / "10.txt").read_text(encoding="utf-8")
    classes = {e.label: e.ontology_class for e in extractor("10", text).entities.values()}
    assert classes["二七塔商圈"] == "FunctionalZone"


def test_a_name_after_a_person_noun_or_before_an_adverb(found):
    assert "申淑英" in found("06", "PERSON")   # 居民申淑英利落地…
    assert "梁永永" in found("08", "PERSON")   # 退役军人梁永永回到…
    assert "马九嵩" in found("10", "PERSON")   # …负责人马九嵩立刻着手…


def test_a_compound_owns_its_party_branch(found):
    orgs = found("01", "ORG")
    assert "沈新园小区党支部" in orgs
    assert "小区党支部" not in orgs  # 小区党支部 alone is a kind of branch


def test_a_secretary_s_office_is_no_sub_unit(found):
    orgs = found("05", "ORG")
    assert "苕溪村党委" in orgs and "苕溪村党委书记办公室" not in orgs


def test_means_forces_and_questions_in_quotes_are_no_programmes(found):
    assert not {"数治"} & found("10", "PROGRAM")          # 以“数治”促善治
    assert not {"暖心", "交心"} & found("11", "PROGRAM")  # 以“暖心”促“交心”
    assert "廉动力" not in found("05", "PROGRAM")          # 注入“廉动力”
    assert not any("如何" in p for p in found("04", "PROGRAM"))


def test_a_set_of_measures_before_the_service_it_names(found):
    # 提供“急事代办、难事帮办、好事快办”上门服务
    assert "急事代办、难事帮办、好事快办" in found("07", "PROGRAM")


def test_the_national_one_network_reforms_are_known_programmes(found):
    assert {"一网通办", "一网协同"} <= found("10", "PROGRAM")


# kg build's options for the rules without the learned components.
RULES_ALONE = ("--disable", "zhkg.people:model", "--disable", "zhkg.orgs:judge")


def _score(docs: list[str], tmp: Path, *options: str) -> dict:
    """The project's scorer on the real articles ``docs``, built by ``kg build``."""
    texts, gold = tmp / "texts", tmp / "gold"
    shutil.rmtree(tmp, ignore_errors=True)
    texts.mkdir(parents=True)
    gold.mkdir()
    for doc in docs:
        shutil.copy(REAL / f"{doc}.txt", texts)
        shutil.copy(REAL.parent / "gold" / f"{doc}.json", gold)
    assert main(["build", str(texts), "-o", str(tmp / "real.ttl"), "-q", *options]) == 0
    graph = Graph().parse(tmp / "real.ttl")
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        graph.parse(path)
    return _tool("score").score(gold, graph)


def test_real_articles_score_floor(tmp_path):
    spec = json.loads((ROOT / "benchmarks" / "folds.json").read_text())
    held = [doc for fold in spec["held"] for doc in spec["folds"][fold]]
    # The rules alone: the shipped models were trained on these articles too.
    result = _score(held, tmp_path, *RULES_ALONE)
    assert result["documents_missing_from_graph"] == []
    # The folds no rule was tuned on: entity macro-F1 0.801 when this floor was set,
    # 0.870 and then 0.879 when it was raised.
    assert result["entity_macro_f1"] >= 0.87, result["entities"]


def test_models_trained_on_other_folds_do_better_in_an_unseen_one(tmp_path):
    """kg train on the seeds and folds A–C, then fold D, which neither the models nor
    the rules were tuned on: the rules with the people model and the organization
    judge beat the rules alone on PERSON and on ORG."""
    spec = json.loads((ROOT / "benchmarks" / "folds.json").read_text())
    gold = tmp_path / "train-gold"
    gold.mkdir()
    for fold in ("A", "B", "C"):
        for doc in spec["folds"][fold]:
            shutil.copy(REAL.parent / "gold" / f"{doc}.json", gold)
    model = tmp_path / "model"
    assert main(["train", str(SHARED / "gold" / "seeds"), str(ROOT / "seeds"), str(gold),
                 str(REAL), "-o", str(model), "-q"]) == 0
    unseen = spec["folds"]["D"]
    rules = _score(unseen, tmp_path / "rules", *RULES_ALONE)
    learned = _score(unseen, tmp_path / "learned", "--model", str(model))
    # PERSON 0.884 and 0.921 when this test was last checked; ORG 0.804 and 0.840.
    assert learned["entities"]["PERSON"]["f1"] > rules["entities"]["PERSON"]["f1"] + 0.01
    assert learned["entities"]["PERSON"]["precision"] >= 0.85
    assert learned["entities"]["ORG"]["f1"] > rules["entities"]["ORG"]["f1"] + 0.01
    assert learned["entities"]["ORG"]["precision"] > rules["entities"]["ORG"]["precision"]


def test_a_reporter_who_helped_write_is_a_person(nlp):
    # …（吕静娴参与采写）at the end of an unlabelled article
    text = (REAL.parent / "unlabelled" / "0081.txt").read_text(encoding="utf-8")
    assert "吕静娴" in {e.text for e in nlp(text).ents if e.label_ == "PERSON"}


def test_an_adverb_opens_no_organization_name(found):
    # …本来社区党群服务中心…: 本来 is an adverb before the community's centre.
    assert "本来社区党群服务中心" not in found("06", "ORG")


def test_a_county_named_in_full_is_also_named_by_its_short_form(found):
    # 兴化 (a verb in the lexicon) and 根河 stand for 兴化市 and 根河市 named on the page.
    assert "兴化" in found("02", "PLACE")
    assert "根河" in found("21", "PLACE")


def test_a_unit_after_a_place_has_a_stem_of_two_characters(found):
    # 中阳县宁乡镇: 宁乡 + 镇, not 宁 + 乡.
    assert "宁乡镇" in found("08", "PLACE")


def test_a_company_keeps_its_trade_name_before_its_trade(found):
    orgs = found("02", "ORG")
    assert "伽力森食品生物科技有限公司" in orgs and "食品生物科技有限公司" not in orgs
