"""Bad inputs of tester-s16 (B1 NUL bytes, B2 a broken "PK" file named .docx, B3 binary data named .csv), each
built in code, with the exact message or parse-report note; the good inputs next to them load unchanged."""
from __future__ import annotations

import random

import pytest

from analysis.errors import LoadError
from analysis.loaders import load_files
from analysis.loaders.sniff import control_note, decode_bytes
from tests.loaders.test_bad_input import _zip_of   # (its values may be bytes: ZipFile.writestr takes both)

GOOD = ("good.csv", "标题,正文\n好文章,市场监管总局发布计量器具新规。\n".encode())


def _nul_note(n: int, nul: int, line: int) -> str:
    return (f"{n} 个控制字符(不是文字)已删除,其中空字符 {nul} 个,第一个在第 {line} 行;如果正文因此缺字,请检查导出该文件的程序 / "
            f"{n} control {'character' if n == 1 else 'characters'} (not text) removed, {nul} of them NUL "
            f"{'byte' if nul == 1 else 'bytes'}, the first on line {line}; if text is missing around them, check the "
            f"program that exported the file")


def _not_table(ext: str) -> str:
    return (f"这不是文本表格(.{ext} 文件的内容是二进制数据,不是文字):请确认选对了文件;表格请在 Excel 等软件中另存为 CSV(UTF-8)或 "
            f"XLSX 后再载入 / this is not a text table (the .{ext} file holds binary data, not text): check that this "
            f"is the right file; save a spreadsheet from Excel (or the like) as CSV (UTF-8) or XLSX and load that")


WORD = ("不是有效的 Word 文件(.docx):文件可能已损坏,或只是改了扩展名。Word 文件本身也不能直接读取:请将内容另存为 TXT 或 "
        "HTML(网页)后再载入 / not a valid Word file (.docx): it may be damaged or only renamed. Word files are not read "
        "directly either: save the content as TXT or HTML and load that")
BINARY = "二进制数据,不是文本或表格 / binary data, not text or a table (check the file type)"


# --- B1: NUL bytes and other control characters are said in the parse report ---------------------------

# the tester's nul.csv, byte for byte: NULs inside the first row's body
NUL_CSV = "标题,日期,正文\n测试一,2024-01-02,正文\x00含有NUL\x00字节。\n测试二,2024-01-03,第二篇\n".encode()


def test_nul_bytes_in_a_csv_are_counted_with_their_line():
    res = load_files([("nul.csv", NUL_CSV), GOOD])
    report = res.report.files[0]
    assert report.notes == [_nul_note(2, 2, 2)]
    assert res.articles["body"].tolist() == ["正文含有NUL字节。", "第二篇", "市场监管总局发布计量器具新规。"]
    assert res.report.files[1].notes == []    # a clean file gets no such note


def test_other_control_characters_count_too():
    data = "标题,正文\n甲,一\x01二\x1b三\x7f四\n乙,五\x00六\n".encode()
    res = load_files([("ctl.csv", data)])
    assert res.report.files[0].notes == [_nul_note(4, 1, 2)]
    assert res.articles["body"].tolist() == ["一二三四", "五六"]


def test_one_nul_in_a_text_page_and_a_jsonl():
    page = "通知标题\n\n正文第一段\x00写到这里，市场监管总局今日发布计量器具新规，自六月起施行。".encode()
    res = load_files([("page.txt", page)])
    assert res.report.files[0].notes[0] == _nul_note(1, 1, 3)
    assert res.articles["title"].tolist() == ["通知标题"]
    assert "\x00" not in res.articles["body"].iloc[0]
    # a raw NUL inside a JSON string is invalid JSON: that line is skipped, and both are said
    lines = '{"title": "甲", "body": "正文一"}\n{"title": "乙", "body": "正文\x00二"}\n'.encode()
    res = load_files([("a.jsonl", lines)])
    assert res.report.files[0].notes == [_nul_note(1, 1, 2),
                                         "1 行不是有效的 JSON,已跳过(第 2 行)/ 1 invalid JSON line skipped (line 2)"]
    assert res.articles["body"].tolist() == ["正文一"]


def test_escaped_nul_in_json_is_said():
    data = '[{"title": "甲\\u0000", "body": "正文\\u0000一\\u0000"}, {"title": "乙", "body": "正文二"}]'.encode()
    res = load_files([("a.json", data)])
    assert res.report.files[0].notes == ["JSON 中 3 个空字符(\\u0000)已删除,它们不是文字 / 3 NUL characters (\\u0000) in "
                                         "the JSON removed: they are not text"]
    assert res.articles["body"].tolist() == ["正文一", "正文二"]
    assert res.articles["title"].tolist() == ["甲", "乙"]
    res = load_files([("b.jsonl", '{"title": "甲", "body": "正文\\u0000一"}\n'.encode())])
    assert res.report.files[0].notes == ["JSON 中 1 个空字符(\\u0000)已删除,它们不是文字 / 1 NUL character (\\u0000) in "
                                         "the JSON removed: they are not text"]


def test_nul_note_inside_a_zip_names_the_entry():
    res = load_files([("pack.zip", _zip_of({"nul.csv": NUL_CSV, "ok.csv": GOOD[1]}))])
    by_name = {f.name: f for f in res.report.files}
    assert by_name["pack.zip/nul.csv"].notes == [_nul_note(2, 2, 2)]
    assert by_name["pack.zip/ok.csv"].notes == []


def test_control_note_direct():
    assert control_note("") == []
    assert control_note("标题\n正文\t含制表符\r\n和换行\x0b\x0c") == []   # tab, line breaks, VT/FF are whitespace, kept
    assert control_note("a\nb\nc\x85d") == []                          # NEL is a line break
    assert control_note("a\nb\n\x00\x00\x9f") == [_nul_note(3, 2, 3)]  # C1 controls are removed too


# --- B2: "PK" but no ZIP, named like a Word file ---------------------------------------------------------

def test_broken_pk_docx_gets_the_word_message_at_top_level():
    res = load_files([("fake.docx", b"PK\x03\x04garbage not a zip"), GOOD])
    assert res.report.files[0].error == WORD
    with pytest.raises(LoadError) as exc:
        load_files([("fake.docx", b"PK\x03\x04" + bytes(range(256)))])
    assert str(exc.value) == f"没有读到任何文章 / nothing could be read — fake.docx: {WORD}"


def test_broken_pk_docx_inside_a_zip():
    res = load_files([("pack.zip", _zip_of({"a.docx": b"PK\x03\x04garbage", "ok.csv": GOOD[1]}))])
    by_name = {f.name: f for f in res.report.files}
    assert by_name["pack.zip/a.docx"].error == WORD
    assert res.articles["title"].tolist() == ["好文章"]


def test_broken_pk_pptx_and_pdf_name_their_kind():
    res = load_files([("s.pptx", b"PK\x05\x06broken"), ("p.pdf", b"PK\x03\x04broken"), GOOD])
    assert res.report.files[0].error.startswith("不是有效的 PowerPoint 文件(.pptx)")
    assert res.report.files[1].error.startswith("不是有效的 PDF 文件(.pdf)")


def test_broken_pk_with_other_names_keeps_the_zip_message():
    res = load_files([("a.zip", b"PK\x03\x04garbage"), GOOD])
    assert res.report.files[0].error == ("ZIP 文件损坏: File is not a zip file / broken ZIP archive: File is not a "
                                         "zip file")


# --- B3: binary data named .csv is "not a text table", not garbage column names -------------------------

# the tester's binary.csv, byte for byte (a UTF-32 LE BOM, then ASCII): read as UTF-16 it was "\x00慧扲条e�"
TESTER_BINARY = b"\xff\xfe\x00\x00garbage\x00\x00"


@pytest.mark.parametrize("name, data, error", [
    ("binary.csv", TESTER_BINARY, _not_table("csv")),
    ("bom_noise.csv", b"\xff\xfe" + random.Random(5).randbytes(4000), _not_table("csv")),
    ("bom_be.tsv", b"\xfe\xff" + bytes(range(256)) * 20, _not_table("tsv")),
    ("noise.json", random.Random(6).randbytes(3000), _not_table("json")),
    ("noise.jsonl", b"\xff\xfe" + random.Random(7).randbytes(3000), _not_table("jsonl")),
    ("bom_noise.txt", b"\xff\xfe" + random.Random(8).randbytes(3000), BINARY),   # not a table: the general words
], ids=lambda v: v if isinstance(v, str) and "." in v and len(v) < 20 else "")
def test_binary_named_like_a_table(name, data, error):
    res = load_files([(name, data), GOOD])
    assert res.report.files[0].error == error
    assert res.report.files[0].columns == []
    assert res.articles["title"].tolist() == ["好文章"]


def test_utf16_and_utf32_text_still_load():
    table = "标题,正文\n通知,市场监管总局发布新规。\n"
    for enc, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"),
                     ("utf-32-be", b"\x00\x00\xfe\xff")):
        res = load_files([(f"{enc}.csv", bom + table.encode(enc))])
        assert res.articles["body"].tolist() == ["市场监管总局发布新规。"], enc
        assert res.report.files[0].encoding == ("utf-16" if "16" in enc else "utf-32"), enc
        assert res.report.files[0].notes == []


def test_utf16_in_other_scripts_and_cut_short_is_text():
    korean = "제목,본문\n공지,시장감독총국이 새 규정을 발표했다.\n"
    text, enc, notes = decode_bytes(b"\xff\xfe" + korean.encode("utf-16-le"))
    assert (text, enc, notes) == (korean, "utf-16", [])
    cut = b"\xff\xfe" + "标题,正文\n甲,乙丙丁".encode("utf-16-le") + b"\x00"   # an odd last byte: one �
    text, enc, notes = decode_bytes(cut)
    assert (text, enc) == ("标题,正文\n甲,乙丙丁\ufffd", "utf-16")
    with pytest.raises(LoadError, match="二进制数据"):   # 2 bad of 6: binary
        decode_bytes(TESTER_BINARY)
