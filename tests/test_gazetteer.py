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


def test_scan_reports_names_only_whatever_characters_surround_them():
    gaz = parse_china_location(SAMPLE.splitlines(keepends=True))
    gaz.compile()
    # 蒙, 古 and 旗 occur inside names only; \x00 and \x01 are the scan's own marks.
    text = "蒙\x01古族群众\x00在内蒙古自治区鄂托克前旗，古旗"
    found = [(end, gaz.name(i)) for end, i in gaz.scan(text) if i >= 0]
    assert all(i >= 0 for _, i in gaz.scan(text))
    assert [(text[end + 1 - len(name):end + 1], name) for end, name in found] == \
        [(name, name) for _, name in found]
    assert {name for _, name in found} >= {"内蒙古自治区", "鄂托克前旗"}


def test_national_data_resolves_a_gacha_to_its_banner():
    gaz = load_gazetteer()
    (village,) = [d for d in gaz.lookup("麻黄套村")
                  if d.key.startswith("150623")] or [None]
    assert village is not None
    assert "150623" in gaz.ancestor_keys(village.key)
    assert gaz.get("150623").name == "鄂托克前旗"


def test_a_city_named_nearby_picks_its_district_among_namesakes():
    gaz = load_gazetteer()
    assert len(gaz.lookup("新城区")) > 2
    assert gaz.disambiguate("新城区", ["150100"]).key == "150102"   # 呼和浩特市
    assert gaz.disambiguate("新城区", ["610100"]).key == "610102"   # 西安市
    # The nearer of two cities weighs more.
    assert gaz.disambiguate("新城区", ["610100", "150100"]).key == "610102"


def test_a_unit_named_nearby_picks_the_district_above_it():
    gaz = load_gazetteer()
    assert gaz.disambiguate("新城区", ["610102/西一路街道"]).key == "610102"
    assert gaz.disambiguate("新城区", ["150102/海拉尔东路街道"]).key == "150102"
    assert gaz.disambiguate("新城区", ["610102/西一路街道", "150102/海拉尔东路街道"]).key \
        == "610102"


@pytest.mark.parametrize(("name", "city", "county"), [
    ("南昌", "360100", "360121"), ("长沙", "430100", "430121"), ("承德", "130800", "130821"),
])
def test_a_city_named_nearby_keeps_its_short_name_from_the_county_below_it(name, city, county):
    # 长沙市 … 长沙: the city named again, not 长沙县, which lies in it.
    gaz = load_gazetteer()
    assert {d.key for d in gaz.lookup(name)} >= {city, county}
    assert gaz.disambiguate(name, [city]).key == city
    assert gaz.disambiguate(name, [city, "430000"]).key == city
    # A place of the county's own named nearby still picks the county.
    assert gaz.disambiguate(name, [county]).key == county


def test_namesakes_without_telling_context_stay_unresolved():
    gaz = load_gazetteer()
    assert gaz.disambiguate("新城区") is None
    assert gaz.disambiguate("新城区", ["999999"]) is None   # a key the data lacks


def _scored_one_by_one(gaz, name, context):
    """disambiguate's scoring as its docstring states it, pair by pair."""
    context = [k for k in context if k in gaz]
    scores = []
    for cand in gaz.lookup(name):
        score = 0
        for rank, key in enumerate(context):
            weight = len(context) - rank
            if key == cand.key:
                score += 3 * weight
            elif key in gaz.ancestor_keys(cand.key):
                score += 2 * weight
            elif key != cand.key and cand.key in gaz.ancestor_keys(key):
                score += weight
        scores.append((score, cand.key))
    scores.sort(reverse=True)
    if scores[0][0] > 0 and scores[0][0] > scores[1][0]:
        return scores[0][1]
    top = min(c.admin_level for c in gaz.lookup(name))
    highest = [c.key for c in gaz.lookup(name) if c.admin_level == top]
    return highest[0] if len(highest) == 1 and top <= 3 else None


@pytest.mark.parametrize("name", ["新华街道", "新城区", "城关镇", "胜利村"])
def test_disambiguation_scores_every_namesake_against_every_context_key(name):
    gaz = load_gazetteer()
    cands = gaz.lookup(name)
    assert len(cands) > 2
    # Contexts of ancestors and descendants of several namesakes, repeated keys too.
    pool = [k for c in cands[:6] for k in [c.parent, *gaz.ancestor_keys(c.key)[1:2]] if k]
    for i in range(len(pool)):
        context = pool[i:] + pool[:i] + pool[i:i + 2]
        found = gaz.disambiguate(name, context)
        assert (found.key if found else None) == _scored_one_by_one(gaz, name, context)


def test_a_zone_listed_by_its_kind_alone_is_named_after_its_parent():
    # jionlp lists 经济开发区 under 淮安区 (320803): text writes 淮安经济开发区.
    gazetteer = load_gazetteer()
    assert not gazetteer.lookup("经济开发区")
    (zone,) = gazetteer.lookup("淮安经济开发区")
    assert zone.parent == "320803"


def test_a_committee_named_by_a_kind_of_zone_is_named_after_its_parent():
    # jionlp lists 园区管委会 under 恩平市 (440785): alone it is every park's committee
    # (苏州工业园区管委会, 黄河源园区管委会), never that town.
    gazetteer = load_gazetteer()
    assert not gazetteer.lookup("园区管委会")
    assert not gazetteer.lookup("园区管理区")
    (zone,) = gazetteer.lookup("恩平园区管委会")
    assert zone.parent == "440785"
    # A zone named with its county in the data keeps the county's name (泗县开发区管委会).
    (zone,) = gazetteer.lookup("泗县开发区管委会")
    assert zone.parent == "341324"


@pytest.mark.parametrize(("name", "province"), [
    ("仙桃市", "420000"), ("济源市", "410000"), ("五指山市", "460000"),
    ("白沙黎族自治县", "460000"), ("石河子市", "650000"),
])
def test_counties_directly_under_their_province_are_in_the_data(name, province):
    # jionlp files them under a placeholder prefecture, 省直辖行政区划.
    (county,) = load_gazetteer().lookup(name)
    assert (county.admin_level, county.parent) == (3, province)


def test_a_county_directly_under_its_province_is_found_in_text(ents):
    assert ents("海南省白沙黎族自治县印发通知，严格落实责任。")[:2] == [
        ("海南省", "PLACE"), ("白沙黎族自治县", "PLACE")]


@pytest.mark.parametrize(("short", "full"), [
    ("巴州", "巴音郭楞蒙古自治州"),        # the data gives two aliases: 巴州/巴音郭楞
    ("克州", "克孜勒苏柯尔克孜自治州"),
    ("黔东南州", "黔东南苗族侗族自治州"),  # a three-character alias + 州
    ("积石山县", "积石山保安族东乡族撒拉族自治县"),
])
def test_autonomous_units_are_found_by_their_short_forms(short, full):
    assert full in {d.name for d in load_gazetteer().lookup(short)}


def test_a_county_is_also_found_by_its_district_name_unless_a_district_has_that_name():
    gaz = load_gazetteer()
    # 湟中县 became 湟中区 in 2019; jionlp still lists the county.
    assert [d.name for d in gaz.lookup("湟中区")] == ["湟中县"]
    # 朝阳区 is a district already (Beijing, Changchun): no county is read as it.
    assert "朝阳县" not in {d.name for d in gaz.lookup("朝阳区")}


def test_a_township_is_also_found_by_its_town_name_unless_the_county_has_that_town():
    gaz = load_gazetteer()
    assert "北王乡" in {d.name for d in gaz.lookup("北王镇")}
    # 九华山's county 341723 lists both 九华乡 and 九华镇: 九华镇 there is the town only.
    there = [d for d in gaz.lookup("九华镇") if d.key.startswith("341723/")]
    assert [d.key for d in there] == ["341723/九华镇"]
