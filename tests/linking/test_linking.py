"""Entity linking: one key per real entity, part_of chains, owners of abbreviations, stable IRIs."""

from __future__ import annotations

import pytest

from kg.model import DocumentResult


def key_of(result: DocumentResult, surface: str) -> str:
    """The entity key of the first mention written ``surface``."""
    return next(m.entity for m in result.mentions if m.text == surface)


def chain(result: DocumentResult, key: str) -> set[str]:
    """Every place above ``key`` through part_of."""
    out: set[str] = set()
    todo = [key]
    while todo:
        for up in result.entities[todo.pop()].part_of:
            if up not in out:
                out.add(up)
                todo.append(up)
    return out


# -- full and short names ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "full", "short"), [
    ("巴林左旗召开党建工作会议。巴左旗各苏木镇积极响应。", "巴林左旗", "巴左旗"),
    ("科尔沁右翼中旗开展志愿服务。科右中旗的志愿者走进牧区。", "科尔沁右翼中旗", "科右中旗"),
    ("喀喇沁旗开展党建活动。喀旗党员积极参与。", "喀喇沁旗", "喀旗"),
])
def test_banner_written_full_and_short_is_one_entity(build, text, full, short):
    result = build(text)
    key = key_of(result, full)
    assert key_of(result, short) == key
    entity = result.entities[key]
    assert entity.label == full
    assert short in entity.alt_labels


def test_short_banner_name_written_first_keeps_the_full_name_as_label(build):
    result = build("科右中旗的志愿者走进牧区。科尔沁右翼中旗开展志愿服务。")
    key = key_of(result, "科右中旗")
    assert key_of(result, "科尔沁右翼中旗") == key
    assert result.entities[key].label == "科尔沁右翼中旗"


# -- namesakes -------------------------------------------------------------------------------

@pytest.mark.parametrize(("county", "code"), [("宁城县", "150429"), ("巴林左旗", "150422")])
def test_village_with_namesakes_resolves_under_the_county_of_the_page(build, county, code):
    text = (f"{county}：冷棚蔬菜富了农家\n本报记者 赵丽\n"
            "新房身村党支部带领村民发展冷棚蔬菜。今年，新房身村人均增收三千元。")
    result = build(text)
    assert f"place/{code}" in chain(result, key_of(result, "新房身村"))


def test_village_namesake_gets_the_same_key_at_every_mention_on_the_page(build):
    text = ("喀喇沁旗：冷棚蔬菜富了农家\n本报记者 赵丽\n"
            "二道营子村的党员带领村民发展冷棚蔬菜。今年，二道营子村人均增收三千元。")
    result = build(text)
    keys = {m.entity for m in result.mentions if m.text == "二道营子村"}
    assert len(keys) == 1
    assert "place/150428" in chain(result, keys.pop())


def test_village_branch_is_located_in_the_village_under_the_county_of_the_page(build):
    text = ("宁城县：冷棚蔬菜富了农家\n本报记者 赵丽\n"
            "新房身村党支部带领村民发展冷棚蔬菜。")
    result = build(text)
    branch = result.entities[key_of(result, "新房身村党支部")]
    assert branch.located_in is not None
    assert result.entities[branch.located_in].label == "新房身村"
    assert "place/150429" in chain(result, branch.located_in)


def test_compound_branch_is_located_in_the_compound_under_the_subdistrict_before_it(build):
    result = build("回民区海西路街道青山花园小区党支部开展“红色物业”活动。")
    branch = result.entities[key_of(result, "青山花园小区党支部")]
    assert branch.located_in is not None
    compound = result.entities[branch.located_in]
    assert (compound.label, compound.ontology_class) == ("青山花园小区", "ResidentialCompound")
    assert key_of(result, "海西路街道") in compound.part_of


def test_a_body_lies_in_the_community_the_page_names_not_in_its_village_namesake(build):
    # 民主村社区 grew from the village 民主村 and kept its name; the data knows the village.
    result = build("早上9点，九龙坡区民主村社区党群服务中心，居民雷泽英走向服务窗口。"
                   "“我们着力打造‘15分钟政务服务圈’。”民主村社区党委书记刘某说。")
    body = result.entities[key_of(result, "民主村社区党委")]
    assert body.located_in == key_of(result, "民主村社区")


def test_a_site_lies_in_the_nearest_place_before_it_within_the_headline_s(build):
    # People's Daily, 2025: the compound is the community's, not only the province's.
    result = build("河南开封：党建引领老旧小区改造\n"
                   "在河南开封市城乡一体化示范区金明池街道金康社区，社区党委书记刘芳走访居民。"
                   "后来，社区里的金康苑小区被纳入老旧小区改造。")
    compound = result.entities[key_of(result, "金康苑小区")]
    assert compound.part_of == {key_of(result, "金康社区")}
    # Not a place outside the headline's first place: a city of another province.
    result = build("河南郑州：老旧小区焕新颜\n金水区开展老旧小区改造。"
                   "居民李明曾在湖北省武汉市工作多年，退休后回到家乡。如今，他所在的金康苑小区换了新模样。")
    compound = result.entities[key_of(result, "金康苑小区")]
    assert compound.part_of == {key_of(result, "金水区")}


def test_a_zone_named_after_a_place_lies_in_it_not_in_the_place_named_last(build):
    result = build("兴化市戴南镇是不锈钢之乡。位于兴化经济开发区的企业设有检验实验室。")
    zone = result.entities[key_of(result, "兴化经济开发区")]
    assert zone.part_of == {key_of(result, "兴化市")}


def test_a_unit_after_a_zone_and_its_bracketed_district_lies_in_both(build):
    result = build("在新疆维吾尔自治区，乌鲁木齐高新区（新市区）迎宾路北社区暖心食堂内，"
                   "粥品、面点摆满了桌。")
    community = result.entities[key_of(result, "迎宾路北社区")]
    assert key_of(result, "乌鲁木齐高新区") in community.part_of
    assert key_of(result, "新市区") in chain(result, community.key)


@pytest.mark.parametrize("text", [
    "步入福建福州新区（长乐区）两岸融合社区，绿树成荫、干净整洁。",
    # inside a body's name: the community is no mention, but still placed
    "福州新区（长乐区）两岸融合社区党委书记张三说。",
])
def test_a_unit_the_data_lacks_after_a_zone_and_its_district_lies_in_both(build, text):
    result = build(text)
    community = next(e for e in result.entities.values() if e.label == "两岸融合社区")
    assert community.part_of == {key_of(result, "福州新区"), key_of(result, "长乐区")}


def test_a_park_before_a_bracketed_district_holds_nothing_written_after(build):
    result = build("福州西湖公园（鼓楼区）温泉社区居民说。")
    community = key_of(result, "温泉社区")
    assert key_of(result, "西湖公园") not in chain(result, community)


def test_a_mountain_is_not_the_district_named_after_it_on_a_page_without_the_city(build):
    result = build("上午10点，天山南麓的边境线上，护边员们开始巡逻。")
    mountain = result.entities[key_of(result, "天山")]
    assert (mountain.label, mountain.ontology_class, mountain.part_of) == (
        "天山", "Mountain", set())


def test_a_mountain_on_a_page_naming_only_its_province_is_not_a_district_there(build):
    result = build("新疆维吾尔自治区阿克苏地区地处天山南麓，护边员们开始巡逻。")
    assert result.entities[key_of(result, "天山")].ontology_class == "Mountain"


def test_a_district_written_short_after_its_city_is_still_the_district(build):
    result = build("新疆乌鲁木齐市天山区开展巡逻。天山各社区参与。")
    assert key_of(result, "天山") == key_of(result, "天山区")


@pytest.mark.parametrize("text", [
    # 郭庄村 alone reads, by the data, as 徽王庄镇's namesake in the same district
    "德州市陵城区边临镇郭庄村发展种植产业。郭庄村党支部书记姜洪涛说，郭庄村变了。",
    # and 所前泊村, listed after the town's first village, as the other 桥头镇's
    "威海市环翠区桥头镇信义村、所前泊村地界交错。所前泊村发展研学项目。",
])
def test_a_village_written_under_its_town_is_that_village_wherever_the_page_writes_it(
        build, text):
    result = build(text)
    village = next(m.text for m in result.mentions if m.text in ("郭庄村", "所前泊村"))
    keys = {m.entity for m in result.mentions if m.text == village}
    assert len(keys) == 1
    town = result.entities[keys.pop()].part_of
    assert [result.entities[k].label for k in town] == [
        "边临镇" if village == "郭庄村" else "桥头镇"]
    assert len([e for e in result.entities.values() if e.label in ("边临镇", "桥头镇")]) == 1
    assert "徽王庄镇" not in {e.label for e in result.entities.values()}


def test_a_body_of_a_village_merged_on_the_page_lies_in_no_reading_left_out(build):
    result = build("河南开封金明池街道金康社区党委书记刘芳\n在河南开封市城乡一体化示范区"
                   "金明池街道金康社区，社区党委书记刘芳开始了一天的走访工作。在金康社区，"
                   "不少老人都称呼刘芳“闺女书记”。2018年起，刘芳担任金康社区党委书记。")
    body = result.entities[key_of(result, "金康社区党委")]
    assert body.located_in == key_of(result, "金康社区")
    assert body.also_located_in <= set(result.entities)


# -- statements of where a place lies ---------------------------------------------------------

@pytest.mark.parametrize(("text", "city"), [
    ("在江西南昌，党员们参观了新四军军部旧址。", "南昌市"),
    ("长沙市开福区启动“红色物业”行动，长沙各区积极响应。", "长沙市"),
])
def test_a_city_written_short_is_the_city_not_its_namesake_county(build, text, city):
    # 南昌 and 长沙 are also short for 南昌县 and 长沙县, which lie in the cities.
    result = build(text)
    short = city.removesuffix("市")
    assert result.entities[key_of(result, short)].label == city


@pytest.mark.parametrize("verb", ["位于", "地处", "坐落在"])
def test_a_place_said_to_lie_in_another_is_part_of_it(build, verb):
    result = build(f"双福村{verb}仙游县城郊，是一个典型的农业村。")
    assert key_of(result, "仙游县") in result.entities[key_of(result, "双福村")].part_of


def test_of_places_written_after_the_verb_the_last_is_the_whole(build):
    result = build("沈新园小区地处于洪区迎宾路街道，居民多为退休职工。")
    compound = result.entities[key_of(result, "沈新园小区")]
    assert compound.part_of == {key_of(result, "迎宾路街道")}


def test_a_statement_adds_no_link_the_data_s_chain_holds(build):
    result = build("平山县位于河北省西部。")
    county, province = (result.entities[key_of(result, s)] for s in ("平山县", "河北省"))
    assert province.key not in county.part_of   # on the chain through 石家庄市 already


def test_a_larger_unit_said_to_lie_in_a_smaller_one_is_not_part_of_it(build):
    result = build("河北省位于平山县。")
    assert key_of(result, "平山县") not in result.entities[key_of(result, "河北省")].part_of


def test_a_statement_contradicting_the_data_s_chain_adds_no_link(build):
    result = build("平山县位于保定市西部。")   # the data places 平山县 in 石家庄市
    assert key_of(result, "保定市") not in chain(result, key_of(result, "平山县"))


def test_a_statement_turning_a_link_round_makes_no_cycle(build):
    result = build("太行山位于山西省东部。山西省地处太行山西侧。")
    mountain, province = key_of(result, "太行山"), key_of(result, "山西省")
    assert province in result.entities[mountain].part_of
    assert mountain not in chain(result, province)


def test_a_place_followed_by_more_of_a_name_is_not_the_whole(build):
    # 吕梁|山区: the county lies in the mountains, not in the city 吕梁.
    result = build("岢岚县位于吕梁山区，是革命老区。")
    labels = {result.entities[k].label for k in chain(result, key_of(result, "岢岚县"))}
    assert "吕梁市" not in labels


# -- juxtaposition ---------------------------------------------------------------------------

def test_places_written_together_chain_by_part_of(build):
    result = build("赤峰市红山区站前街道八一社区开展志愿服务。")
    district, street, community = (key_of(result, s) for s in ("红山区", "站前街道", "八一社区"))
    assert street in result.entities[community].part_of
    assert district in result.entities[street].part_of
    assert key_of(result, "赤峰市") in result.entities[district].part_of


def test_community_missing_from_the_data_is_part_of_the_subdistrict_written_before_it(build):
    result = build("红山区站前街道幸福里社区开展志愿服务。")
    community = result.entities[key_of(result, "幸福里社区")]
    assert community.part_of == {key_of(result, "站前街道")}
    assert community.ontology_class == "Community"


def test_villages_listed_after_a_village_are_villages_of_the_same_town(build):
    # 菱角湾村 is not in the data; the data's 桥头村 lies under another 桥头镇 of 威海.
    result = build("威海市环翠区桥头镇所前泊村、信义村、菱角湾村、桥头村4个村地界交错。")
    town = key_of(result, "桥头镇")
    for village in ("所前泊村", "信义村", "菱角湾村", "桥头村"):
        assert result.entities[key_of(result, village)].part_of == {town}, village


def test_a_township_the_data_lists_with_xiang_is_found_by_its_town_name(build):
    # jionlp lists 浮山县's 北王乡; it has become 北王镇.
    result = build("山西临汾市浮山县，北王镇臣南河村的葡萄园里，村民修剪枝蔓。")
    town = result.entities[key_of(result, "北王镇")]
    assert town.part_of == {key_of(result, "浮山县")}
    assert result.entities[key_of(result, "臣南河村")].part_of == {town.key}


def test_a_county_become_a_district_lies_in_its_city_under_its_new_name(build):
    result = build("西宁市湟中区多巴镇开展“红色驿站”活动。")
    county = result.entities[key_of(result, "湟中区")]
    assert county.part_of == {key_of(result, "西宁市")}
    assert result.entities[key_of(result, "多巴镇")].part_of == {county.key}


# -- abbreviated organizations ---------------------------------------------------------------

def test_city_bureau_abbreviation_is_completed_with_the_pages_city(build):
    result = build("赤峰市召开会议。市商务局推行“商务暖企”模式。")
    bureau = result.entities[key_of(result, "市商务局")]
    assert bureau.label == "赤峰市商务局"
    assert "市商务局" in bureau.alt_labels
    assert bureau.located_in == key_of(result, "赤峰市")


def test_same_abbreviation_in_two_cities_gives_two_organizations(build):
    a = build("赤峰市召开会议。市医保局开展“就业护航”行动。")
    b = build("乌海市召开会议。市医保局开展“就业护航”行动。")
    assert key_of(a, "市医保局") != key_of(b, "市医保局")
    assert a.entities[key_of(a, "市医保局")].label == "赤峰市医保局"
    assert b.entities[key_of(b, "市医保局")].label == "乌海市医保局"


def test_county_bureau_abbreviation_is_completed_with_the_headline_county(build):
    result = build("宁城县：炕头讲堂送技术\n本报记者 赵丽\n县水利局组织技术人员深入大城子镇。")
    bureau = result.entities[key_of(result, "县水利局")]
    assert bureau.label == "宁城县水利局"
    assert bureau.located_in == "place/150429"


# -- organizations and their parents ---------------------------------------------------------

def test_banner_committee_department_is_sub_organization_of_the_banner_committee(build):
    result = build("喀喇沁旗委宣传部组织开展理论宣讲。")
    department = result.entities[key_of(result, "喀喇沁旗委宣传部")]
    assert department.sub_organization_of is not None
    parent = result.entities[department.sub_organization_of]
    assert (parent.label, parent.etype) == ("喀喇沁旗委", "ORG")
    assert parent.located_in == department.located_in == "place/150428"


def test_town_party_committee_has_no_parent_organization_but_lies_in_the_town(build):
    result = build("大城子镇党委开展“夜访农户”行动。")
    committee = result.entities[key_of(result, "大城子镇党委")]
    assert committee.sub_organization_of is None
    assert result.entities[committee.located_in].label == "大城子镇"


def test_town_committee_written_with_its_county_and_city_and_alone_is_one_body(build):
    result = build("呼和浩特市托克托县双河镇党委开展“三联三促”活动。"
                   "托克托县双河镇党委书记李明说，双河镇党委将继续推进。")
    # Named from its town on, as the guideline names it: the county before stands apart.
    assert [m.text for m in result.mentions if m.etype == "ORG"] == ["双河镇党委"] * 3
    assert [m.text for m in result.mentions if m.etype == "PLACE"] == [
        "呼和浩特市", "托克托县", "托克托县"]
    assert len({m.entity for m in result.mentions if m.etype == "ORG"}) == 1
    body = result.entities[key_of(result, "双河镇党委")]
    assert result.entities[body.located_in].label == "双河镇"
    assert {key_of(result, "托克托县"), key_of(result, "呼和浩特市")} <= set(
        chain(result, body.located_in))


def test_county_department_and_its_committee_lie_in_the_county_written_after_the_city(build):
    result = build("乌兰察布市凉城县委组织部开展“双培双带”工作。"
                   "凉城县委组织部负责人说，凉城县委将继续推进。中共凉城县委员会召开会议。")
    department = result.entities[key_of(result, "凉城县委组织部")]
    assert [m.text for m in result.mentions if m.entity == department.key] == [
        "凉城县委组织部", "凉城县委组织部"]
    committee = result.entities[department.sub_organization_of]
    assert key_of(result, "凉城县委") == key_of(result, "中共凉城县委员会") == committee.key
    assert department.located_in == committee.located_in == "place/150925"  # 凉城县


def test_a_parent_body_lies_in_the_last_place_its_own_name_holds(build):
    result = build("日前，内蒙古自治区包头市公安局昆都仑分局侦破一起钢贸企业合同诈骗案件。"
                   "包头市公安局有关负责人表示，将严厉打击行业乱象。")
    branch = result.entities[key_of(result, "包头市公安局昆都仑分局")]
    bureau = result.entities[branch.sub_organization_of]
    assert bureau.label == "包头市公安局"
    assert result.entities[branch.located_in].label == "昆都仑区"
    assert result.entities[bureau.located_in].label == "包头市"
    assert key_of(result, "包头市公安局") == bureau.key  # one bureau, written full and short


def test_two_branches_leave_their_bureau_in_one_place(build):
    result = build("日前，包头市公安局昆都仑分局侦破一起案件。包头市公安局青山分局也破获一起案件。")
    bureau = result.entities[key_of(result, "包头市公安局昆都仑分局")].sub_organization_of
    assert result.entities[bureau].label == "包头市公安局"
    assert result.entities[result.entities[bureau].located_in].label == "包头市"
    assert result.entities[bureau].also_located_in == set()


def test_a_place_inside_an_abbreviated_name_beats_the_article_s_place(build):
    branch = build("包头市：近日，市公安局昆都仑区分局侦破一起案件。")
    unit = branch.entities[key_of(branch, "市公安局昆都仑区分局")]
    assert branch.entities[unit.located_in].label == "昆都仑区"


def test_a_parent_whose_name_holds_no_place_is_not_put_in_its_branch_s(build):
    result = build("顺丰速运有限公司吐鲁番分公司开展助农活动。")
    branch = result.entities[key_of(result, "顺丰速运有限公司吐鲁番分公司")]
    assert branch.sub_organization_of is not None
    assert result.entities[branch.sub_organization_of].located_in != branch.located_in


def test_a_body_the_text_places_adds_no_place_of_the_data_s_namesake(build):
    # The data lists a 部队社区 under 海拉尔西路街道; the text places this one under
    # 阿拉善北路街道, and nothing of the other may enter the graph.
    result = build("近日,回民区阿拉善北路街道部队社区党支部开展了“送学上门”活动。")
    branch = result.entities[key_of(result, "部队社区党支部")]
    community = result.entities[branch.located_in]
    assert community.label == "部队社区"
    assert key_of(result, "阿拉善北路街道") in community.part_of
    assert "海拉尔西路街道" not in {e.label for e in result.entities.values()}


def test_same_unit_name_in_two_towns_stays_two_bodies(build):
    result = build("双河镇党委开展“夜访农户”行动。大城子镇党委开展“三联三促”活动。")
    assert key_of(result, "双河镇党委") != key_of(result, "大城子镇党委")


# -- IRI stability ---------------------------------------------------------------------------

OTHER_ARTICLE = ("乌海市：志愿服务进社区\n本报记者 周海燕\n"
                 "乌海市组织志愿者走进社区。市医保局开展“就业护航”行动。")

PAGES = [
    ("红山区：网格连心暖民心\n本报记者 孙建国\n"
     "近日，赤峰市红山区站前街道八一社区开展“楼栋议事”活动。红山区委组织部负责同志介绍，"
     "全区推行“一网兜底”机制。"),
    ("巴林左旗：小米产业富了农家\n本报记者 李卫东 通讯员 刘晓燕\n"
     "近年来，巴林左旗十三敖包镇五星村党支部探索“党建+小米产业”模式，带领村民种植小米。"
     "五星村党支部书记李春花说，今年小米又丰收了。巴左旗委组织部把五星村列为示范村，"
     "该旗推行“党员认亲”制度。"),
    ("宁城县：炕头讲堂送技术\n本报记者 赵丽\n"
     "记者从宁城县获悉，该县创新“炕头讲堂”培训模式。县水利局组织技术人员深入大城子镇，"
     "开展“科技下乡”活动。新房身村党支部带领村民发展冷棚蔬菜。"),
]


@pytest.mark.parametrize("page", PAGES)
def test_document_alone_and_after_another_article_gets_the_same_keys(build, page):
    alone = build(page)
    prefix = OTHER_ARTICLE + "\n"
    inside = build(prefix + page)
    keys_alone = {(m.start, m.end): m.entity for m in alone.mentions}
    keys_inside = {(m.start - len(prefix), m.end - len(prefix)): m.entity
                   for m in inside.mentions if m.start >= len(prefix)}
    assert len(keys_alone) >= 5
    same = sum(keys_inside.get(span) == key for span, key in keys_alone.items())
    assert same >= 0.95 * len(keys_alone)


@pytest.mark.parametrize("page", PAGES)
def test_building_a_document_twice_gives_identical_keys(build, page):
    first, second = build(page), build(page)
    assert [(m.start, m.end, m.entity) for m in first.mentions] == [
        (m.start, m.end, m.entity) for m in second.mentions]
    assert sorted(first.entities) == sorted(second.entities)
    assert {k: (e.part_of, e.located_in, e.sub_organization_of)
            for k, e in first.entities.items()} == {
        k: (e.part_of, e.located_in, e.sub_organization_of) for k, e in second.entities.items()}


def test_a_placed_bodys_name_written_without_its_place_is_that_body(build):
    result = build("甘肃省纪委监委党风政风监督室推行“月结月清”工作法。"
                   "党风政风监督室坚持“四不两直”开展暗访。")
    keys = {m.entity for m in result.mentions if m.etype == "ORG"}
    assert len(keys) == 1
    assert result.entities[keys.pop()].label == "甘肃省纪委监委党风政风监督室"


def test_a_body_named_by_a_park_written_short_is_that_body(build):
    # People's Daily, 2025: a park names no division, so neither name is placed.
    result = build("2021年，黄河源园区管委会党委被授予“全国先进基层党组织”称号。"
                   "“离不开党组织的凝聚力。”三江源国家公园黄河源园区管委会党委专职副书记施成刚介绍。")
    keys = {m.entity for m in result.mentions if m.etype == "ORG"}
    assert len(keys) == 1
    assert "黄河源园区管委会党委" in result.entities[keys.pop()].alt_labels


def test_a_name_ending_another_article_s_body_is_not_that_body(build):
    # Two articles on one page: the second's 红色物业党支部 is not the first's Vanke branch.
    result = build("物业企业党建提质\n万科物业红色物业党支部组织党员为业主服务，居民交口称赞。"
                   "\n\n\n社区治理有新招\n在金水区，红色物业党支部书记张明带领党员清理楼道。")
    assert len({m.entity for m in result.mentions if m.etype == "ORG"}) == 2


def test_a_body_whose_name_opens_with_a_river_s_is_not_in_the_river(build):
    # People's Daily, 2025: 黄河源 (the source of the Yellow River) names the park.
    result = build("黄河流经玛多县。2021年，黄河源园区管委会党委被授予“全国先进基层党组织”称号。")
    bodies = {e.label: e.located_in for e in result.entities.values() if e.etype == "ORG"}
    assert bodies == {"黄河源园区管委会党委": None, "黄河源园区管委会": None}


def test_a_level_prefixed_body_is_not_another_citys_of_the_same_name(build):
    result = build("乌兰察布市区域经济合作局来呼和浩特考察。市区域经济合作局负责接待。")
    assert len({m.entity for m in result.mentions if m.etype == "ORG"}) == 2


def test_a_city_after_the_river_it_lies_by_is_no_part_of_the_river(build):
    result = build("3时25分，西江梧州水文站出现21.3米的洪峰水位。")
    city = next(e for e in result.entities.values() if e.label == "梧州市")
    assert [result.entities[k].label for k in city.part_of] == ["广西壮族自治区"]


def test_an_organization_two_pages_place_apart_keeps_both_places(build):
    from kg.model import Entity
    one = Entity("org/x", "民主村社区党委", "ORG", "PartyCommittee", located_in="place/a")
    one.merge(Entity("org/x", "民主村社区党委", "ORG", "PartyCommittee", located_in="place/b"))
    assert (one.located_in, one.also_located_in) == ("place/a", {"place/b"})


def test_a_township_cut_across_words_after_its_county_is_found_there(build):
    # pkuseg cuts 唐河|县城|郊乡; 城郊乡 and the 党坡村 under it are 唐河县's.
    result = build("河南南阳市唐河县城郊乡党坡村，小麦随风摇曳。")
    town = key_of(result, "城郊乡")
    assert result.entities[town].part_of == {key_of(result, "唐河县")}
    assert result.entities[key_of(result, "党坡村")].part_of == {town}


def test_names_listed_before_a_count_of_villages_lie_in_the_town_written_before(build):
    result = build("该片区涵盖莆田市荔城区西天尾镇北大、后黄、吴江3个村，"
                   "以及拱辰街道七步、东阳2个村。")
    town = key_of(result, "西天尾镇")
    for village in ("北大", "后黄", "吴江"):
        entity = result.entities[key_of(result, village)]
        assert entity.part_of == {town}, village
        assert entity.admin_level == 5, village
    subdistrict = key_of(result, "拱辰街道")
    assert result.entities[key_of(result, "东阳")].part_of == {subdistrict}


def test_a_name_listed_before_a_count_of_its_unit_is_the_data_division_so_named(build):
    # The data's 巴彦毛都苏木 and 甘旗卡镇 of 科尔沁左翼后旗, written without their units.
    result = build("韩涛带领几名农技人员，走遍巴彦毛都、甘旗卡、巴胡塔3个苏木镇。")
    sumu = result.entities[key_of(result, "巴彦毛都")]
    assert (sumu.label, sumu.ontology_class) == ("巴彦毛都苏木", "Sumu")
    assert result.entities[key_of(result, "甘旗卡")].label == "甘旗卡镇"
    banner = chain(result, sumu.key)
    assert any(result.entities[k].label == "科尔沁左翼后旗" for k in banner)


def test_a_site_is_not_placed_in_a_division_that_lies_in_it(build):
    # 甘孜 lies in 横断山脉 (地处); the range is then not placed back in 甘孜.
    result = build("四川甘孜地处横断山脉，牛背山下的村民。")
    ganzi, mountains = key_of(result, "甘孜"), key_of(result, "横断山脉")
    assert mountains in chain(result, ganzi)
    assert ganzi not in chain(result, mountains)


@pytest.mark.parametrize(("text", "zone", "city"), [
    ("安徽合肥高新区云飞路，一条看似平常的市政道路。", "合肥高新区", "合肥市"),
    ("四川自贡国家级高新技术产业开发区的企业加快发展。", "自贡国家级高新技术产业开发区", "自贡市"),
])
def test_a_zone_lies_in_the_division_it_is_named_after(build, text, zone, city):
    result = build(text)
    parents = result.entities[key_of(result, zone)].part_of
    assert [result.entities[k].label for k in parents] == [city]


def test_units_written_after_a_development_zone_lie_in_it(build):
    # The data names the subdistrict 大亚湾澳头街道; the page writes it after its zone.
    result = build("在惠州大亚湾经济技术开发区澳头街道岩前村，村民在文化广场排练节目。")
    subdistrict = key_of(result, "澳头街道")
    assert key_of(result, "大亚湾经济技术开发区") in chain(result, subdistrict)
    assert subdistrict in result.entities[key_of(result, "岩前村")].part_of


def test_a_county_said_to_lie_in_a_mountainous_region_is_part_of_it(build):
    result = build("山西省忻州市岢岚县位于吕梁山区。")
    region = result.entities[key_of(result, "吕梁山区")]
    assert region.ontology_class == "GeographicRegion"
    assert region.key in result.entities[key_of(result, "岢岚县")].part_of


def test_a_body_whose_name_holds_no_place_lies_in_the_place_right_before_it(build):
    result = build("四川成都市锦江区牛市口街道“小牛哥·先锋车手”志愿服务队党支部书记王柯皓说。")
    branch = result.entities[key_of(result, "“小牛哥·先锋车手”志愿服务队党支部")]
    assert result.entities[branch.located_in].label == "牛市口街道"
    # Its team, the branch's parent body, lies there too.
    assert result.entities[result.entities[branch.sub_organization_of].located_in].label \
        == "牛市口街道"


def test_a_school_written_after_its_county_and_alone_is_one_body(build):
    # People's Daily, 2025 (揭西县纪达中学 … 纪达中学): four characters name a school.
    result = build("广东揭西县纪达中学开设“心灵花园”心理辅导室。纪达中学推行“1+1+5”帮扶模式。")
    keys = {m.entity for m in result.mentions if m.etype == "ORG"}
    assert len(keys) == 1
    school = result.entities[keys.pop()]
    assert (school.label, result.entities[school.located_in].label) == ("揭西县纪达中学", "揭西县")
    assert {result.entities[i.region].label for i in result.implementations} == {"揭西县"}


def test_a_park_s_administration_lies_in_the_park_not_a_county_its_name_opens_like(build):
    # 三江源 opens like 三江 (三江侗族自治县, Guangxi); the park is in Qinghai.
    result = build("三江源国家公园黄河源园区管委会党委推行“一户一岗”。")
    (body,) = [e for e in result.entities.values() if e.etype == "ORG"
               and e.label == "三江源国家公园黄河源园区管委会党委"]
    assert result.entities[body.located_in].label == "三江源国家公园"


def test_a_pilot_zone_lies_in_its_province_and_a_compound_in_the_zone(build):
    # People's Daily, 2026: 综合实验区, 自由贸易试验区 and 合作区 are zones like 开发区.
    result = build("早上8时许，福建平潭综合实验区紫玉佳园小区，台胞詹俊杰的家中飘出早餐香味。")
    part_of = {e.label: {result.entities[k].label for k in e.part_of}
               for e in result.entities.values() if e.etype == "PLACE"}
    assert part_of["平潭综合实验区"] == {"福建省"}
    assert part_of["紫玉佳园小区"] == {"平潭综合实验区"}


def test_a_city_written_after_a_zone_is_not_inside_it(build):
    # 河南自贸试验区|郑州片区: the zone's piece in Zhengzhou, not Zhengzhou inside the zone.
    result = build("河南自贸试验区郑州片区推出“一网通办”。")
    (city,) = [e for e in result.entities.values() if e.label == "郑州市"]
    assert {result.entities[k].label for k in city.part_of} == {"河南省"}
