"""The shipped questions of time (kg/queries/programmes_per_month.rq, programme_diffusion.rq)
on real articles dated by the real manifest."""

from __future__ import annotations

import csv
from importlib.resources import files
from pathlib import Path

import pyoxigraph
import pytest

from kg.cli import main

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
# Three People's Daily articles that report 千万工程 (the "ten thousand villages" project)
# carried out in three places, a month or more apart.
ARTICLES = ("unlabelled/0031.txt", "unlabelled/0061.txt", "unlabelled/0132.txt")


@pytest.fixture(scope="module")
def dated() -> dict[str, str]:
    """The manifest's date of each article, by identifier."""
    with (REAL / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    return {Path(name).stem: rows[name]["date"] for name in ARTICLES}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> pyoxigraph.Store:
    """The articles built (linked, not copied) beside the real manifest's rows for them."""
    folder = tmp_path_factory.mktemp("dated")
    with (REAL / "manifest.csv").open(encoding="utf-8", newline="") as f:
        rows = [row for row in csv.DictReader(f) if row["file"] in ARTICLES]
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            (folder / Path(row["file"]).name).symlink_to(REAL / row["file"])
            writer.writerow({**row, "file": Path(row["file"]).name})
    out = folder / "dated.ttl"
    assert main(["build", str(folder), "-o", str(out), "-q"]) == 0
    store = pyoxigraph.Store()
    store.load(path=str(out), format=pyoxigraph.RdfFormat.TURTLE)
    return store


def ask(store: pyoxigraph.Store, name: str, values: tuple[str, str] | None = None
        ) -> list[dict[str, str]]:
    """The rows of a shipped query, its ``values`` VALUES block replaced (old, new)."""
    query = files("kg.queries").joinpath(f"{name}.rq").read_text(encoding="utf-8")
    if values is not None:
        assert values[0] in query
        query = query.replace(*values)
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    return [{n: (s[n].value if s[n] is not None else "") for n in names} for s in solutions]


def test_programmes_are_counted_in_the_month_of_their_articles(store, dated):
    rows = ask(store, "programmes_per_month")
    assert [row["month"] for row in rows] == sorted({d[:7] for d in dated.values()})
    for row in rows:
        assert row["year"] == row["month"][:4]
        assert int(row["documentCount"]) == sum(d[:7] == row["month"] for d in dated.values())
        assert "千万工程" in row["programmes"].split(" | ")
        assert int(row["programmeCount"]) == len(row["programmes"].split(" | "))


def test_diffusion_puts_the_earliest_article_first_and_the_others_later(store, dated):
    rows = ask(store, "programme_diffusion")
    assert rows
    for row in rows:
        assert row["issued"] == dated[row["documentId"]]
    by_programme: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_programme.setdefault(row["programme"], []).append(row)
    for reports in by_programme.values():
        first = min(r["issued"] for r in reports)
        assert all(r["step"] == ("first" if r["issued"] == first else "later") for r in reports)
        assert [r["issued"] for r in reports] == sorted(r["issued"] for r in reports)
    spread = [r for r in rows if r["programmeLabel"] == "千万工程"]
    earliest = min(dated, key=dated.get)
    assert [(r["step"], r["documentId"]) for r in spread if r["step"] == "first"] == [
        ("first", earliest)]
    assert {r["documentId"] for r in spread if r["step"] == "later"} == set(dated) - {earliest}
    assert int(spread[0]["placeCount"]) == len({r["placeLabel"] for r in spread}) >= 3
    # Programmes reported in most places come first.
    counts = [int(r["placeCount"]) for r in rows]
    assert counts == sorted(counts, reverse=True)


def test_diffusion_keeps_the_programmes_reported_in_as_many_places_as_asked(store):
    every = ask(store, "programme_diffusion")
    spread = ask(store, "programme_diffusion",
                 ("VALUES ?minPlaces { 1 }", "VALUES ?minPlaces { 3 }"))
    assert spread == [row for row in every if int(row["placeCount"]) >= 3]
    assert "千万工程" in {row["programmeLabel"] for row in spread}
    assert len(spread) < len(every)
