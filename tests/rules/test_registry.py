"""The rules' one home: the registry, the unit table, the classes and who imports what."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.rules.classes import ENTITY_CLASSES
from kg.rules.families import entity_families, families, priority, resolve_disabled
from kg.rules.lexicon import DataError, org_heads, parse_rows, site_classes
from kg.rules.units import (
    ANAPHOR_CLASSES,
    COUNTY,
    LEVEL_CLASS,
    LEVEL_PREFIXES,
    PREFIX_LEVELS,
    TOWNSHIP,
    UNITS,
    VILLAGE,
    division_class,
    guess_unit,
    local_stem,
)

ROOT = Path(__file__).resolve().parents[2]
ACCURACY = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
ROOTS = ("Organization", "Place", "Person", "Program")


# -- the registry ----------------------------------------------------------------------

def test_every_rule_family_has_a_row_on_the_accuracy_page():
    missing = [f.id for f in families().values() if f"`{f.id}`" not in ACCURACY]
    assert not missing, f"docs/accuracy.md lacks {missing}"


def test_versioned_names_carry_the_version_before_the_rule():
    assert families()["zhkg.places:feature"].id == "zhkg.places.v5:feature"
    assert families()["zhkg.anaphora"].id == "zhkg.anaphora.v2"
    quoted, named = families()["zhkg.orgs:quoted"], families()["zhkg.orgs:named"]
    assert priority(quoted.id) > priority(named.id)


def test_disable_takes_versioned_and_plain_names_and_refuses_others():
    assert resolve_disabled(["zhkg.places:feature", "zhkg.places.v5:feature"]) == \
        ["zhkg.places.v5:feature"]
    with pytest.raises(ValueError, match=r"zhkg\.places\.v9:nothing.*zhkg\.places\.v5:feature"):
        resolve_disabled(["zhkg.places.v9:nothing"])
    with pytest.raises(ValueError):  # a relation family does not propose candidates
        resolve_disabled(["zhkg.implements:topic"])
    assert len(entity_families()) == 30


def test_kg_build_refuses_an_unknown_family_in_one_line(tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text("鄂托克前旗委组织部开展“五随六帮”活动。\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert main(["build", str(page), "-o", str(out), "--disable", "zhkg.places.v5:features"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "zhkg.places.v5:features" in err[0]
    assert "zhkg.places.v5:feature," in err[0]
    assert not out.exists()


# -- the unit table --------------------------------------------------------------------

def test_divisions_take_the_class_of_their_unit_or_of_their_level():
    assert division_class("鄂托克前旗", COUNTY) == "Banner"
    assert division_class("满洲里市", COUNTY) == "CountyLevelCity"
    assert division_class("城川镇", TOWNSHIP) == "Town"
    assert division_class("麻黄套嘎查", VILLAGE) == "Gacha"
    assert division_class("新疆生产建设兵团第一师", COUNTY) == LEVEL_CLASS[COUNTY]


def test_names_the_data_lacks_are_guessed_by_their_longest_unit():
    assert guess_unit("海西路街道") == ("街道", TOWNSHIP, "Subdistrict")
    assert guess_unit("中海社区") == ("社区", VILLAGE, "Community")  # 社区, not 区
    assert guess_unit("兴安南路") is None


def test_prefixes_references_and_stems_come_from_the_same_rows():
    assert PREFIX_LEVELS["旗"] == COUNTY and PREFIX_LEVELS["街道"] == TOWNSHIP
    assert "中央" in LEVEL_PREFIXES and "中央" not in PREFIX_LEVELS  # national: no owner place
    # 该区 in a regional paper may be the autonomous region itself.
    assert set(ANAPHOR_CLASSES["区"]) == {"District", "AutonomousRegion"}
    assert set(ANAPHOR_CLASSES["市"]) == {"Municipality", "PrefectureCity", "CountyLevelCity"}
    assert local_stem("明月村") == "明月" and local_stem("胡斯台嘎查") == "胡斯台"


def test_level_prefixes_begin_with_distinct_characters():
    # orgs finds every prefix by one lookahead scan that relies on it.
    assert len({prefix[0] for prefix in LEVEL_PREFIXES}) == len(LEVEL_PREFIXES)


def test_a_data_row_with_an_unknown_class_fails_naming_file_and_line():
    text = ("# head<TAB>class<TAB>strength\n"
            "组织部\tPartyDepartment\tstrong\n党校\tPartyScool\tstrong\n")
    with pytest.raises(DataError, match=r"kg/data/org_heads\.tsv:3: 'PartyScool'"):
        parse_rows(text, "kg/data/org_heads.tsv", 3, classes=(1,))
    with pytest.raises(DataError, match=r"org_heads\.tsv:1: 2 fields"):
        parse_rows("组织部\tPartyDepartment\n", "kg/data/org_heads.tsv", 3)


# -- classes ---------------------------------------------------------------------------

def _classes_named_in_code() -> set[str]:
    """Entity classes written as string literals in recognition and linking."""
    found = set()
    for folder in ("pipeline", "linking", "relations"):
        for path in (ROOT / "kg" / folder).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and node.value in ENTITY_CLASSES:
                    found.add(node.value)
    return found


def test_every_class_no_rule_produces_is_listed_with_a_reason():
    produced = ({u.ontology_class for u in UNITS if u.ontology_class}
                | set(LEVEL_CLASS.values()) | {cls for cls, _ in org_heads().values()}
                | {cls for _, cls in site_classes()} | _classes_named_in_code())
    never = set(ENTITY_CLASSES) - produced - set(ROOTS)
    section = ACCURACY.split("no rule produces, and why:", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `kgo:(\w+)` \| \S", section, flags=re.MULTILINE))
    assert listed == never


def test_the_party_departments_are_party_organizations():
    heads = org_heads()
    for head in ("组织部", "宣传部", "统战部", "政法委", "社工部"):
        assert heads[head][0] == "PartyDepartment"
    assert heads["领导小组"][0] == "LeadingGroup" and heads["党校"][0] == "PartySchool"


# -- architecture ----------------------------------------------------------------------

def test_recognition_linking_and_relations_load_no_rdf():
    code = ("import sys, kg.pipeline, kg.extract, kg.rules.units, kg.rules.families\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('rdflib', 'pyoxigraph', 'pyshacl') or m.startswith(('kg.graph', 'kg.export'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("folder", ["linking", "relations", "rules"])
def test_linking_relations_and_rules_import_no_pipeline_module(folder):
    for path in (ROOT / "kg" / folder).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("kg.pipeline"), (path.name, node.module)
