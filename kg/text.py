"""Page structure: articles (headline block + body) and sentences."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kg.model import Sentence

_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』]?|\n|$)")
# A headline line: short, and without the full stop that ends body sentences.
_HEADLINE_MAX = 40


@dataclass(frozen=True)
class Article:
    start: int
    end: int
    headline: str          # the headline block, lines joined by "\n"


def occurrences(text: str, word: str, *, overlapping: bool = True) -> Iterator[int]:
    """Every offset where ``word`` is written in ``text``, in order; ``overlapping``
    also counts one that starts inside the previous one."""
    step = 1 if overlapping else len(word)
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + step)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Sentence]:
    """Sentences of ``text[start:end]`` split at 。！？ and line ends, trimmed."""
    end = len(text) if end is None else end
    for m in _SENTENCE.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield Sentence(a, b, text[a:b])


def starting_within(items: Sequence, starts: Sequence[int], start: int, end: int) -> list:
    """The ``items`` whose start offset lies in ``[start, end)``; ``starts`` are their
    start offsets, sorted (a slice, where a scan per sentence was quadratic)."""
    return list(items[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)])


def _lines(text: str) -> Iterator[tuple[int, int, int]]:
    """Each line of ``text`` that holds more than white space: where it starts, and the
    bounds of its content without white space at the ends. No line is copied: one line
    can be a whole file."""
    pos, size = 0, len(text)
    while pos < size:
        end = text.find("\n", pos)
        end = size if end < 0 else end
        a, b = pos, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            yield pos, a, b
        pos = end + 1


def is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= _HEADLINE_MAX and not re.search(r"[。！？]", line[:-1] or "x") \
        and not line.endswith(("。", "，", ",", "、", "；"))


# What ends a body line that is not cut by a page break.
_CLOSING = frozenset("。！？”…）)!?")


def articles(text: str) -> list[Article]:
    """Split a page into articles: a run of headline lines after a body paragraph starts one."""
    starts: list[int] = []
    blocks: list[list[str]] = []
    apart: set[int] = set()  # starts of headlines set off by two blank lines or more
    block: list[str] | None = None  # the headline lines of the last article, while they run
    first = 0
    prev_body, prev_closed = True, True
    prev_end = 0
    for n, (line_start, a, b) in enumerate(_lines(text)):
        first = line_start if n == 0 else first
        set_off = n > 0 and text.count("\n", prev_end, line_start) >= 3
        prev_end = b
        # Only a short line can be a headline, so a long one is never copied.
        headline = b - a <= _HEADLINE_MAX and is_headline(text[a:b])
        # A page break can cut a sentence: a short line after an unfinished one continues it.
        head = headline and prev_closed
        if head and prev_body:
            starts.append(line_start)
            block = [text[a:b]]
            blocks.append(block)
            if set_off:
                apart.add(line_start)
        elif block is not None and headline:
            block.append(text[a:b])
        else:
            block = None
        prev_body = not head
        prev_closed = head or text[b - 1] in _CLOSING
    if not starts or starts[0] > first:
        # The text before the first headline: no headline of its own.
        starts.insert(0, 0)
        blocks.insert(0, [])
    ends = [*starts[1:], len(text)]
    out = [Article(s, e, "\n".join(block))
           for s, e, block in zip(starts, ends, blocks, strict=True)]
    # A one-line block without byline or "地区：" prefix is a section heading, unless the
    # page sets it off by two blank lines or more, as it does a new article's headline.
    merged: list[Article] = []
    for art in out:
        if merged and not _opens_article(art.headline) and art.start not in apart:
            last = merged[-1]
            merged[-1] = Article(last.start, art.end, last.headline)
        else:
            merged.append(art)
    return merged


def _opens_article(headline: str) -> bool:
    lines = headline.split("\n")
    return len(lines) >= 2 or bool(re.search(r"记者|通讯员|摄|^[^：:]{2,12}[：:]", headline))


def segments(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Spans of at most ``max_chars`` that cover ``text``, cut between articles.

    A page is one segment. A file of many pages is packed article by article;
    an article longer than ``max_chars`` is cut at line ends, a longer line at
    sentence ends, and only a longer sentence at ``max_chars``.
    """
    if len(text) <= max_chars:
        return [(0, len(text))]
    cuts = [a.start for a in articles(text)][1:]
    out: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        while cut - start > max_chars:
            end = _cut_before(text, start, start + max_chars)
            out.append((start, end))
            start = end
        if out and cut - out[-1][0] <= max_chars:
            out[-1] = (out[-1][0], cut)  # pack the article into the open segment
        elif cut > start:
            out.append((start, cut))
        start = cut
    return out


def _cut_before(text: str, start: int, limit: int) -> int:
    """The last line end, else sentence end, in ``text[start:limit]``; else ``limit``."""
    for pattern in ("\n", "。", "！", "？"):
        pos = text.rfind(pattern, start + 1, limit)
        if pos > start:
            return pos + 1
    return limit
