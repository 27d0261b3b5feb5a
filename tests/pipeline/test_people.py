"""PERSON: bylines, role + name, name + speech verb; titles, kinship terms and roles are not."""

from __future__ import annotations

import pytest


def people(ents, text: str) -> list[str]:
    return [t for t, label in ents(text) if label == "PERSON"]


# -- bylines --------------------------------------------------------------------

def test_reporter_byline_name_is_a_person(ents):
    assert ents("本报记者 孙晓东") == [("孙晓东", "PERSON")]


def test_correspondent_byline_name_is_a_person(ents):
    assert ents("通讯员 白玉洁") == [("白玉洁", "PERSON")]


def test_reporter_and_correspondent_on_one_byline_are_two_people(ents):
    assert ents("●本报记者 孙晓东 通讯员 韩雅琪") == [("孙晓东", "PERSON"), ("韩雅琪", "PERSON")]


def test_byline_names_joined_by_a_pause_mark_are_two_people(ents):
    assert people(ents, "本报记者 孙晓东、白玉洁") == ["孙晓东", "白玉洁"]


def test_photographer_before_she_is_a_person(ents):
    assert ents("赵宏伟 摄") == [("赵宏伟", "PERSON")]


def test_two_photographers_before_she_are_two_people(ents):
    assert ents("赵宏伟 吴晓光 摄") == [("赵宏伟", "PERSON"), ("吴晓光", "PERSON")]


def test_spaced_byline_name_with_no_break_spaces_is_a_person(ents):
    # Some pages pad a two-character name with U+00A0, not ordinary spaces.
    assert people(ents, "菜园子“种出”饭票子\n\n本报记者\u00a0\u00a0窦\u00a0\u00a0皓\n") == [
        "窦\u00a0\u00a0皓"]


def test_a_surname_and_an_everyday_word_listed_in_a_credit_is_a_person(ents):
    # 方圆 is an everyday word; between reporters' names it is one, and so is 张云河
    # after it (no river).
    text = "（本报记者孟祥夫、孟海鹰、曹玲娟、尹晓宇、方圆、范昊天、张云河、王欣悦、周欢）"
    assert {"方圆", "张云河"} <= set(people(ents, text))
    assert "方圆" not in people(ents, "方圆百里的村民都来赶集。")


def test_byline_person_span_is_exact(nlp):
    text = "●本报记者 孙晓东 通讯员 韩雅琪"
    # pkuseg cuts 韩|雅琪; the entity still covers the whole name.
    got = [(e.text, e.start_char, e.end_char) for e in nlp(text).ents]
    assert got == [("孙晓东", 6, 9), ("韩雅琪", 14, 17)]


# -- role + name ------------------------------------------------------------------

def test_party_branch_secretary_han_name_is_a_person(ents):
    assert people(ents, "玛拉沁村党支部书记王振华介绍，村里建起了冷链仓库。") == ["王振华"]


def test_party_branch_secretary_mongolian_name_is_a_person(ents):
    assert people(ents, "胡斯台嘎查党支部书记宝音德力格尔带领牧民发展肉牛养殖。") == [
        "宝音德力格尔"]


def test_mongolian_name_cut_by_the_segmenter_is_one_person(ents):
    # pkuseg: 敖特根|巴雅尔
    assert people(ents, "嘎查党支部书记敖特根巴雅尔介绍，今年新建了棚圈。") == ["敖特根巴雅尔"]


def test_first_secretary_han_name_is_a_person(ents):
    assert people(ents, "驻村第一书记杨振宇带领村民种植中药材。") == ["杨振宇"]


@pytest.mark.parametrize(("text", "name"), [
    ("牧民巴特尔说，今年羊的价格不错。", "巴特尔"),
    ("牧民乌日娜告诉记者，合作社让她的收入翻了一番。", "乌日娜"),
])
def test_herder_mongolian_name_is_a_person(ents, text, name):
    assert ents(text) == [(name, "PERSON")]


def test_herder_name_after_quoted_speech_is_a_person(ents):
    assert ents("“现在看病方便多了！”牧民萨仁高娃笑着说。") == [("萨仁高娃", "PERSON")]


def test_villager_name_after_quoted_speech_is_a_person(ents):
    assert ents("“这条路修好了，出行方便多了。”村民李桂兰说。") == [("李桂兰", "PERSON")]


# -- name + speech verb -------------------------------------------------------------

def test_han_name_before_biaoshi_is_a_person(ents):
    assert ents("郭海燕表示，将继续做好群众服务工作。") == [("郭海燕", "PERSON")]


@pytest.mark.parametrize(("text", "name"), [
    ("巴特尔表示，要把好政策落到实处。", "巴特尔"),
    ("其其格介绍，嘎查新建了文化室。", "其其格"),
])
def test_mongolian_name_before_speech_verb_is_a_person(ents, text, name):
    assert ents(text) == [(name, "PERSON")]


# -- what is not a person -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "刘奶奶拉着志愿者的手连声道谢。",
    "张奶奶的家里收拾得干干净净。",
    "李大姐常年照顾孤寡老人。",
])
def test_kinship_term_alone_is_not_a_person(ents, text):
    assert people(ents, text) == []


@pytest.mark.parametrize("text", [
    "书记带领党员走访群众。",
    "第一书记深入农户家中了解情况。",
    "老党员们纷纷表示支持。",
    "党员们纷纷表示要向先进学习。",
    "村民们说，日子越过越红火。",
    "志愿者介绍，活动将持续一个月。",
])
def test_role_or_collective_noun_alone_is_not_a_person(ents, text):
    assert people(ents, text) == []


def test_speaker_of_quoted_speech_without_a_name_is_not_a_person(ents):
    assert people(ents, "“我们一定把合作社办好！”村民们齐声说道。") == []


@pytest.mark.parametrize(("text", "name"), [
    ("牧民图雅说，合作社让牧民们的腰包鼓了起来。", "图雅"),
    ("乌云其木格说，合作社让大家富了起来。", "乌云其木格"),
])
def test_transliterated_name_with_common_word_inside_is_a_person(ents, text, name):
    assert (name, "PERSON") in ents(text)


# -- bylines without a surname check -----------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("本报记者 晓雪", "晓雪"),
    ("通讯员 木子", "木子"),
])
def test_pen_name_in_a_byline_is_a_person(ents, text, name):
    assert ents(text) == [(name, "PERSON")]


@pytest.mark.parametrize(("text", "name"), [
    ("本报实习记者 阿拉坦", "阿拉坦"),
    ("实习记者 那仁高娃", "那仁高娃"),
])
def test_transliterated_name_after_shixi_jizhe_is_a_person(ents, text, name):
    assert ents(text) == [(name, "PERSON")]


def test_byline_names_separated_by_spaces_are_several_people(ents):
    assert ents("本报记者 孙红梅 王建军 赵丽娜") == [
        ("孙红梅", "PERSON"), ("王建军", "PERSON"), ("赵丽娜", "PERSON")]


def test_reporter_and_correspondent_with_transliterated_names_are_two_people(ents):
    assert ents("●本报记者 海日汗 通讯员 乔丹妮") == [("海日汗", "PERSON"), ("乔丹妮", "PERSON")]


def test_jizhe_name_she_is_one_person(ents):
    assert ents("记者 高志强 摄") == [("高志强", "PERSON")]


# -- lexicon words are not names ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "党员干部廉洁自律。",
    "党员干部担当作为。",
    "党员干部清正廉洁。",
    "领导干部严于律己。",
])
def test_adjective_or_verb_after_ganbu_is_not_a_name(ents, text):
    assert people(ents, text) == []


# -- titles and roles around a name ------------------------------------------------------------

def test_name_before_lieshi_is_a_person(ents):
    assert ents("杨靖宇烈士的英雄事迹感染着每一名党员。") == [("杨靖宇", "PERSON")]


def test_name_before_xiansheng_is_a_person(ents):
    assert ents("“张伯苓先生说过，爱国是教育的根本。”") == [("张伯苓", "PERSON")]


def test_name_before_laoshi_is_a_person(ents):
    assert ents("周晓燕老师在课堂上讲述了红色故事。") == [("周晓燕", "PERSON")]


@pytest.mark.parametrize(("text", "name"), [
    ("老兵韩德胜向学生讲述了抗战故事。", "韩德胜"),
    ("退役老兵张文斌讲述了战斗经历。", "张文斌"),
])
def test_name_after_laobing_is_a_person(ents, text, name):
    assert ents(text) == [(name, "PERSON")]


def test_name_after_laobing_containing_a_river_name_is_one_person(ents):
    assert ents("老兵李长江讲述了战斗经历。") == [("李长江", "PERSON")]


@pytest.mark.parametrize(("text", "name"), [
    ("老党员王德福78岁了，仍坚持义务巡逻。", "王德福"),
    ("网格员刘秀英56岁，每天走访独居老人。", "刘秀英"),
])
def test_name_followed_by_an_age_is_a_person(ents, text, name):
    assert ents(text) == [(name, "PERSON")]


# -- kinship terms -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "王大爷笑得合不拢嘴。",
    "赵阿姨每天准时来到活动室。",
    "陈叔叔主动报名当志愿者。",
])
def test_surname_plus_kinship_term_is_not_a_person(ents, text):
    assert people(ents, text) == []


# -- name boundaries on a page ---------------------------------------------------------------

def test_name_is_cut_before_the_next_word_when_the_page_writes_it_alone(ents):
    text = "社区党委书记张霞挥手示意。一天早晨，张霞路过王家。"
    assert "张霞挥" not in people(ents, text)
    assert "张霞" in people(ents, text)
    # Only where the page writes the short name before a predicate.
    text = "78岁的村民李淑芬骑着三轮车来到广场。副院长李淑荣介绍，义诊持续一天。"
    assert "李淑芬" in people(ents, text)


def test_last_character_opening_a_verb_is_cut_from_the_name(ents):
    assert people(ents, "村党委书记郭奎带领村民完成了江堤加固。") == ["郭奎"]


@pytest.mark.parametrize(("text", "name"), [
    ("所长丛国成迎出来。", "丛国成"),
    ("区政数局副局长席炜带领干部巡查。", "席炜"),
])
def test_common_surname_missing_from_jionlp_opens_a_name(ents, text, name):
    assert name in people(ents, text)


def test_conjunction_after_a_role_and_name_closes_the_name(ents):
    assert "刘尧" in people(ents, "外卖骑手刘尧不仅是驿站的常客。")


def test_person_noun_last_character_does_not_open_the_name(ents):
    text = "昆都仑分局经侦大队民警张继武介绍，公安机关还开展了宣传。"
    assert people(ents, text) == ["张继武"]


def test_adverb_between_name_and_speech_verb_is_not_part_of_the_name(ents):
    assert people(ents, "社区党委书记李薇不忘介绍空间调整背后的考虑。") == ["李薇"]


@pytest.mark.parametrize("text", [
    "他于今年担任居委会主任。",
    "离不开各级政协组织和政协委员的履职担当。",
    "一名新任领导干部坚定地说。",
])
def test_organization_idiom_or_adverbial_is_not_a_person(ents, text):
    assert people(ents, text) == []


# -- cues without a role word ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("62岁的辛海田是村里的助餐员。", "辛海田"),
    ("土建专业工程师石海潮还记得第一次进场。", "石海潮"),
    ("运输司机王亮接过饭盒。", "王亮"),
])
def test_age_or_occupation_before_a_name_is_a_cue(ents, text, name):
    assert name in people(ents, text)


def test_surname_with_a_polite_title_is_not_a_person(ents):
    assert people(ents, "学生家长梁女士笑着说。") == []


# -- credits ---------------------------------------------------------------------------------

def test_co_writers_after_a_reporter_title_are_people_whatever_their_surname(ents):
    names = people(ents, "（本报记者刘泉、王云娜、翦英奇参与采写）")
    assert {"刘泉", "王云娜", "翦英奇"} <= set(names)


@pytest.mark.parametrize("text", ["近日，记者来到浙江、广西等地。", "记者手记"])
def test_reporter_in_prose_is_no_credit(ents, text):
    assert people(ents, text) == []


def test_noun_in_zi_after_a_resident_noun_is_not_a_person(ents):
    assert people(ents, "村民钱袋子鼓起来，村庄环境变美了。") == []


@pytest.mark.parametrize("text", [
    "牢记总书记殷殷嘱托，接续奋斗。",
    "社区干部有了更多好帮手。",
])
def test_reduplication_or_you_after_a_role_is_not_a_person(ents, text):
    assert people(ents, text) == []


def test_verb_with_its_aspect_particle_is_cut_from_the_name(ents):
    assert "关伟看" not in people(ents, "已入职30年的老党员关伟看着眼前的现代化装备。")


# -- one name per page -------------------------------------------------------------------------

def test_name_a_rule_confirms_is_the_same_name_elsewhere_on_the_page(ents):
    text = "90后新农人王瑜拿出手机。说话间，王瑜弯下腰，轻捏茎秆。"
    assert people(ents, text) == ["王瑜", "王瑜"]


def test_three_character_name_the_page_confirms_is_not_cut(ents):
    text = "老党员龚德进见状，跳入水中。问他哪来的勇气，龚德进说：“应该的。”"
    assert set(people(ents, text)) == {"龚德进"}


# -- names after posts and person nouns, read on team-annotated articles ---------------

@pytest.mark.parametrize(("text", "name"), [
    ("国盾量子公司副总裁周雷在2009年时便加入。", "周雷"),  # 周 is also "week": 雷 is a name's
    ("宁河区医院改扩建项目劳务人员李强说。", "李强"),  # jieba knows 李强 as a frequent name
    ("劳务队人员季发峰焦急地向驻队党代表反映。", "季发峰"),
    ("企业服务局局长涂强同项目建设方仔细商量。", "涂强"),  # 同: "with", no part of the name
    ("焊工高级技师李亚正在培训学员。", "李亚"),  # 正在: "is doing"
])
def test_a_name_after_a_post_or_person_noun_ends_where_the_predicate_begins(ents, text, name):
    assert people(ents, text) == [name]


@pytest.mark.parametrize("text", [
    "发现他因长期在外务工，跟儿子有隔阂。",  # 有|隔阂 is "have a rift"
    "当时，他还想到楼里可能有行动不便的老人。",  # 楼里 is "in the building"
])
def test_a_surname_character_before_a_word_is_no_name(ents, text):
    assert people(ents, text) == []


@pytest.mark.parametrize(("text", "name"), [
    # 浙江理工大学|郑今欢|教授: the university the person belongs to stands before the name
    ("东进新材料与浙江理工大学郑今欢教授团队成功牵手。", "郑今欢"),
    # the title ends the name: 张波|师傅, no 张波师
    ("“怎么做出符合图纸要求的成品？”劳务队张波师傅的一句话点醒了大家。", "张波"),
])
def test_a_name_between_its_body_and_a_title_is_a_person(ents, text, name):
    assert people(ents, text) == [name]


def test_word_ending_in_an_organizations_last_character_is_no_name(ents):
    # 宣|讲队: 宣 is a surname, but 宣讲 + 队 is a team of speakers.
    assert [t for t, label in ents("神山农民宣讲队走进村里。") if label == "PERSON"] == []


def test_adverb_before_verbs_is_no_surname(ents):
    # 都 is a surname, but 都|爱|听 is "all like to listen".
    assert [t for t, label in ents("嗓门亮，腰板直，游客都爱听。") if label == "PERSON"] == []


def test_a_verb_before_an_aspect_particle_ends_no_name(ents):
    # 邹宇|盯着: 盯 is the predicate's verb, not the name's last character.
    assert [t for t, label in ents("年轻党员邹宇盯着屏幕上的水位流量。") if label == "PERSON"] == [
        "邹宇"]


def test_pair_term_after_a_listed_name_bounds_it(ents):
    assert [t for t, label in ents("韶山村村民毛晓文、毛谷华姐弟，在自家的农家乐忙碌。")
            if label == "PERSON"] == ["毛晓文", "毛谷华"]


# -- names with a middle dot -------------------------------------------------------

@pytest.mark.parametrize("text,name", [
    # The role before the name is no part of it, though 员 is a person noun's end.
    ("走进哈密市左公文化苑，维吾尔族讲解员迪丽妮尕尔·艾尼娃尔正在讲述收复新疆的故事。",
     "迪丽妮尕尔·艾尼娃尔"),
    # One character outside the transliteration set leads, a surname: 孔.
    ("自治区政协委员孔都孜·塔西在央视热播剧中饰演角色。", "孔都孜·塔西"),
    # 主任 ends right before the name: 任 is no surname of it.
    ("综合管理部主任阿迪娜·买买提说，公司上下都很感动。", "阿迪娜·买买提"),
    ("吐鲁番学研究院院长艾里肯·巴拉提深耕吐鲁番学研究领域。", "艾里肯·巴拉提"),
])
def test_a_dotted_name_starts_after_the_role_before_it(ents, text, name):
    assert people(ents, text) == [name]


def test_a_dotted_name_ends_before_a_word_its_last_character_opens(ents):
    # 提前 is a word: the name is 格敏江·热合木江.
    assert people(ents, "57岁的哈萨克族牧民格敏江·热合木江提前40分钟赶到。") == ["格敏江·热合木江"]


def test_a_column_title_with_a_middle_dot_is_no_name(ents):
    assert people(ents, "“新疆政协·雨露讲坛”邀请百名专家学者走进基层。") == []


def test_a_one_character_verb_before_zai_is_not_the_given_name_s(ents):
    # 王楠|站在: 站 is rare in given names; 陈志成|在 keeps its third character.
    text = "洛阳市文广旅局副局长王楠站在应天门遗址前，指着不远处的明堂说。"
    assert people(ents, text) == ["王楠"]
    assert people(ents, "书记陈志成在会上强调，要抓好落实。") == ["陈志成"]


def test_shi_closing_a_clause_of_time_is_not_the_given_name_s(ents):
    text = "记者见到新安县委书记王智时，他正带着市文旅集团的人在湖边考察。"
    assert people(ents, text) == ["王智"]


def test_a_one_character_verb_with_its_aspect_ends_a_three_character_name(ents):
    # 田友举|种了: 种 never closes a given name, and 了 marks it the verb.
    text = "专业合作社负责人田友举种了20多年枸杞，如今这里的枸杞不愁销路。"
    assert people(ents, text) == ["田友举"]


def test_a_verb_de_and_an_adverb_are_no_name(ents):
    assert people(ents, "企业负责人谈得很直白：“钱要用在刀刃上。”") == []
    assert people(ents, "村民王得全说，今年收成不错。") == ["王得全"]


def test_a_surname_before_a_kinship_term_is_no_name(ents):
    assert people(ents, "建停车场，需要移栽居民李奶奶家的两棵树木。") == []


def test_a_tibetan_name_after_an_age_is_a_person(ents):
    # Tibetan names have no Han surname: their characters are the transliteration's.
    assert people(ents, "几株柳苗，不及半米高。38岁的多吉旺久蹲下身，轻掀保护膜。") == ["多吉旺久"]


def test_a_dotted_name_after_a_person_noun_is_that_name_wherever_the_page_writes_it(ents):
    # 开 is no transliteration character, but nothing else can open the name after 护边员;
    # the page's other 开沙尔·吐尔逊 is the same name, and 和 after it the conjunction.
    text = ("破城子边境检查站护边员开沙尔·吐尔逊，已带着队员开始了新一天的巡边工作。"
            "当地柯尔克孜族群众居多，开沙尔·吐尔逊和宣讲队队员们就把要点改编成小调。")
    assert people(ents, text) == ["开沙尔·吐尔逊", "开沙尔·吐尔逊"]


def test_a_preposition_after_a_person_noun_opens_no_dotted_name(ents):
    assert people(ents, "村民在阿依古丽·买买提的带领下种植果树。") == ["阿依古丽·买买提"]
