"""Implementations: who carries out which programme where, with the sentence.

Within an article, the agent of a programme is the organization or place it is written
as the possession of (忠县的“青蓝计划”), else the one written right before the verb
that takes it (四川全面推行沟长制), else the nearest organization named before it in
the sentence or its ；-clause (not one only named as a person's affiliation), else, in a
quotation in the first person plural, the body of its speaker, else
the place the sentence, what a person reports or the nearest clause before the
programme's opens with (a region acting as government), else the place the sentence is
set in (在宝兴村，…), else the agent of the article's previous sentences or the place
a report arrived at, else the headline's region. A place the sentence says has built or
counts the programme's instances (在宝山区建成50多个) is an agent besides. Generic
references (该旗, 我区) count as the entity they stand for; each of coordinated bodies or
places (营盘社区和明珠社区开展“…”) is an agent of its own. The region is the place the
sentence says the programme is carried out in (在恼包村开展“…”) when that is no larger
than the agent's, else the agent's place when the agent is an organization, else the
agent itself, else the most specific place of the sentence or article. Each
implementation records which of these rules gave its agent (the families
``zhkg.implements:nearest-org`` …).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from kg.linking.anaphora import REFERENCE
from kg.model import Entity, Implementation, Mention, Sentence
from kg.rules.families import family
from kg.rules.lexicon import (
    CJK,
    LANDMARK_CLASSES,
    alternation,
    is_verb,
    role_words,
    word_list,
)
from kg.rules.units import ANAPHOR_CLASSES, LEVEL_PREFIXES
from kg.text import Article, sentences, starting_within

# Nationally known programmes (三会一课, 枫桥经验), recognized without quotes, and the
# verbs of carrying one out written right before it (抓好以工代赈, 推行河长制).
_KNOWN = family("zhkg.programs:known").id
_CARRY_OUT_VERBS = ("实施", "推行", "推进", "深化", "抓好", "落实", "开展", "推广", "实行", "建立",
                    "健全", "用好")
_CARRIED_OUT = re.compile(f"(?:{alternation(_CARRY_OUT_VERBS)})$")
# The ways an agent is found, each a rule family.
RULES = {rule: family("zhkg.implements:" + rule)
         for rule in ("nearest-org", "anaphora", "subject", "setting", "topic", "speaker",
                     "owner", "scale", "governor")}
# A quotation in the first person plural (“我们探索‘…’模式”), and the body of its speaker
# written right after it (”陈桥村党支部书记…介绍, ”海门区委组织部相关负责人说).
_QUOTATION = re.compile(r"“([^“”]{6,600})”")
_WE = re.compile(r"我们|咱们|我村|我镇|我县|我区|我市")
_ATTRIBUTION = re.compile(f"[^。！？“]{{0,30}}?(?:{alternation(word_list('speech_verbs'))})")


# Service centres that a village or community runs its work in, not bodies of their own
# (the guideline's examples list them as optional organizations or places).
_VENUES = ("党群服务中心",)
# Places that carry out nothing: landmarks, bases, compounds, places abroad and regions
# with no government of their own (长三角, 京津冀: their provinces act; landforms read as
# regions, 大别山区). A plain Site may be a settlement the data lacks (甘溪侗寨), and a
# zone has its own administration.
_NO_ACTORS = LANDMARK_CLASSES | {"Base", "ResidentialCompound", "ForeignPlace",
                                 "GeographicRegion"}


def _most_specific(places: list[Mention], entities: dict[str, Entity]) -> str | None:
    best, best_level = None, 0
    for m in places:
        level = entities[m.entity].admin_level or 6  # sites are below villages
        if level >= best_level:
            best, best_level = m.entity, level
    return best


def _region_of(agent: str, entities: dict[str, Entity]) -> str | None:
    ent = entities[agent]
    if ent.etype == "PLACE":
        return agent
    return ent.located_in


def extract_implementations(text: str, mentions: list[Mention], entities: dict[str, Entity],
                            articles: list[Article],
                            references: list[Mention] = ()) -> list[Implementation]:
    """Implementations of every programme mention that has an agent in its article."""
    mentions = sorted([*mentions, *references], key=lambda m: (m.start, m.end))
    out: list[Implementation] = []
    seen: set[tuple[str, str, str | None, int]] = set()
    starts = [m.start for m in mentions]
    for article in articles:
        in_article = starting_within(mentions, starts, article.start, article.end)
        headline_end = article.start + len(article.headline)
        headline_places = [m for m in in_article if m.etype == "PLACE" and m.start < headline_end]
        headline_orgs = [m for m in in_article if m.etype == "ORG" and m.start < headline_end]
        topic: str | None = None
        if headline_orgs:
            topic = headline_orgs[0].entity
        elif actors := [m for m in headline_places
                        if entities[m.entity].ontology_class not in _NO_ACTORS]:
            topic = actors[0].entity
        article_sentences = list(sentences(text, article.start, article.end))
        speakers = _speakers(text, article, in_article, [s.start for s in article_sentences])
        for sentence in article_sentences:
            inside = starting_within(mentions, starts, sentence.start, sentence.end)
            sentence_subject = _subject(sentence, inside, entities)
            for m in inside:
                if m.etype != "PROGRAM":
                    continue
                before = [x for x in inside if x.end <= m.start]
                subject = sentence_subject
                clause = _enumerated_clause(sentence, m)
                if clause is not None:
                    # 潍坊创新…“小修小补”…；枣庄培育“龙腾手造”…: each clause of an
                    # enumeration has its own actor, named at its opening.
                    in_clause = [x for x in inside if x.start >= clause.start]
                    clause_subject = _subject(clause, in_clause, entities)
                    if clause_subject is not None:
                        subject = clause_subject
                        before = [x for x in before if x.start >= clause.start]
                elif (nearer := _comma_clause_subject(sentence, m, inside, entities)) is not None:
                    # 扬州市将…拓展为…，邗江区选派…，同时开设“头雁课堂”: a later clause
                    # names its own actor.
                    subject = nearer
                orgs = [x for x in before if x.etype == "ORG"
                        and not _affiliation(x, inside, sentence)
                        and not _visited_by(x, before, sentence)]
                while orgs:
                    # 片区携手|天桂公司|实施“…”, 会同|县财政局、县农业农村局|制定“…”: partners,
                    # all of a coordination, are not the agent.
                    partners = _coordination(orgs[-1], before, sentence)
                    if not _partner(partners[0], sentence):
                        break
                    orgs = [x for x in orgs if not any(x is p for p in partners)]
                speaker = next((body for q0, q1, body in speakers if q0 < m.start < q1), None)
                owner = _owner(sentence, m, before, entities)
                if owner is not None:
                    # 忠县的“青蓝计划”, 余杭区探索的“…”专项行动: the programme is named as theirs.
                    agent, how = owner, "owner"
                elif (governor := _governor(sentence, m, before, entities)) is not None \
                        and governor != (orgs[-1].entity if orgs else subject):
                    # 这样的巡护，是四川全面推行沟长制: the body or place right before the
                    # verb that takes the programme carries it out (where the nearest body or
                    # the subject is another).
                    agent, how = governor, "governor"
                elif orgs and subject is not None and subject != orgs[-1].entity \
                        and entities[subject].etype in ("ORG", "PLACE") \
                        and _object_of_earlier_clause(orgs[-1], m, sentence):
                    # 福利院党支部…发挥“红心先锋队”党员突击队作用，深化“开门办院”: the nearer
                    # body was the object of the subject's verb in a clause before (but 指导
                    # 镇党委开展“…”: the body governed carries out what follows).
                    agent, how = subject, "subject"
                elif orgs:
                    agent, how = orgs[-1].entity, "nearest-org"
                    if orgs[-1].source == REFERENCE.id:
                        how = "anaphora"
                elif speaker is not None:
                    agent, how = speaker, "speaker"
                elif subject is not None:
                    agent, how = subject, "subject"
                elif (setting := _setting(sentence, inside, entities)) is not None \
                        and not _EVENT_BEFORE.search(text, max(0, m.start - 3), m.start):
                    # 在西丰县金星满族乡宝兴村，…驻村第一书记马刚牵头建立“党员联系户”制度:
                    # the place the sentence is set in acts when no one else is named.
                    agent, how = setting, "setting"
                elif topic is not None and _states_facts(sentence) and (
                        m.source != _KNOWN
                        or _CARRIED_OUT.search(text, max(0, m.start - 2), m.start)):
                    # A question or a foreign-language caption names a programme without
                    # saying who carries it out: only an agent in the sentence counts. So
                    # does a nationally known programme (做到接诉即办, 坚持和发展新时代枫桥
                    # 经验), named as a model more often than as the topic's own work,
                    # unless a verb of carrying out governs it (持续深化京蒙协作), quoted
                    # or not (坚持和发展新时代“枫桥经验”).
                    agent, how = topic, "topic"
                else:
                    continue
                agents = [agent]
                if how in ("nearest-org", "subject"):
                    # 营盘社区和明珠社区开展“…”: each body of a coordination carries it out.
                    agents += _coordinated(agent, before, inside, sentence)
                hows = [how] * len(agents)
                for place in _scaled(sentence, m, inside, entities):
                    if place not in agents:
                        agents.append(place)
                        hows.append("scale")
                venue = _venue(sentence, m, inside)
                for agent, how in zip(agents, hows, strict=True):
                    if entities[agent].label.endswith(_VENUES) and entities[agent].located_in:
                        # 军门社区党群服务中心创新采用的…: the centre is where the community works.
                        agent = entities[agent].located_in
                    region = _region_of(agent, entities)
                    if venue is not None and _finer(venue, region, entities):
                        region = venue
                    if region is None:
                        places = [x for x in inside if x.etype == "PLACE"] or headline_places
                        region = _most_specific(places, entities)
                    key = (agent, m.entity, region, sentence.start)
                    if key in seen:
                        continue
                    seen.add(key)
                    out.append(Implementation(agent, m.entity, region, sentence, RULES[how].id))
            if sentence_subject is not None:
                topic = sentence_subject
            elif (visited := _visited(sentence, inside)) is not None \
                    and entities[visited].ontology_class not in _NO_ACTORS:
                topic = visited  # (not 来到大别山: a mountain carries nothing out)
    return out


# What a place is said to have of a programme: instances built, set up or counted, the
# count closing the clause (门头沟区有140个，, 在宝山区建成50多个，, 全县已创办合约食堂105
# 个，), or the programme spread there already (已在黔东南全州推广). Not a count of
# something else (有3个人获评, 有困难的30个村), not a denial or a plan (没有, 尚未, 将).
# The whole of a unit (全县, 全州, 全域), by the units generic references name.
_WHOLE_UNIT = f"全(?:{'|'.join(sorted(ANAPHOR_CLASSES, key=len, reverse=True))})"
_WHOLE = rf"(?:{_WHOLE_UNIT}域?|全域)?"
_SCALE = re.compile(_WHOLE + r"([^，。；;、“”]{0,8}?)(?:已|累计|共|先后)?"
                    r"(?:有|建成|建起|创办|设立|设置|布设)了?[^，。；;]{0,10}?"
                    r"[0-9一二两三四五六七八九十百千万]+[多余]?[个家处座所](?=[，。；;、）)]|$)")
_SPREAD = re.compile(_WHOLE + r"推广")
_DENIED = re.compile("[没未不无将拟]")


def _scaled(sentence: Sentence, program: Mention, inside: list[Mention],
            entities: dict[str, Entity]) -> list[str]:
    """Places the sentence says have built or count instances of ``program``, after it
    (像这样的“高地堡垒”，门头沟区有140个) or with it written again after them."""
    text, base = sentence.text, sentence.start
    out: list[str] = []
    for x in inside:
        if x.etype != "PLACE" or x.start < program.end \
                or entities[x.entity].ontology_class in _NO_ACTORS:
            continue
        after = text[x.end - base:x.end - base + 30]
        counted = _SCALE.match(after)
        spread = _SPREAD.match(after) and text.endswith("已在", 0, x.start - base)
        if (counted and not _DENIED.search(counted.group(1))) or spread:
            out.append(x.entity)
    return out


def _coordination(m: Mention, mentions: list[Mention], sentence: Sentence) -> list[Mention]:
    """The organizations and places coordinated with ``m`` among ``mentions`` (营盘社区、
    明珠社区和…), ``m`` among them, in text order."""
    at = next(i for i, x in enumerate(mentions) if x is m)
    text, base = sentence.text, sentence.start

    def joined(a: Mention, b: Mention) -> bool:
        return a.etype in ("ORG", "PLACE") and b.etype in ("ORG", "PLACE") \
            and a.end <= b.start and text[a.end - base:b.start - base] in _COORDINATORS

    lo = hi = at
    while lo > 0 and joined(mentions[lo - 1], mentions[lo]):
        lo -= 1
    while hi + 1 < len(mentions) and joined(mentions[hi], mentions[hi + 1]):
        hi += 1
    return mentions[lo:hi + 1]


def _coordinated(agent: str, before: list[Mention], inside: list[Mention],
                 sentence: Sentence) -> list[str]:
    """The bodies and places coordinated with the agent's last mention before the
    programme (营盘社区、明珠社区, 区委组织部和区民政局), in text order, without the agent;
    none when they are partners (会同县财政局、县农业农村局) or a person's affiliation."""
    mention = next((x for x in reversed(before) if x.entity == agent), None)
    if mention is None:
        return []
    run = _coordination(mention, before, sentence)
    if _partner(run[0], sentence):
        return []
    out: list[str] = []
    for x in run:
        if x.entity != agent and x.entity not in out and not _affiliation(x, inside, sentence):
            out.append(x.entity)
    return out


# What joins coordinated bodies (营盘社区和明珠社区); 与, 联合, 携手 join a partner instead
# (县委组织部与县妇联开展…: the partner shares the work, the subject carries it out).
_COORDINATORS = frozenset(("、", "和", "及", "以及"))


def _venue(sentence: Sentence, program: Mention, inside: list[Mention]) -> str | None:
    """The place a programme is said to be carried out in, by 在 in its clause before
    it (…党支部联合…在恼包村开展了“消费维权宣传进乡村”): of places written together,
    the last one."""
    text = sentence.text
    for i, x in enumerate(inside):
        if x.etype != "PLACE" or x.end > program.start \
                or not text.endswith("在", 0, x.start - sentence.start):
            continue
        last = _written_on(inside, i)
        between = text[last.end - sentence.start:program.start - sentence.start]
        if len(between) <= _VENUE_GAP and not _CLAUSE_BREAK.search(between.rstrip("“‘")):
            return last.entity
    return None


def _finer(place: str, than: str | None, entities: dict[str, Entity]) -> bool:
    """Whether ``place`` is no larger a unit than ``than`` (恼包村党支部在包头市开展…: not
    包头市); a region (在黄河流域…) or a place abroad never is."""
    if entities[place].ontology_class in ("GeographicRegion", "ForeignPlace"):
        return False
    if than is None:
        return True
    level, other = entities[place].admin_level or 6, entities[than].admin_level or 6
    return level >= other


# The most characters between the place of 在 and the programme (在恼包村开展了“…”).
_VENUE_GAP = 8


def _enumerated_clause(sentence: Sentence, program: Mention) -> Sentence | None:
    """The clause of an enumeration holding the programme, when the sentence lists
    clauses with ；(临沂开展…；潍坊…；日照…, the first after a ：), else None."""
    text = sentence.text
    if "；" not in text and ";" not in text:
        return None
    at = program.start - sentence.start
    start = max(text.rfind("；", 0, at), text.rfind(";", 0, at))
    if start < 0:
        start = text.rfind("：", 0, at)
        if start < 0:
            return None
    start += 1
    ends = [i for i in (text.find("；", at), text.find(";", at)) if i >= 0]
    end = min(ends) if ends else len(text)
    return Sentence(sentence.start + start, sentence.start + end, text[start:end])


def _comma_clause_subject(sentence: Sentence, program: Mention, inside: list[Mention],
                          entities: dict[str, Entity]) -> str | None:
    """The actor opening the nearest clause before the programme's, after a comma, when
    it is not the sentence's own (…，邗江区选派…，同时开设“头雁课堂”)."""
    text = sentence.text
    at = program.start - sentence.start
    cut = at
    while (cut := max(text.rfind("，", 0, cut), text.rfind(",", 0, cut))) > 0:
        if "……" in text[cut:at]:
            return None  # 五一村主攻研学，秀水村发展……: the enumeration ended
        clause = Sentence(sentence.start + cut + 1, program.start, text[cut + 1:at])
        in_clause = [x for x in inside if clause.start <= x.start and x.end <= clause.end]
        # Only an actor the clause opens with: in 实现全市孤儿（义乌除外）… a place is
        # named inside the object.
        if in_clause and in_clause[0].start == clause.start:
            subject = _subject(clause, in_clause, entities)
            if subject is not None:
                return subject
    return None


def _owner(sentence: Sentence, program: Mention, before: list[Mention],
           entities: dict[str, Entity]) -> str | None:
    """The organization or place a programme is written as the possession of, right
    before it (忠县的‘青蓝计划’, 余杭区探索的‘…’, 巴州的“靶向改造”行动), or the division
    its quoted name is written right after (谢家湾街道“光荣在党50年”纪念章; not a park's
    伊克昭公园“行走的党课”, where it is held)."""
    owner = next((x for x in reversed(before) if x.etype in ("ORG", "PLACE")), None)
    if owner is None:
        return None
    gap = sentence.text[owner.end - sentence.start:program.start - sentence.start]
    # 上海市杨浦区“老杨树宣讲汇”: a division names the programme it runs.
    named_after = _QUOTE_OPENING.fullmatch(gap) is not None and owner.etype == "PLACE" \
        and entities[owner.entity].admin_level is not None
    m = _OWNED.match(gap)
    if not named_after and (m is None or (m.group(1) and not is_verb(m.group(1)))):
        return None
    if _partner(owner, sentence) or any(owner.end <= x.start for x in before if x is not owner):
        return None  # 联合|县妇联|共同打造的“…”: a partner; …X的Y打造的“…”: another's
    return owner.entity


_QUOTE_OPENING = re.compile("[“‘「『]")


# What stands between an owner and its programme: 的, or a verb of making and 的, the
# verb with its adverbial before it (昆山|围绕乡镇（街道）履职事项编制的“三张清单”).
_OWNED = re.compile(r"^(?:[^，,。；;：:！？“”‘’、]{0,16}?([\u4e00-\u9fff]{2}))?的[“‘「『]?$")


# What stands between a body or place and the programme its verb takes: adverbs, the
# verb, a few characters of modifier (四川|全面|推行|沟长制, 晋城市|启动|康养|“百村百院”).
_ADVERBS = ("全面", "大力", "积极", "持续", "深入", "率先", "先后", "相继", "已", "还", "也",
            "又", "正", "都", "均", "首先", "进一步", "不断", "着力", "专门", "随即", "迅速",
            "逐步")
_GOVERNING_VERBS = (*_CARRY_OUT_VERBS, "推出", "打造", "探索", "构建", "创建", "开设", "启动",
                    "举办", "组织", "搭建", "创设", "设立", "制定", "试点", "倡导", "创新",
                    "首创", "发起", "出台", "部署", "组建")
_GOVERNED = re.compile(f"(?:{alternation(_ADVERBS)}|在{_WHOLE_UNIT}){{0,3}}"
                       f"(?:{alternation(_GOVERNING_VERBS)})"
                       f"(?:了|出)?[{CJK}]{{0,4}}[“‘「『]?")
# Programmes of one list the verb takes (推行沟长制、河长制, 开展“…”“…”): the joint.
_LIST_JOINT = re.compile("[”’」』]?(?:、|和|及)?[“‘「『]?")
# Verbs of directing others that jieba does not tag as verbs (指导|东山村|开展…): the
# place or body after them carries out nothing of its own.
_DIRECTING = re.compile("(?:指导|督促|包联|选派|安排|邀请|动员|引导|帮助|带动|协调)$")
# A copula before the actor opens a clause of its own (是|四川|全面推行…).
_COPULAS = ("是", "正是", "就是", "也是", "都是", "即是")


def _governor(sentence: Sentence, program: Mention, before: list[Mention],
              entities: dict[str, Entity]) -> str | None:
    """The organization or place written right before the verb that takes the
    programme, or the list it opens (四川全面推行沟长制、河长制), when nothing governs it or
    the places and bodies written together or coordinated with it: no verb, preposition
    or partner's word before them (在|塔布赛乡恼包村|开展…, 指导|东山村|开展…, 会同|县财政局、
    县民政局|制定…); and no scope (全市推行…)."""
    text, offset = sentence.text, sentence.start
    first = program
    for x in reversed(before):
        if x.etype != "PROGRAM" or x.end > first.start:
            continue
        if not _LIST_JOINT.fullmatch(text, x.end - offset, first.start - offset):
            break
        first = x
    near = next((x for x in reversed(before) if x.end <= first.start
                 and x.etype in ("ORG", "PLACE", "PERSON")), None)
    if near is None or near.etype == "PERSON" \
            or _scope(near) \
            or entities[near.entity].ontology_class in _NO_ACTORS \
            or not _GOVERNED.fullmatch(text, near.end - offset, first.start - offset):
        return None
    # The run of places and bodies written together or coordinated that ends with it
    # (塔布赛乡恼包村, 县财政局、县民政局).
    run_start = near.start
    for x in reversed(before):
        if x.etype in ("ORG", "PLACE") and x.end <= run_start and (
                x.end == run_start or text[x.end - offset:run_start - offset] in _COORDINATORS):
            run_start = x.start
    lead = re.split(r"[，,；;：:。！？]", text[:run_start - offset])[-1]
    if (_governed(lead) and not lead.endswith(_COPULAS)) or _DIRECTING.search(lead) \
            or _PARTNER_BEFORE.search(lead):
        return None
    return near.entity


def _speakers(text: str, article: Article, in_article: list[Mention], opens: list[int]
              ) -> list[tuple[int, int, str]]:
    """Quotations in the first person plural and the organization or place that speaks
    them, named right after the closing mark before a speech verb (“我们探索‘工厂直供+
    直播销售’模式…”陈桥村党支部书记陈丽洪介绍): who “we” are. ``opens`` are where the
    article's sentences start."""
    out: list[tuple[int, int, str]] = []
    for q in _QUOTATION.finditer(text, article.start, article.end):
        if not _WE.search(q.group(1)):
            continue
        said = _ATTRIBUTION.match(text, q.end())
        body = next((m for m in in_article if m.start == q.end()
                     and m.etype in ("ORG", "PLACE", "PERSON")), None)
        if said is not None and body is not None and body.etype != "PERSON" \
                and body.end <= said.end():
            out.append((q.start(), q.end(), body.entity))
            continue
        # “我们…”徐达琰说: the speaker named alone speaks for the body the article
        # named before his role and name (红古区委社会工作部部长徐达琰).
        if said is not None and body is not None and body.etype == "PERSON" \
                and body.end <= said.end() \
                and (own := _body_of(body.entity, in_article, body.start)) is not None:
            out.append((q.start(), q.end(), own))
            continue
        before = _speaker_before(text, q.start(), in_article, opens)
        if before is not None:
            out.append((q.start(), q.end(), before))
    out.extend(_reported(text, article, in_article, opens))
    return out


def _body_of(person: str, in_article: list[Mention], before: int) -> str | None:
    """The organization named right before a person's role and name earlier in the
    article (红古区委社会工作部|部长|徐达琰)."""
    for body, named in pairwise(in_article):
        if named.start >= before:
            return None
        if named.entity == person and _titled(body, named):
            return body.entity
    return None


# A speech verb closing a speaker's name and opening what is reported (郑严说，…).
_SAYS_AFTER = re.compile(f"(?:{alternation(word_list('speech_verbs'))})[，,]")
# A report without a subject opens on what the speaker's body will or does do (未来，将…;
# 下一步还将…; 目前已…).
_REPORTED_OPENING = re.compile(
    r"(?:(?:未来|下一步|今后|接下来|目前|近年来|今年|如今|现在)[，,]?)?"
    r"(?:将|要|还|也|已|正|持续|继续|进一步)")


def _reported(text: str, article: Article, in_article: list[Mention], opens: list[int]
              ) -> Iterable[tuple[int, int, str]]:
    """What a person of an organization reports with no subject, opening on a modal or
    time adverb, up to the sentence's end, naming no body or place that could act, and
    that organization (二七区委组织部副部长郑严说，未来，将探索推行“…”: the department
    speaks for itself; not …主任朱听松介绍，通过对“三张清单”的创新活用，周市镇推出…,
    where the town acts, nor …介绍，针对…，街道各社区打造“…”, which opens on no adverb)."""
    for body, person in pairwise(in_article):
        said = _SAYS_AFTER.match(text, person.end)
        if said is None or not _titled(body, person) \
                or not _REPORTED_OPENING.match(text, said.end()):
            continue
        i = bisect_right(opens, said.end())
        end = opens[i] if i < len(opens) else article.end
        if not any(said.end() <= m.start < end and m.etype in ("ORG", "PLACE")
                   for m in in_article):
            yield said.end(), end, body.entity


# A speech verb and a colon opening a quotation (…王楠…指着明堂说：“…”).
_SAYS_BEFORE = re.compile(f"(?:{alternation(word_list('speech_verbs'))})[：:]$")


def _speaker_before(text: str, opening: int, in_article: list[Mention],
                    opens: list[int]) -> str | None:
    """The body of the person who speaks a quotation, named in the same sentence before
    it: an organization right before the speaker's role and name (洛阳市文广旅局副局长
    王楠站在…说：“我们…打造‘盛世隋唐’…”)."""
    if not _SAYS_BEFORE.search(text, max(0, opening - 6), opening):
        return None
    # The sentence the quotation opens in, by kg.text.sentences (not a scan back).
    start = opens[max(0, bisect_right(opens, opening) - 1)] if opens else 0
    inside = [m for m in in_article if start <= m.start and m.end <= opening]
    for body, person in pairwise(inside):
        if _titled(body, person):
            return body.entity
    return None


def _titled(body: Mention, person: Mention) -> bool:
    """Whether an organization stands right before a person, at most a role between
    (洛阳市文广旅局|副局长|王楠)."""
    return body.etype == "ORG" and person.etype == "PERSON" \
        and 0 <= person.start - body.end <= _ROLE_CHARS


# The longest role between a body and the person it names (副局长, 党支部书记).
_ROLE_CHARS = 6


def _setting(sentence: Sentence, inside: list[Mention],
             entities: dict[str, Entity]) -> str | None:
    """The place a sentence opens by setting itself in, after a time phrase if any
    (在西丰县金星满族乡宝兴村，…; 回到利民村，…): of places written together, the last."""
    text = sentence.text
    frame = _SETTING.match(text)
    if frame is None:
        return None
    at = sentence.start + frame.end()
    for i, m in enumerate(inside):
        if m.start == at and m.etype == "PLACE":
            last = _written_on(inside, i)
            if text[last.end - sentence.start:last.end - sentence.start + 1] not in ("，", ","):
                return None
            if entities[last.entity].ontology_class in _NO_ACTORS:
                return None
            return last.entity
    return None


# An event held somewhere (在海门高新区稻香村，一场“榜样党课下基层”活动…): the place hosts it.
_EVENT_BEFORE = re.compile("(?:一场|一次|一堂|一期|一届)[“‘「『]?$")
# A sentence set in a place: a time phrase, then 在 or a verb of arrival before it.
_SETTING = re.compile(r"\s*(?:[^，,。；;“”]{1,12}[，,])?(?:在|回到|走进|来到)")


def _visited(sentence: Sentence, inside: list[Mention]) -> str | None:
    """The place a report arrives at (便来到海流图镇西羊场村): what follows is about it.
    Of places written together, the last and most specific one."""
    text = sentence.text
    for i, m in enumerate(inside):
        if m.etype == "PLACE" and text.endswith(_ARRIVE, 0, m.start - sentence.start):
            return _written_on(inside, i).entity
    return None


def _written_on(mentions: list[Mention], i: int) -> Mention:
    """The last of the places written together from ``mentions[i]`` on (海流图镇|西羊场村)."""
    place = mentions[i]
    for nxt in mentions[i + 1:]:
        if nxt.start != place.end or nxt.etype != "PLACE":
            break
        place = nxt
    return place


# Verbs of a reporter's or a visitor's arrival.
_ARRIVE = ("来到", "走进", "走入", "步入", "到了", "驱车至", "抵达")
# Verbs of a body going to another to carry out its work there, right before it.
_VISIT = re.compile(f"(?:{'|'.join((*_ARRIVE, '深入', '前往', '进入', '走访', '赴'))})$")


def _scope(m: Mention) -> bool:
    """Whether a reference names a scope, the whole of a place (全市, 全县: the mentions
    :mod:`kg.linking.anaphora` resolves), not an actor (but 全椒县, 全州县 are counties)."""
    return m.source == REFERENCE.id and m.text.startswith("全")


def _subject(sentence: Sentence, inside: list[Mention],
             entities: dict[str, Entity]) -> str | None:
    """An organization or place that opens the sentence or its main clause, if it can
    carry a programme out (no park, road or residential compound: 金都南苑小区有13户
    states a fact).

    It may follow a time phrase (近年来，) or an adverbial clause closed by a
    comma (对65周岁以上的老党员，该旗坚持…), but not a verb (走进X, 依托X), a partner's
    word (还与X联合…) or stand as a modifier (X的…). Of places written together
    (上海庙镇八一村) the last one that can act is the subject (仓南街社区, not its
    金都南苑小区), or the organization they own; of
    coordinated ones (营盘社区和明珠社区开展…) the last, which stands for them all.
    """
    text = sentence.text
    # where the clause that may hold the subject opens, in the sentence: after a
    # dateline (本报南宁5月6日电), whose place is where the paper reports from
    dateline = _DATELINE.match(text)
    opens = dateline.end() if dateline else 0
    passed = -1  # where the last organization or place that cannot be the subject ends
    for i, m in enumerate(inside):
        if m.start - sentence.start < opens:
            continue
        if m.start == passed and m.etype in ("ORG", "PLACE"):
            passed = m.end  # 从浙江|杭州: written on, a place is governed as the first
            continue
        if m.etype not in ("ORG", "PLACE"):
            if m.etype == "PERSON":
                said = _SAID.match(text, m.end - sentence.start)
                if said is None:
                    return None
                opens = said.end()  # 王立新说，敖汉旗…: what is reported has its subject
            continue
        lead = text[opens: m.start - sentence.start]
        clause = re.split(r"[，,；;：:]", lead)[-1]
        passed = m.end
        opening = len(clause) <= 12 and not _governed(clause) and (
            clause == lead or lead[-1:] in "，,")
        if clause == lead and clause.endswith("的") and len(clause) <= 24 \
                and text[m.end - sentence.start:m.end - sentence.start + 1] in ("，", ","):
            # 拥有近7.5万亩盐碱荒地的宁夏，“以渔改碱…”: described, then the topic
            opening = True
        if _scope(m) or _affiliation(m, inside, sentence) \
                or _PARTNER_BEFORE.search(clause) or not opening:
            # 全市 counts; …发展中心副主任德格吉日夫 is a person's affiliation; 还与市人社局
            # 联合开展… names the partner of an actor left unsaid: none of them acts.
            continue
        # Of places written together (上海庙镇八一村) the last; of coordinated ones
        # (营盘社区和明珠社区开展…) the last stands for them all.
        subject, j = m, i
        while j + 1 < len(inside):
            nxt = inside[j + 1]
            gap = text[subject.end - sentence.start:nxt.start - sentence.start]
            if nxt.etype not in ("ORG", "PLACE") or nxt.start < subject.end \
                    or entities[nxt.entity].ontology_class in _NO_ACTORS \
                    or (gap and (gap not in _COORDINATORS or _affiliation(nxt, inside, sentence))):
                break
            subject, j = nxt, j + 1
        end = subject.end - sentence.start
        if text[end:end + 1] in _MODIFIER_AFTER or _RELATIVE_AFTER.match(text, end):
            # 园林社区的…, 上海庙镇八一村的党员…, 文山市所在的文山壮族苗族自治州… describe:
            # they do not act
            continue
        if entities[subject.entity].ontology_class in _NO_ACTORS:
            return None
        return subject.entity
    return None


# A dateline opening a report (本报南宁5月6日电, 新华社北京…电, 本报讯), with the reporters
# in brackets after it (本报合肥1月12日电  （韩俊杰、俞晓萌）): they are no subject.
_DATELINE = re.compile(r"\s*(?:本报|新华社|人民网|新华网|中新网)[^，。；\s]{0,14}?[电讯]"
                       r"(?:\s*[（(][^（()）]{0,40}[）)])?")
# Verbs and conjunctions before an organization that joins the agent in the act.
_PARTNER_BEFORE = re.compile(r"(?:携手|联合|联手|会同|协同|与|和|同|跟)$")


def _partner(m: Mention, sentence: Sentence) -> bool:
    """Whether an organization is named as the partner of the one carrying out the
    programme (片区携手天桂公司实施…, 县委组织部联合县妇联开展…)."""
    return bool(_PARTNER_BEFORE.search(sentence.text, 0, m.start - sentence.start))


def _visited_by(m: Mention, before: list[Mention], sentence: Sentence) -> bool:
    """Whether an organization is where a body named before it goes to carry out the
    programme (土左旗退役军人事务局走进|土左旗蒙古族小学|开展了“…”): the host, not the
    actor."""
    at = m.start - sentence.start
    verb = _VISIT.search(sentence.text, max(0, at - 3), at)
    return verb is not None and any(x.etype in ("ORG", "PLACE")
                                    and x.end <= sentence.start + verb.start() for x in before)


def _object_of_earlier_clause(org: Mention, program: Mention, sentence: Sentence) -> bool:
    """Whether an organization is the object of a verb in a clause before the programme's
    (发挥|…突击队|作用，深化“…”)."""
    between = sentence.text[org.end - sentence.start:program.start - sentence.start]
    if not re.search(r"[，,；;]", between):
        return False
    lead = sentence.text[:org.start - sentence.start].rstrip("“‘")
    clause = re.split(r"[，,；;：:。]", lead)[-1]
    # 利用|省“希望之光”|专家帮扶团|资源: a level prefix or a quoted name the mention
    # leaves out opens the object.
    bare = _QUOTED_END.sub("", clause)
    bare = bare.removesuffix(next((p for p in LEVEL_PREFIXES if bare.endswith(p)), ""))
    return (_governed(clause) or _governed(bare)) and not _PARTNER_BEFORE.search(clause)


_QUOTED_END = re.compile(r"“[^“”]{1,12}”$")


def _states_facts(sentence: Sentence) -> bool:
    """Whether a sentence reports what was done: not a question or a foreign caption."""
    text = sentence.text.strip()
    if text.endswith(("?", "？")):
        return False
    other = len(_CJK_RUN.sub("", text))
    return (len(text) - other) * 2 >= len(text)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _affiliation(m: Mention, inside: list[Mention], sentence: Sentence) -> bool:
    """Whether an organization is only named as a person's affiliation: a person follows
    in the same clause after at most a title (…中心副主任张三, 敖汉旗委常委、组织部部长王立新,
    赤峰市委组织部党建引领基层治理工作处处长李明)."""
    last_end = m.end
    for n in inside:
        if n.start < m.end:
            continue
        if n.etype in ("ORG", "PLACE"):
            joint = sentence.text[last_end - sentence.start:n.start - sentence.start]
            if joint in _COORDINATORS or joint == "与":
                return False  # 组织部和|民政局局长王五: the person is the other body's
            last_end = max(last_end, n.end)  # 宁城县|大城子镇党委书记张三, 思茅区原区委常委…
        if n.etype == "PERSON":
            gap = sentence.text[m.end - sentence.start:n.start - sentence.start]
            # A title ends with a role word (副主任, 组织部部长); 邗江区选派包括曹文辉…
            # names the body that sends the person, not the person's.
            return len(gap) <= _TITLE_CHARS and not _CLAUSE_BREAK.search(gap) \
                and (not gap or _role_end_re().search(gap) is not None)
    return False


@lru_cache(maxsize=1)
def _role_end_re() -> re.Pattern[str]:
    """A role word ending a title (…组织部部长)."""
    return re.compile(f"(?:{alternation(role_words())})$")


# The longest title between an organization and its person's name.
_TITLE_CHARS = 20
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?“”\s]")
# A person's name, then what ends a report of speech: 说，/ 介绍：.
_SAID = re.compile(f"[^，,。；;]{{0,6}}?(?:{alternation(word_list('speech_verbs'))})[，,：:]")


# A mention followed by these modifies or joins another noun: it is not the subject.
_MODIFIER_AFTER = frozenset("的、和与及等内外中里")
# …or by a relative phrase of place (文山市所在的|文山壮族苗族自治州).
_RELATIVE_AFTER = re.compile("(?:所在|所属|下辖|周边|境内)的")


def _governed(clause: str) -> bool:
    """Whether the clause before a mention ends with a verb or preposition (走进, 在)."""
    clause = clause.strip()
    if not clause:
        return False
    return clause[-1] in "在于到向对把将从经由赴给为被让以" or is_verb(clause[-2:]) \
        or is_verb(clause[-1:]) or clause.endswith(_USING)


# Verbs of using a resource that jieba's lexicon tags otherwise (利用 as a noun).
_USING = ("利用", "用好", "运用")
