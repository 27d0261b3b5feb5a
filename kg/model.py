"""What one document yields: mentions, entities and relations, before RDF."""

from __future__ import annotations

from dataclasses import dataclass, field

ROOT_CLASS = {"ORG": "Organization", "PLACE": "Place", "PERSON": "Person", "PROGRAM": "Program"}
# Colour-blind-safe hues (Tableau 10) so the four types stay apart: Gephi's default view, the
# HTML view and displaCy (kg.displacy_options) read them here.
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "ORG": (31, 119, 180),     # blue
    "PLACE": (44, 160, 44),    # green
    "PERSON": (255, 127, 14),  # orange
    "PROGRAM": (214, 39, 40),  # red
}


@dataclass
class Entity:
    """One real-world entity, identified by a stable IRI suffix under ``kgr:``."""

    key: str                      # e.g. "place/150623", "org/…", minted by the linker
    label: str                    # canonical name
    etype: str                    # ORG / PLACE / PERSON / PROGRAM
    ontology_class: str           # local name in kgo:
    alt_labels: set[str] = field(default_factory=set)
    admin_code: str | None = None
    admin_level: int | None = None
    part_of: set[str] = field(default_factory=set)          # keys of larger places
    located_in: str | None = None                           # key of a place (orgs)
    sub_organization_of: str | None = None                  # key of a parent org
    # Other places pages put it in: one name on two pages may be two bodies (民主村社区党委
    # in Jiulongpo and in Banan), and the graph says what each page said.
    also_located_in: set[str] = field(default_factory=set)

    def merge(self, other: Entity) -> None:
        """Fold what ``other`` (the same entity seen elsewhere) adds."""
        self.alt_labels |= other.alt_labels
        self.part_of |= other.part_of
        self.also_located_in |= other.also_located_in
        if other.located_in and self.located_in and other.located_in != self.located_in:
            self.also_located_in.add(other.located_in)
        self.located_in = self.located_in or other.located_in
        self.also_located_in.discard(self.located_in)
        self.sub_organization_of = self.sub_organization_of or other.sub_organization_of
        self.alt_labels.discard(self.label)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    etype: str
    entity: str                   # entity key
    source: str                   # rule family that found it


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Implementation:
    agent: str                    # entity key (organization or place)
    program: str
    region: str | None
    sentence: Sentence
    rule: str


@dataclass(frozen=True)
class Membership:
    person: str
    organization: str
    role: str
    sentence: Sentence
    rule: str


@dataclass
class DocumentResult:
    """Everything extracted from one input document."""

    identifier: str
    text: str
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    implementations: list[Implementation] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    # Generic references (该旗, 我区, 村里) with the entity each stands for: what the
    # relations' agents are resolved from, written as kgo:Reference, not as mentions.
    references: list[Mention] = field(default_factory=list)
