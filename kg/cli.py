"""The ``kg`` command: build graphs from news pages, validate them."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.export.rdf import format_for_path, write_rdf
from kg.graph.namespace import KGR
from kg.inputs import InputError, discover, read_document


def _build(args: argparse.Namespace) -> int:
    from kg.extract import Extractor
    from kg.graph.builder import GraphBuilder

    if args.output is None and args.store is None:
        print("kg build: give -o OUT, --store DIR, or both", file=sys.stderr)
        return 2
    try:
        fmt = format_for_path(args.output, args.format) if args.output else "ttl"
    except ValueError as err:
        print(f"kg build: {err}", file=sys.stderr)
        return 2
    items = list(discover(args.paths))
    failures = 0
    for item in items:
        if isinstance(item, InputError):
            print(f"kg build: error: {item}", file=sys.stderr)
            failures += 1
    files = [p for p in items if isinstance(p, Path)]
    extractor: Extractor | None = None
    builder = GraphBuilder(args.base)
    store = None
    if args.store:
        from kg.export.store import GraphStore

        try:
            store = GraphStore(args.store, args.base)
        except OSError as err:
            print(f"kg build: error: {args.store}: cannot open the store ({err})",
                  file=sys.stderr)
            return 2
    progress = _progress(files, args)
    identifiers: Counter[str] = Counter()
    summary: Counter[str] = Counter()
    for path in progress:
        try:
            document = read_document(path)
        except InputError as err:
            print(f"kg build: error: {err}", file=sys.stderr)
            failures += 1
            continue
        if not document.text.strip():
            print(f"kg build: warning: {path}: empty file", file=sys.stderr)
        identifiers[document.identifier] += 1
        identifier = document.identifier
        if identifiers[identifier] > 1:  # same file name in two folders
            identifier = f"{identifier}-{identifiers[identifier]}"
        stored = store is not None and store.is_current(identifier, document.text)
        if stored and args.output is None:
            summary["unchanged"] += 1
            continue  # already in the store as it is now
        if extractor is None:
            extractor = Extractor(pkuseg_model=args.pkuseg_model,
                                  disabled_sources=args.disable)
        try:
            result = extractor(identifier, document.text)
        except Exception as err:  # one bad document must not cost the others
            print(f"kg build: error: {path}: extraction failed: {err!r}", file=sys.stderr)
            failures += 1
            continue
        if store is not None and not stored:
            store.replace(result)
            summary["stored"] += 1
        if args.output is not None:
            builder.add(result)
        summary["documents"] += 1
        summary["implementations"] += len(result.implementations)
        summary["memberships"] += len(result.memberships)
        for m in result.mentions:
            summary[f"mentions {m.etype}"] += 1
    if store is not None:
        store.flush()
    if args.output is not None:
        write_rdf(builder, args.output, fmt)
    if args.summary:
        _print_summary(summary, builder, sys.stderr if args.output == "-" else sys.stdout)
    return 1 if failures else 0


def _progress(files: list[Path], args: argparse.Namespace):
    if len(files) > 1 and sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        return tqdm(files, unit="doc", desc="kg build", file=sys.stderr)
    return files


def _print_summary(summary: Counter[str], builder, out) -> None:
    entities = Counter(e.etype for e in builder.entities.values())
    rows = [("documents", summary["documents"], "")]
    for etype in ("ORG", "PLACE", "PERSON", "PROGRAM"):
        rows.append((etype, summary[f"mentions {etype}"], entities[etype]))
    rows.append(("implementations", summary["implementations"], ""))
    rows.append(("memberships", summary["memberships"], ""))
    for key in ("stored", "unchanged"):
        if summary[key]:
            rows.append((f"{key} in store", summary[key], ""))
    print(f"{'':16}{'mentions':>10}{'entities':>10}", file=out)
    for name, mentions, ents in rows:
        print(f"{name:16}{mentions:>10}{ents!s:>10}", file=out)


def _validate(args: argparse.Namespace) -> int:
    from kg.graph.validate import validate_file

    conforms, report = validate_file(Path(args.graph))
    print(report)
    return 0 if conforms else 1


def _query(args: argparse.Namespace) -> int:
    from kg.query import QueryError, open_graph, resolve_query, run_query, shipped_queries

    if args.list:
        for shipped in shipped_queries():
            print(f"{shipped.name}\t{shipped.question}")
        return 0
    if not args.graph or not args.query:
        print("kg query: give GRAPH_OR_STORE and QUERY (or --list)", file=sys.stderr)
        return 2
    try:
        sparql = resolve_query(args.query)
        output = run_query(open_graph(args.graph), sparql, args.format)
    except QueryError as err:
        print(f"kg query: error: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0


def _export(args: argparse.Namespace) -> int:
    from kg.export.graph import load_rdf, write_entity_graph

    if not Path(args.graph).is_file():
        print(f"kg export: error: {args.graph}: no such graph file", file=sys.stderr)
        return 1
    try:
        dataset = load_rdf(args.graph)
    except Exception as err:  # any parser's error: say which file and why
        print(f"kg export: error: {args.graph}: cannot load the graph ({err})", file=sys.stderr)
        return 1
    try:
        G = write_entity_graph(dataset, args.output, args.format)
    except ValueError as err:
        print(f"kg export: error: {err}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(f"kg export: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
              f"→ {args.output}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build one graph from .txt files and folders")
    build.add_argument("paths", nargs="+", metavar="PATH")
    build.add_argument("-o", "--output", metavar="OUT",
                       help="output file (.ttl .nt .nq .trig .jsonld) or - for stdout")
    build.add_argument("--store", metavar="DIR",
                       help="also write into a persistent pyoxigraph store: one named graph "
                            "per document, unchanged documents skipped")
    build.add_argument("--format", help="output format when not given by the extension")
    build.add_argument("--base", default=str(KGR), help="base IRI of minted resources")
    build.add_argument("--pkuseg-model", metavar="DIR",
                       help="pkuseg model directory (default: $ZHKG_PKUSEG_MODEL, then CTB8)")
    build.add_argument("--disable", action="append", default=[], metavar="SOURCE",
                       help="ignore one rule family's candidates, e.g. zhkg.places.v1:site "
                            "(repeatable; for ablation)")
    build.add_argument("--summary", action="store_true", help="print counts after building")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    build.set_defaults(func=_build)
    validate = sub.add_parser("validate", help="check a graph against ontology/shapes.ttl")
    validate.add_argument("graph")
    validate.set_defaults(func=_validate)
    query = sub.add_parser("query", help="run SPARQL on a graph file or a store",
                           description="QUERY is a .rq file, a SPARQL string, or the name of "
                                       "a shipped query (see --list). Common prefixes (kgo, "
                                       "nif, org, prov, skos, rdfs …) are predeclared.")
    query.add_argument("graph", nargs="?", metavar="GRAPH_OR_STORE")
    query.add_argument("query", nargs="?", metavar="QUERY")
    query.add_argument("--list", action="store_true", help="list the shipped queries")
    query.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json"),
                       help="result format (default: an aligned table)")
    query.set_defaults(func=_query)
    export = sub.add_parser("export", help="write the entity graph for Gephi (.gexf, "
                                           ".graphml) or as an offline HTML view (.html)")
    export.add_argument("graph", metavar="GRAPH")
    export.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="OUT.gexf (GEXF 1.3), OUT.graphml or OUT.html")
    export.add_argument("--format", choices=("gexf", "graphml", "html"),
                        help="when not given by the extension")
    export.add_argument("-q", "--quiet", action="store_true")
    export.set_defaults(func=_export)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
