"""Huge single files (issue 18): peak memory of kg build stays near a build of the seeds.

Each build runs as the user runs it, in its own process, and its peak resident set comes
from the kernel (``os.wait4``). The files are made of the seeds' own sentences: one line
of 5 MB without punctuation or line breaks (more than a document holds, so it is built
in parts), and a million lines of one word each. The 50 MB line is measured once, in
docs/performance.md: it takes 10 times as long and grows no further.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import cycle, islice
from pathlib import Path

import pyoxigraph
import pytest

ROOT = Path(__file__).resolve().parents[1]
KG = str(Path(sys.executable).with_name("kg"))
# The ratio of the issue: a huge file's build may take half as much memory again as
# the seeds' build, whose pipeline (segmenter features, gazetteer) is most of it.
RSS_RATIO = 1.5


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]


def peak_rss(*args: str) -> int:
    """The peak resident set of ``kg build ARGS -q`` in bytes; the build must succeed."""
    process = subprocess.Popen([KG, "build", *args, "-q"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.stderr.close()
    assert os.waitstatus_to_exitcode(status) == 0, stderr.decode()
    return usage.ru_maxrss * 1024  # kibibytes on Linux


@pytest.fixture(scope="module")
def seeds_rss(tmp_path_factory) -> int:
    return peak_rss(str(ROOT / "seeds"), "-o", str(tmp_path_factory.mktemp("seeds") / "g.nq"))


def one_line(size: int) -> str:
    """``size`` bytes of UTF-8: the seeds' Han characters run together, no punctuation."""
    run = "".join(re.findall(r"[\u4e00-\u9fff]+", "".join(seed_texts())))
    return "".join(islice(cycle(run), size // 3))


def short_lines(count: int) -> str:
    """``count`` lines of one word each: the seeds' phrases cut into two-character words."""
    phrases = re.findall(r"[\u4e00-\u9fff]+", "".join(seed_texts()))
    words = [p[i:i + 2] for p in phrases for i in range(0, len(p), 2)]
    return "\n".join(islice(cycle(words), count)) + "\n"


def documents(path: Path) -> int:
    """How many documents ``kg query`` counts in the graph file at ``path``; the file
    loads in pyoxigraph too."""
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.N_QUADS)
    assert len(store) > 0
    out = subprocess.run(
        [KG, "query", str(path), "SELECT (COUNT(?d) AS ?n) WHERE { ?d a kgo:Document }",
         "--format", "csv"], capture_output=True, text=True, check=True).stdout
    return int(out.splitlines()[1])


@pytest.mark.parametrize("name,make", [
    ("line.txt", lambda: one_line(5_000_000)),
    ("lines.txt", lambda: short_lines(1_000_000)),
], ids=["5 MB one line", "a million lines"])
def test_a_huge_file_builds_in_the_memory_of_the_seeds(name, make, seeds_rss, tmp_path):
    text = make()
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "g.nq"
    rss = peak_rss(str(source), "-o", str(out))
    assert rss <= RSS_RATIO * seeds_rss, (rss >> 20, seeds_rss >> 20)
    # Split into parts of at most 200,000 characters: every literal loads anywhere.
    assert documents(out) >= len(text) // 200_000
