"""pkuseg's pre- and post-processing, faster: the same words as spacy_pkuseg's own."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy_pkuseg
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy_pkuseg import Postprocesser, Preprocesser

from kg.pipeline.segmenter import load_segmenter, resolve_pkuseg_model
from kg.pipeline.word_merge import DictionaryMerger, UserDictionary, word_starts

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def segmenters():
    model = resolve_pkuseg_model()
    return spacy_pkuseg.pkuseg(str(model)), load_segmenter(model)


def test_the_cached_segmenter_uses_the_faster_processors(segmenters):
    fresh, cached = segmenters
    assert isinstance(cached.postprocesser, DictionaryMerger)
    assert isinstance(cached.preprocesser, UserDictionary)
    assert cached.postprocesser.other_words == fresh.postprocesser.other_words
    assert cached.postprocesser.common_words == fresh.postprocesser.common_words


def test_pages_are_cut_as_pkuseg_cuts_them(segmenters):
    fresh, cached = segmenters
    pages = [*sorted((ROOT / "seeds").glob("*.txt")),
             *sorted((ROOT / "tests" / "heldout").rglob("*.txt"))]
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert cached.cut(text) == fresh.cut(text), page.name


def _pieces(words: list[str], rng: random.Random) -> list[str]:
    """Words cut in two at random, so that joined neighbours spell words often."""
    pieces = []
    for word in rng.sample(words, 2000):
        k = rng.randint(1, len(word))
        pieces += [word[:k], word[k:]] if k < len(word) else [word]
    return pieces


@pytest.mark.parametrize("check_seperated", [True, False])
def test_random_cuts_merge_as_pkuseg_merges_them(segmenters, check_seperated):
    fresh, cached = segmenters
    rng = random.Random(16)
    pieces = _pieces(sorted(fresh.postprocesser.other_words), rng)
    for _ in range(3000):
        sent = [rng.choice(pieces) for _ in range(rng.randint(0, 40))]
        expected = fresh.postprocesser.post_process(list(sent), check_seperated)
        assert cached.postprocesser.post_process(list(sent), check_seperated) == expected


@settings(max_examples=300, deadline=None)
@given(sent=st.lists(st.sampled_from(["甲", "乙", "丙", "甲乙", "乙丙", "丁", ""]), max_size=20))
def test_a_small_dictionary_with_common_words_merges_alike(sent):
    common, other = {"甲乙丙", "丁丁"}, {"甲乙", "乙丙丁", "丙丁甲乙丙", "甲乙丙丁甲乙丙"}
    reference = Postprocesser(None, None)
    reference.do_process, reference.common_words, reference.other_words = True, common, other
    merger = DictionaryMerger(common, other)
    assert merger.post_process(list(sent), True) == reference.post_process(list(sent), True)


def test_new_dictionary_sets_are_followed():
    merger = DictionaryMerger(set(), {"甲乙"})
    assert merger(["甲", "乙", "丙"]) == ["甲乙", "丙"]
    merger.other_words = {"乙丙"}  # as spaCy's Tokenizer.from_bytes assigns them
    assert merger(["甲", "乙", "丙"]) == ["甲", "乙丙"]


def test_word_starts_are_the_proper_starts_that_are_no_words():
    assert word_starts({"甲乙丙丁", "甲乙"}) == {"", "甲", "甲乙丙"}


def test_runs_are_whole_while_the_user_dictionary_is_empty():
    base = Preprocesser(None)
    fast = UserDictionary(base)
    assert fast.solve("呼和浩特市") == base.solve("呼和浩特市") == (["呼和浩特市"], [False], [""])
    base.insert("浩特", "")
    assert fast.solve("呼和浩特市") == base.solve("呼和浩特市")
