"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from rdflib import Dataset, Graph

from kg.export.rdf import RDF_FORMATS, RDFLIB_PARSERS, format_for_path

# ontology/ of the repository, installed as this package (pyproject.toml: package-dir).
ONTOLOGY_PACKAGE = "kg.ontology"


def ontology_graph(name: str) -> Graph:
    """One Turtle file of the installed ontology: ``zhkg.ttl`` or ``shapes.ttl``."""
    with as_file(files(ONTOLOGY_PACKAGE).joinpath(name)) as path:
        return Graph().parse(path, format="turtle")


def load_graph(path: Path) -> Graph:
    fmt = format_for_path(str(path))
    rdflib_name, quads = RDFLIB_PARSERS[fmt], RDF_FORMATS[fmt][1]
    if quads:
        ds = Dataset()
        ds.parse(path, format=rdflib_name)
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return Graph().parse(path, format=rdflib_name)


def validate_graph(data: Graph) -> tuple[bool, str]:
    """Validate ``data`` with the shapes, the ontology as ``ont_graph``, RDFS inference."""
    import pyshacl

    shapes = ontology_graph("shapes.ttl")
    ontology = ontology_graph("zhkg.ttl")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                         inference="rdfs", advanced=True)
    return bool(conforms), str(text)


def validate_file(path: Path) -> tuple[bool, str]:
    if not path.is_file():
        return False, f"{path}: no such file"
    return validate_graph(load_graph(path))
