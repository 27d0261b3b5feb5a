"""SPARQL over a built graph or a store: shipped queries, their parameters, result formats.

A graph file is loaded into an in-memory pyoxigraph store; a directory is opened
as a persistent pyoxigraph store. Queries see the union of all named graphs as
their default graph, so a query needs no ``GRAPH`` clause whatever the format.

A query's parameters are declared in its header, one line each::

    # param: place (?placeName): a place, full name or short name

and bind the variable's ``VALUES`` block, whose value is the default. A value given
is written into that block as an RDF term (pyoxigraph's own serialization, so quotes,
backslashes and braces in it stay inside the literal), which gives a plain query
text that any SPARQL endpoint runs the same.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
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
# The prefixes every query may use undeclared.
PREDECLARED = {**_STANDARD_PREFIXES, **{p: str(ns) for p, ns in PREFIXES.items()}}
_XSD_STRING = pyoxigraph.NamedNode(_STANDARD_PREFIXES["xsd"] + "string")


# The prologue (PREFIX and BASE declarations, comments) before a request's first keyword.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*",
                       re.IGNORECASE)
_UPDATE = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)


# A parameter's header line, and one RDF term as a VALUES block writes it: a string
# (with a language tag or a datatype), an IRI or a number.
_PARAM_LINE = re.compile(r"^# param: (?P<name>[A-Za-z_]\w*) \(\?(?P<variable>\w+)\): "
                         r"(?P<description>.+)$", re.MULTILINE)
_TERM = (r'"(?:[^"\\\n]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<[^<>\s]*>)?'
         r"|<[^<>\"\s]*>|[+-]?\d+(?:\.\d+)?")

Term = pyoxigraph.NamedNode | pyoxigraph.Literal


class QueryError(Exception):
    """A query or a graph that cannot be used, with the reason."""


@dataclass(frozen=True)
class Parameter:
    """A value a query takes: ``--param NAME=VALUE`` binds ``?variable``, whose ``VALUES``
    block in the query holds the ``default``."""

    name: str
    variable: str
    description: str
    default: tuple[Term, ...]

    @property
    def block(self) -> re.Pattern[str]:
        """The ``VALUES ?variable { … }`` block, in three groups: opening, terms, closing."""
        return re.compile(rf"(VALUES\s+\?{self.variable}\s*\{{)((?:\s*(?:{_TERM}))+)(\s*\}})")

    def term(self, value: str) -> Term:
        """``value`` as a term of the default's kind: an IRI, a string in the default's
        language, or a literal of its datatype (checked by casting it)."""
        kind = self.default[0]
        if isinstance(kind, pyoxigraph.NamedNode):
            try:
                return pyoxigraph.NamedNode(value.removeprefix("<").removesuffix(">"))
            except ValueError as err:
                raise QueryError(f"--param {self.name}: {value!r} is not an IRI ({err})") \
                    from None
        if kind.language:
            return pyoxigraph.Literal(value, language=kind.language)
        literal = pyoxigraph.Literal(value, datatype=kind.datatype)
        if kind.datatype != _XSD_STRING and not pyoxigraph.Store().query(
                f"ASK {{ BIND({kind.datatype}({literal}) AS ?v) FILTER (BOUND(?v)) }}"):
            raise QueryError(f"--param {self.name}: {value!r} is not a valid "
                             f"{kind.datatype.value.rsplit('#', 1)[-1]}")
        return literal

    def shown(self) -> str:
        """``name=default`` as ``kg query --param`` would take it."""
        return f"{self.name}={','.join(term.value for term in self.default)}"


def parameters(sparql: str) -> list[Parameter]:
    """The parameters a query's header declares, with their defaults."""
    out = []
    for line in _PARAM_LINE.finditer(sparql):
        name, variable = line["name"], line["variable"]
        blocks = Parameter(name, variable, "", ()).block.findall(sparql)
        if len(blocks) != 1:
            raise QueryError(f"parameter {name} binds ?{variable}, which needs one VALUES "
                             f"?{variable} {{ … }} block holding its default, not "
                             f"{len(blocks)}")
        solutions = pyoxigraph.Store().query(f"SELECT ?v {{ VALUES ?v {{ {blocks[0][1]} }} }}")
        default = tuple(solution["v"] for solution in solutions)
        out.append(Parameter(name, variable, line["description"].strip(), default))
    return out


def bind_parameters(sparql: str, given: Sequence[str], query: str = "the query") -> str:
    """``sparql`` with the ``NAME=VALUE`` pairs ``given`` written into its VALUES blocks
    (a name given twice takes both values); ``query`` names it in errors."""
    if not given:
        return sparql
    declared = {parameter.name: parameter for parameter in parameters(sparql)}
    values: dict[str, list[str]] = {}
    for pair in given:
        name, equals, value = pair.partition("=")
        if not equals:
            raise QueryError(f"--param takes NAME=VALUE, not {pair!r}")
        if not declared:
            raise QueryError(f"{query} takes no parameters (--param {pair})")
        if name not in declared:
            raise QueryError(f"{query} has no parameter {name!r} (it takes "
                             f"{', '.join(sorted(declared))})")
        values.setdefault(name, []).append(value)
    for name, strings in values.items():
        parameter = declared[name]
        terms = " ".join(str(parameter.term(value)) for value in strings)
        # A function, not a replacement string: the terms' backslashes stay as they are.
        sparql = parameter.block.sub(lambda m, t=terms: f"{m[1]} {t}{m[3]}", sparql, count=1)
    return sparql


def with_prefixes(sparql: str) -> str:
    """``sparql`` with a PREFIX line for each predeclared prefix it uses undeclared, so
    that it runs as it is on any endpoint (``kg serve``)."""
    missing = [f"PREFIX {prefix}: <{iri}>" for prefix, iri in PREDECLARED.items()
               if re.search(rf"(?<![\w.:-]){prefix}:", sparql)
               and not re.search(rf"PREFIX\s+{prefix}:", sparql, re.IGNORECASE)]
    return "".join(line + "\n" for line in missing) + sparql


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

    @property
    def parameters(self) -> list[Parameter]:
        return parameters(self.text)


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


@contextmanager
def reading(source: str) -> Iterator[pyoxigraph.Store]:
    """The graph of ``source`` for the block: a store directory opened read-only under
    the store's read lock (refused as busy while a build writes it; a build waits for
    the block), or an RDF file loaded into memory."""
    if not Path(source).is_dir():
        yield open_graph(source)
        return
    from kg.export.store import StoreError, open_read_only

    try:
        with open_read_only(source) as store:
            yield store
    except StoreError as err:
        raise QueryError(str(err)) from None


def open_graph(source: str) -> pyoxigraph.Store:
    """A store over ``source``: a pyoxigraph store directory or an RDF file.

    A store directory is checked under its read lock, which is let go on return: to
    keep builds out while querying it, use :func:`reading`.
    """
    path = Path(source)
    if path.is_dir():
        from kg.export.store import StoreError, read_lock

        try:
            with read_lock(path):
                return pyoxigraph.Store.read_only(str(path))
        except StoreError as err:
            raise QueryError(str(err)) from None
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
    try:
        results = store.query(sparql, prefixes=PREDECLARED, use_default_graph_as_union=True)
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
