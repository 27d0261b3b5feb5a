"""``notebooks/walkthrough.ipynb`` runs from top to bottom, so it never rots."""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT.parent / "shared" / "real" / "manifest.csv"


def test_walkthrough_executes_and_answers():
    nb = nbformat.read(ROOT / "notebooks" / "walkthrough.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "文明团结积分超市" in text  # the integral-supermarket question is answered
    # The figures' labels are drawn in the simplified-Chinese face, not the Hong Kong one.
    assert "('Noto Sans CJK SC'," in text
    # displaCy shows the four labels inline.
    html = "\n".join(str(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert all(f">{label}</span>" in html for label in ("ORG", "PLACE", "PERSON", "PROGRAM"))
    # Both figures are shown inline, not only written to files.
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 2
    assert (ROOT / "out" / "programmes_by_county.png").stat().st_size > 10_000
    assert (ROOT / "out" / "programme_timeline.png").stat().st_size > 30_000
    # The timeline counts every article and every date of the manifest.
    with MANIFEST.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    dated = sum(1 for row in rows if row["date"])
    first = min(row["date"] for row in rows if row["date"])
    assert (len(rows), dated) == (193, 191)
    assert f"{len(rows)}    {dated}  {first}" in text
