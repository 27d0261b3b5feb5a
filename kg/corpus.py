"""A corpus build: plan the inputs, extract each document (map), merge and write (reduce).

The map step, :func:`extract`, is a pure function of one input file and the
pipeline settings; it runs in this process or in worker processes
(``--jobs``). Results are merged in the order of the plan, which depends only
on the input files, never on the order of the command line or on which worker
finished first, so every build of the same files gives the same bytes.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.dates import (
    ManifestRow,
    Publication,
    from_manifest,
    own_publication,
    read_manifest,
    unused_rows,
    with_publication,
)
from kg.export.rdf import Rendered, render
from kg.inputs import InputDocument, InputError, discover, read_document, read_text
from kg.model import DocumentResult
from kg.text import segments

# A manifest of this name at the root of a folder given to build is read without --manifest.
MANIFEST_NAME = "manifest.csv"


# A file longer than this (in characters) becomes several documents: one nif:isString
# of 1,000,000 characters is at most 4 MB of UTF-8, a quarter of the 16 MiB that
# pyoxigraph's parsers take in one literal, and rdflib's N-Quads parser, quadratic in a
# literal's length, reads it in seconds; no page, nor any file of the real corpus (the
# longest has 23,000), comes near it, so their output stays as it was.
MAX_DOCUMENT_CHARS = 1_000_000
# The parts of a longer file: at most this many characters, cut between articles
# (kg.text.segments), which is what the extractor reads in one pass anyway.
PART_CHARS = 200_000


@dataclass(frozen=True)
class Part:
    """Which characters of its file's text a document holds: part ``number`` of
    ``count``, ``text[start:end]`` of a text of ``length`` characters."""

    number: int
    count: int
    start: int
    end: int
    length: int


@dataclass(frozen=True)
class Task:
    """One input file, or one part of a file too long to be one document, the identifier
    its document gets, its manifest row if any, and warnings about the plan said with it
    (a manifest's, with the plan's first task)."""

    path: Path
    identifier: str
    row: ManifestRow | None = None
    notes: tuple[str, ...] = ()
    part: Part | None = None

    @property
    def name(self) -> str:
        """The file, and which part of it, as messages name the task."""
        if self.part is None:
            return str(self.path)
        return f"{self.path} (part {self.part.number} of {self.part.count}, " \
               f"{self.identifier})"

    @property
    def manifest_warnings(self) -> tuple[str, ...]:
        """What to say of the manifest with this task, read or skipped: the plan's notes,
        then what is wrong in the task's row."""
        return self.notes + (self.row.warnings if self.row is not None else ())


@dataclass
class Outcome:
    """What the map step made of one task."""

    task: Task
    result: DocumentResult | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    rendered: Rendered | None = None


@dataclass(frozen=True)
class Settings:
    """How the pipeline is built, and what the map step hands back; the same in
    every worker."""

    pkuseg_model: str | None = None
    disabled_sources: tuple[str, ...] = ()
    # (format, base IRI): also serialize each document where it is extracted, so
    # that the writer only appends bytes (N-Triples, N-Quads).
    render: tuple[str, str] | None = None
    # A folder of kg train whose models replace the shipped ones.
    model: str | None = None

    @property
    def pipeline(self) -> tuple[str | None, tuple[str, ...], str | None]:
        return self.pkuseg_model, self.disabled_sources, self.model


def plan(paths: Iterable[str], manifest: str | Path | None = None
         ) -> tuple[list[Task], list[str]]:
    """The input files in a fixed order with unique identifiers, and the errors met.

    The identifier is the file name without extension; a name met again in
    another folder gets ``-2``, ``-3`` … in path order. A file of more than
    :data:`MAX_DOCUMENT_CHARS` characters is one task per part (:func:`parts`), its
    identifier followed by ``#p0001``, ``#p0002`` …. Each task gets its row of
    ``manifest`` (a CSV of ``file,date,paper,page,section``), or, when none is given, of
    a ``manifest.csv`` at the root of a folder in ``paths``; a file's row applies to all
    its parts. A manifest that cannot be read is an error; what is wrong in one is said
    with the tasks (:func:`kg.dates.read_manifest`).
    """
    paths = list(paths)
    tasks: list[Task] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for item in discover(paths):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        stem = item.stem
        seen[stem] = seen.get(stem, 0) + 1
        identifier = stem if seen[stem] == 1 else f"{stem}-{seen[stem]}"
        tasks += parts(Task(item, identifier))
    manifests = [Path(manifest)] if manifest is not None else _found_manifests(paths)
    if tasks and manifests:
        tasks = _with_manifests(tasks, manifests, errors)
    return tasks, errors


def parts(task: Task) -> list[Task]:
    """``task``, or the tasks of its parts when its file's text is longer than
    :data:`MAX_DOCUMENT_CHARS`: spans of at most :data:`PART_CHARS` characters cut
    between articles, numbered from 1 in the order of the text.

    The part's number is in its identifier, as ``stem#p0001`` (a document IRI quotes
    the ``#``), so a part's identifier starts with its file's name and the same file
    gives the same parts in every run. A file that cannot be read stays one task, for
    the map step to report.
    """
    try:
        # A character takes a byte at least: a smaller file cannot be too long.
        if task.path.stat().st_size <= MAX_DOCUMENT_CHARS:
            return [task]
        document = _read_whole(task.path)
    except (OSError, InputError):
        return [task]
    length = len(document.text)
    if length <= MAX_DOCUMENT_CHARS:
        return [task]
    spans = segments(document.analysis_text, PART_CHARS)
    return [replace(task, identifier=f"{task.identifier}#p{number:04d}",
                    part=Part(number, len(spans), start, end, length))
            for number, (start, end) in enumerate(spans, 1)]


def _found_manifests(paths: list[str]) -> list[Path]:
    """The ``manifest.csv`` files at the roots of the folders given, in path order.

    Only at the root: a manifest names its files relative to its own folder, and a
    build of a folder means that folder's manifest, not those of folders below it.
    """
    roots = sorted({Path(p) for p in paths if Path(p).is_dir()}, key=str)
    return [root / MANIFEST_NAME for root in roots if (root / MANIFEST_NAME).is_file()]


def _with_manifests(tasks: list[Task], manifests: list[Path], errors: list[str]) -> list[Task]:
    """``tasks`` with their manifest rows (the first manifest naming a file wins) and the
    manifests' own warnings on the first task."""
    keys = [task.path.resolve() for task in tasks]
    rows: dict[int, ManifestRow] = {}
    notes: list[str] = []
    for manifest in manifests:
        try:
            text = read_text(manifest)
        except InputError as err:
            errors.append(f"{err} (the manifest)")
            continue
        found, warnings = read_manifest(manifest, text)
        notes += warnings
        for i, key in enumerate(keys):
            if key in found and i not in rows:
                rows[i] = found[key]
        notes += unused_rows(found, set(keys), manifest)
    tasks = [replace(task, row=rows.get(i)) for i, task in enumerate(tasks)]
    if notes:
        tasks[0] = replace(tasks[0], notes=tuple(notes))
    return tasks


class SettingsError(Exception):
    """The pipeline cannot be loaded with these settings: a fault of the build, not of
    any one document, so it ends the build instead of failing every input in turn."""


_extractor = None
_settings: Settings | None = None


def extractor_for(settings: Settings):
    """This process's extractor for ``settings``, loaded on first use; raises
    :class:`SettingsError` when it cannot be loaded."""
    global _extractor, _settings
    if _extractor is None or _settings is None or _settings.pipeline != settings.pipeline:
        from kg.extract import Extractor

        # Loading makes millions of objects the cycle collector would walk again and
        # again, as it loads (0.4 s of start-up) and at every full collection later;
        # they live as long as the process, so they go to the permanent generation.
        enabled = gc.isenabled()
        gc.disable()
        try:
            _extractor = Extractor(pkuseg_model=settings.pkuseg_model,
                                   disabled_sources=list(settings.disabled_sources),
                                   model=settings.model)
        except Exception as err:
            from kg.pipeline.segmenter import MODEL_ENV

            pkuseg = (("--pkuseg-model", settings.pkuseg_model) if settings.pkuseg_model
                      else (MODEL_ENV, os.environ.get(MODEL_ENV)))
            given = [f"{name} {value}" for name, value in
                     (pkuseg, ("--model", settings.model)) if value]
            with_ = f" with {' and '.join(given)}" if given else ""
            raise SettingsError(f"the pipeline cannot be loaded{with_}: {_one_line(err)}") \
                from err
        finally:
            gc.freeze()
            if enabled:
                gc.enable()
        _settings = settings
    return _extractor


def extract_text(identifier: str, text: str, analysis_text: str | None = None,
                 settings: Settings = Settings()) -> DocumentResult:
    """The map step: one document's mentions, entities and relations.

    A pure function of its arguments and the pipeline ``settings``; the pipeline
    is loaded once per process.
    """
    return extractor_for(settings)(identifier, text, analysis_text)


def map_document(identifier: str, text: str, analysis_text: str | None,
                 settings: Settings, publication: Publication | None = None
                 ) -> tuple[DocumentResult, Rendered | None]:
    """:func:`extract_text`, carrying the document's ``publication``, and the document
    serialized when ``settings.render`` asks."""
    result = extract_text(identifier, text, analysis_text, settings)
    if publication:
        result = with_publication(result, publication)
    rendered = render(result, *settings.render) if settings.render else None
    return result, rendered


def read_task(task: Task) -> tuple[InputDocument, list[str]]:
    """The task's document, its publication completed by the manifest row, and the
    warnings it earns (the plan's notes first); raises :class:`InputError`."""
    document = read_document(task.path) if task.part is None else _read_part(task)
    warnings = list(task.manifest_warnings)
    if task.row is not None:
        document = replace(document,
                           publication=from_manifest(task.row, document.publication))
    warnings += document.warnings
    if not document.text.strip():
        warnings.append(f"{task.path}: empty file")
    return document, warnings


def _read_part(task: Task) -> InputDocument:
    """The document of a part: its characters of the file, the publication its own
    text states (a page's edition line), else the file name's; what was wrong in
    reading the file is said with the first part."""
    part = task.part
    assert part is not None
    whole = _read_whole(task.path)
    if len(whole.text) != part.length:
        raise InputError(f"{task.path}: changed while it was being built "
                         f"({len(whole.text)} characters, {part.length} when planned)")
    text = whole.text[part.start:part.end]
    publication, notes = own_publication(task.path, text)
    warnings = whole.warnings if part.number == 1 else ()
    return replace(whole, identifier=task.identifier, text=text,
                   analysis_text=whole.analysis_text[part.start:part.end],
                   warnings=warnings + tuple(notes), publication=publication)


# The long file whose parts are being read: planned, then read part by part here, in
# the workers forked after the plan (which share it) and in spawned ones (once each).
_whole: tuple[tuple[str, int, int], InputDocument] | None = None


def _read_whole(path: Path) -> InputDocument:
    """The whole document of a long file, read once per process while its parts are
    read; raises :class:`InputError`."""
    global _whole
    try:
        st = path.stat()
    except OSError:
        return read_document(path)  # which says why
    key = (str(path), st.st_size, st.st_mtime_ns)
    if _whole is None or _whole[0] != key:
        _whole = None  # the previous file's text goes before the next one's is read
        _whole = (key, read_document(path))
    return _whole[1]


def extraction_failed(task: Task, err: Exception) -> Outcome:
    """The outcome of a document whose extraction raised: one bad document must not
    cost the others."""
    return Outcome(task, error=f"{task.name}: extraction failed: {err!r}")


def extract(task: Task, settings: Settings = Settings()) -> Outcome:
    """Read and extract one file; failures become the outcome's error, never an exception."""
    try:
        document, warnings = read_task(task)
    except InputError as err:
        return Outcome(task, error=str(err))
    try:
        result, rendered = map_document(task.identifier, document.text,
                                        document.analysis_text, settings,
                                        document.publication)
    except SettingsError:
        raise
    except Exception as err:
        return extraction_failed(task, err)
    return Outcome(task, result=result, warnings=warnings, rendered=rendered)


def _init_worker(settings: Settings) -> None:
    # A failing initializer is restarted forever; the first task reports the error.
    with contextlib.suppress(SettingsError):
        extractor_for(settings)


def _one_line(err: BaseException) -> str:
    """An exception's message on one line (parsers' messages span several)."""
    return " ".join(str(err).split()) or type(err).__name__


def _extract_in_worker(args: tuple[Task, Settings]) -> Outcome:
    return extract(*args)


def run(tasks: list[Task], settings: Settings = Settings(), jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` in their order, from ``jobs`` processes."""
    if jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield extract(task, settings)
        return
    context = _pool_context()
    if context.get_start_method() == "fork":
        # Load once here: forked workers share the pipeline's pages instead of
        # each spending seconds loading their own copy.
        extractor_for(settings)
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_extract_in_worker, ((t, settings) for t in tasks), chunksize=1)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork is cheap and shares the loaded pipeline; macOS and Windows need spawn.
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
