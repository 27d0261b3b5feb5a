"""Corpus builds: the same bytes whatever the order or the jobs, failures alone, output safe."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS

from kg.cli import main
from kg.corpus import plan

PAGES = {
    "otog.txt": "鄂托克前旗城川镇党委\n\n本报记者 张三\n\n鄂托克前旗城川镇党委坚持“三会一课”制度，"
                "在麻黄套村推行“五随六帮”工作法。\n",
    "huhhot.txt": "呼和浩特市快递行业党委开展“小哥骑先锋”志愿服务\n\n近日，呼和浩特市快递行业党委"
                  "组织快递小哥走进新城区海拉尔东路街道，开展“双比双评”活动。党支部书记王建国说："
                  "“我们要把服务送到家门口。”\n",
    "sub/ordos.txt": "鄂尔多斯市东胜区推行积分超市\n\n东胜区民政局在各社区推行“积分超市”，"
                     "居民参加志愿服务可兑换生活用品。\n",
}


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    for name, text in PAGES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("ext", ["nt", "nq", "ttl", "trig"])
def test_output_bytes_do_not_depend_on_the_order_of_the_inputs(pages, tmp_path, ext):
    files = sorted(str(p) for p in pages.rglob("*.txt"))
    first, second = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
    assert main(["build", *files, "-o", str(first), "-q"]) == 0
    assert main(["build", *reversed(files), "-o", str(second), "-q"]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 1000


def test_two_jobs_give_the_bytes_of_one(pages, tmp_path):
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    assert main(["build", str(pages), "-o", str(one), "-q"]) == 0
    assert main(["build", str(pages), "-o", str(two), "-q", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    graphs = {q.graph_name.value for q in pyoxigraph.parse(path=str(two),
                                                           format=pyoxigraph.RdfFormat.N_QUADS)}
    assert sum("/doc/" in g for g in graphs) == 3


def test_a_file_named_twice_is_one_document(pages, tmp_path):
    out = tmp_path / "g.nt"
    page = str(pages / "otog.txt")
    assert main(["build", page, str(pages), page, "-o", str(out), "-q"]) == 0
    ids = [str(o) for o in Graph().parse(out).objects(None, DCTERMS.identifier)]
    assert sorted(ids) == ["huhhot", "ordos", "otog"]


def test_same_file_name_in_two_folders_gets_numbered_identifiers_in_path_order(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_text(PAGES["otog.txt"], encoding="utf-8")
    tasks, errors = plan([str(tmp_path / "b"), str(tmp_path / "a")])
    assert errors == []
    assert [(t.path.parent.name, t.identifier) for t in tasks] == [("a", "page"),
                                                                  ("b", "page-2")]


def test_n_triples_say_a_shared_statement_once(pages, tmp_path):
    # Two pages stating that the same party committee implements the same programme.
    page = PAGES["otog.txt"]
    (pages / "otog2.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "g.nt"
    assert main(["build", str(pages), "-o", str(out), "-q"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines))
    implements = [line for line in lines if "ontology#implements>" in line]
    assert implements and len(implements) == len(set(implements))


def test_a_failed_input_is_named_and_the_others_are_written(pages, tmp_path, capsys):
    (pages / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "g.nt"
    assert main(["build", str(pages), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "broken.txt" in err[0] and "error" in err[0]
    ids = {str(o) for o in Graph().parse(out).objects(None, DCTERMS.identifier)}
    assert ids == {"otog", "huhhot", "ordos"}


def test_empty_file_is_a_warning_and_still_a_document(pages, tmp_path, capsys):
    (pages / "empty.txt").write_bytes(b"")
    out = tmp_path / "g.nt"
    assert main(["build", str(pages), "-o", str(out), "-q"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "empty.txt" in err
    ids = {str(o) for o in Graph().parse(out).objects(None, DCTERMS.identifier)}
    assert "empty" in ids


def test_a_build_where_nothing_could_be_read_keeps_the_previous_output(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    out.write_text("# the graph of yesterday\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    assert main(["build", str(bad), "-o", str(out), "-q"]) == 1
    assert out.read_text(encoding="utf-8") == "# the graph of yesterday\n"
    assert "bad.txt" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_interrupted_build_leaves_no_partial_file(pages, tmp_path, monkeypatch):
    out = tmp_path / "g.nt"
    out.write_text("# before\n", encoding="utf-8")
    import kg.export.rdf as rdf

    calls = {"n": 0}
    real_add = rdf.RdfWriter.add

    def add_then_interrupt(self, result, rendered=None):
        real_add(self, result, rendered)
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(rdf.RdfWriter, "add", add_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        main(["build", str(pages), "-o", str(out), "-q"])
    assert out.read_text(encoding="utf-8") == "# before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nt", "pages"]


def test_jobs_must_not_be_negative(pages, tmp_path, capsys):
    assert main(["build", str(pages), "-o", str(tmp_path / "g.nt"), "--jobs", "-1"]) == 2
    assert "--jobs" in capsys.readouterr().err
