"""``kg query``: SPARQL on a graph file, in the formats researchers paste into tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.cli import main

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
