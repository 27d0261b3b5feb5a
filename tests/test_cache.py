"""The user cache: tables parsed once, parsed again when their source changes."""

from __future__ import annotations

import os

import pytest

from kg.cache import StringColumn, cached_data, pack_strings, unpack_strings


def test_a_table_is_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "dict.txt"
    source.write_text("城川镇 ns\n", encoding="utf-8")
    builds = []

    def build():
        builds.append(1)
        return dict(line.split() for line in source.read_text(encoding="utf-8").splitlines())

    assert cached_data("pos", [source], build) == {"城川镇": "ns"}
    assert cached_data("pos", [source], build) == {"城川镇": "ns"}
    assert len(builds) == 1
    assert len(list((tmp_path / "cache" / "tables").glob("pos-*.pickle"))) == 1


@pytest.fixture
def pos_source(tmp_path, monkeypatch):
    """A small part-of-speech file in a fresh cache, and how to parse it."""
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "dict.txt"
    source.write_text("城川镇 ns\n", encoding="utf-8")

    def build():
        return dict(line.split() for line in source.read_text(encoding="utf-8").splitlines())

    return source, build


def test_a_changed_source_is_parsed_again(pos_source):
    source, build = pos_source
    assert cached_data("pos", [source], build) == {"城川镇": "ns"}
    source.write_text("城川镇 ns\n开展 v\n", encoding="utf-8")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert cached_data("pos", [source], build) == {"城川镇": "ns", "开展": "v"}


def test_an_unwritable_cache_still_gives_the_table(tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(blocked))
    source = tmp_path / "dict.txt"
    source.write_text("x\n", encoding="utf-8")
    assert cached_data("t", [source], lambda: ["x"]) == ["x"]


def test_a_rebuilt_table_keeps_only_the_one_used_last_before_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHKG_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "dict.txt"
    source.write_text("城川镇 ns\n", encoding="utf-8")
    tables = tmp_path / "cache" / "tables"

    def kept() -> list[str]:
        return sorted(p.name.rsplit("-", 1)[0] for p in tables.iterdir())

    assert cached_data("pos", [source], lambda: 1) == 1
    assert cached_data("pos-tags", [source], lambda: 2) == 2
    assert cached_data("pos", [source], lambda: 3, version=2) == 3
    # Two versions (or two checkouts) of zhkg share the cache without rebuilding in turn.
    assert kept() == ["pos", "pos", "pos-tags"]
    assert cached_data("pos", [source], lambda: 4, version=1) == 1
    assert cached_data("pos", [source], lambda: 5, version=2) == 3
    # A third version removes the table used longest ago (version 1), not version 2's.
    assert cached_data("pos", [source], lambda: 6, version=3) == 6
    assert kept() == ["pos", "pos", "pos-tags"]
    assert cached_data("pos", [source], lambda: 7, version=2) == 3
    assert cached_data("pos", [source], lambda: 8, version=1) == 8


WORDS = ["鄂托克前旗", "城川镇", "c-1c.麻.黄", "ww.l.党支部*书记", "", "“五随六帮”", "𠀋"]


def test_packed_strings_come_back_in_order():
    for strings in (WORDS, [], [""], ["", ""], WORDS * 3):
        packed = pack_strings(strings)
        assert packed is not None
        assert unpack_strings(packed) == strings


def test_strings_holding_the_separator_are_not_packed():
    assert pack_strings(["嘎查党支部", "第一行\n第二行"]) is None


def test_a_string_column_indexes_bisects_and_pickles_like_its_list():
    import bisect
    import pickle

    keys = sorted(["150623/城川镇/麻黄套村", "150623", "150624", "150623/城川镇", "", "𠀋村"])
    column = pickle.loads(pickle.dumps(StringColumn(keys)))
    assert list(column) == keys and len(column) == len(keys)
    assert column[-1] == keys[-1] and column[1:3] == keys[1:3]
    for key in (*keys, "150623/昂素镇", "2"):
        assert bisect.bisect_left(column, key) == bisect.bisect_left(keys, key)
    with pytest.raises(IndexError):
        column[len(keys)]
    assert list(StringColumn()) == []


@pytest.mark.parametrize("damage", [b"", b"\x80\x05\x95 truncated", b"not a pickle at all"],
                         ids=["empty", "truncated", "garbage"])
def test_a_damaged_table_is_rebuilt_with_one_line(tmp_path, pos_source, capsys, damage):
    source, build = pos_source
    assert cached_data("pos", [source], build) == {"城川镇": "ns"}
    (table,) = (tmp_path / "cache" / "tables").glob("pos-*.pickle")
    table.write_bytes(damage)
    assert cached_data("pos", [source], build) == {"城川镇": "ns"}
    err = capsys.readouterr().err
    assert err == f"zhkg: {table}: cache file cannot be read ({err.split('(')[1]}"
    assert err.endswith("); rebuilding it\n") and err.count("\n") == 1
    # Rebuilt: read again without a word.
    assert cached_data("pos", [source], build) == {"城川镇": "ns"}
    assert capsys.readouterr().err == ""
