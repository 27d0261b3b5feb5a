"""zhkg: knowledge graphs from Chinese party-building and local-governance news.

The Python API (:mod:`kg.api`)::

    import kg
    nlp = kg.load()                               # the spaCy pipeline
    result = kg.extract(text, identifier="page")  # mentions, entities, relations
    graph = kg.build(["seeds"])                   # a pyoxigraph Store
    kg.query(graph, "programmes_by_keyword", keyword="积分")  # a pandas DataFrame

Importing ``kg`` loads none of spaCy, rdflib or pyoxigraph: each name is imported from
:mod:`kg.api` when first used (PEP 562).

``kg.extract`` and ``kg.query`` are the API's functions, although the package has modules of
those names too: import from the modules by name (``from kg.query import run_query``).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

__all__ = ["BuildError", "InputWarning", "QueryError", "build", "displacy_options", "extract",
           "load", "query"]

# Where each public name lives; imported on first use.
_HOMES = {"BuildError": "kg.api", "InputWarning": "kg.api", "QueryError": "kg.query",
          "build": "kg.api", "displacy_options": "kg.api", "extract": "kg.api",
          "load": "kg.api", "query": "kg.api"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """The ``kg`` module, whose API functions keep their names against its submodules."""

    def __setattr__(self, name: str, value: object) -> None:
        # Importing the submodule kg.extract or kg.query sets it as the package's attribute
        # of that name, which would hide the function of the API from then on; the module
        # stays reachable by import (sys.modules).
        if isinstance(value, ModuleType) and _HOMES.get(name) == "kg.api":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
