"""The entity graph as one offline HTML page drawn by sigma.js on a graphology graph.

The page holds everything it needs: the graph as JSON, the vendored sigma.js, graphology and
graphology-layout-forceatlas2 (``kg/data/html/vendor``, written by ``make vendor`` at the
versions listed in its ``VERSIONS`` file, each with its licence) and the view's own script and
style (``kg/data/html/view.js``, ``view.css``). Nothing is fetched from the network.

Positions are seeded here, deterministically (each connected component a sunflower, the
components on a larger one, biggest first), and ForceAtlas2 refines them in the browser for a
fixed number of iterations in a Web Worker, Barnes-Hut above 2,000 nodes: the page appears at
once, stays responsive while the layout settles, and settles to the same picture on every
load. The page sets ``data-ready``, ``data-order`` and ``data-rendered`` on ``<body>`` when the
layout is done, for tests.

Nodes show a node's ``documents`` and edges their ``evidence_sentences`` and ``documents`` when
the graph carries them (a sequence of strings, or one string with a line per item); edges
otherwise show ``evidence_text``.
"""

from __future__ import annotations

import html
import json
import math
import os
from collections.abc import Iterable
from functools import cache
from importlib.resources import files

import networkx as nx

from kg.export.atomic import write_atomically
from kg.export.graph import TYPE_COLOURS

__all__ = ["LAYOUT_ITERATIONS", "VENDOR_SCRIPTS", "render_html", "vendored", "write_html"]

_ASSETS = files("kg.data") / "html"
# script element id → vendored bundle; the view's worker reads the first two by id
VENDOR_SCRIPTS = {
    "graphology-js": "graphology.umd.min.js",
    "forceatlas2-js": "graphology-layout-forceatlas2.min.js",
    "sigma-js": "sigma.min.js",
}
_LICENCES = {"graphology-js": ("graphology", "events"),
             "forceatlas2-js": ("graphology-layout-forceatlas2", "graphology-utils"),
             "sigma-js": ("sigma", "events", "graphology-utils")}
LAYOUT_ITERATIONS = 300  # ForceAtlas2 sweeps: 7-9 s in a worker for 4,000 nodes
_LAYOUT = {"iterations": LAYOUT_ITERATIONS, "step": 10, "settings": {"adjustSizes": True}}
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@cache
def vendored() -> dict[str, str]:
    """The vendored packages and their versions, from ``vendor/VERSIONS``."""
    text = (_ASSETS / "vendor" / "VERSIONS").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line)


@cache
def _script(element_id: str) -> str:
    """A vendored bundle behind a comment with its packages' versions and licences."""
    versions = vendored()
    notices = "\n".join(
        f"{name} {versions[name]}\n"
        + (_ASSETS / "vendor" / f"{name}.LICENSE.txt").read_text(encoding="utf-8").strip()
        for name in _LICENCES[element_id])
    code = (_ASSETS / "vendor" / VENDOR_SCRIPTS[element_id]).read_text(encoding="utf-8")
    return f"/*!\n{notices.replace('*/', '* /')}\n*/\n{code}"


def _strings(value: str | Iterable[str] | None) -> list[str]:
    """A graph attribute holding several strings: a sequence, or one string a line each."""
    if not value:
        return []
    if isinstance(value, str):
        return [line for line in value.splitlines() if line]
    return [str(v) for v in value]


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def seed_positions(G: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Starting points for ForceAtlas2: a sunflower per connected component, biggest first.

    Components start apart and compact, so the layout spends its iterations on shape, not on
    pulling scattered members together. Unit spacing between neighbouring seeds.
    """
    simple = nx.Graph()
    simple.add_nodes_from(G)
    simple.add_edges_from((u, v) for u, v in G.edges() if u != v)
    components = sorted((sorted(c) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), c[0]))
    pos: dict[str, tuple[float, float]] = {}
    placed = 0  # area taken by the components before this one
    for k, members in enumerate(components):
        radius = math.sqrt(placed + len(members) / 2) if k else 0.0
        cx, cy = radius * math.cos(k * _GOLDEN_ANGLE), radius * math.sin(k * _GOLDEN_ANGLE)
        hub = sorted(members, key=lambda n: (-simple.degree(n), n))  # the busiest at the centre
        for i, node in enumerate(hub):
            r = 0.5 * math.sqrt(i)
            pos[node] = (round(cx + r * math.cos(i * _GOLDEN_ANGLE), 3),
                         round(cy + r * math.sin(i * _GOLDEN_ANGLE), 3))
        placed += len(members)
    return pos


def _payload(G: nx.MultiDiGraph, title: str) -> dict:
    nodes = sorted(G.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    pos = seed_positions(G)
    rows = []
    for node in nodes:
        d = G.nodes[node]
        rows.append([node, d.get("label", node), d["type"], d.get("kgo_class", ""),
                     d.get("admin_code", ""), d.get("admin_level", 0), d.get("mentions", 0),
                     _strings(d.get("documents")), *pos[node]])
    edges = []
    for u, v, key, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3]):
        sentences = _strings(d.get("evidence_sentences")) or _strings(d.get("evidence_text"))
        edges.append([index[u], index[v], d.get("kind", key), d.get("weight", 1),
                      d.get("evidence", len(sentences)), sentences, d.get("role", ""),
                      _strings(d.get("documents"))])
    types = {t: _hex(c) for t, c in TYPE_COLOURS.items()}
    return {"title": title, "types": types, "nodes": rows, "edges": edges, "layout": _LAYOUT}


def _inline_json(value: object) -> str:
    """JSON safe inside ``<script>``: no ``<`` to end the element early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def render_html(G: nx.MultiDiGraph, title: str = "zhkg entity graph") -> str:
    """The page for ``G`` (from :func:`kg.export.graph.entity_graph`) as one HTML string."""
    esc = html.escape
    versions = ", ".join(f"{name} {version}" for name, version in vendored().items())
    scripts = "".join(f'<script id="{element_id}">{_script(element_id)}</script>\n'
                      for element_id in VENDOR_SCRIPTS)
    view = (_ASSETS / "view.js").read_text(encoding="utf-8")
    style = (_ASSETS / "view.css").read_text(encoding="utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="zhkg ({esc(versions)})">\n'
        f"<title>{esc(title)}</title>\n<style>\n{style}</style>\n</head>\n<body>\n"
        '<aside id="side">\n'
        f'<h1>{esc(title)}</h1>\n<p id="stats" class="muted"></p>\n'
        '<input id="search" type="search" placeholder="搜索实体 · search" autocomplete="off">\n'
        '<ol id="matches"></ol>\n'
        '<fieldset id="types"><legend>类型 · entity types</legend></fieldset>\n'
        '<label>项目 · programme <select id="programme"></select></label>\n'
        '<section id="info"><p class="muted">悬停显示邻居，点击节点或连线查看证据句和文档。'
        "Hover for neighbours; click a node or an edge for its evidence.</p></section>\n"
        '</aside>\n<main id="graph"></main>\n'
        f'<script type="application/json" id="zhkg-data">{_inline_json(_payload(G, title))}'
        f"</script>\n{scripts}<script>\n{view}</script>\n</body>\n</html>\n")


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write :func:`render_html` of ``G`` atomically."""
    page = render_html(G).encode("utf-8")
    write_atomically(path, lambda fh: fh.write(page))
