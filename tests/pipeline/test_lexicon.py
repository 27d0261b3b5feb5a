"""The word tables the rules share: everyday words by IDF, parts of speech, characters."""

from __future__ import annotations

import pytest

from kg.pipeline.lexicon import COMMON_IDF, char_ranks, is_common, word_idf


def test_everyday_words_are_common_and_names_are_not():
    assert is_common("关心") and is_common("读书")
    assert not is_common("王芳") and not is_common("图门乌力吉")


def test_a_stricter_threshold_keeps_fewer_words():
    assert is_common("明晰") and not is_common("明晰", 7.5)


def test_the_table_holds_only_what_the_rules_can_ask():
    assert all(idf < COMMON_IDF for idf in word_idf().values())
    with pytest.raises(ValueError):
        is_common("安娜", COMMON_IDF + 1)


def test_characters_rank_by_frequency_in_text():
    ranks = char_ranks()
    assert ranks["的"] < ranks["旗"] < ranks["嘎"]
