"""The project installed from its wheel, not editable: ``kg`` finds its package data there.

The wheel goes into a fresh venv that borrows the project venv's third-party packages by a
``.pth`` line. Such a line only adds the folder to ``sys.path``; that folder's own ``.pth``
files, among them the editable zhkg's finder, are not run, so ``kg`` can only come from the
wheel. The commands run from a folder outside the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.cache import cache_dir
from kg.pipeline.segmenter import resolve_pkuseg_model

ROOT = Path(__file__).resolve().parents[1]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


def _run(*args: str | Path, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env,
                          cwd=cwd, check=False)
    assert proc.returncode == 0, f"{args}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _shared_cache_links(cache: Path) -> None:
    """Fill ``cache`` with links to the shared cache's converted model and tables.

    A table's key holds the paths of its sources (``kg.cache.cached_data``) and each write
    deletes the table's other versions, so the wheel and the editable install sharing one
    cache would rebuild and delete each other's gazetteer. Links let the wheel read what
    matches; what it rebuilds replaces a link here, never a shared file.
    """
    resolve_pkuseg_model()  # converts CTB8 into the shared cache once, as the suite does
    shared = cache_dir()
    (cache / "tables").mkdir(parents=True)
    if (shared / "pkuseg").is_dir():
        (cache / "pkuseg").symlink_to(shared / "pkuseg", target_is_directory=True)
    for table in sorted((shared / "tables").glob("*.pickle")):
        (cache / "tables" / table.name).symlink_to(table)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """A venv holding the wheel of this checkout; its root and the environment to run it in."""
    tmp = tmp_path_factory.mktemp("wheel")
    # build/ and zhkg.egg-info go here, not into the checkout, where a stale build/lib
    # would ship deleted modules (distutils reads DIST_EXTRA_CONFIG as one more setup.cfg).
    config = tmp / "build.cfg"
    config.write_text(f"[build]\nbuild_base = {tmp / 'build'}\n[egg_info]\negg_base = {tmp}\n",
                      encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    _run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", tmp / "dist",
         ROOT, env={**os.environ, "DIST_EXTRA_CONFIG": str(config)})
    (wheel,) = (tmp / "dist").glob("zhkg-*.whl")

    root = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / "bin" / "python"
    _run(*pip, "--python", python, "install", "--no-deps", "--no-index", wheel)
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
                .stdout.strip())
    # Written after the install, so pip saw no zhkg but the wheel's.
    borrowed = dict.fromkeys(sysconfig.get_path(k) for k in ("purelib", "platlib"))
    (site / "project_venv.pth").write_text("".join(f"{p}\n" for p in borrowed),
                                           encoding="utf-8")

    cache = tmp / "cache"
    _shared_cache_links(cache)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env |= {"PYTHONNOUSERSITE": "1", "VIRTUAL_ENV": str(root), "ZHKG_CACHE_DIR": str(cache),
            "PATH": f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}"}
    yield root, env
    shutil.rmtree(cache)  # its own gazetteer table is 80 MB; pytest keeps three runs' tmp


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the commands run in, outside the checkout."""
    return tmp_path_factory.mktemp("wheel-work")


@pytest.fixture(scope="module")
def graph(installed: tuple[Path, dict[str, str]], work: Path) -> Path:
    """One seed page built by the installed ``kg``."""
    root, env = installed
    _run(root / "bin" / "kg", "build", SEED, "-o", "out.ttl", "-q", env=env, cwd=work)
    return work / "out.ttl"


def _kg(installed: tuple[Path, dict[str, str]], work: Path,
        *args: str) -> subprocess.CompletedProcess[str]:
    root, env = installed
    return subprocess.run([str(root / "bin" / "kg"), *args], capture_output=True, text=True,
                          env=env, cwd=work, check=False)


def test_kg_and_its_ontology_come_from_the_wheel(installed, work):
    root, env = installed
    probe = ("import json, sys, kg, importlib.metadata as md; "
             "from importlib.resources import files; "
             "print(json.dumps({'kg': kg.__file__, "
             "'ontology': str(files('kg.ontology').joinpath('zhkg.ttl')), "
             "'dist': str(md.distribution('zhkg').locate_file('')), "
             "'editable': sorted(m for m in sys.modules if 'editable' in m)}))")
    found = json.loads(_run(root / "bin" / "python", "-c", probe, env=env, cwd=work).stdout)
    for key in ("kg", "ontology", "dist"):
        assert Path(found[key]).is_relative_to(root), (key, found[key])
    assert found["editable"] == []


def test_the_wheel_holds_every_module_and_data_file(installed):
    root, _ = installed
    (package,) = root.glob("lib/python*/site-packages/kg")

    def tree(folder: Path) -> set[str]:
        return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts}

    expected = {p for p in tree(ROOT / "kg")
                if p.endswith(".py") or p.startswith("data/") or p.endswith(".rq")}
    expected |= {f"ontology/{name}" for name in tree(ROOT / "ontology")}
    assert tree(package) == expected


def test_build_output_validates(installed, work, graph):
    proc = _kg(installed, work, "validate", graph.name)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Conforms: True" in proc.stdout


def test_validate_reads_the_shapes(installed, work):
    bad = work / "bad.ttl"  # a document without its text and identifier
    bad.write_text("<https://w3id.org/zhkg/resource/doc/x> a "
                   "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Context>, "
                   "<https://w3id.org/zhkg/ontology#Document> .\n", encoding="utf-8")
    proc = _kg(installed, work, "validate", bad.name)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Conforms: False" in proc.stdout and "nif:isString" in proc.stdout


def test_a_shipped_query_answers(installed, work, graph):
    listed = _kg(installed, work, "query", "--list")
    assert "implementations" in {line.split("\t")[0] for line in listed.stdout.splitlines()}
    proc = _kg(installed, work, "query", graph.name, "implementations", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["results"]["bindings"]
    assert rows and all("programmeLabel" in row for row in rows)


def test_export_writes_the_entity_graph(installed, work, graph):
    proc = _kg(installed, work, "export", graph.name, "-o", "out.gexf")
    assert proc.returncode == 0, proc.stderr
    G = nx.read_gexf(work / "out.gexf")
    assert G.number_of_nodes() > 0 and G.number_of_edges() > 0
    # The classes below the roots come from the ontology's rdfs:subClassOf.
    kinds = {(data["type"], data["kgo_class"]) for _, data in G.nodes(data=True)}
    assert {"ORG", "PLACE", "PROGRAM"} <= {etype for etype, _ in kinds}
    assert any(cls not in ("Organization", "Place", "Person", "Program") for _, cls in kinds)
