"""When and where a document was published: its date, paper, page and section.

Each document's :class:`Publication` is taken, field by field, from the first source that
knows it: a manifest CSV (:func:`read_manifest`), the HTML page's metadata (htmldate, in
:mod:`kg.inputs`), a dateline in the text (:func:`dateline`), a date in the file name
(:func:`file_name_date`). A date that cannot be read is a warning naming the file or the
manifest row, never a failure.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from pathlib import Path

from kg.model import DocumentResult

# Where a document's date came from, written as kgo:dateSource: a manifest is what the
# user asserts, a file name is a guess; queries of "who was first" may want to tell them apart.
MANIFEST, HTML, DATELINE, FILE_NAME = "manifest", "html", "dateline", "file name"
COLUMNS = ("file", "date", "paper", "page", "section")


@dataclass(frozen=True)
class Publication:
    """What is known of where and when a document was published; None: not known."""

    issued: dt.date | None = None
    paper: str | None = None       # the newspaper, as it names itself (人民日报)
    page: str | None = None        # its page (版) as the paper numbers it: "19", "A04"
    section: str | None = None     # the page's name (党建, 要闻)
    title: str | None = None       # the headline, where the page marks it (HTML)
    date_source: str | None = None  # MANIFEST, HTML, DATELINE or FILE_NAME

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def or_else(self, other: Publication) -> Publication:
        """This publication, its unknown fields taken from ``other``; the date and its
        source go together, and so do the date, paper, page and section: a source that
        dates the document otherwise (a repost's page quoting the printed issue) speaks of
        another issue, whose paper and page are not this one's."""
        if self.issued is not None and other.issued not in (None, self.issued):
            other = replace(other, paper=None, page=None, section=None)
        merged = {f.name: getattr(self, f.name) if getattr(self, f.name) is not None
                  else getattr(other, f.name) for f in fields(self)}
        if self.issued is None:
            merged["date_source"] = other.date_source
        return Publication(**merged)

    @property
    def key(self) -> str:
        """The fields as one line, for digests: the same publication, the same line."""
        return "\t".join(f"{f.name}={'' if (v := getattr(self, f.name)) is None else v}"
                         for f in fields(self))


@dataclass
class DatedResult(DocumentResult):
    """A document's findings with its publication: what the map step hands the writers
    and the store when the publication is known (:func:`with_publication`)."""

    publication: Publication = Publication()


def publication_of(result: DocumentResult) -> Publication:
    """The publication a result carries; an empty one when nothing is known."""
    return result.publication if isinstance(result, DatedResult) else Publication()


def with_publication(result: DocumentResult, publication: Publication) -> DocumentResult:
    """``result`` carrying ``publication`` (the result itself when nothing is known)."""
    if not publication:
        return result
    found = {f.name: getattr(result, f.name) for f in fields(DocumentResult)}
    return DatedResult(**found, publication=publication)


# ---------------------------------------------------------------------------- dates

_DIGIT = "[0-9０-９]"
_CJK_DATE = (rf"(?P<y>{_DIGIT}{{4}})\s*年\s*(?P<m>{_DIGIT}{{1,2}})\s*月\s*"
             rf"(?P<d>{_DIGIT}{{1,2}})\s*[日号]")
_ISO_DATE = rf"(?<!{_DIGIT})(?P<y>{_DIGIT}{{4}})(?P<sep>[-/.])(?P<m>{_DIGIT}{{1,2}})(?P=sep)" \
            rf"(?P<d>{_DIGIT}{{1,2}})(?!{_DIGIT})"
# Written out in characters, as in official documents' headers: 二〇二五年十一月四日.
_HAN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_HAN_DATE = r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,3})月" \
            r"(?P<d>[一二三四五六七八九十]{1,3})日"
_DATES = [re.compile(p) for p in (_CJK_DATE, _ISO_DATE, _HAN_DATE)]
_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")


def parse_date(value: str) -> dt.date:
    """The date ``value`` writes: 2025-11-04, 2025/11/4, 2025.11.04, 20251104, 2025年11月4日,
    二〇二五年十一月四日, or an ISO date and time (2025-11-04T08:00:00+08:00).

    Raises ValueError with the reason when it is none of these or no calendar date.
    """
    text = value.strip()
    m = _COMPACT.fullmatch(text)
    if m is None:
        head = text.split("T", 1)[0] if "T" in text[:11] else text
        m = next((m for p in _DATES if (m := p.fullmatch(head))), None)
    if m is None:
        raise ValueError(f"{value!r} is not a date (write it as 2025-11-04)")
    return _date_of(m, value)


def _date_of(m: re.Match[str], written: str) -> dt.date:
    year, month, day = (_number(m.group(g)) for g in "ymd")
    try:
        return dt.date(year, month, day)
    except ValueError as err:
        raise ValueError(f"{written.strip()!r} is no calendar date ({err})") from None


def _number(text: str) -> int:
    """A number written in digits (also full-width) or in Han numerals (二〇二五, 十一)."""
    if text[0] not in _HAN_DIGITS and text[0] != "十":
        return int(text)  # int() reads full-width digits too
    if len(text) == 4:  # a year, digit by digit
        return int("".join(str(_HAN_DIGITS[c]) for c in text))
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _HAN_DIGITS[text]
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[ones] if ones else 0)


# ---------------------------------------------------------------------------- datelines

# 《 人民日报 》（ 2025年11月04日 01 版）, 《人民日报》（2025年11月04日第 18 版）: the edition
# line people.com.cn prints with every article, a line of its own.
_EDITION = re.compile(
    rf"^[ \t\u3000]*《\s*(?P<paper>[^《》\n]{{1,20}}?)\s*》\s*[（(]\s*{_CJK_DATE}\s*"
    r"(?:第\s*)?(?P<page>[A-Za-z]?[0-9０-９]{1,3})\s*版\s*[）)][ \t\u3000]*$", re.MULTILINE)
# The header block: the short lines (title, kicker, byline, date) before the first
# paragraph; a date further down is an event's, not the page's.
_HEADER_LINES = 10
_BODY_LINE = 40


def dateline(text: str, path: Path | str = "") -> tuple[Publication, list[str]]:
    """The publication a text states of itself, and warnings for dates it cannot read.

    An edition line (《人民日报》（2025年11月04日第 18 版）) anywhere gives the paper, the date
    and the page; otherwise a date in the header block (2025年11月4日, 2025-11-04 in one of
    its short lines before the first paragraph) gives the date.
    """
    warnings: list[str] = []
    for m in _EDITION.finditer(text):
        try:
            issued = _date_of(m, m.group().strip())
        except ValueError as err:
            warnings.append(f"{path}: the edition line's date {err}; ignored")
            continue
        return Publication(issued, _paper(m.group("paper")), normal_page(m.group("page")),
                           date_source=DATELINE), warnings
    for line in _header(text):
        if _EDITION.fullmatch(line):  # said above already
            continue
        for pattern in _DATES:
            if m := pattern.search(line):
                try:
                    return Publication(_date_of(m, m.group()), date_source=DATELINE), warnings
                except ValueError as err:
                    warnings.append(f"{path}: the header's date {err}; ignored")
    return Publication(), warnings


def _header(text: str) -> Iterable[str]:
    lines = 0
    for line in io.StringIO(text[:4096]):
        line = line.strip()
        if not line:
            continue
        if len(line) > _BODY_LINE or lines == _HEADER_LINES:
            return
        lines += 1
        yield line


def _paper(name: str) -> str:
    return " ".join(name.split())


def normal_page(page: str) -> str | None:
    """A page as one spelling: "07" and "7" are page 7; "A04" stays as written."""
    page = page.strip()
    if not page:
        return None
    return str(int(page)) if page.isdigit() else page.upper()


# ---------------------------------------------------------------------------- file names

# 2025-11-04, 2025_11_04, 2025.11.04; and 20251104 between non-digits.
_NAME_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[-_.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
                        r"(?!\d)")
_NAME_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")


def file_name_date(path: Path | str) -> tuple[Publication, list[str]]:
    """The date in a file's name (2025-11-04, 20251104), and a warning when a name written
    as a date (2025-13-40) is none. Eight digits that are no date are a number: no warning."""
    name = Path(path).stem
    if m := _NAME_DATE.search(name):
        try:
            return Publication(_date_of(m, m.group()), date_source=FILE_NAME), []
        except ValueError as err:
            return Publication(), [f"{path}: the file name's date {err}; ignored"]
    for m in _NAME_COMPACT.finditer(name):
        try:
            return Publication(_date_of(m, m.group()), date_source=FILE_NAME), []
        except ValueError:
            continue
    return Publication(), []


def own_publication(path: Path, text: str, html: Publication | None = None
                    ) -> tuple[Publication, list[str]]:
    """What a document says of its publication: its HTML metadata (``html``), then its
    dateline, then its file name; with the warnings of dates that could not be read."""
    stated, warnings = dateline(text, path)
    named, more = file_name_date(path)
    return (html or Publication()).or_else(stated).or_else(named), warnings + more


# ---------------------------------------------------------------------------- manifests

@dataclass(frozen=True)
class ManifestRow:
    """A manifest row's publication, where the row is, and what was wrong with it."""

    publication: Publication
    where: str                     # "manifest.csv, row 5 (texts/04.txt)"
    warnings: tuple[str, ...] = ()


def read_manifest(path: Path, text: str) -> tuple[dict[Path, ManifestRow], list[str]]:
    """The rows of a manifest CSV (``text``, read from ``path``) by the file each names,
    resolved against the manifest's folder; and warnings about the manifest as a whole.

    Columns ``file,date,paper,page,section``, in any order and case, any but ``file``
    may be missing or empty. Row numbers count the header as row 1, as a spreadsheet does.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    if "file" not in header:
        found = ", ".join(header) or "none"
        return {}, [f"{path}, row 1: no 'file' column (columns: {found}; expected "
                    f"{','.join(COLUMNS)}); the manifest is not used"]
    rows: dict[Path, ManifestRow] = {}
    warnings: list[str] = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = dict(zip(header, (cell.strip() for cell in cells), strict=False))
        where = f"{path}, row {number}"
        named = values.get("file", "")
        if not named:
            warnings.append(f"{where}: no file named; the row is not used")
            continue
        where += f" ({named})"
        problems = []
        if len(cells) != len(header):
            problems.append(f"{where}: {len(cells)} cells for {len(header)} columns; "
                            "missing ones are taken as empty")
        issued = None
        if date := values.get("date"):
            try:
                issued = parse_date(date)
            except ValueError as err:
                problems.append(f"{where}: date {err}; the document's own date is used")
        publication = Publication(issued, values.get("paper") or None,
                                  normal_page(values.get("page", "")),
                                  values.get("section") or None,
                                  date_source=MANIFEST if issued else None)
        key = (path.parent / named).resolve()
        if key in rows:
            warnings.append(f"{where}: names the file of {rows[key].where} again; the "
                            "first row is used")
            continue
        rows[key] = ManifestRow(publication, where, tuple(problems))
    return rows, warnings


def unused_rows(rows: dict[Path, ManifestRow], used: set[Path], manifest: Path) -> list[str]:
    """One warning for the manifest's rows that name no input, naming the first of them."""
    unused = [row.where for key, row in rows.items() if key not in used]
    if not unused:
        return []
    shown = "; ".join(w.removeprefix(f"{manifest}, ") for w in unused[:3])
    more = f" and {len(unused) - 3} more" if len(unused) > 3 else ""
    return [f"{manifest}: {len(unused)} row(s) name files that are not among the inputs "
            f"({shown}{more}; a row names its file from {manifest.parent or '.'}/)"]


def from_manifest(row: ManifestRow | None, own: Publication) -> Publication:
    """A document's publication: the manifest row's fields first, then its own."""
    return own if row is None else row.publication.or_else(own)

