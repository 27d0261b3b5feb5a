"""A learned judge of the ORG rules' candidates: keep, shorten or drop.

The rules of :mod:`kg.pipeline.orgs` read an organization as an owner and a head
noun; on real pages they also take a verb or a generic word for the owner (盘活村委会,
义务担任物业公司) or a generic body for a name (农业公司, 临时党支部). Each ORG
candidate, and each shorter reading of it that starts at a token boundary outside
any place and still holds a head, is scored by a logistic regression over the words
at its start and before it (text, jieba's tag, verb, place, level prefix, generic
noun, punctuation), its length, how much was cut off, the rule family and class, its
head and how often the page writes it. The likeliest reading replaces the candidate;
a candidate whose best reading scores under the threshold is dropped.

The weights are ``kg/data/org_judge.json``, trained by ``kg train``/``make model`` on
the gold ORG strings of annotated pages.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.pipeline.candidates import Layout, candidates_of, layout
from kg.pipeline.learned import LearnedComponent, LinearModel
from kg.rules.families import Candidate, family, family_of
from kg.rules.lexicon import (
    CJK_RE,
    alternation,
    is_common,
    is_verb,
    org_heads,
    word_pos,
    word_set,
)
from kg.rules.units import LEVEL_PREFIXES

FAMILY = family("zhkg.orgs:judge")
MODEL_FILE = "org_judge.json"


class OrgJudgeModel(LinearModel):
    """The weights of the organization judge and its threshold."""

    FILE = MODEL_FILE
    FORMAT = "zhkg.org-judge"
    WHAT = "organization judge"


@lru_cache(maxsize=1)
def _head_pattern() -> re.Pattern[str]:
    return re.compile(alternation(list(org_heads())))


def _head(name: str) -> str:
    """The longest head noun ``name`` ends with."""
    heads = org_heads()
    for k in range(len(name), 0, -1):
        if name[-k:] in heads:
            return name[-k:]
    return ""


def readings(lay: Layout, inside_place: bytearray, cand: Candidate) -> list[int]:
    """Starts of the readings of ORG ``cand``: its own start and each token start
    within it, outside a place, from which a head still follows."""
    starts = lay.starts
    found = [s for s in starts[bisect_left(starts, cand.start):bisect_left(starts, cand.end - 1)]
             if not inside_place[s]]
    if not found or found[0] != cand.start:
        found.insert(0, cand.start)
    pattern = _head_pattern()
    return [s for s in found if pattern.search(lay.text, s, cand.end)]


def reading_features(lay: Layout, cand: Candidate, s: int, place_starts: set[int],
                     place_ends: set[int], count: int) -> list[str]:
    """The features of the reading of ``cand`` that starts at ``s``."""
    pos = word_pos()
    text, starts, words = lay.text, lay.starts, lay.words
    i = bisect_left(starts, s)
    at_token = i < len(starts) and starts[i] == s
    first = words[i] if at_token else text[s:s + 2]
    prev = words[i - 1] if at_token and i > 0 else text[max(0, s - 2):s]
    prev2 = words[i - 2] if i > 1 else "<s>"
    name = text[s:cand.end]
    trim = min(3, i - bisect_left(starts, cand.start))
    source = family_of(cand.source).name
    fpos, ppos = pos.get(first, "-"), pos.get(prev, "-")
    out = ["bias", f"first={first}", f"fpos={fpos}", f"prev={prev}", f"ppos={ppos}",
           f"pc={prev[-1:]}", f"fc={first[:1]}", f"pp={ppos}|{fpos}", f"prev2={prev2}",
           f"ntok={min(7, bisect_left(starts, cand.end) - i)}", f"len={min(8, len(name) // 2)}",
           f"trim={trim}", f"kind={cand.kind}", f"src={source}", f"src_trim={source}|{trim}",
           f"cnt={min(3, count)}"]
    flags = {"fverb": is_verb(first), "pverb": is_verb(prev), "fplace": s in place_starts,
             "pplace": s in place_ends, "fgeneric": first in word_set("generic_nouns"),
             "fprefix": first in LEVEL_PREFIXES, "ppunct": not CJK_RE.match(prev[-1:] or " "),
             # 辖|区钢贸行业协会, 采|油厂党委: the reading starts inside a word.
             "inword": s > 0 and is_common(text[s - 1:s + 1])}
    out += [flag for flag, on in flags.items() if on]
    head = _head(name)
    return [*out, f"head={head}", f"headonly={name == head}"]


_CENTRAL = family("zhkg.orgs:central").id


def page_readings(lay: Layout, cands: list[Candidate]
                  ) -> list[tuple[Candidate, list[tuple[int, list[str]]]]]:
    """Each ORG candidate of ``cands`` with its readings' starts and features."""
    places = [c for c in cands if c.label == "PLACE"]
    inside_place = bytearray(len(lay.text) + 1)
    for place in places:
        inside_place[place.start + 1:place.end] = b"\1" * max(0, place.length - 1)
    place_starts = {c.start for c in places}
    place_ends = {c.end for c in places}
    # The central organs are known by name (国务院): there is nothing to judge.
    found = [(c, readings(lay, inside_place, c)) for c in cands
             if c.label == "ORG" and c.source != _CENTRAL]
    counts = Counter(lay.text[s:c.end] for c, starts in found for s in starts)
    return [(c, [(s, reading_features(lay, c, s, place_starts, place_ends,
                                      counts[lay.text[s:c.end]])) for s in starts])
            for c, starts in found]


class OrgJudge(LearnedComponent):
    """Keeps, shortens or drops the ORG candidates of the rules before it.

    ``model`` is a folder written by ``kg train`` (or its ``org_judge.json``);
    empty, the judge shipped in ``kg/data``.
    """

    factory = "zhkg_org_judge"
    model_class = OrgJudgeModel
    data_files = ("generic_nouns.txt", "org_heads.tsv", "rule_families.tsv", "units.tsv")

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        self.scorer  # noqa: B018 -- read the weights now, not on the first page
        word_pos()
        _head_pattern()

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        if not any(c.label == "ORG" for c in found):
            return doc
        scorer = self.scorer
        judged: dict[int, Candidate | None] = {}
        for cand, scored in page_readings(layout(doc), found):
            if scored:
                # The likeliest reading; of equally likely ones the longest.
                p, start = max((scorer.probability(feats), -s) for s, feats in scored)
                judged[id(cand)] = cand._replace(start=-start) if p >= scorer.threshold else None
        kept = [judged.get(id(c), c) for c in found]
        found[:] = [c for c in kept if c is not None]
        return doc


@Language.factory("zhkg_org_judge", assigns=["doc._.zhkg_candidates"],
                  requires=["doc._.zhkg_candidates"], default_config={"model": ""})
def make_org_judge(nlp: Language, name: str, model: str) -> OrgJudge:
    return OrgJudge(nlp, name, model=model)
