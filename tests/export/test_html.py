"""``kg export OUT.html``: the sigma.js view, driven in a real headless Chromium."""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import DCTERMS, Graph

from kg.cli import main
from kg.export.graph import entity_graph
from kg.export.html import VENDOR_SCRIPTS, render_html, vendored
from kg.graph.namespace import KGO, NIF
from tests.export.chromium import Chromium

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "real"
READY = """new Promise((resolve) => {
  const check = () => document.body && document.body.dataset.ready
    ? resolve({...document.body.dataset}) : setTimeout(check, 20);
  check();
})"""
NEXT_FRAME = "new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))"
SHOWN = """zhkg.graph.filterNodes((n) => {
  const d = zhkg.renderer.getNodeDisplayData(n); return d !== undefined && !d.hidden;
}).map((n) => zhkg.graph.getNodeAttribute(n, "iri")).sort()"""
FORCED = """zhkg.graph.filterNodes((n) => zhkg.renderer.getNodeDisplayData(n).forceLabel)
  .map((n) => zhkg.graph.getNodeAttribute(n, "iri")).sort()"""


def _key(label: str) -> str:
    return f'zhkg.graph.findNode((_, a) => a.label === "{label}")'


@pytest.fixture(scope="module")
def seeds_graph(seeds_output) -> nx.MultiDiGraph:
    return entity_graph(seeds_output("ttl"))


@pytest.fixture(scope="module")
def page(tmp_path_factory, seeds_output) -> Path:
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    assert main(["export", str(seeds_output("ttl")), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def browser(page) -> Iterator[Chromium]:
    with Chromium() as chromium:
        chromium.open(page)
        chromium.evaluate(READY)
        yield chromium


@pytest.fixture
def view(browser) -> Iterator[Chromium]:
    """The loaded page, put back as it was loaded after the test."""
    yield browser
    browser.evaluate("""(() => {
      zhkg.select(null);
      for (const box of document.querySelectorAll("#types input")) {
        if (!box.checked) box.click();
      }
      const choice = document.getElementById("programme");
      choice.value = ""; choice.dispatchEvent(new Event("change"));
      const search = document.getElementById("search");
      search.value = ""; search.dispatchEvent(new Event("input"));
    })()""")


def _on_screen(view: Chromium, label: str) -> tuple[float, float]:
    """Where the node labelled ``label`` is drawn, in the page's CSS pixels."""
    return view.evaluate(f"""(() => {{
      const p = zhkg.renderer.graphToViewport(zhkg.graph.getNodeAttributes({_key(label)}));
      const box = document.getElementById("graph").getBoundingClientRect();
      return [box.left + p.x, box.top + p.y];
    }})()""")


def _neighbourhood(G: nx.MultiDiGraph, node: str) -> list[str]:
    return sorted({node, *G.successors(node), *G.predecessors(node)})


def _node(G: nx.MultiDiGraph, label: str) -> str:
    (node,) = [n for n, d in G.nodes(data=True) if d["label"] == label]
    return node


# -- the file ---------------------------------------------------------------------------------
def test_page_holds_the_pinned_vendored_libraries_with_their_licences(page):
    text = page.read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    pins = {"sigma": "SIGMA_VERSION", "graphology": "GRAPHOLOGY_VERSION",
            "graphology-layout-forceatlas2": "FORCEATLAS2_VERSION"}
    for package, variable in pins.items():
        pinned = re.search(rf"^{variable} := (\S+)$", makefile, re.MULTILINE).group(1)
        assert vendored()[package] == pinned  # make vendor was run after the last pin
        assert f"{package} {pinned}\n" in text
    assert text.count("Permission is hereby granted, free of charge") >= len(VENDOR_SCRIPTS)


def test_page_fetches_nothing_from_the_network(page, browser):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""<[^>]+(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "@import" not in text and "<link" not in text
    requested = {r["request"]["url"].split(":")[0] for r in browser.of("Network.requestWillBeSent")}
    assert requested == {"file", "blob"}  # the page, and its layout worker built in the page


def test_graph_data_cannot_close_its_script_element(seeds_graph):
    G = seeds_graph.copy()
    node = next(iter(G))
    G.nodes[node]["label"] = "</script><script>alert(1)</script>"
    page = render_html(G)
    data = page.split('id="zhkg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data and "\\u003c/script>" in data


def test_two_exports_are_identical(page, tmp_path, seeds_output):
    again = tmp_path / "again.html"
    assert main(["export", str(seeds_output("ttl")), "-o", str(again), "-q"]) == 0
    assert again.read_bytes() == page.read_bytes()


# -- the page in Chromium -------------------------------------------------------------------------
def test_every_node_and_edge_of_the_graph_is_drawn(browser, seeds_graph):
    ready = browser.evaluate(READY)
    assert int(ready["order"]) == seeds_graph.number_of_nodes() > 300
    assert int(ready["size"]) == seeds_graph.number_of_edges()
    assert int(ready["rendered"]) == seeds_graph.number_of_nodes()
    assert browser.evaluate(SHOWN) == sorted(seeds_graph)


def test_layout_settles_to_the_same_picture_on_every_load(browser, page):
    positions = "JSON.stringify(zhkg.graph.mapNodes((_, a) => [a.x, a.y]))"
    first = browser.evaluate(positions)
    browser.open(page)
    browser.evaluate(READY)
    assert browser.evaluate(positions) == first
    assert len(set(first.split("],["))) > 300  # not all on one point


def test_hover_highlights_the_node_and_its_neighbours(view, seeds_graph):
    node = _node(seeds_graph, "呼和浩特市")
    x, y = _on_screen(view, "呼和浩特市")
    view.page("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    view.evaluate(NEXT_FRAME)
    assert view.evaluate(FORCED) == _neighbourhood(seeds_graph, node)
    assert 10 < len(view.evaluate(FORCED)) < seeds_graph.number_of_nodes() / 4
    view.page("Input.dispatchMouseEvent", type="mouseMoved", x=5, y=5)  # onto the side panel
    view.evaluate(NEXT_FRAME)
    assert view.evaluate(FORCED) == []


def test_click_on_a_node_shows_its_relations_and_evidence(view, seeds_graph):
    node = _node(seeds_graph, "呼和浩特市")
    x, y = _on_screen(view, "呼和浩特市")
    for kind in ("mousePressed", "mouseReleased"):
        view.page("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
    view.evaluate(NEXT_FRAME)
    panel = view.evaluate("document.getElementById('info').innerText")
    assert panel.splitlines()[0].strip() == "呼和浩特市"
    degree = seeds_graph.degree(node)
    assert f"关系 relations ({degree})" in panel
    sentences = {d["evidence_text"] for *_, d in seeds_graph.edges(node, data=True)} | {
        d["evidence_text"] for *_, d in seeds_graph.in_edges(node, data=True)}
    sentences.discard("")
    assert sentences and all(s in panel for s in sentences)


def test_programme_filter_shows_its_neighbourhood_and_evidence(view, seeds_graph):
    programme = _node(seeds_graph, "文明团结积分超市")
    agent = _node(seeds_graph, "西羊场村")
    sentence = seeds_graph.edges[agent, programme, "implements"]["evidence_text"]
    assert "文明团结积分超市" in sentence
    view.evaluate(f"""(() => {{
      const choice = document.getElementById("programme");
      choice.value = {_key("文明团结积分超市")};
      choice.dispatchEvent(new Event("change"));
    }})()""")
    view.evaluate(NEXT_FRAME)
    assert view.evaluate(SHOWN) == _neighbourhood(seeds_graph, programme)
    panel = view.evaluate("document.getElementById('info').innerText")
    assert "西羊场村" in panel and sentence in panel
    options = view.evaluate("document.getElementById('programme').options.length")
    assert options == 1 + sum(d["type"] == "PROGRAM" for _, d in seeds_graph.nodes(data=True))


def test_type_filter_hides_a_type(view, seeds_graph):
    view.evaluate("document.querySelector('#types input[value=PERSON]').click()")
    view.evaluate(NEXT_FRAME)
    others = [n for n, d in seeds_graph.nodes(data=True) if d["type"] != "PERSON"]
    assert len(others) < seeds_graph.number_of_nodes()
    assert view.evaluate(SHOWN) == sorted(others)


def test_search_lists_and_highlights_the_matches(view, seeds_graph):
    view.evaluate("""(() => { const box = document.getElementById("search");
      box.value = "呼和浩特"; box.dispatchEvent(new Event("input")); })()""")
    view.evaluate(NEXT_FRAME)
    found = sorted(d["label"] for _, d in seeds_graph.nodes(data=True) if "呼和浩特" in d["label"])
    assert len(found) > 1
    listed = view.evaluate("[...document.querySelectorAll('#matches a')].map((a) => a.innerText)")
    assert sorted(label.strip() for label in listed) == found
    highlighted = view.evaluate(
        "zhkg.graph.filterNodes((n) => zhkg.renderer.getNodeDisplayData(n).highlighted).length")
    assert highlighted == len(found)


def test_screenshot_of_the_page(browser, tmp_path):
    shot = tmp_path / "view.png"
    browser.screenshot(shot)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1400, 900)
    assert len(png) > 60_000  # drawn: a blank page of that size compresses to a few kB


def test_no_console_message_or_exception(browser):
    browser.evaluate("1")  # collects the events sent before it
    assert browser.of("Runtime.exceptionThrown") == []
    assert browser.of("Runtime.consoleAPICalled") == []
    # Software WebGL reports "GPU stall due to ReadPixels" (sigma reads its picking buffer) as
    # a rendering warning of the GPU driver; anything else the browser logs is a failure.
    logged = [e["entry"] for e in browser.of("Log.entryAdded")]
    assert [e for e in logged if not (e["source"] == "rendering" and e["level"] == "warning"
                                      and "GL Driver Message" in e["text"])] == []


def test_documents_and_all_evidence_sentences_are_shown_when_the_graph_has_them(
        seeds_graph, seeds_output, tmp_path):
    # entity_graph gives one sentence an edge; the page also reads these two attributes
    programme = _node(seeds_graph, "文明团结积分超市")
    rdf = Graph().parse(seeds_output("ttl"))
    rows = rdf.query("""SELECT ?text ?id WHERE {
      ?s kgo:sentenceText ?text ; nif:referenceContext [ dcterms:identifier ?id ] .
      FILTER(CONTAINS(?text, "西羊场村")) }""", initNs={"kgo": KGO, "nif": NIF,
                                                       "dcterms": DCTERMS})
    sentences = sorted({str(text) for text, _ in rows})
    documents = sorted({str(identifier) for _, identifier in rows})
    assert len(sentences) > 1 and documents
    G = seeds_graph.copy()
    for edge in [*G.in_edges(programme, keys=True), *G.out_edges(programme, keys=True)]:
        G.edges[edge].update(evidence_sentences="\n".join(sentences), documents=documents)
    G.nodes[programme]["documents"] = documents
    page = tmp_path / "with-documents.html"
    page.write_text(render_html(G), encoding="utf-8")
    with Chromium() as chromium:
        chromium.open(page)
        chromium.evaluate(READY)
        chromium.evaluate(f"zhkg.select({_key('文明团结积分超市')}, false)")
        panel = chromium.evaluate("document.getElementById('info').innerText")
    assert all(s in panel for s in sentences)
    assert panel.count("、".join(documents)) == 1 + G.degree(programme)  # node, each edge


# -- the 193 real articles ------------------------------------------------------------------------
def test_the_real_articles_graph_is_drawn_whole(tmp_path):
    sources = [REAL / "texts", REAL / "unlabelled"]
    assert all(s.is_dir() for s in sources), "the tests need ../shared beside the checkout"
    graph, page = tmp_path / "real.ttl", tmp_path / "real.html"
    assert main(["build", *map(str, sources), "-o", str(graph), "-q"]) == 0
    assert main(["export", str(graph), "-o", str(page), "-q"]) == 0
    G = entity_graph(graph)
    assert G.number_of_nodes() > 3000  # the size the view must stay smooth at
    with Chromium() as chromium:
        chromium.open(page)
        ready = chromium.evaluate(READY)
        assert int(ready["rendered"]) == int(ready["order"]) == G.number_of_nodes()
        assert chromium.of("Runtime.exceptionThrown") == []
