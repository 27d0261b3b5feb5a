"""The output in every syntax passes raptor's ``rapper`` without warnings, same counts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph
import pytest

ROOT = Path(__file__).resolve().parents[2]
# raptor's parser names; JSON-LD is not a syntax raptor reads.
SYNTAXES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "trig": "trig"}
OXIGRAPH = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
            "nq": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG}


@pytest.fixture(scope="module")
def outputs(seeds_output) -> dict[str, Path]:
    return {ext: seeds_output(ext) for ext in SYNTAXES}


def test_rapper_is_installed_by_the_test_setup():
    assert shutil.which("rapper"), "make test installs raptor2-utils (rapper)"


@pytest.mark.parametrize("ext", sorted(SYNTAXES))
def test_rapper_parses_the_output_without_warnings(outputs, ext):
    run = subprocess.run(["rapper", "-i", SYNTAXES[ext], "-c", str(outputs[ext])],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert not re.search(r"(?i)warning|error", run.stderr), run.stderr
    count = int(re.search(r"returned (\d+) triples", run.stderr).group(1))
    store = pyoxigraph.Store()
    store.load(path=str(outputs[ext]), format=OXIGRAPH[ext])
    assert count == len(store)
