"""Finding and reading input documents (text and HTML), with a clear reason for each refusal."""

from __future__ import annotations

import codecs
import importlib.util
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.dates import HTML, Publication, own_publication

if TYPE_CHECKING:
    from configparser import ConfigParser

    import lxml.html
    from trafilatura.settings import Document


class InputError(Exception):
    """An input that cannot be read; the message names the file and the reason."""


@dataclass(frozen=True)
class InputDocument:
    """A decoded input. ``text`` is what nif:isString holds (a leading byte-order mark
    dropped; for HTML, the article's title and text); ``analysis_text`` is ``text`` with
    traditional characters mapped to simplified one for one, so offsets into either fit
    both. ``publication`` is what the document says of its date, paper and page."""

    path: Path
    identifier: str
    text: str
    encoding: str = "utf-8"
    analysis_text: str = ""
    # What was read with a loss the reader should hear of (a character cut at the end,
    # a date that is none).
    warnings: tuple[str, ...] = ()
    publication: Publication = field(default_factory=Publication)

    def __post_init__(self) -> None:
        if not self.analysis_text:
            object.__setattr__(self, "analysis_text", self.text)
        if len(self.analysis_text) != len(self.text):
            raise ValueError(f"{self.path}: analysis_text and text differ in length")


# ---------------------------------------------------------------------------- discovery

_SUFFIXES = (".txt", ".html", ".htm")
_HTML_SUFFIXES = (".html", ".htm")


def discover(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Input files, each once, and errors, all sorted by the path string they name.

    Files named directly count whatever their name; folders are walked recursively,
    following links to folders, for ``*.txt``, ``*.html`` and ``*.htm`` (any case). A file
    reached more than once (named twice, via a folder and directly, through a link) is
    kept under the path that crosses the fewest links, then the smallest path string.
    """
    found: dict[tuple[int, int], tuple[int, str, Path]] = {}
    errors: dict[str, tuple[str, InputError]] = {}  # by message: each once
    loops: set[frozenset[tuple[int, int]]] = set()

    def error(path: Path, reason: str) -> None:
        message = f"{path}: {reason}"
        errors.setdefault(message, (str(path), InputError(message)))

    def keep(st: os.stat_result, links: int, path: Path) -> None:
        ident = (st.st_dev, st.st_ino)
        if ident not in found or (links, str(path)) < found[ident][:2]:
            found[ident] = (links, str(path), path)

    def walk(folder: Path, ancestors: list[tuple[tuple[int, int], Path]], links: int) -> None:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            error(folder, f"cannot read directory: {err.strerror or err}")
            return
        for entry in entries:
            path = folder / entry.name
            wanted = entry.name.lower().endswith(_SUFFIXES)
            try:
                st = entry.stat()  # follows links
            except FileNotFoundError:
                if wanted and entry.is_symlink():
                    error(path, "broken symbolic link")
                continue
            except OSError as err:  # e.g. a link to itself: file or folder, it is not readable
                error(path, _stat_reason(path, err))
                continue
            hops = links + entry.is_symlink()
            if stat.S_ISDIR(st.st_mode):
                ident = (st.st_dev, st.st_ino)
                at = next((i for i, (a, _) in enumerate(ancestors) if a == ident), None)
                if at is None:
                    walk(path, [*ancestors, (ident, path)], hops)
                else:
                    # Walking from another folder of the same cycle meets it again: once is enough.
                    cycle = frozenset(a for a, _ in ancestors[at:])
                    if cycle not in loops:
                        loops.add(cycle)
                        error(path, f"directory loop ({ancestors[at][1]} already visited)")
            elif wanted:
                keep(st, hops, path)

    # Sorted, so that which path a loop is reported under does not depend on argument order.
    for path in sorted({Path(p) for p in paths}, key=str):
        try:
            st = path.stat()
        except OSError as err:
            error(path, _stat_reason(path, err))
            continue
        if stat.S_ISDIR(st.st_mode):
            walk(path, [((st.st_dev, st.st_ino), path)], 0)
        else:
            keep(st, 0, path)
    items: list[tuple[str, Path | InputError]] = [(s, p) for _, s, p in found.values()]
    items += errors.values()
    for _, item in sorted(items, key=lambda kv: (kv[0], str(kv[1]))):
        yield item


def _stat_reason(path: Path, err: OSError) -> str:
    if isinstance(err, (FileNotFoundError, NotADirectoryError)):
        return "broken symbolic link" if path.is_symlink() else "no such file or directory"
    return f"cannot read: {err.strerror or err}"


# ---------------------------------------------------------------------------- reading

def read_document(path: Path) -> InputDocument:
    """Read a text or HTML file.

    Bytes are decoded by byte-order mark, else as UTF-8, else (HTML) by the page's declared
    charset, else by charset-normalizer's detection. HTML is reduced to its article
    (:func:`_html_article`). A file with nothing but whitespace gives an empty text. The
    document's publication is its HTML metadata, dateline or file name
    (:func:`kg.dates.own_publication`).
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError as err:
        raise InputError(f"{path}: {_stat_reason(path, err)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory")
    if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
        raise InputError(f"{path}: not a regular file")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    html = path.suffix.lower() in _HTML_SUFFIXES
    text, encoding = _decode(data, path, _declared_charset(data) if html else None)
    warnings: tuple[str, ...] = ()
    if isinstance(text, _CutText):
        warnings = (f"{path}: ends inside a character ({encoding}) at byte offset {text.cut} "
                    f"of {len(data)}; the text before it is kept",)
        text = str(text)
    del data  # the bytes are not needed while the tree and the analysis text are built
    stated = Publication()
    if html:
        text, stated, failed = _html_article(text)
        warnings += tuple(f"{path}: {reason}" for reason in failed)
    elif not text or text.isspace():  # isspace, not strip: no copy of a large text
        text = ""
    publication, notes = own_publication(path, text, stated)
    return InputDocument(path, path.stem, text, encoding, simplify(text),
                         warnings + tuple(notes), publication)


def read_text(path: Path) -> str:
    """A small text file (a manifest) decoded as inputs are; raises :class:`InputError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except (FileNotFoundError, NotADirectoryError) as err:
        raise InputError(f"{path}: {_stat_reason(path, err)}") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    return str(_decode(data, path)[0])


# ---------------------------------------------------------------------------- decoding

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE document (old Office format)"),
    (b"SQLite format 3\x00", "SQLite database"),
)
# Detection reads this much; the whole file is then decoded with what it found.
_SAMPLE = 256 * 1024
# Candidates this close to the least chaotic count as tied; ties go to Chinese codecs
# (short texts otherwise come out as Korean cp949 or, for GB text, as Big5).
_TIE = 0.02
_GB = frozenset({"gb2312", "gbk", "gb18030"})
_BIG5 = ("big5", "cp950", "big5hkscs")
_CHINESE = _GB | frozenset(_BIG5)
# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class _CutText(str):
    """Text decoded from a file that ends inside a character; ``cut`` is the byte offset
    of that character, where decoding stopped."""

    cut: int
    codec: str


# What Python's codecs say when the bytes end inside a character (UTF-8; GB18030, Big5),
# as opposed to bytes that are wrong where they stand. UTF-16 and UTF-32 ("truncated
# data") are left out: their units are fixed, so an odd length says less that the file
# was cut than that a byte-order mark was a coincidence of other bytes.
_TRUNCATED = frozenset({"unexpected end of data", "incomplete multibyte sequence"})


def _cut_text(data: bytes, codec: str, err: UnicodeDecodeError) -> _CutText | None:
    """The text before a character cut off by the end of the file, or None when ``err``
    is another fault. An interrupted download ends so; dropping the page would lose all
    of it for the sake of its last character."""
    if err.reason not in _TRUNCATED or err.end != len(err.object):
        return None
    # err.object lacks what the codec consumed first (utf-8-sig's mark): count from the end.
    cut = len(data) - len(err.object) + err.start
    try:
        text = _CutText(data[:cut].decode(codec))
    except UnicodeDecodeError:
        return None
    text.cut = cut
    return text


def _decode(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """The text and the normalized name of the codec that decoded it; a :class:`_CutText`
    when the file ends inside a character."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{path}: binary file, not text ({what})")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), path), codec  # the codec drops the mark
            except UnicodeDecodeError as err:
                if (cut := _cut_text(data, codec, err)) is not None:
                    return _checked(cut, path), codec
                either = "" if label == "UTF-8" else f" nor {label}"
                raise InputError(
                    f"{path}: not valid UTF-8{either} text (it starts with a {label} "
                    f"byte-order mark; {err.reason} at byte {err.start})") from None
    sample = data[:_SAMPLE]
    nul = b"\x00" in sample  # NUL bytes: UTF-16/32 without a mark, or binary
    utf8_error: UnicodeDecodeError | None = None
    if not nul:
        try:
            return _checked(data.decode("utf-8"), path), "utf-8"
        except UnicodeDecodeError as err:
            if (cut := _cut_text(data, "utf-8", err)) is not None:
                return _checked(cut, path), "utf-8"
            utf8_error = err
        if utf8_error.start >= len(sample):  # the sample is UTF-8: judge where that stops
            begin = data.rfind(b"\n", 0, utf8_error.start) + 1
            sample = data[begin : begin + _SAMPLE]
        if _mostly_utf8(sample):  # a damaged UTF-8 file: any other reading is mojibake
            raise InputError(f"{path}: not valid UTF-8 text ({_where(data, utf8_error)})")
        # Valid UTF-8 wins over a page's declaration: re-encoded pages often keep their old
        # gb2312 one, and legacy CJK bytes are never valid UTF-8 by chance.
        if declared and (codec := _codec(declared)):
            try:
                return _decode_as(data, codec, path)
            except UnicodeDecodeError:
                pass  # a wrong declaration: detect instead
    codec = _detect(sample, nul)
    if not nul and codec not in _CHINESE and (cut := _cut_chinese(data)) is not None:
        return _checked(cut, path), cut.codec
    if nul and not (codec or "").startswith(("utf-16", "utf-32")):
        raise InputError(f"{path}: binary file, not text (NUL bytes)")
    if codec is None:
        assert utf8_error is not None
        raise InputError(f"{path}: not valid UTF-8 text ({_where(data, utf8_error)}), "
                         "and charset-normalizer finds no other encoding that fits")
    try:
        return _decode_as(data, codec, path)
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid {codec} text ({_where(data, err)})") from None


def _cut_chinese(data: bytes) -> _CutText | None:
    """``data`` read as GB18030 or Big5 text cut inside its last character, when that is
    what it is: the dangling bytes of a cut character throw detection off (nothing fits,
    or shift_jis mojibake), so detection is asked again without them."""
    if len(data) > _SAMPLE or data.endswith(b"\n"):
        return None  # a longer file was judged on whole lines; a final newline ends no cut
    for drop in (1, 2, 3):  # a GB18030 character has at most four bytes
        codec = _detect(data[:-drop], False)
        if codec not in _CHINESE:
            continue
        try:
            data.decode(codec)
        except UnicodeDecodeError as err:
            if (cut := _cut_text(data, codec, err)) is not None:
                cut.codec = codec
                return cut
        return None
    return None


def _decode_as(data: bytes, codec: str, path: Path) -> tuple[str, str]:
    """Decode with ``codec``; Big5 falls back on its extensions (cp950, HKSCS)."""
    family = [codec, *(n for n in _BIG5 if n != codec)] if codec in _BIG5 else [codec]
    first: UnicodeDecodeError | None = None
    for name in family:
        try:
            return _checked(data.decode(name), path), name
        except UnicodeDecodeError as err:
            if (cut := _cut_text(data, name, err)) is not None:
                return _checked(cut, path), name
            first = first or err
    assert first is not None
    raise first


def _where(data: bytes, err: UnicodeDecodeError) -> str:
    return f"byte 0x{data[err.start]:02x} at offset {err.start}: {err.reason}"


def _checked(text: str, path: Path) -> str:
    """``text``, unless its beginning is mostly control characters (a stray one is fine)."""
    head = text[:4096]
    controls = len(_CONTROL.findall(head))
    if controls >= 8 and controls * 10 > len(head):
        raise InputError(f"{path}: binary file, not text (control characters)")
    return text


def _mostly_utf8(sample: bytes) -> bool:
    """Whether multi-byte UTF-8 characters far outnumber the bytes that are not UTF-8."""
    text = sample.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    extra = len(sample) - len(text)  # the continuation bytes of well-formed characters
    return extra >= 20 * bad


def _codec(label: str) -> str | None:
    """The codec for a declared or detected charset label, None when unknown or unusable."""
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name in _GB:  # pages declared GB2312 routinely hold GBK characters: use the superset
        return "gb18030"
    if name.startswith(("utf-16", "utf-32")):  # a declaration readable as ASCII is not UTF-16
        return None
    return name


def _detect(sample: bytes, nul: bool) -> str | None:
    from charset_normalizer import from_bytes

    if len(sample) == _SAMPLE:  # a cut sample must not end inside a character
        if nul:
            sample = sample[: len(sample) // 4 * 4]
        elif (cut := sample.rfind(b"\n")) > len(sample) // 2:
            sample = sample[: cut + 1]
    matches = list(from_bytes(sample))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    names = [_codec(m.encoding) or codecs.lookup(m.encoding).name for m in matches]
    tied = [n for n, m in zip(names, matches, strict=True) if m.chaos <= least + _TIE]
    for family in (("gb18030",), _BIG5):
        for name in tied:
            if name in family:
                return name
    return names[0]


_DECLARED = (
    re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE),
    re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE),
)


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag or an XML declaration, if any."""
    head = data[:8192]
    for pattern in _DECLARED:
        if m := pattern.search(head):
            return m.group(1).decode("ascii")
    return None


# ---------------------------------------------------------------------------- HTML

# Contents that are not page text.
_SKIP = frozenset({"head", "script", "style", "noscript", "template", "iframe", "object",
                   "svg", "math", "canvas", "select", "textarea"})
# Elements that end the line before and after them.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr",
    "ul",
})
_CELLS = frozenset({"td", "th"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_BREAK = re.compile(r"\s*\n\s*")


# An extraction shorter than this is no article: the page is tiny (a notice, a stub) and
# has nothing to tell apart from its text. trafilatura's own floor (MIN_EXTRACTED_SIZE) is
# 250 characters, about 40 English words; that many Han characters are a whole news brief.
_ARTICLE_MIN = 100
# htmldate keeps dates up to "today" by default: a fixed bound keeps the output off the clock.
_DATE_PARAMS = {"extensive_search": False, "original_date": True,
                "min_date": "1900-01-01", "max_date": "2100-01-01"}


def _html_article(markup: str) -> tuple[str, Publication, list[str]]:
    """A page as a reader sees it: the headline, then the article's paragraphs, one a
    line, found by trafilatura (menus, navigation, share buttons, related links and footers
    left out); the headline and the date from its metadata (htmldate); and the
    reasons, if any, why trafilatura could not be used.

    When trafilatura finds no article (nothing, or under ``_ARTICLE_MIN`` characters: a
    tiny page, or one over its size limit) or fails, the page's whole visible text is kept
    (:func:`_page_text`), so that no text is lost for want of an article.
    """
    import lxml.etree
    import lxml.html

    # lxml refuses a str that carries an encoding declaration; the text is decoded already.
    markup = _XML_DECLARATION.sub("", markup, count=1)
    try:
        root = lxml.html.document_fromstring(markup)
    except lxml.etree.ParserError:  # "Document is empty": only whitespace or comments
        return "", Publication(), []
    _join_wide_line_breaks(root)
    failed: list[str] = []
    try:
        found = _trafilatura(root)
    except Exception as err:  # a third-party parser's fault must not cost the page
        reason = " ".join(str(err).split()) or type(err).__name__
        failed.append(f"trafilatura failed ({reason}); the page's whole text is kept")
        found = None
    if found is None:
        return _page_text(root), Publication(), failed
    body = (found.text or "").strip()
    title = " ".join((found.title or "").split()) or None
    issued = _html_date(found.date, markup)
    publication = Publication(issued, title=title, date_source=HTML if issued else None)
    if len(body) < _ARTICLE_MIN:
        return _page_text(root), publication, failed
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return body + "\n", publication, failed


def _trafilatura(root: lxml.html.HtmlElement) -> Document | None:
    """trafilatura's reading of the page, or None when it finds nothing."""
    import trafilatura

    return trafilatura.bare_extraction(
        root, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params=_DATE_PARAMS, config=_trafilatura_config())


@lru_cache(maxsize=1)
def _trafilatura_config() -> ConfigParser:
    from copy import deepcopy

    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    # Its baseline rescue of short extractions would put menus and footers back; short
    # pages are judged here instead (_ARTICLE_MIN).
    config["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "0"
    return config


def _html_date(value: str | None, markup: str) -> date | None:
    """htmldate's date, when the page writes it whole: htmldate completes a partial one
    (2025-11) from the clock, which no page states and no two builds would agree on."""
    try:
        day = date.fromisoformat(value) if value else None
    except ValueError:  # htmldate writes ISO dates; anything else is no date
        return None
    if day is None:
        return None
    written = rf"{day.year}\D{{0,3}}0?{day.month}\D{{0,3}}0?{day.day}(?!\d)"
    return day if re.search(written, markup) else None


def _join_wide_line_breaks(root: lxml.html.HtmlElement) -> None:
    """Drop a source line break between two wide (CJK) characters, as CSS renders it,
    so that a headline broken in the markup is not split by a space; ``<pre>`` is kept."""
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag == "pre":
            continue
        if el.text and "\n" in el.text:
            el.text = _drop_wide_breaks(el.text)
        if el.tail and "\n" in el.tail:
            el.tail = _drop_wide_breaks(el.tail)


def _page_text(root: lxml.html.HtmlElement) -> str:
    """The whole text of a page: one line per paragraph, block or ``<br>``; at most one
    blank line."""
    lines: list[str] = []
    current: list[str] = []

    def end_line(hard: bool) -> None:
        line = _collapse("".join(current))
        current.clear()
        if line or hard:  # <br><br> leaves a blank line, adjacent blocks do not
            lines.append(line)

    def add(text: str | None, pre: bool) -> None:
        if not text:
            return
        if not pre:
            current.append(text)
            return
        for i, part in enumerate(text.split("\n")):
            if i:
                end_line(True)
            current.append(part)

    def visit(el: lxml.html.HtmlElement, pre: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else None  # None: a comment or a PI
        if tag == "br":
            end_line(True)
        elif tag is not None and tag not in _SKIP:
            block, inner = tag in _BLOCK, pre or tag == "pre"
            if block:
                end_line(False)
            elif tag in _CELLS:
                current.append(" ")
            add(el.text, inner)
            for child in el:
                visit(child, inner)
            if block:
                end_line(False)
        add(el.tail, pre)

    visit(root, False)
    end_line(False)
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""


def _collapse(line: str) -> str:
    """Runs of whitespace as one space, ends stripped; a source line break between two
    wide (CJK) characters disappears (:func:`_drop_wide_breaks`)."""
    return " ".join(_drop_wide_breaks(line).split())


def _drop_wide_breaks(text: str) -> str:
    """``text`` without the whitespace runs that hold a line break between two wide (CJK)
    characters: CSS renders them as nothing, and a space would split a name."""

    def drop(m: re.Match[str]) -> str:
        a, b = m.start() - 1, m.end()
        return "" if a >= 0 and b < len(text) and _wide(text[a]) and _wide(text[b]) \
            else m.group()

    return _BREAK.sub(drop, text)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


# ---------------------------------------------------------------------------- simplified

def simplify(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones, one for one."""
    pattern, table = _tra2sim()
    if pattern.search(text) is None:  # the common case: nothing to convert, no copy
        return text
    return text.translate(table)


@lru_cache(maxsize=1)
def _tra2sim() -> tuple[re.Pattern[str], dict[int, str]]:
    """jionlp's character table (what ``jionlp.tra2sim(mode="char")`` applies), read rather
    than imported: importing jionlp prints a banner on stdout and loads a segmenter.

    Only one-character entries are kept, so a conversion never changes offsets. Characters
    in GB2312, the simplified standard set, are left alone: the table maps 乾 著 覆 後 於,
    which simplified text uses in their own right (乾县, 著名, 覆盖).
    """
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jionlp is not installed: it carries the tra2sim table")
    source = Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "tra2sim_char.txt"
    table: dict[int, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        tra, _, sim = line.partition("\t")
        if len(tra) == 1 and len(sim) == 1 and tra != sim and not _in_gb2312(tra):
            table[ord(tra)] = sim
    pattern = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")
    return pattern, table


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
