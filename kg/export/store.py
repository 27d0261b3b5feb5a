"""A persistent pyoxigraph store that a corpus is built into document by document.

Each document owns two named graphs: its own (mentions, sentences, relations)
and ``kgr:graph/entities/<id>`` (the entities it names, as it describes them).
Queries read the union of all graphs. Rebuilding skips a document whose
``kgo:sourceDigest`` (its text, the builder version, the rule families' versions
and the data files) has not changed, and a changed document replaces exactly its
two graphs.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import quote, unquote, urlparse
from urllib.request import url2pathname

import pyoxigraph

from kg.graph.builder import GraphBuilder
from kg.graph.namespace import KGO, KGR, PROV
from kg.model import DocumentResult
from kg.rules.families import rules_digest

_SOURCE_DIGEST = pyoxigraph.NamedNode(str(KGO.sourceDigest))
# The input file a stored document was read from, so that a later build can tell that
# it is gone (the -o outputs do not say where a page was read from).
_SOURCE_FILE = pyoxigraph.NamedNode(str(PROV.hadPrimarySource))


class StoreError(Exception):
    """A store that cannot be opened or must not be written; the message names the folder."""


def is_store(path: str | Path) -> bool:
    """Whether ``path`` is a folder holding a pyoxigraph (RocksDB) store."""
    path = Path(path)
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def builder_version() -> str:
    try:
        return version("zhkg")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def source_digest(text: str, rules: str | None = None) -> str:
    """The digest that says whether a document must be read again: its text and what
    reads it (``rules``: :func:`kg.rules.families.rules_digest`, computed when not given)."""
    rules = rules if rules is not None else rules_digest()
    payload = f"zhkg {builder_version()}\n{rules}\n{text}".encode()
    return "sha256:" + hashlib.sha256(payload).hexdigest()


class GraphStore:
    """A corpus in a pyoxigraph store on disk, one pair of named graphs per document."""

    def __init__(self, path: str | Path, base: str = str(KGR), *,
                 model_digest: str = "") -> None:
        self.path = Path(path)
        self.base = base
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path}: not a directory, so not a store")
        if self.path.is_dir() and not is_store(self.path) and any(self.path.iterdir()):
            # RocksDB would write its files among the user's own.
            raise StoreError(f"{self.path}: not a zhkg store and not empty; give a new or "
                             "empty folder for --store")
        try:
            self.store = pyoxigraph.Store(str(self.path))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot open the store ({err})") from None
        self.flush_every = 8
        self._pending = 0
        # What the rules are now, and the digest of a people model given in place of
        # the shipped one, once per build: documents stored under others are read again.
        self.rules = rules_digest() + model_digest

    def _doc(self, identifier: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(self.base + "doc/" + quote(identifier, safe=""))

    def _entities_graph(self, identifier: str) -> pyoxigraph.NamedNode:
        return pyoxigraph.NamedNode(self.base + "graph/entities/" + quote(identifier, safe=""))

    def digest(self, identifier: str) -> str | None:
        """The stored digest of a document, or None when it is not in the store."""
        doc = self._doc(identifier)
        found = self.store.quads_for_pattern(doc, _SOURCE_DIGEST, None, doc)
        return next((q.object.value for q in found), None)

    def is_current(self, identifier: str, text: str) -> bool:
        return self.digest(identifier) == source_digest(text, self.rules)

    def replace(self, result: DocumentResult, source: Path | None = None) -> int:
        """Put one document's graphs in place of its old ones, noting the file it was read
        from (``source``); the number of quads written."""
        builder = GraphBuilder(self.base)
        doc = self._doc(result.identifier)
        entities = self._entities_graph(result.identifier)
        own, shared = builder.add(result)
        quads = own + shared + builder.entity_quads(entities)
        digest = pyoxigraph.Literal(source_digest(result.text, self.rules))
        quads.append(pyoxigraph.Quad(doc, _SOURCE_DIGEST, digest, doc))
        self._remove(result.identifier)
        self.store.extend(quads)
        if source is not None:
            self.note_source(result.identifier, source)
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
        file = pyoxigraph.NamedNode(Path(source).resolve().as_uri())
        old = list(self.store.quads_for_pattern(doc, _SOURCE_FILE, None, doc))
        if [q.object for q in old] == [file]:
            return
        for quad in old:
            self.store.remove(quad)
        self.store.add(pyoxigraph.Quad(doc, _SOURCE_FILE, file, doc))

    def _remove(self, identifier: str) -> None:
        for graph in (self._doc(identifier), self._entities_graph(identifier)):
            if self.store.contains_named_graph(graph):
                self.store.remove_graph(graph)

    def orphans(self) -> list[tuple[str, Path]]:
        """The stored documents whose source file is gone, as (identifier, file), sorted.

        Documents stored before sources were noted cannot be judged and are left out.
        """
        prefix = self.base + "doc/"
        out = []
        for quad in self.store.quads_for_pattern(None, _SOURCE_FILE, None, None):
            doc, file = quad.subject, quad.object
            if quad.graph_name != doc or not doc.value.startswith(prefix):
                continue
            path = Path(url2pathname(urlparse(file.value).path))
            if not path.exists():
                out.append((unquote(doc.value[len(prefix):]), path))
        return sorted(out)

    def prune(self, identifiers: list[str]) -> None:
        """Remove these documents' graphs."""
        for identifier in identifiers:
            self._remove(identifier)
        self.flush()

    def flush(self) -> None:
        self.store.flush()
        self._pending = 0
