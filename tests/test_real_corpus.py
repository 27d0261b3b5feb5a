"""The 193 real articles of ``../shared/real`` end to end: every format, a store, SHACL.

``kg build ../shared/real/texts ../shared/real/unlabelled`` is run once per output (five
files and a store, ``--jobs 2``), reading the articles where they lie. Each file is then
read by rdflib, pyoxigraph and rapper (Raptor cannot read JSON-LD, so that one by the
first two), and the counts must agree: distinct triples for Turtle, N-Triples and
JSON-LD, which write the union of the documents' graphs; quads for N-Quads and TriG. A
reader that deduplicates (rdflib) and readers that stream every statement (pyoxigraph,
rapper) agree only when no statement is written twice. The builds cost about 2 minutes
on 2 busy cores and SHACL on the Turtle about 1.5 minutes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph

from kg.export.rdf import RDF_FORMATS, RDFLIB_PARSERS
from tests.export.test_rapper import SYNTAXES as RAPPER

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
FOLDERS = (REAL / "texts", REAL / "unlabelled")
ARTICLES = 193
TRIPLE_FORMATS = tuple(ext for ext, (_, quads) in RDF_FORMATS.items() if not quads)
QUAD_FORMATS = tuple(ext for ext, (_, quads) in RDF_FORMATS.items() if quads)
DOC = "https://w3id.org/zhkg/resource/doc/"
# A store keeps what each document read in its own graph, and notes its source.
STORE_BOOKKEEPING = {"https://w3id.org/zhkg/ontology#sourceDigest",
                     "http://www.w3.org/ns/prov#hadPrimarySource"}
XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {f"{XSD}{name}" for name in ("integer", "nonNegativeInteger", "positiveInteger")}


class Built:
    """One ``kg build`` of the real corpus: where it wrote, its exit status and stderr."""

    def __init__(self, target: Path, args: list[str]) -> None:
        proc = subprocess.run(
            [sys.executable, "-m", "kg.cli", "build", *map(str, FOLDERS), *args, "--jobs", "2",
             "-q"], capture_output=True, text=True, cwd=ROOT)
        self.path, self.status, self.stderr = target, proc.returncode, proc.stderr


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Built]:
    """The real corpus built once per output: an extension (ttl, nq …) or ``store``."""
    for folder in FOLDERS:
        assert folder.is_dir(), f"{folder} is missing: the tests need ../shared beside the checkout"
    folder = tmp_path_factory.mktemp("real-build")
    built: dict[str, Built] = {}

    def get(kind: str) -> Built:
        if kind not in built:
            target = folder / ("store" if kind == "store" else f"real.{kind}")
            built[kind] = Built(target, ["--store" if kind == "store" else "-o", str(target)])
        return built[kind]

    return get


def oxigraph_quads(path: Path, ext: str) -> list[ox.Quad]:
    return list(ox.parse(path=path, format=RDF_FORMATS[ext][0]))


def rdflib_count(path: Path, ext: str) -> int:
    if ext in QUAD_FORMATS:
        dataset = Dataset()
        dataset.parse(path, format=RDFLIB_PARSERS[ext])
        return sum(1 for _ in dataset.quads((None, None, None, None)))
    return len(Graph().parse(path, format=RDFLIB_PARSERS[ext]))


def rapper_count(path: Path, ext: str) -> int:
    proc = subprocess.run(["rapper", "--count", "--input", RAPPER[ext], str(path), DOC],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert not re.search(r"(?i)warning|error", proc.stderr), proc.stderr
    # Its last line: "rapper: Parsing returned 103280 triples" (statements, quads too).
    found = re.search(r"Parsing returned (\d+) triples", proc.stderr)
    assert found, proc.stderr
    return int(found[1])


def triples(quads: list[ox.Quad]) -> set[ox.Triple]:
    return {quad.triple for quad in quads}


@pytest.mark.parametrize("kind", [*TRIPLE_FORMATS, *QUAD_FORMATS, "store"])
def test_the_real_corpus_builds_without_a_word_on_stderr(real, kind):
    # Every article is UTF-8 and dated or simply undated, which is no warning: nothing to say.
    built = real(kind)
    assert built.status == 0, built.stderr
    assert built.stderr == ""


@pytest.mark.parametrize("ext", [*TRIPLE_FORMATS, *QUAD_FORMATS])
def test_rdflib_pyoxigraph_and_rapper_count_the_same_statements(real, ext):
    path = real(ext).path
    quads = oxigraph_quads(path, ext)
    assert len(set(quads)) == len(quads), "a statement is written twice"
    counts = {"pyoxigraph": len(quads), "rdflib": rdflib_count(path, ext)}
    if ext in RAPPER:
        counts["rapper"] = rapper_count(path, ext)
    assert set(counts.values()) == {len(quads)}, counts
    assert len(quads) > 50_000


def test_the_triple_formats_hold_the_union_of_the_quad_formats_graphs(real):
    n_quads = oxigraph_quads(real("nq").path, "nq")
    union = triples(n_quads)
    assert set(oxigraph_quads(real("trig").path, "trig")) == set(n_quads)
    for ext in TRIPLE_FORMATS:
        assert triples(oxigraph_quads(real(ext).path, ext)) == union, ext
    documents = {str(q.graph_name) for q in n_quads if str(q.graph_name).startswith(f"<{DOC}")}
    assert len(documents) == ARTICLES


def _plain(term: ox.Term) -> ox.Term:
    """``term`` with an integer subtype read as xsd:integer, as the store gives it back."""
    if isinstance(term, ox.Literal) and term.datatype.value in INTEGERS:
        return ox.Literal(term.value, datatype=ox.NamedNode(f"{XSD}integer"))
    return term


def test_the_store_holds_each_document_as_the_n_quads_do(real):
    built = real("store")
    store = ox.Store.read_only(str(built.path))
    stored = list(store)
    files = oxigraph_quads(real("nq").path, "nq")
    # Oxigraph keeps xsd:nonNegativeInteger and xsd:positiveInteger as xsd:integer.
    assert {q.object.datatype.value for q in stored if isinstance(q.object, ox.Literal)
            and q.object.datatype.value in INTEGERS} == {f"{XSD}integer"}

    def documents(quads: list[ox.Quad]) -> set[tuple[ox.Term, ...]]:
        return {(q.subject, q.predicate, _plain(q.object), q.graph_name) for q in quads
                if str(q.graph_name).startswith(f"<{DOC}")
                and q.predicate.value not in STORE_BOOKKEEPING}

    assert documents(stored) == documents(files)
    assert sum(q.predicate.value in STORE_BOOKKEEPING for q in stored) == 2 * ARTICLES
    assert len({q.graph_name for q in stored if str(q.graph_name).startswith(f"<{DOC}")}) \
        == ARTICLES
    # The entities' graphs of the store say at least what the file's one graph says;
    # beyond it only a store's notes and the classes other documents gave an entity.
    in_store = {(q.subject, q.predicate, _plain(q.object)) for q in stored}
    in_file = {(q.subject, q.predicate, _plain(q.object)) for q in files}
    assert in_file <= in_store
    extra = {str(p.value) for _, p, _ in in_store - in_file}
    assert extra <= {*STORE_BOOKKEEPING, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}


def test_the_real_corpus_conforms_to_the_shapes(real):
    # pyshacl with RDFS inference takes about 1.5 minutes on the corpus's 103k triples:
    # the Turtle is validated once, the other files hold the same triples (above).
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "validate", str(real("ttl").path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr
    assert "Conforms: True" in proc.stdout


# Implementations whose evidence sentence holds no mention of their programme in the same
# document.
_PROGRAMME_OUTSIDE_EVIDENCE = """
PREFIX kgo: <https://w3id.org/zhkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
SELECT ?implementation ?text WHERE {
  ?implementation a kgo:Implementation ; kgo:program ?programme ; kgo:evidence ?sentence .
  ?sentence nif:beginIndex ?start ; nif:endIndex ?end ; kgo:sentenceText ?text ;
      nif:referenceContext ?document .
  FILTER NOT EXISTS {
    ?mention itsrdf:taIdentRef ?programme ; nif:referenceContext ?document ;
        nif:beginIndex ?mentionStart ; nif:endIndex ?mentionEnd .
    FILTER (?mentionStart >= ?start && ?mentionEnd <= ?end)
  }
}"""


# Implementations whose agent was found in their sentence (not from the article's earlier
# sentences or a quotation's speaker) but that no evidence sentence names: by a mention, a
# resolved generic reference (该旗, 村里) or one of the agent's names written in it
# (军门社区 in 军门社区党群服务中心, whose community acts).
_AGENT_NOT_IN_EVIDENCE = """
PREFIX kgo: <https://w3id.org/zhkg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?implementation WHERE {
  ?implementation a kgo:Implementation ; kgo:agent ?agent .
  FILTER NOT EXISTS {
    ?implementation kgo:extractedBy ?rule . FILTER (REGEX(STR(?rule), ":(topic|speaker)$"))
  }
  FILTER NOT EXISTS {
    ?implementation kgo:evidence ?sentence .
    ?sentence nif:beginIndex ?start ; nif:endIndex ?end ; nif:referenceContext ?document .
    { ?named itsrdf:taIdentRef ?agent ; nif:referenceContext ?document ;
          nif:beginIndex ?namedStart ; nif:endIndex ?namedEnd . }
    UNION
    { ?named kgo:refersTo ?agent ; nif:referenceContext ?document ;
          nif:beginIndex ?namedStart ; nif:endIndex ?namedEnd . }
    FILTER (?namedStart >= ?start && ?namedEnd <= ?end)
  }
  FILTER NOT EXISTS {
    ?implementation kgo:evidence/kgo:sentenceText ?text .
    ?agent rdfs:label|skos:altLabel ?name .
    FILTER (CONTAINS(?text, STR(?name)))
  }
}"""


@pytest.fixture(scope="module")
def real_store(real) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=real("nq").path, format=ox.RdfFormat.N_QUADS)
    return store


def test_every_implementation_s_evidence_sentence_holds_its_programme(real_store):
    implementations = list(real_store.query(
        "SELECT ?i WHERE { ?i a <https://w3id.org/zhkg/ontology#Implementation> }",
        use_default_graph_as_union=True))
    assert len(implementations) > 500  # on every page that names a programme's actor
    outside = [(row["implementation"].value, row["text"].value) for row in real_store.query(
        _PROGRAMME_OUTSIDE_EVIDENCE, use_default_graph_as_union=True)]
    assert outside == []


def test_an_agent_found_in_its_sentence_is_named_or_referred_to_there(real_store):
    # Without the written references, 33 implementations of the real articles fail this.
    references = list(real_store.query(
        "SELECT ?r WHERE { ?r a <https://w3id.org/zhkg/ontology#Reference> }",
        use_default_graph_as_union=True))
    assert len(references) > 100
    unnamed = [row["implementation"].value for row in real_store.query(
        _AGENT_NOT_IN_EVIDENCE, use_default_graph_as_union=True)]
    assert unnamed == []
