"""Memberships: a person's role in an organization (党支部书记图门乌力吉).

A role word right before the name (or right after it) gives the role; the
organization is the one named right before the role, else the nearest
organization or place before it in the sentence, else in the article. When that is a
place (the text names only the village: 永兴村|书记), the membership is in the place's body
the role belongs to: one the article names (永兴村党委), else one minted from the place's
name (永兴村党组织), never the place itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from kg.linking import key_for, normalize_name
from kg.model import Entity, Membership, Mention, Sentence
from kg.rules.families import family
from kg.rules.lexicon import (
    CJK_RE,
    LANDMARK_CLASSES,
    alternation,
    org_heads,
    role_organs,
    role_words,
    sentence_roles,
)
from kg.rules.units import LOCAL_UNITS
from kg.text import Article, sentences, starting_within

# Where the role word stands, each a rule family.
RULES = {rule: family("zhkg.memberships:" + rule)
         for rule in ("role-name", "name-role", "post-verb", "apposition")}
# 冯娟担任|官庄村党支部|书记, 彭涛曾任…主任，兼任|弄岛镇党委|书记: a verb of taking a post
# after the person (with the time or adverb words between) and before the body.
_POST_VERB = re.compile(r"(?:担任|兼任|出任|接任|升任|任|当选为?|推?选为|选举为|现为|当了|成为)$")
_POST_GAP = re.compile(r"^[^。！？；“”]{0,12}$")
# A title set after the name as a clause of its own (王建国，黄河村党支部书记，…;
# 刘永强，是…书记。), closed by a pause, another title (、) or the sentence's end.
_APPOSITION = re.compile(r"[，,](?:是|系)?")
_CLOSES = frozenset("，,。；;！？、”）)")

# The class of a body minted from its place's name (永兴村|党支部) whose organ word is no
# head of kg/data/org_heads.tsv; the others take the head's class there, so that a body
# has one class whether a page names it in full or by its place.
_MINTED_CLASSES: dict[str, str] = {
    "嘎查委员会": "VillageCommittee", "办事处": "Government", "": "Institution",
}
# 党组织 stands for whichever party body the place has (港南村党委, 战旗村党总支).
_PARTY_ORGANS = ("党委", "党总支", "党支部", "党组织")
# The classes of those bodies: a company's branch is one, the company is its parent.
_PARTY_CLASSES = frozenset(("PartyCommittee", "PartyGeneralBranch", "PartyBranch",
                            "PartyOrganization", "PartyWorkCommittee", "PartyGroup"))


def _organ_class(organ: str) -> str:
    head = org_heads().get(organ)
    return head[0] if head is not None else _MINTED_CLASSES[organ]


@cache
def _organ_matches(organ: str) -> frozenset[str]:
    """The classes of a body the text may name for ``organ``."""
    organs = _PARTY_ORGANS if organ == "党组织" else (organ,)
    return frozenset(_organ_class(o) for o in organs)


# A place's own administration, by the place's class, for roles that name no organ
# (主任, 网格员, 干部): the committee of a village or community, the office of a
# subdistrict, the government of a town or larger division, the management committee
# of a zone or site. A museum or memorial hall is its own body (its name, no organ word).
# Lakes, mountains, rivers and regions have none: no membership.
ADMINISTRATIONS: dict[str, str] = {
    "Village": "村委会", "VillageLevelDivision": "村委会", "Gacha": "嘎查委员会",
    "Community": "居委会", "ResidentialCompound": "居委会", "Subdistrict": "办事处",
    **dict.fromkeys(("Town", "Township", "Sumu", "TownshipLevelDivision", "County",
                     "CountyLevelCity", "CountyLevelDivision", "District", "Banner",
                     "PrefectureCity", "PrefectureLevelDivision", "League",
                     "AutonomousPrefecture", "Province", "ProvinceLevelDivision",
                     "AutonomousRegion", "Municipality"), "人民政府"),
    **dict.fromkeys(("FunctionalZone", "Site", "ScenicArea", "Park", "Square", "Base",
                     "NatureReserve"), "管委会"),
    "Museum": "", "MemorialHall": "",
}


@cache
def _member_role_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Member roles ending a stretch of text, and opening one."""
    roles = alternation([r for r, member in role_words().items() if member])
    return re.compile(f"(?:{roles})$"), re.compile(f"^(?:{roles})")


def extract_memberships(text: str, mentions: list[Mention], entities: dict[str, Entity],
                        articles: list[Article]) -> list[Membership]:
    before_re, after_re = _member_role_patterns()
    out: list[Membership] = []
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    starts = [m.start for m in mentions]
    for article in articles:
        in_article = starting_within(mentions, starts, article.start, article.end)
        for sentence in sentences(text, article.start, article.end):
            inside = starting_within(mentions, starts, sentence.start, sentence.end)
            for m in inside:
                if m.etype != "PERSON":
                    continue
                role_m = before_re.search(text[max(sentence.start, m.start - 12):m.start])
                role_start = m.start - len(role_m.group(0)) if role_m else None
                how = "role-name"
                if role_m is None and text[m.start - 1:m.start] == "的":
                    # 时任百坭村第一书记的黄文秀: a post held, then 的 and the name
                    held = before_re.search(text[max(sentence.start, m.start - 13):m.start - 1])
                    title = m.start - 1 - len(held.group(0)) if held else 0
                    if held and _HELD_POST.search(text, max(sentence.start, title - 16), title):
                        role_m, role_start = held, title
                if role_m is None:
                    role_m = after_re.match(text[m.end:m.end + 8])
                    role_start = m.start
                    how = "name-role"
                # 华亭镇党委书记、“共富桂”片区召集人许志勇: each title of a 、-list before the
                # name is a post of the person's.
                earlier = list(_earlier_titles(text, sentence, m.start, role_start, before_re))
                posts = [*earlier, (role_m.group(0), role_start)] if role_m else earlier
                party_bodies: set[str] = set()
                for role, start in posts:
                    first = start != role_start
                    out.extend(_post(text, m, role, start, inside, in_article, entities,
                                     sentence, RULES["role-name" if first else how].id,
                                     party_bodies, first))
            out.extend(_posts_taken(text, inside, entities, in_article, sentence, after_re))
    # 区委常委、组织部部长: the committee post is read from its title and again from
    # the department's; one membership each.
    unique: dict[tuple[str, str, str, int], Membership] = {}
    for ms in out:
        unique.setdefault((ms.person, ms.organization, ms.role, ms.sentence.start), ms)
    return list(unique.values())


# A verb of holding a post that opens a title before 的 and the name (时任…第一书记的黄文秀).
_HELD_POST = re.compile("时任|现任|曾任|原任|担任")


def _earlier_titles(text: str, sentence: Sentence, person_start: int,
                    role_start: int | None, before_re: re.Pattern[str]
                    ) -> Iterable[tuple[str, int]]:
    """The member roles of the titles joined by 、 or 兼 before the one right before the
    name (华亭镇党委书记|、|“共富桂”片区召集人|许志勇), each with where it starts."""
    end = role_start if role_start is not None else person_start
    at = _title_start(text, max(sentence.start, end - 16), end, before_re)
    found: list[tuple[str, int]] = []
    while at > sentence.start and text[at - 1] in _TITLE_JOINTS:
        role_m = before_re.search(text[max(sentence.start, at - 1 - 12):at - 1])
        if role_m is None:
            break
        start = at - 1 - len(role_m.group(0))
        found.append((role_m.group(0), start))
        at = _title_start(text, max(sentence.start, start - 16), start, before_re)
    return reversed(found)


# A title's words before its role: a name or unit without punctuation but quotes
# (“共富桂”片区); it runs back to the 、 that opens it (a 兼 is cut by _title_start).
_TITLE_RE = re.compile(r"(?:[“”‘’]|[\u4e00-\u9fff])*$")
# What joins two titles of one person (党支部书记、村委会主任; 党总支书记兼妇联主席).
_TITLE_JOINTS = ("、", "兼")


def _title_start(text: str, start: int, end: int, before_re: re.Pattern[str]) -> int:
    """Where the title ending at ``end`` opens: after the last 兼 inside it that closes a
    member role (党总支书记兼|妇联主席; not 、|兼职网格员), else at its first character."""
    title = _TITLE_RE.search(text, start, end)
    at = title.start() if title else end
    joint = text.rfind("兼", at, end)
    while joint >= 0:
        if before_re.search(text[max(start, joint - 12):joint]):
            return joint + 1
        joint = text.rfind("兼", at, joint)
    return at


def _post(text: str, person: Mention, role: str, role_start: int, inside: list[Mention],
          in_article: list[Mention], entities: dict[str, Entity], sentence: Sentence,
          rule: str, party_bodies: set[str], earlier: bool) -> list[Membership]:
    """The membership (and a department's) for ``role`` written at ``role_start`` before
    or after ``person``, ``earlier`` in a 、-list of titles; ``party_bodies`` collects
    the party bodies of the person's earlier posts in the list."""
    # A student's school is named with them, never only earlier in the article.
    known = inside if role in sentence_roles() else in_article
    org = _unit_named_before(text, role_start, known, entities) or \
        _body_named_before(text, role_start, known)
    if org is None and known is inside:
        # …中国科学院植物研究所… 研究所工程师刘辉: a bare body's head right before the role
        # refers back to the body of that kind, whatever the role.
        org = _body_named_before(text, role_start, in_article)
    if org is None and earlier:
        # A title of the list names its own body right before its role, or has none.
        org = next((o.entity for o in inside if o.etype in ("ORG", "PLACE")
                    and o.start < role_start <= o.end < role_start + len(role)), None)
    elif org is None:
        org = _same_kind(role, person.start, known) or \
            _organization(role_start, inside, known, entities, person.start)
    if org is None:
        return []
    if not any(o.entity == org for o in inside):
        rule += "+article"  # the organization is named earlier in the article
    out: list[Membership] = []
    department = _department_of(text, role_start, org, entities)
    if department is not None:
        # 区委常委、组织部部长: a post in the committee and one in its department.
        post, org = department
        out.append(Membership(person.entity, entities[org].sub_organization_of, post,
                              sentence, rule.removesuffix("+article")))
    if org in party_bodies and role_organs().get(role) not in _PARTY_ORGANS:
        # …有限公司党支部书记、总经理: the second post is in the company, not its branch;
        # 兴平镇党委委员、副镇长, 民主村社区党委书记、居委会主任: in the place's own
        # administration (its government, its residents' committee).
        org = entities[org].sub_organization_of or entities[org].located_in or org
    org = _organization_of(org, role, person.start, in_article, entities)
    if org is None:
        return out
    if entities[org].ontology_class in _PARTY_CLASSES:
        party_bodies.add(org)
    out.append(Membership(person.entity, org, role, sentence, rule))
    return out


def _posts_taken(text: str, inside: list[Mention], entities: dict[str, Entity],
                 in_article: list[Mention], sentence: Sentence,
                 after_re: re.Pattern[str]) -> list[Membership]:
    """Posts a person of the sentence takes by a verb: 李秀勤先后担任|中大居民区党总支|副书记.

    The body follows the verb, the role word the body; the person is the last one
    named before the verb, with no other person between and at most 12 characters of
    time, adverb or earlier posts (彭涛曾任…管委会主任，兼任…) between each post.
    """
    out: list[Membership] = []
    person: Mention | None = None
    last_end = -1
    for m in inside:
        if m.etype == "PERSON":
            person, last_end = m, m.end
            continue
        if person is None or m.etype not in ("ORG", "PLACE") or m.start <= last_end:
            continue
        gap = text[last_end:m.start]
        verb = _POST_VERB.search(gap)
        # 张三介绍，黄河村成为|镇党委书记联系点: a new clause before the verb, or a body or
        # place there (not where the post was held: 曾在日月乡担任…), has a subject of its own.
        lead = gap[:verb.start()] if verb is not None else ""
        taken = verb is not None and _POST_GAP.match(lead) is not None \
            and not re.search(r"[，,]", lead.lstrip("，,")) \
            and not any(x.etype in ("ORG", "PLACE") and last_end <= x.start < m.start
                        and not text.endswith(("在", "于"), 0, x.start) for x in inside)
        apposed = not taken and last_end == person.end and _APPOSITION.fullmatch(gap) is not None
        # 陈善举来到|(福建省南平市)燕窠村|任驻村第一书记: sent to the place (the last of
        # places written together), the person takes the post there.
        post = None if taken or apposed else _post_where_sent(text, inside, m, last_end)
        if not taken and not apposed and post is None:
            continue
        at = post.end() if post is not None else m.end
        role_m = after_re.match(text[at:at + 8])
        if role_m is None:
            continue
        role = role_m.group(0)
        closed = at + len(role)
        if apposed and closed < sentence.end and text[closed] not in _CLOSES:
            continue  # 王建国，黄河村党支部书记李明说…: the title is another person's
        if post is not None and text.startswith("的", closed):
            continue  # 陈善举找到|燕窠村|任第一书记的李红梅: the post is the one found's
        org = _organization_of(m.entity, role, m.start, in_article, entities)
        if org is not None:
            rule = RULES["apposition" if apposed else "post-verb"].id
            out.append(Membership(person.entity, org, role, sentence, rule))
        last_end = closed
    return out


def _post_where_sent(text: str, inside: list[Mention], place: Mention,
                     since: int) -> re.Match[str] | None:
    """The verb of taking a post right after ``place``, when what stands between ``since``
    and the places written together up to it is a verb of being sent there (来到|福建省
    南平市|燕窠村|任)."""
    reached = place.start
    for x in reversed(inside):
        if x.etype == "PLACE" and x.end == reached and x.start > since:
            reached = x.start
    gap = text[since:reached]
    if _SENT_TO.search(gap) is None or _POST_GAP.match(gap) is None \
            or re.search(r"[，,]", gap):
        return None
    return _TAKES_POST.match(text, place.end)


# Verbs of being sent or going to a place (来到燕窠村, 被派到兴合村), and a post taken there.
_SENT_TO = re.compile(r"(?:来到|派到|派驻到|下派到|选派到|调到|回到)$")
_TAKES_POST = re.compile(r"(?:任|担任)(?:驻村)?")  # (驻村)第一书记: the post is the village's


@cache
def _department_re() -> re.Pattern[str]:
    """A committee's department written alone after the posts held in the committee."""
    departments = [h for h, (cls, _) in org_heads().items() if cls == "PartyDepartment"]
    return re.compile(f"(常委|委员)、({alternation(departments)})$")


def _department_of(text: str, role_start: int, org: str,
                   entities: dict[str, Entity]) -> tuple[str, str] | None:
    """宝坻区委常委、组织部部长张静华: the post held in the committee named before (常委)
    and the department (宝坻区委组织部), a body of its own minted under the committee."""
    committee = entities[org]
    m = _department_re().search(text, max(0, role_start - 12), role_start)
    if m is None or committee.etype != "ORG" or not committee.label.endswith("委"):
        return None
    department = m.group(2)
    name = committee.label + department
    key = key_for("org", name)  # as the linker keys the department when a text names it
    # Minted with no mention; the text names it by its department word alone here.
    minted = Entity(key, name, "ORG", org_heads()[department][0], {department},
                    located_in=committee.located_in, sub_organization_of=committee.key)
    if key in entities:
        entities[key].merge(minted)
    else:
        entities[key] = minted
    return m.group(1), key


def _unit_named_before(text: str, role_start: int, known: list[Mention],
                       entities: dict[str, Entity]) -> str | None:
    """For 社区党委书记X, 村网格员X: a bare unit word before the role is the unit the
    article is about, the nearest place of that kind named before (园林社区), alone or
    in a body's name (凤都村|村委会)."""
    unit = _bare_word_before(text, role_start, LOCAL_UNITS, known)
    if unit is None:
        return None
    for m in reversed(known):
        if m.end > role_start or m.etype not in ("PLACE", "ORG"):
            continue
        place = entities.get(m.entity if m.etype == "PLACE" else
                             entities[m.entity].located_in or "")
        if place is not None and place.label.endswith(unit) and len(place.label) > len(unit):
            return place.key
    return None


def _body_named_before(text: str, role_start: int, known: list[Mention]) -> str | None:
    """For 分公司负责人X, 党支部书记X written without a name: a bare head before the role is
    the body of that kind named before (新疆顺丰速运有限公司吐鲁番分公司)."""
    head = _bare_word_before(text, role_start, _long_heads(), known)
    if head is None:
        return None
    if role_start - len(head) > 0 and CJK_RE.match(text[role_start - len(head) - 1]):
        return None  # 物业|公司: a name the rules did not take, not a bare head
    if _department_re().search(text, max(0, role_start - 12), role_start):
        return None  # 市委常委、组织部|部长: the committee's department (_department_of)
    return _last_named(head, "ORG", role_start, known)


def _bare_word_before(text: str, role_start: int, words: Iterable[str],
                      known: list[Mention]) -> str | None:
    """The first of ``words`` written right before the role and inside no name
    (not 五星村|党支部书记 or 五星村党支部|书记, where the name holds the word)."""
    word = next((w for w in words if text.endswith(w, 0, role_start)), None)
    if word is None or any(m.start < role_start and m.end > role_start - len(word)
                           for m in known):
        return None
    return word


def _last_named(word: str, etype: str, role_start: int, known: list[Mention]) -> str | None:
    """The entity of the last mention of ``etype`` before the role whose name ends in
    ``word`` and holds more than it (园林社区 for 社区)."""
    for m in reversed(known):
        if m.end <= role_start and m.etype == etype and m.text.endswith(word) \
                and len(m.text) > len(word):
            return m.entity
    return None


@cache
def _long_heads() -> tuple[str, ...]:
    """Organization heads of two characters or more, longest first."""
    return tuple(sorted((h for h in org_heads() if len(h) >= 2), key=len, reverse=True))


def _same_kind(role: str, person_start: int, in_article: list[Mention]) -> str | None:
    """For 村党支部书记 and the like: the organization of that kind named before.

    A role naming its body (党支部书记, 社区党委书记) belongs to the nearest
    organization with that head, not to whatever organization comes last.
    """
    body = next((role[:-len(t)] for t in ("副书记", "书记", "主任", "委员") if role.endswith(t)),
                "")
    body = body.lstrip("".join(LOCAL_UNITS))
    head_of = role.removeprefix("副")
    if len(body) < 2 and len(head_of) == 2 and head_of[1] == "长" \
            and head_of[0] in _ONE_CHARACTER_HEADS:
        body = head_of[0]  # 所长 heads the 派出所 named before, 馆长 the 纪念馆
        kinds: tuple[str, ...] = ("ORG", "PLACE")
    elif len(body) < 2:
        return None
    else:
        kinds = ("ORG",)
    for m in reversed(in_article):
        if m.end <= person_start and m.etype in kinds and m.text.endswith(body):
            return m.entity  # 板申气村党支部|书记: the role may repeat the head
    return None


# Places no one works for: sites that are not zones, compounds or bases.
_LANDMARKS = LANDMARK_CLASSES | {"Site"}
# One-character heads whose chief is written with 长 (所长, 馆长, 院长, 站长).
_ONE_CHARACTER_HEADS = frozenset("所馆院站厂局处科校队")


def _organization(pos: int, inside: list[Mention], in_article: list[Mention],
                  entities: dict[str, Entity], person_start: int | None = None) -> str | None:
    """The organization or place named right before the role (or the role's own head).

    A role word may repeat the head of the organization before it: in
    战旗村党总支书记 the role 党总支书记 overlaps the organization 战旗村党总支.
    """
    for pool in (inside, in_article):
        for m in reversed(pool):
            if m.etype not in ("ORG", "PLACE"):
                continue
            if pool is not inside and entities[m.entity].ontology_class in _LANDMARKS:
                # Earlier in the article, a landmark (a bridge, a lake, a memorial
                # hall) is where something happened, not whom the person works for.
                continue
            if m.end <= pos or (person_start is not None and m.start < pos < m.end
                                and m.end <= person_start):
                return m.entity
    return None


def _organization_of(key: str, role: str, person_start: int, in_article: list[Mention],
                     entities: dict[str, Entity]) -> str | None:
    """``key`` itself for an organization; for a place, the body ``role`` belongs to
    there (:func:`_body_of`), None if it has none."""
    if entities[key].etype != "PLACE":
        return key
    return _body_of(entities[key], role, person_start, in_article, entities)


def _body_of(place: Entity, role: str, person_start: int, in_article: list[Mention],
             entities: dict[str, Entity]) -> str | None:
    """The organization ``role`` belongs to in ``place`` (永兴村 + 党支部书记 → 永兴村党支部):
    the nearest such body of the place the article names, else one minted from the
    place's name, added to ``entities``; None for a role of no body of the place."""
    organ = role_organs().get(role) or ADMINISTRATIONS.get(place.ontology_class)
    if organ is None or organ == "-":
        return None
    classes = _organ_matches(organ)
    named = [m for m in in_article if m.etype == "ORG" and _of_place(entities[m.entity], place)
             and entities[m.entity].ontology_class in classes]
    before = [m for m in named if m.end <= person_start]
    # The text names the body by its place here (永兴村|书记), so the place's name is
    # one of the body's names: the guideline lists it beside the body's own
    # (塔班陶勒盖嘎查党支部, 塔班陶勒盖嘎查).
    if before or named:
        key = (before or named)[-1].entity
        if place.label != entities[key].label:
            entities[key].alt_labels.add(place.label)
        return key
    name = normalize_name(place.label + organ)
    key = key_for("org", name)  # as the linker keys the body when a text names it in full
    # A minted body has no mention: the text does not write its name.
    body = Entity(key, name, "ORG", _organ_class(organ), {place.label} - {name},
                  located_in=place.key)
    if key in entities:
        entities[key].merge(body)
    else:
        entities[key] = body
    return key


def _of_place(org: Entity, place: Entity) -> bool:
    """Whether ``org`` is a body of ``place``: located in it or named after it."""
    return org.located_in == place.key or (org.label.startswith(place.label)
                                           and len(org.label) > len(place.label))
