"""The division gazetteer: compiled lookups answer as the lists they were built from."""

from __future__ import annotations

import pytest

from kg.gazetteer import load_gazetteer, parse_china_location

# jionlp's format: tab-indented levels, name, code, short name.
SAMPLE = """内蒙古自治区\t150000\t内蒙古
\t鄂尔多斯市\t150600\t鄂尔多斯
\t\t鄂托克前旗\t150623\t鄂前旗
\t\t\t城川镇
\t\t\t\t麻黄套村
\t\t\t\t大沟湾村
\t\t鄂托克旗\t150624
\t\t\t城川镇
\t呼和浩特市\t150100\t呼市
\t\t新城区\t150102
\t\t\t海拉尔东路街道
"""


def test_compiled_gazetteer_answers_like_the_one_being_built():
    gaz = parse_china_location(SAMPLE.splitlines(keepends=True))
    names = ["城川镇", "鄂前旗", "麻黄套村", "新城区", "呼和浩特市", "不存在村"]
    before = {n: sorted(d.key for d in gaz.lookup(n)) for n in names}
    parents = {k: gaz.get(k).parent for n in names for k in before[n]}
    ups = {k: gaz.ancestor_keys(k) for n in names for k in before[n]}
    gaz.compile()
    assert {n: sorted(d.key for d in gaz.lookup(n)) for n in names} == before
    assert len(before["城川镇"]) == 2 and before["不存在村"] == []
    assert {k: gaz.get(k).parent for k in parents} == parents
    assert {k: gaz.ancestor_keys(k) for k in ups} == ups
    assert "150623" in gaz and "999999" not in gaz
    with pytest.raises(RuntimeError):
        gaz.add(gaz.get("150623"))


def test_automaton_matches_name_ids_that_give_the_names():
    gaz = parse_china_location(SAMPLE.splitlines(keepends=True))
    gaz.compile()
    text = "鄂托克前旗城川镇麻黄套村"
    found = {gaz.name(i) for _, i in gaz.automaton.iter(text)}
    assert {"鄂托克前旗", "城川镇", "麻黄套村"} <= found


def test_national_data_resolves_a_gacha_to_its_banner():
    gaz = load_gazetteer()
    (village,) = [d for d in gaz.lookup("麻黄套村")
                  if d.key.startswith("150623")] or [None]
    assert village is not None
    assert "150623" in gaz.ancestor_keys(village.key)
    assert gaz.get("150623").name == "鄂托克前旗"
