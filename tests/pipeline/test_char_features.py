"""pkuseg's cut with remembered feature lookups: the same features and words as
spacy_pkuseg's own Cython extractor, character by character."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import spacy_pkuseg

import kg.pipeline.char_features as char_features
from kg.pipeline.char_features import CharacterFeatures, FastPkuseg
from kg.pipeline.segmenter import load_segmenter, resolve_pkuseg_model

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real"


@pytest.fixture(scope="module")
def segmenters():
    model = resolve_pkuseg_model()
    return spacy_pkuseg.pkuseg(str(model)), load_segmenter(model)


def _pkuseg_features(seg: spacy_pkuseg.pkuseg, run: str) -> list[list[int]]:
    extractor = seg.feature_extractor
    nodes = list(extractor.normalize_text(run))
    return [extractor.get_node_features_idx(i, nodes) for i in range(len(nodes))]


def _features(seg: FastPkuseg) -> CharacterFeatures:
    extractor = seg.feature_extractor
    return CharacterFeatures(extractor.feature_to_idx, extractor.unigram, 2, 6)


def _real_pages() -> list[Path]:
    pages = sorted((REAL / "texts").glob("*.txt")) + sorted((REAL / "unlabelled").glob("*.txt"))
    assert len(pages) >= 150, f"{REAL}: the real articles are missing"
    return pages


def test_the_cached_segmenter_is_pkuseg_with_the_faster_cut(segmenters):
    _, cached = segmenters
    assert isinstance(cached, FastPkuseg) and isinstance(cached, spacy_pkuseg.pkuseg)


def test_real_pages_are_cut_as_pkuseg_cuts_them(segmenters):
    fresh, cached = segmenters
    for page in _real_pages():
        text = page.read_text(encoding="utf-8")
        assert cached.cut(text) == fresh.cut(text), page.name


@pytest.mark.parametrize("run", [
    "呼和浩特市快递行业党委开展“党建+平安寄递”活动",
    "2023年全市GDP增长5.2%，完成投资1,200万元",
    "鄂托克前旗城川镇麻黄套村党支部书记图门乌力吉",
    "“三会一课”|制度*落实:到位/ABC-ｘｙｚ＿１２",
    "党",
    "迪丽妮尕尔·艾尼娃尔",
])
def test_each_characters_features_equal_pkusegs_in_order(segmenters, run):
    fresh, cached = segmenters
    features = _features(cached)
    expected = _pkuseg_features(fresh, run)
    nodes = features.nodes(run)
    assert nodes == list(fresh.feature_extractor.normalize_text(run))
    assert features(nodes) == expected
    assert features(nodes) == expected  # the second time from what was remembered


def test_features_stay_equal_when_the_memo_is_dropped_between_runs(segmenters, monkeypatch):
    fresh, cached = segmenters
    monkeypatch.setattr(char_features, "_MEMO_SIZE", 500)
    features = _features(cached)
    runs = [run for page in _real_pages()[:12]
            for run in page.read_text(encoding="utf-8").split()][:200]
    for run in runs:
        assert features(features.nodes(run)) == _pkuseg_features(fresh, run), run
    held = sum(len(memo) for memo in (features._chars, features._pairs, *features._words))
    assert held <= 500 + 4 * 6 * max(map(len, runs))  # dropped, then one run's worth


def test_empty_and_whitespace_text_cut_to_nothing(segmenters):
    fresh, cached = segmenters
    for text in ("", "   ", "\n\t"):
        assert cached.cut(text) == fresh.cut(text) == []


def test_the_pickled_segmenter_leaves_the_memo_behind(segmenters):
    fresh, cached = segmenters
    cached.cut("全旗推行“五随六帮”工作法")
    assert getattr(cached, "_features", None) is not None
    copy = pickle.loads(pickle.dumps(cached))
    assert getattr(copy, "_features", None) is None
    text = "双河镇党委书记在调研时强调"
    assert copy.cut(text) == fresh.cut(text)
    copy.forget()
    assert copy._features is None and copy.cut(text) == fresh.cut(text)


def test_new_feature_tables_are_followed(segmenters):
    """spaCy's from_bytes assigns the extractor new tables: the memo goes with the old."""
    _, cached = segmenters
    seg = pickle.loads(pickle.dumps(cached))
    seg.feature_extractor.feature_to_idx = dict(cached.feature_extractor.feature_to_idx)
    seg.feature_extractor.unigram = set(cached.feature_extractor.unigram)
    seg.cut("社区党委")
    first = seg._features
    seg.feature_extractor.feature_to_idx = {}
    seg.cut("社区党委")
    assert seg._features is not first and seg._features.feature_to_idx == {}
