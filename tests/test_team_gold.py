"""The team's annotations of unlabelled articles (benchmarks/team_gold): they unpack
from their offsets into the guideline's files against the texts of ../shared/real."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real"
_spec = importlib.util.spec_from_file_location("team_gold", ROOT / "benchmarks" / "team_gold.py")
team_gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(team_gold)


SETS = ["E", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11"]


@pytest.mark.parametrize("name", SETS)
def test_every_set_unpacks_into_guideline_files_whose_strings_are_in_their_texts(tmp_path, name):
    texts, gold = team_gold.unpack(name, REAL, tmp_path)
    files = sorted(gold.glob("*.json"))
    assert len(files) == (17 if name == "E" else 12 if name in ("E2", "E11") else 16)
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = (texts / f"{path.stem}.txt").read_text(encoding="utf-8")
        bare = "".join(ch for ch in text if ch not in team_gold.QUOTES)
        assert doc["doc"] == path.stem
        assert set(doc) >= {"entities", "optional", "implements", "part_of", "member_of"}
        for names in doc["entities"].values():
            for name_ in names:
                assert name_ in text or name_ in bare, (path.name, name_)
        for row in doc["implements"]:
            assert row["evidence"] in text


def test_a_span_written_without_its_inner_quotation_marks_packs_and_unpacks():
    text = "北仑区以“三区”联动为抓手。"
    packed = team_gold._offsets({"doc": "x", "PROGRAM": ["三区联动", "三区"]}, text)
    assert packed == {"doc": "x", "PROGRAM": [{"unquoted": [5, 10]}, [5, 7]]}
    assert team_gold._strings(packed, text) == {"doc": "x", "PROGRAM": ["三区联动", "三区"]}
