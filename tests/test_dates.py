"""Publication dates, papers and pages: manifests, datelines, file names (kg.dates)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from kg.dates import (
    DATELINE,
    FILE_NAME,
    HTML,
    MANIFEST,
    Publication,
    dateline,
    file_name_date,
    parse_date,
    read_manifest,
    unused_rows,
)

REAL = Path(__file__).resolve().parents[2] / "shared" / "real"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


# ---------------------------------------------------------------------------- dates

@pytest.mark.parametrize("written", [
    "2025-11-04", "2025/11/4", "2025.11.04", "20251104", "2025年11月4日", "2025年11月04日",
    "２０２５年１１月４日", "二〇二五年十一月四日", "2025-11-04T08:00:00+08:00", " 2025-11-04 ",
])
def test_a_date_is_read_in_the_ways_papers_and_spreadsheets_write_it(written):
    assert parse_date(written) == dt.date(2025, 11, 4)


@pytest.mark.parametrize(("written", "day"), [("二〇二五年十二月三十一日", dt.date(2025, 12, 31)),
                                              ("二〇二六年一月二十日", dt.date(2026, 1, 20)),
                                              ("二〇二六年二月十日", dt.date(2026, 2, 10))])
def test_han_numerals_count_tens(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize(("written", "reason"), [
    ("2025-13-01", "month must be in 1..12"), ("2025-02-30", "day is out of range"),
    ("11/04/2025", "is not a date"), ("去年", "is not a date"), ("", "is not a date"),
])
def test_a_date_that_is_none_says_why(written, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(written)


# ---------------------------------------------------------------------------- datelines

@pytest.mark.parametrize(("line", "day", "page"), [
    # people.com.cn prints this line with every article, before or after it.
    ("《 人民日报 》（ 2025年10月21日 01 版）", dt.date(2025, 10, 21), "1"),
    ("《人民日报》（2025年11月04日第 18 版）", dt.date(2025, 11, 4), "18"),
    ("　　《 人民日报 》（ 2015年11月02日 07 版）", dt.date(2015, 11, 2), "7"),
    ("《光明日报》（2026年09月05日 09版）", dt.date(2026, 9, 5), "9"),
])
def test_an_edition_line_gives_the_paper_date_and_page(line, day, page):
    seed = (SEEDS / "000_5d75087a5d22f330.txt").read_text(encoding="utf-8")
    for text in (f"{line}\n{seed}", f"{seed}\n{line}\n"):
        publication, warnings = dateline(text, "page.txt")
        assert (publication.issued, publication.page) == (day, page)
        assert publication.paper == line.strip().split("》")[0].strip("《 　")
        assert publication.date_source == DATELINE and warnings == []


def test_a_date_in_the_header_block_dates_the_page():
    seed = (SEEDS / "003_0cdc18226c8e2912.txt").read_text(encoding="utf-8")
    publication, _ = dateline(f"内蒙古日报\n2025年11月4日 星期二\n{seed}")
    assert publication == Publication(dt.date(2025, 11, 4), date_source=DATELINE)


def test_a_date_in_the_body_is_an_events_not_the_pages():
    # 人民日报 2026-01-29: "“2020年5月20日，第一次直播……" is in its fourth paragraph.
    text = (REAL / "unlabelled" / "0008.txt").read_text(encoding="utf-8")
    assert "2020年5月20日" in text
    assert dateline(text) == (Publication(), [])


def test_no_real_article_is_dated_from_its_own_text_or_name():
    # The 193 real articles carry no dateline and are named 01.txt, 0001.txt …: every date
    # they get comes from the manifest, none is guessed from a number in the body.
    pages = sorted((REAL / "texts").glob("*.txt")) + sorted((REAL / "unlabelled").glob("*.txt"))
    assert len(pages) == 193
    for page in pages:
        assert dateline(page.read_text(encoding="utf-8"), page) == (Publication(), [])
        assert file_name_date(page) == (Publication(), [])


def test_a_dateline_that_is_no_date_is_a_warning_naming_the_file():
    publication, warnings = dateline("《人民日报》（2025年02月30日第 18 版）\n正文。", "p.txt")
    assert publication == Publication()
    assert warnings == ["p.txt: the edition line's date '《人民日报》（2025年02月30日第 18 版）' "
                        "is no calendar date (day is out of range for month); ignored"]


# ---------------------------------------------------------------------------- file names

@pytest.mark.parametrize(("name", "day"), [
    ("rmrb_2026-05-19.txt", dt.date(2026, 5, 19)), ("20251104_18.txt", dt.date(2025, 11, 4)),
    ("内蒙古日报-2025.11.04-第3版.html", dt.date(2025, 11, 4)),
    ("page_2025_1_8.txt", dt.date(2025, 1, 8)),
])
def test_a_date_in_the_file_name(name, day):
    assert file_name_date(name) == (Publication(day, date_source=FILE_NAME), [])


@pytest.mark.parametrize("name", [*sorted(p.name for p in SEEDS.glob("*.txt")),
                                  "content_30157775.html", "2025111.txt", "20251399.txt"])
def test_numbers_that_are_no_date_give_none_and_no_warning(name):
    assert file_name_date(name) == (Publication(), [])


def test_a_name_written_as_a_date_that_is_none_is_a_warning():
    assert file_name_date("x/page-2025-13-40.txt") == (
        Publication(), ["x/page-2025-13-40.txt: the file name's date '2025-13-40' is no "
                        "calendar date (month must be in 1..12); ignored"])


# ---------------------------------------------------------------------------- manifests

def test_the_real_manifest_gives_each_article_its_row():
    manifest = REAL / "manifest.csv"
    rows, warnings = read_manifest(manifest, manifest.read_text(encoding="utf-8"))
    assert warnings == []
    with manifest.open(encoding="utf-8", newline="") as f:
        expected = list(csv.DictReader(f))
    assert len(rows) == len(expected) == 193
    for line in expected:
        row = rows[(REAL / line["file"]).resolve()]
        got = row.publication
        assert (got.issued.isoformat() if got.issued else "") == line["date"]
        assert (got.paper or "", got.section or "") == (line["paper"], line["section"])
        assert (got.page or "") == (str(int(line["page"])) if line["page"] else "")
        assert got.date_source == (MANIFEST if line["date"] else None)
        assert row.warnings == ()


def test_bad_rows_are_warnings_naming_the_manifest_and_the_row(tmp_path):
    manifest = tmp_path / "manifest.csv"
    text = ("File,Date,paper,page,section\n"
            "a.txt,2025-11-04,人民日报,07,党建\n"
            "b.txt,2025-02-30,人民日报,19,党建\n"
            "c.txt,2025-11-05\n"
            ",2025-11-06,人民日报,1,要闻\n"
            "a.txt,2025-12-01,人民日报,2,要闻\n"
            "\n")
    rows, warnings = read_manifest(manifest, text)
    a, b, c = (rows[(tmp_path / n).resolve()] for n in ("a.txt", "b.txt", "c.txt"))
    assert a.publication == Publication(dt.date(2025, 11, 4), "人民日报", "7", "党建",
                                        date_source=MANIFEST)
    assert b.publication == Publication(None, "人民日报", "19", "党建")
    assert b.warnings == (f"{manifest}, row 3 (b.txt): date '2025-02-30' is no calendar date "
                          "(day is out of range for month); the document's own date is used",)
    assert c.publication == Publication(dt.date(2025, 11, 5), date_source=MANIFEST)
    assert c.warnings == (f"{manifest}, row 4 (c.txt): 2 cells for 5 columns; missing ones are "
                          "taken as empty",)
    assert warnings == [f"{manifest}, row 5: no file named; the row is not used",
                        f"{manifest}, row 6 (a.txt): names the file of {manifest}, row 2 "
                        "(a.txt) again; the first row is used"]


def test_a_manifest_without_a_file_column_is_not_used(tmp_path):
    manifest = tmp_path / "manifest.csv"
    assert read_manifest(manifest, "name,date\na.txt,2025-11-04\n") == ({}, [
        f"{manifest}, row 1: no 'file' column (columns: name, date; expected "
        "file,date,paper,page,section); the manifest is not used"])


def test_rows_naming_no_input_are_one_warning_naming_the_first(tmp_path):
    manifest = tmp_path / "manifest.csv"
    text = "file,date\n" + "".join(f"p{i}.txt,2025-11-0{i}\n" for i in range(1, 6))
    rows, _ = read_manifest(manifest, text)
    used = {(tmp_path / "p2.txt").resolve()}
    assert unused_rows(rows, used, manifest) == [
        f"{manifest}: 4 row(s) name files that are not among the inputs (row 2 (p1.txt); "
        f"row 4 (p3.txt); row 5 (p4.txt) and 1 more; a row names its file from {tmp_path}/)"]
    assert unused_rows(rows, set(rows), manifest) == []


def test_the_first_source_that_knows_a_field_gives_it():
    manifest = Publication(dt.date(2025, 11, 4), "人民日报", None, "党建", date_source=MANIFEST)
    stated = Publication(dt.date(2025, 11, 4), "人民日报海外版", "18", date_source=DATELINE)
    assert manifest.or_else(stated) == Publication(dt.date(2025, 11, 4), "人民日报", "18",
                                                   "党建", date_source=MANIFEST)
    undated = Publication(None, "人民日报", "19")
    assert undated.or_else(stated) == Publication(dt.date(2025, 11, 4), "人民日报", "19",
                                                  date_source=DATELINE)
    assert not Publication() and Publication(page="1")
    assert manifest.key != stated.key and manifest.key == Publication(**vars(manifest)).key


def test_a_source_of_another_date_gives_no_paper_or_page():
    # A school's page reposting a People's Daily article, dated by the school, quotes the
    # printed issue: 人民日报 page 6 of 2019-07-22 is not what the school issued on 09-03.
    reposted = Publication(dt.date(2019, 9, 3), title="【2019年9月学习材料】", date_source=HTML)
    quoted = Publication(dt.date(2019, 7, 22), "人民日报", "6", date_source=DATELINE)
    assert reposted.or_else(quoted) == reposted
    assert Publication(paper="人民日报").or_else(quoted) == Publication(
        dt.date(2019, 7, 22), "人民日报", "6", date_source=DATELINE)
