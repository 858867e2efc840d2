"""``python -m analysis articles``: the stable CLI contract, golden output, exit codes, one-line errors."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import cli

ROOT = Path(__file__).resolve().parents[1]
BODY = "国家市场监督管理总局发布新修订的计量器具型式批准规定，自下月起施行，要求各地加强监督检查。"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", "articles", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "a.csv").write_text(f"标题,日期,来源,正文\n第一篇,2024年5月2日,市场监管总局,{BODY}\n"
                                    f"第二篇,,,短正文\n", encoding="gbk")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("sub/b.jsonl", json.dumps({"title": "第一篇", "body": BODY, "date": "2024-05-03",
                                               "url": "http://x/1"}, ensure_ascii=False) + "\n")
    (tmp_path / "c.zip").write_bytes(buf.getvalue())
    return tmp_path


def test_csv_output_golden(inputs, capsys):
    assert cli.main(["articles", str(inputs / "a.csv"), str(inputs / "c.zip")]) == 0
    out, err = capsys.readouterr()
    assert out == (
        "id,title,date,source,author,url,body,file,duplicate_of\n"
        f"1,第一篇,2024-05-02,市场监管总局,,,{BODY},a.csv,\n"
        "2,第二篇,,,,,短正文,a.csv,\n"
        f"3,第一篇,2024-05-03,,,http://x/1,{BODY},sub/b.jsonl,1\n")
    # a.csv and the ZIP's sub/b.jsonl: the ZIP holds a file, it is not one (tester s14 U5; was "3 files")
    assert err.splitlines()[0] == "已读取 3 篇文章,来自 2 个文件;0 个文件失败 / 3 articles from 2 files; 0 failed"


def test_a_zip_counts_its_entries_not_itself(tmp_path, capsys):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(1, 4):
            zf.writestr(f"p{i}.txt", f"第{i}篇通知\n\n{BODY}{BODY}第{i}条。\n")
    (tmp_path / "pages.zip").write_bytes(buf.getvalue())
    assert cli.main(["articles", str(tmp_path / "pages.zip")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "已读取 3 篇文章,来自 3 个文件;0 个文件失败 / 3 articles from 3 files; 0 failed"
    assert "pages.zip: 压缩包内读取 3 个文件 / 3 files read from the archive" in err


def test_jsonl_to_file_and_a_failed_file(inputs, tmp_path):
    (inputs / "bad.json").write_text("[1, 2", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    proc = run(str(inputs / "a.csv"), str(inputs / "bad.json"), "--format", "jsonl", "-o", str(target))
    assert proc.returncode == 0 and proc.stdout == ""
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["title"] for r in rows] == ["第一篇", "第二篇"]
    assert rows[0]["date"] == "2024-05-02" and rows[1]["date"] == "" and rows[0]["duplicate_of"] is None
    assert list(rows[0]) == ["id", "title", "date", "source", "author", "url", "body", "file", "duplicate_of"]
    assert "失败 / failed: bad.json: JSON 无效或被截断" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_csv_file_has_bom_for_excel(inputs, tmp_path):
    target = tmp_path / "out.csv"
    assert cli.main(["articles", str(inputs / "a.csv"), "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(target, encoding="utf-8-sig")["title"].tolist() == ["第一篇", "第二篇"]


def test_folder_argument(inputs, capsys):
    assert cli.main(["articles", str(inputs)]) == 0
    out = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert out["file"].tolist() == ["a.csv", "a.csv", "sub/b.jsonl"]


@pytest.mark.parametrize("name, data, message", [
    ("empty.csv", b"", "empty.csv: 文件为空 / the file is empty"),
    ("garbage.bin", bytes(range(256)) * 8, "garbage.bin: 二进制数据,不是文本或表格"),
    ("deep.json", b"[" * 20_000 + b"]" * 20_000, "deep.json: JSON 嵌套层数过深"),
    ("table.csv", "编号,数量\n1,2\n".encode(), "table.csv: 找不到正文或标题列;表的列: [编号, 数量]"),
])
def test_nothing_usable_exits_1_with_one_line(tmp_path, capsys, name, data, message):
    (tmp_path / name).write_bytes(data)
    assert cli.main(["articles", str(tmp_path / name)]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert out == "" and len(lines) == 1, err
    assert lines[0].startswith("错误 / error: 没有读到任何文章 / nothing could be read — ") and message in lines[0]


def test_nothing_usable_in_a_real_process(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook at all")
    proc = run(str(tmp_path / "x.xlsx"))
    assert proc.returncode == 1 and proc.stdout == "" and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "错误 / error: 没有读到任何文章 / nothing could be read — x.xlsx: 扩展名为 .xlsx,但这不是 XLSX 工作簿(也不是表格或 "
        "JSON)/ named .xlsx but it is not an XLSX workbook (nor a recognisable table or JSON)"]


def test_usage_error_exits_2():
    proc = run("x.csv", "--format", "xml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_to_simplified_option(tmp_path, capsys):
    (tmp_path / "t.csv").write_text("標題,內容\n國務院通知,請認真貫徹執行。\n", encoding="big5")
    assert cli.main(["articles", str(tmp_path / "t.csv"), "--to-simplified"]) == 0
    out, err = capsys.readouterr()
    assert "1,国务院通知,,,,,请认真贯彻执行。,t.csv," in out
    assert "繁体转简体 1 篇 / 1 converted to simplified" in err
