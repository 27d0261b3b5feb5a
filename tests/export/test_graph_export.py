"""The Gephi export: the seeds' entity graph as GEXF 1.3 and GraphML, and its edge arithmetic."""

from __future__ import annotations

import glob
import importlib.util
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from networkx.readwrite.gexf import GEXFWriter
from rdflib import DCTERMS, RDF, RDFS, Dataset, Graph, Literal, URIRef

from kg.export.graph import (
    EDGE_KINDS,
    ENTITY_TYPES,
    GEXF_VERSION,
    TYPE_COLOURS,
    entity_graph,
    load_rdf,
    write_entity_graph,
    write_gexf,
    write_graphml,
)
from kg.graph.namespace import ITSRDF, KGO, KGR, NIF, ORG

ROOT = Path(__file__).resolve().parents[2]
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
READERS = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}
WRITERS = {"gexf": write_gexf, "graphml": write_graphml}


@pytest.fixture(scope="module")
def seeds_ttl(seeds_output) -> Path:
    return seeds_output("ttl")


@pytest.fixture(scope="module")
def seeds(seeds_ttl: Path) -> nx.MultiDiGraph:
    return entity_graph(seeds_ttl)


@pytest.fixture(scope="module")
def exported(seeds: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("export")
    paths = {fmt: folder / f"seeds.{fmt}" for fmt in WRITERS}
    for fmt, path in paths.items():
        WRITERS[fmt](seeds, path)
    return paths


def edges_of(G: nx.MultiDiGraph, kind: str) -> list[tuple[str, str, dict]]:
    return [(u, v, d) for u, v, d in G.edges(data=True) if d["kind"] == kind]


# -- the seeds' graph --------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(READERS))
def test_read_back_with_label_and_type_on_every_node(fmt, seeds, exported):
    back = READERS[fmt](exported[fmt])
    assert set(back.nodes) == set(seeds.nodes)
    assert back.number_of_edges() == seeds.number_of_edges()
    for node, data in back.nodes(data=True):
        assert isinstance(data.get("label"), str) and data["label"], node
        assert data.get("type") in ENTITY_TYPES, node
        assert data["label"] == seeds.nodes[node]["label"]


def test_node_types_are_the_four_roots(seeds):
    assert {d["type"] for _, d in seeds.nodes(data=True)} == set(ENTITY_TYPES)
    for node, d in seeds.nodes(data=True):
        assert d["kgo_class"] and "#" not in d["kgo_class"], node
        assert isinstance(d["admin_code"], str) and isinstance(d["admin_level"], int)
        assert 0 <= d["admin_level"] <= 5
        assert d["viz"]["color"] == dict(zip("rgb", TYPE_COLOURS[d["type"]], strict=True), a=1.0)
        assert d["viz"]["size"] >= 10.0
    places = [d for _, d in seeds.nodes(data=True) if d["admin_code"]]
    assert places and all(d["type"] == "PLACE" and d["admin_level"] > 0 for d in places)


def test_mentions_count_every_link_to_an_entity(seeds, seeds_ttl):
    rdf = Graph().parse(seeds_ttl)
    linked = [o for o in rdf.objects(None, ITSRDF.taIdentRef) if str(o) in seeds]
    assert sum(d["mentions"] for _, d in seeds.nodes(data=True)) == len(linked) > 0


def test_edges_of_each_kind_between_the_right_types(seeds):
    kinds = {d["kind"] for *_, d in seeds.edges(data=True)}
    assert {"implements", "in", "partOf", "locatedIn", "member"} <= kinds <= set(EDGE_KINDS)
    ends = {"implements": ({"ORG", "PLACE"}, {"PROGRAM"}), "in": ({"PROGRAM"}, {"PLACE"}),
            "partOf": ({"PLACE"}, {"PLACE"}), "locatedIn": ({"ORG"}, {"PLACE"}),
            "subOrganizationOf": ({"ORG"}, {"ORG"}), "member": ({"PERSON"}, {"ORG", "PLACE"})}
    for u, v, key, d in seeds.edges(keys=True, data=True):
        assert key == d["kind"]
        sources, targets = ends[d["kind"]]
        assert seeds.nodes[u]["type"] in sources and seeds.nodes[v]["type"] in targets, (u, v, key)


def test_implementation_and_member_edges_carry_their_evidence(seeds):
    for kind in ("implements", "in", "member"):
        for u, v, d in edges_of(seeds, kind):
            assert d["weight"] >= 1 and d["evidence"] >= 1, (u, v, kind)
            assert d["evidence_text"].strip(), (u, v, kind)
    assert all(d["role"] for *_, d in edges_of(seeds, "member"))
    for kind in ("partOf", "locatedIn", "subOrganizationOf"):
        assert all(d["weight"] == 1 and d["evidence"] == 0 for *_, d in edges_of(seeds, kind))


# -- reading RDF ---------------------------------------------------------------------------------
def test_named_graphs_are_read_whole(seeds, seeds_ttl, tmp_path):
    """Entities in one named graph, their relations and mentions in another: same graph."""
    dataset = Dataset()
    types, rest = dataset.graph(KGR["graph/types"]), dataset.graph(KGR["graph/rest"])
    for triple in Graph().parse(seeds_ttl):
        (types if triple[1] in (RDF.type, RDFS.label) else rest).add(triple)
    for G in (entity_graph(dataset), entity_graph(_saved(dataset, tmp_path / "seeds.trig"))):
        assert list(G.nodes(data=True)) == list(seeds.nodes(data=True))
        assert list(G.edges(keys=True, data=True)) == list(seeds.edges(keys=True, data=True))


def _saved(dataset: Dataset, path: Path) -> Path:
    dataset.serialize(path, format="trig")
    def count(d: Dataset) -> int:
        return sum(1 for _ in d.quads((None, None, None, None)))

    assert count(load_rdf(path)) == count(dataset)
    return path


def test_load_rdf_rejects_an_unknown_extension(tmp_path):
    with pytest.raises(ValueError, match="unknown output format"):
        load_rdf(tmp_path / "graph.xml")


# -- the files -----------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_two_exports_are_byte_identical(fmt, seeds_ttl, exported, tmp_path):
    again = tmp_path / f"again.{fmt}"
    WRITERS[fmt](entity_graph(load_rdf(seeds_ttl)), again)
    assert again.read_bytes() == exported[fmt].read_bytes()


def test_exports_do_not_depend_on_hash_seed(seeds_ttl, exported, tmp_path):
    script = ("import sys; from kg.export.graph import write_entity_graph as w; "
              "w(sys.argv[1], sys.argv[2]); w(sys.argv[1], sys.argv[3])")
    for seed in ("1", "2"):
        outs = [tmp_path / f"{seed}.gexf", tmp_path / f"{seed}.graphml"]
        subprocess.run([sys.executable, "-c", script, str(seeds_ttl), *map(str, outs)],
                       check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert outs[0].read_bytes() == exported["gexf"].read_bytes()
        assert outs[1].read_bytes() == exported["graphml"].read_bytes()


def _gexf_schemas() -> list[str]:
    """GEXF schemas shipped by an installed package, if any."""
    return sorted(glob.glob(os.path.join(sys.prefix, "**", "*gexf*.xsd"), recursive=True))


def test_gexf_is_version_1_3(exported):
    schemas = _gexf_schemas()
    if schemas and importlib.util.find_spec("lxml") is not None:
        from lxml import etree

        schema = etree.XMLSchema(etree.parse(schemas[0]))
        schema.assertValid(etree.parse(str(exported["gexf"])))
    # Today no GEXF schema ships with networkx or any installed package (and the published 1.3
    # XSD is incomplete), so also check what networkx gets wrong against the 1.3 grammar.
    root = ET.parse(exported["gexf"]).getroot()
    assert root.tag == f"{{{GEXF_NS}}}gexf"
    assert root.get("version") == GEXF_VERSION == "1.3"
    assert not [name for name in root.attrib if "schemaLocation" in name]
    meta = root.find(f"{{{GEXF_NS}}}meta")
    assert meta is not None and "lastmodifieddate" not in meta.attrib
    graph = root.find(f"{{{GEXF_NS}}}graph")
    assert set(graph.attrib) == {"defaultedgetype", "mode"}
    assert graph.get("defaultedgetype") == "directed"
    titles = {a.get("title") for a in graph.iter(f"{{{GEXF_NS}}}attribute")}
    assert "networkx_key" not in titles
    edges = list(graph.iter(f"{{{GEXF_NS}}}edge"))
    assert edges and all(e.get("kind") in EDGE_KINDS for e in edges)
    assert [e.get("id") for e in edges] == [f"e{i}" for i in range(len(edges))]
    nodes = graph.findall(f"{{{GEXF_NS}}}nodes/{{{GEXF_NS}}}node")
    assert nodes and all(n.find(f"{{{VIZ_NS}}}color") is not None for n in nodes)


def test_modified_date_is_written_only_when_given(seeds, tmp_path):
    from datetime import date

    write_gexf(seeds, tmp_path / "dated.gexf", modified=date(2024, 5, 1))
    meta = ET.parse(tmp_path / "dated.gexf").getroot().find(f"{{{GEXF_NS}}}meta")
    assert meta.get("lastmodifieddate") == "2024-05-01"


def test_graphml_colours_are_gephi_keys(exported):
    back = nx.read_graphml(exported["graphml"])
    for _, d in back.nodes(data=True):
        assert (d["r"], d["g"], d["b"]) == TYPE_COLOURS[d["type"]] and d["size"] >= 10.0


def test_write_entity_graph_picks_the_format_by_extension(seeds_ttl, exported, tmp_path):
    G = write_entity_graph(seeds_ttl, tmp_path / "out.graphml")
    assert (tmp_path / "out.graphml").read_bytes() == exported["graphml"].read_bytes()
    assert G.number_of_nodes() > 0
    with pytest.raises(ValueError, match="unknown graph format"):
        write_entity_graph(seeds_ttl, tmp_path / "out.dot")


# -- atomic writes -------------------------------------------------------------------------------
def _assert_untouched(path: Path, before: bytes) -> None:
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_graph_that_cannot_be_written_leaves_the_old_file(fmt, tmp_path):
    out = tmp_path / f"old.{fmt}"
    out.write_bytes(b"old content\n")
    bad = nx.MultiDiGraph()
    bad.add_node("x", label="x", type="ORG", unsupported={1, 2})  # a set has no XML type
    with pytest.raises((TypeError, nx.NetworkXError)):
        WRITERS[fmt](bad, out)
    _assert_untouched(out, b"old content\n")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_a_write_that_fails_halfway_leaves_the_old_file(fmt, seeds, tmp_path, monkeypatch):
    def half_then_fail(*args, **kwargs) -> None:
        fh = next(a for a in (*args, *kwargs.values()) if hasattr(a, "write"))
        fh.write(b"<?xml version='1.0'?><trunc")
        raise OSError("disk full")

    if fmt == "gexf":
        monkeypatch.setattr(GEXFWriter, "write", lambda self, fh: half_then_fail(fh))
    else:
        monkeypatch.setattr(nx, "write_graphml_xml", half_then_fail)
    out = tmp_path / f"old.{fmt}"
    out.write_bytes(b"old content\n")
    with pytest.raises(OSError, match="disk full"):
        WRITERS[fmt](seeds, out)
    _assert_untouched(out, b"old content\n")


# -- edge arithmetic on a hand-made graph --------------------------------------------------------
def _hand_made() -> Graph:
    g = Graph()
    org, village, town = KGR["org/branch"], KGR["place/village"], KGR["place/town"]
    program, person, other = KGR["program/p"], KGR["person/wang"], URIRef("urn:not-an-entity")
    for node, cls, label in ((org, KGO.PartyBranch, "某村党支部"), (village, KGO.Village, "某村"),
                             (town, KGO.Town, "某镇"), (program, KGO.Brand, "红色品牌"),
                             (person, KGO.Person, "王某")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((org, RDFS.label, Literal("Branch", lang="en")))
    g.add((village, RDF.type, KGO.Place))  # a root besides the specific class
    g.add((village, KGO.adminLevel, Literal(5)))
    sentences = {}
    for name, text in (("s1", "乙句。"), ("s2", "甲句。"), ("s3", "丙句。")):
        sentences[name] = KGR[f"doc/d#{name}"]
        g.add((sentences[name], RDF.type, NIF.Sentence))
        g.add((sentences[name], KGO.sentenceText, Literal(text)))
    for i, (agent, evidence) in enumerate(((org, "s1"), (org, "s2"), (other, "s3"))):
        impl = KGR[f"impl/{i}"]
        g.add((impl, RDF.type, KGO.Implementation))
        g.add((impl, KGO.agent, agent))
        g.add((impl, KGO.program, program))
        g.add((impl, KGO.region, village))
        g.add((impl, KGO.evidence, sentences[evidence]))
    for i, role in enumerate(("书记", "委员")):
        membership, role_node = KGR[f"membership/{i}"], KGR[f"role/{i}"]
        g.add((membership, RDF.type, ORG.Membership))
        g.add((membership, ORG.member, person))
        g.add((membership, ORG.organization, org))
        g.add((membership, ORG.role, role_node))
        g.add((role_node, RDFS.label, Literal(role, lang="zh")))
    g.add((membership, KGO.evidence, sentences["s3"]))
    g.add((village, KGO.partOf, town))
    g.add((village, KGO.locatedIn, town))  # off the contract, but kept as its own edge
    g.add((org, KGO.locatedIn, other))     # not an entity: left out
    for n in range(3):
        g.add((KGR[f"doc/d#m{n}"], ITSRDF.taIdentRef, org if n else village))
        g.add((KGR[f"doc/d#m{n}"], NIF.referenceContext, KGR["doc/d"]))
    g.add((sentences["s3"], NIF.referenceContext, KGR["doc/d"]))
    g.add((KGR["doc/d"], DCTERMS.identifier, Literal("d")))
    return g


def test_edges_are_aggregated_with_counts_roles_and_the_smallest_sentence(tmp_path):
    G = entity_graph(_hand_made())
    org, village, town = str(KGR["org/branch"]), str(KGR["place/village"]), str(KGR["place/town"])
    program, person = str(KGR["program/p"]), str(KGR["person/wang"])
    implements = G[org][program]["implements"]
    assert (implements["weight"], implements["evidence"]) == (2, 2)
    assert implements["evidence_text"] == "乙句。"  # smallest by code point: 乙 < 甲
    in_ = G[program][village]["in"]
    assert (in_["weight"], in_["evidence"], in_["evidence_text"]) == (3, 3, "丙句。")
    member = G[person][org]["member"]
    assert (member["weight"], member["role"], member["evidence"]) == (2, "书记、委员", 1)
    assert set(G[village][town]) == {"partOf", "locatedIn"}
    assert G.out_degree(org) == 1  # locatedIn a non-entity is dropped
    assert G.nodes[org]["label"] == "某村党支部" and G.nodes[org]["kgo_class"] == "PartyBranch"
    assert G.nodes[village]["kgo_class"] == "Village" and G.nodes[village]["admin_level"] == 5
    assert (G.nodes[org]["mentions"], G.nodes[village]["mentions"], G.nodes[town]["mentions"]) \
        == (2, 1, 0)
    # Each node and edge names the documents it comes from, a line each.
    assert (G.nodes[org]["documents"], G.nodes[town]["documents"]) == ("d", "")
    assert G[person][org]["member"]["documents"] == "d"
    write_gexf(G, tmp_path / "hand.gexf")
    back = nx.read_gexf(tmp_path / "hand.gexf")
    assert back.is_multigraph() and back.number_of_edges() == G.number_of_edges()
    kinds = {e.get("kind") for e in ET.parse(tmp_path / "hand.gexf").iter(f"{{{GEXF_NS}}}edge")
             if e.get("source") == village}
    assert kinds == {"partOf", "locatedIn"}


def test_a_class_declared_in_the_data_is_placed_under_its_root():
    g = Graph()
    cls, entity = URIRef("https://example.org/ext#RedBrand"), KGR["program/x"]
    g.add((cls, RDFS.subClassOf, KGO.Brand))
    g.add((entity, RDF.type, cls))
    g.add((entity, RDF.type, KGO.Program))
    G = entity_graph(g)
    assert dict(G.nodes[str(entity)], viz=None) == {
        "label": str(entity), "type": "PROGRAM", "kgo_class": "Brand", "admin_code": "",
        "admin_level": 0, "mentions": 0, "documents": "", "viz": None}
