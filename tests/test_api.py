"""The Python API (``kg.load``, ``kg.extract``, ``kg.build``, ``kg.query``) on the seeds and
on sentences of the seed pages, against what ``kg build`` and ``kg query`` give."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyoxigraph
import pytest
import spacy

import kg
from kg.cli import main
from kg.dates import DatedResult
from kg.export.store import GraphStore
from kg.query import QueryError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# From seeds/003 and seeds/002, with the place the page names before the first.
SUPERMARKET = ("为充分发挥村民在乡村治理中的主体作用,促进乡风文明建设,巴彦淖尔市乌拉特中旗石哈河镇"
               "西羊场村以党建为引领,设立“文明团结积分超市”,结合党员志愿服务、创建文明村镇、"
               "新时代文明实践等工作。")
DEPUTY = "谈及科级干部考核,鄂托克旗委组织部副部长任昱直言过往考核的痛点。"


def _python(code: str) -> str:
    """What ``code`` prints in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def seeds_store() -> pyoxigraph.Store:
    return kg.build(SEEDS)


# -- import ----------------------------------------------------------------------------------

def test_import_kg_loads_no_heavy_library():
    heavy = ("spacy", "rdflib", "pyoxigraph", "pandas", "networkx")
    loaded = _python("import sys, kg; kg.load, kg.extract, kg.build, kg.query; "
                     f"print([m for m in {heavy!r} if m in sys.modules])")
    assert loaded.strip() == "[]"


def test_api_names_survive_importing_the_submodules_of_the_same_name():
    from kg.extract import Extractor  # noqa: F401  (sets kg.extract as an import would)
    from kg.query import run_query  # noqa: F401

    assert kg.extract is kg.api.extract
    assert kg.query is kg.api.query
    assert "Extractor" in vars(sys.modules["kg.extract"])
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        kg.nothing  # noqa: B018


# -- load ------------------------------------------------------------------------------------

def test_load_gives_the_pipeline_whose_entities_render_in_displacy():
    nlp = kg.load()
    assert kg.load() is nlp  # loaded once per process
    doc = nlp(SUPERMARKET + DEPUTY)
    assert {(e.text, e.label_) for e in doc.ents} >= {
        ("乌拉特中旗", "PLACE"), ("文明团结积分超市", "PROGRAM"), ("鄂托克旗委组织部", "ORG"),
        ("任昱", "PERSON")}
    html = spacy.displacy.render(doc, style="ent", options=kg.displacy_options())
    for label in ("ORG", "PLACE", "PERSON", "PROGRAM"):
        assert f">{label}</span>" in html
    assert "文明团结积分超市" in html
    colours = kg.displacy_options()["colors"]
    assert len(set(colours.values())) == 4 and f"background: {colours['PROGRAM']}" in html


# -- extract ---------------------------------------------------------------------------------

def test_extract_gives_mentions_entities_and_implementations():
    result = kg.extract(SUPERMARKET, identifier="supermarket")
    assert result.identifier == "supermarket" and result.text == SUPERMARKET
    assert [(m.text, m.etype) for m in result.mentions] == [
        ("巴彦淖尔市", "PLACE"), ("乌拉特中旗", "PLACE"), ("石哈河镇", "PLACE"),
        ("西羊场村", "PLACE"), ("文明团结积分超市", "PROGRAM")]
    assert all(SUPERMARKET[m.start:m.end] == m.text for m in result.mentions)
    label = {key: entity.label for key, entity in result.entities.items()}
    assert [(label[i.agent], label[i.program], label[i.region])
            for i in result.implementations] == [("西羊场村", "文明团结积分超市", "西羊场村")]
    assert result.entities[result.implementations[0].region].admin_level is not None


def test_extract_gives_memberships():
    result = kg.extract(DEPUTY, identifier="deputy")
    names = {key: entity.label for key, entity in result.entities.items()}
    assert [(names[m.person], names[m.organization], m.role) for m in result.memberships] == [
        ("任昱", "鄂托克旗委组织部", "副部长")]


def test_extract_reads_traditional_characters_and_a_dateline_as_a_text_file_is_read():
    traditional = ("《人民日報》（2025年11月04日第 18 版）\n"
                   "巴彥淖爾市烏拉特中旗石哈河鎮西羊場村以黨建為引領,設立“文明團結積分超市”。")
    result = kg.extract(traditional, identifier="trad")
    assert isinstance(result, DatedResult)
    assert result.publication.issued == dt.date(2025, 11, 4)
    assert result.publication.page == "18"
    program = next(m for m in result.mentions if m.etype == "PROGRAM")
    assert program.text == "文明團結積分超市"  # the anchor as written
    assert result.entities[program.entity].label == "文明团结积分超市"


def test_extract_refuses_an_unknown_rule_family():
    with pytest.raises(ValueError, match=r"zhkg\.nothing"):
        kg.extract(DEPUTY, disable=["zhkg.nothing:rule"])


# -- build -----------------------------------------------------------------------------------

def test_build_holds_the_quads_kg_build_writes(seeds_store, seeds_output):
    written = pyoxigraph.Store()
    written.load(path=str(seeds_output("trig")), format=pyoxigraph.RdfFormat.TRIG)
    assert len(seeds_store) > 5000
    assert set(seeds_store) == set(written)


def test_build_dates_documents_from_a_manifest(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEEDS / "003_0cdc18226c8e2912.txt", folder / "page.txt")
    manifest = tmp_path / "dates.csv"
    manifest.write_text("file,date,paper,page,section\npages/page.txt,2025-11-11,人民日报,19,党建\n",
                        encoding="utf-8")
    store = kg.build([folder], manifest=manifest)
    rows = kg.query(store, "SELECT ?id ?issued ?publisher { ?d dcterms:identifier ?id ; "
                           "dcterms:issued ?issued ; dcterms:publisher ?publisher }",
                    frame=False)
    assert rows == [{"id": "page", "issued": dt.date(2025, 11, 11), "publisher": "人民日报"}]


def test_build_warns_of_a_bad_input_and_builds_the_others(tmp_path):
    shutil.copy(SEEDS / "002_af015012fd988336.txt", tmp_path / "good.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00binary" * 50)
    with pytest.warns(kg.InputWarning) as caught:
        store = kg.build(tmp_path)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1 and "broken.txt" in messages[0], messages
    assert "\n" not in messages[0]
    ids = kg.query(store, "SELECT ?id { ?d a nif:Context ; dcterms:identifier ?id }")
    assert ids["id"].tolist() == ["good"]


def test_build_of_nothing_readable_is_a_build_error(tmp_path):
    (tmp_path / "notes.md").write_text("# not an input", encoding="utf-8")
    with pytest.raises(kg.BuildError, match=r"no \.txt, \.html or \.htm file in"):
        kg.build(tmp_path)
    with pytest.raises(kg.BuildError, match="no input could be read"), \
            pytest.warns(kg.InputWarning, match="missing.txt"):
        kg.build([tmp_path / "missing.txt"])


# -- query -----------------------------------------------------------------------------------

def test_query_answers_a_shipped_question_as_a_dataframe(seeds_store):
    answer = kg.query(seeds_store, "programmes_by_keyword")
    assert isinstance(answer, pd.DataFrame)
    assert list(answer.columns[:3]) == ["programmeLabel", "agentLabel", "regionLabel"]
    assert ("文明团结积分超市", "西羊场村", "乌拉特中旗") in set(
        zip(answer.programmeLabel, answer.agentLabel, answer.countyLabel, strict=True))


def test_query_rows_are_typed_and_match_kg_query_csv(seeds_store, seeds_output, capsys):
    rows = kg.query(seeds_store, "most_mentioned_entities", frame=False)
    assert main(["query", str(seeds_output("ttl")), "most_mentioned_entities",
                 "--format", "csv"]) == 0
    csv = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str)
    assert len(rows) == len(csv) > 10
    assert [list(row.values()) for row in rows] == [
        [int(v) if v.isdigit() else v for v in record] for record in csv.fillna("").values.tolist()]
    assert any(isinstance(value, int) for value in rows[0].values())


def test_query_reads_graph_files_and_store_directories(seeds_output, tmp_path):
    ask = "ASK { ?p a kgo:Program ; rdfs:label '文明团结积分超市'@zh }"
    assert kg.query(seeds_output("ttl"), ask) is True
    assert main(["build", str(SEEDS / "003_0cdc18226c8e2912.txt"), "--store",
                 str(tmp_path / "store"), "-q"]) == 0
    assert kg.query(tmp_path / "store", ask) is True
    assert kg.query(str(tmp_path / "store"), "ASK { ?p rdfs:label '任昱'@zh }") is False
    with GraphStore(tmp_path / "store"), \
            pytest.raises(QueryError, match="a kg build is writing this store"):
        kg.query(tmp_path / "store", ask)


def test_query_construct_gives_triples(seeds_store):
    triples = kg.query(seeds_store, "CONSTRUCT { ?p a kgo:Program } "
                                    "WHERE { ?p rdfs:label '文明团结积分超市'@zh }")
    assert triples.to_dict("records") == [{
        "subject": "https://w3id.org/zhkg/resource/program/"
                   "%E6%96%87%E6%98%8E%E5%9B%A2%E7%BB%93%E7%A7%AF%E5%88%86%E8%B6%85%E5%B8%82",
        "predicate": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "object": "https://w3id.org/zhkg/ontology#Program"}]


def test_query_refuses_updates_and_what_is_no_graph(seeds_store, tmp_path):
    with pytest.raises(QueryError, match="read-only"):
        kg.query(seeds_store, "DELETE WHERE { ?s ?p ?o }")
    assert len(seeds_store) > 5000
    with pytest.raises(QueryError, match="cannot query a dict"):
        kg.query({}, "implementations")
    with pytest.raises(QueryError, match=r"neither a \.rq file, SPARQL, nor a shipped query"):
        kg.query(seeds_store, "no_such_question")
    (tmp_path / "bad.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.ttl: cannot load the graph"):
        kg.query(tmp_path / "bad.ttl", "implementations")


def test_query_gives_a_list_of_dicts_without_pandas(seeds_store, tmp_path):
    graph = tmp_path / "seeds.trig"
    seeds_store.dump(str(graph), pyoxigraph.RdfFormat.TRIG)
    out = _python("import sys; sys.modules['pandas'] = None\n"  # as if not installed
                  "import json, kg\n"
                  f"rows = kg.query({str(graph)!r}, 'programmes_by_keyword')\n"
                  "print(json.dumps([type(rows).__name__, rows], ensure_ascii=False))")
    kind, rows = json.loads(out)
    assert kind == "list"
    wanted = {"programmeLabel": "文明团结积分超市", "agentLabel": "西羊场村"}
    assert any(wanted.items() <= row.items() for row in rows)


def test_query_binds_a_shipped_query_s_parameters(seeds_store):
    found = kg.query(seeds_store, "programmes_by_keyword", keyword="谈")
    assert {"五类人必谈", "非提拔任用谈话", "邻里座谈会"} <= set(found.programmeLabel)
    assert "文明团结积分超市" not in set(found.programmeLabel)
    one = kg.query(seeds_store, "organizations_in_place", place="回民区")
    both = kg.query(seeds_store, "organizations_in_place", place=["回民区", "新城区"])
    assert set(one.organization) < set(both.organization)
    with pytest.raises(QueryError, match="has no parameter 'town'"):
        kg.query(seeds_store, "organizations_in_place", town="回民区")
