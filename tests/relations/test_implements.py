"""implements: who carries out a programme, and where (GUIDELINE, Relations: implements)."""

from __future__ import annotations

import pytest

from kg.rules.families import family

# -- subject + verb + programme ----------------------------------------------------------

@pytest.mark.parametrize("verb", ["开展", "推行", "实施", "打造", "创新", "探索", "建立", "深化"])
def test_org_subject_before_verb_and_programme_is_the_agent_in_its_place(implements, verb):
    assert implements(f"宁城县委组织部{verb}“田埂夜校”行动，提升党员本领。") == [
        ("宁城县委组织部", "田埂夜校", "宁城县")]


@pytest.mark.parametrize("verb", ["开展", "推行", "实施", "打造", "创新", "探索", "建立", "聚焦",
                                  "深化"])
def test_region_subject_before_verb_and_programme_is_agent_and_region(implements, verb):
    assert implements(f"敖汉旗{verb}“杂粮订单”模式，带动农民增收。") == [
        ("敖汉旗", "杂粮订单", "敖汉旗")]


def test_nearest_org_before_the_programme_is_the_agent(implements):
    assert implements("宁城县委组织部指导大城子镇党委开展“田埂夜校”活动。") == [
        ("大城子镇党委", "田埂夜校", "大城子镇")]


def test_body_that_was_the_object_of_an_earlier_clause_is_not_the_agent(implements):
    assert implements("市儿童福利院党支部充分发挥“红心先锋队”党员突击队作用，深化“开门办院”，"
                      "组织开展青少年保护教育。") == [("市儿童福利院党支部", "开门办院", None)]


@pytest.mark.parametrize("partner", ["联合", "携手", "与"])
def test_an_organization_joined_as_partner_is_not_the_agent(implements, partner):
    assert implements(f"宁城县委组织部{partner}宁城县妇联开展“田埂夜校”活动。") == [
        ("宁城县委组织部", "田埂夜校", "宁城县")]


def test_a_known_programme_in_a_sentence_without_an_actor_is_not_the_topic_s(implements):
    # 接诉即办 is named unquoted as a nationally known practice, not as the committee's.
    text = "宁城县委组织部开展“田埂夜校”活动。群众反映的问题，做到接诉即办。"
    assert implements(text) == [("宁城县委组织部", "田埂夜校", "宁城县")]
    assert implements("宁城县推行接诉即办，群众满意度不断提升。") == [
        ("宁城县", "接诉即办", "宁城县")]


def test_a_known_programme_a_verb_of_carrying_out_governs_is_the_topic_s(implements):
    text = "宁城县委组织部开展“田埂夜校”活动。切实抓好以工代赈，推动群众就近就业。"
    assert implements(text) == [("宁城县委组织部", "田埂夜校", "宁城县"),
                                ("宁城县委组织部", "以工代赈", "宁城县")]


@pytest.mark.parametrize("verb", ["走进", "来到", "深入"])
def test_a_body_visited_to_carry_out_a_programme_is_the_host_not_the_agent(implements, verb):
    text = f"近日，土左旗退役军人事务局{verb}土左旗蒙古族小学开展了“三千孤儿入内蒙”宣讲活动。"
    assert implements(text) == [("土左旗退役军人事务局", "三千孤儿入内蒙", "土默特左旗")]


def test_a_quotation_in_the_first_person_plural_is_carried_out_by_its_speaker_s_body(
        implements):
    text = "“我们探索‘工厂直供+直播销售’模式，助力家具产业转型。”陈桥村党支部书记陈丽洪介绍。"
    assert implements("双福村位于城郊。" + text) == [
        ("陈桥村党支部", "工厂直供+直播销售", "陈桥村")]


def test_banner_acting_as_government_is_a_valid_agent(implements):
    assert implements("近年来，巴林左旗聚焦“五星支部”创建，夯实基层基础。") == [
        ("巴林左旗", "五星支部", "巴林左旗")]


def test_programme_taken_as_the_lever_belongs_to_the_region_before_it(implements):
    assert implements("喀喇沁旗以“红色网格员”为抓手，推进基层治理。") == [
        ("喀喇沁旗", "红色网格员", "喀喇沁旗")]


def test_the_place_a_programme_is_carried_out_in_by_zai_is_its_region(implements):
    assert implements("日前，宁城县委组织部在大城子镇开展了“田埂夜校”主题党日活动。") == [
        ("宁城县委组织部", "田埂夜校", "大城子镇")]


def test_a_larger_unit_named_by_zai_is_not_the_region(implements):
    # 在全省率先: the whole province is where the region came first, not where it works.
    assert implements("安徽淮北市：去年，淮北市在全省率先探索选聘“乡村产业指导员”工作。") == [
        ("淮北市", "乡村产业指导员", "淮北市")]


def test_the_owner_may_write_an_adverbial_before_its_verb_of_making(implements):
    text = ("江苏省持续为基层减负。"
            "这背后离不开昆山市围绕乡镇（街道）履职事项推行的“三张清单”制度。")
    assert implements(text) == [("昆山市", "三张清单", "昆山市")]


@pytest.mark.parametrize("join", ["和", "、", "及"])
def test_each_of_coordinated_subjects_carries_out_the_programme(implements, join):
    text = f"近年来，昆明市呈贡区营盘社区{join}明珠社区开展“邻里互助”活动，服务居民。"
    assert sorted(implements(text)) == [("明珠社区", "邻里互助", "明珠社区"),
                                        ("营盘社区", "邻里互助", "营盘社区")]


def test_each_of_coordinated_bodies_before_the_programme_carries_it_out(implements):
    text = "今年，宁城县委组织部、宁城县民政局相继推行“邻里互助”模式。"
    assert sorted(implements(text)) == [("宁城县委组织部", "邻里互助", "宁城县"),
                                        ("宁城县民政局", "邻里互助", "宁城县")]


def test_partners_coordinated_after_a_partner_verb_are_none_of_them_the_agent(implements):
    text = "今年，宁城县委组织部会同宁城县财政局、宁城县民政局制定“邻里互助”方案。"
    assert implements(text) == [("宁城县委组织部", "邻里互助", "宁城县")]


def test_a_partner_is_not_the_owner_of_what_they_made_together(implements):
    text = "宁城县委组织部联合宁城县妇联共同打造的“邻里互助”品牌深受欢迎。"
    assert implements(text) == [("宁城县委组织部", "邻里互助", "宁城县")]


def test_a_body_coordinated_with_a_person_s_affiliation_still_acts(implements):
    # 民政局 is 王建国's affiliation; 组织部, joined to it by 和, is not.
    text = "近日，宁城县委组织部和宁城县民政局局长王建国一起开展“邻里互助”活动。"
    assert implements(text) == [("宁城县委组织部", "邻里互助", "宁城县")]


def test_a_region_named_by_zai_is_not_a_finer_region_than_the_agent_s(implements):
    # The town's committee is named from the town on, after its county.
    assert implements("宁城县大城子镇党委在黄河流域开展“护河行动”。") == [
        ("大城子镇党委", "护河行动", "大城子镇")]


def test_a_partner_opening_a_sentence_is_not_its_subject(implements):
    # 还与X联合开展: X joins an actor the sentence leaves unsaid, the one of before.
    text = ("近日，宁城县委组织部组织党员开展主题党日。"
            "还与宁城县妇联联合开展“田埂夜校”行动，提升党员本领。")
    assert implements(text) == [("宁城县委组织部", "田埂夜校", "宁城县")]


@pytest.mark.parametrize("dateline", ["本报合肥1月12日电  （韩俊杰、俞晓萌）",
                                      "本报讯(记者 宋向华)"])
def test_the_reporters_bracketed_after_a_dateline_are_not_the_sentence_s_opening(
        implements, dateline):
    text = (f"{dateline}去年年初，淮北市在全省率先探索选聘“乡村产业指导员”工作。"
            "目前已选聘85名。这项工作推行“一人一策”办法。")
    assert implements(text) == [("淮北市", "乡村产业指导员", "淮北市"),
                                ("淮北市", "一人一策", "淮北市")]


# -- headline region ------------------------------------------------------------------------

def test_headline_region_is_the_agent_of_body_sentences_without_subject(implements):
    text = ("林西县：党员积分激发活力\n本报记者 孙建国\n"
            "今年以来，推行“红色积分”管理，激发党员干事热情。")
    assert implements(text) == [("林西县", "红色积分", "林西县")]


# -- lists -----------------------------------------------------------------------------------

def test_list_of_programmes_gives_one_implementation_each(implements):
    assert implements("宁城县委组织部推行“一岗三责”“双向承诺”和“三帮三带”工作机制。") == [
        ("宁城县委组织部", "一岗三责", "宁城县"),
        ("宁城县委组织部", "双向承诺", "宁城县"),
        ("宁城县委组织部", "三帮三带", "宁城县")]


# -- generic references ----------------------------------------------------------------------

def test_gaiqi_stands_for_the_banner_named_before_it_in_the_article(implements):
    assert implements("近日，记者走进巴林左旗。该旗推出“党建联盟”模式。") == [
        ("巴林左旗", "党建联盟", "巴林左旗")]


def test_gaixian_stands_for_the_county_named_before_it(implements):
    assert implements("记者从宁城县获悉，该县创新“炕头讲堂”培训模式。") == [
        ("宁城县", "炕头讲堂", "宁城县")]


def test_gaiqi_stays_in_its_article_and_not_the_next_one(implements):
    text = ("近日，记者走进巴林左旗。该旗推出“党建联盟”模式。\n"
            "敖汉旗：银发党员再上岗\n本报记者 孙建国\n"
            "敖汉旗组织老党员走进社区。该旗打造“银发先锋”品牌。")
    assert implements(text) == [("巴林左旗", "党建联盟", "巴林左旗"),
                                ("敖汉旗", "银发先锋", "敖汉旗")]


def test_gaiqi_in_an_article_naming_no_banner_is_not_the_previous_articles_banner(implements):
    text = ("巴林左旗：党建引领乡村振兴\n本报记者 孙建国\n巴林左旗召开党建工作会议。\n"
            "银发党员再上岗\n本报记者 李卫东\n记者走访发现，该旗打造“银发先锋”品牌。")
    assert implements(text) == []


def test_woqu_on_a_page_naming_inner_mongolia_is_the_autonomous_region(implements):
    text = ("内蒙古召开党建工作会议\n本报记者 孙建国\n"
            "会议在赤峰市召开。我区深化“北疆先锋”工程。")
    assert implements(text) == [("内蒙古自治区", "北疆先锋", "内蒙古自治区")]


def test_gaiju_stands_for_the_bureau_named_before_it(implements):
    assert implements("赤峰市召开会议。近日，记者走进市商务局。该局推行“商务暖企”模式。") == [
        ("赤峰市商务局", "商务暖企", "赤峰市")]


def test_quanshi_is_not_an_agent_the_city_comes_from_the_article(build):
    result = build("赤峰市召开党建工作会议。据了解，全市推行“红色网格员”模式。")
    (impl,) = result.implementations
    assert result.entities[impl.agent].label == "赤峰市"
    assert impl.rule.endswith(":topic")
    assert not impl.rule.endswith(":subject")


def test_a_county_whose_name_opens_with_quan_is_an_agent(implements):
    # 全椒县 is a county of 滁州市, not 全 (the whole of) a place.
    assert implements("滁州市召开会议。近年来，全椒县坚持推行“一网统管”模式。") == [
        ("全椒县", "一网统管", "全椒县")]


# -- places written together ---------------------------------------------------------------

def test_village_after_its_town_is_the_agent(implements):
    assert implements("十三敖包镇五星村构建起“三治融合”体系。") == [
        ("五星村", "三治融合", "五星村")]


# -- affiliations, questions, no actor -------------------------------------------------------

def test_org_before_a_role_and_a_person_is_not_the_agent_of_a_later_programme(implements):
    text = ("喀喇沁旗：党建引领基层治理\n本报记者 孙建国\n"
            "喀喇沁旗融媒体中心副主任张海峰介绍了情况。今年以来，推行“红色网格员”模式。")
    assert implements(text) == [("喀喇沁旗", "红色网格员", "喀喇沁旗")]


@pytest.mark.parametrize("question", ["你听说过“红色网格员”模式吗？", "什么是“红色网格员”模式？"])
def test_programme_only_named_in_a_question_has_no_implementation(implements, question):
    text = f"喀喇沁旗：党建引领基层治理\n本报记者 孙建国\n{question}"
    assert implements(text) == []


def test_programme_mentioned_in_passing_on_a_page_naming_no_actor_has_none(implements):
    assert implements("据悉，“红色网格员”模式让群众有了贴心人。") == []


# -- rule names ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "how"), [
    ("大城子镇党委开展“夜访农户”行动。", "nearest-org"),
    ("敖汉旗推行“杂粮订单”模式。", "subject"),
    ("林西县：党员积分激发活力\n本报记者 孙建国\n今年以来，推行“红色积分”管理。", "topic"),
    ("赤峰市召开会议。近日，记者走进市商务局。该局推行“商务暖企”模式。", "anaphora"),
])
def test_implementation_records_the_rule_that_gave_its_agent(build, text, how):
    (impl,) = build(text).implementations
    assert impl.rule == family(f"zhkg.implements:{how}").id


def test_implementation_keeps_its_evidence_sentence(build):
    text = "赤峰市召开会议。敖汉旗推行“杂粮订单”模式，带动农民增收。"
    (impl,) = build(text).implementations
    assert impl.sentence.text == "敖汉旗推行“杂粮订单”模式，带动农民增收。"
    assert text[impl.sentence.start:impl.sentence.end] == impl.sentence.text


def test_speakers_affiliation_in_the_same_sentence_is_not_the_agent(implements):
    page = ("喀喇沁旗：党建引领基层治理\n\n通讯员 王立\n\n"
            "旗融媒体中心副主任张海峰说，“红色网格员”模式让群众有了贴心人。")
    assert implements(page) == [("喀喇沁旗", "红色网格员", "喀喇沁旗")]


def test_reference_beats_a_speakers_affiliation(implements):
    page = ("喀喇沁旗：党建引领基层治理\n\n通讯员 王立\n\n"
            "喀喇沁旗融媒体中心副主任张海峰介绍，该旗推行“红色网格员”模式。")
    assert [agent for agent, _, _ in implements(page)] == ["喀喇沁旗"]


def test_branch_of_a_numbered_community_keeps_its_numeral(implements):
    assert implements("红山区站前街道八一社区党委开展“楼栋议事”活动。") == [
        ("八一社区党委", "楼栋议事", "八一社区")]


# -- a speaker's organization ------------------------------------------------------------------

@pytest.mark.parametrize("speaker", [
    "敖汉旗委常委、组织部部长王立新说",              # a title listed after the committee
    "赤峰市委组织部党建引领基层治理工作处处长李明介绍",  # a long title inside the body
])
def test_what_a_speaker_reports_has_its_own_subject(implements, speaker):
    # The organization names who speaks; the region after 说，is who acts.
    assert implements(f"{speaker}，近年来，敖汉旗推行“杂粮订单”模式，带动农民增收。") == [
        ("敖汉旗", "杂粮订单", "敖汉旗")]



# -- where a report goes ---------------------------------------------------------------------

def test_the_place_a_report_arrives_at_is_the_agent_of_what_follows(implements):
    text = ("乌拉特中旗：积分兑换暖人心\n"
            "从巴彦淖尔市乌拉特中旗旗府所在地北行约30公里，便来到海流图镇西羊场村。"
            "村委会门前，一场“积分超市”兑换活动正在进行。")
    assert implements(text) == [("西羊场村", "积分超市", "西羊场村")]


def test_places_written_after_a_preposition_are_no_subject(implements):
    # 从内蒙古|呼和浩特市: the chain is governed by 从 as a whole, so it sets no topic.
    text = "从内蒙古呼和浩特市出发，记者一路向北。近日，一场“积分超市”兑换活动在村里举行。"
    assert implements(text) == []


def test_each_clause_of_an_enumeration_has_the_actor_named_at_its_opening(implements):
    text = ("山东各地推广社区微就业\n本报记者  王  沛\n"
            "济南市历城区溪山居社区开设古筝工作室。"
            "社区微就业在山东各地普及开来：临沂开展非遗培训；潍坊创新搭建社区创业平台，"
            "开发“创业手工坊”等创业项目；枣庄培育“龙腾手造”等劳务品牌。")
    assert [(a, p) for a, p, _ in implements(text)] == [
        ("潍坊市", "创业手工坊"), ("枣庄市", "龙腾手造")]


def test_a_repeated_name_gives_the_implementation_of_its_own_sentence(implements):
    text = ("贵州黔东南州推广合约食堂\n本报记者  苏  滨\n"
            "甘溪侗寨建一个食堂，取名“合约食堂”。此后，共和村党支部建起3个合约食堂。")
    assert ("共和村党支部", "合约食堂") in [(a, p) for a, p, _ in implements(text)]


@pytest.mark.parametrize(("text", "owner"), [
    # The village the report is about is named before; the programme is the county's.
    ("龙安村来了年轻干部。回忆起刚到村里的情景，张登卓说，“忠县的‘青蓝计划’为我解了困。”",
     "忠县"),
    ("杭州市推进年轻干部培养。以余杭区探索的‘一诺一责一争先’专项行动为例，成效明显。",
     "余杭区"),
])
def test_a_programme_written_as_a_place_s_possession_is_that_place_s(implements, text, owner):
    assert [a for a, _, _ in implements(text)] == [owner]


@pytest.mark.parametrize(("text", "owner"), [
    # The quoted name right after a division is the division's, whoever the sentence
    # is about (加入中国共产党 is what the speaker once did).
    ("黄宝妹1952年加入中国共产党，退休后在上海市杨浦区“老杨树宣讲汇”为大家讲述历程。",
     "杨浦区"),
    ("6月23日上午，在重庆市九龙坡区谢家湾街道“光荣在党50年”纪念章颁发仪式现场，"
     "老党员眼眶湿润。", "谢家湾街道"),
])
def test_a_programme_named_right_after_a_division_is_the_division_s(implements, text, owner):
    assert [a for a, _, _ in implements(text)] == [owner]


def test_a_park_before_a_programme_s_name_is_where_it_is_held_not_its_owner(implements):
    text = ("这是园林社区“文化浸润红”的生动写照。社区深挖红色资源，"
            "打造伊克昭公园“行走的党课”研学路线。")
    assert ("伊克昭公园", "行走的党课") not in [(a, p) for a, p, _ in implements(text)]


def test_a_place_described_with_de_before_a_noun_owns_no_programme(implements):
    # 园林社区的居民 describes the residents; the committee opens the sentence.
    text = "园林社区党委组织园林社区的居民开展“红色宣讲”活动。"
    assert [a for a, _, _ in implements(text)] == ["园林社区党委"]


def test_the_place_of_a_dateline_is_not_the_subject(implements):
    text = ("广西开展司法社会工作服务试点\n\n"
            "本报南宁5月6日电  （记者张云河）今年广西将在10个县开展试点。\n\n"
            "据介绍，拓展“司法+社工”服务模式，是推动社会工作参与基层治理的有益探索。")
    assert {a for a, _, _ in implements(text)} == {"广西壮族自治区"}


def test_a_community_s_service_centre_acts_for_the_community(implements):
    # The centre is where the community works, no body of its own.
    text = "军门社区党群服务中心创新采用的错时工作制，就源于一次“居民夜谈会”。"
    assert implements(text) == [("军门社区", "居民夜谈会", "军门社区")]


def test_a_residential_compound_is_no_actor_the_community_before_it_is(implements):
    # 仓南街社区|金都南苑小区 opens the report; the compound carries nothing out, so the
    # community written before it is the topic that makes the committee's agreement.
    text = ("山东省潍坊市潍城区南关街道仓南街社区金都南苑小区，居民王素兰像往常一样拉开窗帘。"
            "为此，社区党委与老人们达成一份特殊的“窗帘约定”。")
    assert [a for a, p, _ in implements(text) if p == "窗帘约定"] == ["仓南街社区"]


def test_a_region_without_a_government_of_its_own_is_no_actor(implements):
    # A region of several provinces governs nothing: its provinces or cities act.
    assert implements("长三角地区推行“跨省通办”，方便群众异地办事。") == []
    assert implements("长三角地区的上海市推行“跨省通办”，方便群众异地办事。") == [
        ("上海市", "跨省通办", "上海市")]


def test_a_mountain_reached_is_no_topic(implements):
    # 来到大别山 names where the report goes, not who carries anything out.
    text = ("河南设立乡村振兴村级协理员\n\n"
            "河南省临颍县潘庄村开展“积分超市”活动。记者来到大别山深处。"
            "乡村协理员在村里推行“一事一议”。")
    assert {a for a, p, _ in implements(text) if p == "一事一议"} == {"潘庄村"}


def test_a_village_the_rules_found_after_its_township_acts_when_written_again(implements):
    text = ("在固原市西吉县将台堡镇火集村，村支书盯着一捆捆西芹装车。"
            "火集村集体实行统一规划、分户管理的“联产单干”模式，耕地划分为西芹、白菜等片区。")
    assert ("火集村", "联产单干", "火集村") in implements(text)


def test_we_in_a_quotation_are_the_body_of_the_speaker_named_before_it(implements):
    text = ("洛阳市文广旅局副局长王楠站在应天门遗址前，指着不远处的明堂说：“我们不照搬模板，"
            "而是立足十三朝古都的独特性，打造‘盛世隋唐’‘国色牡丹’等专属品牌。”")
    assert ("洛阳市文广旅局", "盛世隋唐", "洛阳市") in implements(text)


def test_a_place_described_by_a_clause_in_de_opens_the_sentence_as_its_subject(implements):
    text = ("上海的经验值得借鉴。拥有近7.5万亩盐碱荒地的宁夏，推行“以渔改碱、以渔养水”模式，"
            "引来鳜鱼等多种水产品“安家落户”。")
    assert ("宁夏回族自治区", "以渔改碱、以渔养水", "宁夏回族自治区") in implements(text)


def test_a_later_clause_opened_by_a_region_names_its_own_actor(implements):
    text = ("2025年，扬州市将“建阵地、提待遇、促增收”三项行动拓展为“提素质、强服务、促共富”"
            "专项行动，邗江区选派包括曹文辉在内的14名优秀村干部前往浙江安吉县跟班学习，"
            "同时开设“头雁课堂”。")
    found = {p: a for a, p, _ in implements(text)}
    assert found["提素质、强服务、促共富"] == "扬州市"
    assert found["头雁课堂"] == "邗江区"


def test_a_place_named_inside_a_clause_s_object_does_not_open_it(implements):
    # 实现全市孤儿（义乌除外）…: the city is named inside the object, the branch still acts.
    text = ("市儿童福利院党支部以“红心筑梦”党建品牌为依托，实现全市孤儿（义乌除外）集中养育，"
            "持续发挥“红心先锋队”党员突击队作用，深化“开门办院”。")
    assert {p: a for a, p, _ in implements(text)}["开门办院"] == "市儿童福利院党支部"


def test_the_place_a_sentence_is_set_in_acts_when_no_one_else_is_named(implements):
    t = "在西丰县金星满族乡宝兴村，来自辽宁省委党校的驻村第一书记马刚牵头建立“党员联系户”制度。"
    assert ("宝兴村", "党员联系户", "宝兴村") in implements("辽宁严把标准，精准选派。" + t)


def test_a_place_an_event_is_held_in_is_its_venue_not_its_agent(implements):
    text = ("海门区委组织部推行“万名普通党员进党校”工程。"
            "在海门高新区稻香村，一场“榜样党课下基层”活动气氛热烈。")
    assert "稻香村" not in {a for a, p, _ in implements(text) if p == "榜样党课下基层"}


def test_a_place_described_by_a_relative_phrase_does_not_act(implements):
    text = "2021年，文山市所在的文山壮族苗族自治州大力实施“归雁工程”。"
    assert implements(text) == [("文山壮族苗族自治州", "归雁工程", "文山壮族苗族自治州")]


def test_a_body_whose_resources_a_region_uses_is_not_the_agent(implements):
    # 利用 (jieba tags it a noun) governs the quoted body after the province's prefix.
    assert implements("淳安县利用省“希望之光”专家帮扶团优质资源，构建“院士专家+学协会+乡土人才”"
                      "三级人才梯队，累计开展助农助企服务30余次。") == [
        ("淳安县", "院士专家+学协会+乡土人才", "淳安县")]


def test_what_an_official_reports_without_a_subject_is_done_by_the_official_s_body(implements):
    text = ("郑州市二七区雅居社区开展活动。“干部下沉让社区更有活力。”二七区委组织部副部长郑严说，"
            "未来，将探索推行“社区点单、组织接单、精准派单”的模式，精准匹配岗位。")
    assert implements(text) == [("二七区委组织部", "社区点单、组织接单、精准派单", "二七区")]
    # A report whose subject is no entity of ours (街道各社区) is not the speaker's body's.
    text = ("重庆市巴南区莲花街道党工委书记刁维娜介绍，针对辖区老年人口多，街道各社区打造"
            "“阳光石洋”等品牌活动。")
    assert "莲花街道党工委" not in [a for a, _, _ in implements(text)]


def test_we_quoted_from_a_speaker_named_alone_are_the_body_named_before_his_role(implements):
    text = ("“缺位的服务，严重影响了信任。”红古区委社会工作部部长徐达琰说，过去，物业与业主容易"
            "陷入对立。\n“下一步，我们将继续深化‘信义制+数字化平台’治理模式，让群众感受到效能。”"
            "徐达琰说。")
    assert implements(text) == [("红古区委社会工作部", "信义制+数字化平台", "红古区")]


@pytest.mark.parametrize(("text", "expected"), [
    ("上海宝山区淞南十村设立“畅小站”。如今，“畅小站”及类似空间在宝山区建成50多个，惠及"
     "1.1万余名新就业形态劳动者。", ("宝山区", "畅小站", "宝山区")),
    ("北京门头沟区东山村建起避险点。像这样的“高地堡垒”，门头沟区有140个，北京全市山区村已建成"
     "1052个。", ("北京市", "高地堡垒", "北京市")),
])
def test_a_place_said_to_have_built_a_programme_s_instances_carries_it_out(
        implements, text, expected):
    assert expected in implements(text)


@pytest.mark.parametrize("text", [
    "淳安县实施“一村一名大学生”培养计划，基本实现336个行政村大学生全覆盖。",
    # a partner, a beneficiary, a count of people, a denial, a plan
    "市委组织部牵头推进“接诉即办”改革，联合门头沟区有关部门召开3个专题会。",
    "市委组织部实施“头雁工程”，帮助顺义区有困难的30个村集体增收。",
    "区委开展“党员进万家”活动，顺义区有3个人获评优秀党员。",
    "区委开展“党员进万家”活动，顺义区没有1个村掉队。",
    "市委组织部总结“红色物业”经验，将在顺义区推广。",
])
def test_a_place_the_sentence_does_not_say_built_a_programme_s_instances_is_no_agent(
        implements, text):
    assert not [a for a, _, _ in implements(text) if a in ("门头沟区", "顺义区", "淳安县")
                and a not in text[:5]]


@pytest.mark.parametrize(("text", "expected"), [
    ("甘孜州八角楼乡组织党员巡查沟道。这样的常态化巡护，是四川全面推行沟长制、增强山区地质灾害"
     "防控能力的缩影。", ("四川省", "沟长制", "四川省")),
    ("近日,达拉特旗旗府街道新华社区组织开展了“马跃纸间添年味,温暖社区一家亲”主题剪纸活动。",
     ("新华社区", "马跃纸间添年味,温暖社区一家亲", "新华社区")),
    # the second programme of the list the verb takes
    ("甘孜州八角楼乡组织党员巡查沟道。这样的常态化巡护，是四川全面推行沟长制、河长制的缩影。",
     ("四川省", "河长制", "四川省")),
    # 全椒 is a county's name, not 全 (the whole of)
    ("滁州市召开会议。全椒县推行“一网统管”模式。", ("全椒县", "一网统管", "全椒县")),
])
def test_the_place_right_before_the_verb_taking_a_programme_carries_it_out(
        implements, text, expected):
    assert expected in implements(text)


@pytest.mark.parametrize(("text", "host"), [
    ("近日，土左旗退役军人事务局走进土左旗蒙古族小学开展了“民族团结进步故事宣讲”志愿服务。",
     "土左旗蒙古族小学"),
    ("和林格尔县司法局邀请律师来城关镇开展“法律明白人”培训。", "城关镇"),
    ("市委组织部指导东山村开展“党员联系户”活动。", None),
    # governed with the places written before it
    ("近年来，土左旗委组织部在塔布赛乡恼包村开展“党员联系户”活动。", "恼包村"),
    ("国家电网内蒙古电力公司在土左旗察素齐镇推行“网格化”服务。", "察素齐镇"),
    # the object of a verb of directing
    ("市委组织部组织恼包村开展“党员联系户”活动。", "恼包村"),
    ("土左旗委组织部包联恼包村开展“党员联系户”活动。", "恼包村"),
])
def test_a_place_or_body_governed_by_a_verb_before_it_does_not_carry_out_the_programme(
        implements, text, host):
    agents = [a for a, _, _ in implements(text)]
    assert agents and host not in agents
