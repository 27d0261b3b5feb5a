"""PLACE: divisions at every level, short names, chains, sites, and what is no place."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer import load_gazetteer


def places(ents, text: str) -> list[str]:
    return [t for t, label in ents(text) if label == "PLACE"]


# -- full division names ---------------------------------------------------

def test_league_city_banner_and_town_are_separate_places(ents):
    assert ents("赤峰市巴林右旗大板镇开展党员冬训。") == [
        ("赤峰市", "PLACE"), ("巴林右旗", "PLACE"), ("大板镇", "PLACE")]


def test_city_district_subdistrict_and_community_are_separate_places(ents):
    assert places(ents, "赤峰市红山区西屯街道松州社区开展志愿服务。") == [
        "赤峰市", "红山区", "西屯街道", "松州社区"]


def test_banner_and_sumu_level_town_are_places(ents):
    assert places(ents, "苏右旗赛汉塔拉镇组织牧民参加技能培训。") == ["苏右旗", "赛汉塔拉镇"]


def test_region_short_name_is_a_place(ents):
    assert ents("内蒙古各地积极推进乡村振兴。") == [("内蒙古", "PLACE")]


def test_place_outside_the_region_is_a_place(ents):
    assert ents("党员们赴井冈山接受红色教育。") == [("井冈山", "PLACE")]


# -- short names the gazetteer provides --------------------------------------

@pytest.mark.parametrize(("short", "full"), [
    ("达茂旗", "达尔罕茂明安联合旗"),
    ("阿左旗", "阿拉善左旗"),
    ("乌前旗", "乌拉特前旗"),
    ("科右前旗", "科尔沁右翼前旗"),
    ("和林县", "和林格尔县"),
])
def test_short_name_resolves_to_its_division(short, full):
    assert [d.name for d in load_gazetteer().lookup(short)] == [full]


def test_banner_short_names_are_places(ents):
    assert ents("阿左旗和乌前旗的党员代表参加了交流。") == [
        ("阿左旗", "PLACE"), ("乌前旗", "PLACE")]


def test_banner_full_and_short_name_both_places(ents):
    assert ents("土默特右旗和土右旗一起推进。") == [("土默特右旗", "PLACE"), ("土右旗", "PLACE")]


def test_league_prefixed_banner_short_names_are_places(ents):
    assert ents("科右前旗与科左中旗签订了合作协议。") == [
        ("科右前旗", "PLACE"), ("科左中旗", "PLACE")]


def test_county_short_name_is_a_place(ents):
    assert ents("今年以来，和林县城关镇新建了便民服务站。") == [
        ("和林县", "PLACE"), ("城关镇", "PLACE")]


def test_banner_short_name_cut_by_the_segmenter_is_a_place(ents):
    # pkuseg cuts 东|乌旗
    assert places(ents, "东乌旗党员干部深入嘎查开展走访。") == ["东乌旗"]


# -- villages chained after their town ---------------------------------------

def test_village_after_its_town_is_a_separate_place(ents):
    assert places(ents, "达茂旗百灵庙镇黄花滩村的村民参加了培训。") == [
        "达茂旗", "百灵庙镇", "黄花滩村"]


def test_common_village_name_counts_under_its_named_banner(ents):
    # 幸福村 names hundreds of villages; 达茂旗石宝镇 places this one.
    assert places(ents, "达茂旗石宝镇幸福村今年新建了蔬菜大棚。") == [
        "达茂旗", "石宝镇", "幸福村"]


def test_gacha_missing_from_the_data_is_chained_after_its_town(ents):
    assert load_gazetteer().lookup("胡斯台嘎查") == []
    assert places(ents, "巴林右旗大板镇胡斯台嘎查的牧民在草场上忙碌。") == [
        "巴林右旗", "大板镇", "胡斯台嘎查"]


def test_subdistrict_chains_before_a_village_name_that_opens_with_min(ents):
    # 谢家湾街道|民主村: 民 after a unit opens 村民 or 民警, but here a known village.
    text = "7月2日上午10点，重庆市九龙坡区谢家湾街道民主村社区，一处围挡格外惹眼。"
    assert places(ents, text) == [
        "重庆市", "九龙坡区", "谢家湾街道", "民主村社区"]


def test_community_named_after_its_former_village_is_one_place(ents):
    assert places(ents, "九龙坡区谢家湾街道民主村社区组建党员骨干服务队。") == [
        "九龙坡区", "谢家湾街道", "民主村社区"]


@pytest.mark.parametrize(("text", "chain"), [
    # 奋进 and 安上 read as verbs, but the unit ends its clause: a name, not an object.
    ("从山沟沟搬进黔南州龙里县冠山街道奋进社区。出家门不到2公里就能上班。",
     ["黔南州", "龙里县", "冠山街道", "奋进社区"]),
    ("在福建省莆田市金峰乡安上村，村民正在采摘荔枝。",
     ["福建省", "莆田市", "金峰乡", "安上村"]),
])
def test_a_unit_named_by_a_verb_counts_where_it_ends_its_clause(ents, text, chain):
    assert places(ents, text) == chain


def test_community_before_a_hamlet_name_opening_with_zhuang_is_a_place(ents):
    # 村|庄 makes a word, 社区|庄 does not: 庄子田 is the hamlet under the community.
    text = "云南省文山市新平街道红旗社区庄子田党支部书记鲁春红说。"
    assert places(ents, text) == ["云南省", "文山市", "新平街道", "红旗社区"]


def test_a_verb_before_a_unit_word_with_its_object_is_no_name(ents):
    assert places(ents, "贵州省龙里县开展社区治理，居民积极参与。") == ["贵州省", "龙里县"]


def test_no_village_is_chained_right_after_a_province(ents):
    # 印发|易失联村: the province's verb and its object, not a village of the province.
    text = "今年，山东省印发易失联村“七个一”应急准备规范化建设指南。"
    assert places(ents, text) == ["山东省"]


def test_shanghai_residents_district_is_a_community_level_unit(ents):
    assert ents("上海市浦东新区浦兴路街道长岛路居民区党总支书记李秀勤说。") == [
        ("上海市", "PLACE"), ("浦东新区", "PLACE"), ("浦兴路街道", "PLACE"),
        ("长岛路居民区党总支", "ORG"), ("李秀勤", "PERSON")]


# -- exact character spans ----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # pkuseg: 阿左旗巴彦|浩特镇
    ("阿左旗巴彦浩特镇开展党员冬训。", [("阿左旗", 0, 3), ("巴彦浩特镇", 3, 8)]),
    # pkuseg: 达拉特|旗树林|召镇
    ("达拉特旗树林召镇推进人居环境整治。", [("达拉特旗", 0, 4), ("树林召镇", 4, 8)]),
    # pkuseg: 科右|中|旗巴彦|呼舒镇
    ("科右中旗巴彦呼舒镇开展志愿服务。", [("科右中旗", 0, 4), ("巴彦呼舒镇", 4, 9)]),
])
def test_place_spans_are_exact_where_the_segmenter_cuts_across_them(nlp, text, expected):
    doc = nlp(text)
    got = [(e.text, e.start_char, e.end_char) for e in doc.ents]
    assert got == expected
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
        assert ent.label_ == "PLACE"


def test_tokens_are_split_at_place_boundaries(nlp):
    doc = nlp("达拉特旗树林召镇推进人居环境整治。")
    starts = {t.idx for t in doc}
    assert {0, 4, 8} <= starts


# -- generic references -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "该市持续优化营商环境，我市也不甘落后。",
    "我区认真落实要求，该旗也在推进。",
    "首府各社区开展了文明创建活动。",
    "本村党员带头参与志愿服务。",
    "全旗上下持续推进基层治理。",
])
def test_generic_reference_is_not_a_place(ents, text):
    assert places(ents, text) == []


def test_generic_reference_after_a_place_is_not_a_place(ents):
    assert places(ents, "科尔沁区委组织部在全区开展培训。") == []


def test_word_after_a_village_name_blocks_the_village(ents):
    assert places(ents, "村民们积极参与，村级组织运转有序。") == []


# -- flat spans ---------------------------------------------------------------

def test_place_inside_an_organization_is_not_a_separate_entity(ents):
    assert ents("松山区司法局开展普法进社区。") == [("松山区司法局", "ORG")]


def test_village_inside_a_party_branch_name_is_not_a_separate_entity(ents):
    assert ents("巴林右旗大板镇玛拉沁村党支部组织党员开展环境整治。") == [
        ("巴林右旗", "PLACE"), ("大板镇", "PLACE"), ("玛拉沁村党支部", "ORG")]


# -- named sites ----------------------------------------------------------------

def test_named_park_after_its_city_is_a_separate_place(ents):
    assert ents("党员们来到赤峰市红山公园开展植树活动。") == [
        ("赤峰市", "PLACE"), ("红山公园", "PLACE")]


def test_memorial_hall_named_after_a_person_is_a_place(ents):
    assert ents("在乌兰夫纪念馆，党员们重温入党誓词。") == [("乌兰夫纪念馆", "PLACE")]


def test_site_head_alone_is_not_a_place(ents):
    assert places(ents, "党员们在公园里捡拾垃圾。") == []


# -- road-named subdistricts and communities ------------------------------------

def test_road_named_subdistrict_missing_from_the_data_after_its_district(ents):
    assert load_gazetteer().lookup("长青路街道") == []
    assert places(ents, "红山区长青路街道开展志愿服务。") == ["红山区", "长青路街道"]


def test_road_named_community_missing_from_the_data_after_its_district(ents):
    assert load_gazetteer().lookup("健康北路社区") == []
    assert places(ents, "海拉尔区健康北路社区组织居民学习。") == ["海拉尔区", "健康北路社区"]


def test_road_named_community_after_a_comma_is_a_place(ents):
    assert ents("今年以来，健康北路社区开展志愿服务。") == [("健康北路社区", "PLACE")]
    assert places(ents, "海拉尔区胜利街道，健康北路社区组织居民学习。") == [
        "海拉尔区", "胜利街道", "健康北路社区"]


def test_a_road_named_community_opens_after_the_verb_of_its_clause(ents):
    # 冯亚辉|是|芙蓉路社区: the sentence's subject and its copula are no part of the name.
    text = "冯亚辉是芙蓉路社区居民，也是社区党群服务中心的志愿者。"
    assert ents(text) == [("冯亚辉", "PERSON"), ("芙蓉路社区", "PLACE")]


def test_verb_before_a_road_named_community_is_not_in_its_name(ents):
    assert ents("党员们走进新华路社区开展服务。") == [("新华路社区", "PLACE")]


@pytest.mark.parametrize(("text", "expected"), [
    ("通辽市科尔沁区的霍林郭勒路正在改造。", ["通辽市", "科尔沁区"]),
    # A named avenue is a place of its own (GUIDELINE: named locations), never the league.
    ("赤峰市红山区的锡林郭勒大街车流不断。", ["赤峰市", "红山区", "锡林郭勒大街"]),
])
def test_division_name_before_lu_or_dajie_is_a_road_not_the_division(ents, text, expected):
    assert places(ents, text) == expected


# -- kinds and verbs that look like village names ---------------------------------

def test_gacha_cun_is_a_kind_not_a_place(ents):
    assert places(ents, "嘎查村干部深入牧户家中。") == []


@pytest.mark.parametrize("text", [
    "居民们希望社区能多组织文体活动。",
    "我们希望社区能解决停车难题。",
])
def test_xiwang_shequ_as_a_verb_phrase_is_not_a_place(ents, text):
    assert places(ents, text) == []


def test_common_community_name_before_a_role_word_is_a_place(ents):
    # 光明社区 names communities all over the country; 网格员 shows it is a unit here.
    assert ents("光明社区网格员走访独居老人。") == [("光明社区", "PLACE")]


def test_common_community_name_before_a_party_branch_is_an_org_from_the_community(ents):
    assert ents("向阳社区党支部开展主题党日活动。") == [("向阳社区党支部", "ORG")]


# -- named sites -----------------------------------------------------------------

@pytest.mark.parametrize("text, site", [
    ("志愿者走进内蒙古黄岗梁国家森林公园。", "内蒙古黄岗梁国家森林公园"),
    ("党员们来到内蒙古达里诺尔国家级自然保护区开展巡护。", "内蒙古达里诺尔国家级自然保护区"),
    ("志愿者来到黑龙江扎龙国家级自然保护区。", "黑龙江扎龙国家级自然保护区"),
])
def test_province_name_opens_the_site_name(ents, text, site):
    assert ents(text) == [(site, "PLACE")]


@pytest.mark.parametrize(("text", "site"), [
    ("党员们参观良渚国家考古遗址公园。", "良渚国家考古遗址公园"),
    ("研学团走进殷墟国家考古遗址公园。", "殷墟国家考古遗址公园"),
])
def test_national_archaeological_park_is_a_place(ents, text, site):
    assert ents(text) == [(site, "PLACE")]


@pytest.mark.parametrize("text", [
    "党员们在烈士纪念碑前默哀。",
    "党员们在纪念碑前宣誓。",
    "老人们搬到公园锻炼身体。",
    "党员们做好公园的保洁工作。",
])
def test_ordinary_noun_or_verb_before_a_site_head_is_not_a_site_name(ents, text):
    assert places(ents, text) == []


# -- natural features and regions -------------------------------------------------

@pytest.mark.parametrize(("text", "feature"), [
    ("志愿者在呼伦湖畔捡拾垃圾。", "呼伦湖"),
    ("党员们在乌梁素海开展巡湖。", "乌梁素海"),
    ("党员们攀登贺兰山。", "贺兰山"),
])
def test_lake_or_mountain_the_lexicon_knows_is_a_place(ents, text, feature):
    assert ents(text) == [(feature, "PLACE")]


@pytest.mark.parametrize("text", [
    "镜头里是连绵的青山和盛开的荷花。",
    "进山的盘山公路从3米拓宽到6米。",
    "村民们挎着竹篮、穿行花海。",
    "全年一半以上时间被云海笼罩。",
    "游客在花海中游玩拍照。",  # 上游 and 下游 are reaches, not 上|游玩
])
def test_everyday_scenery_the_lexicon_tags_as_a_place_name_is_no_place(ents, text):
    assert places(ents, text) == []


def test_a_kind_of_landform_after_a_division_is_no_place(ents):
    assert places(ents, "芒市大河边，绿树成荫，鸟鸣阵阵。") == ["芒市"]


@pytest.mark.parametrize(("text", "feature"), [
    ("黄河两岸，枸杞种植面积超过10万亩。", "黄河"),  # news writes it often
    ("岷山高耸、沟壑纵横，村民们搬进了新居。", "岷山"),  # 岷 is no everyday word
    ("党员们在东湖开展主题党日活动。", "东湖"),  # a direction opens a name
])
def test_a_mountain_or_river_named_so_is_a_place(ents, text, feature):
    assert places(ents, text) == [feature]


@pytest.mark.parametrize(("text", "feature"), [
    # A place name the lexicon knows before a landform word.
    ("科左后旗地处沙地与松辽平原交界地带。", "松辽平原"),
    # The lexicon's name whole.
    ("游客们参观了龙门石窟。", "龙门石窟"),
])
def test_a_plain_or_grotto_the_lexicon_names_is_a_place(ents, text, feature):
    assert feature in places(ents, text)


def test_a_division_before_a_landform_keeps_its_own_name(ents):
    assert places(ents, "甘孜州高原上的牧民搬进了新居。") == ["甘孜州"]


@pytest.mark.parametrize(("text", "region"), [
    # The region's name is written with the word for a region (长三角|地区), as the text has it.
    ("合作社产品销往长三角地区。", "长三角地区"),
    ("合作社产品销往珠三角。", "珠三角"),
    ("企业与粤港澳大湾区开展合作。", "粤港澳大湾区"),
])
def test_named_region_is_a_place(ents, text, region):
    assert ents(text) == [(region, "PLACE")]


def test_a_region_written_with_and_without_the_word_for_a_region_is_one_place(build):
    result = build("产品销往长三角地区。长三角一体化发展加快。")
    keys = {m.entity for m in result.mentions if m.etype == "PLACE"}
    assert [result.entities[k].label for k in keys] == ["长三角"]


# -- city aliases -------------------------------------------------------------------

def test_city_alias_on_a_page_naming_the_city_is_a_place(ents):
    assert ents("哈尔滨市开展志愿服务活动，冰城的大街小巷处处可见红马甲。") == [
        ("哈尔滨市", "PLACE"), ("冰城", "PLACE")]


def test_city_alias_on_a_page_not_naming_the_city_is_not_a_place(ents):
    assert ents("冰城的大街小巷处处可见红马甲。") == []


def test_city_alias_glued_into_a_longer_name_is_not_the_city(ents):
    assert places(ents, "济南市举办志愿服务活动，泉城广场人头攒动。") == ["济南市", "泉城广场"]
    assert ents("成都市总工会在蓉城驿站为户外劳动者提供服务。") == [("成都市总工会", "ORG")]


# -- idioms -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # pkuseg cuts 邯郸|学步: the idiom, not the segmenter, keeps 邯郸 out.
    "基层治理不能邯郸学步，要因地制宜。",
    "维护社会长治久安。",
])
def test_place_name_inside_an_idiom_is_not_a_place(ents, text):
    assert places(ents, text) == []



def test_a_county_short_form_inside_a_name_is_no_place(nlp):
    # Seed 004 names 回民区 in full, and 呼和浩特市回民中学团委: 回民 opens a school's name.
    root = Path(__file__).resolve().parents[2]
    page = next((root / "seeds").glob("004_*.txt")).read_text(encoding="utf-8")
    doc = nlp(page)
    assert "回民中学" in page and "回民区" in page
    assert not [e for e in doc.ents if e.text == "回民"]


# -- kinds of places written like names (real articles) -----------------------------

def test_data_short_form_that_is_a_kind_of_zone_is_no_place(ents):
    # The data lists 产业园 and 示范区 as short forms of single zones.
    assert places(ents, "合作社在扶贫产业园里种羊肚菌，打造农业示范区。") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("在川南新材料化工园区，园区党校为企业党员开办培训。", ["川南新材料化工园区"]),
    ("绵阳市盐亭县巨龙化工园区有企业46家。", ["绵阳市", "盐亭县", "巨龙化工园区"]),
    ("走进自贡航空产业园，无人机生产线正高速运转。", ["自贡航空产业园"]),
    ("杨凌农业高新技术产业示范区培育职业农民。", ["杨凌农业高新技术产业示范区"]),
])
def test_zone_named_before_its_kind_is_one_place(ents, text, expected):
    assert places(ents, text) == expected


def test_ethnic_village_named_by_its_head_is_a_place(ents):
    assert places(ents, "2015年初，经讨论，甘溪侗寨决定集资建一个食堂。") == ["甘溪侗寨"]


@pytest.mark.parametrize("text", [
    "获批后，化工园区的企业党员开展培训。",
    "现在村里在特色产业园种蓝莓。",
    "打造绿色转型示范区。",
    "龙头企业党组织结对帮扶村级工业园提质升级。",
])
def test_zone_named_by_its_kind_only_is_no_place(ents, text):
    assert places(ents, text) == []


def test_citizens_of_a_city_name_the_city_by_its_short_form(ents):
    assert places(ents, "说起3年前上海市民曹女士寄来的感谢信。") == ["上海"]
    assert ents("上海市民政局开展活动。") == [("上海市民政局", "ORG")]


def test_two_character_full_county_name_is_a_place(ents):
    assert places(ents, "党员积极走访岷县大小药材种植基地。") == ["岷县"]


@pytest.mark.parametrize(("text", "site"), [
    ("老兵受聘担任四平战役纪念馆业务顾问。", "四平战役纪念馆"),
    ("作为红色研学目的地，枣园革命旧址年接待游客数百万人次。", "枣园革命旧址"),
])
def test_memorial_named_by_place_and_the_event_it_commemorates(ents, text, site):
    assert places(ents, text) == [site]


def test_memorial_of_an_event_alone_is_no_place(ents):
    assert places(ents, "党员们参观革命纪念馆。") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("1921年，中共一大在浙江嘉兴南湖的红船上闭幕。", ["浙江", "嘉兴", "南湖"]),
    ("在河北平山，新党员们重温入党誓词。", ["河北", "平山"]),
])
def test_no_division_opens_the_name_of_a_lake_or_a_mountain(ents, text, expected):
    # 平山 is the county 平山县 written short, not a mountain named 河北平山.
    assert places(ents, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("甘肃庆阳，即将建设完工的林镇大桥边上，党员突击队正在施工。", ["甘肃", "庆阳", "林镇大桥"]),
    ("在河北平山沕沕水水电站旧址，新党员庄严宣誓。", ["河北", "平山", "沕沕水水电站"]),
    ("志愿者在上海虹桥火车站为旅客指路。", ["上海", "虹桥火车站"]),
    ("研学团走进克孜尔石窟。", ["克孜尔石窟"]),
])
def test_bridges_stations_and_grottoes_are_sites_apart_from_the_division_before(
        ents, text, expected):
    assert places(ents, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("6月26日，在浙江嘉兴南湖革命纪念馆北广场，新党员们庄严宣誓。",
     ["浙江", "嘉兴", "南湖革命纪念馆"]),
    ("清晨，吉林省四平战役纪念馆迎来一批批参观者。", ["吉林省", "四平战役纪念馆"]),
])
def test_a_memorial_with_a_name_of_its_own_or_after_a_full_province_name_stands_apart(
        ents, text, expected):
    # 四平战役纪念馆 is named after its city; 南湖革命纪念馆 has a name of its own.
    assert places(ents, text) == expected


def test_an_airport_keeps_the_city_its_name_opens_with(ents):
    assert places(ents, "在长沙黄花国际机场，志愿者为旅客指路。") == ["长沙黄花国际机场"]


def test_district_named_like_a_kind_of_area_needs_its_city(ents):
    assert places(ents, "老城区改造让居民住上了新房。") == []
    assert places(ents, "洛阳市老城区推进老旧小区改造。") == ["洛阳市", "老城区"]


def test_kind_of_village_with_a_namesake_nearby_is_no_place(ents):
    assert places(ents, "门头沟区把老旧村寨建成文旅新村。") == ["门头沟区"]


@pytest.mark.parametrize(("text", "expected"), [
    ("建安区深化对村巡察。", ["建安区"]),
    ("辽宁健全驻村帮扶机制。", ["辽宁"]),
    ("天柱县建设和美乡村。", ["天柱县"]),
    ("白朗县第十四批驻村工作队进村。", ["白朗县"]),
])
def test_phrase_after_a_place_is_no_unit_of_it(ents, text, expected):
    assert places(ents, text) == expected


@pytest.mark.parametrize("text", [
    "大湾村三面环山，汛期易发山洪。",
    "村民们上山采摘鲜叶。",
    "他在自家山地种了十亩辣椒。",
    "全片区桂圆产量超过八万斤。",
])
def test_head_noun_glued_to_a_word_is_no_site(ents, text):
    assert [p for p in places(ents, text) if p != "大湾村"] == []


def test_known_mountain_does_not_take_the_verb_before_it(ents):
    assert places(ents, "阳光洒进太行山深处。") == ["太行山"]


def test_short_county_name_may_modify_a_noun_on_a_page_naming_it_in_full(ents):
    assert places(ents, "奉节县脐橙丰收，奉节脐橙远近闻名。") == ["奉节县", "奉节"]


def test_short_county_name_that_is_a_word_counts_on_a_page_naming_it_in_full(ents):
    assert places(ents, "石柱土家族自治县位于重庆。石柱的黄连很出名。") == [
        "石柱土家族自治县", "重庆", "石柱"]
    assert places(ents, "石柱的黄连很出名。") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("经过北苕溪，便来到余杭区。", ["北苕溪", "余杭区"]),
    ("在横断山脉深处修路。", ["横断山脉"]),
    ("西辽河流域生态治理成效明显。", ["西辽河"]),
    ("三峡库区的移民搬进新居。", ["三峡库区"]),
    ("塔克拉玛干沙漠边缘种下梭梭。", ["塔克拉玛干沙漠"]),
])
def test_streams_rivers_ranges_reservoir_areas_and_deserts_by_head_noun(ents, text, expected):
    assert places(ents, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("老人们在幸福家园小区下棋。", ["幸福家园小区"]),
    ("沙洲坝镇梦想家园小区的老人搬了新家。", ["沙洲坝镇", "梦想家园小区"]),
    ("高新区紫玉佳园小区加装了电梯。", ["紫玉佳园小区"]),
])
def test_compound_named_with_an_everyday_word_before_an_estate_word(ents, text, expected):
    assert places(ents, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("陈善举来到燕窠村任驻村第一书记。", ["燕窠村"]),
    ("这里成了山西省级乡村旅游重点村。", ["山西省"]),
])
def test_preposition_or_particle_glued_into_a_chain_stem_is_no_name(ents, text, expected):
    assert places(ents, text) == expected


# -- kinds written like names, read on team-annotated articles ---------------------------

@pytest.mark.parametrize(("text", "not_a_place"), [
    # 浙西|山区: western Zhejiang's hills
    ("淳安县地处浙西山区，近半数农村曾面临空心化。", "西山区"),
    ("金峰乡基本实现336个行政村大学生全覆盖。", "行政村"),  # a kind of village, 大学生 no member
    ("猛虎乡藏在高山深谷之间，有的片区人口聚集。", "有的片区"),  # "some of the areas"
])
def test_a_kind_of_place_or_a_word_holding_a_district_name_is_no_place(ents, text, not_a_place):
    assert not_a_place not in places(ents, text)


def test_a_village_of_the_data_opening_inside_a_verb_is_not_read_there(ents):
    # The data has a 任郭庄村; here 担任 takes the post in 郭庄村.
    assert ("任郭庄村", "PLACE") not in ents("1994年开始担任郭庄村党支部书记。")
    assert ("郭庄村党支部", "ORG") in ents("1994年开始担任郭庄村党支部书记。")


def test_a_village_after_its_town_is_found_where_the_segmenter_cuts_across_them(ents):
    # pkuseg: 贵子|镇中|和|村; the data's 中和村 follows the town.
    text = "信宜市贵子镇中和村的党员冒雨转移群众。"
    assert "中和村" in places(ents, text)


def test_a_village_follows_a_town_that_itself_followed_its_county(ents):
    # 招贤镇 is found after 莒县, and 武家曲坊村 after it (not the data's 曲坊村 inside it).
    text = "山东日照莒县招贤镇武家曲坊村的新党员面向党旗宣誓。"
    assert places(ents, text)[-2:] == ["招贤镇", "武家曲坊村"]


@pytest.mark.parametrize(("text", "road"), [
    ("记者走进位于湖北黄冈市黄州区宝塔大道南段的物流公司。", "宝塔大道"),
    ("甘肃省白银市白银区北京路上车来车往。", "北京路"),
    ("广西防城港市企沙镇朝阳路两旁的商铺陆续开门。", "朝阳路"),
])
def test_a_road_named_right_after_a_place_is_a_place(extractor, text, road):
    result = extractor("t", text)
    places = {m.text for m in result.mentions if m.etype == "PLACE"}
    assert road in places
    entity = next(e for e in result.entities.values() if e.label == road)
    assert entity.ontology_class == "Road"
    # and it lies in the place written before it
    parent = next(m.entity for m in result.mentions if m.end == text.index(road))
    assert entity.part_of == {parent}


@pytest.mark.parametrize("text", [
    "宜川县致富路越走越宽。",           # an ordinary word before 路
    "上海市浦东新区浦兴路街道开展活动。",  # a road-named subdistrict, found as a unit
    "社区党委书记在西湖街道学生街上巡查。",  # 学生 is an ordinary word
])
def test_an_ordinary_word_or_a_road_named_unit_is_no_road(extractor, text):
    result = extractor("t", text)
    assert not [e for e in result.entities.values() if e.ontology_class == "Road"]


# -- names listed before a count of their unit ------------------------------------------

@pytest.mark.parametrize(("text", "names"), [
    ("该片区涵盖西天尾镇北大、后黄、吴江3个村，以及拱辰街道七步、东阳2个村。",
     ["北大", "后黄", "吴江", "七步", "东阳"]),
    # pkuseg glues the verb to the first name: 牵头埔柳
    ("华亭镇牵头埔柳、后塘、五云等8个村成立片区党建联合体。", ["埔柳", "后塘", "五云"]),
    # a count of a mix of units: 苏木 and 镇
    ("韩涛带领几名农技人员，走遍巴彦毛都、甘旗卡、巴胡塔3个苏木镇。",
     ["巴彦毛都", "甘旗卡", "巴胡塔"]),
    # 划分|为|蝶云天: the preposition is not the name's
    ("片区被划分为蝶云天、倚云天、新顺等3个社区。", ["蝶云天", "倚云天", "新顺"]),
    # written with their unit: 牧场村 has 18 namesakes and no place before it
    ("同时，抓住若药堂村、前滩村、牧场村3个村的“牛鼻子”。", ["若药堂村", "前滩村", "牧场村"]),
])
def test_names_listed_before_a_count_of_their_unit_are_places(ents, text, names):
    assert all(name in places(ents, text) for name in names)


def test_a_count_of_village_groups_lists_no_villages(ents):
    text = "村里把东坡、西坡2个村民小组合并。"
    assert not {"东坡", "西坡"} & set(places(ents, text))


# -- county short names listed together --------------------------------------------------

def test_county_short_names_listed_together_read_each_other(ents):
    # Four counties of 重庆, none written in full: 奉节 is a verb to jieba, 石柱 a noun.
    text = "渝东北的城口、开州、云阳、奉节、巫山、巫溪等区县推进生态补偿。"
    assert {"城口", "开州", "云阳", "奉节", "巫山", "巫溪"} <= set(places(ents, text))


def test_a_common_word_listed_with_no_county_of_its_prefecture_is_no_place(ents):
    assert "石柱" not in places(ents, "村里的石柱、石桥都有百年历史。")


def test_a_city_before_its_urban_area_is_named_by_its_short_form(ents):
    # 杭州|市区: 市区 is the city's urban area, as 上海|市民 are its townsfolk.
    assert places(ents, "从浙江杭州市区西行约20公里，经过北苕溪。")[:2] == ["浙江", "杭州"]
    assert places(ents, "杭州市区县两级联动。") == ["杭州市"]  # the city and its districts


def test_a_compound_name_the_segmenter_glued_to_its_community_is_whole(ents):
    # pkuseg: 仓南|街社|区金|都|南苑|小区
    text = "山东省潍坊市潍城区南关街道仓南街社区金都南苑小区，居民王素兰像往常一样。"
    assert places(ents, text)[-2:] == ["仓南街社区", "金都南苑小区"]


def test_a_town_written_in_full_stands_apart_from_a_zone_glued_to_it(ents, build):
    # pkuseg: 古浪县|黄花滩|镇金|滩羊|产业园; 黄花滩镇 is written in full, though the data
    # also has a 黄花滩乡.
    text = "在甘肃省古浪县黄花滩镇金滩羊产业园，早晨6点，天刚蒙蒙亮。"
    assert places(ents, text) == ["甘肃省", "古浪县", "黄花滩镇", "金滩羊产业园"]
    entities = build(text).entities
    zone = next(e for e in entities.values() if e.label == "金滩羊产业园")
    assert {entities[p].label for p in zone.part_of} == {"黄花滩镇"}


@pytest.mark.parametrize(("text", "expected"), [
    # A level word makes a kind of zone; a count, a kind of compound; a verbal noun
    # before a head that ends the clause, a verb and its object.
    ("目前，盐亭县巨龙化工园区获批省级化工园区。", ["盐亭县", "巨龙化工园区"]),
    ("目前，全市11个受淹小区积水全部排除。", []),
    ("“汛期雨水集中，巡查水库，必须盯紧每一处细节。”他说。", []),
])
def test_kinds_counts_and_objects_of_a_verb_are_no_site(ents, text, expected):
    assert places(ents, text) == expected


def test_a_level_word_after_a_city_opens_a_zone_s_official_name(ents):
    text = "四川自贡国家级高新技术产业开发区吸引企业入驻。"
    assert "自贡国家级高新技术产业开发区" in places(ents, text)


def test_a_zone_s_first_character_glued_to_its_township_is_the_zone_s(ents):
    # pkuseg: 岭南|乡覆|卮片区; 覆 reads as a verb alone, but here opens the area's name.
    text = "统筹各村资源抱团发展。浙江省丽水市岭南乡覆卮片区6个村庄过去分头发展。"
    assert places(ents, text) == ["浙江省", "丽水市", "岭南乡", "覆卮片区"]


def test_a_compound_name_cut_into_pieces_after_its_subdistrict_is_whole(build):
    # pkuseg: 白云街|道丽|园馨|都|小区
    text = "浙江宁波海曙区白云街道丽园馨都小区业主赵大伯说。"
    entities = build(text).entities
    compound = next(e for e in entities.values() if e.label == "丽园馨都小区")
    assert {entities[p].label for p in compound.part_of} == {"白云街道"}


@pytest.mark.parametrize("text", [
    "宁波市海曙区白云街道的新老小区很多。",      # 的 is no piece of a name
    "宁波市海曙区白云街道三个老小区完成改造。",  # nor a count
])
def test_what_follows_a_subdistrict_before_xiaoqu_is_not_always_a_name(ents, text):
    assert places(ents, text) == ["宁波市", "海曙区", "白云街道"]


def test_one_old_compound_after_a_subdistrict_is_no_name(ents):
    # pkuseg: 兆麟街道|一|处|老旧|小区
    text = "傍晚时分，哈尔滨市道里区兆麟街道一处老旧小区里，十几位居民围坐在一起。"
    assert places(ents, text) == ["哈尔滨市", "道里区", "兆麟街道"]


def test_a_street_before_a_known_community_is_no_part_of_its_name(build):
    # 凤凰街 (the street its 凤凰街街道 is named after), then the data's 北桥外社区: not one
    # community 凤凰街北桥外社区.
    text = "翻开江西省萍乡市安源区凤凰街北桥外社区“民情日记”，一页页记满了居民的诉求。"
    entities = build(text).entities
    community = next(e for e in entities.values() if e.label == "北桥外社区")
    assert "凤凰街" in {entities[p].label for p in community.part_of if p in entities}


@pytest.mark.parametrize("text, person", [
    ("在西天尾镇东星社区，社区第二网格长陈春山每天清晨都会上街走走看看。", "陈春山"),
    ("村主任王青山带领村民上山植树。", "王青山"),
])
def test_a_name_after_a_role_ending_in_shan_is_a_person_not_a_mountain(ents, text, person):
    assert (person, "PERSON") in ents(text)
    assert not [t for t, label in ents(text) if label == "PLACE" and t.endswith("山")]


def test_a_named_town_of_tourism_is_a_site(ents):
    # 小镇 heads a scenic town's name; the mountain it is named after is no place here.
    assert places(ents, "依托区内乌兰夫纪念馆、莫尼山小镇等建立现场教学点。") == [
        "乌兰夫纪念馆", "莫尼山小镇"]


def test_only_the_nearest_division_opens_a_zone_s_name(ents):
    # 安徽|合肥高新区: the province holds the zone; an official site name keeps both
    # (内蒙古清水河老牛湾国家地质公园, in the seeds' gold).
    assert places(ents, "安徽合肥高新区云飞路，一条看似平常的市政道路。")[:2] == [
        "安徽", "合肥高新区"]
    # 新区 heads a state-level new area; a province opens no zone's own name, a city does.
    assert places(ents, "重庆两江新区鸳鸯街道金州社区党委书记说。")[:2] == ["重庆", "两江新区"]
    assert "瑞丽沿边产业园" in places(ents, "德宏州瑞丽沿边产业园的企业加快发展。")


def test_a_city_short_name_ending_in_zhou_opens_its_new_area(ents):
    # 福州 is 福州市 without its unit (its 州 is no unit's); an autonomous prefecture's
    # short name opens no new area, and a place alone before 园区 names none of its zones.
    assert places(ents, "兰州新区和福州新区加快发展。") == ["兰州新区", "福州新区"]
    assert places(ents, "德宏新区建设加快。") == ["德宏"]
    assert places(ents, "德宏州园区建设加快。") == ["德宏州"]
    # Other sites after such a city stand apart from it, as before.
    assert places(ents, "游客在福州西湖公园赏花。") == ["福州", "西湖公园"]


def test_a_unit_after_the_district_a_zone_names_in_brackets_is_a_place(ents):
    text = "步入福建福州新区（长乐区）两岸融合社区，绿树成荫、干净整洁。"
    assert places(ents, text) == ["福建", "福州新区", "长乐区", "两岸融合社区"]


def test_townships_listed_together_read_each_other(ents):
    # 和平乡 has eleven namesakes; with 东峡乡 it is one of 湟源县's.
    text = "沿着日月山，从西往东，在日月藏族乡、和平乡、东峡乡，记者看到牧民们正在转场。"
    assert {"和平乡", "东峡乡"} <= set(places(ents, text))


def test_a_city_before_a_word_opening_with_min_is_the_city(ents):
    # 大同市|民营经济, not 大同|市民: pkuseg ends the name at 市.
    assert places(ents, "大同市民营经济稳步发展。") == ["大同市"]
    assert places(ents, "上海市民踊跃参加志愿服务。") == ["上海"]


def test_a_county_short_name_the_lexicon_knows_as_a_proper_noun_counts_in_its_prefecture(ents):
    # jieba tags 义乌 nz; the page names its prefecture 金华市.
    text = "金华市民政局实现全市孤儿（义乌除外）集中养育。"
    assert "义乌" in places(ents, text)


def test_an_estate_word_inside_a_compound_s_name_after_its_town(ents):
    text = "“停车方便多了！”江苏省张家港市凤凰镇凤凰春晓花园小区居民连连点赞。"
    assert places(ents, text) == ["江苏省", "张家港市", "凤凰镇", "凤凰春晓花园小区"]


def test_a_village_name_may_open_with_a_locative_character_of_a_longer_word(ents):
    # pkuseg: 平罗县|上八|倾村; but 余杭区|以下|陡门村 opens with the word 以下.
    text = "石嘴山市平罗县上八倾村一处智能化牧场里，奶牛排队挤奶。"
    assert places(ents, text) == ["石嘴山市", "平罗县", "上八倾村"]
    assert "以下陡门村" not in places(ents, "杭州市余杭区以下陡门村为试点开展改革。")


def test_a_community_named_by_a_verb_between_its_township_and_a_name(ents):
    text = "在甘肃兰州市红古区华龙街道振兴社区海石湾住宅花园B区党群服务中心，社区党委书记介绍。"
    assert places(ents, text)[:5] == ["甘肃", "兰州市", "红古区", "华龙街道", "振兴社区"]
    # An ordinary word after it: the verb's object (开展社区|治理).
    assert places(ents, "兰州市红古区华龙街道开展社区治理。") == ["兰州市", "红古区", "华龙街道"]


def test_a_unit_the_rules_found_is_found_again_written_alone(ents):
    # 火集村 is not in the data: the chain after 将台堡镇 finds it, the page repeats it.
    text = "在固原市西吉县将台堡镇火集村，村支书盯着装车。火集村集体实行统一规划、分户管理的模式。"
    assert places(ents, text) == ["固原市", "西吉县", "将台堡镇", "火集村", "火集村"]


def test_a_unit_s_name_running_into_a_word_is_not_found_again(ents):
    # pkuseg: 火集|村民 — the villagers, not the village written again.
    text = "在固原市西吉县将台堡镇火集村，村支书装车。火集村民种植西芹。"
    assert places(ents, text).count("火集村") == 1


def test_a_river_the_lexicon_knows_is_a_place_though_a_common_word(ents):
    assert places(ents, "黄河两岸，中宁枸杞种植面积逐年扩大。") == ["黄河"]
    # A size or a movement before the landform makes a kind.
    assert places(ents, "大山深处有人家，他们渡江而来。") == []


def test_place_names_written_as_one_token_are_each_a_place(ents):
    # pkuseg: 走进|甘肃兰州|、
    text = "带着问题，记者走进甘肃兰州、湖南长沙、山东日照。"
    assert places(ents, text) == ["甘肃", "兰州", "湖南", "长沙", "山东", "日照"]


def test_a_common_county_short_name_counts_on_a_page_naming_its_city(ents):
    text = ("午饭时间，上海静安区蝴蝶湾公园里人来人往。"
            "不只是“蝴蝶湾”，浦东的“望江驿”、徐汇的“水岸汇”都成了打卡点。")
    assert {"浦东", "徐汇"} <= set(places(ents, text))
    assert "浦东" not in places(ents, "浦东的“望江驿”成了打卡点。")


def test_a_village_of_the_data_named_on_the_page_is_one_before_its_jiti(ents):
    # 村集体 is a word (the village collective), but not after a village the page names.
    text = "北京市平谷区西辛庄村位于城区东部。西辛庄村集体经济年收入突破千万元。"
    assert places(ents, text).count("西辛庄村") == 2


def test_a_district_before_a_subdistrict_named_after_a_street_is_a_place(ents):
    # 东街街道 is a subdistrict, not 鼓楼区's 东街 (a road named after the district).
    assert places(ents, "早上7点半，在福建福州市鼓楼区东街街道军门社区。") == [
        "福建", "福州市", "鼓楼区", "东街街道", "军门社区"]


@pytest.mark.parametrize(("text", "place"), [
    ("还主动走出大山，奔赴上海文创展会开拓市场。", "上海"),  # 上海文|创展|会
    ("学习教育中，重庆丰都县梳理出村级“小微权力”清单。", "重庆")])  # 重庆丰|都|县梳
def test_a_province_s_short_name_opening_a_longer_token_is_a_place(ents, text, place):
    assert place in places(ents, text)


def test_a_province_s_short_name_is_no_place_in_its_dialect_s_name(ents):
    assert places(ents, "他说着一口地道的上海话。") == []


def test_a_municipality_s_short_name_places_its_county_s_short_name(ents):
    assert places(ents, "重庆丰都，三合街道南天湖村。")[:2] == ["重庆", "丰都"]


def test_a_province_s_full_name_before_a_word_is_read_whole(ents):
    # 陕西省|村级|党组织: the province in full, no short name inside it nor a body.
    assert ents("安塞南沟村，是中国美丽休闲乡村、陕西省村级党组织标准化建设示范村。")[-1] == (
        "陕西省", "PLACE")


@pytest.mark.parametrize(("text", "region"), [
    ("延安地处黄土高原，海拔高。", "黄土高原"),  # 黄土|高原
    ("山西省忻州市岢岚县位于吕梁山区。", "吕梁山区"),  # 吕梁|山区: not the city 吕梁
    ("科左后旗地处科尔沁沙地与松辽平原交界处。", "科尔沁沙地")])  # 科尔沁沙|地
def test_a_landform_the_lexicon_names_is_a_place_though_cut_in_pieces(ents, text, region):
    assert region in places(ents, text)


def test_a_mountainous_area_is_no_place_without_a_name_of_its_own(ents):
    assert places(ents, "贵州偏远山区的孩子走出大山。") == ["贵州"]


def test_an_everyday_noun_right_after_a_city_names_its_site(ents):
    # 伊宁市|人民|公园: the city's own park; 人民 alone opens no site's name.
    assert places(ents, "伊宁市人民公园里的墩买里街热闹起来。")[:2] == ["伊宁市", "人民公园"]
    assert "人民公园" not in places(ents, "周末，不少市民来到人民公园散步。")


def test_a_town_under_a_two_character_county_written_in_full_is_the_county_s(ents):
    # 忠县 is a full name (not a short form like 兴化): it places its 黄金镇, which is
    # then no 黄金|镇大岭村 (a village name the data also holds).
    assert places(ents, "重庆市忠县黄金镇大岭村村民杨明华满脸笑容。") == [
        "重庆市", "忠县", "黄金镇", "大岭村"]


def test_a_zone_with_a_name_of_its_own_stands_apart_from_the_city_before_it(ents):
    assert places(ents, "学习教育中，景德镇昌南新区深入学习贯彻习近平总书记的重要论述。") == [
        "景德镇", "昌南新区"]
    # A zone named by the city alone is the city's (晋城经开区, the 经济技术开发区 short),
    # and so is one whose own word tells a position (瑞丽|沿边|产业园).
    assert places(ents, "其实早在30多年前，富士康落地晋城经开区，埋下光机电产业的第一颗种子。") \
        == ["晋城经开区"]
    assert places(ents, "成了老熟人……瑞丽沿边产业园党员干部干事劲头正足。") == ["瑞丽沿边产业园"]


def test_a_community_before_its_residents_committee_is_a_place(build):
    # 社区|居委会 is the community's committee (村居, villages and communities, is no place);
    # the segmenter's 蟠桃街|道蟠 does not hide the community after the subdistrict.
    result = build("9点，贵州省黔西南布依族苗族自治州望谟县蟠桃街道蟠桃园社区居委会门前。")
    assert [m.text for m in result.mentions if m.etype == "PLACE"][-1] == "蟠桃街道"
    committee = next(m for m in result.mentions if m.etype == "ORG")
    assert result.entities[result.entities[committee.entity].located_in].label == "蟠桃园社区"


def test_a_kind_of_zone_after_a_county_s_full_name_is_the_county_s_zone(ents):
    assert places(ents, "靠啥？在龙里县高新技术产业园区，易地搬迁群众韦前帮说。") == [
        "龙里县高新技术产业园区"]
    assert places(ents, "据统计，莆田市全部片区中有75%的村集体经济收入超过百万元。") == ["莆田市"]
    assert places(ents, "莆田市重点产业园区新增企业20家。") == ["莆田市"]


@pytest.mark.parametrize(("text", "site"), [
    ("“两优一先”典型、三江源国家公园的管护员说。", "三江源国家公园"),
    ("黄河源头，三江源国家公园里牛羊成群。", "三江源国家公园"),
    ("景区内有九曲溪景区。", "九曲溪景区"),
])
def test_a_numeral_before_a_site_s_name_opens_it(ents, text, site):
    assert (site, "PLACE") in ents(text)


@pytest.mark.parametrize("text", ["村里建了三座公园。", "这三个公园都很美。", "第三公园开放了。"])
def test_a_numeral_that_counts_or_orders_opens_no_site_s_name(ents, text):
    assert not [t for t, label in ents(text) if label == "PLACE" and t[0] in "三"]


@pytest.mark.parametrize(("text", "site"), [
    ("大年初一西湖景区游人如织。", "西湖景区"),
    ("入选全省十佳之一南山公园。", "南山公园"),
])
def test_a_numeral_ending_another_word_opens_no_site_s_name(ents, text, site):
    assert [t for t, label in ents(text) if label == "PLACE"] == [site]


def test_a_function_word_after_a_city_opens_no_site_s_name(ents):
    assert ents("张家界市的天门山很美。") == [("张家界市", "PLACE"), ("天门山", "PLACE")]



@pytest.mark.parametrize(("text", "zone"), [
    ("陕西自贸试验区西安片区推出“一网通办”。", "陕西自贸试验区"),
    ("早上8时许，福建平潭综合实验区紫玉佳园小区，台胞家中飘出早餐香味。", "平潭综合实验区"),
])
def test_a_pilot_or_free_trade_zone_is_a_place(ents, text, zone):
    assert (zone, "PLACE") in ents(text)


@pytest.mark.parametrize("text", [
    "我国已设立22个自贸试验区。",
    "加快自贸试验区建设，扩大对外开放。",
    "三明市获批全国林改试验区。",
])
def test_a_kind_of_pilot_zone_is_no_place(ents, text):
    assert not [t for t, label in ents(text) if label == "PLACE" and t.endswith("区")]
