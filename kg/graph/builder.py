"""RDF from extraction results, in the shape of the output contract.

Each document's statements (its ``nif:Context``, mentions, resolved references,
sentences, implementations, memberships) go into a named graph of its own; the entities,
merged across documents, into ``kgr:graph/entities``. Triple formats get the
union.

Terms are pyoxigraph's: the writers and the store serialize them in Rust,
without a conversion per term.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad, Triple
from rdflib import RDF, RDFS, XSD

from kg.dates import Publication, publication_of
from kg.graph.namespace import DCTERMS, ITSRDF, KGO, KGR, NIF, ORG, PROV, SKOS
from kg.model import ROOT_CLASS, DocumentResult, Entity, Mention, Sentence
from kg.rules.classes import ENTITY_CLASSES


def _n(term: object) -> NamedNode:
    return NamedNode(str(term))


# Every document uses these; built once.
A = _n(RDF.type)
LABEL = _n(RDFS.label)
NON_NEGATIVE = _n(XSD.nonNegativeInteger)
POSITIVE = _n(XSD.positiveInteger)
NIF_CONTEXT, NIF_PHRASE, NIF_OFFSET_STRING = (_n(NIF.Context), _n(NIF.Phrase),
                                              _n(NIF.OffsetBasedString))
NIF_SENTENCE = _n(NIF.Sentence)
IS_STRING, BEGIN, END = _n(NIF.isString), _n(NIF.beginIndex), _n(NIF.endIndex)
ANCHOR_OF, REFERENCE_CONTEXT = _n(NIF.anchorOf), _n(NIF.referenceContext)
TA_IDENT_REF = _n(ITSRDF.taIdentRef)
IDENTIFIER = _n(DCTERMS.identifier)
ISSUED, PUBLISHER, TITLE, DATE = (_n(DCTERMS.issued), _n(DCTERMS.publisher), _n(DCTERMS.title),
                                  _n(XSD.date))
PAGE, SECTION, DATE_SOURCE = _n(KGO.page), _n(KGO.section), _n(KGO.dateSource)
DERIVED_FROM = _n(PROV.wasDerivedFrom)
ALT_LABEL = _n(SKOS.altLabel)
MEMBERSHIP, MEMBER, ORGANIZATION, ROLE, ROLE_CLASS, SUB_ORGANIZATION_OF = (
    _n(ORG.Membership), _n(ORG.member), _n(ORG.organization), _n(ORG.role), _n(ORG.Role),
    _n(ORG.subOrganizationOf))
DOCUMENT, MENTION, IMPLEMENTATION = _n(KGO.Document), _n(KGO.Mention), _n(KGO.Implementation)
REFERENCE, REFERS_TO, REFERENCE_TEXT = (_n(KGO.Reference), _n(KGO.refersTo),
                                        _n(KGO.referenceText))
AGENT, PROGRAM, REGION, IMPLEMENTS, IN = (_n(KGO.agent), _n(KGO.program), _n(KGO.region),
                                          _n(KGO.implements), _n(KGO["in"]))
EVIDENCE, EXTRACTED_BY, SENTENCE_TEXT = _n(KGO.evidence), _n(KGO.extractedBy), \
    _n(KGO.sentenceText)
ADMIN_CODE, ADMIN_LEVEL, PART_OF, LOCATED_IN = (_n(KGO.adminCode), _n(KGO.adminLevel),
                                                _n(KGO.partOf), _n(KGO.locatedIn))


# A statement of a document, put in its graph by document_quads or stated by
# document_triples.
Statement = tuple[NamedNode, NamedNode, NamedNode | Literal]


def _nonneg(n: int) -> Literal:
    return Literal(str(n), datatype=NON_NEGATIVE)


def _span(node: NamedNode, doc: NamedNode, m: Mention) -> Iterator[Statement]:
    """Where a mention or a reference is: its offsets in its document."""
    yield (node, BEGIN, _nonneg(m.start))
    yield (node, END, _nonneg(m.end))
    yield (node, REFERENCE_CONTEXT, doc)


def _zh(text: str) -> Literal:
    return Literal(text, language="zh")


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


class GraphBuilder:
    """Turns document results into quads, and merges their entities across documents.

    :meth:`add` returns a document's quads at once, so that writers can stream
    them; only the merged entities stay in memory until :meth:`entity_quads`.
    """

    def __init__(self, base: str = str(KGR)) -> None:
        self.base = base
        self.entities: dict[str, Entity] = {}
        self._identifiers: set[str] = set()
        self.entities_graph = NamedNode(base + "graph/entities")
        self._class = {name: _n(KGO[name]) for name in ROOT_CLASS.values()}

    def iri(self, key: str) -> NamedNode:
        return NamedNode(self.base + key)

    def document_iri(self, identifier: str) -> NamedNode:
        return self.iri("doc/" + quote(identifier, safe=""))

    def add(self, result: DocumentResult) -> tuple[list[Quad], list[Quad]]:
        """Merge the document's entities; return its quads (see :meth:`document_quads`)."""
        self.merge(result)
        return self.document_quads(result)

    def merge(self, result: DocumentResult) -> None:
        """Fold the document's entities into the corpus's."""
        if result.identifier in self._identifiers:
            raise ValueError(f"two documents share the identifier {result.identifier!r}")
        self._identifiers.add(result.identifier)
        for key, entity in result.entities.items():
            if key in self.entities:
                self.entities[key].merge(entity)
            else:
                self.entities[key] = Entity(**{**entity.__dict__,
                                               "alt_labels": set(entity.alt_labels),
                                               "part_of": set(entity.part_of)})

    def document_quads(self, result: DocumentResult) -> tuple[list[Quad], list[Quad]]:
        """The document's quads without repeats: those about its own nodes, and those
        other documents may state too (``?agent kgo:implements ?program``, roles), which
        a triple format says once. A function of the document alone."""
        return self._document(result, Quad, self.document_iri(result.identifier))

    def document_triples(self, result: DocumentResult) -> tuple[list[Triple], list[Triple]]:
        """:meth:`document_quads` without the graph, for the triple formats."""
        return self._document(result, Triple)

    def _document(self, result: DocumentResult, statement: type,
                  *graph: NamedNode) -> tuple[list, list]:
        shared: list[Statement] = []
        own = [statement(s, p, o, *graph) for s, p, o in self._statements(result, shared)]
        return (list(dict.fromkeys(own)),
                list(dict.fromkeys(statement(s, p, o, *graph) for s, p, o in shared)))

    def _ontology_class(self, entity: Entity) -> NamedNode:
        cls = self._class.get(entity.ontology_class)
        if cls is None:
            if ENTITY_CLASSES.get(entity.ontology_class) != ROOT_CLASS[entity.etype]:
                raise ValueError(f"{entity.key}: {entity.ontology_class!r} is no class of the "
                                 f"ontology under kgo:{ROOT_CLASS[entity.etype]}")
            cls = self._class[entity.ontology_class] = _n(KGO[entity.ontology_class])
        return cls

    # -- documents -------------------------------------------------------------
    def _statements(self, result: DocumentResult,
                    shared: list[Statement]) -> Iterator[Statement]:
        """The document's statements; those other documents may state too go to ``shared``."""
        doc = self.document_iri(result.identifier)
        yield (doc, A, NIF_CONTEXT)
        yield (doc, A, DOCUMENT)
        yield (doc, IS_STRING, Literal(result.text))
        yield (doc, BEGIN, _nonneg(0))
        yield (doc, END, _nonneg(len(result.text)))
        yield (doc, IDENTIFIER, Literal(result.identifier))
        yield from self._publication(doc, publication_of(result))
        doc_iri = doc.value
        for m in result.mentions:
            node = NamedNode(f"{doc_iri}#offset_{m.start}_{m.end}")
            yield (node, A, MENTION)
            yield (node, A, NIF_PHRASE)
            yield (node, A, NIF_OFFSET_STRING)
            yield (node, ANCHOR_OF, Literal(m.text))
            yield from _span(node, doc, m)
            yield (node, TA_IDENT_REF, self.iri(m.entity))
            yield (node, EXTRACTED_BY, Literal(m.source))
        for r in result.references:
            # Not a mention: 该旗 names no entity, so the scorer and the contract's
            # readers of nif:anchorOf and itsrdf:taIdentRef do not count it.
            node = NamedNode(f"{doc_iri}#reference_{r.start}_{r.end}")
            yield (node, A, REFERENCE)
            yield (node, REFERENCE_TEXT, Literal(r.text))
            yield from _span(node, doc, r)
            yield (node, REFERS_TO, self.iri(r.entity))
            yield (node, EXTRACTED_BY, Literal(r.source))
        sentences: dict[int, Sentence] = {}
        for impl in result.implementations:
            sentences[impl.sentence.start] = impl.sentence
            # One act per agent, programme and region on a page; every sentence
            # that states it is evidence of the same node.
            node = self.iri("impl/" + _digest(result.identifier, impl.agent, impl.program,
                                              impl.region))
            agent, program = self.iri(impl.agent), self.iri(impl.program)
            evidence = self._sentence_iri(doc_iri, impl.sentence)
            yield (node, A, IMPLEMENTATION)
            yield (node, AGENT, agent)
            yield (node, PROGRAM, program)
            yield (node, DERIVED_FROM, evidence)
            yield (node, EVIDENCE, evidence)
            yield (node, EXTRACTED_BY, Literal(impl.rule))
            shared.append((agent, IMPLEMENTS, program))
            if impl.region is not None:
                region = self.iri(impl.region)
                yield (node, REGION, region)
                shared.append((program, IN, region))
        for ms in result.memberships:
            sentences[ms.sentence.start] = ms.sentence
            node = self.iri("membership/" + _digest(result.identifier, ms.person,
                                                    ms.organization, ms.role))
            role = self.iri("role/" + quote(ms.role, safe=""))
            yield (node, A, MEMBERSHIP)
            yield (node, MEMBER, self.iri(ms.person))
            yield (node, ORGANIZATION, self.iri(ms.organization))
            yield (node, ROLE, role)
            yield (node, DERIVED_FROM, doc)
            yield (node, EVIDENCE, self._sentence_iri(doc_iri, ms.sentence))
            yield (node, EXTRACTED_BY, Literal(ms.rule))
            shared.append((role, A, ROLE_CLASS))
            shared.append((role, LABEL, _zh(ms.role)))
        for sentence in sentences.values():
            node = self._sentence_iri(doc_iri, sentence)
            yield (node, A, NIF_SENTENCE)
            yield (node, REFERENCE_CONTEXT, doc)
            yield (node, BEGIN, _nonneg(sentence.start))
            yield (node, END, _nonneg(sentence.end))
            yield (node, SENTENCE_TEXT, Literal(sentence.text))

    @staticmethod
    def _publication(doc: NamedNode, publication: Publication) -> Iterator[Statement]:
        """When, where and under which headline the document was published, as far as
        known (:mod:`kg.dates`)."""
        if publication.issued is not None:
            yield (doc, ISSUED, Literal(publication.issued.isoformat(), datatype=DATE))
        if publication.issued is not None and publication.date_source:
            yield (doc, DATE_SOURCE, Literal(publication.date_source))
        if publication.paper:
            # The paper that made the page available (人民日报), named as it names itself.
            yield (doc, PUBLISHER, _zh(publication.paper))
        if publication.page:
            yield (doc, PAGE, Literal(publication.page))
        if publication.section:
            yield (doc, SECTION, _zh(publication.section))
        if publication.title:
            yield (doc, TITLE, _zh(publication.title))

    @staticmethod
    def _sentence_iri(doc: str, sentence: Sentence) -> NamedNode:
        return NamedNode(f"{doc}#sentence_{sentence.start}_{sentence.end}")

    # -- entities --------------------------------------------------------------
    def entity_quads(self, graph: NamedNode | None = None) -> list[Quad]:
        """The merged entities, sorted by key, in ``graph`` (default ``kgr:graph/entities``)."""
        g = graph or self.entities_graph
        out = []
        for key in sorted(self.entities):
            entity = self.entities[key]
            node = self.iri(key)
            cls = self._ontology_class(entity)
            out.append(Quad(node, A, cls, g))
            root = self._class[ROOT_CLASS[entity.etype]]
            if cls != root:
                # The root type too, so that ``?x a kgo:Program`` needs no reasoner.
                out.append(Quad(node, A, root, g))
            out.append(Quad(node, LABEL, _zh(entity.label), g))
            for alt in sorted(entity.alt_labels - {entity.label}):
                out.append(Quad(node, ALT_LABEL, _zh(alt), g))
            if entity.admin_code:
                out.append(Quad(node, ADMIN_CODE, Literal(entity.admin_code), g))
            if entity.admin_level:
                out.append(Quad(node, ADMIN_LEVEL, Literal(str(entity.admin_level),
                                                           datatype=POSITIVE), g))
            for whole in sorted(entity.part_of):
                if whole in self.entities:
                    out.append(Quad(node, PART_OF, self.iri(whole), g))
            if entity.located_in and entity.located_in in self.entities:
                out.append(Quad(node, LOCATED_IN, self.iri(entity.located_in), g))
            for place in sorted(entity.also_located_in):
                if place in self.entities:
                    out.append(Quad(node, LOCATED_IN, self.iri(place), g))
            if entity.sub_organization_of and entity.sub_organization_of in self.entities:
                out.append(Quad(node, SUB_ORGANIZATION_OF,
                                self.iri(entity.sub_organization_of), g))
        return out
