"""The resolver: a flat choice among overlapping candidates, tokens split at its edges."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc

from kg.pipeline.entities import align_tokens, select
from kg.rules.families import Candidate, family


def cand(start: int, end: int, label: str = "PLACE", source: str = "") -> Candidate:
    """A candidate of the family ``source`` (by default the first family of ``label``)."""
    name = source or {"PLACE": "zhkg.places", "ORG": "zhkg.orgs:named",
                      "PERSON": "zhkg.people:speech", "PROGRAM": "zhkg.programs:known"}[label]
    return family(name).candidate(start, end)


# -- select -----------------------------------------------------------------------

def test_longest_overlapping_candidate_wins():
    # 巴林右旗司法局 (ORG, 0-7) over 巴林右旗 (PLACE, 0-4)
    org, place = cand(0, 7, "ORG"), cand(0, 4, "PLACE", "zhkg.places:site")
    assert select([place, org]) == [org]


def test_longest_wins_over_a_candidate_overlapping_it_partly():
    long, tail = cand(0, 6), cand(4, 9)
    assert select([tail, long]) == [long]


def test_higher_priority_wins_between_equal_lengths():
    # A name found after a role (priority 3) outranks a village of that name (2).
    low, high = cand(2, 5, "PLACE"), cand(2, 5, "PERSON", "zhkg.people:role")
    assert family("zhkg.people:role").priority > family("zhkg.places").priority
    assert select([low, high]) == [high]
    assert select([high, low]) == [high]


def test_non_overlapping_candidates_are_all_kept_in_text_order():
    a, b, c = cand(7, 10), cand(0, 3), cand(3, 7)
    assert select([a, b, c]) == [b, c, a]


def test_adjacent_candidates_do_not_overlap():
    left, right = cand(0, 4), cand(4, 8)
    assert select([right, left]) == [left, right]


def test_empty_candidates_are_dropped():
    assert select([cand(3, 3)]) == []
    assert select([]) == []


def test_a_shorter_candidate_inside_a_gap_is_kept():
    outer_left, outer_right, inner = cand(0, 4), cand(6, 10), cand(4, 6, "ORG")
    assert select([outer_left, outer_right, inner]) == [outer_left, inner, outer_right]


# -- align_tokens -------------------------------------------------------------------

def make_doc(nlp, words: list[str]) -> Doc:
    return Doc(nlp.vocab, words=words, spaces=[False] * len(words))


def test_token_straddling_an_entity_boundary_is_split(nlp):
    # pkuseg: 达拉特|旗树林|召镇 for 达拉特旗|树林召镇
    doc = make_doc(nlp, ["达拉特", "旗树林", "召镇", "推进"])
    align_tokens(doc, {0, 4, 8})
    assert [t.text for t in doc] == ["达拉特", "旗", "树林", "召镇", "推进"]
    assert doc.text == "达拉特旗树林召镇推进"


def test_token_is_split_at_every_offset_inside_it(nlp):
    doc = make_doc(nlp, ["阿左旗巴彦浩特镇", "开展"])
    align_tokens(doc, {3, 5})
    assert [t.text for t in doc] == ["阿左旗", "巴彦", "浩特镇", "开展"]


def test_offsets_on_token_boundaries_leave_the_tokens_alone(nlp):
    doc = make_doc(nlp, ["乌审旗", "嘎鲁图镇", "，"])
    align_tokens(doc, {0, 3, 7, 8})
    assert [t.text for t in doc] == ["乌审旗", "嘎鲁图镇", "，"]


def test_split_tokens_keep_their_character_offsets(nlp):
    doc = make_doc(nlp, ["科右", "中", "旗巴彦", "呼舒镇"])
    align_tokens(doc, {4})
    assert [(t.text, t.idx) for t in doc] == [
        ("科右", 0), ("中", 2), ("旗", 3), ("巴彦", 4), ("呼舒镇", 6)]


# -- the resolver in the pipeline -----------------------------------------------------------

def test_resolver_entities_are_flat_and_character_exact(nlp):
    text = "包头市九原区哈林格尔镇新河村党支部书记张丽萍介绍了经验。"
    doc = nlp(text)
    spans = [(e.start_char, e.end_char) for e in doc.ents]
    assert spans == sorted(spans)
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text


def test_resolver_records_the_chosen_candidates(nlp):
    doc = nlp("达拉特旗树林召镇推进人居环境整治。")
    chosen = doc._.zhkg_entities
    assert [(c.start, c.end, c.label) for c in chosen] == [
        (e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert all(c.source.startswith("zhkg.places.") for c in chosen)
