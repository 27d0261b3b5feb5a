"""ontology/zhkg.ttl and ontology/shapes.ttl: structure, labels, and what the shapes accept."""

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH

from kg.graph.namespace import ITSRDF, KGO, KGR, NIF

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
KGSH = "https://w3id.org/zhkg/shapes#"
ROOTS = {KGO.Organization, KGO.Place, KGO.Person, KGO.Program}
NON_ENTITY = {KGO.Document, KGO.Implementation, KGO.Mention, KGO.Reference}
KGO_IRI = str(KGO)
# rdflib's XSD warns on unknown attributes, and pytest probes module globals: keep it out.
NON_NEGATIVE_INTEGER = ns.XSD.nonNegativeInteger

# One document as the builder writes it (offsets count characters of the text).
TEXT = ("呼和浩特市回民区海西路街道青山社区党总支推行“五事五星”工作法。书记王丽说，大家很满意。"
        "该区将推广。")
VALID = f"""
@base <https://w3id.org/zhkg/resource/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .
@prefix kgo: <https://w3id.org/zhkg/ontology#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<doc/000> a nif:Context, kgo:Document ;
    nif:isString "{TEXT}" ;
    dcterms:identifier "000" .

<doc/000#offset_0_5> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "呼和浩特市" ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "5"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <place/150100> ;
    kgo:extractedBy "zhkg.places.v1" .
<doc/000#offset_5_8> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "回民区" ;
    nif:beginIndex "5"^^xsd:nonNegativeInteger ; nif:endIndex "8"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <place/150103> .
<doc/000#offset_8_13> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "海西路街道" ;
    nif:beginIndex "8"^^xsd:nonNegativeInteger ; nif:endIndex "13"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <place/150103001000> .
<doc/000#offset_13_17> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "青山社区" ;
    nif:beginIndex "13"^^xsd:nonNegativeInteger ; nif:endIndex "17"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <place/150103001001> .
<doc/000#offset_13_20> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "青山社区党总支" ;
    nif:beginIndex "13"^^xsd:nonNegativeInteger ; nif:endIndex "20"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <org/qingshan-dangzongzhi> .
<doc/000#offset_23_27> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "五事五星" ;
    nif:beginIndex "23"^^xsd:nonNegativeInteger ; nif:endIndex "27"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <program/wushi-wuxing> .
<doc/000#offset_34_36> a kgo:Mention, nif:Phrase, nif:OffsetBasedString ;
    nif:anchorOf "王丽" ;
    nif:beginIndex "34"^^xsd:nonNegativeInteger ; nif:endIndex "36"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; itsrdf:taIdentRef <person/wangli> .

<place/150000> a kgo:AutonomousRegion ;
    rdfs:label "内蒙古自治区"@zh ; skos:altLabel "内蒙古"@zh ;
    kgo:adminCode "150000" ; kgo:adminLevel 1 .
<place/150100> a kgo:PrefectureCity ;
    rdfs:label "呼和浩特市"@zh ; skos:altLabel "呼和浩特"@zh , "青城"@zh ;
    kgo:adminCode "150100" ; kgo:adminLevel 2 ; kgo:partOf <place/150000> .
<place/150103> a kgo:District ;
    rdfs:label "回民区"@zh ; kgo:adminCode "150103" ; kgo:adminLevel 3 ;
    kgo:partOf <place/150100> .
<place/150103001000> a kgo:Subdistrict ;
    rdfs:label "海西路街道"@zh ; kgo:adminCode "150103001000" ; kgo:adminLevel 4 ;
    kgo:partOf <place/150103> .
<place/150103001001> a kgo:Community ;
    rdfs:label "青山社区"@zh ; kgo:adminCode "150103001001" ; kgo:adminLevel 5 ;
    kgo:partOf <place/150103001000> .
<org/qingshan-dangzongzhi> a kgo:PartyGeneralBranch ;
    rdfs:label "青山社区党总支"@zh ; kgo:locatedIn <place/150103001001> ;
    kgo:implements <program/wushi-wuxing> .
<program/wushi-wuxing> a kgo:WorkingMethod ;
    rdfs:label "五事五星"@zh ; skos:altLabel "五事五星工作法"@zh ;
    kgo:in <place/150103001001> .
<person/wangli> a kgo:Person ; rdfs:label "王丽"@zh .

<doc/000#sentence_0_32> a nif:Sentence ;
    nif:referenceContext <doc/000> ;
    nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "32"^^xsd:nonNegativeInteger ;
    kgo:sentenceText "呼和浩特市回民区海西路街道青山社区党总支推行“五事五星”工作法。" .

<doc/000#sentence_32_44> a nif:Sentence ;
    nif:referenceContext <doc/000> ;
    nif:beginIndex "32"^^xsd:nonNegativeInteger ; nif:endIndex "44"^^xsd:nonNegativeInteger ;
    kgo:sentenceText "书记王丽说，大家很满意。" .

<impl/ab12> a kgo:Implementation ;
    kgo:agent <org/qingshan-dangzongzhi> ;
    kgo:program <program/wushi-wuxing> ;
    kgo:region <place/150103001001> ;
    kgo:evidence <doc/000#sentence_0_32> ;
    prov:wasDerivedFrom <doc/000#sentence_0_32> ;
    kgo:extractedBy "zhkg.implements.v1" .

<membership/cd34> a org:Membership ;
    org:member <person/wangli> ;
    org:organization <org/qingshan-dangzongzhi> ;
    org:role <role/shuji> ;
    prov:wasDerivedFrom <doc/000> ;
    kgo:evidence <doc/000#sentence_32_44> ;
    kgo:extractedBy "zhkg.memberships.v1" .
<role/shuji> a org:Role ; rdfs:label "书记"@zh .

<doc/000#reference_44_46> a kgo:Reference ;
    kgo:referenceText "该区" ;
    nif:beginIndex "44"^^xsd:nonNegativeInteger ; nif:endIndex "46"^^xsd:nonNegativeInteger ;
    nif:referenceContext <doc/000> ; kgo:refersTo <place/150103> ;
    kgo:extractedBy "zhkg.anaphora.v1" .
"""

DOC = KGR["doc/000"]
HOHHOT = KGR["place/150100"]
INNER_MONGOLIA = KGR["place/150000"]
BRANCH = KGR["org/qingshan-dangzongzhi"]
PROGRAM = KGR["program/wushi-wuxing"]
PERSON = KGR["person/wangli"]
IMPL = KGR["impl/ab12"]
MEMBERSHIP = KGR["membership/cd34"]
HOHHOT_MENTION = URIRef(DOC + "#offset_0_5")
REFERENCE = URIRef(DOC + "#reference_44_46")
SENTENCE = URIRef(DOC + "#sentence_0_32")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "zhkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def kgo_terms(graph: Graph, *kinds: URIRef) -> set[URIRef]:
    return {
        term
        for kind in kinds
        for term in graph.subjects(RDF.type, kind)
        if isinstance(term, URIRef) and term.startswith(KGO_IRI)
    }


def roots_of(cls: URIRef, graph: Graph) -> set[URIRef]:
    """The root classes reached from cls through rdfs:subClassOf (cls included)."""
    seen, todo = set(), [cls]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph.objects(current, RDFS.subClassOf))
    return seen & ROOTS


def conforms(data: Graph, ontology: Graph, shapes: Graph) -> tuple[bool, Graph, str]:
    return validate(data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs")


def failing_shapes(report: Graph, shapes: Graph) -> set[URIRef]:
    """Named node shapes behind the validation results (property shapes are blank nodes)."""
    named = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        source = report.value(result, SH.sourceShape)
        if isinstance(source, URIRef):
            named.add(source)
        named.update(
            shape for shape in shapes.subjects(SH.property, source) if isinstance(shape, URIRef)
        )
    return named


# --- the ontology --------------------------------------------------------------------------


def test_ontology_header(ontology):
    iri = URIRef("https://w3id.org/zhkg/ontology")
    assert (iri, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(iri, OWL.versionInfo)) == "0.3.0"
    assert ontology.value(iri, DCTERMS.license) is not None


def test_every_entity_class_has_exactly_one_root(ontology):
    classes = kgo_terms(ontology, OWL.Class)
    assert classes >= ROOTS
    for cls in classes - NON_ENTITY:
        assert len(roots_of(cls, ontology)) == 1, cls
    for cls in NON_ENTITY:
        assert roots_of(cls, ontology) == set(), cls


@pytest.mark.parametrize(
    ("cls", "root"),
    [
        (KGO.Banner, KGO.Place),
        (KGO.Gacha, KGO.Place),
        (KGO.MemorialHall, KGO.Place),
        (KGO.PartyBranch, KGO.Organization),
        (KGO.VolunteerTeam, KGO.Organization),
        (KGO.WorkingMethod, KGO.Program),
        (KGO.Person, KGO.Person),
    ],
)
def test_root_of_some_classes(ontology, cls, root):
    assert roots_of(cls, ontology) == {root}


def test_every_term_has_zh_and_en_labels_and_a_comment(ontology):
    terms = kgo_terms(ontology, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    for term in terms:
        languages = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= languages, term
        comments = [c for c in ontology.objects(term, RDFS.comment) if c.language == "en"]
        assert comments, term


def test_roots_are_pairwise_disjoint(ontology):
    disjoint = set()
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(ontology, ontology.value(axiom, OWL.members)))
        disjoint |= {(a, b) for a in members for b in members if a != b}
    for a, b in ontology.subject_objects(OWL.disjointWith):
        disjoint |= {(a, b), (b, a)}
    assert {(a, b) for a in ROOTS for b in ROOTS if a != b} <= disjoint


def test_ontology_declares_no_individuals(ontology):
    assert [s for s, o in ontology.subject_objects(RDF.type) if str(o).startswith(KGO_IRI)] == []


def test_properties(ontology):
    assert (KGO.partOf, RDF.type, OWL.TransitiveProperty) in ontology
    assert (KGO.agent, RDFS.subPropertyOf, PROV.wasAssociatedWith) in ontology
    assert (KGO.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology
    assert ontology.value(KGO["in"], RDFS.domain) == KGO.Program
    assert ontology.value(KGO["in"], RDFS.range) == KGO.Place
    assert ontology.value(KGO.adminLevel, RDFS.range) == ns.XSD.positiveInteger


def test_alignments(ontology):
    assert (KGO.Organization, RDFS.subClassOf, ORG.Organization) in ontology
    assert (KGO.Person, RDFS.subClassOf, PROV.Person) in ontology
    assert (KGO.Place, RDFS.subClassOf, PROV.Location) in ontology
    assert (KGO.Program, RDFS.subClassOf, PROV.Plan) in ontology
    assert (KGO.Implementation, RDFS.subClassOf, PROV.Activity) in ontology
    assert (KGO.Document, RDFS.subClassOf, NIF.Context) in ontology
    assert (KGO.Mention, RDFS.subClassOf, NIF.Phrase) in ontology


# --- the shapes ----------------------------------------------------------------------------


def test_shapes_graph_is_valid_shacl(shapes):
    assert list(shapes.subjects(RDF.type, SH.NodeShape))
    ok, _, text = validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert ok, text


def test_valid_graph_conforms(ontology, shapes):
    data = Graph().parse(data=VALID, format="turtle")
    ok, _, text = conforms(data, ontology, shapes)
    assert ok, text


def test_valid_graph_conforms_with_ontology_loaded_into_it(ontology, shapes):
    # the scorer loads the ontology files into the same graph as the output
    data = Graph().parse(data=VALID, format="turtle")
    data += ontology
    data += shapes
    ok, _, text = conforms(data, ontology, shapes)
    assert ok, text


def _remove(*pattern) -> Callable[[Graph], None]:
    return lambda g: g.remove(pattern)


def _remove_each(*patterns) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        for pattern in patterns:
            g.remove(pattern)

    return mutate


def _add(*triple) -> Callable[[Graph], None]:
    return lambda g: g.add(triple)


def _set(subject, predicate, value) -> Callable[[Graph], None]:
    return lambda g: g.set((subject, predicate, value))


def _case(name: str, mutate: Callable[[Graph], None], shape: str):
    return pytest.param(mutate, URIRef(KGSH + shape), id=name)


BROKEN = [
    _case(
        "mention-without-taIdentRef",
        _remove(HOHHOT_MENTION, ITSRDF.taIdentRef, None),
        "MentionShape",
    ),
    _case(
        "anchor-does-not-match-offsets",
        _set(HOHHOT_MENTION, NIF.beginIndex, Literal(1, datatype=NON_NEGATIVE_INTEGER)),
        "MentionTextShape",
    ),
    _case(
        "offset-typed-xsd-integer", _set(HOHHOT_MENTION, NIF.endIndex, Literal(5)), "MentionShape"
    ),
    _case(
        "mention-of-untyped-node",
        _set(HOHHOT_MENTION, ITSRDF.taIdentRef, KGR["place/nowhere"]),
        "MentionShape",
    ),
    _case(
        "sentence-with-anchorOf",
        _add(SENTENCE, NIF.anchorOf, Literal(TEXT[:32])),
        "MentionShape",
    ),
    _case("reference-resolved-to-nothing", _remove(REFERENCE, KGO.refersTo, None),
          "ReferenceShape"),
    _case("reference-to-a-programme", _set(REFERENCE, KGO.refersTo, PROGRAM), "ReferenceShape"),
    _case("document-not-kgo-Document", _remove(DOC, RDF.type, KGO.Document), "DocumentShape"),
    _case("document-without-identifier", _remove(DOC, DCTERMS.identifier, None), "DocumentShape"),
    _case(
        "entity-with-two-zh-labels",
        _add(HOHHOT, RDFS.label, Literal("呼和浩特", lang="zh")),
        "EntityShape",
    ),
    _case(
        "entity-with-en-label-only",
        _set(PERSON, RDFS.label, Literal("Wang Li", lang="en")),
        "EntityShape",
    ),
    _case("entity-under-two-roots", _add(PROGRAM, RDF.type, KGO.Enterprise), "EntityShape"),
    # with RDFS inference the range of kgo:partOf makes the organization a place as well
    _case("partOf-an-organization", _add(HOHHOT, KGO.partOf, BRANCH), "EntityShape"),
    _case("partOf-cycle", _add(INNER_MONGOLIA, KGO.partOf, HOHHOT), "PartOfCycleShape"),
    _case("adminCode-of-five-digits", _set(HOHHOT, KGO.adminCode, Literal("15010")), "PlaceShape"),
    _case("adminLevel-out-of-range", _set(HOHHOT, KGO.adminLevel, Literal(6)), "PlaceShape"),
    _case(
        "implementation-without-program", _remove(IMPL, KGO.program, None), "ImplementationShape"
    ),
    _case("implementation-without-agent", _remove(IMPL, KGO.agent, None), "ImplementationShape"),
    # kgo:evidence is a subproperty of prov:wasDerivedFrom: RDFS inference restores the latter
    _case(
        "implementation-without-provenance",
        _remove_each((IMPL, PROV.wasDerivedFrom, None), (IMPL, KGO.evidence, None)),
        "ImplementationShape",
    ),
    _case(
        "missing-implements-shortcut",
        _remove(BRANCH, KGO.implements, PROGRAM),
        "ShortcutShape",
    ),
    _case("missing-in-shortcut", _remove(PROGRAM, KGO["in"], None), "ShortcutShape"),
    _case("membership-without-role", _remove(MEMBERSHIP, ORG.role, None), "MembershipShape"),
    _case("member-not-a-person", _set(MEMBERSHIP, ORG.member, BRANCH), "MembershipShape"),
    _case(
        "membership-without-provenance",
        _remove_each((MEMBERSHIP, PROV.wasDerivedFrom, None), (MEMBERSHIP, KGO.evidence, None)),
        "MembershipShape",
    ),
]


@pytest.mark.parametrize(("mutate", "shape"), BROKEN)
def test_broken_graph_fails_the_right_shape(ontology, shapes, mutate, shape):
    data = Graph().parse(data=VALID, format="turtle")
    mutate(data)
    ok, report, text = conforms(data, ontology, shapes)
    assert not ok
    assert failing_shapes(report, shapes) == {shape}, text
