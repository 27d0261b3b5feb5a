"""Page structure: sentences with exact offsets, articles from headline blocks and bylines."""

from __future__ import annotations

from itertools import pairwise

import pytest

from kg.text import articles, is_headline, occurrences, sentences

# -- sentences -----------------------------------------------------------------------


def test_sentences_split_at_full_stop_exclamation_and_question_marks():
    text = "党员们走进嘎查。牧民们很高兴！谁来帮忙？"
    assert [s.text for s in sentences(text)] == ["党员们走进嘎查。", "牧民们很高兴！", "谁来帮忙？"]


def test_sentences_split_at_line_ends():
    text = "巴林右旗：党建引领牧区治理\n近年来，巴林右旗持续深化牧区治理。"
    assert [s.text for s in sentences(text)] == [
        "巴林右旗：党建引领牧区治理", "近年来，巴林右旗持续深化牧区治理。"]


def test_sentence_offsets_are_exact():
    text = "  第一句。第二句！\n\n  第三句？\n第四句"
    got = list(sentences(text))
    assert [s.text for s in got] == ["第一句。", "第二句！", "第三句？", "第四句"]
    for s in got:
        assert text[s.start:s.end] == s.text


def test_closing_quote_stays_with_its_sentence():
    text = "牧民说：“日子越来越好。”村里很热闹。"
    got = list(sentences(text))
    assert [s.text for s in got] == ["牧民说：“日子越来越好。”", "村里很热闹。"]
    for s in got:
        assert text[s.start:s.end] == s.text


def test_sentences_of_a_slice_keep_page_offsets():
    text = "标题\n第一句。第二句。"
    got = list(sentences(text, 3, len(text)))
    assert [(s.start, s.end, s.text) for s in got] == [(3, 7, "第一句。"), (7, 11, "第二句。")]


def test_blank_lines_give_no_sentences():
    assert list(sentences("\n\n  \n")) == []


# -- headlines -------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "expected"), [
    ("科尔沁区：小网格撬动大治理", True),
    ("●本报记者 白玉洁 通讯员 韩雅琪", True),
    ("今年以来，科尔沁区把网格作为基层治理的基本单元。", False),
    ("嘎查党支部组织党员开展走访，", False),
    ("", False),
])
def test_is_headline(line, expected):
    assert is_headline(line) is expected


# -- articles --------------------------------------------------------------------------

PAGE = """党建引领

巴林右旗：党建引领牧区治理

●本报记者 孙晓东

近年来，巴林右旗以党建为引领，持续深化牧区治理。

嘎查党支部组织党员定期开展入户走访，帮助牧民群众解决生产生活中遇到的各种实际困难，还要求各

嘎查党员干部

带头落实到位。

科尔沁区：小网格撬动大治理

●本报记者 白玉洁 通讯员 韩雅琪

今年以来，科尔沁区把网格作为基层治理的基本单元。
"""


def test_two_headline_blocks_with_bylines_give_two_articles():
    arts = articles(PAGE)
    assert len(arts) == 2
    assert arts[1].headline == "科尔沁区：小网格撬动大治理\n●本报记者 白玉洁 通讯员 韩雅琪"
    assert arts[0].headline.endswith("巴林右旗：党建引领牧区治理\n●本报记者 孙晓东")


def test_articles_cover_the_page_without_gaps():
    arts = articles(PAGE)
    assert arts[0].start == 0
    assert arts[-1].end == len(PAGE)
    for a, b in pairwise(arts):
        assert a.end == b.start
    assert PAGE[arts[1].start:].startswith("科尔沁区：小网格撬动大治理")


def test_page_break_continuation_line_is_not_a_headline():
    # "嘎查党员干部" is short and unpunctuated, but continues the unfinished line above.
    body = ("嘎查党支部组织党员定期开展入户走访，"
            "帮助牧民群众解决生产生活中遇到的各种实际困难，还要求各")
    assert not is_headline(body)
    assert is_headline("嘎查党员干部")
    arts = articles(PAGE)
    first = PAGE[arts[0].start:arts[0].end]
    assert "嘎查党员干部" in first
    assert "带头落实到位。" in first
    assert "嘎查党员干部" not in arts[0].headline


def test_one_line_subheading_without_byline_does_not_open_an_article():
    page = (
        "科尔沁区：小网格撬动大治理\n\n●本报记者 白玉洁\n\n"
        "今年以来，科尔沁区把网格作为基层治理的基本单元。\n\n"
        "筑牢基层战斗堡垒\n\n"
        "各嘎查党支部持续开展走访。\n"
    )
    arts = articles(page)
    assert len(arts) == 1
    assert arts[0].headline == "科尔沁区：小网格撬动大治理\n●本报记者 白玉洁"
    assert arts[0].end == len(page)


def test_a_one_line_headline_set_off_by_two_blank_lines_opens_an_article():
    # The seeds' page: the last roundup item, then a new article's couplet headline.
    page = (
        "玉泉区：筑牢“思想根基”\n\n今年以来，玉泉区持续深化党纪学习教育。\n\n\n\n"
        "送学上门传党音 关怀到家暖“银龄”\n\n"
        "近日，回民区阿拉善北路街道部队社区党支部开展了“送学上门”活动。\n\n"
        "筑牢基层战斗堡垒\n\n各党支部持续开展走访。\n"
    )
    arts = articles(page)
    assert [a.headline for a in arts] == [
        "玉泉区：筑牢“思想根基”", "送学上门传党音 关怀到家暖“银龄”"]
    assert arts[1].end == len(page)  # the subheading after one blank line stays inside


def test_place_prefixed_one_line_headline_opens_an_article():
    page = (
        "巴林右旗：党建引领牧区治理\n\n●本报记者 孙晓东\n\n"
        "近年来，巴林右旗持续深化牧区治理。\n\n"
        "达茂旗：党员冬训走深走实\n\n"
        "今年以来，达茂旗扎实开展党员冬训。\n"
    )
    arts = articles(page)
    assert [a.headline for a in arts] == [
        "巴林右旗：党建引领牧区治理\n●本报记者 孙晓东", "达茂旗：党员冬训走深走实"]


def test_occurrences_of_a_name_on_a_page_overlapping_or_not():
    text = "一一记下。张霞说，张霞路过。"
    assert list(occurrences(text, "张霞")) == [5, 9]
    assert list(occurrences("一一一", "一一")) == [0, 1]
    assert list(occurrences("一一一", "一一", overlapping=False)) == [0]
    assert list(occurrences(text, "王素兰")) == []
