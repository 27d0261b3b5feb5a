"""RDF syntaxes: Turtle, N-Triples, N-Quads, TriG, JSON-LD; written atomically.

N-Triples and N-Quads are streamed: a document's statements are written when it
is added, and only the merged entities wait for the end, so memory stays flat
however many documents pass. Turtle and TriG group statements by subject (and
graph), so they hold the corpus until :meth:`RdfWriter.close`. pyoxigraph
serializes; rdflib compacts JSON-LD.
"""

from __future__ import annotations

import itertools
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import NamedTuple

import pyoxigraph
from rdflib import OWL, RDF, RDFS, XSD

from kg.export.atomic import atomic_output
from kg.graph.builder import GraphBuilder
from kg.graph.namespace import KGR, PREFIXES
from kg.model import DocumentResult

# extension → (pyoxigraph format, whether it carries named graphs)
RDF_FORMATS: dict[str, tuple[pyoxigraph.RdfFormat, bool]] = {
    "ttl": (pyoxigraph.RdfFormat.TURTLE, False),
    "nt": (pyoxigraph.RdfFormat.N_TRIPLES, False),
    "nq": (pyoxigraph.RdfFormat.N_QUADS, True),
    "trig": (pyoxigraph.RdfFormat.TRIG, True),
    "jsonld": (pyoxigraph.RdfFormat.JSON_LD, False),
}
STREAMED = frozenset({"nt", "nq"})
# extension → rdflib parser name, for reading graphs back
RDFLIB_PARSERS = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig",
                  "jsonld": "json-ld"}
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq",
            "n-quads": "nq", "json-ld": "jsonld"}
# Vocabulary prefixes for Turtle and TriG. Resources stay full IRIs: as prefixed
# names their slashes would be escaped (kgr:place\/150623).
VOCABULARY_PREFIXES = {
    **{prefix: str(ns) for prefix, ns in PREFIXES.items() if prefix != "kgr"},
    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "owl": str(OWL),
}


def format_for_path(path: str, explicit: str | None = None) -> str:
    """The format key (``ttl`` …) from ``--format`` or the output file's extension."""
    name = (explicit or "").lower()
    if not name:
        name = Path(path).suffix.lstrip(".").lower() if path != "-" else "ttl"
    name = _ALIASES.get(name, name)
    if name not in RDF_FORMATS:
        known = ", ".join(sorted(RDF_FORMATS))
        raise ValueError(f"{path}: unknown output format {name or '(none)'!r}; use one of {known}")
    return name


class RdfWriter:
    """Writes one corpus graph to ``path`` (``-``: standard output) as documents arrive.

    The file appears complete at :meth:`close`, or not at all: an error or an
    interruption leaves an earlier file at ``path`` untouched.
    """

    def __init__(self, path: str, fmt: str, base: str = str(KGR)) -> None:
        self.path, self.fmt = path, fmt
        self.syntax, self.quads = RDF_FORMATS[fmt]
        self.builder = GraphBuilder(base)
        self._held: list[pyoxigraph.Quad] = []
        self._said: set[bytes] = set()   # shared statements already written
        self._stack = ExitStack()
        self._out = self._stack.enter_context(atomic_output(path))

    def add(self, result: DocumentResult, rendered: Rendered | None = None) -> None:
        """Add one document; ``rendered`` is its :func:`render` in this writer's
        streamed syntax, when the map step made it already."""
        if self.fmt not in STREAMED:
            own, shared = self.builder.add(result)
            self._held.extend(own + shared)
            return
        self.builder.merge(result)
        if rendered is None:
            rendered = render(result, self.fmt, self.builder.base)
        self._out.write(rendered.own)
        for line in rendered.shared:  # several documents state these: say them once
            if line not in self._said:
                self._said.add(line)
                self._out.write(line)

    def close(self) -> None:
        """Write the entities (and, for grouped syntaxes, everything held), then publish."""
        entities = self.builder.entity_quads()
        if self.fmt in STREAMED:
            data = entities if self.quads else [q.triple for q in entities]
            pyoxigraph.serialize(data, self._out, self.syntax)
        elif self.fmt == "jsonld":
            self._out.write(_jsonld(self._held + entities))
        else:
            self._write_grouped(self._held + entities)
        self._held = []
        self._stack.close()

    def _write_grouped(self, quads: list[pyoxigraph.Quad]) -> None:
        # Turtle abbreviates consecutive statements about one subject (and TriG
        # within one graph), so the statements are grouped in first-seen order.
        if self.quads:
            groups: dict[tuple, list] = {}
            for quad in dict.fromkeys(quads):
                groups.setdefault((quad.graph_name, quad.subject), []).append(quad)
        else:
            groups = {}
            for triple in dict.fromkeys(q.triple for q in quads):
                groups.setdefault((triple.subject,), []).append(triple)
        pyoxigraph.serialize(itertools.chain.from_iterable(groups.values()), self._out,
                             self.syntax, prefixes=VOCABULARY_PREFIXES)

    def abort(self) -> None:
        """Drop what was written; an earlier file at the path stays."""
        self._held = []
        self._stack.__exit__(RuntimeError, RuntimeError("build aborted"), None)

    def __enter__(self) -> RdfWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


class Rendered(NamedTuple):
    """One document in a streamed syntax: its own statements, and the lines of those
    other documents may state too."""

    own: bytes
    shared: list[bytes]


def render(result: DocumentResult, fmt: str, base: str = str(KGR)) -> Rendered:
    """A document's statements in N-Triples or N-Quads, made where it was extracted.

    A function of the document alone, so that workers can serialize their own
    documents and the writer only appends bytes.
    """
    syntax, quads = RDF_FORMATS[fmt]
    if quads:
        own, shared = GraphBuilder(base).document_quads(result)
        return Rendered(pyoxigraph.serialize(own + shared, format=syntax), [])
    triples, shared_triples = GraphBuilder(base).document_triples(result)
    lines = pyoxigraph.serialize(shared_triples, format=syntax)
    return Rendered(pyoxigraph.serialize(triples, format=syntax), lines.splitlines(keepends=True))


def _jsonld(quads: list[pyoxigraph.Quad]) -> bytes:
    """Compact JSON-LD with the contract's prefixes as its context (rdflib)."""
    from rdflib import Graph

    triples = list(dict.fromkeys(q.triple for q in quads))
    # Only the core prefixes beside the contract's: rdflib's defaults (brick, csvw, dcat …)
    # would all land in the context.
    graph = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES),
                format="nt")
    return graph.serialize(format="json-ld", encoding="utf-8", auto_compact=True)


def write_rdf(results: list[DocumentResult], path: str, fmt: str,
              base: str = str(KGR)) -> None:
    """Write ``results`` as one graph (a convenience over :class:`RdfWriter`)."""
    with RdfWriter(path, fmt, base) as writer:
        for result in results:
            writer.add(result)
