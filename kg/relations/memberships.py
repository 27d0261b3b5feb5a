"""Memberships: a person's role in an organization (党支部书记图门乌力吉).

A role word right before the name (or right after it) gives the role; the
organization is the one named right before the role, else the nearest
organization or place before it in the sentence, else in the article.
"""

from __future__ import annotations

import re

from kg.model import Entity, Membership, Mention
from kg.pipeline.lexicon import alternation
from kg.pipeline.people import role_words
from kg.text import Article, sentences

RULE = "zhkg.memberships.v1"


def extract_memberships(text: str, mentions: list[Mention], entities: dict[str, Entity],
                        articles: list[Article]) -> list[Membership]:
    roles = {r for r, member in role_words().items() if member}
    before_re = re.compile(f"(?:{alternation(sorted(roles))})$")
    after_re = re.compile(f"^(?:{alternation(sorted(roles))})")
    out: list[Membership] = []
    for article in articles:
        in_article = [m for m in mentions if article.start <= m.start < article.end]
        for sentence in sentences(text, article.start, article.end):
            inside = [m for m in in_article if sentence.start <= m.start < sentence.end]
            for m in inside:
                if m.etype != "PERSON":
                    continue
                role_m = before_re.search(text[max(sentence.start, m.start - 12):m.start])
                role_start = m.start - len(role_m.group(0)) if role_m else None
                if role_m is None:
                    role_m = after_re.match(text[m.end:m.end + 8])
                    role_start = m.start
                if role_m is None or role_start is None:
                    continue
                role = role_m.group(0)
                org = _organization(role_start, inside, in_article)
                if org is None:
                    continue
                out.append(Membership(m.entity, org, role, sentence, RULE))
    return out


def _organization(pos: int, inside: list[Mention], in_article: list[Mention]) -> str | None:
    for pool in (inside, in_article):
        for m in reversed(pool):
            if m.end <= pos and m.etype in ("ORG", "PLACE"):
                return m.entity
    return None
