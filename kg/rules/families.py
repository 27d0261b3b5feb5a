"""The registry of rule families: what each rule finds, by versioned name.

``kg/data/rule_families.tsv`` is the one home of the families: the recognizers
yield their candidates through :meth:`RuleFamily.candidate`, the entity choice
reads the priorities from it, ``kg build --disable`` is checked against it,
``benchmarks/ablation.py`` iterates it, and the versioned name is written as
``kgo:extractedBy``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import NamedTuple

from kg.rules.lexicon import DataError, rows

# Labels of the recognition families (doc.ents), then of references and relations.
ENTITY_LABELS = ("ORG", "PLACE", "PERSON", "PROGRAM")
LABELS = (*ENTITY_LABELS, "REFERENCE", "IMPL", "MEMBER")


class Candidate(NamedTuple):
    """A proposed entity span in characters, with the family that proposed it."""

    start: int
    end: int
    label: str
    source: str           # versioned name of the rule family, e.g. "zhkg.places.v1:chain"
    kind: str = ""        # ontology class local name, when the rule knows it
    key: str = ""         # gazetteer key of a place, when known

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class RuleFamily:
    """One family of rules: ``zhkg.<stage>[:<rule>]`` at a version."""

    name: str             # unversioned, e.g. "zhkg.places:chain"
    version: int
    label: str            # what it finds: an entity label, REFERENCE, IMPL or MEMBER
    priority: int         # among overlapping candidates of equal length, higher wins
    doc: str

    @property
    def id(self) -> str:
        """The versioned name, spaCy-style: ``zhkg.places.v1:chain``."""
        stage, sep, rule = self.name.partition(":")
        return f"{stage}.v{self.version}{sep}{rule}"

    def candidate(self, start: int, end: int, kind: str = "", key: str = "") -> Candidate:
        return Candidate(start, end, self.label, self.id, kind, key)


@cache
def families() -> dict[str, RuleFamily]:
    """Every family by unversioned name, in the table's order."""
    out: dict[str, RuleFamily] = {}
    for where, (name, version, label, priority, doc) in rows("rule_families.tsv", 5):
        if not name.startswith("zhkg.") or name in out:
            raise DataError(f"{where}: {name!r} is not a new zhkg.<stage>[:<rule>] name")
        if label not in LABELS:
            raise DataError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
        if not version.isdigit() or not priority.isdigit():
            raise DataError(f"{where}: version and priority must be whole numbers")
        out[name] = RuleFamily(name, int(version), label, int(priority), doc)
    return out


def family(name: str) -> RuleFamily:
    """The family of unversioned ``name``; a KeyError names the table when it is missing."""
    found = families().get(name)
    if found is None:
        raise KeyError(f"no rule family {name!r} in kg/data/rule_families.tsv")
    return found


@cache
def _by_id() -> dict[str, RuleFamily]:
    return {f.id: f for f in families().values()}


def family_of(source: str) -> RuleFamily:
    """The family whose versioned name is ``source``."""
    return _by_id()[source]


def priority(source: str) -> int:
    """The priority of the family whose versioned name is ``source``."""
    return _by_id()[source].priority


def entity_families() -> list[RuleFamily]:
    """The families that propose entity candidates, in the table's order."""
    return [f for f in families().values() if f.label in ENTITY_LABELS]


def resolve_disabled(names: Iterable[str]) -> list[str]:
    """Versioned names of the recognition families ``names`` switch off.

    A name is versioned (``zhkg.places.v1:site``) or not (``zhkg.places:site``);
    anything else is a ValueError that lists the known families.
    """
    known = {f.id: f for f in entity_families()}
    known.update({f.name: f for f in entity_families()})
    out = []
    for name in names:
        found = known.get(name)
        if found is None:
            listed = ", ".join(f.id for f in entity_families())
            raise ValueError(f"unknown rule family {name!r}; the recognition families are: "
                             f"{listed}")
        out.append(found.id)
    return list(dict.fromkeys(out))


def versions() -> str:
    """Every family's versioned name, one per line."""
    return "\n".join(f.id for f in families().values())


def rules_digest() -> str:
    """A digest of what the rules are: every family's versioned name and every data file
    of ``kg/data`` (word lists, units, heads). The store's change check includes it, so
    that bumping a family or editing a table re-extracts the documents."""
    digest = hashlib.sha256(versions().encode())
    for entry in sorted(files("kg.data").iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.endswith((".py", ".pyc")):
            digest.update(b"\0" + entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()
