"""RDF from extraction results, in the shape of the output contract.

Each document's statements (its ``nif:Context``, mentions, sentences,
implementations, memberships) go into a named graph of its own; the entities,
merged across documents, into ``kgr:graph/entities``. Triple formats get the
union.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph.namespace import DCTERMS, ITSRDF, KGO, KGR, NIF, ORG, PREFIXES, PROV, SKOS
from kg.model import ROOT_CLASS, DocumentResult, Entity, Sentence

Quad = tuple[Node, Node, Node, URIRef]


def _nonneg(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


class GraphBuilder:
    """Collects document results and writes them as one dataset."""

    def __init__(self, base: str = str(KGR)) -> None:
        self.base = base
        self.entities: dict[str, Entity] = {}
        self._quads: list[Quad] = []
        self._identifiers: set[str] = set()
        self.entities_graph = URIRef(base + "graph/entities")

    def iri(self, key: str) -> URIRef:
        return URIRef(self.base + key)

    def document_iri(self, identifier: str) -> URIRef:
        return self.iri("doc/" + quote(identifier, safe=""))

    def add(self, result: DocumentResult) -> None:
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
        self._quads.extend(self._document_quads(result))

    # -- documents -------------------------------------------------------------
    def _document_quads(self, result: DocumentResult) -> Iterator[Quad]:
        doc = self.document_iri(result.identifier)
        g = doc

        def q(s: Node, p: Node, o: Node) -> Quad:
            return (s, p, o, g)

        yield q(doc, RDF.type, NIF.Context)
        yield q(doc, RDF.type, KGO.Document)
        yield q(doc, NIF.isString, Literal(result.text))
        yield q(doc, NIF.beginIndex, _nonneg(0))
        yield q(doc, NIF.endIndex, _nonneg(len(result.text)))
        yield q(doc, DCTERMS.identifier, Literal(result.identifier))
        for m in result.mentions:
            node = URIRef(f"{doc}#offset_{m.start}_{m.end}")
            yield q(node, RDF.type, KGO.Mention)
            yield q(node, RDF.type, NIF.Phrase)
            yield q(node, RDF.type, NIF.OffsetBasedString)
            yield q(node, NIF.anchorOf, Literal(m.text))
            yield q(node, NIF.beginIndex, _nonneg(m.start))
            yield q(node, NIF.endIndex, _nonneg(m.end))
            yield q(node, NIF.referenceContext, doc)
            yield q(node, ITSRDF.taIdentRef, self.iri(m.entity))
            yield q(node, KGO.extractedBy, Literal(m.source))
        sentences: dict[int, Sentence] = {}
        for impl in result.implementations:
            sentences[impl.sentence.start] = impl.sentence
            # One act per agent, programme and region on a page; every sentence
            # that states it is evidence of the same node.
            node = self.iri("impl/" + _digest(result.identifier, impl.agent, impl.program,
                                              impl.region))
            agent, program = self.iri(impl.agent), self.iri(impl.program)
            evidence = self._sentence_iri(doc, impl.sentence)
            yield q(node, RDF.type, KGO.Implementation)
            yield q(node, KGO.agent, agent)
            yield q(node, KGO.program, program)
            yield q(node, PROV.wasDerivedFrom, evidence)
            yield q(node, KGO.evidence, evidence)
            yield q(node, KGO.extractedBy, Literal(impl.rule))
            yield q(agent, KGO.implements, program)
            if impl.region is not None:
                region = self.iri(impl.region)
                yield q(node, KGO.region, region)
                yield q(program, KGO["in"], region)
        for ms in result.memberships:
            sentences[ms.sentence.start] = ms.sentence
            node = self.iri("membership/" + _digest(result.identifier, ms.person,
                                                    ms.organization, ms.role))
            role = self.iri("role/" + quote(ms.role, safe=""))
            yield q(node, RDF.type, ORG.Membership)
            yield q(node, ORG.member, self.iri(ms.person))
            yield q(node, ORG.organization, self.iri(ms.organization))
            yield q(node, ORG.role, role)
            yield q(node, PROV.wasDerivedFrom, doc)
            yield q(node, KGO.evidence, self._sentence_iri(doc, ms.sentence))
            yield q(node, KGO.extractedBy, Literal(ms.rule))
            yield q(role, RDF.type, ORG.Role)
            yield q(role, RDFS.label, Literal(ms.role, lang="zh"))
        for sentence in sentences.values():
            node = self._sentence_iri(doc, sentence)
            yield q(node, RDF.type, NIF.Sentence)
            yield q(node, NIF.referenceContext, doc)
            yield q(node, NIF.beginIndex, _nonneg(sentence.start))
            yield q(node, NIF.endIndex, _nonneg(sentence.end))
            yield q(node, KGO.sentenceText, Literal(sentence.text))

    @staticmethod
    def _sentence_iri(doc: URIRef, sentence: Sentence) -> URIRef:
        return URIRef(f"{doc}#sentence_{sentence.start}_{sentence.end}")

    # -- entities --------------------------------------------------------------
    def _entity_quads(self) -> Iterator[Quad]:
        g = self.entities_graph
        for key in sorted(self.entities):
            entity = self.entities[key]
            node = self.iri(key)
            try:
                cls = KGO[entity.ontology_class]
            except AttributeError:
                cls = KGO[ROOT_CLASS[entity.etype]]
            yield (node, RDF.type, cls, g)
            root = KGO[ROOT_CLASS[entity.etype]]
            if cls != root:
                # The root type too, so that ``?x a kgo:Program`` needs no reasoner.
                yield (node, RDF.type, root, g)
            yield (node, RDFS.label, Literal(entity.label, lang="zh"), g)
            for alt in sorted(entity.alt_labels - {entity.label}):
                yield (node, SKOS.altLabel, Literal(alt, lang="zh"), g)
            if entity.admin_code:
                yield (node, KGO.adminCode, Literal(entity.admin_code), g)
            if entity.admin_level:
                yield (node, KGO.adminLevel, Literal(entity.admin_level,
                                                     datatype=XSD.positiveInteger), g)
            for whole in sorted(entity.part_of):
                if whole in self.entities:
                    yield (node, KGO.partOf, self.iri(whole), g)
            if entity.located_in and entity.located_in in self.entities:
                yield (node, KGO.locatedIn, self.iri(entity.located_in), g)
            if entity.sub_organization_of and entity.sub_organization_of in self.entities:
                yield (node, ORG.subOrganizationOf, self.iri(entity.sub_organization_of), g)

    def quads(self) -> Iterator[Quad]:
        yield from self._quads
        yield from self._entity_quads()

    def dataset(self) -> Dataset:
        ds = Dataset()
        for prefix, ns in PREFIXES.items():
            ds.bind(prefix, ns)
        ds.addN(self.quads())
        return ds

    def graph(self) -> Graph:
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        for s, p, o, _ in self.quads():
            g.add((s, p, o))
        return g
