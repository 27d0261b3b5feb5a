"""Segmentation model resolution: explicit path, environment, cache, shipped CTB8."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import get_words_and_spaces

from kg.pipeline import segmenter
from kg.pipeline.segmenter import MODEL_ENV, ModelNotFoundError, resolve_pkuseg_model


def test_missing_explicit_model_is_an_error_naming_the_path(tmp_path):
    with pytest.raises(ModelNotFoundError, match="nowhere"):
        resolve_pkuseg_model(tmp_path / "nowhere")


def test_environment_variable_names_the_model(tmp_path, monkeypatch):
    model = tmp_path / "model"
    model.mkdir()
    (model / "features.msgpack").write_bytes(b"x")
    (model / "weights.npz").write_bytes(b"x")
    monkeypatch.setenv(MODEL_ENV, str(model))
    assert resolve_pkuseg_model() == model


def test_shipped_model_is_converted_once_into_the_cache(tmp_path, monkeypatch, capfd):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(tmp_path))
    first = resolve_pkuseg_model()
    assert first == tmp_path / "pkuseg" / "ctb8"
    assert segmenter.is_converted(first)
    assert "converting" in capfd.readouterr().err
    stamp = (first / "weights.npz").stat().st_mtime_ns
    second = resolve_pkuseg_model()
    assert second == first
    assert (first / "weights.npz").stat().st_mtime_ns == stamp
    assert "converting" not in capfd.readouterr().err
    # Nothing was written next to the wheel.
    assert not (segmenter.shipped_ctb8_dir() / "weights.npz").exists()


def test_a_model_folder_converted_already_still_gives_a_working_cache(tmp_path):
    import spacy_pkuseg

    # A user ran pkuseg on the model folder itself: it holds the converted files beside
    # model.txt, so converting it converts nothing, and the cache must get copies.
    converted = resolve_pkuseg_model()
    source = tmp_path / "ctb8"
    source.mkdir()
    for entry in segmenter.shipped_ctb8_dir().iterdir():
        if entry.is_file() and entry.suffix != ".py":
            (source / entry.name).symlink_to(entry)
    for name in segmenter.CONVERTED_FILES:
        (source / name).symlink_to(converted / name)
    target = segmenter.convert_model(source, tmp_path / "cache" / "ctb8")
    assert segmenter.is_converted(target)
    assert not any((target / name).is_symlink() for name in segmenter.CONVERTED_FILES)
    text = "嘎查党支部开展主题党日活动"
    assert spacy_pkuseg.pkuseg(str(target)).cut(text) == \
        spacy_pkuseg.pkuseg(str(converted)).cut(text)


def test_a_damaged_converted_model_in_the_cache_is_converted_again(tmp_path, monkeypatch,
                                                                    capfd):
    import spacy_pkuseg

    monkeypatch.delenv(MODEL_ENV, raising=False)
    reference = resolve_pkuseg_model()
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(tmp_path))
    # A cache converted once, whose weights were later cut short (a full disk, a copy).
    cached = segmenter.cached_model_dir()
    cached.mkdir(parents=True)
    for name in segmenter.CONVERTED_FILES:
        (cached / name).write_bytes((reference / name).read_bytes())
    weights = cached / "weights.npz"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 3])
    assert resolve_pkuseg_model() == cached
    seg = segmenter.load_segmenter(cached)
    err = capfd.readouterr().err
    assert f"zhkg: {cached}: the converted segmentation model cannot be read" in err
    assert "Traceback" not in err
    text = "鄂托克前旗城川镇党委在麻黄套村推行“五随六帮”工作法。"
    assert seg.cut(text) == spacy_pkuseg.pkuseg(str(reference)).cut(text)


def test_converted_cache_segments_text(tmp_path, monkeypatch):
    import spacy_pkuseg

    monkeypatch.delenv(MODEL_ENV, raising=False)
    model = resolve_pkuseg_model()
    words = spacy_pkuseg.pkuseg(str(model)).cut("嘎查党支部开展主题党日活动")
    assert "".join(words) == "嘎查党支部开展主题党日活动"
    assert len(words) > 3


def test_pipeline_segmenter_is_pkuseg_read_through_the_cache(nlp):
    import spacy_pkuseg

    model = resolve_pkuseg_model()
    text = "鄂托克前旗城川镇党委在麻黄套村推行“五随六帮”工作法。"
    fresh = spacy_pkuseg.pkuseg(str(model)).cut(text)
    assert isinstance(nlp.tokenizer, segmenter.CachedPkusegTokenizer)
    assert [t.text for t in nlp.make_doc(text)] == fresh
    assert segmenter.load_segmenter(model).cut(text) == fresh


def test_cached_segmenter_holds_the_models_features_and_cuts_a_page_alike(nlp):
    import spacy_pkuseg

    model = resolve_pkuseg_model()
    fresh = spacy_pkuseg.pkuseg(str(model))
    cached = segmenter.load_segmenter(model)
    assert cached.feature_extractor.feature_to_idx == fresh.feature_extractor.feature_to_idx
    assert cached.feature_extractor.unigram == fresh.feature_extractor.unigram
    text = min((Path(__file__).parent.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    assert cached.cut(text) == fresh.cut(text)


PIECES = list("呼和浩特市党委开展“三会一课”。， \n\t\u3000ab1")


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(PIECES), max_size=60))
def test_words_align_as_spacy_aligns_them_with_offsets(nlp, text):
    words = nlp.tokenizer.pkuseg_seg.cut(text)
    aligned, spaces, starts = segmenter.align_words(words, text)
    assert (aligned, spaces) == get_words_and_spaces(words, text)
    assert all(text[s:s + len(w)] == w for w, s in zip(aligned, starts, strict=True))
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert [t.idx for t in doc] == starts


@pytest.mark.parametrize("words, text", [
    (["五随 六帮", "行动"], "五随 六帮行动"),          # a word holding a space
    (["党委", " ", "书记"], "党委 书记"),               # whitespace given as a word
    (["开展", "  ", "工作"], "开展  \n工作"),
])
def test_words_that_do_not_follow_the_whitespace_align_as_spacy_aligns_them(words, text):
    aligned, spaces, starts = segmenter.align_words(words, text)
    assert (aligned, spaces) == get_words_and_spaces(words, text)
    assert all(text[s:s + len(w)] == w for w, s in zip(aligned, starts, strict=True))
