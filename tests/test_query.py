"""``kg query``: SPARQL on a graph file, in the formats researchers paste into tables."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pyoxigraph
import pytest

from kg.cli import main
from kg.query import bind_parameters

PAGE = ("科尔沁右翼中旗：党建引领嘎查振兴\n\n通讯员 白晓光\n\n"
        "近年来，科尔沁右翼中旗委组织部推行“党员联户”工作法，"
        "在巴彦呼舒镇开展“红色庭院”创建活动。\n")


@pytest.fixture(scope="module")
def graph(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("query")
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    out = folder / "page.trig"
    assert main(["build", str(folder / "page.txt"), "-o", str(out), "-q"]) == 0
    return out


PROGRAMS = "SELECT ?label WHERE { ?p a kgo:Program ; rdfs:label ?label } ORDER BY ?label"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["query", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_csv_has_a_header_line_and_one_row_per_solution(graph, capsys):
    code, out, _ = run(capsys, str(graph), PROGRAMS, "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["label"]
    assert [r[0] for r in rows[1:]] == ["党员联户", "红色庭院"]


def test_json_is_sparql_results_json(graph, capsys):
    code, out, _ = run(capsys, str(graph), PROGRAMS, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == ["党员联户", "红色庭院"]


def test_table_aligns_columns_and_counts_rows(graph, capsys):
    code, out, _ = run(capsys, str(graph), PROGRAMS)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "label"
    assert lines[2:4] == ["党员联户", "红色庭院"]
    assert lines[-1] == "(2 rows)"


def test_named_graphs_are_queried_as_one_default_graph(graph, capsys):
    # Implementations live in the document's named graph, labels in the entities graph.
    query = ("SELECT ?agent ?program WHERE { ?i a kgo:Implementation ; kgo:agent/rdfs:label "
             "?agent ; kgo:program/rdfs:label ?program } ORDER BY ?program")
    code, out, _ = run(capsys, str(graph), query, "--format", "tsv")
    assert code == 0
    assert '"党员联户"@zh' in out and '"科尔沁右翼中旗委组织部"@zh' in out


def test_ask_prints_true_or_false(graph, capsys):
    assert run(capsys, str(graph), "ASK { ?p a kgo:Program }")[1] == "true\n"
    assert run(capsys, str(graph), "ASK { ?p a kgo:Person ; rdfs:label \"无此人\"@zh }")[1] \
        == "false\n"


def test_query_from_an_rq_file(graph, tmp_path, capsys):
    rq = tmp_path / "programs.rq"
    rq.write_text(PROGRAMS, encoding="utf-8")
    code, out, _ = run(capsys, str(graph), str(rq), "--format", "csv")
    assert code == 0 and "红色庭院" in out


def test_unknown_query_name_is_refused_with_the_shipped_names(graph, capsys):
    code, out, err = run(capsys, str(graph), "no_such_query")
    assert code == 1 and out == ""
    assert "no_such_query" in err and "shipped query" in err


def test_query_that_does_not_parse_is_an_error_not_a_traceback(graph, capsys):
    code, _, err = run(capsys, str(graph), "SELECT ?x WHERE { ?x ")
    assert code == 1 and "does not parse" in err


def test_graph_of_unknown_format_is_named_in_the_error(tmp_path, capsys):
    bad = tmp_path / "graph.xyz"
    bad.write_text("nothing", encoding="utf-8")
    code, _, err = run(capsys, str(bad), PROGRAMS)
    assert code == 1 and str(bad) in err and "unknown graph format" in err


def test_broken_graph_file_is_named_in_the_error(tmp_path, capsys):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    code, _, err = run(capsys, str(bad), PROGRAMS)
    assert code == 1 and str(bad) in err


# -- parameters of the shipped queries -----------------------------------------------------
@pytest.fixture(scope="module")
def seeds(seeds_output) -> Path:
    return seeds_output("ttl")


def first_column(out: str) -> list[str]:
    return [row[0] for row in csv.reader(io.StringIO(out))][1:]


def test_a_parameter_changes_the_answer(seeds, capsys):
    code, out, _ = run(capsys, str(seeds), "programmes_by_keyword", "--format", "csv")
    assert code == 0 and first_column(out) == ["以表现换积分、以积分换物品", "文明团结积分超市"]
    code, out, _ = run(capsys, str(seeds), "programmes_by_keyword", "--param", "keyword=超市",
                       "--format", "csv")
    assert code == 0 and first_column(out) == ["爱心超市", "文明团结积分超市"]


def test_a_parameter_given_twice_takes_both_values(seeds, capsys):
    code, out, _ = run(capsys, str(seeds), "evidence_for_programme", "--param",
                       "programme=三会一课", "--param", "programme=爱心超市", "--format", "csv")
    assert code == 0 and set(first_column(out)) == {"三会一课", "爱心超市"}


def test_programmes_in_a_place_and_below_it(seeds, capsys):
    code, out, _ = run(capsys, str(seeds), "programmes_in_place", "--param", "place=回民区",
                       "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert {"回民区", "青山社区"} <= {place for row in rows for place in row["places"].split(" | ")}
    assert "一培训一主题" in {row["programmeLabel"] for row in rows}
    code, out, _ = run(capsys, str(seeds), "programmes_in_place", "--format", "csv")
    assert code == 0 and len(list(csv.DictReader(io.StringIO(out)))) > len(rows)  # 呼和浩特市


@pytest.mark.parametrize(("param", "message"), [
    ("plac=回民区", "kg query: error: programmes_in_place has no parameter 'plac' (it takes "
                    "place)\n"),
    ("place", "kg query: error: --param takes NAME=VALUE, not 'place'\n"),
])
def test_a_wrong_parameter_is_one_line(seeds, capsys, param, message):
    code, out, err = run(capsys, str(seeds), "programmes_in_place", "--param", param)
    assert (code, out, err) == (1, "", message)


def test_a_query_without_parameters_refuses_one(seeds, capsys):
    code, out, err = run(capsys, str(seeds), "implementations", "--param", "place=回民区")
    assert (code, out) == (1, "")
    assert err == "kg query: error: implementations takes no parameters (--param place=回民区)\n"


@pytest.mark.parametrize("value", ['回民区" } ?s ?p ?o . {', "a\\\\b", "\\u0022", "x\ny", "}", ""])
def test_a_value_stays_one_literal(value):
    text = ('# param: name (?name): a name\n'
            'SELECT ?name WHERE { VALUES ?name { "回民区" } }')
    bound = bind_parameters(text, [f"name={value}"])
    assert [row["name"].value for row in pyoxigraph.Store().query(bound)] == [value]


def test_show_prints_the_query_any_endpoint_runs_alike(seeds, capsys):
    code, shown, _ = run(capsys, "--show", "programmes_by_keyword", "--param", "keyword=超市")
    assert code == 0 and 'VALUES ?keyword { "超市" }' in shown
    assert run(capsys, str(seeds), shown, "--format", "csv") == \
        run(capsys, str(seeds), "programmes_by_keyword", "--param", "keyword=超市", "--format",
            "csv")
    # Predeclared prefixes a query uses are declared in what --show prints.
    code, shown, _ = run(capsys, "--show", PROGRAMS)
    assert shown.startswith("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                            "PREFIX kgo: <https://w3id.org/zhkg/ontology#>\n")
    assert list(pyoxigraph.Store().query(shown)) == []  # it parses with no prefixes given


def test_list_gives_each_parameter_with_its_default(capsys):
    code, out, _ = run(capsys, "--list")
    rows = {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}
    assert code == 0 and all(len(row) == 3 for row in rows.values())
    assert rows["programmes_in_place"][2] == "place=呼和浩特市"
    assert rows["programmes_by_keyword"][2] == "keyword=积分"
    assert rows["implementations"][2] == ""


def test_a_store_a_build_is_writing_is_busy(tmp_path, capsys):
    from kg.export.store import GraphStore

    store = tmp_path / "store"
    with GraphStore(store):
        code, out, err = run(capsys, str(store), PROGRAMS)
    assert (code, out) == (1, "")
    assert err == (f"kg query: error: {store}: a kg build is writing this store (process "
                   f"{os.getpid()}); query it when the build has finished\n")
