"""Corpus builds: the same bytes whatever the order or the jobs, failures alone, output safe."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDFS, Dataset, Graph, Namespace
from rdflib.namespace import DCTERMS

from kg import corpus
from kg.cli import main
from kg.corpus import plan
from kg.graph.namespace import NIF
from kg.text import articles

ROOT = Path(__file__).resolve().parents[1]

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


# ---------------------------------------------------------------------------- publication

KGO = Namespace("https://w3id.org/zhkg/ontology#")
MANIFEST = ("file,date,paper,page,section\n"
            "otog.txt,2025-11-04,内蒙古日报,3,党旗领航\n"
            "huhhot.txt,2025-11-05,,,\n"
            "sub/ordos.txt,2025-11-31,内蒙古日报,A04,要闻\n"
            "gone.txt,2025-11-06,内蒙古日报,1,要闻\n")


def documents(out: Path) -> dict[str, dict[str, str]]:
    """Each document's identifier and its publication's values, by property's local name."""
    graph = Graph().parse(out)
    found: dict[str, dict[str, str]] = {}
    for doc, identifier in graph.subject_objects(DCTERMS.identifier):
        found[str(identifier)] = {
            str(p).rpartition("/")[2].rpartition("#")[2]: str(o)
            for p, o in graph.predicate_objects(doc)
            if p in (DCTERMS.issued, DCTERMS.publisher, KGO.page, KGO.section, KGO.dateSource)}
    return found


def test_a_manifest_at_the_root_of_a_folder_dates_its_documents(pages, tmp_path, capsys):
    (pages / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(pages), "-o", str(out), "-q"]) == 0
    assert documents(out) == {
        "otog": {"issued": "2025-11-04", "dateSource": "manifest", "publisher": "内蒙古日报",
                 "page": "3", "section": "党旗领航"},
        "huhhot": {"issued": "2025-11-05", "dateSource": "manifest"},
        "ordos": {"publisher": "内蒙古日报", "page": "A04", "section": "要闻"},
    }
    manifest = pages / "manifest.csv"
    assert capsys.readouterr().err.splitlines() == [
        f"kg build: warning: {manifest}: 1 row(s) name files that are not among the inputs "
        f"(row 5 (gone.txt); a row names its file from {pages}/)",
        f"kg build: warning: {manifest}, row 4 (sub/ordos.txt): date '2025-11-31' is no "
        "calendar date (day is out of range for month); the document's own date is used"]


def test_a_manifest_given_replaces_the_one_found_and_an_unreadable_one_is_an_error(pages,
                                                                                  tmp_path):
    (pages / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    given = tmp_path / "dates.csv"
    given.write_text("file,date\npages/huhhot.txt,2026-01-02\n", encoding="gb18030")
    tasks, errors = plan([str(pages)], manifest=given)
    rows = {t.identifier: t.row.publication.issued.isoformat() for t in tasks if t.row}
    assert (rows, errors) == ({"huhhot": "2026-01-02"}, [])
    tasks, errors = plan([str(pages)], manifest=tmp_path / "absent.csv")
    assert len(tasks) == 3 and all(t.row is None for t in tasks)
    assert errors == [f"{tmp_path / 'absent.csv'}: no such file or directory (the manifest)"]


def test_dates_keep_the_output_the_same_for_any_jobs(pages, tmp_path):
    (pages / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    assert main(["build", str(pages), "-o", str(one), "-q"]) == 0
    assert main(["build", str(pages), "-o", str(two), "-q", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    assert b"2025-11-04" in one.read_bytes()


def test_an_html_page_builds_its_article_not_its_footer(tmp_path):
    seed = min((ROOT / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    lines = [line for line in seed.splitlines() if line.strip()]
    body = "".join(f"<p>{line}</p>" for line in lines[3:])
    page = tmp_path / "hohhot.html"
    page.write_text(
        '<html><head><meta charset="utf-8"><meta name="publishdate" content="2025-11-04">'
        '</head><body><ul><li><a href="/">首页</a></li><li><a href="/dj">党旗领航</a></li></ul>'
        f'<div class="article"><h1>{lines[2]}</h1>{body}</div><div class="footer">'
        "<p>版权所有 © 内蒙古日报社</p><p>主办：内蒙古日报社</p></div></body></html>",
        encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(page), "-o", str(out), "-q"]) == 0
    graph = Graph().parse(out)
    labels = {str(o) for o in graph.objects(None, RDFS.label)}
    assert "呼和浩特市" in labels and not any("日报社" in label for label in labels)
    [text] = [str(o) for o in graph.objects(None, NIF.isString)]
    assert text.startswith(lines[2] + "\n") and "版权所有" not in text
    for mention in graph.subjects(NIF.anchorOf, None):
        begin, end = (int(graph.value(mention, p)) for p in (NIF.beginIndex, NIF.endIndex))
        assert text[begin:end] == str(graph.value(mention, NIF.anchorOf))
    assert documents(out) == {"hohhot": {"issued": "2025-11-04", "dateSource": "html"}}
    [title] = graph.objects(None, DCTERMS.title)
    assert str(title) == lines[2]


@pytest.fixture()
def year(tmp_path: Path, monkeypatch) -> Path:
    """The seed pages in one file, as a year of pages comes, with a file's limits small
    enough that they make parts of it."""
    monkeypatch.setattr(corpus, "MAX_DOCUMENT_CHARS", 20_000)
    monkeypatch.setattr(corpus, "PART_CHARS", 12_000)
    folder = tmp_path / "year"
    folder.mkdir()
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    (folder / "2025.txt").write_text("\n\n".join(pages), encoding="utf-8")
    return folder / "2025.txt"


def test_a_long_file_is_planned_as_parts_cut_between_articles(year):
    text = year.read_text(encoding="utf-8")
    tasks, errors = plan([str(year.parent)])
    assert errors == []
    assert [t.identifier for t in tasks] == [f"2025#p{n:04d}" for n in range(1, len(tasks) + 1)]
    assert len(tasks) >= len(text) // 12_000
    spans = [(t.part.start, t.part.end) for t in tasks]
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(end - start <= 12_000 for start, end in spans)
    article_starts = {a.start for a in articles(text)}
    assert {start for start, _ in spans[1:]} <= article_starts


def test_the_parts_of_a_long_file_are_documents_of_its_text_for_any_jobs(year, tmp_path):
    text = year.read_text(encoding="utf-8")
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    assert main(["build", str(year), "-o", str(one), "-q"]) == 0
    assert main(["build", str(year), "-o", str(two), "-q", "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    store = pyoxigraph.Store()
    store.load(path=str(one), format=pyoxigraph.RdfFormat.N_QUADS)
    rows = store.query("""
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?doc ?id ?text WHERE { GRAPH ?g { ?doc dcterms:identifier ?id ;
                                                     nif:isString ?text } } ORDER BY ?id""")
    documents = [(row["doc"].value, row["id"].value, row["text"].value) for row in rows]
    assert len(documents) > 1
    assert "".join(part for _, _, part in documents) == text
    assert documents[0][:2] == ("https://w3id.org/zhkg/resource/doc/2025%23p0001", "2025#p0001")
    mentions = list(store.query("""
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?text ?begin ?end ?anchor WHERE { GRAPH ?g {
            ?m nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end ;
               nif:referenceContext ?doc . ?doc nif:isString ?text } }"""))
    assert len(mentions) > 100
    for row in mentions:
        begin, end = int(row["begin"].value), int(row["end"].value)
        assert row["text"].value[begin:end] == row["anchor"].value
    dataset = Dataset()
    dataset.parse(one, format="nquads")
    assert sum(1 for _ in dataset.quads()) == len(store)


def test_a_manifest_row_of_a_long_file_dates_all_its_parts(year, tmp_path):
    (year.parent / "manifest.csv").write_text("file,date,paper\n2025.txt,2025-11-04,内蒙古日报\n",
                                              encoding="utf-8")
    out = tmp_path / "g.ttl"
    assert main(["build", str(year.parent), "-o", str(out), "-q"]) == 0
    found = documents(out)
    assert len(found) > 1
    assert set(found) == {f"2025#p{n:04d}" for n in range(1, len(found) + 1)}
    assert all(d == {"issued": "2025-11-04", "publisher": "内蒙古日报", "dateSource": "manifest"}
               for d in found.values())


def test_a_long_file_changed_after_the_plan_is_one_clear_error(year):
    tasks, _ = plan([str(year)])
    year.write_text(year.read_text(encoding="utf-8")[:-10], encoding="utf-8")
    outcome = corpus.extract(tasks[1])
    assert outcome.result is None
    assert outcome.error == (f"{year}: changed while it was being built "
                             f"({tasks[1].part.length - 10} characters, "
                             f"{tasks[1].part.length} when planned)")
