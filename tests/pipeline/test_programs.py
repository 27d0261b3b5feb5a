"""PROGRAM: quoted initiative names, numeric abbreviations, 党建+X; not metaphors or speech."""

from __future__ import annotations

import pytest

from kg.pipeline.programs import program_kind


def programs(ents, text: str) -> list[str]:
    return [t for t, label in ents(text) if label == "PROGRAM"]


# -- quoted name + head noun -------------------------------------------------------

def test_quoted_name_before_xingdong_is_a_program_without_quotes_or_head(ents):
    assert ents("巴林右旗开展“红色草原行”行动，推动党员下沉一线。") == [
        ("巴林右旗", "PLACE"), ("红色草原行", "PROGRAM")]


def test_quoted_name_before_jizhi_is_a_program(ents):
    assert programs(ents, "科尔沁区建立“双岗双责”机制，压实党建责任。") == ["双岗双责"]


def test_quoted_name_before_gongzuofa_is_a_program(ents):
    assert programs(ents, "该镇推行“四访四帮”工作法，解决群众急难愁盼问题。") == ["四访四帮"]
    assert programs(ents, "巴林右旗推出“草原书记”工作法。") == ["草原书记"]


def test_quoted_name_before_pinpai_is_a_program(ents):
    assert programs(ents, "旗委组织部打造“红色驿站”品牌。") == ["红色驿站"]


def test_quoted_name_before_huodong_is_a_program(ents):
    assert programs(ents, "该旗创新开展“五联五帮”活动。") == ["五联五帮"]


def test_quoted_sentence_like_name_before_shijian_huodong_is_a_program(ents):
    assert programs(ents, "开展“我为群众办实事”实践活动。") == ["我为群众办实事"]


def test_quoted_name_after_yi_wei_zhuashou_is_a_program(ents):
    assert programs(ents, "科尔沁区以“红色网格”为抓手，推进基层治理。") == ["红色网格"]


def test_program_span_is_exact_inside_the_quotes(nlp):
    text = "该镇推行“四访四帮”工作法。"
    doc = nlp(text)
    (ent,) = doc.ents
    assert (ent.text, ent.start_char, ent.end_char) == ("四访四帮", 5, 9)
    assert text[ent.start_char - 1] == "“"


# -- numeric abbreviations -------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("这里的党员每月开展“三亮三比”。", "三亮三比"),
    ("嘎查党支部推行“双议双评”，让牧民参与决策。", "双议双评"),
    ("支部坚持“一周一学”，提升党员素质。", "一周一学"),
    ("村里实行“一户一档”管理。", "一户一档"),
    ("各嘎查落实“四议两公开”工作法。", "四议两公开"),
])
def test_quoted_numeric_abbreviation_is_a_program(ents, text, name):
    assert programs(ents, text) == [name]


def test_unquoted_sanhui_yike_is_a_program(ents):
    assert ents("各党支部严格落实三会一课制度。") == [("三会一课", "PROGRAM")]


def test_unquoted_sanhui_yike_after_generic_subject_is_the_only_entity(ents):
    assert ents("全市各级党组织认真落实三会一课制度。") == [("三会一课", "PROGRAM")]


# -- 党建+X models ------------------------------------------------------------------------

def test_dangjian_plus_model_is_a_program(ents):
    assert ents("达茂旗探索“党建+牧区治理”模式。") == [
        ("达茂旗", "PLACE"), ("党建+牧区治理", "PROGRAM")]


def test_dangjian_plus_action_by_an_org_is_a_program(ents):
    assert ents("旗委组织部实施“党建+电商”行动。") == [
        ("旗委组织部", "ORG"), ("党建+电商", "PROGRAM")]


def test_x_plus_dangjian_after_a_document_title_is_a_program(ents):
    assert programs(ents, "认真学习《关于加强基层治理的意见》，推动“网格+党建”落地。") == [
        "网格+党建"]


# -- what is not a program -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "合作社成了牧民的“钱袋子”。",
    "打通服务群众的“最后一公里”。",
    "打通便民服务“最后一米”。",
    "党员要当好“领头雁”。",
    "干部要发挥“头雁”作用。",
])
def test_quoted_metaphor_is_not_a_program(ents, text):
    assert programs(ents, text) == []


@pytest.mark.parametrize("text", [
    "“我们一定把合作社办好！”村民说。",
    "“我们一定把合作社办好！”村民们齐声说道。",
    "村民感慨地说：“党员带头干，我们跟着干。”",
])
def test_quoted_speech_is_not_a_program(ents, text):
    assert programs(ents, text) == []


@pytest.mark.parametrize("text", [
    "党员干部要坚决做到“两个维护”。",
    "深刻领悟“两个确立”的决定性意义。",
])
def test_quoted_doctrine_is_not_a_program(ents, text):
    assert programs(ents, text) == []


def test_document_title_in_book_marks_is_not_a_program(ents):
    assert ents("认真学习《中国共产党支部工作条例》。") == []


def test_quoted_count_with_a_measure_word_is_not_a_program(ents):
    assert programs(ents, "他们提出了“三个一批”的目标。") == []


# -- program classes -----------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "kind"), [
    ("行动", "Campaign"),
    ("专项行动", "Campaign"),
    ("长效机制", "Mechanism"),
    ("工作法", "WorkingMethod"),
    ("品牌", "Brand"),
    ("工程", "Project"),
    ("", "Initiative"),
])
def test_head_noun_gives_the_program_class(head, kind):
    assert program_kind(head) == kind
