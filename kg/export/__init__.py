"""Writers, one module per family of formats, looked up by name or file extension."""

from __future__ import annotations

from kg.export.rdf import RDF_FORMATS, format_for_path, write_rdf

__all__ = ["RDF_FORMATS", "format_for_path", "write_rdf"]
