"""The word tables the rules share: everyday words by IDF, parts of speech, characters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.rules.lexicon import (
    COMMON_IDF,
    alternation,
    char_ranks,
    is_common,
    site_heads,
    word_idf,
    word_list,
    world_places,
)

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests/heldout/texts").glob("*.txt")])


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


def _flat(words):
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def test_alternation_prefers_the_longest_word_and_backtracks_to_shorter_ones():
    pattern = alternation(["中国", "中", "中国人", "美国"])
    assert re.findall(pattern, "中国人民和美国、中方") == ["中国人", "美国", "中"]
    # Inside a longer pattern a shorter word is tried when the longer one fails.
    assert re.fullmatch(f"(?:{pattern})民", "中国民")
    assert re.fullmatch(f"(?:{pattern})国民", "中国民")


@pytest.mark.parametrize("words", [
    pytest.param(sorted(world_places()), id="world_places"),
    pytest.param(site_heads(), id="site_heads"),
    pytest.param(word_list("program_heads"), id="program_heads"),
])
def test_factored_alternation_finds_what_the_flat_one_finds_on_pages(words):
    pages = [p.read_text(encoding="utf-8") for p in PAGES]
    factored, flat = re.compile(alternation(words)), re.compile(_flat(words))
    for text in pages:
        assert [m.span() for m in factored.finditer(text)] == \
            [m.span() for m in flat.finditer(text)]
    assert any(factored.search(text) for text in pages)
