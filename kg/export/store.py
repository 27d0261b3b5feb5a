"""A persistent pyoxigraph store that a corpus is built into document by document.

Each document owns two named graphs: its own (mentions, sentences, relations)
and ``kgr:graph/entities/<id>`` (the entities it names, as it describes them).
Queries read the union of all graphs. Rebuilding skips a document whose
``kgo:sourceDigest`` (its text, the builder version, the rule families' versions
and the data files) has not changed, and a changed document replaces exactly its
two graphs.

A killed build leaves every document whole or absent: a document's old graphs go in
one transaction and its new graphs, digest and source note come in the next, and a
RocksDB write batch survives a crash whole or not at all. One build writes a store at a
time, and readers do not open it while it is written (RocksDB's read-only mode is
undefined beside a writer): both take ``zhkg.lock`` in the store folder with
``flock``, which the kernel releases when a process dies, so a kill leaves no stale
lock. ``zhkg-store.json`` beside the database says the store's format
(:data:`STORE_FORMAT`). docs/store.md has the reasons.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import quote, unquote, urlparse
from urllib.request import url2pathname

import pyoxigraph

from kg.dates import Publication, publication_of
from kg.export.atomic import try_flock, write_atomically
from kg.graph.builder import GraphBuilder
from kg.graph.namespace import KGO, KGR, PROV
from kg.model import DocumentResult
from kg.rules.families import rules_digest

STORE_FORMAT = 2
"""The layout this zhkg writes. 1: a document's two named graphs with its
``kgo:sourceDigest`` and ``prov:hadPrimarySource``, no marker (zhkg 0.1.0 until the
marker came); 2: the same with ``zhkg-store.json`` and ``zhkg.lock`` in the folder, so a
build adopts a store of format 1 by adding the marker. Raise it when a store written
before could be misread or misupdated: stores of other formats are then refused for
writing, and newer ones for reading too."""

MARKER = "zhkg-store.json"
LOCK = "zhkg.lock"
READER_WAIT = 5.0
"""Seconds a build waits for readers (``kg query``, ``kg serve``) to let go of a store."""

_SOURCE_DIGEST = pyoxigraph.NamedNode(str(KGO.sourceDigest))
# The input file a stored document was read from, so that a later build can tell that
# it is gone (the -o outputs do not say where a page was read from).
_SOURCE_FILE = pyoxigraph.NamedNode(str(PROV.hadPrimarySource))


class StoreError(Exception):
    """A store that cannot be opened or must not be written; the message names the folder."""


class StoreBusy(StoreError):
    """Another process holds the store: a build writing it, or readers a build must wait for."""


class StoreFormatError(StoreError):
    """A store of a format this zhkg does not read (newer) or write (any other)."""


def _ours(name: str) -> bool:
    """Whether a file name is one zhkg puts beside the database (the marker's temporary
    copy included: a kill while it is written leaves one)."""
    return name in (MARKER, LOCK) or (name.startswith(f".{MARKER}.") and name.endswith(".tmp"))


def _has_database(path: Path) -> bool:
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder holding a zhkg store, of any format."""
    path = Path(path)
    return path.is_dir() and ((path / MARKER).is_file() or _has_database(path))


def store_format(path: str | Path) -> int | None:
    """The format of the store in ``path``: its marker's, 1 for a database without one
    (written before formats were marked), None when ``path`` holds no store."""
    path = Path(path)
    if not (path / MARKER).is_file():
        return 1 if path.is_dir() and _has_database(path) else None
    found = _marker(path).get("format")
    if not isinstance(found, int) or isinstance(found, bool):
        raise StoreError(f"{path}: {MARKER} gives no format number; rebuild into a new folder")
    return found


def _marker(path: Path) -> dict:
    """The marker's fields; {} when there is none."""
    try:
        fields = json.loads((path / MARKER).read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as err:
        raise StoreError(f"{path}: unreadable {MARKER} ({type(err).__name__}: {err}); "
                         "rebuild into a new folder") from None
    if not isinstance(fields, dict):
        raise StoreError(f"{path}: {MARKER} gives no format number; rebuild into a new folder")
    return fields


def _refuse_format(path: Path, found: int, *, writing: bool) -> StoreFormatError:
    """The error for a store of format ``found`` that this zhkg must not write (or read)."""
    zhkg = f"this zhkg ({builder_version()})"
    if found > STORE_FORMAT:
        can = "can write" if writing else "can read"
        return StoreFormatError(f"{path}: store format {found}, newer than {zhkg} {can} "
                                f"(format {STORE_FORMAT}); upgrade zhkg, or build into a new "
                                "folder with this one")
    return StoreFormatError(f"{path}: store format {found}; {zhkg} writes format "
                            f"{STORE_FORMAT}: build into a new folder (kg build PATH... --store "
                            "NEW_DIR); kg query still reads this one")


# -- the lock: one writer, or any number of readers --------------------------------------
def _writer(path: Path) -> str:
    """' (process N)' for the build that holds the lock, as it wrote itself in."""
    try:
        pid = (path / LOCK).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def is_locked(path: str | Path) -> bool:
    """Whether a ``kg build`` is writing the store in ``path`` now (readers do not count)."""
    try:
        fd = os.open(Path(path) / LOCK, os.O_RDONLY)
    except OSError:  # no lock file: no build of this format ever wrote here
        return False
    try:
        return not try_flock(fd, fcntl.LOCK_SH)
    finally:
        os.close(fd)


def _lock_for_writing(path: Path, wait: float) -> int:
    """The lock file's descriptor, holding the exclusive lock: at once against another
    build, after at most ``wait`` seconds against readers."""
    fd = os.open(path / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    deadline = time.monotonic() + wait
    while not try_flock(fd, fcntl.LOCK_EX):
        if is_locked(path):
            os.close(fd)
            raise StoreBusy(f"{path}: another kg build is writing this store{_writer(path)}; "
                            "build again when it has finished")
        if time.monotonic() >= deadline:
            os.close(fd)
            raise StoreBusy(f"{path}: the store is being read (kg query or kg serve) and "
                            f"was not let go within {wait:g} s; build again when they have "
                            "finished")
        time.sleep(0.05)
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return fd


@contextmanager
def read_lock(path: str | Path) -> Iterator[int]:
    """Keep builds out of the store in ``path`` for the block; yields its format.

    Raises :class:`StoreBusy` while a build writes it (at once, without waiting), and
    :class:`StoreFormatError` for a format newer than this zhkg reads. A build that
    starts during the block waits up to :data:`READER_WAIT` seconds, then is refused.
    """
    path = Path(path)
    if not is_store(path):
        raise StoreError(f"{path}: no zhkg store here")
    try:
        fd: int | None = os.open(path / LOCK, os.O_RDONLY | os.O_CREAT, 0o666)
    except OSError:  # a folder we may not write to: no build can write there either
        fd = None
    try:
        if fd is not None and not try_flock(fd, fcntl.LOCK_SH):
            raise StoreBusy(f"{path}: a kg build is writing this store{_writer(path)}; "
                            "query it when the build has finished")
        found = store_format(path)
        if found is None:
            raise StoreError(f"{path}: no zhkg store here")
        if found > STORE_FORMAT:
            raise _refuse_format(path, found, writing=False)
        yield found
    finally:
        if fd is not None:
            os.close(fd)


@contextmanager
def open_read_only(path: str | Path) -> Iterator[pyoxigraph.Store]:
    """The store in ``path``, read-only, under :func:`read_lock` for the block.

    Query it inside the block: the lock goes with the block, whether or not the
    caller still holds the store object.
    """
    with read_lock(path):
        if _marker(Path(path)).get("creating"):
            # A build stopped while it created the database: no document in it yet.
            yield pyoxigraph.Store()
            return
        try:
            store = pyoxigraph.Store.read_only(str(path))
        except (OSError, RuntimeError) as err:
            raise StoreError(f"{path}: cannot open the store ({err})") from None
        yield store


def builder_version() -> str:
    try:
        return version("zhkg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def source_digest(text: str, rules: str | None = None,
                  publication: Publication | None = None) -> str:
    """The digest that says whether a document must be read again: its text, its
    publication (date, paper, page: :mod:`kg.dates`) and what reads it (``rules``:
    :func:`kg.rules.families.rules_digest`, computed when not given)."""
    rules = rules if rules is not None else rules_digest()
    # Only a known publication is digested: the stored digests of undated documents hold.
    stated = f"{publication.key}\n" if publication else ""
    payload = f"zhkg {builder_version()}\n{rules}\n{stated}{text}".encode()
    return "sha256:" + hashlib.sha256(payload).hexdigest()


class GraphStore:
    """A corpus in a pyoxigraph store on disk, one pair of named graphs per document.

    It holds the store's lock from opening to :meth:`close` (or the end of the process):
    a second build is refused at once with :class:`StoreBusy`, readers are waited for
    up to ``wait`` seconds. A store of another format is refused with
    :class:`StoreFormatError`.
    """

    def __init__(self, path: str | Path, base: str = str(KGR), *,
                 model_digest: str = "", wait: float | None = None) -> None:
        self.path = Path(path)
        self.base = base
        self._check_folder()
        self.path.mkdir(parents=True, exist_ok=True)
        self._lock: int | None = _lock_for_writing(
            self.path, READER_WAIT if wait is None else wait)
        try:
            self.store = self._open()
        except BaseException:
            self.close()
            raise
        self.flush_every = 8
        self._pending = 0
        # What the rules are now, and the digest of a people model given in place of
        # the shipped one, once per build: documents stored under others are read again.
        self.rules = rules_digest() + model_digest

    def _check_folder(self) -> None:
        """Refuse, before writing anything, a folder that is no store of this format."""
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a directory, so not a store")
        if not self.path.is_dir():
            return
        found = store_format(self.path)
        if found is None and not all(_ours(p.name) for p in self.path.iterdir()):
            # RocksDB would write its files among the user's own.
            raise StoreError(f"{self.path}: not a zhkg store and not empty; give a new or "
                             "empty folder for --store")
        if found not in (None, 1, STORE_FORMAT):
            raise _refuse_format(self.path, found, writing=True)

    def _open(self) -> pyoxigraph.Store:
        """The database, under the lock. A new store's marker is written before it, saying
        that it is being created until it is whole (RocksDB makes its column families one
        by one); an adopted store's marker is written once it is seen to hold zhkg's
        documents."""
        found = store_format(self.path)  # again: another build may have made it meanwhile
        if found is None:
            self._mark(creating=True)
        elif found not in (1, STORE_FORMAT):
            raise _refuse_format(self.path, found, writing=True)
        try:
            store = pyoxigraph.Store(str(self.path))
        except (OSError, RuntimeError) as err:
            if "lock" in str(err).lower():  # RocksDB's own LOCK: a writer without ours
                raise StoreBusy(f"{self.path}: another program has this store open for "
                                "writing; build again when it has finished") from None
            raise StoreError(f"{self.path}: cannot open the store ({err})") from None
        if found == 1 and next(store.quads_for_pattern(None, _SOURCE_DIGEST, None), None) \
                is None and next(store.quads_for_pattern(None, None, None), None) is not None:
            raise StoreError(f"{self.path}: an RDF store without zhkg documents; give a new "
                             "or empty folder for --store")
        if found == 1 or _marker(self.path).get("creating"):
            self._mark()
        return store

    def _mark(self, *, creating: bool = False) -> None:
        fields: dict[str, object] = {
            "format": STORE_FORMAT,
            "marked_by": f"zhkg {builder_version()}, pyoxigraph {pyoxigraph.__version__}"}
        if creating:
            fields["creating"] = True
        marker = json.dumps(fields, sort_keys=True) + "\n"
        write_atomically(self.path / MARKER, lambda fh: fh.write(marker.encode()))

    def close(self) -> None:
        """Close the database, then let other builds and readers in."""
        if getattr(self, "_lock", None) is None:
            return
        self.__dict__.pop("store", None)  # RocksDB closes with its last reference
        os.close(self._lock)
        self._lock = None

    __del__ = close

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _doc(self, identifier: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(self.base + "doc/" + quote(identifier, safe=""))

    def _entities_graph(self, identifier: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(self.base + "graph/entities/" + quote(identifier, safe=""))

    def digest(self, identifier: str) -> str | None:
        """The stored digest of a document, or None when it is not in the store."""
        doc = self._doc(identifier)
        found = self.store.quads_for_pattern(doc, _SOURCE_DIGEST, None, doc)
        return next((q.object.value for q in found), None)

    def is_current(self, identifier: str, text: str,
                   publication: Publication | None = None) -> bool:
        return self.digest(identifier) == source_digest(text, self.rules, publication)

    def replace(self, result: DocumentResult, source: Path | None = None) -> int:
        """Put one document's graphs in place of its old ones, noting the file it was read
        from (``source``); the number of quads written.

        Two transactions: the old graphs go, then the new ones come with the digest and
        the source note. A kill between them leaves the document absent, and its missing
        digest has the next build read it again.
        """
        builder = GraphBuilder(self.base)
        doc = self._doc(result.identifier)
        entities = self._entities_graph(result.identifier)
        own, shared = builder.add(result)
        quads = own + shared + builder.entity_quads(entities)
        digest = pyoxigraph.Literal(source_digest(result.text, self.rules,
                                                   publication_of(result)))
        quads.append(pyoxigraph.Quad(doc, _SOURCE_DIGEST, digest, doc))
        if source is not None:
            quads.append(pyoxigraph.Quad(doc, _SOURCE_FILE, _file(source), doc))
        self._remove(result.identifier)
        self.store.extend(quads)
        self._pending += 1
        if self._pending >= self.flush_every:
            # RocksDB keeps writes in memory tables until flushed: without this,
            # memory grows with the corpus.
            self.flush()
        return len(quads)

    def note_source(self, identifier: str, source: Path) -> None:
        """Note the file a document is read from; an unchanged document found at a new
        path is noted there, so that its old path being gone makes it no orphan."""
        doc = self._doc(identifier)
        file = _file(source)
        old = [q.object for q in self.store.quads_for_pattern(doc, _SOURCE_FILE, None, doc)]
        if old == [file]:
            return
        # One update, so that a kill cannot leave the document without a source.
        self.store.update(f"DELETE WHERE {{ GRAPH {doc} {{ {doc} {_SOURCE_FILE} ?file }} }} ;"
                          f" INSERT DATA {{ GRAPH {doc} {{ {doc} {_SOURCE_FILE} {file} }} }}")

    def _remove(self, identifier: str) -> None:
        graphs = [self._doc(identifier), self._entities_graph(identifier)]
        if any(self.store.contains_named_graph(g) for g in graphs):
            # One update is one transaction: never one graph of a document without the
            # other (Store.remove_graph would commit each on its own).
            self.store.update(" ; ".join(f"DROP SILENT GRAPH {g}" for g in graphs))

    def orphans(self, planned: dict[Path, set[str]] | None = None) -> list[tuple[str, Path]]:
        """The stored documents whose source file is gone, as (identifier, file), sorted;
        with ``planned`` (this build's input files, resolved, and the identifiers of their
        documents) also those of an input file that no longer gives them: a file now split
        into parts (stem#p0001 …) or into fewer parts than before.

        Documents stored before sources were noted cannot be judged and are left out.
        """
        prefix = self.base + "doc/"
        planned = planned or {}
        out = []
        for quad in self.store.quads_for_pattern(None, _SOURCE_FILE, None, None):
            doc, file = quad.subject, quad.object
            if quad.graph_name != doc or not doc.value.startswith(prefix):
                continue
            path = Path(url2pathname(urlparse(file.value).path))
            identifier = unquote(doc.value[len(prefix):])
            if not path.exists() or identifier not in planned.get(path.resolve(), {identifier}):
                out.append((identifier, path))
        return sorted(out)

    def prune(self, identifiers: list[str]) -> None:
        """Remove these documents' graphs."""
        for identifier in identifiers:
            self._remove(identifier)
        self.flush()

    def flush(self) -> None:
        self.store.flush()
        self._pending = 0


def _file(source: Path) -> pyoxigraph.NamedNode:
    return pyoxigraph.NamedNode(Path(source).resolve().as_uri())
