"""A header naming a column twice (``标题,标题,日期,正文,正文``): the repeats are read, never dropped silently
(tester s14 L1), and the parse report says what was done with them."""
from __future__ import annotations

import io

import openpyxl

from analysis.loaders import LoadOptions, load_files
from analysis.loaders.tables import read_delimited

DUP = "标题,标题,日期,正文,正文\n甲,乙,2024-01-02,正文一,正文二\n丙,丁,2024-01-03,正文三,正文四\n"

NOTE_TITLE = ("列 标题 出现 2 次:标题取第一列,其余列中不同的标题放在正文开头 / column 标题 appears 2 times: "
              "the title is the first; the other titles that differ open the body")
NOTE_BODY = ("列 正文 出现 2 次:各列内容按顺序合并为正文,每列一行 / column 正文 appears 2 times: "
             "the pieces are joined in order into the body, one per line")


def _load(name: str, data: bytes):
    return load_files([(name, data)], LoadOptions())


def test_repeated_columns_are_named_in_the_raw_table():
    table = read_delimited(DUP)
    assert table.columns == ["标题", "标题.1", "日期", "正文", "正文.1"]
    assert table.repeats == {"标题": ["标题.1"], "正文": ["正文.1"]}
    assert read_delimited("标题,正文\n甲,一\n").repeats == {}


def test_tester_file_keeps_every_piece_and_says_so():
    res = _load("dupcols.csv", DUP.encode())
    df = res.articles
    assert df["title"].tolist() == ["甲", "丙"]
    assert df["body"].tolist() == ["乙\n正文一\n正文二", "丁\n正文三\n正文四"]
    assert df["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-02", "2024-01-03"]
    f = res.report.files[0]
    assert f.column_mapping == {"title": "标题", "date": "日期", "body": "正文"}
    assert f.notes == [NOTE_TITLE, NOTE_BODY]


def test_blank_equal_and_three_times_repeated_pieces():
    text = ("标题,标题,正文,正文,正文,来源,来源\n"
            "甲,甲,一,,一,,新华社\n"        # same title twice, blank and repeated body piece, first source blank
            ",副题,二,三,四,人民日报,新华社\n"  # no first title: the second is the title
            "丙,,五,,,,\n")
    res = _load("d.csv", text.encode())
    df = res.articles
    assert df["title"].tolist() == ["甲", "副题", "丙"]
    assert df["body"].tolist() == ["一", "二\n三\n四", "五"]
    assert df["source"].tolist() == ["新华社", "人民日报", ""]
    assert res.report.files[0].notes == [
        NOTE_TITLE,
        "列 来源 出现 2 次:取每行第一个非空值 / column 来源 appears 2 times: each row takes the first non-empty value",
        "列 正文 出现 3 次:各列内容按顺序合并为正文,每列一行 / column 正文 appears 3 times: "
        "the pieces are joined in order into the body, one per line"]


def test_a_second_title_alone_is_not_lost():
    res = _load("t.csv", "标题,标题,正文\n甲,乙,\n".encode())
    assert res.articles["title"].tolist() == ["甲"]
    assert res.articles["body"].tolist() == ["乙"]


def test_xlsx_repeated_body_column():
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["标题", "日期", "正文", "正文"], ["甲", "2024-01-02", "第一段", "第二段"]):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    res = _load("d.xlsx", buf.getvalue())
    assert res.articles["body"].tolist() == ["第一段\n第二段"]
    assert res.report.files[0].notes == [NOTE_BODY]


def test_no_repeats_no_note():
    res = _load("ok.csv", "标题,日期,正文\n甲,2024-01-02,正文一\n".encode())
    assert res.articles["body"].tolist() == ["正文一"]
    assert res.report.files[0].notes == []
