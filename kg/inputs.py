"""Finding and reading input documents, with a clear reason for each refusal."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """An input that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class InputDocument:
    path: Path
    identifier: str
    text: str


def discover(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named directly, and ``*.txt`` found recursively under folders, in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs.sort()
                found.extend(Path(root) / f for f in files if f.lower().endswith(".txt"))
            yield from sorted(found)
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield InputError(f"{path}: broken symbolic link")
        else:
            yield InputError(f"{path}: no such file or directory")


def read_document(path: Path) -> InputDocument:
    """Read a UTF-8 text file (a byte-order mark is dropped)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid UTF-8 text (byte {err.start})") from None
    return InputDocument(path, path.stem, text)
