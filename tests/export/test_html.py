"""``kg export OUT.html``: an offline page that renders in a real headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--virtual-time-budget=3000"]


@pytest.fixture(scope="module")
def page(tmp_path_factory, seeds_output) -> Path:
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    assert main(["export", str(seeds_output("ttl")), "-o", str(out), "-q"]) == 0
    return out


def test_page_fetches_nothing_from_the_network(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "@import" not in text and "<link" not in text


def test_page_renders_its_nodes_in_headless_chromium_without_console_errors(page):
    assert shutil.which("chromium"), "make test installs Debian's chromium"
    run = subprocess.run([*CHROMIUM, "--enable-logging=stderr", "--v=0", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    ready = re.search(r'data-ready="(\d+)"', run.stdout)
    assert ready and int(ready.group(1)) > 300  # the script ran over every node
    assert run.stdout.count("<circle") == int(ready.group(1))
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []


def test_screenshot_of_the_page(page, tmp_path):
    shot = tmp_path / "view.png"
    run = subprocess.run([*CHROMIUM, "--window-size=1400,900", f"--screenshot={shot}",
                          page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=False)
    assert run.returncode == 0 and shot.stat().st_size > 20_000, run.stderr[-2000:]


def test_two_exports_are_identical(page, tmp_path, seeds_output):
    again = tmp_path / "again.html"
    assert main(["export", str(seeds_output("ttl")), "-o", str(again), "-q"]) == 0
    assert again.read_bytes() == page.read_bytes()
