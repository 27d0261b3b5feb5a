"""Word lists and tables shipped as package data (``kg/data/*.txt``, ``*.tsv``)."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path

from kg.cache import cached_data
from kg.rules.classes import ENTITY_CLASSES

CJK = r"\u3400-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")
# A run of Han characters; with the digits and Latin letters a name token may hold.
HAN_RE = re.compile(f"[{CJK}]+")
NAME_TOKEN_RE = re.compile(f"[{CJK}0-9A-Za-z]+")


@cache
def word_list(name: str) -> tuple[str, ...]:
    """Non-comment lines of ``kg/data/<name>.txt``, in file order."""
    filename = name if "." in name else f"{name}.txt"
    text = files("kg.data").joinpath(filename).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(dict.fromkeys(out))


@cache
def word_set(name: str) -> frozenset[str]:
    return frozenset(word_list(name))


def data_path(name: str) -> Path:
    """The file ``kg/data/<name>`` of the installed package."""
    return Path(str(files("kg.data").joinpath(name)))


class DataError(ValueError):
    """A row of a data file that cannot be read; the message names the file and line."""


def rows(name: str, columns: int, *, classes: Iterable[int] = ()
         ) -> list[tuple[str, tuple[str, ...]]]:
    """``(where, fields)`` of each non-comment line of ``kg/data/<name>``, tab-separated.

    ``where`` is ``kg/data/<name>:<line>``. Every row has ``columns`` fields, and
    the fields at the indices ``classes`` name an entity class of the ontology (or
    are empty); otherwise :class:`DataError` names the file and line.
    """
    text = files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return parse_rows(text, f"kg/data/{name}", columns, classes=classes)


def parse_rows(text: str, source: str, columns: int, *, classes: Iterable[int] = ()
               ) -> list[tuple[str, tuple[str, ...]]]:
    """:func:`rows` of the text of the file ``source``."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{source}:{number}"
        fields = tuple(field.strip() for field in line.split("\t"))
        if len(fields) != columns:
            raise DataError(f"{where}: {len(fields)} fields, expected {columns}")
        for i in classes:
            if fields[i] and fields[i] not in ENTITY_CLASSES:
                raise DataError(f"{where}: {fields[i]!r} is no entity class of the ontology")
        out.append((where, fields))
    return out


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` that prefers longer words.

    The words are factored by shared prefixes (中国|中东 as 中(?:国|东)): at each
    position ``re`` tries a flat alternation's branches one after another, hundreds
    for the world's places, and a factored one only those that share the next
    character. Longer continuations come before a word's end, so that the longest
    word matches first, as in the flat form sorted longest first.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _branches(trie)


_END = ""  # a word ends at this node (no character is empty)


def _branches(node: dict[str, dict]) -> str:
    out = []
    for char in sorted(node):
        if char == _END:
            continue
        child = node[char]
        rest = _branches(child)
        if len(child) > 1:
            rest = f"(?:{rest})"
        out.append(re.escape(char) + rest)
    if _END in node:
        out.append("")  # tried last: the longer words first
    return "|".join(out)


def is_cjk(text: str) -> bool:
    return bool(text) and all(CJK_RE.match(ch) for ch in text)


def _jionlp_dictionary(name: str) -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed: it carries the dictionaries")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / name


# Below this IDF a word is everyday vocabulary (关心 6.5, 读书 7.0, 明晰 8.9);
# personal names lie above it (安娜 10.0, 王芳 12.1).
COMMON_IDF = 9.0


@lru_cache(maxsize=1)
def word_idf() -> dict[str, float]:
    """Inverse document frequency of the 21k everyday words of jionlp's ``idf.zip``
    (270k words), those below :data:`COMMON_IDF`: the rules ask no more of it, and the
    table loads ten times faster."""
    source = _jionlp_dictionary("idf.zip")
    return cached_data("idf", [source], lambda: _read_idf(source, COMMON_IDF), version=2)


def _read_idf(source: Path, below: float) -> dict[str, float]:
    with zipfile.ZipFile(source) as zf:
        text = zf.read("idf.txt").decode("utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        word, _, value = line.partition("\t")
        try:
            idf = float(value)
        except ValueError:
            continue
        if idf < below:
            out[word] = idf
    return out


def is_common(word: str, below: float = COMMON_IDF) -> bool:
    """Whether ``word`` is an ordinary word rather than a name (IDF under ``below``,
    at most :data:`COMMON_IDF`)."""
    if below > COMMON_IDF:
        raise ValueError(f"is_common: the table holds IDFs below {COMMON_IDF} only")
    idf = word_idf().get(word)
    return idf is not None and idf < below


@lru_cache(maxsize=1)
def idioms() -> frozenset[str]:
    """Four-character idioms (成语) from jionlp's ``chinese_idiom.zip``."""
    with zipfile.ZipFile(_jionlp_dictionary("chinese_idiom.zip")) as zf:
        text = zf.read("chinese_idiom.txt").decode("utf-8")
    return frozenset(line.split("\t", 1)[0] for line in text.splitlines() if line)


def jieba_dictionary() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jieba is not installed: its dict.txt tags parts of speech")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=1)
def word_pos() -> dict[str, str]:
    """Part-of-speech tag (ICTCLAS set: v, n, ns, nr, i …) of 349k words, from jieba."""
    source = jieba_dictionary()
    return cached_data("jieba-pos", [source], lambda: _read_pos(source))


def _jieba_entries(source: Path) -> Iterator[list[str]]:
    """The fields of each line of jieba's ``dict.txt``: word, frequency, tag."""
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            yield line.split()


def _read_pos(source: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for parts in _jieba_entries(source):
        if len(parts) == 3:
            out[parts[0]] = sys.intern(parts[2])  # one object per tag: a small pickle
    return out


def char_ranks() -> dict[str, int]:
    """Characters from the most frequent, by the summed frequencies of the words of
    jieba's lexicon that hold them."""
    counts: Counter[str] = Counter()
    for parts in _jieba_entries(jieba_dictionary()):
        if len(parts) >= 2 and parts[1].isdigit():
            for ch in parts[0]:
                counts[ch] += int(parts[1])
    return {ch: rank for rank, (ch, _) in enumerate(counts.most_common())}


def is_verb(word: str) -> bool:
    """Whether jieba's lexicon tags ``word`` as a verb (联合, 注册, 常驻)."""
    return word_pos().get(word, "") in {"v", "vd", "vi", "vg"}


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    """Countries (short and full names), capitals and large cities abroad (jionlp)."""
    text = _jionlp_dictionary("world_location.txt").read_text(encoding="utf-8")
    out: set[str] = set()
    for line in text.splitlines():
        parts = line.strip().split("\t")
        if len(parts) < 2:
            continue
        if parts[0] == "中国":
            continue  # China's cities are divisions; 中国 itself is mostly attributive
        names = parts[:3] + (parts[3].split("/") if len(parts) > 3 else [])
        if parts[0] + "族" in word_pos():
            names = names[1:]  # 蒙古, 朝鲜 also name peoples of China: full names only
        out.update(n for n in names if len(n) >= 2)
    return frozenset(out)


@cache
def org_heads() -> dict[str, tuple[str, str]]:
    """Head noun → (ontology class, strength) from ``kg/data/org_heads.tsv``."""
    return {head: (cls, strength)
            for _, (head, cls, strength) in rows("org_heads.tsv", 3, classes=(1,))}


@cache
def site_heads() -> tuple[str, ...]:
    """Head nouns of named sites, looked for in text (``kg/data/site_heads.tsv``)."""
    return tuple(head for _, (head, _cls, use) in _site_rows() if use != "class")


@cache
def zone_heads() -> frozenset[str]:
    """Heads of zones that need a name or a kind before them (``site_heads.tsv``, zone
    and area)."""
    return frozenset(head for _, (head, _cls, use) in _site_rows() if use in ("zone", "area"))


@cache
def area_heads() -> frozenset[str]:
    """Heads of zones a city's name alone may open (``site_heads.tsv``, area: 福州新区)."""
    return frozenset(head for _, (head, _cls, use) in _site_rows() if use == "area")


@cache
def memorial_heads() -> frozenset[str]:
    """Heads of memorials, named by a place and an event (``site_heads.tsv``, memorial)."""
    return frozenset(head for _, (head, _cls, use) in _site_rows() if use == "memorial")


@cache
def apart_heads() -> frozenset[str]:
    """Heads of sites whose names no division opens (``site_heads.tsv``, apart)."""
    return frozenset(head for _, (head, _cls, use) in _site_rows() if use == "apart")


# Kinds of site that are places only: no one works for a lake, a road or a memorial
# hall written earlier in an article, and none carries out a programme.
LANDMARK_CLASSES: frozenset[str] = frozenset({
    "Park", "NatureReserve", "Mountain", "Lake", "River", "ScenicArea", "Museum",
    "MemorialHall", "Road", "Square"})


# Kinds of site that own organizations: a compound its branch (青山花园小区|党支部), a
# zone its bureaus (开发区|党工委, 平潭综合实验区|交通与建设局), a park or a reserve the
# body that administers it (三江源国家公园|黄河源园区管委会, 大青沟国家级自然保护区|管理局);
# not a memorial hall, which names a body of its own (纪念馆党支部).
OWNING_SITE_CLASSES: frozenset[str] = frozenset({
    "ResidentialCompound", "FunctionalZone", "Park", "NatureReserve", "ScenicArea"})


@cache
def site_classes() -> tuple[tuple[str, str], ...]:
    """(ending, class) of sites, longer endings first (``kg/data/site_heads.tsv``)."""
    pairs = [(head, cls) for _, (head, cls, _use) in _site_rows()]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def site_head(name: str) -> tuple[str, str] | None:
    """The longest site head ``name`` ends with and its class (兴化经济开发区:
    (经济开发区, FunctionalZone)), or None."""
    return next(((suffix, cls) for suffix, cls in site_classes() if name.endswith(suffix)),
                None)


def site_class(name: str) -> str | None:
    """The class of a site named ``name`` by its head, or None."""
    head = site_head(name)
    return head[1] if head is not None else None


@cache
def _site_rows() -> list[tuple[str, tuple[str, ...]]]:
    found = rows("site_heads.tsv", 3, classes=(1,))
    for where, (_head, _cls, use) in found:
        if use not in ("head", "class", "zone", "area", "memorial", "apart"):
            raise DataError(
                f"{where}: use {use!r} is not head, class, zone, area, memorial or apart")
    return found


@cache
def role_words() -> dict[str, bool]:
    """Role word → whether it places the person in an organization (``role_words.tsv``)."""
    rows = (line.split("\t") for line in word_list("role_words.tsv"))
    return {row[0]: row[1] in ("yes", "sentence") for row in rows}


@cache
def sentence_roles() -> frozenset[str]:
    """Roles that place a person only in an organization named in the same sentence
    (学生, 毕业生: 昆明医科大学大三学生X), not in one named earlier in the article."""
    rows = (line.split("\t") for line in word_list("role_words.tsv"))
    return frozenset(row[0] for row in rows if row[1] == "sentence")


@cache
def role_organs() -> dict[str, str]:
    """Role word → the body of a place it belongs to (党支部书记 → 党支部, 志愿者 → "-"),
    for the roles whose row names one (``role_words.tsv``, third column)."""
    rows = (line.split("\t") for line in word_list("role_words.tsv"))
    return {row[0]: row[2] for row in rows if len(row) > 2 and row[2]}
