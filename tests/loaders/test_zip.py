"""ZIP archives: nested folders, archives in archives, entry names, limits (bombs), unsafe paths."""
from __future__ import annotations

import io
import struct
import zipfile

import pytest

from analysis.errors import LoadError
from analysis.loaders import LoadOptions, load_files

BODY = "国家市场监督管理总局发布新修订的计量器具型式批准规定，自下月起施行。"


def _zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _csv(title: str, body: str = BODY) -> bytes:
    return f"标题,正文\n{title},{body}\n".encode()


def test_nested_folders_and_file_names():
    data = _zip({"a/b/one.csv": _csv("一"), "two.json": '[{"title": "二", "body": "正文二"}]'.encode(),
                 "a/": b""})
    res = load_files([("batch.zip", data)])
    assert res.articles["title"].tolist() == ["一", "二"]
    assert res.articles["file"].tolist() == ["a/b/one.csv", "two.json"]
    names = [f.name for f in res.report.files]
    assert names == ["batch.zip", "batch.zip/a/b/one.csv", "batch.zip/two.json"]
    assert res.report.files[0].format == "zip"
    assert res.report.files[0].notes == ["压缩包内读取 2 个文件 / 2 files read from the archive"]


def test_archive_in_archive():
    inner = _zip({"deep.csv": _csv("深")})
    outer = _zip({"x/inner.zip": inner, "top.csv": _csv("顶")})
    res = load_files([("outer.zip", outer)])
    assert sorted(res.articles["title"]) == ["深", "顶"]
    assert set(res.articles["file"]) == {"x/inner.zip/deep.csv", "top.csv"}
    assert "outer.zip/x/inner.zip/deep.csv" in [f.name for f in res.report.files]


def test_nesting_depth_limit():
    data = _zip({"a.csv": _csv("底")})
    for i in range(3):
        data = _zip({f"level{i}.zip": data})
    # four archives deep: the innermost is refused, with a clear message
    with pytest.raises(LoadError, match="压缩包嵌套超过 3 层"):
        load_files([("d.zip", data)])
    res = load_files([("d.zip", data)], LoadOptions(max_zip_depth=4))
    assert res.articles["title"].tolist() == ["底"]


def test_zip_bomb_refused_before_expanding():
    # 200 MB of zeros compresses to ~200 KB; the declared size is over the limit, so nothing is expanded
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("bomb.csv", "w", force_zip64=True) as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):
                fh.write(chunk)
    bomb = buf.getvalue()
    assert len(bomb) < 1_000_000
    res = load_files([("bomb.zip", bomb), ("ok.csv", _csv("好"))], LoadOptions(max_zip_expanded_bytes=100 * 2**20))
    assert res.articles["title"].tolist() == ["好"]
    err = res.report.files[0].error
    assert err.startswith("ZIP 解压后共 209,715,200 字节,超过上限 104,857,600,未解压(疑似压缩炸弹)")


def test_lying_size_header_is_not_trusted():
    """An entry whose header declares a small size but holds more data never yields more than declared."""
    data = bytearray(_zip({"a.csv": _csv("甲", "很长的正文" * 100)}, compression=zipfile.ZIP_STORED))
    # patch the declared uncompressed size (local header and central directory) to 10 bytes
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        pos = data.find(sig)
        data[pos + off:pos + off + 4] = struct.pack("<I", 10)
    res = load_files([("lie.zip", bytes(data)), ("ok.csv", _csv("好"))])
    assert res.articles["title"].tolist() == ["好"]
    assert res.report.files[1].name == "lie.zip/a.csv"
    assert res.report.files[1].error != ""


def test_entry_count_limit():
    data = _zip({f"f{i}.csv": _csv(str(i)) for i in range(30)})
    with pytest.raises(LoadError, match="ZIP 中有 30 个文件,超过上限 20"):
        load_files([("many.zip", data)], LoadOptions(max_zip_entries=20))
    assert len(load_files([("many.zip", data)]).articles) == 30


def test_zip_slip_entries_are_skipped_and_reported(tmp_path):
    data = _zip({"../../evil.csv": _csv("恶意"), "/abs.csv": _csv("绝对"), "ok/good.csv": _csv("好"),
                 "C:/win.csv": _csv("盘符")})
    res = load_files([("slip.zip", data)])
    assert res.articles["title"].tolist() == ["好"]
    note = res.report.files[0].notes[1]
    assert note.startswith("跳过 3 个路径不安全的条目(含 .. 或绝对路径)")
    assert "../../evil.csv" in note
    assert not (tmp_path.parent / "evil.csv").exists()


def test_only_unsafe_entries():
    with pytest.raises(LoadError, match="ZIP 中没有可读取的文件"):
        load_files([("slip.zip", _zip({"../x.csv": _csv("x")}))])


def test_gbk_entry_names_from_windows_zippers():
    # what a Windows zipper writes: the name in GBK bytes, without the UTF-8 flag
    data = _zip({"abcdef.csv": _csv("中文名")}).replace(b"abcdef.csv", "新闻稿.csv".encode("gbk"))
    res = load_files([("win.zip", data)])
    assert res.articles["file"].tolist() == ["新闻稿.csv"]


def test_system_files_and_empty_archive():
    data = _zip({"__MACOSX/._a.csv": b"\x00\x05\x16\x07", ".DS_Store": b"\x00\x00\x00\x01Bud1", "a.csv": _csv("甲")})
    res = load_files([("mac.zip", data)])
    assert res.articles["title"].tolist() == ["甲"]
    assert res.report.files[0].notes[-1] == "跳过 2 个系统文件(__MACOSX、隐藏文件)/ skipped 2 system files"
    with pytest.raises(LoadError, match="ZIP 压缩包是空的"):
        load_files([("empty.zip", _zip({}))])


def test_bad_entry_does_not_stop_the_archive():
    data = _zip({"bad.csv": b"\x00\x01\x02\x03" * 100, "good.csv": _csv("好")})
    res = load_files([("mix.zip", data)])
    assert res.articles["title"].tolist() == ["好"]
    bad = next(f for f in res.report.files if f.name == "mix.zip/bad.csv")
    assert bad.error == ("这不是文本表格(.csv 文件的内容是二进制数据,不是文字):请确认选对了文件;表格请在 Excel 等软件中另存为 "
                         "CSV(UTF-8)或 XLSX 后再载入 / this is not a text table (the .csv file holds binary data, not "
                         "text): check that this is the right file; save a spreadsheet from Excel (or the like) as "
                         "CSV (UTF-8) or XLSX and load that")


def test_encrypted_entry():
    data = bytearray(_zip({"secret.csv": _csv("密")}, compression=zipfile.ZIP_STORED))
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        data[pos + off] |= 0x1
    res = load_files([("enc.zip", bytes(data)), ("ok.csv", _csv("好"))])
    assert res.report.files[1].error == "ZIP 条目已加密,无法读取 / the entry is encrypted and cannot be read"


def test_invisible_characters_leave_names():
    data = _zip({"\u202ecod.exe.csv": _csv("丁")})
    res = load_files([("evil\u200b\u202ename.zip", data)])
    assert res.articles["file"].tolist() == ["cod.exe.csv"]
    assert [f.name for f in res.report.files] == ["evilname.zip", "evilname.zip/cod.exe.csv"]
