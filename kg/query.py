"""SPARQL over a built graph or a store: shipped queries, result formats.

A graph file is loaded into an in-memory pyoxigraph store; a directory is opened
as a persistent pyoxigraph store. Queries see the union of all named graphs as
their default graph, so a query needs no ``GRAPH`` clause whatever the format.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pyoxigraph

from kg.graph.namespace import PREFIXES

_FORMATS = {
    ".ttl": pyoxigraph.RdfFormat.TURTLE, ".nt": pyoxigraph.RdfFormat.N_TRIPLES,
    ".nq": pyoxigraph.RdfFormat.N_QUADS, ".trig": pyoxigraph.RdfFormat.TRIG,
    ".jsonld": pyoxigraph.RdfFormat.JSON_LD, ".rdf": pyoxigraph.RdfFormat.RDF_XML,
    ".owl": pyoxigraph.RdfFormat.RDF_XML,
}
_RESULT_FORMATS = {"csv": pyoxigraph.QueryResultsFormat.CSV,
                   "tsv": pyoxigraph.QueryResultsFormat.TSV,
                   "json": pyoxigraph.QueryResultsFormat.JSON}
RESULT_FORMATS = ("table", *_RESULT_FORMATS)
_STANDARD_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


# The prologue (PREFIX and BASE declarations, comments) before a request's first keyword.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*",
                       re.IGNORECASE)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)


class QueryError(Exception):
    """A query or a graph that cannot be used, with the reason."""


def is_update(sparql: str) -> bool:
    """Whether ``sparql`` is a SPARQL Update request (INSERT, DELETE, LOAD …), not a query."""
    return _UPDATE.match(sparql, _PROLOGUE.match(sparql).end()) is not None


def check_read_only(sparql: str) -> None:
    """Raise :class:`QueryError` for a SPARQL Update: queries never change a graph or store."""
    if is_update(sparql):
        raise QueryError("queries are read-only: SPARQL Update (INSERT, DELETE, LOAD …) is "
                         "not run; rebuild the graph to change it")


@dataclass(frozen=True)
class ShippedQuery:
    name: str
    question: str
    text: str


def shipped_queries() -> list[ShippedQuery]:
    """The queries in ``kg/queries/*.rq``, by name, with their ``# question:`` line."""
    out = []
    try:
        folder = files("kg.queries")
    except ModuleNotFoundError:
        return out
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        question = next((line.split(":", 1)[1].strip() for line in text.splitlines()
                         if line.startswith("# question:")), "")
        out.append(ShippedQuery(entry.name[:-3], question, text))
    return out


def resolve_query(query: str) -> str:
    """The SPARQL text of ``query``: a ``.rq`` file, a shipped query's name, or SPARQL."""
    path = Path(query)
    if query.endswith(".rq") or (len(query) < 200 and "\n" not in query and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as err:
            raise QueryError(f"{query}: cannot read the query file ({err.strerror})") from err
    for shipped in shipped_queries():
        if shipped.name == query:
            return shipped.text
    if is_update(query):
        return query  # refused by run_query, which says why
    if not any(word in query.upper() for word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")):
        names = ", ".join(q.name for q in shipped_queries())
        raise QueryError(f"{query!r} is neither a .rq file, SPARQL, nor a shipped query "
                         f"({names})")
    return query


def open_graph(source: str) -> pyoxigraph.Store:
    """A store over ``source``: a pyoxigraph store directory or an RDF file."""
    path = Path(source)
    if path.is_dir():
        try:
            return pyoxigraph.Store.read_only(str(path))
        except OSError as err:
            raise QueryError(f"{source}: not a readable zhkg store ({err})") from err
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QueryError(f"{source}: unknown graph format (use one of "
                         f"{', '.join(sorted(_FORMATS))} or a store directory)")
    store = pyoxigraph.Store()
    try:
        store.load(path=str(path), format=fmt)
    except (OSError, SyntaxError, ValueError) as err:
        raise QueryError(f"{source}: cannot load the graph ({err})") from err
    return store


def run_query(store: pyoxigraph.Store, sparql: str, fmt: str = "table") -> str:
    """The results of a SELECT or ASK query, formatted; CONSTRUCT results as N-Triples."""
    check_read_only(sparql)
    prefixes = {**_STANDARD_PREFIXES, **{p: str(ns) for p, ns in PREFIXES.items()}}
    try:
        results = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"the query does not parse: {err}") from err
    if isinstance(results, pyoxigraph.QueryBoolean):
        return ("true" if bool(results) else "false") + "\n"
    if isinstance(results, pyoxigraph.QueryTriples):
        buf = io.BytesIO()
        pyoxigraph.serialize(results, buf, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return buf.getvalue().decode("utf-8")
    if fmt in _RESULT_FORMATS:
        text = results.serialize(format=_RESULT_FORMATS[fmt]).decode("utf-8")
        return text if text.endswith("\n") else text + "\n"
    names = [v.value for v in results.variables]
    rows = [[_plain(solution[name]) for name in names] for solution in results]
    return _table(names, rows)


def _plain(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.Literal | pyoxigraph.NamedNode | pyoxigraph.BlankNode):
        return term.value
    return str(term)


def _width(text: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(names: list[str], rows: list[list[str]]) -> str:
    rows = [[cell.replace("\n", " ") for cell in row] for row in rows]
    widths = [max([_width(n), *(_width(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
