"""Every rule family of the registry has a real example that it yields.

The table below names every family of ``kg/data/rule_families.tsv`` with a short
excerpt quoted verbatim from a page of ``seeds/`` (the user's pages) or, where the
seeds have none, of ``tests/heldout/texts/`` (pages written for testing), and what the
family finds in it. Where neither has one, the family runs on a whole real article of
``../shared/real`` (read there, never copied here). A family added to the registry
without an entry fails here, by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import Extractor
from kg.linking.anaphora import resolve_references
from kg.pipeline import load_pipeline
from kg.pipeline.org_judge import FAMILY as JUDGE
from kg.rules.families import ENTITY_LABELS, RuleFamily, families
from kg.text import articles

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Example:
    """An excerpt of a page and what one family finds in it."""

    page: str            # the page quoted, under seeds/ or tests/heldout/texts/ (or real())
    text: str            # the excerpt, verbatim; "" for the whole page
    surface: str         # the span found; for IMPL the programme, for MEMBER the person
    partner: str = ""    # a reference's referent, IMPL's agent, MEMBER's organization
    chosen: bool = True  # a recognition family's candidate also wins into the entities


def seed(name: str) -> str:
    return f"seeds/{name}.txt"


def heldout(name: str) -> str:
    return f"tests/heldout/texts/{name}.txt"


def real(name: str) -> str:
    """A real article of ../shared/real, beside the checkout."""
    return f"../shared/real/{name}.txt"


# The seed pages quoted, by what they report.
HOHHOT_GREEN = seed("000_5d75087a5d22f330")  # 呼和浩特 护绿用绿, 北什轴乡, 和林格尔县司法局
XINCHENG = seed("001_0251cab32248a4b7")      # 新城区, 兴安南路街道, 快递行业党委, 托克托县
ETUOKE = seed("002_af015012fd988336")        # 鄂托克前旗, 鄂托克旗, 园林社区, 先锋观点
BORDER = seed("003_0cdc18226c8e2912")        # 统战部, 北疆党旗红, 土默特右旗
GONGXIN = seed("004_f7f43db65705d640")       # 市工信局, 市区域经济合作局, 回民区

# A bureau named, then taken up by 该局 in the next paragraph.
BUREAU = ("市区域经济合作局发挥基层党组织战斗堡垒作用和党员先锋模范作用,"
          "重点围绕党的建设、招商引资和区域协同发展扎实开展工作,积极推动基层党建与中心工作深度融合。"
          "\n\n该局坚持主动“走出去”")

# Family name → its example.
EXAMPLES: dict[str, Example] = {
    # -- places ---------------------------------------------------------------------------
    "zhkg.places": Example(
        XINCHENG, "托克托县以实施村党组织“头雁队伍”为抓手", "托克托县"),
    "zhkg.places:chain": Example(
        ETUOKE, "敖勒召其镇塔班陶勒盖嘎查的集体经济红利", "塔班陶勒盖嘎查"),
    "zhkg.places:road": Example(
        XINCHENG, "兴安南路街道积极探索基层治理新路径", "兴安南路街道"),
    "zhkg.places:street": Example(real("unlabelled/0113"), "", "宝塔大道"),
    "zhkg.places:site": Example(
        HOHHOT_GREEN, "冬日的和林格尔县南山公园别有一番冷峻之美。", "南山公园"),
    "zhkg.places:feature": Example(
        ETUOKE, "当年我跨过鸭绿江时,心里只有一个念头——保家卫国!", "鸭绿江"),
    "zhkg.places:region": Example(
        GONGXIN, "定期调度我市深度融入京津冀“两小时经济圈”相关工作进展情况", "京津冀"),
    "zhkg.places:alias": Example(
        HOHHOT_GREEN, "特别是回民区西乌素图艺术村,在现代生态文旅产业高质量发展上下足功夫,"
        "全方位展现出生态文旅相融合的壮美青城", "青城"),
    "zhkg.places:abroad": Example(
        heldout("10_alashan_shoubian"), "这里北与蒙古国接壤", "蒙古国"),
    # Neither the seeds nor tests/heldout list names before a count of their unit.
    "zhkg.places:counted": Example(
        real("unlabelled/0034"), "涵盖西天尾镇北大、后黄、吴江3个村", "后黄"),
    # The data lacks 古生村: the chain after 湾桥镇 finds it, the next paragraph repeats it.
    "zhkg.places:repeated": Example(
        heldout("05_yunnan_erhai"), "", "古生村"),
    # -- organizations ----------------------------------------------------------------------
    "zhkg.orgs:place": Example(
        HOHHOT_GREEN, "北什轴乡党委牵头建立", "北什轴乡党委"),
    "zhkg.orgs:prefix": Example(
        GONGXIN, "市工信局制定“空中飞线”专项整治包联机制", "市工信局"),
    "zhkg.orgs:quoted": Example(
        XINCHENG, "引导快递员组建“小哥骑先锋”志愿服务队", "“小哥骑先锋”志愿服务队"),
    "zhkg.orgs:named": Example(
        ETUOKE, "依托镇域乡村振兴平台海禾公司", "海禾公司"),
    "zhkg.orgs:listed": Example(
        XINCHENG, "联合市委组织部、社工部、政法委、总工会等部门", "社工部"),
    # The judge proposes nothing: its example is a rule's candidate that it drops, the
    # fragment 军人事务局 that the named-organization rule reads after 退役.
    # No page of seeds/ or tests/heldout/ names a ministry.
    "zhkg.orgs:central": Example(real("unlabelled/0039"), "", "应急管理部"),
    "zhkg.orgs:judge": Example(
        GONGXIN, "近日,土左旗退役军人事务局走进土左旗蒙古族小学开展了", "军人事务局",
        chosen=False),
    # -- people ------------------------------------------------------------------------------
    "zhkg.people:byline": Example(
        XINCHENG, "本报讯(记者 宋向华)近年来", "宋向华"),
    "zhkg.people:role": Example(
        XINCHENG, "中海社区网格员米慧敏收到退休党员、楼栋长刘建斌发来的消息。", "米慧敏"),
    "zhkg.people:name-role": Example(
        ETUOKE, "习近平总书记在二十届中央纪委五次全会上特别强调", "习近平"),
    "zhkg.people:speech": Example(
        BORDER, "何常俊表示,今后将瞄准现实需要", "何常俊"),
    # No page of seeds/ or tests/heldout/ lists names after a role: 支部党员曾朝宗、范金科.
    "zhkg.people:list": Example(real("unlabelled/0140"), "", "范金科"),
    # A name that opens the clause, no cue word beside it: the learned scorer's.
    "zhkg.people:model": Example(
        XINCHENG, "在此次垃圾纠纷事件中,刘建斌发现1701住户和1702住户在微信群中争吵,", "刘建斌"),
    "zhkg.people:dotted": Example(
        heldout("06_xinjiang_hemu"), "网格员古丽米拉·吐尔逊每天要走访二十多户居民",
        "古丽米拉·吐尔逊"),
    # -- programmes -------------------------------------------------------------------------
    "zhkg.programs:quoted": Example(
        GONGXIN, "回民区抓实“理论课堂”,以“全面学”强化思想淬炼。", "理论课堂"),
    "zhkg.programs:known": Example(
        BORDER, "切实抓好以工代赈,推动抵边嘎查村零就业家庭动态清零。", "以工代赈"),
    "zhkg.programs:numeric": Example(
        BORDER, "探索“党群思想教育联抓、辖区社会治安联防、生产项目联建”的三联工作法", "三联"),
    # The page quotes “送学上门” once and heads a section with it written bare.
    "zhkg.programs:repeated": Example(XINCHENG, "", "送学上门"),
    # A set of measures after 构建 that the rules passed over, which the learned judge takes.
    "zhkg.programs:judge": Example(
        HOHHOT_GREEN, "当好“廉内助”“监督员”,构建“单位倡廉、家庭助廉、党员守廉”的良性互动格局",
        "单位倡廉、家庭助廉、党员守廉"),
    # -- references and relations -----------------------------------------------------------
    "zhkg.anaphora": Example(
        GONGXIN, BUREAU, "该局", "市区域经济合作局"),
    "zhkg.anaphora:bare-body": Example(
        heldout("02_gansu_shuxiang"), "元古堆村地处渭河源头，山大沟深，过去是远近闻名的贫困村。"
        "近年来，村党支部聚焦马铃薯种薯产业", "村党支部", "元古堆村"),
    "zhkg.implements:nearest-org": Example(
        XINCHENG, "近日,回民区阿拉善北路街道部队社区党支部开展了“送学上门”活动。", "送学上门",
        "部队社区党支部"),
    "zhkg.implements:anaphora": Example(
        GONGXIN, BUREAU, "走出去", "市区域经济合作局"),
    "zhkg.implements:subject": Example(
        GONGXIN, "回民区抓实“理论课堂”,以“全面学”强化思想淬炼。", "理论课堂", "回民区"),
    "zhkg.implements:setting": Example(
        "tests/relations/test_implements.py",
        "在西丰县金星满族乡宝兴村，来自辽宁省委党校的驻村第一书记马刚牵头建立“党员联系户”制度。",
        "党员联系户", "宝兴村"),
    "zhkg.implements:topic": Example(
        XINCHENG, "托克托县：\n\n“三化三力”建强乡村振兴“头雁队伍”", "头雁队伍", "托克托县"),
    "zhkg.implements:speaker": Example(
        "tests/relations/test_implements.py",
        "“我们探索‘工厂直供+直播销售’模式，助力家具产业转型。”陈桥村党支部书记陈丽洪介绍。",
        "工厂直供+直播销售", "陈桥村党支部"),
    "zhkg.implements:owner": Example(
        "tests/relations/test_implements.py",
        "回忆起刚到村里的情景，张登卓说，“忠县的‘青蓝计划’为我解了困。”", "青蓝计划", "忠县"),
    "zhkg.implements:scale": Example(
        "tests/relations/test_implements.py",
        "上海宝山区淞南十村设立“畅小站”。如今，“畅小站”及类似空间在宝山区建成50多个，惠及",
        "畅小站", "宝山区"),
    "zhkg.implements:governor": Example(
        ETUOKE,
        "近日,达拉特旗旗府街道新华社区组织开展了“马跃纸间添年味,温暖社区一家亲”主题剪纸活动。",
        "马跃纸间添年味,温暖社区一家亲", "新华社区"),
    "zhkg.memberships:role-name": Example(
        BORDER, "板申气村党支部书记杨广峰对党员们说。", "杨广峰", "板申气村党支部"),
    # No real page (seeds, tests/heldout, the 193 of ../shared/real) writes a member role
    # right after a full name; the sentence is the one tests/relations wrote for it.
    "zhkg.memberships:name-role": Example(
        "tests/relations/test_memberships.py",
        "五星村党支部班子成员中，王秀兰书记在村里工作了二十年。", "王秀兰", "五星村党支部"),
    "zhkg.memberships:post-verb": Example(
        "tests/relations/test_memberships.py",
        "2019年，社区居民推选李秀勤，李秀勤先后担任中大居民区党总支副书记。", "李秀勤",
        "中大居民区党总支"),
    "zhkg.memberships:apposition": Example(
        "tests/relations/test_memberships.py",
        "“我们村变化很大。”王建国说。王建国，黄河村党支部书记，在村里干了20年。", "王建国",
        "黄河村党支部"),
}


@pytest.fixture(scope="module")
def registry() -> dict[str, RuleFamily]:
    return families()


def test_every_registered_family_has_an_example(registry: dict[str, RuleFamily]) -> None:
    """The table names exactly the registry's families: a new family needs an example."""
    missing = sorted(set(registry) - set(EXAMPLES))
    unknown = sorted(set(EXAMPLES) - set(registry))
    assert not missing, f"families without an example: {', '.join(missing)}"
    assert not unknown, f"examples of no registered family: {', '.join(unknown)}"


def _page(example: Example) -> str:
    return (ROOT / example.page).read_text(encoding="utf-8")


def _params() -> list[object]:
    return [pytest.param(name, example, id=name) for name, example in EXAMPLES.items()]


@pytest.mark.parametrize(("name", "example"), _params())
def test_example_is_quoted_verbatim_from_its_page(name: str, example: Example) -> None:
    """Each excerpt is a verbatim piece of the page it names."""
    assert example.text in _page(example)


@pytest.mark.parametrize(("name", "example"), _params())
def test_family_finds_its_example(name: str, example: Example, registry: dict[str, RuleFamily],
                                  nlp: Language, extractor: Extractor) -> None:
    """The family yields the expected span, reference or relation in its excerpt."""
    fam = registry[name]
    text = example.text or _page(example)
    if fam.name == JUDGE.name:
        def proposed(doc: Doc) -> set[str]:
            return {text[c.start:c.end] for c in doc._.zhkg_candidates if c.label == "ORG"}

        assert example.surface in proposed(load_pipeline(disabled_sources=[fam.name])(text))
        assert example.surface not in proposed(nlp(text)), f"{fam.id} kept {example.surface!r}"
        return
    if fam.label in ENTITY_LABELS:
        doc = nlp(text)
        spans = {(c.start, c.end) for c in doc._.zhkg_candidates
                 if c.source == fam.id and text[c.start:c.end] == example.surface}
        assert spans, f"{fam.id} found no {example.surface!r}"
        if example.chosen:
            assert any((c.start, c.end) in spans and c.source == fam.id
                       for c in doc._.zhkg_entities), f"{example.surface!r} is not chosen"
        return
    result = extractor("test", text)
    labels = {key: entity.label for key, entity in result.entities.items()}
    if fam.label == "REFERENCE":
        found = {(m.text, labels[m.entity]) for m in resolve_references(
            text, result.mentions, result.entities, articles(text)) if m.source == fam.id}
    elif fam.label == "IMPL":
        found = {(labels[i.program], labels[i.agent]) for i in result.implementations
                 if i.rule == fam.id}
    else:
        found = {(labels[m.person], labels[m.organization]) for m in result.memberships
                 if m.rule.partition("+")[0] == fam.id}
    assert (example.surface, example.partner) in found, f"{fam.id} found only {found}"
