"""The user cache: converted models and the compiled gazetteer."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

CACHE_ENV = "ZHKG_CACHE_DIR"


def cache_dir() -> Path:
    """``ZHKG_CACHE_DIR`` or the platform's user cache directory for zhkg."""
    return Path(os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("zhkg"))


def read_pickle(path: Path) -> Any | None:
    """The object pickled at ``path``, or None when absent or unreadable."""
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
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
