"""The Python API for notebooks: load the pipeline, extract one text, build a graph, query it.

These are the library calls behind ``kg build`` and ``kg query``, returning Python objects
instead of writing files: a spaCy ``Language``, a :class:`kg.model.DocumentResult`, a
pyoxigraph ``Store``, a pandas ``DataFrame``. Heavy imports (spaCy, pyoxigraph, rdflib) wait
until a function needs them, so that ``import kg`` stays cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    import pyoxigraph
    from spacy.language import Language

    from kg.model import DocumentResult

__all__ = ["BuildError", "InputWarning", "build", "displacy_options", "extract", "load",
           "query"]

PathLike = str | os.PathLike[str]

_XSD = "http://www.w3.org/2001/XMLSchema#"
# SPARQL result literals read as Python values; any other datatype stays a string.
_NUMBERS = {**dict.fromkeys(("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                             "positiveInteger", "negativeInteger", "nonPositiveInteger",
                             "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte"),
                            int),
            **dict.fromkeys(("decimal", "double", "float"), float)}


class BuildError(Exception):
    """A build that read no document: no input file found, or none could be read."""


class InputWarning(UserWarning):
    """An input that was skipped or read with a loss; the message names the file."""


def load(*, pkuseg_model: PathLike | None = None, model: PathLike | None = None,
         disable: Iterable[str] = ()) -> Language:
    """The spaCy pipeline that :func:`extract` and :func:`build` run, loaded once per process.

    Its ``doc.ents`` carry the labels ORG, PLACE, PERSON and PROGRAM, so ``spacy.displacy``
    renders them (with :func:`displacy_options` for a colour per label). ``pkuseg_model``,
    ``model`` and ``disable`` are ``kg build``'s ``--pkuseg-model``, ``--model`` and
    ``--disable``.
    """
    from kg.corpus import extractor_for

    return extractor_for(_settings(pkuseg_model, model, disable)).nlp


def extract(text: str, identifier: str = "document", *, pkuseg_model: PathLike | None = None,
            model: PathLike | None = None, disable: Iterable[str] = ()) -> DocumentResult:
    """What ``kg build`` finds in ``text``, as the document ``identifier``.

    A :class:`kg.model.DocumentResult`: ``mentions`` (:class:`~kg.model.Mention`, with
    character offsets into ``text``), ``entities`` (:class:`~kg.model.Entity` by key),
    ``implementations``, ``memberships`` and ``references`` (the generic references, 该旗 or
    村里, each a :class:`~kg.model.Mention` of the entity it stands for). As for a ``.txt``
    input, traditional characters are read as simplified, and a dateline in the text
    (《人民日报》（2025年11月04日第 18 版）) dates the document: the result is then a
    :class:`kg.dates.DatedResult` whose ``publication`` says so.
    """
    from kg.corpus import map_document
    from kg.dates import dateline
    from kg.inputs import simplify

    publication, notes = dateline(text, identifier)
    for note in notes:
        warnings.warn(note, InputWarning, stacklevel=2)
    settings = _settings(pkuseg_model, model, disable)
    return map_document(identifier, text, simplify(text), settings, publication)[0]


def build(paths: PathLike | Iterable[PathLike], *, manifest: PathLike | None = None,
          jobs: int = 1, base: str | None = None, pkuseg_model: PathLike | None = None,
          model: PathLike | None = None, disable: Iterable[str] = ()) -> pyoxigraph.Store:
    """The graph of the ``.txt``, ``.html`` and ``.htm`` files given or found under the
    folders ``paths``, as an in-memory pyoxigraph ``Store``.

    The store holds the quads ``kg build -o OUT.trig`` writes: each document's named graph
    and the entities' graph. Query it with :func:`query` (the named graphs together), or
    write it with ``store.dump(path, pyoxigraph.RdfFormat.TRIG)``.
    ``manifest`` is a CSV of ``file,date,paper,page,section`` naming files from its own
    folder (without it, a ``manifest.csv`` at the root of a folder given is read); ``jobs``
    extracts in that many processes (0: one per CPU); ``base`` is the base IRI of minted
    resources. An input that cannot be read is an :class:`InputWarning` naming it, and the
    others are built; :class:`BuildError` when no document could be read.
    """
    import pyoxigraph

    from kg.corpus import default_jobs, plan, run
    from kg.graph.builder import GraphBuilder
    from kg.graph.namespace import KGR

    paths = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    tasks, errors = plan([os.fspath(path) for path in paths], manifest)
    for error in errors:
        warnings.warn(error, InputWarning, stacklevel=2)
    if not tasks:
        found = "no input could be read" if errors else (
            f"no .txt, .html or .htm file in {', '.join(map(os.fspath, paths))}")
        raise BuildError(found)
    builder = GraphBuilder(base or str(KGR))
    store = pyoxigraph.Store()
    documents = 0
    for outcome in run(tasks, _settings(pkuseg_model, model, disable), jobs or default_jobs()):
        for warning in outcome.warnings:
            warnings.warn(warning, InputWarning, stacklevel=2)
        if outcome.result is None:
            warnings.warn(str(outcome.error), InputWarning, stacklevel=2)
            continue
        own, shared = builder.add(outcome.result)
        store.extend(own + shared)
        documents += 1
    if not documents:
        raise BuildError("no input could be read")
    store.extend(builder.entity_quads())
    return store


def query(graph: pyoxigraph.Store | PathLike, sparql: str, /, *, frame: bool | None = None,
          **params: object) -> pandas.DataFrame | list[dict[str, Any]] | bool:
    """The answer to ``sparql`` on ``graph``, as ``kg query`` gives it.

    ``graph`` is a store of :func:`build`, a graph file (``.ttl``, ``.trig``, ``.nq`` …) or a
    store directory of ``kg build --store`` (read under its read lock, as ``kg query``
    reads it). ``sparql`` is a shipped query's name (``kg query --list``), a ``.rq`` file or
    SPARQL; the usual prefixes are predeclared and the named graphs are one default graph.
    ``params`` bind a shipped query's parameters (``place="呼和浩特市"``; a list gives
    several values), as ``kg query --param`` does.

    A SELECT answer is a pandas ``DataFrame`` when pandas is installed (``frame=False``: a
    list of dicts), a row per solution, numbers as ``int`` or ``float``, ``xsd:date`` as
    :class:`datetime.date`, IRIs and other literals as strings, unbound as None. An ASK
    answer is a bool, a CONSTRUCT's a table of ``subject``, ``predicate``, ``object``.
    Raises :class:`kg.QueryError` for a query or graph that cannot be used.
    """
    import pyoxigraph

    from kg.query import QueryError, bind_parameters, reading, resolve_query, run_query

    text = resolve_query(sparql)
    if params:
        text = bind_parameters(text, [f"{name}={value}" for name, value in _pairs(params)],
                               sparql)
    if isinstance(graph, pyoxigraph.Store):
        output = run_query(graph, text, "json")
    elif isinstance(graph, str | os.PathLike):
        with reading(os.fspath(graph)) as store:
            output = run_query(store, text, "json")
    else:
        raise QueryError(f"cannot query a {type(graph).__name__}: give a store of kg.build, "
                         "a graph file or a store directory")
    columns, rows = _solutions(output)
    if isinstance(rows, bool):
        return rows
    if frame is None or frame:
        try:
            import pandas
        except ModuleNotFoundError:
            if frame:
                raise
        else:
            return pandas.DataFrame(rows, columns=columns)
    return rows


def displacy_options() -> dict[str, Any]:
    """Options for ``spacy.displacy.render(doc, style="ent", options=...)``: our four labels,
    each in a light tint of its colour in the entity graph's views."""
    from kg.model import TYPE_COLOURS

    def tint(rgb: tuple[int, int, int]) -> str:
        # Half-way to white, so that the highlighted text stays legible.
        return "#" + "".join(f"{(c + 255) // 2:02x}" for c in rgb)

    return {"ents": list(TYPE_COLOURS),
            "colors": {label: tint(rgb) for label, rgb in TYPE_COLOURS.items()}}


def _settings(pkuseg_model: PathLike | None, model: PathLike | None, disable: Iterable[str]):
    """The corpus build's settings for these options; an unknown rule family is a ValueError."""
    from kg.corpus import Settings
    from kg.rules.families import resolve_disabled

    return Settings(os.fspath(pkuseg_model) if pkuseg_model else None,
                    tuple(resolve_disabled(list(disable))),
                    model=os.fspath(model) if model else None)


def _pairs(params: Mapping[str, object]) -> Iterable[tuple[str, object]]:
    """``(name, value)`` for each value of each parameter: a list or tuple gives several."""
    for name, value in params.items():
        for one in value if isinstance(value, list | tuple) else [value]:
            yield name, one


def _solutions(output: str) -> tuple[list[str], list[dict[str, Any]] | bool]:
    """Column names and rows of ``run_query``'s JSON (SELECT), true or false (ASK), or
    N-Triples (CONSTRUCT, DESCRIBE)."""
    try:
        answer = json.loads(output)
    except json.JSONDecodeError:
        return _triples(output)
    if isinstance(answer, bool):
        return [], answer
    columns = answer["head"]["vars"]
    return columns, [{name: _value(solution.get(name)) for name in columns}
                     for solution in answer["results"]["bindings"]]


def _triples(ntriples: str) -> tuple[list[str], list[dict[str, Any]]]:
    import pyoxigraph

    columns = ["subject", "predicate", "object"]
    rows = []
    for triple in pyoxigraph.parse(ntriples, pyoxigraph.RdfFormat.N_TRIPLES):
        rows.append({"subject": triple.subject.value, "predicate": triple.predicate.value,
                     "object": triple.object.value})
    return columns, rows


def _value(term: dict[str, str] | None) -> Any:
    """A SPARQL JSON term as a Python value."""
    if term is None:
        return None
    value = term["value"]
    if term["type"] != "literal":
        return value if term["type"] == "uri" else "_:" + value
    datatype = term.get("datatype", "").removeprefix(_XSD)
    try:
        if datatype in _NUMBERS:
            return _NUMBERS[datatype](value)
        if datatype == "boolean":
            return value in ("true", "1")
        if datatype == "date":
            return dt.date.fromisoformat(value)
        if datatype == "dateTime":
            return dt.datetime.fromisoformat(value)
    except ValueError:  # an ill-typed literal (2025-13-40) is kept as written
        pass
    return value
