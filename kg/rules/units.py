"""The units of the administrative hierarchy: one table (``kg/data/units.tsv``), its views.

Every stage that knows a unit word (鄂托克旗, 旗委, 该旗, 海西路街道) reads it from
here: the gazetteer's classes and short forms, the linker's guesses for names the
data lacks and its owner prefixes, the recognizers' chains and level prefixes,
and the generic references.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.rules.lexicon import DataError, rows

# admin_level: 0 national, 1 province, 2 prefecture/league, 3 county/banner/district,
# 4 township/town/sumu/subdistrict, 5 village/gacha/community.
NATIONAL, PROVINCE, PREFECTURE, COUNTY, TOWNSHIP, VILLAGE = 0, 1, 2, 3, 4, 5
USES = frozenset({"data", "unknown", "prefix", "anaphor", "chain", "bare"})
# Banner names shorten to their first character plus the direction: 土默特左旗 → 土左旗.
_BANNER_SHORT = re.compile(r"^(.{2,4}?)([左右前后中])旗$")
_WING_BANNER_SHORT = re.compile(r"^(.{2,4}?)([左右])翼([前后中])旗$")


def _banner(name: str, suffix: str, alias: str | None) -> list[str]:
    out = []
    m = _BANNER_SHORT.match(name)
    if m and len(m.group(1)) >= 2:
        out.append(m.group(1)[0] + m.group(2) + "旗")
    m = _WING_BANNER_SHORT.match(name)
    if m:  # 科尔沁左翼后旗 → 科左后旗
        out.append(m.group(1)[0] + m.group(2) + m.group(3) + "旗")
    return out


def _head2(name: str, suffix: str, alias: str | None) -> list[str]:
    # 和林格尔县 → 和林县; autonomous counties shorten by their alias instead.
    return [name[:2] + suffix] if len(name) >= 5 and "自治" not in name else []


def _alias(name: str, suffix: str, alias: str | None) -> list[str]:
    # 贡山独龙族怒族自治县 → 贡山县, 临夏回族自治州 → 临夏州, 黔东南苗族侗族自治州 → 黔东南州;
    # an alias that is already a unit's name (巴州) stays as it is.
    if not alias or alias.endswith(suffix[-1]) or not 2 <= len(alias) <= 4:
        return []
    return [alias + suffix[-1]]


def _stem(name: str, suffix: str, alias: str | None) -> list[str]:
    return [name[:-len(suffix)] if alias is None else alias]  # 内蒙古自治区 → 内蒙古


# The short-form rules the column "short form" of kg/data/units.tsv names.
SHORT_FORMS: dict[str, Callable[[str, str, str | None], list[str]]] = {
    "banner": _banner, "head2": _head2, "alias": _alias, "stem": _stem}


@dataclass(frozen=True)
class Unit:
    """One row of the table: a unit word at one level."""

    suffix: str
    admin_level: int
    ontology_class: str       # "" for words that only chain or name no place
    uses: frozenset[str]
    short: str                # the short-form rule, or ""


def _read_units() -> tuple[Unit, ...]:
    out = []
    for where, (suffix, level, cls, uses, short) in rows("units.tsv", 5, classes=(2,)):
        used = frozenset(uses.split())
        if not level.isdigit() or int(level) > VILLAGE:
            raise DataError(f"{where}: admin_level {level!r} is not 0-5")
        if used - USES or (short != "-" and short not in SHORT_FORMS):
            raise DataError(f"{where}: unknown use or short-form rule in {uses!r} {short!r}")
        if not cls and used & {"data", "unknown", "anaphor"}:
            raise DataError(f"{where}: {suffix!r} is used as a class but has none")
        out.append(Unit(suffix, int(level), cls, used, "" if short == "-" else short))
    return tuple(out)


def _read_levels() -> dict[int, str]:
    return {int(level): cls
            for _, (level, _name, cls) in rows("admin_levels.tsv", 3, classes=(2,))}


UNITS = _read_units()
# The class of a division of a level whose name ends in no unit of the table.
LEVEL_CLASS = _read_levels()


def _with(use: str) -> list[Unit]:
    return [u for u in UNITS if use in u.uses]


# -- views ---------------------------------------------------------------------
# Division data: per level, (suffix, class) in table order; the first ending wins.
DATA_CLASSES: dict[int, tuple[tuple[str, str], ...]] = {
    level: tuple((u.suffix, u.ontology_class) for u in _with("data") if u.admin_level == level)
    for level in range(PROVINCE, VILLAGE + 1)}
# Names the data lacks: (suffix, level, class), longer suffixes first (社区 before 区).
GUESSES: tuple[tuple[str, int, str], ...] = tuple(
    (u.suffix, u.admin_level, u.ontology_class)
    for u in sorted(_with("unknown"), key=lambda u: -len(u.suffix)))
# Level prefixes of organization names, national ones (中央, 国家) included.
LEVEL_PREFIXES: tuple[str, ...] = tuple(dict.fromkeys(u.suffix for u in _with("prefix")))
# The level of the place a prefix stands for (市工信局 → the article's city), longer
# prefixes first.
PREFIX_LEVELS: dict[str, int] = {
    u.suffix: u.admin_level
    for u in sorted(_with("prefix"), key=lambda u: -len(u.suffix)) if u.admin_level >= PROVINCE}
# Unit word of a generic reference → the classes of the places it can stand for.
ANAPHOR_CLASSES: dict[str, tuple[str, ...]] = {}
for _u in _with("anaphor"):
    ANAPHOR_CLASSES[_u.suffix] = (*ANAPHOR_CLASSES.get(_u.suffix, ()), _u.ontology_class)
# Units written right after a known place, which the data may lack.
CHAIN_SUFFIXES: tuple[str, ...] = tuple(u.suffix for u in _with("chain"))
# Township- and village-level units of the data that chain (苏木, 镇 … 社区).
LOCAL_UNITS: tuple[str, ...] = tuple(
    u.suffix for u in _with("chain") if "data" in u.uses and u.admin_level >= TOWNSHIP)
# Village-level units (村, 社区, 嘎查): their organizations are named from them on.
VILLAGE_UNITS: tuple[str, ...] = tuple(
    u.suffix for u in _with("chain") if "data" in u.uses and u.admin_level == VILLAGE)
# Heads of residential compounds, below communities: they need a name of their own
# (not 老旧小区) and own organizations like a division (沈新园小区党支部).
COMPOUND_HEADS: tuple[str, ...] = ("小区",)
# Bodies every zone has: 园区党委 names no body of its own but the zone's (黄河源园区管委会党委).
ZONE_BODIES: tuple[str, ...] = ("党工委", "党委", "管委会")
# Kinds of unit that name no place alone (唐山市汉沽管理区 has the alias 管理区).
BARE_KINDS: frozenset[str] = frozenset(u.suffix for u in _with("bare"))
# Every unit word of the table, longer first: what ends a division written in full
# (福建省, 扎囊县, 施桥镇).
UNIT_SUFFIXES: tuple[str, ...] = tuple(sorted({u.suffix for u in UNITS}, key=len, reverse=True))
# The level of each class of division (Province → 1, PrefectureCity → 2 …).
LEVEL_OF_CLASS: dict[str, int] = {
    **{cls: level for level, cls in LEVEL_CLASS.items()},
    **{cls: level for level, pairs in DATA_CLASSES.items() for _, cls in pairs}}


def unit_chars(low: int, high: int) -> str:
    """The one-character unit words of levels ``low`` to ``high`` (市, 县, 镇 …)."""
    return "".join(dict.fromkeys(u.suffix for u in UNITS
                                 if len(u.suffix) == 1 and low <= u.admin_level <= high))


def division_class(name: str, admin_level: int) -> str:
    """The class of a division of the data, by its level and the ending of its name."""
    for suffix, cls in DATA_CLASSES[admin_level]:
        if name.endswith(suffix):
            return cls
    return LEVEL_CLASS[admin_level]


def guess_unit(name: str) -> tuple[str, int, str] | None:
    """The unit word ending a name the data lacks, with its guessed level and class."""
    return next((row for row in GUESSES if name.endswith(row[0])), None)



def short_forms(admin_level: int) -> list[tuple[str, Callable[[str, str, str | None], list[str]]]]:
    """(suffix, short-form rule) of the units of a level, in table order; a rule maps
    (name, suffix, the data's alias) to the name's short forms."""
    return [(u.suffix, SHORT_FORMS[u.short]) for u in UNITS
            if u.short and u.admin_level == admin_level]


def unit_stem(name: str, admin_level: int) -> str:
    """A division's name without the unit word of its level (淮安区 → 淮安)."""
    for suffix, _ in DATA_CLASSES[admin_level]:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


def local_stem(name: str) -> str:
    """A township's or village's name without its unit word (明月村 → 明月)."""
    for unit in LOCAL_UNITS:
        if len(unit) > 1 and name.endswith(unit):
            return name[:-len(unit)]
    return name.rstrip("".join(u for u in LOCAL_UNITS if len(u) == 1))
