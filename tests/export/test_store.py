"""``kg build --store``: a persistent store that rebuilds only what changed."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from pathlib import Path

import pyoxigraph
import pytest

from kg.cli import main
from kg.export import store as store_module
from kg.export.store import (
    GraphStore,
    StoreBusy,
    StoreFormatError,
    is_locked,
    is_store,
    open_read_only,
    read_lock,
    store_format,
)
from kg.rules import families

PAGES = {
    "a": ("阿鲁科尔沁旗：牧区党建\n\n通讯员 宝音\n\n"
          "阿鲁科尔沁旗委组织部推行“一户一策”联系制度。\n"),
    "b": "敖汉旗：小米产业富民\n\n通讯员 张强\n\n敖汉旗新惠镇党委开展“红色小米”品牌创建行动。\n",
}


def count(store_dir: Path, query: str) -> int:
    with open_read_only(store_dir) as store:
        rows = list(store.query(query, use_default_graph_as_union=True))
    return int(rows[0][0].value)


def graph_quads(store_dir: Path, graph: str) -> set[str]:
    with open_read_only(store_dir) as store:
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
    with open_read_only(store) as opened:
        found = {row[0].value for row in opened.query(labels)}
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
                                       f"source file is gone or no longer gives them "
                                       f"({corpus / 'a.txt'}); --prune removes them\n")
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


def test_a_file_now_split_into_parts_leaves_its_whole_document_an_orphan(corpus, tmp_path,
                                                                          capsys, monkeypatch):
    from kg import corpus as planning

    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    capsys.readouterr()
    # The same file grows past a file's limit: its parts a#p0001 … replace the document a.
    page = (corpus / "a.txt").read_text(encoding="utf-8")
    (corpus / "a.txt").write_text("\n\n".join([page] * 4), encoding="utf-8")
    monkeypatch.setattr(planning, "MAX_DOCUMENT_CHARS", len(page) * 2)
    monkeypatch.setattr(planning, "PART_CHARS", len(page) + 10)
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert capsys.readouterr().err == (f"kg build: warning: {store}: 1 document(s) whose "
                                       f"source file is gone or no longer gives them "
                                       f"({corpus / 'a.txt'}); --prune removes them\n")
    assert main(["build", str(corpus), "--store", str(store), "-q", "--prune"]) == 0
    assert "removed 1 document(s)" in capsys.readouterr().err
    assert not graph_quads(store, DOC_A) and graph_quads(store, DOC_A + "%23p0001")
    assert graph_quads(store, DOC_B)
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_prune_needs_a_store(corpus, tmp_path, capsys):
    assert main(["build", str(corpus), "-o", str(tmp_path / "g.ttl"), "--prune"]) == 2
    assert capsys.readouterr().err == "kg build: --prune needs --store DIR\n"


# -- one writer, or readers ----------------------------------------------------------------------
def test_a_second_build_is_refused_at_once_while_one_writes(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    with GraphStore(store):
        assert is_locked(store)
        assert main(["build", str(corpus), "--store", str(store), "-q"]) == 2
        assert capsys.readouterr().err == (
            f"kg build: error: {store}: another kg build is writing this store (process "
            f"{os.getpid()}); build again when it has finished\n")
    assert not is_locked(store)
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert count(store, PROGRAMS) == 2


def test_a_reader_is_told_the_store_is_busy_while_a_build_writes(corpus, tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    with GraphStore(store), pytest.raises(StoreBusy) as busy, open_read_only(store):
        pass
    assert str(busy.value) == (f"{store}: a kg build is writing this store (process "
                               f"{os.getpid()}); query it when the build has finished")
    assert count(store, PROGRAMS) == 2  # the lock went with the writer


def test_a_build_waits_for_readers_then_says_the_store_is_read(corpus, tmp_path, capsys,
                                                              monkeypatch):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    monkeypatch.setattr(store_module, "READER_WAIT", 0.2)
    with read_lock(store) as found:
        assert found == 2
        assert not is_locked(store)  # readers are no writer
        assert main(["build", str(corpus), "--store", str(store), "-q"]) == 2
    assert capsys.readouterr().err == (
        f"kg build: error: {store}: the store is being read (kg query or kg serve) and was "
        "not let go within 0.2 s; build again when they have finished\n")


def test_a_build_starts_when_the_readers_let_go(corpus, tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    held, done = threading.Event(), threading.Event()

    def read_briefly() -> None:
        with open_read_only(store) as opened:
            held.set()
            done.wait(0.3)
            assert len(opened) > 0

    reader = threading.Thread(target=read_briefly)
    reader.start()
    held.wait()
    (corpus / "a.txt").write_text(PAGES["a"].replace("一户一策", "草原书房"), encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    reader.join()
    assert count(store, PROGRAMS) == 2
    assert graph_quads(store, DOC_A) and '"草原书房"' in str(graph_quads(store, DOC_A))


# -- the store's format --------------------------------------------------------------------------
def test_a_new_store_notes_its_format_beside_the_database(corpus, tmp_path):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    marker = json.loads((store / "zhkg-store.json").read_text(encoding="utf-8"))
    assert marker == {"format": 2, "marked_by": f"zhkg {store_module.builder_version()}, "
                                               f"pyoxigraph {pyoxigraph.__version__}"}
    assert store_format(store) == 2 and is_store(store)
    assert {"zhkg.lock", "CURRENT"} <= {p.name for p in store.iterdir()}


def previous_release(store: Path) -> None:
    """Make ``store`` what zhkg wrote before formats were marked: the same database,
    without the marker and the lock (the code of that release, built the same pages,
    wrote these graphs: the layout did not change)."""
    (store / "zhkg-store.json").unlink()
    (store / "zhkg.lock").unlink()


def test_a_store_of_the_previous_release_is_read_and_adopted(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    contents = graph_quads(store, DOC_A) | graph_quads(store, DOC_B)
    previous_release(store)
    assert store_format(store) == 1 and is_store(store)
    assert count(store, PROGRAMS) == 2
    assert main(["query", str(store), "SELECT ?l WHERE { ?p a kgo:Program ; rdfs:label ?l } "
                 "ORDER BY ?l", "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["l", "一户一策", "红色小米"]
    # The layout is the same: a build marks it and skips what it holds.
    assert main(["build", str(corpus), "--store", str(store), "-q", "--summary"]) == 0
    assert "unchanged in store         2" in capsys.readouterr().out
    assert store_format(store) == 2
    assert graph_quads(store, DOC_A) | graph_quads(store, DOC_B) == contents


def test_a_store_of_an_older_format_is_read_but_not_written(corpus, tmp_path, capsys,
                                                           monkeypatch):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    before = sorted(p.name for p in store.iterdir())
    monkeypatch.setattr(store_module, "STORE_FORMAT", 3)  # a later release's
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 2
    assert capsys.readouterr().err == (
        f"kg build: error: {store}: store format 2; this zhkg "
        f"({store_module.builder_version()}) writes format 3: build into a new folder "
        "(kg build PATH... --store NEW_DIR); kg query still reads this one\n")
    assert sorted(p.name for p in store.iterdir()) == before
    assert count(store, PROGRAMS) == 2


def test_an_oxigraph_store_of_other_data_is_not_adopted(corpus, tmp_path, capsys):
    store = tmp_path / "theirs"
    other = pyoxigraph.Store(str(store))
    example = pyoxigraph.NamedNode("http://example.com/x")
    other.add(pyoxigraph.Quad(example, example, example))
    del other
    assert store_format(store) == 1
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 2
    assert capsys.readouterr().err == (f"kg build: error: {store}: an RDF store without zhkg "
                                       "documents; give a new or empty folder for --store\n")
    assert not (store / "zhkg-store.json").exists()


def test_a_store_of_a_newer_format_is_neither_read_nor_written(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    (store / "zhkg-store.json").write_text('{"format": 3}\n', encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 2
    version = store_module.builder_version()
    assert capsys.readouterr().err == (
        f"kg build: error: {store}: store format 3, newer than this zhkg ({version}) can "
        "write (format 2); upgrade zhkg, or build into a new folder with this one\n")
    with pytest.raises(StoreFormatError) as newer, open_read_only(store):
        pass
    assert str(newer.value) == (f"{store}: store format 3, newer than this zhkg ({version}) "
                                "can read (format 2); upgrade zhkg, or build into a new "
                                "folder with this one")


def test_an_unreadable_format_marker_is_one_line(corpus, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    (store / "zhkg-store.json").write_text('{"format": ', encoding="utf-8")
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"kg build: error: {store}: unreadable zhkg-store.json (")
    assert err.endswith("; rebuild into a new folder\n")


def test_what_a_build_killed_while_creating_the_store_left_is_no_obstacle(corpus, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "zhkg.lock").write_text("4242\n", encoding="ascii")
    (store / ".zhkg-store.json.k1ll3d.tmp").write_bytes(b'{"form')
    assert not is_store(store)
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert store_format(store) == 2 and count(store, PROGRAMS) == 2


def test_a_store_whose_creation_was_cut_short_holds_no_document(corpus, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / "zhkg-store.json").write_text('{"creating": true, "format": 2}\n',
                                           encoding="utf-8")
    with open_read_only(store) as opened:
        assert len(opened) == 0
    assert main(["build", str(corpus), "--store", str(store), "-q"]) == 0
    assert "creating" not in json.loads((store / "zhkg-store.json").read_text(encoding="utf-8"))
    assert count(store, PROGRAMS) == 2


ISSUED = ("SELECT ?d WHERE { <https://w3id.org/zhkg/resource/doc/a> "
          "<http://purl.org/dc/terms/issued> ?d }")


def issued(store_dir: Path) -> list[str]:
    with open_read_only(store_dir) as opened:
        return [row[0].value for row in opened.query(ISSUED, use_default_graph_as_union=True)]


def test_a_corrected_manifest_date_stores_only_that_document_again(corpus, tmp_path, capsys):
    store, manifest = tmp_path / "store", tmp_path / "dates.csv"
    manifest.write_text("file,date,paper,page,section\n"
                        "pages/a.txt,2025-11-04,内蒙古日报,3,\npages/b.txt,2025-11-05,,,\n",
                        encoding="utf-8")
    build = ["build", str(corpus), "--store", str(store), "--manifest", str(manifest), "-q"]
    assert main(build) == 0
    assert issued(store) == ["2025-11-04"]
    untouched = graph_quads(store, DOC_B)
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2025-11-04", "2025-11-14"),
                        encoding="utf-8")
    capsys.readouterr()
    assert main([*build, "--summary"]) == 0
    out = capsys.readouterr().out
    assert "stored in store          1" in out and "unchanged in store         1" in out
    assert issued(store) == ["2025-11-14"]
    assert graph_quads(store, DOC_B) == untouched
    # Building the undated pages into a fresh store writes them as before the manifests.
    assert main(["build", str(corpus), "--store", str(tmp_path / "plain"), "-q"]) == 0
    assert issued(tmp_path / "plain") == []
