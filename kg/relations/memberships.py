"""Memberships: a person's role in an organization (党支部书记图门乌力吉).

A role word right before the name (or right after it) gives the role; the
organization is the one named right before the role, else the nearest
organization or place before it in the sentence, else in the article.
"""

from __future__ import annotations

import re
from functools import cache

from kg.model import Entity, Membership, Mention
from kg.rules.families import family
from kg.rules.lexicon import alternation, role_words, sentence_roles
from kg.rules.units import LOCAL_UNITS
from kg.text import Article, sentences, starting_within

# Where the role word stands, each a rule family.
RULES = {rule: family("zhkg.memberships:" + rule) for rule in ("role-name", "name-role")}


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
                if role_m is None:
                    role_m = after_re.match(text[m.end:m.end + 8])
                    role_start = m.start
                    how = "name-role"
                if role_m is None or role_start is None:
                    continue
                role = role_m.group(0)
                # A student's school is named with them, never only earlier in the article.
                known = inside if role in sentence_roles() else in_article
                org = _unit_named_before(text, role_start, known) or \
                    _same_kind(role, m.start, known) or \
                    _organization(role_start, inside, known, m.start)
                if org is None:
                    continue
                rule = RULES[how].id
                if not any(o.entity == org for o in inside):
                    rule += "+article"  # the organization is named earlier in the article
                out.append(Membership(m.entity, org, role, sentence, rule))
    return out


def _unit_named_before(text: str, role_start: int, known: list[Mention]) -> str | None:
    """For 社区党委书记X, 村网格员X: a bare unit word before the role is the unit the
    article is about, the nearest place of that kind named before (园林社区)."""
    unit = next((u for u in LOCAL_UNITS if text.endswith(u, 0, role_start)), None)
    if unit is None or any(m.start < role_start and m.end > role_start - len(unit)
                           for m in known):
        return None  # no unit word, or one inside a name (五星村|党支部书记, 五星村党支部|书记)
    for m in reversed(known):
        if m.end <= role_start and m.etype == "PLACE" and m.text.endswith(unit) \
                and len(m.text) > len(unit):
            return m.entity
    return None


def _same_kind(role: str, person_start: int, in_article: list[Mention]) -> str | None:
    """For 村党支部书记 and the like: the organization of that kind named before.

    A role naming its body (党支部书记, 社区党委书记) belongs to the nearest
    organization with that head, not to whatever organization comes last.
    """
    body = next((role[:-len(t)] for t in ("副书记", "书记", "主任", "委员") if role.endswith(t)),
                "")
    body = body.lstrip("".join(LOCAL_UNITS))
    if len(body) < 2:
        return None
    for m in reversed(in_article):
        if m.end <= person_start and m.etype == "ORG" and m.text.endswith(body):
            return m.entity  # 板申气村党支部|书记: the role may repeat the head
    return None


def _organization(pos: int, inside: list[Mention], in_article: list[Mention],
                  person_start: int | None = None) -> str | None:
    """The organization or place named right before the role (or the role's own head).

    A role word may repeat the head of the organization before it: in
    战旗村党总支书记 the role 党总支书记 overlaps the organization 战旗村党总支.
    """
    for pool in (inside, in_article):
        for m in reversed(pool):
            if m.etype not in ("ORG", "PLACE"):
                continue
            if m.end <= pos or (person_start is not None and m.start < pos < m.end
                                and m.end <= person_start):
                return m.entity
    return None
