"""Generic references (该旗, 该县, 我区, 该局, 当地, 村党支部) stand for an entity named before
them."""

from __future__ import annotations

import pytest

from kg.linking.anaphora import REFERENCE, resolve_references
from kg.text import articles


@pytest.fixture(scope="session")
def refs(build):
    """A function from a page's text to its references as (reference, entity label) pairs."""

    def run(text: str) -> list[tuple[str, str]]:
        result = build(text)
        found = resolve_references(text, result.mentions, result.entities, articles(text))
        return [(m.text, result.entities[m.entity].label) for m in found]

    return run


# -- 该X -------------------------------------------------------------------------------------

def test_gaiqi_is_the_banner_named_before_it(refs):
    assert refs("近日，记者走进巴林左旗。该旗推出“党建联盟”模式。") == [("该旗", "巴林左旗")]


def test_gaixian_is_the_county_named_before_it(refs):
    assert refs("记者从宁城县获悉，该县创新“炕头讲堂”培训模式。") == [("该县", "宁城县")]


def test_gaiqi_skips_a_nearer_county_for_the_banner(refs):
    assert refs("敖汉旗与宁城县签订合作协议。该旗推行“杂粮订单”模式。") == [("该旗", "敖汉旗")]


def test_gaiju_is_the_bureau_named_before_it(refs):
    text = "赤峰市召开会议。近日，记者走进市商务局。该局推行“商务暖企”模式。"
    assert refs(text) == [("该局", "赤峰市商务局")]


def test_reference_carries_the_referents_type_and_the_anaphora_source(build):
    text = "近日，记者走进巴林左旗。该旗推出“党建联盟”模式。"
    result = build(text)
    (ref,) = resolve_references(text, result.mentions, result.entities, articles(text))
    assert (ref.etype, ref.entity, ref.source) == ("PLACE", "place/150422", REFERENCE.id)
    assert text[ref.start:ref.end] == "该旗"


# -- article boundaries ------------------------------------------------------------------------

def test_gaiqi_resolves_within_each_article(refs):
    text = ("近日，记者走进巴林左旗。该旗推出“党建联盟”模式。\n"
            "敖汉旗：银发党员再上岗\n本报记者 孙建国\n"
            "敖汉旗组织老党员走进社区。该旗打造“银发先锋”品牌。")
    assert refs(text) == [("该旗", "巴林左旗"), ("该旗", "敖汉旗")]


def test_gaiqi_never_reaches_back_into_the_previous_article(refs):
    text = ("巴林左旗：党建引领乡村振兴\n本报记者 孙建国\n巴林左旗召开党建工作会议。\n"
            "银发党员再上岗\n本报记者 李卫东\n记者走访发现，该旗打造“银发先锋”品牌。")
    assert refs(text) == []


# -- 我区 / 我市 ----------------------------------------------------------------------------

def test_woqu_is_the_autonomous_region_on_a_page_naming_inner_mongolia(refs):
    text = ("内蒙古召开党建工作会议\n本报记者 孙建国\n"
            "会议在赤峰市召开。我区深化“北疆先锋”工程。")
    assert refs(text) == [("我区", "内蒙古自治区")]


def test_woqu_is_not_a_district_named_more_often_on_the_page(refs):
    text = ("红山区：网格连心暖民心\n本报记者 孙建国\n"
            "内蒙古各地推进基层治理。红山区站前街道开展志愿服务，红山区委组织部负责同志参加。"
            "我区深化“北疆先锋”工程。")
    assert refs(text) == [("我区", "内蒙古自治区")]


def test_woshi_is_the_city_the_page_is_about(refs):
    text = ("巴林左旗：党建引领乡村振兴\n本报记者 孙建国\n"
            "红山区与巴林左旗开展结对帮扶。我市推行“组团帮扶”机制。赤峰市委组织部负责同志参加活动。")
    assert refs(text) == [("我市", "赤峰市")]


# -- 全X and 当地 ----------------------------------------------------------------------------

def test_quanshi_stands_for_the_city_named_before_it(refs):
    assert refs("赤峰市召开党建工作会议。据了解，全市推行“红色网格员”模式。") == [
        ("全市", "赤峰市")]


def test_dangdi_is_the_most_specific_place_named_before_it(refs):
    text = "宁城县：炕头讲堂送技术\n本报记者 赵丽\n大城子镇召开会议。当地推行“田埂夜校”活动。"
    assert refs(text) == [("当地", "大城子镇")]


def test_dangdi_after_a_speaker_s_body_is_the_body_s_place(refs):
    # The speaker's body was named in the sentence; the prefecture before was not where.
    text = ("巴州推进无障碍环境建设。库尔勒市城市管理综合执法局局长李进介绍，"
            "当地实行“日常巡查、专项整治、动态维护”三维管护模式。")
    assert refs(text) == [("当地", "库尔勒市")]


def test_dangdi_does_not_take_the_place_of_a_body_named_sentences_before(refs):
    # The bank's branch, named after 岷县, lies in 甘肃省: not where 当地 is.
    text = ("甘肃岷县是定点帮扶县。中国进出口银行甘肃省分行党委第三党支部走访贫困户。"
            "如今，在“公司+基地+农户”模式下，当地已有农户1000多户参与生产。")
    assert refs(text) == [("当地", "岷县")]


# -- a unit's body without the unit's name (村两委, 社区党委) ----------------------------------

def test_bare_community_committee_is_the_community_committee_named_before(refs):
    text = ("重庆市九龙坡区谢家湾街道民主村社区党委——\n\n"
            "城市更新启动以来，社区党委以“四方议事会”为纽带，推动一个个难题解决。")
    assert refs(text) == [("社区党委", "民主村社区党委")]


def test_bare_community_committee_after_its_community_named_alone_is_its_committee(refs):
    # The community is named alone between its committee and the bare reference.
    text = ("重庆市九龙坡区谢家湾街道民主村社区党委——\n\n"
            "民主村社区是老旧小区集中的社区。民主村社区，一处市政施工正在推进。"
            "城市更新启动以来，社区党委以“四方议事会”为纽带，推动一个个难题解决。")
    assert ("社区党委", "民主村社区党委") in refs(text)


def test_county_or_district_li_opening_a_clause_is_the_unit_named_before(refs):
    text = ("山西浮山县：小额工程集体建\n浮山县县长王兴说，县里将以工代赈与乡村建设深度结合。"
            "沈阳市于洪区推进基层治理。区里组建起森林防灭火队伍。")
    assert refs(text) == [("县里", "浮山县"), ("区里", "于洪区")]


@pytest.mark.parametrize("text", [
    "沈阳市于洪区推进基层治理，社区里老人很多。",      # 社区里: a place, not 区里
    "浮山县推进乡村建设，乔鑫参加了县里组织的培训。",  # not opening its clause
    "浮山县推进乡村建设，县里的干部下村调研。",        # a modifier
])
def test_li_inside_a_word_a_clause_or_a_phrase_is_no_reference(refs, text):
    assert refs(text) == []


def test_quli_is_a_district_never_the_autonomous_region(refs):
    text = "沈阳市于洪区推进基层治理。内蒙古自治区召开会议。区里组建起森林防灭火队伍。"
    assert refs(text) == [("区里", "于洪区")]


def test_bare_village_committees_are_the_village_named_before(refs):
    text = "井冈山市茅坪镇神山村地处罗霄山脉中段。近年来，村两委倡导“立家规传家训树家风”。"
    assert refs(text) == [("村两委", "神山村")]


def test_bare_body_is_of_the_village_named_last(refs):
    # 苕溪村党委 ends as written, but the article has moved on to 凤都村.
    text = ("苕溪村党委推行“末位表态”。瓶窑镇凤都村村委会门前，铺着一块灰色地毯。"
            "村党委书记、村委会主任张小春最后发言。")
    assert ("村党委", "凤都村") in refs(text)


def test_body_inside_a_longer_name_is_no_bare_reference(refs):
    assert refs("元古堆村党支部书记郭建军指着薯袋说。") == []


def test_cunli_opening_a_clause_is_the_village_named_before(refs):
    text = ("陵川县松庙村抢抓政策与区位红利。"
            "村里邀请多家专业规划团队实地调研，围绕“康养+睡眠”一体布局业态。")
    assert refs(text) == [("村里", "松庙村")]


def test_a_bare_unit_word_acting_at_a_clause_start_is_the_unit_named_before(refs):
    text = "上海长宁区北新泾街道摸清群众诉求。街道推进“多格合一”，居民区可以向网格反映。"
    assert refs(text) == [("街道", "北新泾街道")]


def test_a_bare_unit_word_before_no_verb_is_no_reference(refs):
    assert refs("上海长宁区北新泾街道摸清群众诉求。街道干部挨家走访。") == []


def test_a_zone_s_head_alone_before_a_verb_is_the_zone_named_before(refs):
    text = ("其实早在30多年前，富士康落地晋城经开区。近年来，经开区推行“干部下沉淬炼计划”，"
            "选派年轻党员干部驻企锻炼1年。")
    assert refs(text) == [("经开区", "晋城经开区")]
    # The short head stands for the zone written in full too.
    assert refs("晋城经济技术开发区落地项目多。近年来，经开区推行“干部下沉淬炼计划”。") == [
        ("经开区", "晋城经济技术开发区")]
    # Not before a noun: 经开区管委会 is a body of its own.
    assert refs("富士康落地晋城经开区。经开区管委会主要负责人交接。") == []


def test_a_zone_s_head_with_a_body_is_that_body_of_the_zone_named_before(refs):
    # People's Daily, 2025: 园区党委 is the park's committee named in full before it.
    text = ("2021年，黄河源园区管委会党委被授予“全国先进基层党组织”称号。"
            "生态环境好起来，牧民迎来增收新机遇。园区党委落实好生态管护“一户一岗”政策。")
    assert refs(text) == [("园区党委", "黄河源园区管委会党委")]
    # No body of that kind named before: nothing to stand for.
    assert refs("黄河源园区管委会就坐落于此。园区党委落实好生态管护“一户一岗”政策。") == []
    # A zone's party committee is its 党工委 too.
    assert refs("苏州工业园区党工委书记李明介绍，园区党委还推动“链上党建”。") == [
        ("园区党委", "苏州工业园区党工委")]


def test_a_zone_s_short_head_is_not_the_tail_of_a_longer_one(refs):
    # 新区 alone is no 高新区: not the high-tech zone named before.
    assert refs("企业落户合肥高新区。近年来，新区推行“链上党建”。") == []
