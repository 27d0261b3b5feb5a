"""The national administrative divisions, five levels, from jionlp's data.

``china_location.zip`` (Apache-2.0, shipped in the ``jionlp`` wheel) lists
provinces, prefectures and counties with their GB/T 2260 codes and short names,
and below them townships and villages by name. Township- and village-level
units carry no code there; they are identified by their county's code and path.
"""

from __future__ import annotations

import bisect
import importlib.util
import io
import re
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from kg.cache import StringColumn, cached_data
from kg.rules.lexicon import data_path
from kg.rules.units import (
    BARE_KINDS,
    COUNTY,
    PREFECTURE,
    PROVINCE,
    TOWNSHIP,
    division_class,
    short_forms,
    unit_stem,
)

# Placeholder units in the data that are not places anyone names.
_SKIP = re.compile(r"虚拟|市辖区|^县$|直辖")


@dataclass(frozen=True)
class AdminDivision:
    """One administrative division."""

    key: str                 # code for levels 1-3, else county code + path of names
    name: str
    admin_level: int
    code: str | None
    parent: str | None
    short_names: tuple[str, ...] = ()

    @property
    def ontology_class(self) -> str:
        return division_class(self.name, self.admin_level)


# What scan() puts in place of characters no name holds.
_ELSEWHERE = "\x00"
_NEVER = "\x01"  # in no name, so folded to _ELSEWHERE by scan(): never in a scanned text


class PlaceGazetteer:
    """Divisions in columns, indexed by key and by every name.

    Divisions are added with :meth:`add`, then :meth:`compile` sorts them by key
    (so that a key is found by bisection) and puts the names into an Aho-Corasick
    automaton whose values point into flat arrays. String columns, arrays and the
    automaton unpickle in a fraction of the time the equivalent dicts take, which
    was most of the start-up of ``kg build``.
    """

    def __init__(self) -> None:
        # Lists while adding, StringColumns once compiled.
        self._keys: Sequence[str] = []
        self._names: Sequence[str] = []
        self._levels = bytearray()
        self._codes: list[str | None] = []
        self._parents = array("i")
        self._short: list[tuple[str, ...]] = []
        # While adding: dicts. After compile(): None, replaced by the structures below.
        self._index: dict[str, int] | None = {}
        self._by_name: dict[str, list[int]] | None = {}
        self.automaton: ahocorasick.Automaton | None = None   # name → name id
        self._name_list: Sequence[str] = []                     # name id → name
        self._alphabet = ""                                     # every character of a name
        self._name_offsets = array("i")                         # name id → slice of members
        self._name_members = array("i")

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._idx(key) is not None

    def add(self, division: AdminDivision) -> None:
        if self._index is None or self._by_name is None:
            raise RuntimeError("the gazetteer is compiled: no more divisions")
        if division.key in self._index:
            return
        idx = len(self._keys)
        self._index[division.key] = idx
        self._keys.append(division.key)
        self._names.append(division.name)
        self._levels.append(division.admin_level)
        self._codes.append(division.code)
        self._parents.append(self._index[division.parent] if division.parent else -1)
        self._short.append(division.short_names)
        for name in (division.name, *division.short_names):
            self._by_name.setdefault(name, []).append(idx)

    def compile(self, char_rank: Mapping[str, int] | None = None) -> None:
        """Sort by key and index the names; no division can be added afterwards.

        Matches of :attr:`automaton` yield ``(end, name id)``; :meth:`name` gives the name.
        ``char_rank`` orders characters from the most frequent in text; it only
        makes scanning faster.
        """
        if self._by_name is None:
            return
        for memo in [k for k in self.__dict__ if k.endswith("_memo")]:
            del self.__dict__[memo]  # answers about the data being built
        order = sorted(range(len(self._keys)), key=self._keys.__getitem__)
        new_of = array("i", bytes(4 * len(order)))
        for new, old in enumerate(order):
            new_of[old] = new
        self._keys = [self._keys[o] for o in order]
        self._names = [self._names[o] for o in order]
        self._levels = bytearray(self._levels[o] for o in order)
        self._codes = [self._codes[o] for o in order]
        self._short = [self._short[o] for o in order]
        self._parents = array("i", (new_of[self._parents[o]] if self._parents[o] >= 0 else -1
                                    for o in order))
        self._name_list = sorted(self._by_name)
        self._name_offsets = array("i", [0])
        self._name_members = array("i")
        for name in self._name_list:
            # Members keep the order they were added in (the data's order).
            self._name_members.extend(new_of[i] for i in self._by_name[name])
            self._name_offsets.append(len(self._name_members))
        # pyahocorasick finds a node's child by scanning the children in the order they
        # were added, and the root has 4,000. Adding the names with frequent characters
        # first makes the scan short for most characters of a page; what is found does
        # not depend on the order.
        rank = char_rank or {}
        names = self._name_list
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        # The first child of the root stands for every character no name holds
        # (punctuation, 的, 了 …), which would otherwise scan all 4,000 (see scan()).
        automaton.add_word(_ELSEWHERE + _NEVER, -1)
        self._alphabet = "".join(sorted(set("".join(names))))
        # Characters found only inside names (one in twenty of a page) would scan all
        # of the root's children too: a word that never matches (the character, then
        # one that scan() folds away) makes each a child, in its frequency's place.
        inner = set(self._alphabet) - {name[0] for name in names}
        words = [*((name, name_id) for name_id, name in enumerate(names)),
                 *((char + _NEVER, -1) for char in sorted(inner))]
        words.sort(key=lambda word: [rank.get(c, len(rank)) for c in word[0]])
        for word, name_id in words:
            automaton.add_word(word, name_id)
        automaton.make_automaton()
        self.automaton = automaton
        self._keys, self._names = StringColumn(self._keys), StringColumn(self._names)
        self._name_list = StringColumn(self._name_list)
        self._index = self._by_name = None

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if not k.endswith("_memo")}

    def scan(self, text: str) -> Iterator[tuple[int, int]]:
        """``(end, name id)`` of every name of the data in ``text``, by end offset
        (inclusive) as the Aho-Corasick automaton yields them."""
        assert self.automaton is not None
        absent = self.__dict__.get("_absent_memo")
        if absent is None:
            chars = "".join(re.escape(c) for c in self._alphabet)
            absent = self.__dict__["_absent_memo"] = re.compile(f"[^{chars}]")
        # Characters no name holds can neither start nor continue a match: as one
        # placeholder they are found at once, and offsets stay the same.
        return self.automaton.iter(absent.sub(_ELSEWHERE, text))

    def name(self, name_id: int) -> str:
        return self._name_list[name_id]

    def _idx(self, key: str) -> int | None:
        if self._index is not None:
            return self._index.get(key)
        memo = self.__dict__.setdefault("_idx_memo", {})
        if key not in memo:
            i = bisect.bisect_left(self._keys, key)
            memo[key] = i if i < len(self._keys) and self._keys[i] == key else None
        return memo[key]

    def _members(self, name: str) -> Sequence[int]:
        if self._by_name is not None:
            return self._by_name.get(name, ())
        assert self.automaton is not None
        name_id = self.automaton.get(name, -1)
        if name_id < 0:
            return ()
        return self._name_members[self._name_offsets[name_id]:self._name_offsets[name_id + 1]]

    def _at(self, idx: int) -> AdminDivision:
        key = self._keys[idx]
        if self._index is None:
            # Its key will be asked for (its ancestors, its parent): no bisection then.
            self.__dict__.setdefault("_idx_memo", {})[key] = idx
        parent = self._parents[idx]
        return AdminDivision(key, self._names[idx], self._levels[idx],
                             self._codes[idx], self._keys[parent] if parent >= 0 else None,
                             self._short[idx])

    def get(self, key: str) -> AdminDivision | None:
        if self._index is not None:  # still being built
            idx = self._index.get(key)
            return None if idx is None else self._at(idx)
        # Linking asks for the same divisions and their parents on every page.
        memo = self.__dict__.setdefault("_get_memo", {})
        if key not in memo:
            idx = self._idx(key)
            memo[key] = None if idx is None else self._at(idx)
        return memo[key]

    def lookup(self, name: str) -> list[AdminDivision]:
        return list(self._lookup(name))

    def _lookup(self, name: str) -> list[AdminDivision]:
        """:meth:`lookup`'s memoized list, not to be changed."""
        # The same few thousand names recur on every page; build their divisions once.
        memo = self.__dict__.setdefault("_lookup_memo", {})
        found = memo.get(name)
        if found is None:
            found = memo[name] = [self._at(i) for i in self._members(name)]
        return found

    def ancestors(self, key: str) -> Iterator[AdminDivision]:
        """The divisions above ``key``, nearest first."""
        parent = self._parents[self._require(key)]
        while parent >= 0:
            yield self._at(parent)
            parent = self._parents[parent]

    def ancestor_keys(self, key: str) -> tuple[str, ...]:
        """Keys of the divisions above ``key``, nearest first."""
        memo = self.__dict__.setdefault("_ancestors_memo", {})
        found = memo.get(key)
        if found is None:
            out = []
            parent = self._parents[self._require(key)]
            while parent >= 0:
                out.append(self._keys[parent])
                parent = self._parents[parent]
            found = memo[key] = tuple(out)
        return found

    def _ancestor_set(self, key: str) -> frozenset[str]:
        memo = self.__dict__.setdefault("_ancestor_set_memo", {})
        found = memo.get(key)
        if found is None:
            found = memo[key] = frozenset(self.ancestor_keys(key))
        return found

    def _require(self, key: str) -> int:
        idx = self._idx(key)
        if idx is None:
            raise KeyError(key)
        return idx

    def names(self) -> Iterable[str]:
        return self._name_list if self._by_name is None else self._by_name.keys()

    def needs_context(self, name: str) -> bool:
        """Whether :meth:`disambiguate` reads the context for ``name`` (else it may be empty)."""
        candidates = self._lookup(name)
        return len(candidates) > 1 or (len(candidates) == 1
                                       and candidates[0].admin_level > COUNTY)

    def disambiguate(self, name: str, context: Iterable[str] = ()) -> AdminDivision | None:
        """The division ``name`` refers to, given keys of places named nearby (nearest first).

        A candidate that is itself named in the context (长沙市 … 长沙) wins over
        one below it (长沙县), which wins over one above; without context only an
        unambiguous name, or a unique one at county level or above, resolves.
        """
        candidates = self._lookup(name)
        if not candidates:
            return None
        if len(candidates) == 1 and candidates[0].admin_level <= COUNTY:
            return candidates[0]
        context = [k for k in context if k in self]
        if len(candidates) == 1:
            only = candidates[0]
            # A unique village or township elsewhere in China is not the one a
            # page about other places means (何家窑村 on an Inner Mongolian page).
            if context and not any(a in context for a in self.ancestor_keys(only.key)):
                return None
            return only
        # A candidate scores 3·weight for each context key that is itself, 2·weight
        # for each above it and 1·weight for each below it (nearer in the text weighs
        # more): a city named again by its short form is the city, not its namesake
        # county below it (南昌市 … 南昌, not 南昌县). The sums are gathered per
        # key once, so that a name with hundreds of namesakes costs its ancestors,
        # not its namesakes times the context.
        above: dict[str, int] = {}   # context key → its weight
        below: dict[str, int] = {}   # ancestor of a context key → their weight
        for rank, key in enumerate(context):
            weight = len(context) - rank
            above[key] = above.get(key, 0) + 2 * weight
            for up in self._ancestor_set(key):
                below[up] = below.get(up, 0) + weight
        best, best_score, tied = None, 0, False
        for cand in candidates:
            score = below.get(cand.key, 0) + above.get(cand.key, 0) * 3 // 2
            for up in self._ancestor_set(cand.key):
                score += above.get(up, 0)
            if best is None or score > best_score:
                best, best_score, tied = cand, score, False
            elif score == best_score:
                tied = True
        if best_score > 0 and not tied:
            return best
        top = min(c.admin_level for c in candidates)
        highest = [c for c in candidates if c.admin_level == top]
        if len(highest) == 1 and top <= COUNTY:
            return highest[0]
        return None


def _short_names(name: str, level: int, alias: str | None) -> tuple[str, ...]:
    out: list[str] = []
    # Two-character aliases (贡山, 新城) are kept; the recognizer drops those that
    # are everyday words.
    if alias and alias != name and not _SKIP.search(alias) and alias not in BARE_KINDS and (
            level <= COUNTY or len(alias) >= 3):
        out.append(alias)
    for suffix, shorten in short_forms(level):
        if name.endswith(suffix):
            out.extend(shorten(name, suffix, alias))
    return tuple(dict.fromkeys(x for x in out if x != name))


def _proper_name(name: str, parent: AdminDivision | None) -> tuple[str, tuple[str, ...]]:
    """The name as written in text, and other forms of it found in the data.

    Some entries repeat their parent (阿尔山市天池镇, 唐山市汉沽管理区); a
    management committee (乌拉盖管委会) is written as its 管理区.
    """
    extra: list[str] = []
    if parent is not None and parent.admin_level >= PREFECTURE:
        for prefix in (parent.name, *parent.short_names):
            rest = name[len(prefix):]
            if name.startswith(prefix) and len(rest) >= 3 and not _bare_kind(rest):
                name = rest  # (not 泗县|开发区管委会: the county names its zone)
                break
    if name.endswith("管委会") and len(name) >= 5:
        extra.append(name)
        name = name[:-3] + "管理区"
    if parent is not None and _bare_kind(name):
        # A zone listed by its kind alone (经济开发区 under 淮安区; 园区管委会 under 恩平市)
        # is named after its parent in text: 淮安经济开发区, 恩平园区管委会. Alone, the
        # kind is a common noun (苏州工业园区|园区管委会).
        stem = (parent.short_names or (unit_stem(parent.name, parent.admin_level),))[0]
        name, extra = stem + name, [stem + x for x in extra]
    return name, tuple(extra)


def _bare_kind(name: str) -> bool:
    """Whether ``name`` is a kind of unit alone, or its committee (开发区, 园区管委会)."""
    return name in BARE_KINDS or name.removesuffix("管委会").removesuffix("管理区") in BARE_KINDS


def renamed(name: str, level: int) -> str | None:
    """The name a division of the data may have taken since: a township become a town
    (北王乡 → 北王镇), a county become a district (湟中县 → 湟中区); None for other names
    and for ethnic townships and autonomous counties (…族乡, …自治县)."""
    if level == TOWNSHIP and name.endswith("乡") and not name.endswith("族乡"):
        return name[:-1] + "镇"
    if level == COUNTY and name.endswith("县") and not name.endswith("自治县") and len(name) >= 3:
        return name[:-1] + "区"
    return None


def _entries(lines: Iterable[str]) -> list[tuple[int, list[str], int]]:
    """Each line of the data that holds a division: its level, its tab-separated fields
    and the order of the county it lies in (counted from 0)."""
    out = []
    county = -1
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        level = len(line) - len(line.lstrip("\t")) + 1
        county += level == COUNTY
        out.append((level, line.strip().split("\t"), county))
    return out


def parse_china_location(lines: Iterable[str]) -> PlaceGazetteer:
    """Parse jionlp's tab-indented ``china_location.txt``."""
    gaz = PlaceGazetteer()
    stack: list[str | None] = [None] * 6
    codes: list[str | None] = [None] * 6
    entries = _entries(lines)
    townships: dict[int, set[str]] = {}  # the township-level names of each county
    counties: set[str] = set()  # the names of every county-level division
    for level, parts, county_no in entries:
        if level == TOWNSHIP:
            townships.setdefault(county_no, set()).add(parts[0])
        elif level <= COUNTY:
            counties.add(parts[0])
    for level, parts, county_no in entries:
        name = parts[0]
        code = parts[1] if len(parts) > 1 else None
        alias = parts[2] if len(parts) > 2 else None
        parent = stack[level - 1] if level > 1 else None
        if level == PREFECTURE and code is not None and code == codes[PROVINCE]:
            # Municipalities repeat themselves as their own prefecture.
            stack[PREFECTURE], codes[PREFECTURE] = parent, code
            continue
        if _SKIP.search(name):
            # 省直辖行政区划 (仙桃市, 济源市, 五指山市, 石河子市): counties directly under
            # their province hang from it; other placeholders' members are not kept.
            direct = level == PREFECTURE and name.startswith("省直辖")
            stack[level], codes[level] = (parent if direct else None), None
            continue
        name, extra = _proper_name(name, gaz.get(parent) if parent else None)
        if code is not None:
            key = code
        else:
            county = codes[COUNTY] or codes[PREFECTURE] or codes[PROVINCE]
            path = [stack[lv] for lv in range(TOWNSHIP, level) if stack[lv]]
            key = "/".join([county or "", *[gaz.get(p).name for p in path], name])
        if level > 1 and parent is None:
            continue  # below a skipped placeholder
        later = renamed(name, level)
        if later is not None and later not in (
                townships.get(county_no, ()) if level == TOWNSHIP else counties):
            # Townships keep becoming towns (北王乡 → 北王镇) and counties districts
            # (湟中县 → 湟中区) faster than the data follows.
            extra = (*extra, later)
        # Some entries give two aliases (巴音郭楞蒙古自治州: 巴州/巴音郭楞).
        aliases = alias.split("/") if alias else [None]
        short = tuple(dict.fromkeys((*(s for a in aliases for s in _short_names(name, level, a)),
                                     *extra)))
        gaz.add(AdminDivision(key, name, level, code, parent, short))
        stack[level], codes[level] = key, code
        for deeper in range(level + 1, 6):
            stack[deeper], codes[deeper] = None, None
    return gaz


def jionlp_location_zip() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed: it carries the division data")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


# Bump when parsing changes, so stale caches are not read.
_CACHE_VERSION = 18


def load_gazetteer(path: Path | None = None) -> PlaceGazetteer:
    """Load the divisions from jionlp's zip, through a pickle in the user cache."""
    # Resolved before the cache: load_gazetteer() and load_gazetteer(None) must
    # share one 50 MB object.
    return _load_gazetteer(path or jionlp_location_zip())


@lru_cache(maxsize=4)
def _load_gazetteer(path: Path) -> PlaceGazetteer:
    return cached_data("gazetteer", [path, data_path("units.tsv"), data_path("admin_levels.tsv")],
                       lambda: _parse_zip(path), version=_CACHE_VERSION)


def _parse_zip(path: Path) -> PlaceGazetteer:
    from kg.rules.lexicon import char_ranks

    with zipfile.ZipFile(path) as zf, zf.open("china_location.txt") as fh:
        gaz = parse_china_location(io.TextIOWrapper(fh, encoding="utf-8"))
    gaz.compile(char_ranks())
    return gaz
