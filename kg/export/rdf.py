"""RDF syntaxes: Turtle, N-Triples, N-Quads, TriG, JSON-LD; written atomically."""

from __future__ import annotations

from pathlib import Path

from kg.export.atomic import write_atomically
from kg.graph.builder import GraphBuilder

# extension → (rdflib format name, whether it carries named graphs)
RDF_FORMATS: dict[str, tuple[str, bool]] = {
    "ttl": ("turtle", False),
    "nt": ("nt", False),
    "nq": ("nquads", True),
    "trig": ("trig", True),
    "jsonld": ("json-ld", False),
}
_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "nquads": "nq",
            "n-quads": "nq", "json-ld": "jsonld"}


def format_for_path(path: str, explicit: str | None = None) -> str:
    """The format key (``ttl`` …) from ``--format`` or the output file's extension."""
    name = (explicit or "").lower()
    if not name:
        name = Path(path).suffix.lstrip(".").lower() if path != "-" else "ttl"
    name = _ALIASES.get(name, name)
    if name not in RDF_FORMATS:
        known = ", ".join(sorted(RDF_FORMATS))
        raise ValueError(f"{path}: unknown output format {name or '(none)'!r}; use one of {known}")
    return name


def serialize(builder: GraphBuilder, fmt: str) -> bytes:
    rdflib_name, quads = RDF_FORMATS[fmt]
    data = builder.dataset() if quads else builder.graph()
    kwargs = {"auto_compact": True} if fmt == "jsonld" else {}
    out = data.serialize(format=rdflib_name, encoding="utf-8", **kwargs)
    if fmt in ("nt", "nq"):  # line-based syntaxes: sorted lines make output byte-stable
        lines = sorted(set(out.decode("utf-8").splitlines()))
        out = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    return out


def write_rdf(builder: GraphBuilder, path: str, fmt: str) -> None:
    """Serialize, then replace ``path`` in one step (``-`` is standard output)."""
    data = serialize(builder, fmt)
    write_atomically(path, lambda fh: fh.write(data))
