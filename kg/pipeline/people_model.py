"""PERSON by a learned scorer: names that no cue word introduces.

The rules of :mod:`kg.pipeline.people` need a role, a byline or a speech verb
beside a name; real pages also write 居民申淑英, 张霞路过王素兰家 and 退役军人梁永永.
Every run of one to three pkuseg tokens that reads as a name (a surname from
jionlp's inventory and one to three more characters, or a run of transliteration
characters) is a candidate; a logistic regression over its characters, its
neighbouring words and jieba's lexicon scores it. The model fills recall: it
proposes what scores at least its threshold and overlaps no PERSON of the rules,
whose precision it keeps.

The weights are a JSON file (``kg/data/people_model.json``, trained by
``kg train``/``make model`` with scikit-learn). Scoring is the logistic model's
decision function over the stored weights, so that a build does not import
scikit-learn (a second of start-up).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg.cache import cached_data
from kg.pipeline.candidates import Layout, candidates_of, layout
from kg.pipeline.learned import LearnedComponent, LinearModel, sigmoid
from kg.pipeline.people import is_kinship, surname_source, surnames, translit_chars
from kg.rules.families import family
from kg.rules.lexicon import HAN_RE, data_path, is_common, jieba_dictionary, word_pos

FAMILY = family("zhkg.people:model")
MODEL_FILE = "people_model.json"
# Longest transliterated name taken as one candidate (图门乌力吉, 德格吉日夫).
MAX_TRANSLIT = 7


@lru_cache(maxsize=1)
def given_name_rates() -> dict[str, int]:
    """How often each character stands in the given name of jieba's ``nr`` words
    against all its words, as a bucket 0 (mostly in names) to 6 (hardly ever)."""
    # The rates count names by their surnames: the surname sources key the cache too.
    sources = [jieba_dictionary(), surname_source(), data_path("extra_surnames.tsv")]
    return cached_data("given-name-rates", sources, lambda: _given_name_rates(word_pos()))


def _given_name_rates(pos: dict[str, str]) -> dict[str, int]:
    single = surnames()[0]
    in_names: Counter[str] = Counter()
    in_words: Counter[str] = Counter()
    for word, tag in pos.items():
        in_words.update(word)
        if tag == "nr" and 2 <= len(word) <= 4 and word[0] in single:
            in_names.update(word[1:])
    return {char: min(6, max(0, int(-math.log2((in_names[char] + 0.5) / (count + 1)))))
            for char, count in in_words.items()}


def name_candidates(lay: Layout) -> Iterator[tuple[int, int, int, int]]:
    """Candidates of ``lay`` that may be a personal name: ``(start, end, i, j)`` in
    characters and in tokens (``i`` to ``j``, ``end`` inside token ``j - 1`` where
    pkuseg joined the name to the next word: 张霞|路过 written 张霞路|过)."""
    flags_of = _word_flags()
    words, starts, ends, text = lay.words, lay.starts, lay.ends, lay.text
    last = len(words)
    flags = [flags_of.get(word) for word in words]
    for i, f in enumerate(flags):
        if f is None:
            f = flags[i] = flags_of.compute(words[i])
        if not f & _OPENS:
            continue
        led = f & _LED
        start = starts[i]
        word = words[i]
        if led and len(word) >= 3 and f & _HAN:
            for end in range(start + 2, start + min(len(word), 4)):
                if not is_kinship(text[start:end]):
                    yield start, end, i, i + 1
        # text[start:ends[j - 1]] is all Han characters when its words are, with
        # nothing between them; all transliteration characters likewise.
        translit = True
        for j in range(i + 1, min(i + 3, last) + 1):
            k = j - 1
            length = ends[k] - start
            if length > MAX_TRANSLIT:
                break
            g = flags[k]
            if g is None:
                g = flags[k] = flags_of.compute(words[k])
            if not g & _HAN or (k > i and ends[k - 1] != starts[k]):
                break
            translit = translit and bool(g & _TRANSLIT)
            if ((led and 2 <= length <= 4) or (length >= 2 and translit)):
                name = text[start:ends[k]]
                if not is_kinship(name):  # 陈叔叔, 廖大爷: the guideline's no-name
                    yield start, ends[k], i, j


# What name_candidates asks of a word, as bits: its first characters are a surname
# (_LED), its first is a transliteration character, it is all Han characters, all
# transliteration characters.
_LED, _TRANSLIT_FIRST, _HAN, _TRANSLIT = 1, 2, 4, 8
_OPENS = _LED | _TRANSLIT_FIRST


class _WordFlags(dict):
    """Words' bits, computed once per word for the surname and transliteration
    inventories it was made with."""

    def __init__(self, single: frozenset[str], double: frozenset[str],
                 translit: frozenset[str]) -> None:
        super().__init__()
        self.inventories = (single, double, translit)

    def compute(self, word: str) -> int:
        single, double, translit = self.inventories
        f = 0
        if word[:1] in single or word[:2] in double:
            f |= _LED
        if word[:1] in translit:
            f |= _TRANSLIT_FIRST
        if HAN_RE.fullmatch(word):
            f |= _HAN
        if all(c in translit for c in word):
            f |= _TRANSLIT
        if len(self) >= _CACHE_SIZE:
            self.clear()
        self[word] = f
        return f


_flags: _WordFlags | None = None


def _word_flags() -> _WordFlags:
    global _flags
    single, _, double = surnames()
    translit = translit_chars()
    flags = _flags
    if flags is None or any(a is not b for a, b in zip(flags.inventories,
                                                       (single, double, translit),
                                                       strict=True)):
        flags = _flags = _WordFlags(single, double, translit)
    return flags


# A candidate's features come in four parts, each a function of less than the whole
# candidate, so that scoring a page sums cached part scores (a name, a left or right
# context recurs) instead of formatting every feature of every candidate.

def name_features(name: str) -> list[str]:
    """What the characters of ``name`` and the lexicons say of it."""
    single, unambiguous, double = surnames()
    translit = translit_chars()
    rates = given_name_rates()
    out = ["bias", f"sur={name[0]}", f"len={len(name)}", f"last={name[-1]}",
           f"pos={word_pos().get(name, '-')}"]
    for n, char in enumerate(name[2:] if name[:2] in double else name[1:]):
        out += [f"g{n}={char}", f"gq{n}={rates.get(char, 6)}"]
    if name[:2] in double:
        out.append("double")
    if name[0] in unambiguous:
        out.append("unamb")
    if name[0] not in single and name[:2] not in double:
        out.append("nosur")
    if all(c in translit for c in name):
        out.append("translit")
    if is_common(name):
        out.append("common")
    if is_common(name[:2]):
        out.append("common2")
    return out


def left_features(prev: str, prev2: str) -> list[str]:
    """The word before a candidate and the one before it."""
    return [f"p1={prev}", f"p1c={prev[-1:]}", f"p2c={prev[-2:]}", f"p2={prev2}",
            f"p1pos={word_pos().get(prev, '-')}"]


def right_features(nxt: str, nxt2: str, cut: bool) -> list[str]:
    """The two words after a candidate; ``cut`` where the name ends inside a token, whose
    rest is then the first."""
    out = [f"n1={nxt}", f"n1c={nxt[:1]}", f"n2={nxt2}", f"n1pos={word_pos().get(nxt, '-')}"]
    if cut:
        out.append("cut")
    return out


def page_features(length: int, tokens: int, count: int, shorter_more: bool) -> list[str]:
    """How a name of ``length`` characters spans pkuseg's ``tokens``, how often its page
    writes it, and whether the page writes it without its last character more often
    (张霞 and 张霞忙)."""
    out = [f"ntok={tokens}", f"shape={length}_{tokens}", f"cnt={min(count, 3)}"]
    if shorter_more:
        out.append("shorter-more")
    return out


def _parts(lay: Layout, found: list[tuple[int, int, int, int]]
           ) -> Iterator[tuple[str, tuple[str, str], tuple[str, str, bool],
                               tuple[int, int, int, bool]]]:
    """The arguments of the four feature parts for each candidate of ``found``."""
    words, ends, text = lay.words, lay.ends, lay.text
    counts = Counter(text[start:end] for start, end, _, _ in found)
    last = len(words)
    for start, end, i, j in found:
        name = text[start:end]
        left = (words[i - 1] if i > 0 else "<s>", words[i - 2] if i > 1 else "<s>")
        if end < ends[j - 1]:
            right = (text[end:ends[j - 1]], words[j] if j < last else "</s>", True)
        else:
            right = (words[j] if j < last else "</s>",
                     words[j + 1] if j + 1 < last else "</s>", False)
        count = counts[name]
        shorter = len(name) >= 3 and counts[name[:-1]] > count
        yield name, left, right, (len(name), j - i, min(count, 3), shorter)


def page_candidates(lay: Layout) -> list[tuple[int, int, list[str]]]:
    """Every name candidate of a page as character offsets, with all its features."""
    found = list(name_candidates(lay))
    return [(start, end, name_features(name) + left_features(*left)
             + right_features(*right) + page_features(*shape))
            for (start, end, _, _), (name, left, right, shape) in zip(found, _parts(lay, found),
                                                                       strict=True)]


# Part scores kept, at most, before the caches start again (a corpus of a year of
# pages meets a few hundred thousand names and contexts).
_CACHE_SIZE = 1_000_000
# What NameModel.likely adds to an upper bound of a score before it drops a
# candidate: rounding moves a sum of a few dozen weights by some 1e-14.
_MARGIN = 1e-6


class NameModel(LinearModel):
    """The weights of the name scorer and its threshold."""

    FILE = MODEL_FILE
    FORMAT = "zhkg.people-model"
    WHAT = "people model"

    def __init__(self, weights: dict[str, float], threshold: float = 0.5,
                 meta: dict[str, Any] | None = None) -> None:
        super().__init__(weights, threshold, meta)
        # Part scores by their arguments: names, left and right contexts, shapes.
        self._caches: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
        self._tables: _PartTables | None = None

    def page(self, lay: Layout) -> list[tuple[float, int, int]]:
        """``(probability, start, end)`` of every name candidate of a page: the
        probability of :meth:`probability` over :func:`page_candidates`, from the
        scores of the four parts, each computed once for the same arguments."""
        found = list(name_candidates(lay))
        names, lefts, rights, shapes = self._bounded_caches()
        tables = self._part_tables()
        out = []
        for (start, end, _, _), (name, left, right, shape) in zip(found, _parts(lay, found),
                                                                   strict=True):
            total = names.get(name)
            if total is None:
                total = names[name] = tables.name(name)
            part = lefts.get(left)
            if part is None:
                part = lefts[left] = tables.left(*left)
            total += part
            part = rights.get(right)
            if part is None:
                part = rights[right] = tables.right(*right)
            total += part
            part = shapes.get(shape)
            if part is None:
                part = shapes[shape] = self.score(page_features(*shape))
            out.append((sigmoid(total + part), start, end))
        return out

    def likely(self, lay: Layout) -> list[tuple[float, int, int]]:
        """The candidates of :meth:`page` whose probability reaches the threshold: the
        same ``(probability, start, end)`` in the same order. A candidate whose name
        and left context cannot reach it with the best right context and shape the
        weights allow is dropped before those are scored, and so is one whose name
        and contexts cannot reach it with the best shape (most candidates)."""
        found = list(name_candidates(lay))
        names, lefts, rights, shapes = self._bounded_caches()
        tables = self._part_tables()
        threshold = self.threshold
        # Upper bounds of the parts not yet scored, with a margin far above the
        # rounding of a few additions: only what surely falls short is dropped.
        right_bound = tables.right_max + tables.shape_max + _MARGIN
        shape_bound = tables.shape_max + _MARGIN
        # What _parts makes, made here only as far as a candidate gets.
        words, ends, text = lay.words, lay.ends, lay.text
        last = len(words)
        spans = [text[start:end] for start, end, _, _ in found]
        counts = Counter(spans)
        out = []
        for (start, end, i, j), name in zip(found, spans, strict=True):
            total = names.get(name)
            if total is None:
                total = names[name] = tables.name(name)
            left = (words[i - 1] if i > 0 else "<s>", words[i - 2] if i > 1 else "<s>")
            part = lefts.get(left)
            if part is None:
                part = lefts[left] = tables.left(*left)
            total += part
            if sigmoid(total + right_bound) < threshold:
                continue
            if end < ends[j - 1]:
                right = (text[end:ends[j - 1]], words[j] if j < last else "</s>", True)
            else:
                right = (words[j] if j < last else "</s>",
                         words[j + 1] if j + 1 < last else "</s>", False)
            part = rights.get(right)
            if part is None:
                part = rights[right] = tables.right(*right)
            total += part
            if sigmoid(total + shape_bound) < threshold:
                continue
            count = counts[name]
            shape = (len(name), j - i, min(count, 3),
                     len(name) >= 3 and counts[name[:-1]] > count)
            part = shapes.get(shape)
            if part is None:
                part = shapes[shape] = self.score(page_features(*shape))
            probability = sigmoid(total + part)
            if probability >= threshold:
                out.append((probability, start, end))
        return out

    def _bounded_caches(self) -> tuple[dict, dict, dict, dict]:
        """The part-score caches, emptied once they hold more than ``_CACHE_SIZE``."""
        caches = self._caches
        if sum(map(len, caches)) > _CACHE_SIZE:
            for cache in caches:
                cache.clear()
        return caches

    def _part_tables(self) -> _PartTables:
        """The part scorers of the current weights, made on first use (and again when
        :attr:`weights` is replaced)."""
        tables = self._tables
        if tables is None or tables.weights is not self.weights:
            tables = self._tables = _PartTables(self.weights)
        return tables


class _PartTables:
    """The scores of :func:`name_features`, :func:`left_features` and
    :func:`right_features` without formatting a feature: a feature ``prefix=value``
    is looked up as ``value`` in its prefix's table of the weights. Each sums the
    same weights in the same order as :meth:`LinearModel.score` of the features,
    so that the float is the same."""

    def __init__(self, weights: dict[str, float]) -> None:
        self.weights = weights
        by_prefix: dict[str, dict[str, float]] = {}
        for feature, weight in weights.items():
            prefix, eq, value = feature.partition("=")
            if eq:
                by_prefix.setdefault(prefix, {})[value] = weight

        def table(prefix: str) -> dict[str, float]:
            return by_prefix.get(prefix, {})

        def numbers(prefix: str) -> dict[int, float]:
            # Values that are an integer as f"{n}" writes it; no other can match.
            return {int(value): weight for value, weight in table(prefix).items()
                    if value.isascii() and value.isdigit() and str(int(value)) == value}

        flag = weights.get
        self.bias, self.double, self.unamb, self.nosur, self.translit, self.common, \
            self.common2, self.cut = (flag(name, 0.0) for name in (
                "bias", "double", "unamb", "nosur", "translit", "common", "common2", "cut"))
        self.sur, self.last, self.pos = table("sur"), table("last"), table("pos")
        self.length = numbers("len")
        self.given = [table(f"g{n}") for n in range(MAX_TRANSLIT)]
        self.given_rate = [numbers(f"gq{n}") for n in range(MAX_TRANSLIT)]
        self.p1, self.p1c, self.p2c, self.p2, self.p1pos = (
            table(prefix) for prefix in ("p1", "p1c", "p2c", "p2", "p1pos"))
        self.n1, self.n1c, self.n2, self.n1pos = (
            table(prefix) for prefix in ("n1", "n1c", "n2", "n1pos"))

        def best(*tables: dict[Any, float]) -> float:
            # The most a feature of each table can add (0.0 where it has no weight).
            return sum(max(0.0, max(table.values(), default=0.0)) for table in tables)

        # The most a right context and a shape can add to a score.
        self.right_max = best(self.n1, self.n1c, self.n2, self.n1pos) + max(0.0, self.cut)
        self.shape_max = best(*(table(prefix) for prefix in ("ntok", "shape", "cnt"))) \
            + max(0.0, flag("shorter-more", 0.0))

    def name(self, name: str) -> float:
        """``score(name_features(name))``."""
        single, unambiguous, double = surnames()
        translit = translit_chars()
        rates = given_name_rates()
        first = name[0]
        is_double = name[:2] in double
        terms = [self.bias, self.sur.get(first, 0.0), self.length.get(len(name), 0.0),
                 self.last.get(name[-1], 0.0), self.pos.get(word_pos().get(name, "-"), 0.0)]
        given, given_rate = self.given, self.given_rate
        for n, char in enumerate(name[2:] if is_double else name[1:]):
            if n >= len(given):  # longer than any candidate: the features, formatted
                terms += [self.weights.get(f"g{n}={char}", 0.0),
                          self.weights.get(f"gq{n}={rates.get(char, 6)}", 0.0)]
                continue
            terms += [given[n].get(char, 0.0), given_rate[n].get(rates.get(char, 6), 0.0)]
        if is_double:
            terms.append(self.double)
        if first in unambiguous:
            terms.append(self.unamb)
        if first not in single and not is_double:
            terms.append(self.nosur)
        if all(c in translit for c in name):
            terms.append(self.translit)
        if is_common(name):
            terms.append(self.common)
        if is_common(name[:2]):
            terms.append(self.common2)
        return sum(terms)

    def left(self, prev: str, prev2: str) -> float:
        """``score(left_features(prev, prev2))``."""
        return sum((self.p1.get(prev, 0.0), self.p1c.get(prev[-1:], 0.0),
                    self.p2c.get(prev[-2:], 0.0), self.p2.get(prev2, 0.0),
                    self.p1pos.get(word_pos().get(prev, "-"), 0.0)))

    def right(self, nxt: str, nxt2: str, cut: bool) -> float:
        """``score(right_features(nxt, nxt2, cut))``."""
        terms = (self.n1.get(nxt, 0.0), self.n1c.get(nxt[:1], 0.0), self.n2.get(nxt2, 0.0),
                 self.n1pos.get(word_pos().get(nxt, "-"), 0.0))
        return sum((*terms, self.cut)) if cut else sum(terms)


def shipped_model_path() -> Path:
    return NameModel.shipped_path()


class PersonModel(LearnedComponent):
    """Adds the names the learned scorer finds to the candidates.

    ``model`` is a folder written by ``kg train`` (or its ``people_model.json``);
    empty, the model shipped in ``kg/data``.
    """

    factory = "zhkg_people_model"
    model_class = NameModel
    data_files = ("extra_surnames.tsv", "kinship_terms.txt", "rule_families.tsv",
                  "transliteration_chars.txt")

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        self.scorer  # noqa: B018 -- read the weights now, not on the first page
        surnames()
        given_name_rates()

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        scorer = self.scorer
        # A rule's PERSON keeps its span: the model only adds names the rules missed.
        taken = bytearray(len(layout(doc).text) + 1)
        for cand in found:
            if cand.label == "PERSON":
                taken[cand.start:cand.end] = b"\1" * cand.length
        scored = [(prob, start, end) for prob, start, end in scorer.likely(layout(doc))
                  if not any(taken[start:end])]
        # Of overlapping readings (张霞 or 张霞路) the likelier one.
        for _, start, end in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\1" * (end - start)
            found.append(FAMILY.candidate(start, end, "Person"))
        return doc


@Language.factory("zhkg_people_model", assigns=["doc._.zhkg_candidates"],
                  default_config={"model": ""})
def make_person_model(nlp: Language, name: str, model: str) -> PersonModel:
    return PersonModel(nlp, name, model=model)
