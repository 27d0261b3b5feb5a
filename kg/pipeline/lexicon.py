"""Word lists shipped as package data (``kg/data/*.txt``)."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

CJK = r"\u3400-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """Non-comment lines of ``kg/data/<name>.txt``, in file order."""
    text = files("kg.data").joinpath(name if "." in name else f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation that prefers longer words."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def is_cjk(text: str) -> bool:
    return bool(text) and all(CJK_RE.match(ch) for ch in text)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Headwords of jionlp's Chinese dictionary (33k ordinary words)."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed: it carries the word dictionary")
    path = Path(next(iter(spec.submodule_search_locations))) / "dictionary"
    with zipfile.ZipFile(path / "chinese_word_dictionary.zip") as zf:
        text = zf.read("chinese_word_dictionary.txt").decode("utf-8")
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines() if line)
