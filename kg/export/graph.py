"""The entity graph for Gephi: entities as nodes, their relations as weighted edges.

``entity_graph`` reads a built graph (a file, an rdflib ``Graph`` or a ``Dataset``, all named
graphs together) into a ``networkx.MultiDiGraph`` with one edge per (source, target, kind);
``write_gexf`` and ``write_graphml`` write it atomically and byte-for-byte reproducibly.

Nodes are the entities (IRI as node id) with ``label``, ``type`` (ORG, PLACE, PERSON,
PROGRAM), ``kgo_class``, ``admin_code``, ``admin_level``, ``mentions``, ``documents`` (the
identifiers of the documents that mention it, sorted, a line each) and a ``viz`` colour by
type and size by mentions. Edges carry ``kind``, ``weight`` (supporting implementations or
memberships; 1 for structural edges), ``evidence`` (evidence sentences), ``evidence_text``
(the smallest of them by text), ``evidence_sentences`` (all of them, sorted, a line each),
``documents`` (as for nodes) and ``role`` (member edges).
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from xml.etree.ElementTree import Element

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from rdflib import DCTERMS, RDF, RDFS, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.export.atomic import write_atomically
from kg.export.rdf import RDFLIB_PARSERS, format_for_path
from kg.graph.namespace import ITSRDF, KGO, NIF, ORG, PROV
from kg.graph.validate import ontology_graph
from kg.model import ROOT_CLASS, TYPE_COLOURS

__all__ = ["EDGE_KINDS", "ENTITY_TYPES", "GEXF_VERSION", "GRAPH_FORMATS", "TYPE_COLOURS",
           "ClassInfo", "class_index", "entity_graph", "load_rdf", "write_entity_graph",
           "write_gexf", "write_graphml"]

RdfSource = Graph | str | os.PathLike  # a Dataset is a Graph

ENTITY_TYPES = tuple(ROOT_CLASS)  # ORG, PLACE, PERSON, PROGRAM
EDGE_KINDS = ("implements", "in", "partOf", "locatedIn", "subOrganizationOf", "member")
GEXF_VERSION = "1.3"
_STRUCTURAL = (("partOf", KGO.partOf), ("locatedIn", KGO.locatedIn),
               ("subOrganizationOf", ORG.subOrganizationOf))


# -- reading -------------------------------------------------------------------------------------
def load_rdf(path: str | os.PathLike) -> Dataset:
    """Parse a ``.ttl``, ``.trig``, ``.nq``, ``.nt`` or ``.jsonld`` file by its extension."""
    dataset = Dataset()
    dataset.parse(str(path), format=RDFLIB_PARSERS[format_for_path(str(path))])
    return dataset


def _union(source: RdfSource) -> Graph:
    """One graph holding every triple of ``source``, whatever named graph it sits in."""
    if not isinstance(source, Graph):
        source = load_rdf(source)
    if not isinstance(source, ConjunctiveGraph):
        return source
    union = Graph()
    for s, p, o, _ in source.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@lru_cache(maxsize=1)
def _ontology_subclasses() -> frozenset[tuple[Node, Node]]:
    return frozenset(ontology_graph("zhkg.ttl").subject_objects(RDFS.subClassOf))


@dataclass(frozen=True)
class ClassInfo:
    """Where a class sits: its entity type, its steps below the root, its nearest kgo class."""

    etype: str
    depth: int
    kgo_class: str


def class_index(subclass_pairs: Iterable[tuple[Node, Node]]) -> dict[Node, ClassInfo]:
    """Every class under one of the four roots (the roots included), placed."""
    # sorted, so that of two equally short ways up the same one is taken in every run
    hierarchy = nx.DiGraph(sorted(subclass_pairs, key=lambda pair: (str(pair[0]), str(pair[1]))))
    index: dict[Node, ClassInfo] = {}
    for etype, name in ROOT_CLASS.items():
        root = KGO[name]
        paths = nx.single_target_shortest_path(hierarchy, root) if root in hierarchy else {}
        for cls, path in {root: [root], **paths}.items():
            kgo = next(c for c in path if str(c).startswith(str(KGO)))  # the root at worst
            # the contract allows one root per class; a class under two keeps the first
            index.setdefault(cls, ClassInfo(etype, len(path) - 1, kgo.removeprefix(str(KGO))))
    return index


def _label(g: Graph, entity: Node) -> str:
    """The ``@zh`` label if any, else an untagged one, else any; the smallest of a kind."""
    labels = [o for o in g.objects(entity, RDFS.label) if isinstance(o, Literal)]
    if not labels:
        return str(entity)

    def rank(lit: Literal) -> tuple[int, str]:
        lang = (lit.language or "").lower()
        return (0 if lang == "zh" or lang.startswith("zh-") else 1 if not lang else 2, str(lit))

    return str(min(labels, key=rank))


def _admin_level(g: Graph, entity: Node) -> int:
    levels = []
    for value in g.objects(entity, KGO.adminLevel):
        try:
            levels.append(int(str(value)))
        except ValueError:
            continue
    return min(levels, default=0)


# -- edges -----------------------------------------------------------------------------------------
@dataclass
class _Support:
    """What backs one edge: reifying nodes, evidence sentences, roles."""

    nodes: set[Node] = field(default_factory=set)
    sentences: set[Node] = field(default_factory=set)
    documents: set[Node] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def _sentences(g: Graph, statement: Node) -> set[Node]:
    """``kgo:evidence`` sentences, and ``prov:wasDerivedFrom`` targets that are sentences."""
    found = set(g.objects(statement, KGO.evidence))
    for source in g.objects(statement, PROV.wasDerivedFrom):
        if (source, RDF.type, NIF.Sentence) in g or (source, KGO.sentenceText, None) in g:
            found.add(source)
    return found


def _sentence_text(g: Graph, sentences: Iterable[Node]) -> str:
    texts = [str(t) for s in sentences for t in g.objects(s, KGO.sentenceText)]
    return min(texts, default="")


def _documents(g: Graph, statement: Node, sentences: Iterable[Node]) -> set[Node]:
    """The documents a statement comes from: its sentences' contexts, or the document itself."""
    found = {d for s in sentences for d in g.objects(s, NIF.referenceContext)}
    found |= {d for d in g.objects(statement, PROV.wasDerivedFrom)
              if (d, DCTERMS.identifier, None) in g}
    return found


def _lines(values: Iterable[str]) -> str:
    """Several strings as one attribute GEXF and GraphML can hold: sorted, a line each."""
    return "\n".join(sorted(set(values)))


def _supports(g: Graph) -> dict[tuple[Node, Node, str], _Support]:
    edges: dict[tuple[Node, Node, str], _Support] = {}

    def support(u: Node, v: Node, kind: str) -> _Support:
        return edges.setdefault((u, v, kind), _Support())

    implementations = set(g.subjects(RDF.type, KGO.Implementation)) | set(g.subjects(KGO.program))
    for impl in implementations:
        sentences = _sentences(g, impl)
        programs = set(g.objects(impl, KGO.program))
        for kind, ends in (("implements", ((a, p) for a in g.objects(impl, KGO.agent)
                                           for p in programs)),
                           ("in", ((p, r) for p in programs for r in g.objects(impl, KGO.region)))):
            for u, v in ends:
                edge = support(u, v, kind)
                edge.nodes.add(impl)
                edge.sentences |= sentences
                edge.documents |= _documents(g, impl, sentences)
    for kind, prop in (("implements", KGO.implements), ("in", KGO["in"]), *_STRUCTURAL):
        for u, v in g.subject_objects(prop):  # shortcut triples without a reified node count once
            support(u, v, kind)
    memberships = set(g.subjects(RDF.type, ORG.Membership)) | set(g.subjects(ORG.member))
    for membership in memberships:
        sentences = _sentences(g, membership)
        roles = {_label(g, role) for role in g.objects(membership, ORG.role)}
        for person in g.objects(membership, ORG.member):
            for organization in g.objects(membership, ORG.organization):
                edge = support(person, organization, "member")
                edge.nodes.add(membership)
                edge.sentences |= sentences
                edge.documents |= _documents(g, membership, sentences)
                edge.roles |= roles
    return edges


# -- the graph -------------------------------------------------------------------------------------
def _size(mentions: int) -> float:
    """Gephi's default node size, growing by 5 with each doubling of the mentions."""
    return round(10.0 + 5.0 * math.log2(1 + mentions), 3)


def entity_graph(source: RdfSource, *,
                 subclass_pairs: Iterable[tuple[Node, Node]] | None = None) -> nx.MultiDiGraph:
    """The entities of ``source`` and the relations between them, nodes and edges sorted.

    ``source`` is a path, a ``Graph`` or a ``Dataset`` (all named graphs read). Classes are
    placed under the four roots with ``rdfs:subClassOf`` from ``ontology/zhkg.ttl`` (or
    ``subclass_pairs``) plus any the source declares. Edges whose ends are not entities are
    left out. Edge keys are the kinds, so ``G[u][v]["implements"]`` is one edge.
    """
    g = _union(source)
    pairs = _ontology_subclasses() if subclass_pairs is None else subclass_pairs
    index = class_index([*pairs, *g.subject_objects(RDFS.subClassOf)])

    classes: dict[Node, Node] = {}
    for entity, cls in g.subject_objects(RDF.type):
        if isinstance(entity, URIRef) and cls in index:
            best = classes.get(entity)
            if best is None or (-index[cls].depth, str(cls)) < (-index[best].depth, str(best)):
                classes[entity] = cls  # the most specific class; ties by IRI
    mentions = Counter(g.objects(None, ITSRDF.taIdentRef))
    mentioned_in: dict[Node, set[Node]] = {}
    for mention, entity in g.subject_objects(ITSRDF.taIdentRef):
        mentioned_in.setdefault(entity, set()).update(g.objects(mention, NIF.referenceContext))

    def identifiers(documents: Iterable[Node]) -> str:
        return _lines(str(i) for d in documents for i in g.objects(d, DCTERMS.identifier))

    G = nx.MultiDiGraph()
    for entity in sorted(classes, key=str):
        cls = classes[entity]
        etype = index[cls].etype
        r, gr, b = TYPE_COLOURS[etype]
        G.add_node(
            str(entity),
            label=_label(g, entity),
            type=etype,
            kgo_class=index[cls].kgo_class,
            admin_code=min((str(c) for c in g.objects(entity, KGO.adminCode)), default=""),
            admin_level=_admin_level(g, entity),
            mentions=mentions[entity],
            documents=identifiers(mentioned_in.get(entity, ())),
            viz={"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": _size(mentions[entity])},
        )
    edges = {(str(u), str(v), kind): support for (u, v, kind), support in _supports(g).items()
             if u in classes and v in classes}
    for (u, v, kind), support in sorted(edges.items(), key=lambda item: item[0]):
        G.add_edge(u, v, key=kind, kind=kind, weight=max(1, len(support.nodes)),
                   evidence=len(support.sentences),
                   evidence_text=_sentence_text(g, support.sentences),
                   evidence_sentences=_lines(str(t) for s in support.sentences
                                             for t in g.objects(s, KGO.sentenceText)),
                   documents=identifiers(support.documents),
                   role="、".join(sorted(support.roles)))
    return G


# -- writing ---------------------------------------------------------------------------------------
def _numbered(G: nx.MultiDiGraph, node_attrs: Callable[[dict], dict]) -> nx.MultiDiGraph:
    """A copy with edge keys ``e0``, ``e1`` … in edge order and node data mapped."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **node_attrs(data))
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        H.add_edge(u, v, key=f"e{i}", **data)
    return H


def _mend_gexf(root: Element, modified: date | None) -> None:
    """Make networkx's GEXF 1.3 tree valid against the 1.3 grammar and free of the clock."""
    for name in ("xmlns:xsi", "xsi:schemaLocation"):  # the grammar has no room for them, and
        root.attrib.pop(name, None)                   # networkx misspells the XSI namespace
    meta = root.find("meta")
    meta.attrib.pop("lastmodifieddate", None)  # networkx writes today's date
    if modified is not None:
        meta.set("lastmodifieddate", modified.isoformat())
    meta.find("creator").text = "zhkg"
    graph = root.find("graph")
    graph.attrib.pop("name", None)  # not an attribute of <graph> in GEXF
    titles: dict[str | None, str | None] = {}  # edge column id → title
    for columns in graph.findall("attributes[@class='edge']"):
        for column in columns.findall("attribute"):
            titles[column.get("id")] = column.get("title")
            if column.get("title") == "networkx_key":  # the multigraph key, already the edge id
                columns.remove(column)
    for edge in graph.iter("edge"):
        for values in edge.findall("attvalues"):
            for value in values.findall("attvalue"):
                title = titles.get(value.get("for"))
                if title == "networkx_key":
                    values.remove(value)
                elif title == "kind":  # GEXF 1.3's edge kind: Gephi keeps such edges apart
                    edge.set("kind", value.get("value"))


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike, *,
               modified: date | None = None) -> None:
    """Write ``G`` as GEXF 1.3, atomically; edge ids ``e0`` … in edge order.

    networkx 3.6 writes GEXF 1.1draft, 1.2draft and 1.3 (``networkx.readwrite.gexf.GEXF.
    versions``); this uses 1.3, the newest, and sets its edge ``kind``. networkx's tree is mended
    to pass the official 1.3 RELAX NG grammar: no ``xsi:schemaLocation``, no ``<graph name>``, no
    ``networkx_key`` column, and no clock date (``modified`` sets ``lastmodifieddate``), so equal
    graphs give equal bytes.
    """
    H = _numbered(G, dict)
    for _, _, key, data in H.edges(keys=True, data=True):
        data["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version=GEXF_VERSION)
    writer.add_graph(H)
    _mend_gexf(writer.xml, modified)
    write_atomically(path, writer.write)


def _flat_viz(data: dict) -> dict:
    """Node data with ``viz`` spelled as the ``r``/``g``/``b``/``size`` keys Gephi reads."""
    out = {k: v for k, v in data.items() if k != "viz"}
    viz = data.get("viz") or {}
    colour = viz.get("color")
    if colour:
        out.update(r=int(colour["r"]), g=int(colour["g"]), b=int(colour["b"]))
    if "size" in viz:
        out["size"] = float(viz["size"])
    return out


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write ``G`` as GraphML, atomically; edge ids ``e0`` …, colour as ``r``/``g``/``b``.

    networkx's plain-XML writer, not the lxml one, so the bytes do not depend on lxml.
    """
    H = _numbered(G, _flat_viz)
    write_atomically(path, lambda fh: nx.write_graphml_xml(H, fh, encoding="utf-8"))


def _write_html(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    from kg.export.html import write_html

    write_html(G, path)


GRAPH_FORMATS: dict[str, Callable[[nx.MultiDiGraph, str | os.PathLike], None]] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "html": _write_html,
}


def write_entity_graph(source: RdfSource, path: str | os.PathLike,
                       fmt: str | None = None) -> nx.MultiDiGraph:
    """Build the entity graph of ``source`` and write it as ``fmt`` or by ``path``'s extension."""
    name = (fmt or Path(path).suffix.lstrip(".")).lower()
    if name not in GRAPH_FORMATS:
        known = ", ".join(sorted(GRAPH_FORMATS))
        raise ValueError(f"{path}: unknown graph format {name or '(none)'!r}; use one of {known}")
    G = entity_graph(source)
    GRAPH_FORMATS[name](G, path)
    return G
