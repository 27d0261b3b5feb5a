"""The kg command: build knowledge graphs from Chinese news pages, check, query and
export them."""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.corpus import default_jobs, read_task
from kg.dates import publication_of
from kg.export.rdf import RDF_FORMATS, STREAMED, RdfWriter, format_for_path
from kg.graph.namespace import KGR
from kg.inputs import InputError
from kg.rules.families import resolve_disabled


def _build(args: argparse.Namespace) -> int:
    from kg.corpus import Settings, SettingsError, plan, run

    if args.output is None and args.store is None:
        print("kg build: give -o OUT, --store DIR, or both", file=sys.stderr)
        return 2
    # Which outputs exist before the build, to say truly what a failed build left.
    existed = [p for p in (args.output, args.store) if p not in (None, "-") and Path(p).exists()]
    try:
        fmt = format_for_path(args.output, args.format) if args.output else "ttl"
    except ValueError as err:
        print(f"kg build: {err}", file=sys.stderr)
        return 2
    if args.jobs is not None and args.jobs < 0:
        print("kg build: --jobs must be 0 (all CPUs) or more", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("kg build: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    try:
        disabled = tuple(resolve_disabled(args.disable))
    except ValueError as err:
        print(f"kg build: --disable: {err}", file=sys.stderr)
        return 2
    if args.engine == "dask" and importlib.util.find_spec("distributed") is None:
        print("kg build: --engine dask needs Dask: pip install 'zhkg[dask]'", file=sys.stderr)
        return 2
    if err := _check_pkuseg_model(args.pkuseg_model):
        print(f"kg build: error: {err}", file=sys.stderr)
        return 2
    digest = ""
    if args.model is not None:
        from kg.pipeline import check_models
        from kg.pipeline.learned import ModelFileError

        try:
            digest = check_models(args.model)
        except ModelFileError as err:
            print(f"kg build: --model: {err}", file=sys.stderr)
            return 2
    tasks, errors = plan(args.paths, manifest=args.manifest)
    for error in errors:
        print(f"kg build: error: {error}", file=sys.stderr)
    failures = len(errors)
    if not tasks:
        # Nothing to read: an empty graph would only replace the last good one.
        found = "no input could be read" if errors else (
            f"no .txt, .html or .htm file in {', '.join(args.paths)}")
        print(f"kg build: error: {found}; {_kept(existed)}", file=sys.stderr)
        return 1 if errors else 2
    store = None
    if args.store:
        from kg.export.store import GraphStore, StoreError

        try:
            store = GraphStore(args.store, args.base, model_digest=digest)
        except StoreError as err:
            print(f"kg build: error: {err}", file=sys.stderr)
            return 2
    summary: Counter[str] = Counter()
    entities: dict[str, str] = {}  # key → type, of the documents extracted now
    if args.prune and store is None:
        print("kg build: --prune needs --store DIR", file=sys.stderr)
        return 2
    # Each input file's documents in this build, for the store's orphans: a file now
    # split into parts no longer gives its earlier whole document.
    planned: dict[Path, set[str]] = {}
    for task in tasks if store is not None else ():
        planned.setdefault(Path(task.path).resolve(), set()).add(task.identifier)
    if store is not None and args.output is None:
        changed = _changed(tasks, store)
        summary["unchanged"] = len(tasks) - len(changed)
        tasks = changed
    writer = RdfWriter(args.output, fmt, args.base) if args.output is not None else None
    streamed = args.output is not None and fmt in STREAMED
    settings = Settings(args.pkuseg_model, disabled,
                        render=(fmt, args.base) if streamed else None, model=args.model)
    # Local builds default to one process; a Dask cluster made here to one worker per CPU.
    jobs = args.jobs if args.jobs is not None else (0 if args.engine == "dask" else 1)
    jobs = jobs or default_jobs()
    if args.engine == "dask":
        from kg.cluster import SchedulerError, run_on_dask

        outcomes = run_on_dask(tasks, settings, args.scheduler, workers=jobs, quiet=args.quiet)
        build_errors: tuple[type[Exception], ...] = (SettingsError, SchedulerError)
    else:
        outcomes = run(tasks, settings, jobs)
        build_errors = (SettingsError,)
    try:
        for outcome in _progress(outcomes, len(tasks), args):
            for warning in outcome.warnings:
                print(f"kg build: warning: {warning}", file=sys.stderr)
            if outcome.error is not None or outcome.result is None:
                print(f"kg build: error: {outcome.error}", file=sys.stderr)
                failures += 1
                continue
            result = outcome.result
            if store is not None and not store.is_current(result.identifier, result.text,
                                                          publication_of(result)):
                store.replace(result, outcome.task.path)
                summary["stored"] += 1
            elif store is not None:
                store.note_source(result.identifier, outcome.task.path)
                summary["unchanged"] += 1
            if writer is not None:
                writer.add(result, outcome.rendered)
            summary["documents"] += 1
            summary["implementations"] += len(result.implementations)
            summary["memberships"] += len(result.memberships)
            for m in result.mentions:
                summary[f"mentions {m.etype}"] += 1
            for key, entity in result.entities.items():
                entities.setdefault(key, entity.etype)
    except build_errors as err:
        # A fault of the settings or the cluster, the same for every document: said once.
        if writer is not None:
            writer.abort()
        print(f"kg build: error: {err}; {_kept(existed)}", file=sys.stderr)
        return 2
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    finally:
        if store is not None:
            store.flush()
    if store is not None:
        _orphans(store, args, planned)
    if writer is not None and failures and not summary["documents"]:
        # Nothing could be read: an empty graph would only destroy the last good one.
        writer.abort()
        writer = None
        print(f"kg build: error: no input could be read; {_kept(existed)}", file=sys.stderr)
    if writer is not None:
        writer.close()
    if args.summary:
        _print_summary(summary, entities, sys.stderr if args.output == "-" else sys.stdout)
    return 1 if failures else 0


def _orphans(store, args: argparse.Namespace, planned: dict[Path, set[str]]) -> None:
    """Warn of the stored documents whose source files are gone or no longer give them,
    or remove them (--prune)."""
    orphans = store.orphans(planned)
    if not orphans:
        return
    names = ", ".join(str(path) for _, path in orphans[:3])
    more = f" and {len(orphans) - 3} more" if len(orphans) > 3 else ""
    if args.prune:
        store.prune([identifier for identifier, _ in orphans])
        print(f"kg build: {args.store}: removed {len(orphans)} document(s) whose source file "
              f"is gone or no longer gives them ({names}{more})", file=sys.stderr)
    else:
        print(f"kg build: warning: {args.store}: {len(orphans)} document(s) whose source file "
              f"is gone or no longer gives them ({names}{more}); --prune removes them",
              file=sys.stderr)


def _kept(existed: list[str]) -> str:
    """What became of the outputs of a build that wrote nothing; ``existed``: those that
    were there before it."""
    if not existed:
        return "nothing was written"
    return f"{' and '.join(existed)} {'is' if len(existed) == 1 else 'are'} left as it was"


def _check_pkuseg_model(model: str | None) -> str | None:
    """Why the pkuseg model given (option or environment) cannot be used, or None.

    Checked once here, so that a wrong path is one settings error and not the
    failure of every input in turn.
    """
    from kg.pipeline.segmenter import MODEL_ENV

    if not model and not os.environ.get(MODEL_ENV):
        return None  # the shipped CTB8, converted into the cache when first needed
    from kg.pipeline.segmenter import ModelNotFoundError, resolve_pkuseg_model

    try:
        resolve_pkuseg_model(model)
    except ModelNotFoundError as err:
        where = "--pkuseg-model" if model else MODEL_ENV
        return f"{where}: {err}"
    return None


def _changed(tasks: list, store) -> list:
    """The tasks whose text differs from what the store holds (others need no work)."""
    out = []
    for task in tasks:
        try:
            document, _ = read_task(task)  # the manifest's row counts too
        except InputError:
            out.append(task)  # the map step reports it
            continue
        if not store.is_current(task.identifier, document.text, document.publication):
            out.append(task)
        else:
            for warning in task.manifest_warnings:  # said even of a document not read again
                print(f"kg build: warning: {warning}", file=sys.stderr)
            store.note_source(task.identifier, task.path)
    return out


def _progress(outcomes, total: int, args: argparse.Namespace):
    if total > 1 and sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        return tqdm(outcomes, total=total, unit="doc", desc="kg build", file=sys.stderr)
    return outcomes


def _print_summary(summary: Counter[str], entities: dict[str, str], out) -> None:
    """The counts of a build; ``entities`` maps each entity's key to its type."""
    by_type = Counter(entities.values())
    rows = [("documents", summary["documents"], "")]
    for etype in ("ORG", "PLACE", "PERSON", "PROGRAM"):
        rows.append((etype, summary[f"mentions {etype}"], by_type[etype]))
    rows.append(("implementations", summary["implementations"], ""))
    rows.append(("memberships", summary["memberships"], ""))
    for key in ("stored", "unchanged"):
        if summary[key]:
            rows.append((f"{key} in store", summary[key], ""))
    print(f"{'':16}{'mentions':>10}{'entities':>10}", file=out)
    for name, mentions, ents in rows:
        print(f"{name:16}{mentions:>10}{ents!s:>10}", file=out)


def _train(args: argparse.Namespace) -> int:
    from kg.train import TrainingError, annotated_pages, train

    if len(args.folders) % 2:
        print("kg train: give folders in pairs: GOLD_DIR TEXTS_DIR [GOLD_DIR TEXTS_DIR ...]",
              file=sys.stderr)
        return 2
    try:
        pages = [page for gold, texts in zip(args.folders[::2], args.folders[1::2], strict=True)
                 for page in annotated_pages(gold, texts)]
        models = zip(train(pages, pkuseg_model=args.pkuseg_model, c=args.c),
                     ("names", "organizations", "programmes"), strict=True)
    except TrainingError as err:
        print(f"kg train: error: {err}", file=sys.stderr)
        return 1
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for model, found in models:
        model.save(out / model.FILE)
        if args.quiet:
            continue
        if "kept" in model.meta:
            print(f"kg train: {model.meta['kept']}: the shipped {model.WHAT} → "
                  f"{out / model.FILE}", file=sys.stderr)
        else:
            print(f"kg train: {len(pages)} pages, {model.meta['examples']} candidates, "
                  f"{model.meta['positives']} {found} → {out / model.FILE}", file=sys.stderr)
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.graph.validate import load_graph, validate_graph

    if error := _graph_file_error(args.graph, "validate"):
        print(f"kg validate: error: {error}", file=sys.stderr)
        return 1
    try:
        graph = load_graph(Path(args.graph))
    except Exception as err:  # any parser's error: say which file and why
        print(f"kg validate: error: {args.graph}: cannot load the graph ({_one_line(err)})",
              file=sys.stderr)
        return 1
    conforms, report = validate_graph(graph)
    print(report)
    return 0 if conforms else 1


def _graph_file_error(path: str, command: str) -> str | None:
    """Why ``path`` is no graph file ``kg validate`` or ``kg export`` can read, or None."""
    from kg.export.store import is_store

    target = Path(path)
    if target.is_dir() and is_store(target):
        return (f"{path}: is a store directory; kg {command} reads a graph file: build one "
                f"with kg build ... -o OUT.ttl (kg query reads the store itself)")
    if target.is_dir():
        return f"{path}: is a directory, not a graph file"
    if not target.is_file():
        return f"{path}: no such graph file"
    try:
        format_for_path(path)
    except ValueError as err:
        return str(err).replace("output format", "graph format")
    return None


def _one_line(err: BaseException) -> str:
    """An exception's message on one line (parsers' messages span several)."""
    return " ".join(str(err).split()) or type(err).__name__


def _query(args: argparse.Namespace) -> int:
    from kg.query import (
        QueryError,
        bind_parameters,
        check_read_only,
        reading,
        resolve_query,
        run_query,
        shipped_queries,
        with_prefixes,
    )

    if args.list:
        for shipped in shipped_queries():
            shown = " ".join(parameter.shown() for parameter in shipped.parameters)
            print(f"{shipped.name}\t{shipped.question}\t{shown}")
        return 0
    if args.show is None and (not args.graph or not args.query):
        print("kg query: give GRAPH_OR_STORE and QUERY (or --list, or --show QUERY)",
              file=sys.stderr)
        return 2
    name = args.show if args.show is not None else args.query
    try:
        sparql = bind_parameters(resolve_query(name), args.param, name)
        check_read_only(sparql)  # before loading a graph it would not change
        if args.show is not None:
            sys.stdout.write(with_prefixes(sparql))
            return 0
        with reading(args.graph) as graph:
            output = run_query(graph, sparql, args.format)
    except QueryError as err:
        print(f"kg query: error: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(output)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kg.serve import ServeError, serve

    try:
        return serve(Path(args.store), args.port, cors=args.cors)
    except ServeError as err:
        print(f"kg serve: error: {err}", file=sys.stderr)
        return 1


def _export(args: argparse.Namespace) -> int:
    from kg.export.graph import load_rdf, write_entity_graph

    if error := _graph_file_error(args.graph, "export"):
        print(f"kg export: error: {error}", file=sys.stderr)
        return 1
    try:
        dataset = load_rdf(args.graph)
    except Exception as err:  # any parser's error: say which file and why
        print(f"kg export: error: {args.graph}: cannot load the graph ({_one_line(err)})",
              file=sys.stderr)
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


def build_parser() -> argparse.ArgumentParser:
    """The parser of the kg command and its subcommands."""
    from kg.export.store import builder_version

    parser = argparse.ArgumentParser(prog="kg", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kg {builder_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build one graph from .txt and .html files and folders")
    build.add_argument("paths", nargs="+", metavar="PATH",
                       help="input files, and folders searched for .txt, .html and .htm files")
    build.add_argument("-o", "--output", metavar="OUT",
                       help="output file (.ttl .nt .nq .trig .jsonld) or - for stdout")
    build.add_argument("--store", metavar="DIR",
                       help="also write into a persistent pyoxigraph store: one named graph "
                            "per document, unchanged documents skipped")
    # Checked by format_for_path, not by choices: one line naming the output on a mistake,
    # and the long names (turtle, n-triples, n-quads, json-ld) are taken too.
    build.add_argument("--prune", action="store_true",
                       help="remove from the store the documents whose source files are gone "
                            "(without it, a warning names them)")
    build.add_argument("--format", metavar="{" + ",".join(RDF_FORMATS) + "}",
                       help="output format when not given by the extension")
    build.add_argument("--base", default=str(KGR), help="base IRI of minted resources")
    build.add_argument("--pkuseg-model", metavar="DIR",
                       help="pkuseg model directory (default: $ZHKG_PKUSEG_MODEL, then CTB8)")
    build.add_argument("--model", metavar="DIR",
                       help="a folder written by kg train: its people model and organization "
                       "judge replace the shipped ones")
    build.add_argument("--disable", action="append", default=[], metavar="SOURCE",
                       help="ignore one rule family's candidates, e.g. zhkg.places:site "
                            "(repeatable; for ablation; kg/data/rule_families.tsv lists them)")
    build.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="worker processes for extraction (0: one per CPU; default 1, "
                            "with --engine dask one per CPU). The output is the same for any N")
    build.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="where extraction runs: local processes (default) or a Dask "
                            "cluster; the output is the same")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler to use with --engine dask (default: a local "
                            "cluster of --jobs workers)")
    build.add_argument("--manifest", metavar="FILE.csv",
                       help="a CSV of file,date,paper,page,section giving the inputs' dates, "
                            "papers and pages, files named from the CSV's folder (default: a "
                            "manifest.csv at the root of a folder given)")
    build.add_argument("--summary", action="store_true", help="print counts after building")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    build.set_defaults(func=_build)
    train = sub.add_parser("train",
                           help="fit the learned PERSON scorer and ORG judge on annotated pages",
                           description="Each GOLD_DIR holds gold files in the guideline's "
                                       "JSON format; TEXTS_DIR the pages they name.")
    train.add_argument("folders", nargs="+", metavar="GOLD_DIR TEXTS_DIR",
                       help="pairs of a folder of gold files and the folder of their pages")
    train.add_argument("-o", "--output", required=True, metavar="MODEL_DIR",
                       help="folder to write people_model.json, org_judge.json and "
                            "program_judge.json into (kg build --model)")
    train.add_argument("--c", type=float, default=1.0,
                       help="inverse regularization strength (default 1.0)")
    train.add_argument("--pkuseg-model", metavar="DIR", help="as for kg build")
    train.add_argument("-q", "--quiet", action="store_true", help="no closing report")
    train.set_defaults(func=_train)
    validate = sub.add_parser("validate", help="check a graph against ontology/shapes.ttl")
    validate.add_argument("graph", metavar="GRAPH",
                          help="a graph file written by kg build (.ttl .nt .nq .trig .jsonld)")
    validate.set_defaults(func=_validate)
    query = sub.add_parser("query", help="run SPARQL on a graph file or a store",
                           description="QUERY is a .rq file, a SPARQL string, or the name of "
                                       "a shipped query (see --list). Common prefixes (kgo, "
                                       "nif, org, prov, skos, rdfs …) are predeclared.")
    query.add_argument("graph", nargs="?", metavar="GRAPH_OR_STORE",
                       help="a graph file, or a store directory of kg build --store")
    query.add_argument("query", nargs="?", metavar="QUERY",
                       help="a .rq file, a SPARQL query, or a shipped query's name")
    query.add_argument("--list", action="store_true",
                       help="list the shipped queries: name, question and parameters with "
                            "their defaults, tab-separated")
    query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="a value for one of the query's parameters, e.g. "
                            "place=呼和浩特市 (repeatable; a name given twice takes both "
                            "values); omitted parameters keep their defaults")
    query.add_argument("--show", metavar="QUERY",
                       help="print QUERY's SPARQL text with the --param values and the "
                            "prefixes it needs, ready for any endpoint (kg serve), instead "
                            "of running it")
    query.add_argument("--format", default="table", choices=("table", "csv", "tsv", "json"),
                       help="result format: table (aligned, the default), csv, tsv or json")
    query.set_defaults(func=_query)
    serve = sub.add_parser(
        "serve", help="serve a store as a read-only SPARQL endpoint on 127.0.0.1",
        description="Runs the Oxigraph server (SPARQL 1.1 Protocol) over a snapshot of "
                    "STORE, on 127.0.0.1 only, with the named graphs as its default graph "
                    "as kg query reads them; its page is a query editor. A build of STORE "
                    "that has finished is served within seconds. Ctrl-C stops it.")
    serve.add_argument("store", metavar="STORE", help="a store directory of kg build --store")
    serve.add_argument("--port", type=int, default=7878,
                       help="the port to listen on (default 7878)")
    serve.add_argument("--cors", action="store_true",
                       help="let pages of other sites query it from the browser (e.g. "
                            "YASGUI at yasgui.triply.cc)")
    serve.set_defaults(func=_serve)
    export = sub.add_parser("export", help="write the entity graph for Gephi (.gexf, "
                                           ".graphml) or as an offline HTML view (.html)")
    export.add_argument("graph", metavar="GRAPH",
                        help="a graph file written by kg build (.ttl .nt .nq .trig .jsonld)")
    export.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="OUT.gexf (GEXF 1.3), OUT.graphml or OUT.html")
    export.add_argument("--format", choices=("gexf", "graphml", "html"),
                        help="gexf, graphml or html, when not given by the extension")
    export.add_argument("-q", "--quiet", action="store_true", help="no closing report")
    export.set_defaults(func=_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the kg command on ``argv`` (default: the process's arguments); the exit status."""
    args = build_parser().parse_args(argv)
    return args.func(args)


def run() -> None:
    """The console entry point: :func:`main`, then an exit that skips freeing the pipeline.

    Freeing the loaded pipeline's millions of objects (1.6M segmenter features, 700k
    divisions) took half a second of every ``kg build``. By the time ``main`` returns,
    every output is closed, renamed into place and the store flushed, so only the
    standard streams and logging need flushing.
    """
    try:
        status = main()
    except BrokenPipeError:
        # The reader of standard output went away (`kg build -o - | head`): it asked for
        # no more, so no message; a file output is not renamed into place, a store is
        # flushed. Later writes to the closed pipe must not raise again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(status)  # coverage and profilers write their data at a normal exit
    logging.shutdown()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader of `-o -` went away; nothing is lost for us
        status = status or 1
    os._exit(status)


if __name__ == "__main__":
    run()
