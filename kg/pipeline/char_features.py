"""pkuseg's cut of a run: the same features, tags and words in a third to two thirds
of the time.

``spacy_pkuseg.pkuseg._cut`` asks its Cython extractor for each character's features
one call at a time. Each call joins 20 windows of 2 to 6 characters and builds about
110 feature strings, 100 of them pairs of the words (or ``**noWord``) ending before and
starting at the character (``ww.l.``, ``ww.r.``), and looks each up in the model's
1.6M-entry dict: 94% of the segmentation time. Here the windows are joined once per
run, and the features of each combination of neighbouring characters and window words
are looked up once and then remembered, so a page mostly repeats dict lookups of
tuples. The feature lists are equal, item for item and in order, to pkuseg's, so the
Viterbi decoding sums the same weights in the same order and tags alike.
"""

from __future__ import annotations

from itertools import accumulate, pairwise
from typing import Any

import spacy_pkuseg
from spacy_pkuseg import config as pkuseg_config
from spacy_pkuseg import inference
from spacy_pkuseg.feature_extractor import FeatureExtractor

# pkuseg's placeholder for a window that is no word.
_NO_WORD = "**noWord"
_MISSING = object()
# The remembered lookups are all dropped once this many are held: at most about 45 MiB.
# The seeds' pages hold 30k; 340k characters of real articles 350k, which cut at 0.37 of
# pkuseg's time with every lookup held and at 0.65 with this bound.
_MEMO_SIZE = 150_000

Tuple = tuple[Any, ...]


class CharacterFeatures:
    """The feature indices of every character of a run, as pkuseg's
    ``FeatureExtractor.get_node_features_idx`` gives them one character at a time."""

    def __init__(self, feature_to_idx: dict[str, int], unigram: set[str],
                 word_min: int, word_max: int) -> None:
        self.feature_to_idx = feature_to_idx
        self.unigram = unigram
        self.lengths = tuple(range(word_max, word_min - 1, -1))
        self._chars: dict[str, Tuple] = {}
        self._pairs: dict[tuple[str, str], Tuple] = {}
        self._words: tuple[dict, dict, dict, dict] = ({}, {}, {}, {})
        self._word_pairs: dict[str, dict[str, dict[str, int | None]]] = {"ww.l.": {}, "ww.r.": {}}
        self._pairs_held = 0

    @classmethod
    def applies(cls, unigram: set[str]) -> bool:
        """Whether pkuseg's configuration and words are those this extractor follows:
        word features on, and no empty word (an out-of-range window is ``""``)."""
        return bool(pkuseg_config.wordFeature) and "" not in unigram

    def nodes(self, text: str) -> list[str]:
        """``FeatureExtractor.normalize_text``: keywords renamed, digits and letters
        replaced by ``**Num`` and ``**Letter``."""
        renamed = text.translate(FeatureExtractor.keywords_translate_table)
        if not pkuseg_config.numLetterNorm:
            return list(renamed)
        classes = _CHAR_CLASSES
        return [classes.get(ch, ch) for ch in renamed]

    def __call__(self, nodes: list[str]) -> list[list[int]]:
        n = len(nodes)
        if n == 0:
            return []
        if sum(len(d) for d in (self._chars, self._pairs, *self._words)) + self._pairs_held \
                > _MEMO_SIZE:
            self._trim()
        windows = self._windows(nodes)
        # For character i, the window words of each length (6 … 2, as pkuseg lists
        # them) ending at i, starting at i, ending before i and starting after i.
        ends_in = self._at(windows, n, [1 - m for m in self.lengths])
        starts_in = self._at(windows, n, [0] * len(self.lengths))
        ends_before = self._at(windows, n, [-m for m in self.lengths])
        starts_after = self._at(windows, n, [1] * len(self.lengths))
        chars, pairs = self._chars, self._pairs
        char_ids = [chars.get(c) or self._char(c) for c in nodes]
        pair_ids = [pairs.get(pair) or self._pair(pair) for pair in pairwise(nodes)]
        ending, starting, left, right = self._words
        out = []
        for i in range(n):
            # pkuseg's order: the start feature, c, c-1, c-1c, c1, cc1, c-2, c-2c-1, c2.
            near = [char_ids[i][0]]
            if i > 0:
                near += (char_ids[i - 1][1], pair_ids[i - 1][0])
            if i + 1 < n:
                near += (char_ids[i + 1][2], pair_ids[i][1])
            if i > 1:
                near += (char_ids[i - 2][3], pair_ids[i - 2][2])
            if i + 2 < n:
                near.append(char_ids[i + 2][4])
            ids = [0, *(j for j in near if j is not None)]
            e_in, s_in = ends_in[i], starts_in[i]
            e_before, s_after = ends_before[i], starts_after[i]
            found = ending.get(e_in)
            if found is None:
                found = ending[e_in] = self._lookup("w-1.", e_in)
            ids += found
            found = starting.get(s_in)
            if found is None:
                found = starting[s_in] = self._lookup("w1.", s_in)
            ids += found
            key = (e_before, s_in)
            found = left.get(key)
            if found is None:
                found = left[key] = self._lookup_pairs("ww.l.", e_before, s_in)
            ids += found
            key = (e_in, s_after)
            found = right.get(key)
            if found is None:
                found = right[key] = self._lookup_pairs("ww.r.", e_in, s_after)
            ids += found
            out.append(ids)
        return out

    def _trim(self) -> None:
        """Drops every remembered lookup (keeping the newer half of each did worse)."""
        for memo in (self._chars, self._pairs, *self._words, *self._word_pairs.values()):
            memo.clear()
        self._pairs_held = 0

    def _windows(self, nodes: list[str]) -> list[list[str]]:
        """For each length (6 … 2), the word of that many nodes from each position, or
        ``**noWord``, padded on both sides so that a window out of the run is none."""
        n = len(nodes)
        pad = self.lengths[0] + 1
        text = "".join(nodes)
        offsets = list(accumulate(map(len, nodes), initial=0))
        unigram = self.unigram
        rows = []
        for m in self.lengths:
            row = [_NO_WORD] * (n + 2 * pad)
            for s in range(n - m + 1):
                word = text[offsets[s]:offsets[s + m]]
                if word in unigram:
                    row[s + pad] = word
            rows.append(row)
        return rows

    def _at(self, windows: list[list[str]], n: int, shifts: list[int]) -> list[Tuple]:
        """For each character, the window of each length starting ``shift`` from it."""
        pad = self.lengths[0] + 1
        return list(zip(*(row[pad + shift:pad + shift + n]
                          for row, shift in zip(windows, shifts, strict=True)), strict=True))

    def _char(self, c: str) -> Tuple:
        get = self.feature_to_idx.get
        found = self._chars[c] = tuple(get(p + c) for p in ("c.", "c-1.", "c1.", "c-2.", "c2."))
        return found

    def _pair(self, pair: tuple[str, str]) -> Tuple:
        get = self.feature_to_idx.get
        joined = f"{pair[0]}.{pair[1]}"
        found = self._pairs[pair] = tuple(get(p + joined) for p in ("c-1c.", "cc1.", "c-2c-1."))
        return found

    def _lookup(self, prefix: str, words: Tuple) -> list[int]:
        get = self.feature_to_idx.get
        return [j for j in (get(prefix + w) for w in words if w is not _NO_WORD)
                if j is not None]

    def _lookup_pairs(self, prefix: str, before: Tuple, after: Tuple) -> list[int]:
        get = self.feature_to_idx.get
        rows = self._word_pairs[prefix]
        out = []
        for a in before:
            row = rows.get(a)
            if row is None:
                row = rows[a] = {}
            for b in after:
                j = row.get(b, _MISSING)
                if j is _MISSING:
                    j = row[b] = get(f"{prefix}{a}*{b}")
                    self._pairs_held += 1
                if j is not None:
                    out.append(j)
        return out


# What pkuseg's normalization replaces; digits win, as pkuseg tests ``num`` first.
_CHAR_CLASSES = {**dict.fromkeys(FeatureExtractor.letter, "**Letter"),
                 **dict.fromkeys(FeatureExtractor.num, "**Num")}


class FastPkuseg(spacy_pkuseg.pkuseg):
    """``spacy_pkuseg.pkuseg`` whose ``_cut`` takes a run's features from
    :class:`CharacterFeatures`; everything else, serialization included, is pkuseg's."""

    def _cut(self, text: str) -> list[str]:
        extractor = self.feature_extractor
        features = getattr(self, "_features", None)
        if features is None or features.feature_to_idx is not extractor.feature_to_idx \
                or features.unigram is not extractor.unigram:
            # Made again when spaCy's from_bytes or the cache assigns new tables.
            if not CharacterFeatures.applies(extractor.unigram):
                return super()._cut(text)
            features = self._features = CharacterFeatures(
                extractor.feature_to_idx, extractor.unigram,
                pkuseg_config.wordMin, pkuseg_config.wordMax)
        nodes = features.nodes(text)
        _, tags = inference.decodeViterbi_fast(features(nodes), self.model)
        n = min(len(tags), len(text))
        begins = self._begin_tags()
        bounds = [0, *(i for i in range(1, n) if tags[i] in begins), n] if n else []
        return [text[a:b] for a, b in pairwise(bounds)]

    def forget(self) -> None:
        """Drops the remembered lookups, as a fresh process starts without them."""
        self._features = None

    def _begin_tags(self) -> frozenset[int]:
        """The tags that open a word (pkuseg: a tag name holding ``B``)."""
        begins = getattr(self, "_begins", None)
        if begins is None or begins[0] is not self.idx_to_tag:
            begins = self._begins = (self.idx_to_tag, frozenset(
                idx for idx, tag in self.idx_to_tag.items() if "B" in tag))
        return begins[1]

    def __getstate__(self) -> dict[str, Any]:
        # The remembered features are rebuilt on use, never pickled into the cache.
        return {k: v for k, v in self.__dict__.items() if k not in ("_features", "_begins")}
