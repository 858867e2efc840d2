"""A new dataset is named after the files that gave its articles (tester-s16 B4: 0-byte zero.csv uploaded with
nul.csv made "zero.csv 等 2 个文件 — 2 篇", named after the file that failed)."""
from __future__ import annotations

import io
import zipfile

from analysis.loaders import load_files
from ui.sidebar_upload import read_name, upload_name

NUL_CSV = "标题,正文\n测试一,正文\x00含有NUL\x00字节。\n测试二,第二篇\n".encode()
GOOD = "标题,正文\n好文章,市场监管总局发布计量器具新规。\n".encode()


def _name(files: list[tuple[str, bytes]], typed: str | None = None) -> str:
    names = [n for n, _ in files]
    return read_name(typed or upload_name(names), names, load_files(files).report)


def test_failed_files_leave_the_name():
    assert _name([("zero.csv", b""), ("nul.csv", NUL_CSV)]) == "nul.csv"
    assert _name([("zero.csv", b""), ("a.csv", GOOD), ("bad.csv", b"\x00\x01\x02\x03" * 50), ("nul.csv", NUL_CSV)]) \
        == upload_name(["a.csv", "nul.csv"])


def test_every_file_read_or_a_typed_name_stays():
    assert _name([("a.csv", GOOD), ("nul.csv", NUL_CSV)]) == upload_name(["a.csv", "nul.csv"])
    assert _name([("zero.csv", b""), ("nul.csv", NUL_CSV)], typed="我的数据") == "我的数据"
    assert _name([("one.csv", GOOD)]) == "one.csv"


def test_a_zip_counts_by_its_entries():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner/a.csv", GOOD)
    assert _name([("empty.txt", b" \n"), ("pack.zip", buf.getvalue())]) == "pack.zip"
