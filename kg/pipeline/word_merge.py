"""pkuseg's pre- and post-processing of a cut, the same words in a fraction of the time.

``spacy_pkuseg.pkuseg.cut`` runs each whitespace-free run through its user dictionary
(``Preprocesser.solve``, a Python loop over every character even when that dictionary
is empty) and merges the words of each cut that spell a dictionary word
(``Postprocesser.post_process``, which joins every window of 2 to 7 words and looks it
up: 7–8% of the segmentation time). The classes here subclass pkuseg's and keep its
attributes, so spaCy's serialization of the tokenizer reads them as before.
"""

from __future__ import annotations

from itertools import compress
from operator import add, or_

from spacy_pkuseg import Postprocesser, Preprocesser

# pkuseg merges windows of 7 words down to 2.
_WIDEST = 7


class DictionaryMerger(Postprocesser):
    """``Postprocesser``: the same merges, found without joining every window.

    A window can only spell a dictionary word if each of its leading words joined is
    the start of one. Walking that from each word gives the widest window that may
    merge there; pkuseg's own loop then only joins and looks up those windows, in its
    order, so a merge changes the later windows exactly as it does in pkuseg. Nineteen
    words in twenty start no dictionary word with the next one: that first step is
    taken for all words at once, in C (``map``).

    The starts of words are a set of 320k strings (40 MiB): a bisection of the sorted
    words instead keeps no more than a list but costs as much as the joins it saves.
    """

    def __init__(self, common_words: set[str], other_words: set[str],
                 starts: set[str] | None = None) -> None:
        self.do_process = True
        self.common_words = common_words
        self.other_words = other_words
        self._starts = starts if starts is not None else word_starts(common_words | other_words)
        self._starts_of = self._sets_key()

    def _sets_key(self) -> tuple[int, int, int, int]:
        return (id(self.common_words), len(self.common_words),
                id(self.other_words), len(self.other_words))

    def post_process(self, sent: list[str], check_seperated: bool) -> list[str]:
        if self._sets_key() != self._starts_of:
            # spaCy's Tokenizer.from_bytes assigns new sets: the starts follow them.
            self._starts = word_starts(self.common_words | self.other_words)
            self._starts_of = self._sets_key()
        reach = self._reaches(sent)
        common, other = self.common_words, self.other_words
        # Merging a window makes no wider window, and pkuseg tries the widest first.
        for m in range(min(max(reach, default=1), _WIDEST), 1, -1):
            todo, k = _windows(reach, m, 0), 0
            while k < len(todo):
                i = todo[k]
                k += 1
                merged = "".join(sent[i:i + m])
                if merged in common or (merged in other and not (
                        check_seperated
                        and all(w in common or w in other for w in sent[i:i + m]))):
                    sent[i:i + m] = [merged]
                    # Only the windows reaching into the merged words change.
                    low = max(0, i - _WIDEST + 1)
                    reach[low:i + m] = [self._reach(sent, j) for j in range(low, i + 1)]
                    todo, k = _windows(reach, m, i + 1), 0
        return sent

    def _opens(self, joined: str) -> bool:
        """Whether ``joined`` is a dictionary word or the start of one."""
        return joined in self._starts or joined in self.other_words or joined in self.common_words

    def _reaches(self, sent: list[str]) -> list[int]:
        """:meth:`_reach` of every word of ``sent``."""
        reach = [1] * len(sent)
        pairs = list(map(add, sent, sent[1:]))
        opens = map(or_, map(self._starts.__contains__, pairs),
                    map(self.other_words.__contains__, pairs))
        if self.common_words:
            opens = map(or_, opens, map(self.common_words.__contains__, pairs))
        for i in compress(range(len(pairs)), opens):
            reach[i] = self._reach(sent, i)
        return reach

    def _reach(self, sent: list[str], i: int) -> int:
        """How many words from ``sent[i]`` on, at most 7, still spell a dictionary word
        or the start of one once joined (1 when the first two do not)."""
        joined = sent[i]
        m, n = 1, len(sent)
        while m < _WIDEST and i + m < n:
            joined += sent[i + m]
            if not self._opens(joined):
                break
            m += 1
        return m


def word_starts(words: set[str]) -> set[str]:
    """The proper starts of ``words`` that are no word themselves. Those shorter than two
    characters only matter to cuts holding empty words, which pkuseg never makes."""
    return {w[:k] for w in words for k in range(len(w))} - words


def _windows(reach: list[int], m: int, start: int) -> list[int]:
    """Where from ``start`` on a window of ``m`` words may spell a dictionary word: what
    pkuseg's loop would try in turn (one past the last start that leaves ``m`` words)."""
    stop = len(reach) - m + 1
    return list(compress(range(start, stop), map(m.__le__, reach[start:stop])))


class UserDictionary(Preprocesser):
    """``Preprocesser`` that returns a run whole, at once, while its user dictionary
    is empty (as zhkg's is), instead of trying each character against the empty trie."""

    def __init__(self, base: Preprocesser) -> None:
        self.dict_data = base.dict_data
        self.trie = base.trie

    def solve(self, txt: str) -> tuple[list[str], list[bool], list[str]]:
        if not self.trie.children and txt:
            return [txt], [False], [""]
        return super().solve(txt)
