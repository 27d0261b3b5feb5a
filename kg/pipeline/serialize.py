"""Saving and loading zhkg's recognizers with the pipeline (``nlp.to_disk``, ``spacy.load``).

A component saves two files into its directory:

- ``cfg.json``: its settings, the attributes its factory's config sets;
- ``data.json``: each file of ``kg/data`` its rules read, as they read it (a ``.txt``'s
  words, a ``.tsv``'s rows of fields; comments dropped), by file name.

Loading applies the settings, and checks the word lists: the rules read ``kg/data``
through the caches of :mod:`kg.rules.lexicon`, which every component, the linker and
the relation rules of the process share, so a saved list cannot stand in for the
installed one in a single component. A pipeline whose lists differ from the installed
package data would then give other entities than when it was saved, without a sign;
:meth:`SerializableComponent.from_disk` refuses it with a :class:`SavedDataError`
that names the file instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import srsly

from kg.rules.lexicon import word_list

CFG_FILE = "cfg.json"
DATA_FILE = "data.json"
# The file of each field that ``exclude`` may name.
_FILES = {"cfg": CFG_FILE, "data": DATA_FILE}
# Shown of a list's differences in an error.
_SHOWN = 5

C = TypeVar("C", bound="SerializableComponent")


class SavedDataError(ValueError):
    """A saved component's word list differs from the installed package data."""


def data_content(name: str) -> list[Any]:
    """``kg/data/<name>`` as the rules read it: a ``.tsv``'s rows of fields, another
    file's lines, comments and blank lines dropped."""
    lines = word_list(name)
    if name.endswith(".tsv"):
        return [[field.strip() for field in line.split("\t")] for line in lines]
    return list(lines)


def _plain(value: Any) -> Any:
    """A setting as JSON and msgpack keep it: sets sorted, tuples as lists."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


class SerializableComponent:
    """``to_disk``/``from_disk`` and ``to_bytes``/``from_bytes`` for a zhkg component.

    A component declares ``settings``, the names of the attributes its factory's
    config sets, each also a keyword argument of its ``__init__(nlp, name, **settings)``;
    and ``data_files``, the names of the ``kg/data`` files its rules read. The fields
    ``cfg`` and ``data`` can be excluded; other names (spaCy passes ``vocab``) are
    ignored.
    """

    settings: ClassVar[tuple[str, ...]] = ()
    data_files: ClassVar[tuple[str, ...]] = ()
    name: str

    def to_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> None:
        """Write ``cfg.json`` and ``data.json`` into the directory ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for field, value in self._fields(exclude).items():
            srsly.write_json(path / _FILES[field], value)

    def from_disk(self: C, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> C:
        """Check the saved word lists against the installed ones, then apply the saved
        settings; a file absent from ``path`` is skipped, as spaCy does."""
        path = Path(path)
        saved = {field: srsly.read_json(path / name) for field, name in _FILES.items()
                 if (path / name).exists()}
        self._load(saved, exclude, {field: str(path / name) for field, name in _FILES.items()})
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """What :meth:`to_disk` writes, as one msgpack message."""
        return srsly.msgpack_dumps(self._fields(exclude))

    def from_bytes(self: C, data: bytes, *, exclude: Iterable[str] = ()) -> C:
        """:meth:`from_disk` from the bytes of :meth:`to_bytes`."""
        self._load(srsly.msgpack_loads(data), exclude,
                   {field: f"{self.name}.from_bytes: {field}" for field in _FILES})
        return self

    # -- the two fields -------------------------------------------------------------
    def _fields(self, exclude: Iterable[str]) -> dict[str, Any]:
        excluded = frozenset(exclude)
        fields = {"cfg": self._settings, "data": self._data}
        return {field: get() for field, get in fields.items() if field not in excluded}

    def _load(self, saved: dict[str, Any], exclude: Iterable[str], where: dict[str, str]) -> None:
        """Check ``saved["data"]``, then apply ``saved["cfg"]``: a component refused keeps
        its settings. ``where`` names each field's origin for the errors."""
        excluded = frozenset(exclude)
        if "data" in saved and "data" not in excluded:
            self._check_data(saved["data"], where["data"])
        if "cfg" in saved and "cfg" not in excluded:
            self._apply_settings(saved["cfg"], where["cfg"])

    def _settings(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in self.settings}

    def _data(self) -> dict[str, list[Any]]:
        return {name: data_content(name) for name in self.data_files}

    def _apply_settings(self, saved: dict[str, Any], where: str) -> None:
        """Take the saved settings. A component may compile a setting into a pattern
        (PlaceRecognizer's chain pattern), so different ones rerun its ``__init__``
        (with ``nlp=None``) and drop its cached properties."""
        unknown = sorted(set(saved) - set(self.settings))
        if unknown:
            raise ValueError(f"{where}: {self.name} has no setting {', '.join(unknown)}")
        current = self._settings()
        if all(current[key] == value for key, value in saved.items()):
            return
        type(self).__init__(self, None, self.name, **{**current, **saved})
        for klass in type(self).__mro__:
            for attr, value in vars(klass).items():
                if isinstance(value, cached_property):
                    self.__dict__.pop(attr, None)

    def _check_data(self, saved: dict[str, list[Any]], where: str) -> None:
        for name in self.data_files:
            if name not in saved:
                raise SavedDataError(
                    f"{where}: holds no copy of kg/data/{name}, which {self.name} reads: the "
                    f"pipeline was saved by another zhkg; build it anew with load_pipeline()")
            installed = data_content(name)
            if saved[name] != installed:
                raise SavedDataError(
                    f"{where}: the saved kg/data/{name} of {self.name} differs from the "
                    f"installed one ({_difference(saved[name], installed)}); the rules would "
                    f"find other entities than when it was saved. Build the pipeline anew "
                    f"with load_pipeline(), or install the zhkg that saved it")


def _difference(saved: list[Any], installed: list[Any]) -> str:
    """The entries of one list only, then of the other, a few of each."""
    def key(entry: Any) -> Any:
        return tuple(entry) if isinstance(entry, list) else entry

    def show(entries: list[Any]) -> str:
        words = ["\t".join(e) if isinstance(e, list) else str(e) for e in entries[:_SHOWN]]
        return ", ".join(map(repr, words)) + (" …" if len(entries) > _SHOWN else "")

    saved_keys, installed_keys = set(map(key, saved)), set(map(key, installed))
    only_saved = [e for e in saved if key(e) not in installed_keys]
    only_installed = [e for e in installed if key(e) not in saved_keys]
    if not only_saved and not only_installed:
        return "the same entries in another order"
    parts = []
    if only_saved:
        parts.append(f"{len(only_saved)} only saved: {show(only_saved)}")
    if only_installed:
        parts.append(f"{len(only_installed)} only installed: {show(only_installed)}")
    return "; ".join(parts)
