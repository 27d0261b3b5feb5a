"""Atomic file output: a complete new file or the old one, never a truncated one.

The new content goes to a temporary file in the target's folder (so that the rename
stays within one file system), is flushed and fsynced, and is renamed over the target
with ``os.replace``; the folder is fsynced after, so that the rename survives a power
loss too. The writer holds an ``flock`` on its temporary file, so that a later write
can tell the temporary file of a killed writer (no lock) from one being written, and
remove it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# A temporary file younger than this is left alone even when unlocked: its writer may
# be between creating it and locking it.
_STALE_AFTER = 10.0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temporary_files(target: Path) -> list[Path]:
    """The temporary files of writes to ``target``, current or killed."""
    return sorted(target.parent.glob(f".{target.name}.*.tmp"))


def try_flock(fd: int, operation: int) -> bool:
    """Take ``operation`` (``fcntl.LOCK_SH`` or ``LOCK_EX``) on ``fd`` without waiting;
    whether it was granted."""
    try:
        fcntl.flock(fd, operation | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    return True


def remove_stale(target: str | os.PathLike) -> list[Path]:
    """Remove the temporary files that killed writes to ``target`` left; those removed."""
    removed = []
    for tmp in _temporary_files(Path(target)):
        try:
            if time.time() - tmp.stat().st_mtime < _STALE_AFTER:
                continue
            fd = os.open(tmp, os.O_RDONLY)
        except OSError:  # gone meanwhile, or not ours to read
            continue
        try:
            if try_flock(fd, fcntl.LOCK_EX):  # no live writer holds it
                tmp.unlink(missing_ok=True)
                removed.append(tmp)
        finally:
            os.close(fd)
    return removed


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as err:  # some file systems cannot sync a folder; the rename stands
        if err.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


@contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file beside ``path`` that replaces ``path`` only when the block succeeds.

    On any error (or interruption) the temporary file is removed and an existing
    ``path`` is left as it was; after a kill, the next write to ``path`` removes it.
    ``-`` is standard output, written as it comes.
    """
    if str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # ours alone: its own, freshly made
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide it from others
            os.replace(tmp, target)  # still locked: no sweep takes it before the rename
        _fsync_folder(target.parent)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Let ``write`` fill a temporary file beside ``path``, then rename it over ``path``."""
    with atomic_output(path) as fh:
        write(fh)
