"""Any text builds into RDF that every parser reads, with offsets that slice to the anchors."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.cli import main
from kg.export.rdf import RdfWriter
from kg.extract import Extractor
from kg.text import segments

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
# Pieces of the genre and characters that break naive serializers.
GENRE = ["呼和浩特市", "鄂托克前旗", "城川镇", "麻黄套村", "党委", "党支部书记", "王建国", "说",
         "“三会一课”", "“五随六帮”", "开展", "推行", "。", "，", "、", "\n", "\n\n"]
HOSTILE = ['"', "'", "<", ">", "\\", "\\u0041", "\x0b", "\x1b", "\x7f", "\u2028", "\u2029",
           "\ufeff", "\u200b", "\t", "\r", "\r\n", "#", "%20", "@zh", "^^", " ", "\U0001f600",
           "\ufffd", "\x85", "\u00a0", "𠀀"]
pages = st.lists(st.one_of(st.sampled_from(GENRE + HOSTILE), st.text(max_size=8)),
                 max_size=40).map("".join)


def _check_quads(path: Path, fmt: pyoxigraph.RdfFormat) -> None:
    """pyoxigraph and rdflib read the file to the same size; every mention's offsets
    slice its document's nif:isString to its nif:anchorOf."""
    store = pyoxigraph.Store()
    store.load(path=str(path), format=fmt)
    ds = Dataset()
    ds.parse(str(path), format="nquads")
    assert len(store) == len(list(ds.quads()))
    rows = store.query(f"""
        SELECT ?anchor ?begin ?end ?string WHERE {{
          GRAPH ?g {{ ?m <{NIF}anchorOf> ?anchor ; <{NIF}beginIndex> ?begin ;
                         <{NIF}endIndex> ?end ; <{NIF}referenceContext> ?doc .
                      ?doc <{NIF}isString> ?string . }} }}""")
    for row in rows:
        string = row["string"].value
        assert string[int(row["begin"].value):int(row["end"].value)] == row["anchor"].value


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=pages)
def test_any_text_builds_parses_and_keeps_exact_offsets(extractor: Extractor, text: str):
    result = extractor("page", text)
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "g.nq"
        with RdfWriter(str(out), "nq") as writer:
            writer.add(result)
        _check_quads(out, pyoxigraph.RdfFormat.N_QUADS)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300))
def test_any_unicode_text_builds(extractor: Extractor, text: str):
    result = extractor("any", text)
    assert all(text[m.start:m.end] == m.text for m in result.mentions)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "g.nq"
        with RdfWriter(str(out), "nq") as writer:
            writer.add(result)
        _check_quads(out, pyoxigraph.RdfFormat.N_QUADS)


@given(text=st.text(max_size=2000), limit=st.integers(min_value=1, max_value=400))
def test_segments_cover_the_text_in_order_within_the_limit(text: str, limit: int):
    spans = segments(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b for a, b in spans) or text == ""
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))
    assert all(b - a <= limit for a, b in spans)


HOSTILE_PAGE = ('鄂托克前旗城川镇党委\n\n"引号" <script>alert(1)</script> 反斜杠\\n \x0b\x1b\x7f'
                '\u2028\u2029 麻黄套村党支部书记王建国说：“推行‘五随六帮’\\”工作法。”\n'
                + "呼和浩特市新城区开展“三会一课”。" * 3000 + "\n")


@pytest.mark.parametrize("ext,rapper", [("ttl", "turtle"), ("nt", "ntriples"),
                                        ("nq", "nquads"), ("trig", "trig")])
def test_hostile_page_and_a_very_long_line_pass_rapper(tmp_path, ext, rapper):
    page = tmp_path / "hostile.txt"
    page.write_text(HOSTILE_PAGE, encoding="utf-8")
    out = tmp_path / f"g.{ext}"
    assert main(["build", str(page), "-o", str(out), "-q"]) == 0
    run = subprocess.run(["rapper", "-i", rapper, "-c", str(out)], capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert not re.search(r"(?i)warning|error", run.stderr), run.stderr
    count = int(re.search(r"returned (\d+) triples", run.stderr).group(1))
    store = pyoxigraph.Store()
    store.load(path=str(out), format=pyoxigraph.RdfFormat.from_extension(ext))
    assert count == len(store)
    strings = [q.object.value for q in store.quads_for_pattern(
        None, pyoxigraph.NamedNode(NIF + "isString"), None)]
    assert strings == [HOSTILE_PAGE]


def test_a_long_file_is_read_article_by_article_as_each_alone(nlp):
    page = ("鄂托克前旗城川镇推行“五随六帮”\n\n本报记者 张三\n\n鄂托克前旗城川镇党委坚持"
            "“三会一课”制度，在麻黄套村推行“五随六帮”工作法。党支部书记王建国说：“大家满意。”\n\n")
    alone = Extractor(nlp)("one", page)
    many = Extractor(nlp, max_segment_chars=len(page) + 10)("many", page * 6)
    assert alone.mentions
    for i in range(6):
        shifted = [(m.start - i * len(page), m.end - i * len(page), m.text, m.entity)
                   for m in many.mentions if i * len(page) <= m.start < (i + 1) * len(page)]
        assert shifted == [(m.start, m.end, m.text, m.entity) for m in alone.mentions]
    assert len(many.implementations) == 6 * len(alone.implementations)


def test_traditional_page_keeps_its_characters_and_links_like_simplified(extractor):
    simplified = "鄂托克前旗城川镇党委在麻黄套村推行“三会一课”。"
    traditional = "鄂托克前旗城川鎮黨委在麻黃套村推行“三會一課”。"
    result = extractor("trad", traditional, simplified)
    reference = extractor("simp", simplified)
    assert [m.text for m in result.mentions] == [traditional[m.start:m.end]
                                                 for m in reference.mentions]
    assert "麻黃套村" in [m.text for m in result.mentions]
    assert [m.entity for m in result.mentions] == [m.entity for m in reference.mentions]
