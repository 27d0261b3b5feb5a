// The entity graph page of kg export OUT.html: sigma.js draws a graphology graph laid out by
// ForceAtlas2 in a worker. Reads the JSON of #zhkg-data (written by kg/export/html.py) and the
// vendored libraries' globals: graphology, graphologyLayoutForceAtlas2, Sigma.
"use strict";

(() => {
  const data = JSON.parse(document.getElementById("zhkg-data").textContent);
  const TYPE_NAMES = { ORG: "组织", PLACE: "地点", PERSON: "人物", PROGRAM: "项目" };
  const KINDS = {
    implements: { name: "实施", colour: "#e8a3a3" },
    in: { name: "开展于", colour: "#c9a3d9" },
    partOf: { name: "隶属", colour: "#b5d6b0" },
    locatedIn: { name: "位于", colour: "#cfcfcf" },
    subOrganizationOf: { name: "下属于", colour: "#a9c4de" },
    member: { name: "成员", colour: "#f2c28f" },
  };
  const DIM = "#e6e6e6";
  const LABEL_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", '
    + '"Microsoft YaHei", sans-serif';

  // -- the graph ---------------------------------------------------------------------------
  const graph = new graphology.MultiDirectedGraph();
  data.nodes.forEach(([iri, label, etype, cls, code, level, mentions, docs, x, y], i) => {
    graph.addNode(String(i), {
      iri, label, etype, cls, code, level, mentions, docs, x, y,
      size: 2 + 1.6 * Math.log2(1 + mentions),
      color: data.types[etype],
    });
  });
  data.edges.forEach(([s, t, kind, weight, count, sentences, role, docs], i) => {
    graph.addDirectedEdgeWithKey(`e${i}`, String(s), String(t), {
      kind, weight, count, sentences, role, docs,
      size: Math.min(1 + weight / 2, 4),
      color: KINDS[kind] ? KINDS[kind].colour : "#ccc",
    });
  });

  // -- what is shown ---------------------------------------------------------------------------
  const state = {
    hovered: null, // node under the pointer
    selected: null, // node whose evidence is in the panel
    focus: new Set(), // the focused node and its neighbours
    types: new Set(Object.keys(data.types)),
    programme: null, // nodes of the chosen programme's neighbourhood, or null
    matches: new Set(), // nodes whose label holds the search text
  };

  function refocus() {
    const centre = state.hovered || state.selected;
    state.focus = centre ? new Set([centre, ...graph.neighbors(centre)]) : new Set();
  }

  function visible(node, attrs) {
    return state.types.has(attrs.etype) && (!state.programme || state.programme.has(node));
  }

  // Labels are drawn only where no earlier label of the frame lies, so long CJK names never
  // overlap, not even a focused node's neighbours (zooming in makes room for the rest);
  // sigma's grid (labelDensity, labelGridCellSize) picks the candidates, biggest first.
  let drawn = [];
  function drawLabel(context, d, settings) {
    if (!d.label) return;
    context.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
    const w = context.measureText(d.label).width;
    const box = [d.x + d.size + 2, d.y - settings.labelSize * 0.7, w + 4, settings.labelSize * 1.3];
    const clash = ([x, y, bw, bh]) => x < box[0] + box[2] && box[0] < x + bw
      && y < box[1] + box[3] && box[1] < y + bh;
    if (drawn.some(clash)) return;
    drawn.push(box);
    context.fillStyle = d.highlighted ? "#000" : "#333";
    context.fillText(d.label, d.x + d.size + 3, d.y + settings.labelSize / 3);
  }

  const renderer = new Sigma(graph, document.getElementById("graph"), {
    labelFont: LABEL_FONT,
    labelSize: 13,
    labelDensity: 0.6,
    labelGridCellSize: 110,
    labelRenderedSizeThreshold: 5,
    defaultDrawNodeLabel: drawLabel,
    enableEdgeEvents: true,
    zIndex: true,
    minCameraRatio: 0.02,
    maxCameraRatio: 4,
    // On a corpus's graph (thousands of edges, software WebGL) panning and zooming redraw
    // only the nodes: about twice the frame rate; the edges come back when the camera stops.
    hideEdgesOnMove: graph.size > 2000,
    nodeReducer(node, attrs) {
      const out = { ...attrs };
      if (!visible(node, attrs)) return { ...out, hidden: true };
      if (state.focus.size) {
        if (state.focus.has(node)) {
          out.forceLabel = true;
          out.zIndex = 2;
          out.highlighted = node === (state.hovered || state.selected);
        } else {
          out.color = DIM;
          out.label = "";
          out.zIndex = 0;
        }
      } else if (state.matches.size) {
        if (state.matches.has(node)) {
          out.highlighted = true;
          out.forceLabel = state.matches.size <= 30;
          out.zIndex = 2;
        } else {
          out.color = DIM;
          out.zIndex = 0;
        }
      }
      return out;
    },
    edgeReducer(edge, attrs) {
      const out = { ...attrs };
      if (state.focus.size) {
        const centre = state.hovered || state.selected;
        if (!graph.hasExtremity(edge, centre)) out.hidden = true;
        else out.zIndex = 1;
      } else if (state.matches.size) {
        out.color = DIM;
      }
      return out;
    },
  });
  renderer.on("beforeRender", () => { drawn = []; });

  function refresh() {
    refocus();
    renderer.refresh({ skipIndexation: true });
  }

  // -- the camera -------------------------------------------------------------------------------
  function fit(nodes) {
    const shown = nodes.map((n) => renderer.getNodeDisplayData(n)).filter((d) => d && !d.hidden);
    if (!shown.length) return;
    const xs = shown.map((d) => d.x);
    const ys = shown.map((d) => d.y);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
    renderer.getCamera().animate({
      x: (Math.max(...xs) + Math.min(...xs)) / 2,
      y: (Math.max(...ys) + Math.min(...ys)) / 2,
      ratio: Math.min(1, Math.max(0.04, span * 1.3)),
    }, { duration: 500 });
  }

  // -- the panel ------------------------------------------------------------------------------
  const info = document.getElementById("info");

  function el(tag, props = {}, ...children) {
    const e = document.createElement(tag);
    Object.assign(e, props);
    e.append(...children.filter((c) => c !== null && c !== undefined && c !== ""));
    return e;
  }

  function nodeLink(node) {
    const a = graph.getNodeAttributes(node);
    const link = el("a", { href: "#", className: "node", title: a.iri },
      el("span", { className: "dot", style: `background:${a.color}` }), a.label);
    link.addEventListener("click", (event) => { event.preventDefault(); select(node, true); });
    return link;
  }

  function documents(docs) {
    return docs.length ? el("p", { className: "docs" }, "文档 documents: ", docs.join("、")) : null;
  }

  function evidence(edge) {
    const a = graph.getEdgeAttributes(edge);
    return el("div", { className: "edge" },
      el("p", {}, nodeLink(graph.source(edge)), ` ${KINDS[a.kind] ? KINDS[a.kind].name : ""} `,
        el("code", {}, a.kind), " ", nodeLink(graph.target(edge)),
        el("span", { className: "muted" }, ` × ${a.weight}`)),
      a.role ? el("p", {}, "职务 role: ", a.role) : null,
      ...a.sentences.map((s) => el("blockquote", {}, s)),
      a.count > a.sentences.length
        ? el("p", { className: "muted" }, `${a.count} 句证据 evidence sentences`) : null,
      documents(a.docs));
  }

  function showNode(node) {
    const a = graph.getNodeAttributes(node);
    const facts = [`${TYPE_NAMES[a.etype]} ${a.etype}`, a.cls, a.code && `区划代码 ${a.code}`,
      a.level && `级别 ${a.level}`, `提及 ${a.mentions} mentions`].filter(Boolean).join(" · ");
    const edges = graph.edges(node).filter((e) => visible(graph.opposite(node, e),
      graph.getNodeAttributes(graph.opposite(node, e))));
    const kinds = Object.keys(KINDS);
    const rank = (e) => [-graph.getEdgeAttribute(e, "sentences").length,
      kinds.indexOf(graph.getEdgeAttribute(e, "kind"))];
    edges.sort((e, f) => rank(e)[0] - rank(f)[0] || rank(e)[1] - rank(f)[1]); // evidence first
    info.replaceChildren(...[
      el("h2", {}, el("span", { className: "dot", style: `background:${a.color}` }), a.label),
      el("p", { className: "muted" }, facts),
      el("p", { className: "iri" }, a.iri),
      documents(a.docs),
      el("h3", {}, `关系 relations (${edges.length})`),
      ...edges.map(evidence)].filter(Boolean));
  }

  function showEdge(edge) {
    info.replaceChildren(el("h3", {}, "关系 relation"), evidence(edge));
  }

  function select(node, move) {
    state.selected = node;
    refresh();
    if (node === null) {
      info.replaceChildren(el("p", { className: "muted" }, info.dataset.hint));
      return;
    }
    showNode(node);
    if (move) fit([...state.focus]);
  }

  renderer.on("enterNode", ({ node }) => { state.hovered = node; refresh(); });
  renderer.on("leaveNode", () => { state.hovered = null; refresh(); });
  renderer.on("clickNode", ({ node }) => select(node, false));
  renderer.on("clickEdge", ({ edge }) => { select(null); showEdge(edge); });
  renderer.on("clickStage", () => select(null));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") select(null);
  });

  // -- filters: entity type and programme -------------------------------------------------------
  const typeBox = document.getElementById("types");
  const counts = {};
  graph.forEachNode((_, a) => { counts[a.etype] = (counts[a.etype] || 0) + 1; });
  for (const [etype, colour] of Object.entries(data.types)) {
    const box = el("input", { type: "checkbox", checked: true, value: etype });
    box.addEventListener("change", () => {
      if (box.checked) state.types.add(etype); else state.types.delete(etype);
      refresh();
    });
    typeBox.append(el("label", {}, box, el("span", { className: "dot", style: `background:${colour}` }),
      `${TYPE_NAMES[etype] || etype} ${etype} (${counts[etype] || 0})`));
  }

  const programmes = graph.filterNodes((_, a) => a.etype === "PROGRAM")
    .sort((p, q) => graph.degree(q) - graph.degree(p) || Number(p) - Number(q));
  const choice = document.getElementById("programme");
  choice.append(el("option", { value: "" }, `全部 all (${programmes.length})`),
    ...programmes.map((p) => el("option", { value: p },
      `${graph.getNodeAttribute(p, "label")} (${graph.degree(p)})`)));
  choice.addEventListener("change", () => {
    const p = choice.value;
    state.programme = p ? new Set([p, ...graph.neighbors(p)]) : null;
    select(p || null, false);
    fit(p ? [...state.programme] : graph.nodes());
  });

  // -- search ---------------------------------------------------------------------------------
  const search = document.getElementById("search");
  const list = document.getElementById("matches");
  search.addEventListener("input", () => {
    const text = search.value.trim().toLowerCase();
    state.matches = new Set(text ? graph.filterNodes((n, a) => visible(n, a)
      && a.label.toLowerCase().includes(text)) : []);
    const found = [...state.matches].sort((p, q) => graph.getNodeAttribute(q, "mentions")
      - graph.getNodeAttribute(p, "mentions") || Number(p) - Number(q));
    list.replaceChildren(...found.slice(0, 50).map((n) => el("li", {}, nodeLink(n))));
    if (found.length > 50) list.append(el("li", { className: "muted" }, `… ${found.length}`));
    refresh();
  });
  search.addEventListener("keydown", (event) => {
    const first = list.querySelector("a.node");
    if (event.key === "Enter" && first) first.click();
  });

  // -- layout: ForceAtlas2 in a worker, a fixed number of iterations ---------------------------
  // The same iterations from the same seeded positions give the same picture on every load.
  function* forceAtlas2(Graph, fa2, job) {
    const g = new Graph({ type: "undirected" });
    job.nodes.forEach(([x, y, size], i) => g.addNode(i, { x, y, size }));
    for (const [s, t] of job.edges) {
      if (s === t) continue;
      if (g.hasEdge(s, t)) g.updateEdgeAttribute(s, t, "weight", (w) => w + 1);
      else g.addEdge(s, t, { weight: 1 });
    }
    const settings = { ...fa2.inferSettings(g), ...job.settings };
    for (let done = 0; done < job.iterations; done += job.step) {
      fa2.assign(g, { iterations: Math.min(job.step, job.iterations - done), settings });
      const xy = new Float64Array(2 * g.order);
      let i = 0;
      g.forEachNode((_, a) => { xy[i++] = a.x; xy[i++] = a.y; });
      yield xy;
    }
  }

  const job = {
    nodes: graph.mapNodes((_, a) => [a.x, a.y, a.size]),
    edges: graph.mapEdges((_, __, s, t) => [Number(s), Number(t)]),
    iterations: data.layout.iterations,
    step: data.layout.step,
    settings: data.layout.settings,
  };

  function place(xy) {
    let i = 0;
    graph.updateEachNodeAttributes((_, a) => {
      a.x = xy[i++];
      a.y = xy[i++];
      return a;
    }, { attributes: ["x", "y"] });
  }

  function ready() {
    const shown = graph.filterNodes((n) => {
      const d = renderer.getNodeDisplayData(n);
      return d !== undefined && !d.hidden;
    });
    document.body.dataset.order = String(graph.order);
    document.body.dataset.size = String(graph.size);
    document.body.dataset.rendered = String(shown.length);
    document.body.dataset.ready = "true";
  }

  function runHere() { // without workers (a browser that refuses them): in slices, by timer
    const steps = forceAtlas2(graphology.Graph, graphologyLayoutForceAtlas2, job);
    (function next() {
      const step = steps.next();
      if (step.done) { renderer.once("afterRender", ready); renderer.refresh(); return; }
      place(step.value);
      setTimeout(next, 0);
    })();
  }

  function runInWorker() {
    const source = ["graphology-js", "forceatlas2-js"]
      .map((id) => document.getElementById(id).textContent)
      .concat(`const forceAtlas2 = ${forceAtlas2.toString()};`,
        "onmessage = ({ data }) => {",
        "  for (const xy of forceAtlas2(graphology.Graph, graphologyLayoutForceAtlas2, data))",
        "    postMessage(xy, [xy.buffer]);",
        "  postMessage(null);",
        "};");
    const url = URL.createObjectURL(new Blob([source.join("\n")], { type: "text/javascript" }));
    const worker = new Worker(url);
    worker.onmessage = ({ data: xy }) => {
      if (xy === null) {
        worker.terminate();
        URL.revokeObjectURL(url);
        renderer.once("afterRender", ready);
        renderer.refresh();
        return;
      }
      place(xy);
    };
    worker.postMessage(job);
  }

  document.getElementById("stats").textContent = `${graph.order} 个实体 entities · `
    + `${graph.size} 条关系 relations`;
  info.dataset.hint = info.textContent;
  window.zhkg = { graph, renderer, select };
  if (typeof Worker === "function") {
    try {
      runInWorker();
    } catch { // a page opened where blob workers are refused
      runHere();
    }
  } else {
    runHere();
  }
})();
