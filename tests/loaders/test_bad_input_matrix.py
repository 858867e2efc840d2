"""Bad input, part two: the cases issue 7 lists that ``test_bad_input.py``, ``test_zip.py`` and
``test_tables.py`` do not already cover (truncated XLSX/ZIP/UTF-8, formula cells in XLSX, a 50 MB single line
in CSV and TXT, impossible and far-future dates in HTML/TXT/JSON/CSV, zero-width and right-to-left characters
in JSON and HTML titles, mixed encodings inside one archive, a ZIP bomb inside an archive, JSON nested 20,000
deep inside an archive, hostile upload names, more mislabelled extensions).

One table: each case is uploaded together with a good CSV through ``load_files``, and its exact outcome is
checked: the articles read from it (title, date, file) and every file report (name, format, articles, error),
plus the notes that must be there. The good file always loads.
"""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field

import openpyxl
import pytest

from analysis.loaders import load_files

BODY = "市场监管总局今日发布计量器具新规，自六月起施行，要求各地加强监督检查，确保量值准确可靠。"
GOOD = ("good.csv", "标题,正文\n好文章,市场监管总局发布计量器具新规。\n".encode())
NO_ARTICLE = ("没有找到文章正文(正文不足 20 字),请检查这是否是一篇文章的页面 / no article found (body under 20 "
              "characters); check that this is an article page")
TOO_DEEP = "JSON 嵌套层数过深,无法读取 / the JSON is nested too deeply to read (too many levels of [ or {)"
BIG = 17 * 2**20   # characters of one line: 51 MB in UTF-8


def _zip(parts: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv(title: str, encoding: str = "utf-8", header: str = "标题,正文") -> bytes:
    return f"{header}\n{title},{BODY}\n".encode(encoding)


def _bomb_in_zip() -> bytes:
    """An archive holding a 300 MB-of-zeros ZIP (≈300 KB compressed) next to a good CSV."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, zf.open("bomb.csv", "w", force_zip64=True) as fh:
        for _ in range(300):
            fh.write(b"\0" * (1 << 20))
    return _zip({"inner.zip": buf.getvalue(), "ok.csv": _csv("癸")}, zipfile.ZIP_STORED)


def _html(title: str, stamp: str = "") -> bytes:
    return (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
            + (f"<p>{stamp}</p>" if stamp else "") + f"<p>{BODY * 3}</p></body></html>").encode()


@dataclass
class Case:
    name: str
    data: bytes | None          # None: built lazily by ``build`` (big inputs)
    #: the articles read from this upload, in order: (title, date "YYYY-MM-DD" or "", file)
    articles: list[tuple[str, str, str]]
    #: every file report of this upload: (name, format, articles, error)
    reports: list[tuple[str, str, int, str]]
    notes: list[str] = field(default_factory=list)   # substrings that must appear in the upload's notes
    build: object = None
    body_len: int | None = None                      # length of the first article's body, when checked


XLSX_OK = _xlsx([["标题", "正文"], ["甲", BODY]])

CASES = [
    Case("trunc.xlsx", XLSX_OK[: len(XLSX_OK) // 2], [],
         [("trunc.xlsx", "", 0, "不是有效的 XLSX 工作簿(ZIP 容器损坏: File is not a zip file)/ not a valid XLSX "
                                "workbook (broken container: File is not a zip file)")]),
    Case("trunc.zip", _zip({"a.csv": _csv("甲")})[:60], [],
         [("trunc.zip", "", 0, "ZIP 文件损坏: File is not a zip file / broken ZIP archive: File is not a zip file")]),
    Case("trunc_utf8.csv", _csv("甲")[:-2], [("甲", "", "trunc_utf8.csv")], [("trunc_utf8.csv", "csv", 1, "")],
         ["1 个无效字节已替换为 �(按 utf-8 读取)"]),
    Case("bom_only.csv", b"\xef\xbb\xbf", [], [("bom_only.csv", "", 0, "文件为空 / the file is empty")]),
    # a cell openpyxl stores as a formula (starts with =) has no cached value: empty, never evaluated;
    # text that merely starts with + - @ stays text
    Case("inject.xlsx", _xlsx([["标题", "正文", "来源"],
                               ["=cmd|' /C calc'!A0", "@SUM(1+1)" + BODY, "+1-2"],
                               ["-负号标题", BODY, '=HYPERLINK("http://evil","x")']]),
         [("", "", "inject.xlsx"), ("-负号标题", "", "inject.xlsx")], [("inject.xlsx", "xlsx", 2, "")]),
    Case("wide.xlsx", _xlsx([[f"c{i}" for i in range(9_999)] + ["正文"], [""] * 9_999 + [BODY]]),
         [("", "", "wide.xlsx")], [("wide.xlsx", "xlsx", 1, "")]),
    Case("line.csv", None, [("甲", "", "line.csv")], [("line.csv", "csv", 1, "")],
         ["1 篇正文超过 1,000,000 字符,已截断"], build=lambda: ("标题,正文\n甲," + "字" * BIG).encode(),
         body_len=1_000_000),
    Case("line.txt", None, [("一篇文章的标题", "", "line.txt")], [("line.txt", "txt", 1, "")],
         ["文本超过 2,000,000 字符,只读取了开头", "1 篇正文超过 1,000,000 字符,已截断"],
         build=lambda: ("一篇文章的标题\n" + "字" * BIG).encode(), body_len=1_000_000),
    Case("future.html", _html("新规发布", "发布时间：2999-01-01"), [("新规发布", "", "future.html")],
         [("future.html", "html", 1, "")]),
    Case("month13.txt", f"新规发布\n发布时间：2024-13-45\n{BODY * 3}".encode(), [("新规发布", "", "month13.txt")],
         [("month13.txt", "txt", 1, "")]),
    Case("dates.csv", "标题,日期,正文\n".encode() + "".join(
        f"{t},{d},{BODY}{t}\n" for t, d in [("甲", "0000-00-00"), ("乙", "1900-01-01"), ("丙", "2024/02/30"),
                                            ("丁", "9999-12-31"), ("戊", "20240101")]).encode(),
         [("甲", "", "dates.csv"), ("乙", "", "dates.csv"), ("丙", "", "dates.csv"), ("丁", "", "dates.csv"),
          ("戊", "2024-01-01", "dates.csv")], [("dates.csv", "csv", 5, "")]),
    Case("zw.json", json.dumps([{"title": "\u200b\u202e通知\u2067标题\u2069\ufeff", "body": BODY,
                                 "date": "2024-02-30"}], ensure_ascii=False).encode(),
         [("通知标题", "", "zw.json")], [("zw.json", "json", 1, "")]),
    Case("rtl.html", _html("\u202e关于\u200b开展检查的通知", "发布时间：2024-05-02"),
         [("关于开展检查的通知", "2024-05-02", "rtl.html")], [("rtl.html", "html", 1, "")]),
    Case("hostile.json", json.dumps([{"title": "<script>alert(1)</script>标题", "body": "<iframe src=x></iframe><p>"
                                      + BODY + "</p><img src=x onerror=alert(1)>"}], ensure_ascii=False).encode(),
         [("标题", "", "hostile.json")], [("hostile.json", "json", 1, "")], body_len=len(BODY)),
    Case("encodings.zip", _zip({"u.csv": _csv("甲"), "g.csv": _csv("乙", "gbk"),
                                "b.csv": "標題,正文\n丙,市場監管總局今日發佈計量器具新規，自六月起施行，要求各地加強監督檢查。\n"
                                .encode("big5")}),
         [("丙", "", "b.csv"), ("乙", "", "g.csv"), ("甲", "", "u.csv")],
         [("encodings.zip", "zip", 0, ""), ("encodings.zip/b.csv", "csv", 1, ""),
          ("encodings.zip/g.csv", "csv", 1, ""), ("encodings.zip/u.csv", "csv", 1, "")]),
    Case("nested_bomb.zip", None, [("癸", "", "ok.csv")],
         [("nested_bomb.zip", "zip", 0, ""), ("nested_bomb.zip/inner.zip", "zip", 0, ""),
          ("nested_bomb.zip/inner.zip/bomb.csv", "", 0,
           "解压后 314,572,800 字节,超过单文件上限 268,435,456 / expands to 314,572,800 bytes, over the per-file limit"),
          ("nested_bomb.zip/ok.csv", "csv", 1, "")], build=_bomb_in_zip),
    Case("deep_inside.zip", _zip({"d.json": b"[" * 20_000 + b"]" * 20_000,
                                  "ok.json": json.dumps([{"title": "庚", "body": BODY}], ensure_ascii=False)}),
         [("庚", "", "ok.json")],
         [("deep_inside.zip", "zip", 0, ""), ("deep_inside.zip/d.json", "json", 0, TOO_DEEP),
          ("deep_inside.zip/ok.json", "json", 1, "")]),
    Case("slip.zip", _zip({"news/丁.csv": _csv("丁"), "../../x.csv": _csv("戊"), "/etc/cron.d/y.csv": _csv("己")}),
         [("丁", "", "news/丁.csv")], [("slip.zip", "zip", 0, ""), ("slip.zip/news/丁.csv", "csv", 1, "")],
         ["跳过 2 个路径不安全的条目(含 .. 或绝对路径)"]),
    # the upload's own name is a path: only its last part is kept as the article's file
    Case("../../etc/passwd.csv", _csv("己"), [("己", "", "passwd.csv")], [("../../etc/passwd.csv", "csv", 1, "")]),
    Case("utf16le.csv", _csv("甲", "utf-16-le"), [("甲", "", "utf16le.csv")], [("utf16le.csv", "csv", 1, "")]),
    Case("nul16.txt", "\x00\x00\x00".encode("utf-16"), [], [("nul16.txt", "txt", 0, NO_ARTICLE)]),
    Case("page.csv", _html("新规发布"), [("新规发布", "", "page.csv")], [("page.csv", "html", 1, "")],
         ["扩展名为 .csv,按内容读取为 html"]),
    Case("book.csv", XLSX_OK, [("甲", "", "book.csv")], [("book.csv", "xlsx", 1, "")], ["扩展名为 .csv,内容是 XLSX"]),
    Case("archive.txt", _zip({"a.csv": _csv("辛")}), [("辛", "", "a.csv")],
         [("archive.txt", "zip", 0, ""), ("archive.txt/a.csv", "csv", 1, "")]),
    Case("mixed.jsonl", (json.dumps({"title": "壬", "body": BODY}, ensure_ascii=False) + "\n{broken\n[1,2]\n").encode(),
         [("壬", "", "mixed.jsonl")], [("mixed.jsonl", "jsonl", 1, "")],
         ["1 行不是有效的 JSON,已跳过(第 2 行)", "1 个条目不是对象,已忽略"]),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_exact_outcome(case: Case):
    data = case.data if case.data is not None else case.build()
    res = load_files([(case.name, data), GOOD])
    arts = res.articles
    got = list(zip(arts["title"], arts["date"].dt.strftime("%Y-%m-%d").fillna(""), arts["file"]))
    assert got == case.articles + [("好文章", "", "good.csv")]
    reports = [(f.name, f.format, f.articles, f.error) for f in res.report.files]
    assert reports == case.reports + [("good.csv", "csv", 1, "")]
    notes = " | ".join(n for f in res.report.files for n in f.notes)
    for note in case.notes:
        assert note in notes
    if case.body_len is not None:
        assert len(arts["body"].iloc[0]) == case.body_len
    assert not arts["body"].str.contains("<script|<iframe|onerror", regex=True).any()


def test_formula_cells_are_never_evaluated_nor_kept_as_formulas():
    res = load_files([("inject.xlsx", CASES[4].data)])
    arts = res.articles
    assert arts["body"].tolist() == ["@SUM(1+1)" + BODY, BODY]
    assert arts["source"].tolist() == ["+1-2", ""]


def test_future_stamp_is_left_in_the_body_not_used_as_a_date():
    arts = load_files([("future.html", CASES[8].data)]).articles
    assert arts["body"].iloc[0].splitlines()[0] == "发布时间：2999-01-01"


def test_bidi_override_in_entry_names_is_removed_from_the_file_column():
    data = _zip({"\u202ecod.exe.csv": _csv("丁")})
    arts = load_files([("evil\u202ename.zip", data)]).articles
    assert arts["file"].tolist() == ["cod.exe.csv"]
