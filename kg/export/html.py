"""A self-contained HTML view of the entity graph: offline, searchable, with evidence.

The layout is computed here with networkx (a seeded spring layout, so the page
is reproducible) and drawn as inline SVG; a few lines of inline script add a
search box and show an edge's evidence sentence when it is clicked. Nothing is
fetched from the network.
"""

from __future__ import annotations

import html
import json
import os

import networkx as nx

from kg.export.atomic import write_atomically

_WIDTH, _HEIGHT, _MARGIN = 1600, 1000, 40

_STYLE = """
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;display:flex}
#side{width:320px;padding:12px;border-right:1px solid #ccc;height:100vh;overflow:auto;
box-sizing:border-box;font-size:14px}
#view{flex:1;height:100vh}
svg{width:100%;height:100%}
line{stroke:#999;stroke-opacity:.5;cursor:pointer}
line.implements{stroke:#d62728}line.member{stroke:#ff7f0e}line.partOf{stroke:#2ca02c}
circle{stroke:#fff;stroke-width:1;cursor:pointer}
text{font-size:10px;pointer-events:none;fill:#333}
.dim{opacity:.12}.hit{stroke:#000;stroke-width:3}
.key span{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}
"""

_SCRIPT = """
const q=document.getElementById('q'),info=document.getElementById('info');
const nodes=[...document.querySelectorAll('circle')];
q.addEventListener('input',()=>{const s=q.value.trim();
 for(const c of nodes){const m=s&&c.dataset.label.includes(s);
  c.classList.toggle('hit',!!m);c.classList.toggle('dim',!!s&&!m);}});
function show(t){info.textContent='';for(const[k,v]of t){const p=document.createElement('p');
 const b=document.createElement('b');b.textContent=k+' ';p.append(b,v);info.append(p);}}
for(const c of nodes){c.addEventListener('click',()=>show([['',c.dataset.label],
 ['type',c.dataset.type],['mentions',c.dataset.mentions]]));}
for(const l of document.querySelectorAll('line')){l.addEventListener('click',()=>show([
 ['',l.dataset.source+' → '+l.dataset.target],['kind',l.dataset.kind],
 ['weight',l.dataset.weight],['evidence',l.dataset.evidence||'—']]));}
document.body.dataset.ready=String(nodes.length);
"""


def _colour(data: dict) -> str:
    c = data.get("viz", {}).get("color", {})
    return f"rgb({c.get('r', 128)},{c.get('g', 128)},{c.get('b', 128)})"


def render_html(G: nx.MultiDiGraph, title: str = "zhkg entity graph") -> str:
    """The page for ``G`` (from :func:`kg.export.graph.entity_graph`) as one HTML string."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(G.nodes))
    simple.add_edges_from(sorted((u, v) for u, v, _ in G.edges(keys=True)))
    pos = nx.spring_layout(simple, seed=7, k=1.5 / max(1, len(simple)) ** 0.5) if simple else {}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]

    def at(node: str) -> tuple[float, float]:
        x, y = pos[node]
        sx = (x - min(xs)) / ((max(xs) - min(xs)) or 1)
        sy = (y - min(ys)) / ((max(ys) - min(ys)) or 1)
        return (round(_MARGIN + sx * (_WIDTH - 2 * _MARGIN), 1),
                round(_MARGIN + sy * (_HEIGHT - 2 * _MARGIN), 1))

    esc = html.escape
    parts = []
    for u, v, key, data in sorted(G.edges(keys=True, data=True)):
        (x1, y1), (x2, y2) = at(u), at(v)
        parts.append(
            f'<line class="{esc(key)}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" '
            f'stroke-width="{min(1 + data.get("weight", 1), 6)}" data-kind="{esc(key)}" '
            f'data-source="{esc(G.nodes[u]["label"])}" data-target="{esc(G.nodes[v]["label"])}" '
            f'data-weight="{data.get("weight", 1)}" '
            f'data-evidence="{esc(data.get("evidence_text", ""))}"></line>')
    for node, data in sorted(G.nodes(data=True)):
        x, y = at(node)
        radius = round(3 + 2 * min(data.get("mentions", 0), 20) ** 0.5, 1)
        label = esc(data["label"])
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{_colour(data)}" '
            f'data-label="{label}" data-type="{esc(data["type"])}" '
            f'data-mentions="{data.get("mentions", 0)}"><title>{label}</title></circle>'
            f'<text x="{x + radius + 1}" y="{y + 3}">{label}</text>')
    key = "".join(f'<div><span style="background:{_colour(d)}"></span>{esc(t)}</div>'
                  for t, d in _type_samples(G))
    counts = json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges()})
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head>\n<body>"
        f'<div id="side"><h3>{esc(title)}</h3>'
        '<input id="q" type="search" placeholder="搜索 / search" style="width:100%">'
        f'<div class="key">{key}</div><div id="info"><p>点击节点或连线查看证据。'
        "Click a node or an edge for its evidence.</p></div></div>"
        f'<div id="view"><svg viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f"data-counts='{counts}'>{''.join(parts)}</svg></div>"
        f"<script>{_SCRIPT}</script></body></html>\n")


def _type_samples(G: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    seen: dict[str, dict] = {}
    for _, data in sorted(G.nodes(data=True)):
        seen.setdefault(data["type"], data)
    return sorted(seen.items())


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """Write :func:`render_html` of ``G`` atomically."""
    page = render_html(G).encode("utf-8")
    write_atomically(path, lambda fh: fh.write(page))
