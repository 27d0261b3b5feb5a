"""``notebooks/walkthrough.ipynb`` runs from top to bottom, so it never rots."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def test_walkthrough_executes_and_answers(tmp_path):
    nb = nbformat.read(ROOT / "notebooks" / "walkthrough.ipynb", as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    assert "文明团结积分超市" in text  # the integral-supermarket question is answered
    assert "Noto Sans CJK" in text  # the figure's labels are drawn in a CJK font
    assert (ROOT / "out" / "programmes_by_county.png").stat().st_size > 10_000
