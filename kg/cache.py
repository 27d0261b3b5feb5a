"""The user cache: converted models and the compiled gazetteer."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, overload

import platformdirs

CACHE_ENV = "ZHKG_CACHE_DIR"
T = TypeVar("T")


def cache_dir() -> Path:
    """``ZHKG_CACHE_DIR`` or the platform's user cache directory for zhkg."""
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("zhkg"))


def read_pickle(path: Path) -> Any | None:
    """The object pickled at ``path``, or None when absent or unreadable; a file that is
    there but cannot be read (truncated, damaged, written by other code) is reported in
    one line, for the caller to rebuild."""
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            ValueError, IndexError, TypeError, MemoryError) as err:
        print(f"zhkg: {path}: cache file cannot be read ({type(err).__name__}); rebuilding it",
              file=sys.stderr)
        return None


def write_pickle(path: Path, obj: Any) -> None:
    """Pickle ``obj`` to ``path`` atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass


def cached_data(name: str, sources: list[Path], build: Callable[[], T], version: int = 1) -> T:
    """``build()``, pickled in the user cache until one of ``sources`` changes.

    For data parsed from files in other packages (the divisions, jieba's
    349k-word lexicon, jionlp's IDF, the pkuseg model): unpickling takes a
    fraction of parsing. ``version`` is bumped when the parsing changes.
    """
    stamp = "-".join(f"{p.resolve()}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sources)
    digest = hashlib.sha1(f"{version}:{stamp}".encode()).hexdigest()[:12]
    path = cache_dir() / "tables" / f"{name}-{digest}.pickle"
    found = read_pickle(path)
    if found is not None:
        with contextlib.suppress(OSError):
            os.utime(path)  # in use: the last to be removed
        return found
    value = build()
    write_pickle(path, value)
    if path.exists():
        # Each upgrade or changed source leaves a table of up to 100 MB behind; the one
        # used last before this is kept, so that two checkouts or versions of zhkg on one
        # machine (whose sources differ by path) do not rebuild each other's tables.
        others = sorted((p for p in path.parent.glob(f"{name}-{'[0-9a-f]' * 12}.pickle")
                         if p != path), key=_mtime, reverse=True)
        for stale in others[_KEPT_OTHERS:]:
            stale.unlink(missing_ok=True)
    return value


# Tables of other sources kept beside the current one, per name.
_KEPT_OTHERS = 1


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


# Strings are packed with a separator no packed string may contain.
_SEPARATOR = "\n"


def pack_strings(strings: Collection[str]) -> tuple[int, bytes] | None:
    """``strings`` as their number and one UTF-8 blob, to unpickle as a column.

    A list of a million short strings unpickles in about half the time when it is one
    blob cut by ``str.split``, which makes every string in one C loop. None when a
    string holds the separator.
    """
    if any(_SEPARATOR in s for s in strings):
        return None
    return len(strings), _SEPARATOR.join(strings).encode("utf-8")


def unpack_strings(packed: tuple[int, bytes]) -> list[str]:
    """The strings given to :func:`pack_strings`, in their order."""
    count, blob = packed
    return blob.decode("utf-8").split(_SEPARATOR) if count else []


class StringColumn(Sequence[str]):
    """A read-only list of strings kept as one text and end offsets.

    Unpickling makes two objects, not one per string: the gazetteer's 700k keys
    load in milliseconds and take a third of the memory. Indexing cuts a string out.
    """

    __slots__ = ("_ends", "_text")

    def __init__(self, strings: Iterable[str] = ()) -> None:
        parts = list(strings)
        ends = array("q")
        pos = 0
        for part in parts:
            pos += len(part)
            ends.append(pos)
        self._text = "".join(parts)
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self._ends)))]
        if index < 0:
            index += len(self._ends)
        end = self._ends[index]  # IndexError past the end
        return self._text[self._ends[index - 1] if index else 0:end]
