"""Page structure: articles (headline block + body) and sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= _HEADLINE_MAX and not re.search(r"[。！？]", line[:-1] or "x") \
        and not line.endswith(("。", "，", ",", "、", "；"))


def articles(text: str) -> list[Article]:
    """Split a page into articles: a run of headline lines after a body paragraph starts one."""
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]
    starts: list[int] = []
    prev_body, prev_closed = True, True
    for a, b in lines:
        line = text[a:b].strip()
        # A page break can cut a sentence: a short line after an unfinished one continues it.
        head = is_headline(line) and prev_closed
        if head and prev_body:
            starts.append(a)
        prev_body = not head
        prev_closed = head or line.endswith(("。", "！", "？", "”", "…", "）", ")", "!", "?"))
    if not starts or starts[0] > (lines[0][0] if lines else 0):
        starts.insert(0, 0)
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        block = []
        for a, b in lines:
            if s <= a < e:
                if not is_headline(text[a:b]):
                    break
                block.append(text[a:b].strip())
        out.append(Article(s, e, "\n".join(block)))
    # A one-line block without byline or "地区：" prefix is a section heading.
    merged: list[Article] = []
    for art in out:
        if merged and not _opens_article(art.headline):
            last = merged[-1]
            merged[-1] = Article(last.start, art.end, last.headline)
        else:
            merged.append(art)
    return merged


def _opens_article(headline: str) -> bool:
    lines = headline.split("\n")
    return len(lines) >= 2 or bool(re.search(r"记者|通讯员|摄|^[^：:]{2,12}[：:]", headline))
