"""KGO agrees with ontology/zhkg.ttl, term for term."""

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.graph import _gen_namespace
from kg.graph.namespace import KGO

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "zhkg.ttl"
NAMESPACE_MODULE = Path(_gen_namespace.__file__).with_name("namespace.py")
KGO_IRI = "https://w3id.org/zhkg/ontology#"


@pytest.fixture(scope="module")
def declared() -> set[str]:
    """Local names of the kgo classes and properties declared in the ontology."""
    graph = Graph().parse(ONTOLOGY, format="turtle")
    return {
        term.removeprefix(KGO_IRI)
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(KGO_IRI)
    }


def kgo_names() -> set[str]:
    """The terms KGO enumerates: annotated attributes plus non-identifier extras."""
    return set(KGO.__annotations__) | set(KGO._extras)


def test_every_declared_term_is_in_kgo(declared):
    for name in declared:
        assert name in KGO, name
        assert KGO[name] == URIRef(KGO_IRI + name)
        if name.isidentifier() and name != "in":
            assert getattr(KGO, name) == URIRef(KGO_IRI + name)


def test_every_kgo_term_is_declared(declared):
    assert kgo_names() == declared


def test_dir_lists_identifier_terms(declared):
    assert set(dir(KGO)) == {URIRef(KGO_IRI + name) for name in declared - {"in"}}


def test_keyword_in_is_reachable():
    assert KGO["in"] == URIRef(KGO_IRI + "in")
    assert KGO.in_ == KGO["in"]
    # the alias is Python-only: there is no kgo:in_ term
    assert "in_" not in KGO


@pytest.mark.parametrize("name", ["Organisation", "partof", "Programme", "in_"])
def test_misspelt_term_raises(name):
    with pytest.raises(AttributeError):
        KGO[name]
    if name != "in_":
        with pytest.raises(AttributeError):
            getattr(KGO, name)


def test_kgo_cannot_be_instantiated():
    with pytest.raises(TypeError):
        KGO()


def test_namespace_module_is_generated_from_ontology():
    module = NAMESPACE_MODULE.read_text(encoding="utf-8")
    assert _gen_namespace.generated_part(module) == _gen_namespace.render_namespace(ONTOLOGY), (
        "kg/graph/namespace.py is out of date: run python -m kg.graph._gen_namespace"
    )


def test_generator_check_mode_passes():
    assert _gen_namespace.main(["--ontology", str(ONTOLOGY), "--check"]) == 0


def test_splice_replaces_only_the_generated_part():
    module = NAMESPACE_MODULE.read_text(encoding="utf-8")
    replaced = _gen_namespace.splice(module, "X = 1\n")
    assert _gen_namespace.generated_part(replaced) == "X = 1\n"
    assert _gen_namespace.splice(replaced, _gen_namespace.render_namespace(ONTOLOGY)) == module
    with pytest.raises(ValueError):
        _gen_namespace.splice("no markers here\n", "X = 1\n")
