"""Reading inputs: encodings, traditional characters, HTML, binary and broken files, discovery."""

from __future__ import annotations

import codecs
import os
import random
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import URIRef

from kg import inputs
from kg.dates import DATELINE, FILE_NAME, HTML, Publication
from kg.inputs import InputDocument, InputError, discover, read_document

# Invented news paragraphs in the corpus's genre, a few hundred characters each.
SIMPLIFIED = (
    "鄂托克前旗城川镇党委坚持开展“三会一课”，推动基层党组织建设提质增效。今年以来，镇党委"
    "结合主题教育，组织全镇十二个嘎查村党支部书记集中培训，围绕乡村振兴、人居环境整治、矛盾"
    "纠纷调解等重点工作开展交流研讨。城川镇还探索推行“网格化+党建”基层治理模式，将全镇划分"
    "为三十六个网格，每个网格配备一名党员网格员，收集群众诉求、宣传惠民政策，做到小事不出村、"
    "大事不出镇。\n"
    "镇党委书记在座谈会上表示，下一步将持续加强党员队伍教育管理，把党支部建成服务群众、凝聚"
    "人心的坚强战斗堡垒，让党旗在基层治理一线高高飘扬。\n"
)
# The same news in traditional characters; all of them are in Big5.
TRADITIONAL = (
    "鄂托克前旗城川鎮黨委堅持開展「三會一課」，推動基層黨組織建設提質增效。今年以來，鎮黨委"
    "結合主題教育，組織全鎮十二個嘎查村黨支部書記集中培訓，圍繞鄉村振興、人居環境整治、矛盾"
    "糾紛調解等重點工作開展交流研討。城川鎮還探索推行網格化基層治理模式，將全鎮劃分為三十六"
    "個網格，每個網格配備一名黨員網格員，收集群眾訴求、宣傳惠民政策，做到小事不出村、大事不"
    "出鎮。\n"
    "鎮黨委書記在座談會上表示，下一步將持續加強黨員隊伍教育管理，把黨支部建成服務群眾、凝聚"
    "人心的堅強戰鬥堡壘，讓黨旗在基層治理一線高高飄揚。\n"
)
# 喆 is in GBK but not in GB2312.
GBK_ONLY = SIMPLIFIED + "驻村第一书记李喆介绍，今年共办理民生实事四十余件。\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------- encodings

@pytest.mark.parametrize(("codec", "text", "bom", "expected"), [
    ("utf-8", SIMPLIFIED, b"", "utf-8"),
    ("utf-8-sig", SIMPLIFIED, b"", "utf-8-sig"),
    ("utf-16", SIMPLIFIED, b"", "utf-16"),
    ("utf-16-le", SIMPLIFIED, b"\xff\xfe", "utf-16"),
    ("utf-16-be", SIMPLIFIED, b"\xfe\xff", "utf-16"),
    ("utf-16-le", SIMPLIFIED, b"", "utf-16-le"),
    ("utf-16-be", SIMPLIFIED, b"", "utf-16-be"),
    ("gb18030", GBK_ONLY, b"", "gb18030"),
    ("gbk", GBK_ONLY, b"", "gb18030"),
    ("gb2312", SIMPLIFIED, b"", "gb18030"),
    ("big5", TRADITIONAL, b"", "big5"),
    ("cp950", TRADITIONAL, b"", "big5"),
])
def test_every_encoding_reads_back_the_text_written(tmp_path, codec, text, bom, expected):
    path = write(tmp_path, "page.txt", bom + text.encode(codec))
    doc = read_document(path)
    assert doc.text == text
    assert doc.encoding == expected
    assert doc.identifier == "page"


@pytest.mark.parametrize("headline", ["城川镇党委", "城川镇党委开展“三会一课”"])
def test_a_short_gb_headline_is_read_as_chinese_not_korean(tmp_path, headline):
    # Tiny texts are ambiguous for any detector (城川镇党委 fits cp949 as well);
    # ties go to the Chinese codecs.
    doc = read_document(write(tmp_path, "h.txt", headline.encode("gb18030")))
    assert (doc.text, doc.encoding) == (headline, "gb18030")


def test_a_large_gb_file_is_detected_from_a_sample_and_decoded_whole(tmp_path):
    text = SIMPLIFIED * 800  # about 700 kB in GB18030, past the detection sample
    doc = read_document(write(tmp_path, "big.txt", text.encode("gb18030")))
    assert doc.encoding == "gb18030"
    assert doc.text == text


def test_a_page_declared_utf8_but_written_in_gbk_is_detected(tmp_path):
    page = f'<html><head><meta charset="utf-8"></head><body><p>{GBK_ONLY}</p></body></html>'
    doc = read_document(write(tmp_path, "p.html", page.encode("gbk")))
    assert doc.encoding == "gb18030"
    assert "李喆" in doc.text


# ---------------------------------------------------------------------------- traditional

def span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_big5_text_stays_traditional_and_analysis_text_is_simplified(tmp_path):
    doc = read_document(write(tmp_path, "tw.txt", TRADITIONAL.encode("big5")))
    assert doc.text == TRADITIONAL
    assert len(doc.analysis_text) == len(doc.text)
    i, j = span(doc.text, "城川鎮黨委")
    assert doc.analysis_text[i:j] == "城川镇党委"
    i, j = span(doc.text, "鄉村振興")
    assert doc.analysis_text[i:j] == "乡村振兴"


def test_a_traditional_utf8_file_is_simplified_for_analysis(tmp_path):
    doc = read_document(write(tmp_path, "tw.txt", TRADITIONAL.encode("utf-8")))
    assert doc.encoding == "utf-8"
    assert doc.text == TRADITIONAL
    i, j = span(doc.text, "黨支部書記")
    assert doc.analysis_text[i:j] == "党支部书记"


def test_simplified_text_is_analysed_as_written(tmp_path):
    # jionlp's table maps 乾 著 覆, which simplified text uses in their own right.
    text = SIMPLIFIED + "乾县著名的红色教育基地覆盖全县十个镇。\n"
    doc = read_document(write(tmp_path, "cn.txt", text.encode("utf-8")))
    assert doc.analysis_text is doc.text


def test_conversion_is_jionlps_character_table():
    import jionlp

    assert inputs.simplify(TRADITIONAL) == jionlp.tra2sim(TRADITIONAL, mode="char")


def test_analysis_text_defaults_to_the_text_and_keeps_positional_fields():
    doc = InputDocument(Path("a.txt"), "a", "城川镇")
    assert (doc.encoding, doc.analysis_text) == ("utf-8", "城川镇")
    with pytest.raises(ValueError, match="length"):
        InputDocument(Path("a.txt"), "a", "城川镇", "utf-8", "城川")


# ---------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><title>不出现的标题</title><style>p { color: red }</style>
<script>var notText = "<p>脚本</p>";</script></head>
<body>
  <noscript>请启用脚本</noscript>
  <h1>城川镇：“三会一课”激活
      基层党建</h1>
  <div class="meta">记者&nbsp;王敏　通讯员 李强</div>
  <p>　　城川镇党委坚持开展“三会一课”，推动基层党组织建设。</p>
  <p>党员网格员收集&lt;群众诉求&gt;，做到小事不出村。<br>大事不出镇。</p>
  <script>document.write("广告")</script>
  <ul><li>第一项</li><li>第二项</li></ul>
</body></html>
"""


def test_html_headline_and_paragraphs_become_lines_without_scripts_and_styles(tmp_path):
    doc = read_document(write(tmp_path, "page.html", PAGE.encode("utf-8")))
    assert doc.text.splitlines() == [
        "城川镇：“三会一课”激活基层党建",  # a source line break between CJK characters goes
        "记者 王敏 通讯员 李强",
        "城川镇党委坚持开展“三会一课”，推动基层党组织建设。",
        "党员网格员收集<群众诉求>，做到小事不出村。",
        "大事不出镇。",
        "第一项",
        "第二项",
    ]
    for hidden in ("标题", "color", "脚本", "广告", "请启用"):
        assert hidden not in doc.text


def test_two_line_breaks_leave_at_most_one_blank_line(tmp_path):
    page = "<body><p>第一段<br><br><br><br>第二段</p><div></div><div></div><p>第三段</p></body>"
    doc = read_document(write(tmp_path, "p.htm", page.encode("utf-8")))
    assert doc.text == "第一段\n\n第二段\n第三段\n"


def test_gbk_page_declared_gb2312_is_decoded_as_gb18030(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"</head><body><p>{GBK_ONLY}</p></body></html>")
    doc = read_document(write(tmp_path, "gb.HTML", page.encode("gbk")))
    assert doc.encoding == "gb18030"
    assert "驻村第一书记李喆介绍" in doc.text


def test_big5_page_with_meta_charset_is_simplified_for_analysis(tmp_path):
    page = f'<html><head><meta charset="big5"></head><body><p>{TRADITIONAL}</p></body></html>'
    doc = read_document(write(tmp_path, "tw.html", page.encode("big5")))
    assert doc.encoding == "big5"
    i, j = span(doc.text, "城川鎮黨委")
    assert doc.analysis_text[i:j] == "城川镇党委"


def test_an_xhtml_page_with_an_xml_encoding_declaration_is_read(tmp_path):
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<html><body><h1>城川镇</h1>'
            "<p>党委开展主题党日活动。</p></body></html>")
    doc = read_document(write(tmp_path, "x.html", page.encode("gb2312")))
    assert doc.text == "城川镇\n党委开展主题党日活动。\n"


@pytest.mark.parametrize("page", ["", "   \n", "<!-- 空页 -->",
                                  "<html><head><title>只有标题</title></head><body></body></html>"])
def test_an_html_page_without_text_is_an_empty_document(tmp_path, page):
    assert read_document(write(tmp_path, "e.html", page.encode("utf-8"))).text == ""


# ---------------------------------------------------------------------------- refusals

def test_binary_file_is_refused_as_binary(tmp_path):
    rng = random.Random(7)
    data = b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000))
    path = write(tmp_path, "photo.txt", data)
    with pytest.raises(InputError, match=r"photo\.txt: binary"):
        read_document(path)


def test_nul_bytes_without_a_known_signature_are_binary(tmp_path):
    rng = random.Random(8)
    data = b"".join(bytes([rng.randrange(1, 256), 0, 0, rng.randrange(256)])
                    for _ in range(500))
    with pytest.raises(InputError, match=r"blob\.txt: binary"):
        read_document(write(tmp_path, "blob.txt", data))


def test_mostly_control_characters_are_binary(tmp_path):
    data = bytes(range(1, 9)) * 50
    with pytest.raises(InputError, match=r"ctl\.txt: binary file, not text \(control"):
        read_document(write(tmp_path, "ctl.txt", data))


def test_damaged_utf8_is_refused_with_the_offset(tmp_path):
    good = SIMPLIFIED.encode("utf-8")
    data = good[:300] + b"\xff" + good[300:]
    with pytest.raises(InputError, match=r"damaged\.txt: not valid UTF-8 text \(byte 0xff at "
                                         r"offset 300"):
        read_document(write(tmp_path, "damaged.txt", data))


def test_bytes_no_encoding_fits_are_refused_naming_the_file(tmp_path):
    # A UTF-16 byte-order mark followed by an odd number of bytes.
    with pytest.raises(InputError, match=r"bad\.txt: not valid UTF-8 nor UTF-16 text"):
        read_document(write(tmp_path, "bad.txt", b"\xff\xfe\xfa broken \x80\x81"))


def as_unprivileged(code: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code``; as root, without the capabilities that let root read any file,
    so that permissions refuse it for real."""
    command = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_unreadable_file_is_refused_with_the_reason(tmp_path):
    path = write(tmp_path, "locked.txt", SIMPLIFIED.encode("utf-8"))
    path.chmod(0)
    try:
        run = as_unprivileged(
            "from pathlib import Path\nfrom kg.inputs import InputError, read_document\n"
            f"try:\n    read_document(Path({str(path)!r}))\n"
            "except InputError as err:\n    print(err)\n")
    finally:
        path.chmod(0o644)
    assert run.stdout.strip() == f"{path}: cannot read: Permission denied", run.stderr


def test_a_directory_is_refused(tmp_path):
    (tmp_path / "folder").mkdir()
    with pytest.raises(InputError, match=r"folder: is a directory"):
        read_document(tmp_path / "folder")


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file"):
        read_document(fifo)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(InputError, match=r"absent\.txt: no such file or directory"):
        read_document(tmp_path / "absent.txt")


# ---------------------------------------------------------------------------- accepted oddities

@pytest.mark.parametrize("data", [b"", b" \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n",
                                  "\n".encode("utf-16")])
def test_empty_and_blank_files_give_an_empty_text(tmp_path, data):
    assert read_document(write(tmp_path, "blank.txt", data)).text == ""


def test_stray_control_characters_are_kept(tmp_path):
    text = SIMPLIFIED[:80] + "\x0b" + SIMPLIFIED[80:160] + "\x1b[0m\x7f" + SIMPLIFIED[160:]
    doc = read_document(write(tmp_path, "ctl.txt", text.encode("utf-8")))
    assert doc.text == text


def test_line_endings_are_kept_as_written(tmp_path):
    text = "城川镇党委\r\n开展主题党日活动。\r\n"
    assert read_document(write(tmp_path, "crlf.txt", text.encode("gb18030"))).text == text


# ---------------------------------------------------------------------------- discovery

def tree(tmp_path: Path) -> Path:
    root = tmp_path / "pages"
    (root / "a" / "deep").mkdir(parents=True)
    (root / "b").mkdir()
    for rel in ("a/one.txt", "a/deep/two.HTML", "b/three.htm", "b/notes.md", "b/four.TXT"):
        (root / rel).write_text("城川镇\n", encoding="utf-8")
    return root


def names(items) -> list[str]:
    return [str(i) for i in items]


def test_folders_are_walked_for_text_and_html_files_in_sorted_order(tmp_path):
    root = tree(tmp_path)
    assert names(discover([str(root)])) == [
        str(root / "a/deep/two.HTML"), str(root / "a/one.txt"),
        str(root / "b/four.TXT"), str(root / "b/three.htm"),
    ]


def test_a_file_named_directly_counts_whatever_its_extension(tmp_path):
    root = tree(tmp_path)
    assert names(discover([str(root / "b/notes.md")])) == [str(root / "b/notes.md")]


def test_order_of_arguments_does_not_matter_and_files_come_once(tmp_path):
    root = tree(tmp_path)
    one = str(root / "a/one.txt")
    first = names(discover([str(root / "b"), one, str(root), one]))
    second = names(discover([one, str(root), str(root / "b")]))
    assert first == second
    assert len(first) == len(set(first)) == 4


def test_a_file_reached_through_a_link_is_listed_under_its_own_path(tmp_path):
    root = tree(tmp_path)
    (root / "b" / "to-a").symlink_to(root / "a", target_is_directory=True)
    found = names(discover([str(root)]))
    assert str(root / "a/one.txt") in found
    assert not any("to-a" in f for f in found)
    assert len(found) == 4


def test_broken_symbolic_links_are_reported_named_directly_and_in_folders(tmp_path):
    root = tree(tmp_path)
    (root / "b" / "gone.txt").symlink_to(root / "nowhere.txt")
    direct = tmp_path / "direct.txt"
    direct.symlink_to(tmp_path / "missing.txt")
    errors = [str(i) for i in discover([str(root), str(direct)]) if isinstance(i, InputError)]
    assert errors == [f"{direct}: broken symbolic link",  # sorted by path: tmp/direct.txt first
                      f"{root / 'b/gone.txt'}: broken symbolic link"]
    with pytest.raises(InputError, match="broken symbolic link"):
        read_document(direct)


def test_a_missing_path_is_reported(tmp_path):
    [item] = discover([str(tmp_path / "absent")])
    assert isinstance(item, InputError)
    assert str(item) == f"{tmp_path / 'absent'}: no such file or directory"


def test_a_directory_loop_is_reported_once_and_the_rest_still_found(tmp_path):
    root = tree(tmp_path)
    (root / "a" / "to-b").symlink_to(root / "b", target_is_directory=True)
    (root / "b" / "to-a").symlink_to(root / "a", target_is_directory=True)
    for args in ([str(root)], [str(root / "b"), str(root / "a")]):
        items = list(discover(args))
        loops = [str(i) for i in items if isinstance(i, InputError)]
        assert len(loops) == 1 and "directory loop" in loops[0]
        files = sorted(Path(p).name for p in names(items) if p not in loops)
        assert files == ["four.TXT", "one.txt", "three.htm", "two.HTML"]


def test_an_unreadable_directory_is_reported_and_the_walk_goes_on(tmp_path):
    root = tree(tmp_path)
    locked = root / "b"
    locked.chmod(0)
    try:
        run = as_unprivileged(
            "from kg.inputs import discover\n"
            f"for item in discover([{str(root)!r}]):\n    print(item)\n")
    finally:
        locked.chmod(0o755)
    assert run.stdout.splitlines() == [
        str(root / "a/deep/two.HTML"), str(root / "a/one.txt"),
        f"{locked}: cannot read directory: Permission denied"], run.stderr


# ---------------------------------------------------------------------------- large and mixed

def test_gb_text_after_a_long_ascii_prefix_is_detected_where_it_starts(tmp_path):
    text = "Page 1 of 3 -- archive export\n" * 12_000 + SIMPLIFIED  # 360 kB of ASCII first
    doc = read_document(write(tmp_path, "export.txt", text.encode("gb18030")))
    assert (doc.encoding, doc.text) == ("gb18030", text)


def test_utf8_damaged_past_the_detection_sample_is_refused_with_the_offset(tmp_path):
    good = (SIMPLIFIED * 1000).encode("utf-8")
    with pytest.raises(InputError, match=rf"long\.txt: not valid UTF-8 text \(byte 0xff at "
                                         rf"offset {len(good)}"):
        read_document(write(tmp_path, "long.txt", good + b"\xff" + good))


@pytest.mark.parametrize("name", ["village.txt", "village.html"])
def test_big5_with_a_character_plain_big5_lacks_is_read_by_an_extension(tmp_path, name):
    text = TRADITIONAL + "黨員們走進村裏，為群眾辦實事。\n"  # 裏 is in cp950, not in Python's big5
    body = text if name.endswith(".txt") else (
        f'<html><head><meta charset="big5"></head><body><p>{text}</p></body></html>')
    doc = read_document(write(tmp_path, name, body.encode("cp950")))
    # Declared big5: big5 fails, cp950 fits. Detected: charset-normalizer names big5hkscs.
    assert doc.encoding == ("cp950" if name.endswith(".html") else "big5hkscs")
    assert "黨員們走進村裏，為群眾辦實事。" in doc.text


def test_utf8_text_with_a_nul_byte_is_binary(tmp_path):
    data = SIMPLIFIED.encode("utf-8")
    with pytest.raises(InputError, match=r"nul\.txt: binary file, not text \(NUL bytes\)"):
        read_document(write(tmp_path, "nul.txt", data[:90] + b"\x00" + data[90:]))


# ---------------------------------------------------------------------------- cut files

NIF_IS_STRING = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")
SEED = min((Path(__file__).parent.parent / "seeds").glob("*.txt")).read_text(encoding="utf-8")


@pytest.mark.parametrize(("codec", "text", "drop"), [
    ("utf-8", SEED, 1), ("utf-8", SEED, 2), ("utf-8-sig", SEED, 1),
    ("gb18030", SEED, 1), ("big5", TRADITIONAL, 1),
])
def test_a_file_cut_inside_its_last_character_keeps_the_text_before_it(tmp_path, codec, text,
                                                                       drop):
    # An interrupted download: every character but the last is whole.
    text = text.rstrip("\n")
    data = text.encode(codec)
    path = write(tmp_path, "cut.txt", data[:-drop])
    doc = read_document(path)
    assert doc.text == text[:-1]
    assert doc.encoding == codec
    cut = len(text[:-1].encode(codec))
    assert doc.warnings == (f"{path}: ends inside a character ({codec}) at byte offset {cut} "
                            f"of {len(data) - drop}; the text before it is kept",)


@pytest.mark.parametrize("codec", ["gb18030", "utf-8"])
def test_a_short_headline_cut_inside_a_character_is_still_read_as_chinese(tmp_path, codec):
    # Detection alone reads these bytes as shift_jis mojibake, or finds nothing.
    headline = next(line for line in SEED.splitlines() if line.strip())  # 党旗领航
    data = headline.encode(codec)[:-1]
    doc = read_document(write(tmp_path, "headline.txt", data))
    assert doc.text == headline[:-1] and doc.encoding == codec
    assert len(doc.warnings) == 1


def test_a_whole_file_has_no_warning(tmp_path):
    for codec in ("utf-8", "gb18030"):
        assert read_document(write(tmp_path, f"{codec}.txt", SEED.encode(codec))).warnings == ()


def test_a_bad_byte_at_the_end_is_no_cut_and_is_refused(tmp_path):
    # 0xff starts no UTF-8 character: damage, not a character cut short.
    with pytest.raises(InputError, match=r"end\.txt: not valid UTF-8 text \(byte 0xff"):
        read_document(write(tmp_path, "end.txt", SEED.encode("utf-8") + b"\xff"))


def test_utf16_of_odd_length_is_refused_not_cut(tmp_path):
    # An odd length says the UTF-16 mark may be a coincidence: refused, as before.
    data = codecs.BOM_UTF16_LE + SEED.encode("utf-16-le")[:-1]
    with pytest.raises(InputError, match=r"odd\.txt: not valid UTF-8 nor UTF-16 text"):
        read_document(write(tmp_path, "odd.txt", data))


def test_kg_build_keeps_a_cut_page_and_warns_once_with_the_offset(tmp_path):
    text = SEED.rstrip("\n")
    page = write(tmp_path, "cut.txt", text.encode("gb18030")[:-1])
    out = tmp_path / "cut.ttl"
    proc = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(page), "-o", str(out),
                           "-q"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"kg build: warning: {page}: ends inside")
    assert "byte offset" in lines[0]
    from rdflib import Graph
    from rdflib.namespace import DCTERMS

    graph = Graph().parse(out)
    assert {str(o) for o in graph.objects(None, DCTERMS.identifier)} == {"cut"}
    strings = {str(o) for o in graph.objects(None, NIF_IS_STRING)}
    assert strings == {text[:-1]}


# ---------------------------------------------------------------------------- HTML articles

SEED_LINES = [line for line in SEED.splitlines() if line.strip()]
HEADLINE = SEED_LINES[2]  # 呼和浩特:党建引领做好“护绿”“用绿”文章
MENU = '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/dj">党建</a></li></ul>'
FOOTER = '<div class="footer"><p>版权所有 &copy; 内蒙古日报社</p><p>蒙ICP备05000000号</p></div>'
RELATED = ('<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">包头市：党建引领基层治理'
           '</a></li><li><a href="/2">赤峰市：乡村振兴新篇章</a></li></ul></div>')


def article_page(paragraphs: list[str], *, meta: str = "", headline: str = HEADLINE,
                 charset: str = "utf-8", inside: bool = True) -> str:
    """A news page as papers' sites serve it: menu, article, related links, footer."""
    h1 = f"<h1>{headline}</h1>"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{headline} - '
            f"内蒙古日报</title>{meta}</head><body>{MENU}{'' if inside else h1}"
            f'<div class="article">{h1 if inside else ""}{body}</div>{RELATED}{FOOTER}'
            "</body></html>")


PUBLISHED = '<meta property="article:published_time" content="2025-11-04T08:00:00+08:00">'


def test_an_html_page_is_its_headline_and_article_without_menu_links_or_footer(tmp_path):
    page = article_page(SEED_LINES[3:], meta=PUBLISHED)
    doc = read_document(write(tmp_path, "hohhot.html", page.encode("utf-8")))
    assert doc.text.splitlines() == [HEADLINE, *SEED_LINES[3:]]
    for boilerplate in ("版权所有", "内蒙古日报社", "首页", "相关新闻", "赤峰市", "ICP"):
        assert boilerplate not in doc.text
    assert doc.publication == Publication(date(2025, 11, 4), title=HEADLINE, date_source=HTML)
    assert doc.analysis_text is doc.text and doc.warnings == ()


def test_a_headline_outside_the_article_is_put_before_it_once(tmp_path):
    page = article_page(SEED_LINES[3:], inside=False)
    doc = read_document(write(tmp_path, "p.html", page.encode("utf-8")))
    assert doc.text.count(HEADLINE) == 1 and doc.text.startswith(HEADLINE + "\n")


@pytest.mark.parametrize("meta", [
    '<meta name="publishdate" content="2025-11-04">',
    '<meta name="PubDate" content="2025-11-04 08:12">',
    '<meta property="article:published_time" content="2025-11-04">',
])
def test_the_pages_date_is_read_from_its_metadata(tmp_path, meta):
    doc = read_document(write(tmp_path, "p.html", article_page(SEED_LINES[3:], meta=meta)
                              .encode("utf-8")))
    assert (doc.publication.issued, doc.publication.date_source) == (date(2025, 11, 4), HTML)


def test_a_gbk_article_page_declared_gb2312_reads_as_its_utf8_twin(tmp_path):
    paragraphs = [*SEED_LINES[3:6], GBK_ONLY.replace("\n", "")]
    utf8 = read_document(write(tmp_path, "u.html", article_page(paragraphs).encode("utf-8")))
    gbk = read_document(write(tmp_path, "g.html", article_page(paragraphs, charset="gb2312")
                              .encode("gbk")))
    assert gbk.encoding == "gb18030"
    assert gbk.text == utf8.text and "驻村第一书记李喆介绍" in gbk.text
    assert "版权所有" not in gbk.text


def test_a_big5_article_page_is_simplified_for_analysis(tmp_path):
    paragraphs = TRADITIONAL.splitlines()
    page = ('<html><head><meta charset="big5"></head><body><ul><li><a href="/">首頁</a></li>'
            '<li><a href="/dj">黨建</a></li></ul><div class="article"><h1>城川鎮黨委推動基層黨建'
            f'</h1>{"".join(f"<p>{p}</p>" for p in paragraphs)}</div><div class="footer">'
            "版權所有 &copy; 內蒙古日報社</div></body></html>")
    doc = read_document(write(tmp_path, "tw.html", page.encode("big5")))
    assert doc.encoding == "big5"
    assert doc.text.splitlines() == ["城川鎮黨委推動基層黨建", *paragraphs]
    i, j = span(doc.text, "城川鎮黨委")
    assert doc.analysis_text[i:j] == "城川镇党委"
    assert len(doc.analysis_text) == len(doc.text)


def test_an_edition_line_in_the_article_gives_paper_and_page_and_metadata_the_date(tmp_path):
    edition = "《 人民日报 》（ 2025年11月04日 18 版）"  # as people.com.cn ends its articles
    page = article_page([*SEED_LINES[3:], edition], meta=PUBLISHED)
    doc = read_document(write(tmp_path, "p.html", page.encode("utf-8")))
    assert doc.publication == Publication(date(2025, 11, 4), "人民日报", "18", title=HEADLINE,
                                          date_source=HTML)
    # A page of another day quoting the line (a repost) is not that page 18.
    repost = article_page([*SEED_LINES[3:], edition], meta=PUBLISHED.replace("11-04", "12-01"))
    doc = read_document(write(tmp_path, "r.html", repost.encode("utf-8")))
    assert doc.publication == Publication(date(2025, 12, 1), title=HEADLINE, date_source=HTML)
    undated = read_document(write(tmp_path, "q.html", article_page([*SEED_LINES[3:], edition])
                                  .encode("utf-8")))
    assert (undated.publication.issued, undated.publication.date_source) == (
        date(2025, 11, 4), DATELINE)


@pytest.mark.parametrize("partial", ["2025-11", "2025-T08:00:00+08:00"])
def test_a_partial_date_in_the_metadata_is_not_completed_from_the_clock(tmp_path, partial):
    meta = PUBLISHED.replace("2025-11-04T08:00:00+08:00", partial)
    doc = read_document(write(tmp_path, "p.html", article_page(SEED_LINES[3:], meta=meta)
                              .encode("utf-8")))
    assert doc.publication.issued is None


def test_a_text_file_is_dated_by_its_header_then_its_name(tmp_path):
    dated = read_document(write(tmp_path, "2025-11-05.txt",
                                f"内蒙古日报\n2025年11月4日\n{SEED}".encode()))
    assert (dated.publication.issued, dated.publication.date_source) == (date(2025, 11, 4),
                                                                         DATELINE)
    named = read_document(write(tmp_path, "nmgrb_20251105.txt", SEED.encode()))
    assert (named.publication.issued, named.publication.date_source) == (date(2025, 11, 5),
                                                                         FILE_NAME)
    bad = read_document(write(tmp_path, "nmgrb_2025-11-31.txt", SEED.encode()))
    assert bad.publication == Publication()
    assert bad.warnings == (f"{bad.path}: the file name's date '2025-11-31' is no calendar date "
                            "(day is out of range for month); ignored",)
