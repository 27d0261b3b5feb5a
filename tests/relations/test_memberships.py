"""member_of: a person's role in an organization or place (GUIDELINE, Relations: member_of)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from kg.graph.builder import GraphBuilder
from kg.graph.namespace import ORG
from kg.graph.validate import validate_graph
from kg.linking import key_for
from kg.model import DocumentResult
from kg.rules.families import family
from kg.rules.lexicon import org_heads
from tests.test_real import DEV, REAL
from tests.test_seeds import ROOT

HEAD = "巴林左旗：小米产业富了农家\n本报记者 孙建国\n"


# -- role + name ------------------------------------------------------------------------------

def test_role_before_name_gives_membership_in_the_org_named_before_the_role(members):
    assert members("美林镇党委书记王立新带队走访农户。") == [("王立新", "美林镇党委", "党委书记")]


def test_village_branch_secretary_is_a_member_of_the_branch(members):
    assert members(HEAD + "五星村党支部书记李春花带领村民种植小米。") == [
        ("李春花", "五星村党支部", "党支部书记")]


def test_branch_secretary_without_org_belongs_to_the_branch_of_the_village_of_the_article(
        members):
    text = HEAD + "五星村是有名的小米村。党支部书记李春花带领村民种植小米。"
    assert members(text) == [("李春花", "五星村党支部", "党支部书记")]


def test_deputy_director_belongs_to_the_centre_named_before_the_role(members):
    assert members("喀喇沁旗融媒体中心副主任张海峰介绍了情况。") == [
        ("张海峰", "喀喇沁旗融媒体中心", "副主任")]


def test_abbreviated_org_before_a_role_is_completed_in_the_membership(members):
    text = "宁城县：炕头讲堂送技术\n本报记者 赵丽\n县水利局局长刘振国介绍了经验。"
    assert members(text) == [("刘振国", "宁城县水利局", "局长")]


# -- name + title -----------------------------------------------------------------------------

def test_name_before_title_gives_membership_in_the_party_body_of_the_place_named_before(
        members):
    # A bare 书记 does not say whether the village has a 党支部, 党总支 or 党委.
    assert members(HEAD + "在五星村，王秀兰书记说，今年小米又丰收了。") == [
        ("王秀兰", "五星村党组织", "书记")]


def test_name_before_title_gives_membership_in_the_org_named_before(members):
    text = HEAD + "五星村党支部班子成员中，王秀兰书记在村里工作了二十年。"
    assert members(text) == [("王秀兰", "五星村党支部", "书记")]


# -- residence and bylines --------------------------------------------------------------------

@pytest.mark.parametrize("resident", ["村民", "牧民"])
def test_residence_is_not_a_role(members, resident):
    assert members(HEAD + f"五星村{resident}王大山说，日子越过越好。") == []


def test_journalists_and_correspondents_in_bylines_get_no_membership(members):
    text = ("五星村：小米产业富了农家\n本报记者 孙建国 通讯员 刘晓燕\n"
            "五星村召开村民大会。")
    assert members(text) == []


def test_membership_records_its_rule_and_sentence(build):
    result = build("美林镇党委书记王立新带队走访农户。")
    (membership,) = result.memberships
    assert membership.rule == family("zhkg.memberships:role-name").id
    assert membership.sentence.text == "美林镇党委书记王立新带队走访农户。"


def test_branch_secretary_belongs_to_the_branch_named_before_not_the_last_org(members):
    page = ("巴林左旗：党建引领乡村振兴\n\n通讯员 刘洋\n\n"
            "五星村党支部开展主题党日活动。旗委组织部负责同志到村指导。"
            "村党支部书记李春花说，党员干劲更足了。")
    assert members(page) == [("李春花", "五星村党支部", "党支部书记")]


@pytest.mark.parametrize("role", ["组织委员", "宣传委员", "纪检委员", "部务委员"])
def test_a_committee_member_by_portfolio_belongs_to_the_committee(members, role):
    assert members(f"美林镇党委{role}王立新说，全镇推行“积分超市”。") == [
        ("王立新", "美林镇党委", role)]


def test_a_student_belongs_to_the_university_named_with_them(members):
    assert members("内蒙古大学大三学生李明带着孩子们学习交通安全知识。") == [
        ("李明", "内蒙古大学", "学生")]


def test_staff_belong_to_the_body_named_with_them(members):
    text = "“以和为贵，共同让出了一条小巷。”桐城市财政局工作人员严文娟回答。"
    assert members(text) == [("严文娟", "桐城市财政局", "工作人员")]


def test_staff_belong_to_no_body_named_only_earlier(members):
    text = HEAD + "美林镇党委组织开展“红色宣讲”活动。工作人员宝音图说，收获很大。"
    assert [m for m in members(text) if m[0] == "宝音图"] == []


def test_a_landmark_named_earlier_in_the_article_is_no_one_s_organization(members):
    # The hydropower station of the quoted speech is where the oath was taken; the
    # new member belongs to the power-supply company named before it.
    text = ("在河北平山沕沕水水电站旧址，国网平山县供电公司3名新党员佩戴党员徽章，庄严宣誓。"
            "“当年军民同心建设沕沕水水电站，将发电机组运进深山。”新党员陈铮说，"
            "“我们要传承好老一辈的精神。”")
    assert members(text) == [("陈铮", "国网平山县供电公司", "党员")]


def test_a_student_belongs_to_no_organization_named_only_earlier(members):
    text = HEAD + "美林镇党委组织开展“红色宣讲”活动。高一学生宝音图说，收获很大。"
    assert [m for m in members(text) if m[0] == "宝音图"] == []


@pytest.mark.parametrize(("sentence", "person", "role", "body"), [
    ("社区党委书记王建国组织居民自治。", "王建国", "党委书记", "西南关社区党委"),
    ("预警信息很快发送至社区网格员李合的手机。", "李合", "网格员", "西南关社区居委会"),
])
def test_a_role_after_a_bare_unit_word_belongs_to_the_unit_of_the_article(
        members, sentence, person, role, body):
    # 社区党委书记: the committee of the community the article is about, not the
    # town's committee named last; a grid worker works for the community's committee.
    text = HEAD + "西南关社区位于城区。林东镇党委召开会议。" + sentence
    assert [m for m in members(text) if m[0] == person] == [(person, body, role)]


# -- the organization of a place named alone (a village's branch) ------------------------------

def _membership(result: DocumentResult, person: str):
    """The one membership of ``person`` in ``result``, and its organization's entity."""
    (ms,) = [m for m in result.memberships if result.entities[m.person].label == person]
    return ms, result.entities[ms.organization]


def test_a_branch_named_in_full_is_the_organization_and_lies_in_its_village(build):
    result = build(HEAD + "永兴村党支部书记王某某带领村民种植小米。")
    _, org = _membership(result, "王某某")
    assert (org.label, org.etype, org.ontology_class) == ("永兴村党支部", "ORG", "PartyBranch")
    assert result.entities[org.located_in].label == "永兴村"


def test_a_village_named_alone_gives_its_branch_minted_from_its_name(build):
    result = build(HEAD + "永兴村是有名的小米村。党支部书记王某某带领村民种植小米。")
    ms, org = _membership(result, "王某某")
    village = result.entities[org.located_in]
    assert (village.label, village.etype) == ("永兴村", "PLACE")
    assert (org.label, org.etype, org.ontology_class) == ("永兴村党支部", "ORG", "PartyBranch")
    assert org.alt_labels == {"永兴村"}  # the text names the branch by its village
    # The key a page naming the branch in full gives it, and no mention: not in the text.
    assert ms.organization == key_for("org", "永兴村党支部")
    assert not [m for m in result.mentions if m.entity == ms.organization]


def test_the_party_body_the_article_names_is_used(build):
    result = build(HEAD + "永兴村党委召开会议，部署秋收。永兴村书记王某某说，今年小米又丰收了。")
    _, org = _membership(result, "王某某")
    assert (org.label, org.ontology_class) == ("永兴村党委", "PartyCommittee")
    assert "永兴村" in org.alt_labels


@pytest.mark.parametrize(("sentence", "body", "cls"), [
    ("永兴村村干部王某某在网格内走访。", "永兴村村委会", "VillageCommittee"),
    # the class kg/data/org_heads.tsv gives 党组织, as when a page names the body in full
    ("永兴村党员王某某带头捐款。", "永兴村党组织", org_heads()["党组织"][0]),
    ("在天池镇，护边员王某某巡逻了二十年。", "天池镇人民政府", "Government"),
])
def test_a_role_of_no_organ_of_its_own_belongs_to_the_place_s_body(build, sentence, body, cls):
    _, org = _membership(build(HEAD + sentence), "王某某")
    assert (org.label, org.ontology_class) == (body, cls)


def test_a_volunteer_of_a_village_is_no_member_of_its_bodies(members):
    assert members(HEAD + "永兴村志愿者王某某每天打扫村道。") == []


def _pages() -> list[tuple[str, str]]:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    dev = [REAL / f"{doc}.txt" for doc in sorted(DEV)]
    for path in dev:
        assert path.is_file(), f"{path} is missing: the tests need ../shared beside the checkout"
    return [(path.stem, path.read_text(encoding="utf-8")) for path in [*seeds, *dev]]


def test_no_membership_of_the_seeds_and_dev_articles_is_in_a_place(extractor):
    places = []
    for name, text in _pages():
        result = extractor(name, text)
        places += [(name, result.entities[m.person].label, result.entities[m.organization].label)
                   for m in result.memberships
                   if result.entities[m.organization].etype != "ORG"]
    assert places == []


def _graph(result: DocumentResult) -> Graph:
    """The graph ``kg build`` writes of ``result``, as rdflib reads it."""
    builder = GraphBuilder()
    own, shared = builder.add(result)
    lines = [f"{q.subject} {q.predicate} {q.object} ." for q in [*own, *shared,
                                                                  *builder.entity_quads()]]
    return Graph().parse(data="\n".join(lines), format="nt")


def test_the_shapes_reject_a_place_as_a_membership_s_organization(build):
    result = build(HEAD + "永兴村是有名的小米村。党支部书记王某某带领村民种植小米。")
    graph = _graph(result)
    ok, report = validate_graph(graph)
    assert ok, report
    (ms,) = result.memberships
    village = result.entities[ms.organization].located_in
    (node,) = graph.subjects(ORG.organization, None)
    graph.set((node, ORG.organization, URIRef(GraphBuilder().iri(village).value)))
    ok, report = validate_graph(graph)
    assert not ok
    assert "org:organization is a kgo:Organization" in report


def test_posts_in_a_committee_and_its_department_are_two_memberships(build):
    result = build("宝坻区委常委、组织部部长张静华介绍，全区推行“三联”机制。")
    posts = {(ms.role, result.entities[ms.organization].label): result.entities[ms.organization]
             for ms in result.memberships}
    assert set(posts) == {("常委", "宝坻区委"), ("部长", "宝坻区委组织部")}
    assert len(result.memberships) == 2  # the committee post once, though read twice
    department = posts["部长", "宝坻区委组织部"]
    assert department.ontology_class == "PartyDepartment"
    assert department.sub_organization_of == posts["常委", "宝坻区委"].key
    assert department.alt_labels == {"组织部"}  # as the text names it here


@pytest.mark.parametrize(("sentence", "person", "org"), [
    ("合肥市科技局三级调研员王明忠在科技系统工作多年。", "王明忠", "合肥市科技局"),
    ("常驻中心的浙江理工大学教授戚栋明介绍。", "戚栋明", "浙江理工大学"),
])
def test_a_rank_or_title_in_a_unit_named_with_it_is_a_membership(build, sentence, person, org):
    result = build(sentence)
    _, body = _membership(result, person)
    assert body.label == org


def test_a_rank_with_no_unit_in_its_sentence_gives_no_membership(members):
    assert not members("合肥市科技局召开会议。三级调研员王明忠说，要坚持长期主义。")


def test_a_post_taken_by_a_verb_after_the_name_is_a_membership(members):
    assert members("2019年，社区居民推选李秀勤，李秀勤先后担任中大居民区党总支副书记。") == [
        ("李秀勤", "中大居民区党总支", "副书记")]


def test_a_post_verb_reaches_no_person_named_before_another(members):
    # 王某某 is named before 李秀勤: the post is 李秀勤's
    assert {p for p, _, _ in members(
        "王某某介绍，李秀勤先后担任中大居民区党总支副书记。")} <= {"李秀勤"}


@pytest.mark.parametrize("verb", ["当选", "当选为", "被选为"])
def test_a_post_one_is_elected_to_is_a_membership(members, verb):
    assert members(f"2020年12月，孙涛{verb}粮家村党支部书记，先办几件实事。") == [
        ("孙涛", "粮家村党支部", "书记")]


@pytest.mark.parametrize("text", [
    "“我们村变化很大。”王建国说。王建国，黄河村党支部书记，在村里干了20年。",
    "“我们村变化很大。”王建国说。王建国，是黄河村党支部书记。",
])
def test_a_title_set_after_the_name_as_its_own_clause_is_a_membership(members, text):
    assert members(text) == [("王建国", "黄河村党支部", "书记")]


def test_a_post_held_now_after_a_comma_is_a_membership(members):
    assert members("“我们村变化很大。”王建国说。王建国，现任黄河村党支部书记、村委会主任。") == [
        ("王建国", "黄河村党支部", "书记")]


def test_a_title_ending_a_caption_line_is_an_apposition(members):
    assert members("“我们村变化很大。”王建国说。\n王建国，黄河村党支部书记\n") == [
        ("王建国", "黄河村党支部", "书记")]


def test_a_post_held_where_the_person_worked_is_a_membership(members):
    assert ("赵海珍", "日月乡党委", "副书记") in members(
        "湟源县委组织部副部长赵海珍说。赵海珍曾在日月乡担任乡党委副书记。")


def test_a_post_verb_whose_subject_is_a_place_after_a_new_clause_gives_no_membership(members):
    assert members("“我们村变化很大。”王建国说。王建国介绍，黄河村成为镇党委书记联系点。") == []


def test_a_title_after_a_comma_that_runs_on_to_another_name_is_not_an_apposition(members):
    assert ("王建国", "黄河村党支部", "书记") not in members(
        "“我们村变化很大。”王建国说。王建国，黄河村党支部书记李明说，要抓好党建。")


@pytest.mark.parametrize(("text", "role", "org"), [
    ("大庆油田勘探开发研究院副院长张金友介绍。", "副院长", "大庆油田勘探开发研究院"),
    ("大庆油田第三采油厂厂长王群说。", "厂长", "大庆油田第三采油厂"),
])
def test_heads_and_deputies_of_institutes_and_plants_are_members(build, text, role, org):
    result = build(text)
    assert [(m.role, result.entities[m.organization].label)
            for m in result.memberships] == [(role, org)]


def test_a_banks_officer_is_a_member_of_the_branch_not_of_the_province(build):
    result = build("中国进出口银行甘肃省分行副行长王明说。")
    assert [(result.entities[m.organization].label, m.role) for m in result.memberships] == [
        ("中国进出口银行甘肃省分行", "副行长")]


def test_chief_of_a_one_character_head_belongs_to_the_body_of_that_kind_named_before(build):
    # 宝塔区 is named nearer, but a 所长 heads a 所.
    result = build("延安市公安局宝塔分局枣园派出所坚持每周学习。宝塔区居民纷纷点赞。"
                   "所长赵强说，要把好事办好。")
    assert [(m.role, result.entities[m.organization].label) for m in result.memberships] == [
        ("所长", "延安市公安局宝塔分局枣园派出所")]


def test_bare_head_before_a_role_is_the_body_of_that_kind_named_before(build):
    result = build("顺丰速运有限公司吐鲁番分公司开通专线。高昌区居民纷纷点赞。"
                   "分公司负责人赵庆洲介绍，瓜果当天发出。")
    assert [(m.role, result.entities[m.organization].label) for m in result.memberships] == [
        ("负责人", "顺丰速运有限公司吐鲁番分公司")]


# -- a 、-list of titles before the name ------------------------------------------------------

def test_each_title_of_a_list_before_the_name_is_a_post(members):
    # The title right before the name is no member role; the first one still counts.
    assert members("华亭镇党委书记、“共富桂”片区召集人许志勇介绍了情况。") == [
        ("许志勇", "华亭镇党委", "党委书记")]


def test_a_community_s_specialist_is_a_member_of_its_residents_committee(members):
    # 专干: a post of the community's own administration, like 网格员.
    assert members("巴南区莲花街道石洋街社区综合服务专干黄娜介绍，这支队伍已有70多人。") == [
        ("黄娜", "石洋街社区居委会", "专干")]


@pytest.mark.parametrize(("text", "expected"), [
    # The first title's post is in the branch; the second, whose body (妇联, 村委会) is
    # no entity, is in the place's own, not in the branch written before 兼.
    ("新园社区党总支书记兼妇联主席顾爱华介绍，针对新就业群体开设课堂。",
     [("顾爱华", "新园社区党总支", "党总支书记"), ("顾爱华", "新园社区居委会", "主席")]),
    ("长江源村党支部书记兼村委会主任扎西达娃说，村里变化很大。",
     [("扎西达娃", "长江源村党支部", "党支部书记"), ("扎西达娃", "长江源村村委会", "主任")]),
    # One that writes none is a post in the place's administration, as after 、.
    ("兴平镇党委委员兼副镇长李四说，今年全镇新建大棚。",
     [("李四", "兴平镇人民政府", "副镇长"), ("李四", "兴平镇党委", "党委委员")]),
    # 兼职 is a word: no title ends before its 兼.
    ("黄河村党支部书记、兼职网格员张三介绍情况。",
     [("张三", "黄河村党支部", "党支部书记"), ("张三", "黄河村村委会", "网格员")]),
])
def test_titles_joined_by_jian_before_the_name_are_posts_of_their_own(members, text,
                                                                      expected):
    assert sorted(members(text)) == sorted(expected)


def test_a_company_post_after_its_branch_post_is_in_the_company(members):
    assert sorted(members("自贡东恒新能源科技有限公司党支部书记、总经理王成说。")) == [
        ("王成", "自贡东恒新能源科技有限公司", "总经理"),
        ("王成", "自贡东恒新能源科技有限公司党支部", "党支部书记")]


def test_a_title_of_the_list_without_its_own_body_gives_no_post(members):
    # 90后党员 names no body; the place of the article is not one.
    assert members("大庆市推进油田转型。90后党员、研究室组长程心阳说。") == []


@pytest.mark.parametrize("role", ["董事长", "总经理", "局长"])
def test_a_company_or_bureau_post_is_no_post_in_the_government_of_the_article(members, role):
    assert members(f"江背镇招商引资成效明显。{role}凌海军心里踏实了。") == []


def test_a_bare_unit_word_is_the_unit_named_last_even_inside_a_body_s_name(members):
    # 凤都村 is named only inside its committee's name, after 苕溪村.
    text = ("仓前街道苕溪村开展议事活动。瓶窑镇凤都村村委会会议室里，大家各抒己见。"
            "村党委书记、村委会主任张小春最后发言。")
    assert sorted(members(text)) == [("张小春", "凤都村党委", "党委书记"),
                                     ("张小春", "凤都村村委会", "主任")]


@pytest.mark.parametrize(("text", "expected"), [
    # A bureau's party group, then the bureau.
    ("重庆市民政局党组书记、局长阚吉林表示。",
     [("阚吉林", "重庆市民政局", "局长"), ("阚吉林", "重庆市民政局党组", "党组书记")]),
    # A town's party committee, then the town's government.
    ("兴平镇党委委员、副镇长穆拉迪力·穆合塔尔说。",
     [("穆拉迪力·穆合塔尔", "兴平镇人民政府", "副镇长"),
      ("穆拉迪力·穆合塔尔", "兴平镇党委", "党委委员")]),
])
def test_a_second_post_after_a_party_post_is_in_the_body_or_place_the_party_body_serves(
        members, text, expected):
    assert sorted(members(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("自治区政协委员孔都孜·塔西在央视热播剧中饰演角色。",
     [("孔都孜·塔西", "自治区政协", "委员")]),
    ("自治区政协常委、吐鲁番学研究院院长艾里肯·巴拉提深耕吐鲁番学研究领域。",
     [("艾里肯·巴拉提", "吐鲁番学研究院", "院长"), ("艾里肯·巴拉提", "自治区政协", "常委")]),
])
def test_a_member_or_standing_member_of_the_body_named_before_is_a_post_in_it(
        members, text, expected):
    assert sorted(members(text)) == expected


def test_a_bare_body_before_a_sentence_role_refers_back_to_the_body_named_before(members):
    # 工程师 takes only a body of its sentence, but 研究所 right before it names one.
    text = ("2019年，开鲁县邀请中国科学院植物研究所中科羊草技术团队前来调研。"
            "这几年，研究所工程师刘辉长期在此驻点，推广牧草新品种。")
    assert members(text) == [("刘辉", "中国科学院植物研究所", "工程师")]
    # Without the bare head, an engineer belongs to no body named sentences before.
    text = ("2019年，开鲁县邀请中国科学院植物研究所中科羊草技术团队前来调研。"
            "这几年，工程师刘辉长期在此驻点，推广牧草新品种。")
    assert members(text) == []


def test_a_post_held_then_de_and_the_name_is_a_membership(members):
    text = "2019年6月，时任百坭村第一书记的黄文秀，在返岗途中遭遇山洪不幸牺牲。"
    assert [(p, r) for p, _, r in members(text)] == [("黄文秀", "第一书记")]
    # 的 without a verb of holding a post: a description, no membership.
    assert members(text.replace("时任", "")) == []


def test_a_ministry_s_department_head_is_a_member_of_the_ministry(members):
    # 司长 heads a department (司) of a ministry; the department is not named as a body.
    text = "农业农村部农村社会事业促进司司长唐珂表示，新时代文明乡风建设集中体现在5个方面。"
    assert ("唐珂", "农业农村部", "司长") in members(text)


def test_a_person_sent_to_a_village_takes_the_post_there(members):
    assert ("陈善举", "燕窠村党组织", "第一书记") in members(
        "福建省委组织部下派干部陈善举来到燕窠村任驻村第一书记。")
    # The village may follow the places it lies in.
    assert members("陈善举来到福建省南平市燕窠村任第一书记。") == [
        ("陈善举", "燕窠村党组织", "第一书记")]
    # The post of someone the person found there is not the person's.
    assert members("陈善举找到燕窠村任第一书记的李红梅了解情况。") == []
