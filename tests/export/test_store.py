"""``kg build --store``: a persistent store that rebuilds only what changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph
import pytest

from kg.cli import main
from kg.rules import families

PAGES = {
    "a": ("阿鲁科尔沁旗：牧区党建\n\n通讯员 宝音\n\n"
          "阿鲁科尔沁旗委组织部推行“一户一策”联系制度。\n"),
    "b": "敖汉旗：小米产业富民\n\n通讯员 张强\n\n敖汉旗新惠镇党委开展“红色小米”品牌创建行动。\n",
}


def count(store_dir: Path, query: str) -> int:
    store = pyoxigraph.Store.read_only(str(store_dir))
    rows = list(store.query(query, use_default_graph_as_union=True))
    return int(rows[0][0].value)


def graph_quads(store_dir: Path, graph: str) -> set[str]:
    store = pyoxigraph.Store.read_only(str(store_dir))
    return {str(q) for q in store.quads_for_pattern(None, None, None,
                                                     pyoxigraph.NamedNode(graph))}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in PAGES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


PROGRAMS = ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE "
            "{ ?p a <https://w3id.org/zhkg/ontology#Program> }")
DOC_A = "https://w3id.org/zhkg/resource/doc/a"
DOC_B = "https://w3id.org/zhkg/resource/doc/b"


def test_store_holds_every_document_and_answers_queries(corpus, tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert count(store, PROGRAMS) == 2
    assert graph_quads(store, DOC_A) and graph_quads(store, DOC_B)


def test_rebuilding_the_same_inputs_changes_nothing(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    before = graph_quads(store, DOC_A) | graph_quads(store, DOC_B)
    assert main(["build", str(corpus), "--store", str(store), "-q", "--summary"]) == 0
    assert "unchanged in store         2" in capsys.readouterr().out
    assert graph_quads(store, DOC_A) | graph_quads(store, DOC_B) == before


def test_bumping_a_rule_family_reads_every_document_again(corpus, tmp_path, capsys,
                                                          monkeypatch):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    bumped = dict(families.families())
    chain = bumped["zhkg.places:chain"]
    bumped[chain.name] = dataclasses.replace(chain, version=chain.version + 1)
    monkeypatch.setattr(families, "families", lambda: bumped)
    assert main(["build", str(corpus), "--store", str(store), "-q", "--summary"]) == 0
    out = capsys.readouterr().out
    assert "stored in store          2" in out and "unchanged" not in out
    # And under the new versions an unchanged rebuild skips them again.
    assert main(["build", str(corpus), "--store", str(store), "-q", "--summary"]) == 0
    assert "unchanged in store         2" in capsys.readouterr().out


def test_the_rules_digest_follows_family_versions_and_data(monkeypatch):
    before = families.rules_digest()
    assert families.rules_digest() == before  # deterministic
    bumped = dict(families.families())
    named = bumped["zhkg.orgs:named"]
    bumped[named.name] = dataclasses.replace(named, version=named.version + 1)
    monkeypatch.setattr(families, "families", lambda: bumped)
    assert f"zhkg.orgs.v{named.version + 1}:named" in families.versions()
    assert families.rules_digest() != before


def test_changed_document_replaces_only_its_own_graphs(corpus, tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    untouched = graph_quads(store, DOC_B)
    (corpus / "a.txt").write_text(PAGES["a"].replace("“一户一策”联系制度", "“草原书房”读书活动"),
                                  encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    labels = ("SELECT ?l WHERE { GRAPH <https://w3id.org/zhkg/resource/graph/entities/a> "
              "{ ?p a <https://w3id.org/zhkg/ontology#Program> ; "
              "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    found = {row[0].value for row in pyoxigraph.Store.read_only(str(store)).query(labels)}
    assert found == {"草原书房"}
    assert graph_quads(store, DOC_B) == untouched


def test_query_reads_the_store_directory(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    capsys.readouterr()
    assert main(["query", str(store), "SELECT ?l WHERE { ?p a kgo:Program ; rdfs:label ?l } "
                 "ORDER BY ?l", "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["l", "一户一策", "红色小米"]


def test_build_needs_an_output_or_a_store(corpus, capsys):
    assert main(["build", str(corpus)]) == 2
    assert "--store" in capsys.readouterr().err


def summary_rows(text: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in text.splitlines()[1:]}


def test_the_summary_of_a_store_build_counts_its_entities(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "-q", "--summary"]) == 0
    with_file = summary_rows(capsys.readouterr().out)
    assert main(["build", str(corpus), "--store", str(tmp_path / "store"), "-q",
                 "--summary"]) == 0
    store_only = summary_rows(capsys.readouterr().out)
    for etype in ("ORG", "PLACE", "PERSON", "PROGRAM"):
        assert store_only[etype] == with_file[etype]
    assert store_only["PROGRAM"] == ["2", "2"]


def test_a_folder_of_other_files_is_refused_as_a_store(corpus, tmp_path, capsys):
    mine = tmp_path / "my-notes"
    mine.mkdir()
    (mine / "todo.txt").write_text("买菜\n", encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(mine), "-q"]) == 2
    assert capsys.readouterr().err == (f"kg build: error: {mine}: not a zhkg store and not "
                                       "empty; give a new or empty folder for --store\n")
    assert [p.name for p in mine.iterdir()] == ["todo.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["build", str(corpus), "--store", str(empty), "-q"]) == 0
    assert count(empty, PROGRAMS) == 2


@pytest.mark.parametrize("command", [["validate"], ["export", "-o", "x.gexf"]])
def test_validate_and_export_say_a_store_is_a_store(corpus, tmp_path, capsys, command):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    capsys.readouterr()
    name, *rest = command
    assert main([name, str(store), *rest]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"kg {name}: error: {store}: is a store directory; kg {name} reads "
                          "a graph file")


def test_documents_whose_source_is_gone_are_named_and_pruned_on_request(corpus, tmp_path,
                                                                        capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    capsys.readouterr()
    (corpus / "a.txt").unlink()
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert capsys.readouterr().err == (f"kg build: warning: {store}: 1 document(s) whose "
                                       f"source file is gone ({corpus / 'a.txt'}); --prune "
                                       "removes them\n")
    assert graph_quads(store, DOC_A)  # kept until asked
    assert main(["build", str(corpus), "--store", str(store), "-q", "--prune"]) == 0
    assert "removed 1 document(s)" in capsys.readouterr().err
    assert not graph_quads(store, DOC_A) and graph_quads(store, DOC_B)
    assert not graph_quads(store, "https://w3id.org/zhkg/resource/graph/entities/a")
    assert count(store, PROGRAMS) == 1
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_a_moved_source_is_not_gone(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    moved = tmp_path / "moved"
    corpus.rename(moved)
    assert main(["build", str(moved), "--store", str(store), "-q", "--summary"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "unchanged in store         2" in captured.out
    assert main(["build", str(moved), "--store", str(store), "-q", "--prune"]) == 0
    assert count(store, PROGRAMS) == 2


def test_prune_needs_a_store(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--prune"]) == 2
    assert capsys.readouterr().err == "kg build: --prune needs --store DIR\n"
