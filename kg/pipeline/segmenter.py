"""Find the pkuseg segmentation model and build the blank Chinese pipeline.

Resolution order: an explicit path, ``ZHKG_PKUSEG_MODEL``, a model already
converted in the user cache, and last the CTB8 model shipped inside the
``pkuseg==0.0.12`` wheel, converted once into the cache (never next to the
wheel in site-packages).
"""

from __future__ import annotations

import bisect
import contextlib
import importlib.util
import io
import logging
import os
import re
import shutil
import sys
import tempfile
from array import array
from itertools import accumulate
from pathlib import Path
from typing import Any

from spacy.lang.zh import ChineseTokenizer, Segmenter
from spacy.tokens import Doc
from spacy.util import registry

from kg.cache import cache_dir, cached_data, pack_strings, unpack_strings
from kg.pipeline.candidates import record_layout
from kg.pipeline.char_features import FastPkuseg
from kg.pipeline.word_merge import DictionaryMerger, UserDictionary, word_starts

logger = logging.getLogger("zhkg")

MODEL_ENV = "ZHKG_PKUSEG_MODEL"
# What spacy_pkuseg reads once a model is converted.
CONVERTED_FILES = ("features.msgpack", "weights.npz")


class ModelNotFoundError(FileNotFoundError):
    """No usable segmentation model was found."""


def is_converted(path: Path) -> bool:
    return all((path / name).is_file() for name in CONVERTED_FILES)


def shipped_ctb8_dir() -> Path:
    """The CTB8 model directory inside the installed ``pkuseg`` wheel (not imported)."""
    spec = importlib.util.find_spec("pkuseg")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFoundError(
            "no segmentation model: install pkuseg==0.0.12 or set " + MODEL_ENV
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "models" / "ctb8"
    if not (path / "model.txt").is_file():
        raise ModelNotFoundError(f"{path}: the pkuseg wheel carries no CTB8 model")
    return path


def convert_model(source: Path, target: Path) -> Path:
    """Convert a text-format pkuseg model into ``target`` (atomically)."""
    import spacy_pkuseg

    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
    try:
        # Links, not copies: the text model is 137 MB and only read once.
        for entry in source.iterdir():
            if entry.is_file() and entry.suffix != ".py":
                (work / entry.name).symlink_to(entry.resolve())
        print(f"zhkg: converting the segmentation model {source} into {target} (once)",
              file=sys.stderr)
        # spacy_pkuseg reports each missing format on stderr while it converts.
        with contextlib.redirect_stderr(io.StringIO()):
            spacy_pkuseg.pkuseg(str(work))
        for entry in work.iterdir():
            if entry.is_symlink() and entry.name in CONVERTED_FILES:
                # The source was converted already (pkuseg run on it directly), so pkuseg
                # converted nothing: the cache gets copies of its converted files.
                copy = work / f".{entry.name}.copy"
                shutil.copyfile(entry.resolve(), copy)
                os.replace(copy, entry)
            elif entry.is_symlink():
                entry.unlink()
        try:
            os.replace(work, target)
        except OSError:
            if not is_converted(target):  # lost a race against another converter: fine
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def cached_model_dir() -> Path:
    """Where the shipped CTB8 model is converted to, in the user cache."""
    return cache_dir() / "pkuseg" / "ctb8"


def resolve_pkuseg_model(model: str | os.PathLike[str] | None = None) -> Path:
    """Return a directory holding a converted pkuseg model, converting CTB8 if needed."""
    explicit = model or os.environ.get(MODEL_ENV)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_dir():
            raise ModelNotFoundError(f"{path}: not a pkuseg model directory")
        if not is_converted(path) and not (path / "model.txt").is_file():
            raise ModelNotFoundError(f"{path}: holds neither features.msgpack nor model.txt")
        return path
    cached = cached_model_dir()
    if is_converted(cached):
        return cached
    return convert_model(shipped_ctb8_dir(), cached)


def load_segmenter(model: Path):
    """The ``spacy_pkuseg.pkuseg`` of a converted model directory, through the user cache.

    Building its 1.6M-entry feature dict is most of ``kg build``'s start-up. The
    cache holds the feature strings as one blob, which builds the dict in about half
    the time of unpickling it (see :func:`kg.cache.pack_strings`); so are the 390k words
    of its post-processing dictionary and their starts (for :class:`DictionaryMerger`).
    """
    try:
        seg, features, values, unigram, dictionary = _cached_segmenter(model)
    except Exception as err:  # whatever pkuseg raises on a truncated or damaged model file
        if model.resolve() != cached_model_dir().resolve():
            raise
        # The cache's own conversion is damaged: made again from the shipped model.
        print(f"zhkg: {model}: the converted segmentation model cannot be read "
              f"({type(err).__name__}); converting it again", file=sys.stderr)
        shutil.rmtree(model, ignore_errors=True)
        convert_model(shipped_ctb8_dir(), model)
        seg, features, values, unigram, dictionary = _cached_segmenter(model)
    extractor = seg.feature_extractor
    if features is not None:
        extractor.feature_to_idx = dict(zip(unpack_strings(features), values, strict=True))
        extractor.unigram = set(unpack_strings(unigram))
    post = seg.postprocesser
    if dictionary is not None:
        words, starts = dictionary
        post.other_words = set(unpack_strings(words))
        seg.postprocesser = DictionaryMerger(post.common_words, post.other_words,
                                             set(unpack_strings(starts)))
    elif post.do_process:
        seg.postprocesser = DictionaryMerger(post.common_words, post.other_words)
    seg.preprocesser = UserDictionary(seg.preprocesser)
    return seg


Strings = tuple[int, bytes]  # kg.cache.pack_strings
Packed = tuple[Any, Strings | None, array | None, Strings | None,
               tuple[Strings, Strings] | None]


def _cached_segmenter(model: Path) -> Packed:
    return cached_data("pkuseg", [model / name for name in CONVERTED_FILES],
                       lambda: _packed(model), version=7)


def _packed(model: Path) -> Packed:
    """The segmenter with its feature strings, unigram words, post-processing words and
    their starts (:class:`DictionaryMerger`) packed apart."""
    seg = FastPkuseg(str(model))
    post = seg.postprocesser
    dictionary = None
    if post.do_process:
        words = pack_strings(post.other_words)
        starts = pack_strings(word_starts(post.common_words | post.other_words))
        if words is not None and starts is not None:
            dictionary = words, starts
            post.other_words = set()
    extractor = seg.feature_extractor
    # Cutting reads the features and the unigram words, never the 600k bigrams:
    # pkuseg only lists training features with them.
    extractor.bigram = set()
    features = pack_strings(extractor.feature_to_idx)
    unigram = pack_strings(extractor.unigram)
    if features is None or unigram is None:  # a model with odd characters: kept whole
        return seg, None, None, None, dictionary
    values = array("q", extractor.feature_to_idx.values())
    extractor.feature_to_idx, extractor.unigram = {}, set()
    return seg, features, values, unigram, dictionary


class CachedPkusegTokenizer(ChineseTokenizer):
    """spaCy's Chinese tokenizer, its pkuseg model loaded through :func:`load_segmenter`;
    each doc it makes carries its text and token offsets for the recognizers."""

    def initialize(self, get_examples=None, *, nlp=None, pkuseg_model: str | None = None,
                   pkuseg_user_dict: str | None = "default") -> None:
        if self.segmenter == Segmenter.pkuseg and pkuseg_model and pkuseg_user_dict == "default" \
                and is_converted(Path(pkuseg_model)):
            self.pkuseg_seg = load_segmenter(Path(pkuseg_model))
            return
        super().initialize(get_examples, nlp=nlp, pkuseg_model=pkuseg_model,
                           pkuseg_user_dict=pkuseg_user_dict)


    def __call__(self, text: str) -> Doc:
        if self.segmenter != Segmenter.pkuseg or self.pkuseg_seg is None:
            return super().__call__(text)
        words, spaces, starts = align_words(self.pkuseg_seg.cut(text), text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        record_layout(doc, text, words, starts)
        return doc


def align_words(words: list[str], text: str) -> tuple[list[str], list[bool], list[int]]:
    """Words, trailing-space flags and start offsets of the segmenter's ``words`` in ``text``.

    What ``spacy.util.get_words_and_spaces`` returns, plus the offsets, without its
    copy of the rest of the text per word (quadratic on a page): whitespace the
    segmenter dropped becomes tokens, one space after a word becomes its flag.
    """
    aligned = _align_by_runs(words, text)
    return aligned if aligned is not None else _align_word_by_word(words, text)


_RUN = re.compile(r"\S+")


def _align_by_runs(words: list[str], text: str) -> tuple[list[str], list[bool], list[int]] | None:
    """:func:`align_words` for words that spell the text's whitespace-free runs in order,
    as pkuseg's do (it cuts each run apart); None for any other words."""
    if "" in words:
        return None
    # offsets[k]: where word k starts in the words joined, i.e. the runs joined.
    offsets = list(accumulate(map(len, words), initial=0))
    out: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    i = pos = 0
    for run in _RUN.finditer(text):
        run_start, run_end = run.span()
        j = bisect.bisect_left(offsets, offsets[i] + run_end - run_start, lo=i)
        if j == len(offsets) or "".join(words[i:j]) != run.group():
            return None
        _add_gap(text, pos, run_start, out, spaces, starts)
        shift = run_start - offsets[i]
        out.extend(words[i:j])
        spaces.extend([False] * (j - i))
        starts.extend([shift + offset for offset in offsets[i:j]])
        i, pos = j, run_end
    if i != len(words):
        return None
    _add_gap(text, pos, len(text), out, spaces, starts)
    return out, spaces, starts


def _add_gap(text: str, start: int, end: int, out: list[str], spaces: list[bool],
             starts: list[int]) -> None:
    """Whitespace between words: a first space is the word's flag, the rest a token."""
    if start < end and out and text[start] == " ":
        spaces[-1] = True
        start += 1
    if start < end:
        out.append(text[start:end])
        spaces.append(False)
        starts.append(start)


def _align_word_by_word(words: list[str], text: str) -> tuple[list[str], list[bool], list[int]]:
    out: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    pos = 0
    for word in words:
        if word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0 or (start > pos and not text[pos:start].isspace()):
            raise ValueError(f"the segmenter's words do not spell the text at offset {pos}")
        if start > pos:
            out.append(text[pos:start])
            spaces.append(False)
            starts.append(pos)
        out.append(word)
        spaces.append(False)
        starts.append(start)
        pos = start + len(word)
        if pos < len(text) and text[pos] == " ":
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        if not text[pos:].isspace():
            raise ValueError(f"the segmenter's words do not spell the text at offset {pos}")
        out.append(text[pos:])
        spaces.append(False)
        starts.append(pos)
    return out, spaces, starts


@registry.tokenizers("zhkg.ChineseTokenizer.v1")
def create_tokenizer(segmenter: str = "pkuseg"):
    def tokenizer_factory(nlp):
        return CachedPkusegTokenizer(nlp.vocab, segmenter=segmenter)

    return tokenizer_factory
