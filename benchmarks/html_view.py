"""Export time, page load time and frame rate of the HTML view (``kg export OUT.html``).

Exports GRAPH (a file written by ``kg build``) to an HTML page, loads it ``--repeat`` times
in headless Chromium (WebGL on the CPU: SwiftShader) and prints the medians of:

- export: reading the graph file, building the entity graph, writing the page (one process);
- first paint: the page drawn with its seeded positions;
- ready: ForceAtlas2's iterations done in the worker, every node drawn (``data-ready``);
- frames per second while the camera zooms for two seconds, and the time a hover takes to
  redraw the page (reducers over every node and edge).

``--screenshot PNG`` writes the whole graph with its busiest node selected: its neighbours
highlighted and labelled, its relations and evidence in the panel (docs/graph-view.png).
Run: ``python benchmarks/html_view.py out/real.ttl``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.cli import main as kg  # noqa: E402
from tests.export.chromium import Chromium  # noqa: E402

READY = """new Promise((resolve) => {
  const check = () => document.body && document.body.dataset.ready
    ? resolve(performance.now()) : setTimeout(check, 10);
  check();
})"""
FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint')[0].startTime"
ZOOM_FPS = """new Promise((resolve) => {
  const camera = zhkg.renderer.getCamera();
  let frames = 0;
  const start = performance.now();
  zhkg.renderer.on("afterRender", () => { frames += 1; });
  camera.animate({ ratio: 0.15 }, { duration: 2000 });
  setTimeout(() => resolve(frames / ((performance.now() - start) / 1000)), 2000);
})"""
BUSIEST = "zhkg.graph.nodes().sort((p, q) => zhkg.graph.degree(q) - zhkg.graph.degree(p))[0]"
HOVER_MS = f"""(() => {{
  const busiest = {BUSIEST};
  const start = performance.now();
  for (let i = 0; i < 10; i++) {{
    zhkg.renderer.emit("enterNode", {{ node: busiest }});
    zhkg.renderer.render();
    zhkg.renderer.emit("leaveNode", {{ node: busiest }});
    zhkg.renderer.render();
  }}
  return (performance.now() - start) / 20;
}})()"""
SELECT_BUSIEST = f"void zhkg.select({BUSIEST}, false)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="a graph file written by kg build")
    parser.add_argument("--repeat", type=int, default=3, help="page loads (default 3)")
    parser.add_argument("--screenshot", type=Path, help="write the loaded page here (PNG)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "view.html"
        start = time.perf_counter()
        if kg(["export", str(args.graph), "-o", str(page)]) != 0:
            return 1
        export = time.perf_counter() - start
        print(f"export: {export:.2f} s, page {page.stat().st_size / 1e6:.2f} MB")
        rows = []
        for _ in range(args.repeat):
            with Chromium() as chromium:
                chromium.open(page)
                ready = chromium.evaluate(READY)
                rows.append((chromium.evaluate(FIRST_PAINT), ready,
                             chromium.evaluate(ZOOM_FPS), chromium.evaluate(HOVER_MS)))
                if args.screenshot and len(rows) == args.repeat:
                    chromium.evaluate("void zhkg.renderer.getCamera().setState({ ratio: 1 })")
                    chromium.evaluate(SELECT_BUSIEST)
                    time.sleep(0.5)  # the next frame
                    chromium.screenshot(args.screenshot)
        paint, ready, fps, hover = (statistics.median(column) for column in zip(*rows, strict=True))
        print(f"first paint: {paint / 1000:.2f} s, ready (layout done): {ready / 1000:.2f} s, "
              f"zoom: {fps:.0f} frames/s, hover redraw: {hover:.0f} ms "
              f"(medians of {args.repeat} loads)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
