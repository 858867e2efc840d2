"""analysis.loaders.assemble helpers: the str typing of text columns at the end of the parse."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.loaders import LoadOptions, load_files
from analysis.loaders.assemble import _to_str


def test_to_str_types_object_columns_only():
    df = pd.DataFrame({"id": np.arange(3, dtype="int64"),
                       "title": pd.Series(["甲", "", "乙"], dtype=object),
                       "date": pd.to_datetime(["2024-05-02", None, "2024-05-03"]).astype("datetime64[ns]"),
                       "flag": [True, False, True]})
    out = _to_str(df)
    assert out is df
    assert out["title"].dtype == pd.Series(["x"]).dtype and out["title"].tolist() == ["甲", "", "乙"]
    assert out["id"].dtype == np.int64 and out["date"].dtype == "datetime64[ns]" and out["flag"].dtype == bool
    assert out["title"].dtype == pd.DataFrame({"t": np.array(["甲", "", "乙"], dtype=object)})["t"].dtype


def test_to_str_on_an_empty_table():
    df = _to_str(pd.DataFrame({"title": pd.Series([], dtype=object)}))
    assert len(df) == 0 and df["title"].dtype == pd.Series(["x"]).dtype


def test_the_table_given_to_on_texts_has_str_text_columns():
    seen = []
    body = "正文一段。".encode()
    load_files([("a.jsonl", b'{"title": "\xe7\x94\xb2", "body": "' + body + b'"}\n')],
               LoadOptions(on_texts=lambda df: seen.append(df.dtypes.astype(str).to_dict())))
    kinds = seen[0]
    assert kinds["title"] == kinds["body"] == kinds["issuer"] == kinds["meta"] == "str"
    assert kinds["id"] == "int64" and kinds["date"] == "datetime64[ns]" and kinds["converted"] == "bool"


def test_excel_serial_dates_are_read_and_unreadable_dates_are_said():
    """tester s15 L2: 45352 (Excel's serial for 2024-03-01, a cell formatted "General") was dropped silently."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["标题", "日期", "正文"])
    ws.append(["甲", 45352, "第一篇正文，内容足够长，可以读取的文字。"])
    ws.append(["乙", "2024/3/5", "第二篇正文，内容足够长，可以读取的文字。"])
    ws.append(["丙", "不详", "第三篇正文，内容足够长，可以读取的文字。"])
    ws.append(["丁", 45352.75, "第四篇正文，内容足够长，可以读取的文字。"])
    buf = io.BytesIO()
    wb.save(buf)
    r = load_files([("serial.xlsx", buf.getvalue())])
    assert r.articles["date"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2024-03-01", "2024-03-05", "",
                                                                              "2024-03-01"]
    assert r.report.files[0].notes == [
        "2 个日期是 Excel 的序列号(如 45352),已按 1900 日期系统读作日期(45352 = 2024-03-01)/ 2 dates were an Excel "
        "serial number (e.g. 45352), read as dates in the 1900 date system (45352 = 2024-03-01)",
        "日期列 1 个值不是可识别的日期(如“不详”),这些文章无日期 / 1 value of the date column is not a date we can read "
        "(e.g. \"不详\"): that article has no date"]


def test_excel_serial_range_and_strings():
    from analysis.dates import parse_date

    assert str(parse_date(45352)) == "2024-03-01 00:00:00" and str(parse_date(20000)) == "1954-10-03 00:00:00"
    assert parse_date(19999) is None and parse_date(80000) is None      # outside: no serial day
    assert parse_date("45352") is None                                   # a string of 5 digits stays no date
    assert str(parse_date(20240301)) == "2024-03-01 00:00:00"           # yyyymmdd as before


def test_on_bodies_gives_the_final_texts_before_the_policy_columns():
    calls: list[tuple[str, list[str], dict]] = []
    data = ('{"title": "國家市場監督管理總局發布通知", "body": "正文一段。\\n\\n更多信息请关注官方微信", "source": "本站"}\n'
            '{"title": "乙", "body": "二", "source": "新华社"}\n').encode()
    load_files([("a.jsonl", data)], LoadOptions(
        to_simplified=True,
        on_bodies=lambda df: calls.append(("bodies", list(df.columns), df.to_dict("list"))),
        on_texts=lambda df: calls.append(("texts", list(df.columns), {}))))
    assert [c[0] for c in calls] == ["bodies", "texts"]
    name, columns, values = calls[0]
    assert columns == ["id", "title", "source", "author", "url", "body"]       # no date, no 发文机关 yet
    assert values["title"] == ["国家市场监督管理总局发布通知", "乙"] and values["id"] == [1, 2]   # converted
    assert "issuer" in calls[1][1] and "date" in calls[1][1]


def test_an_on_bodies_that_fails_is_logged_and_the_load_goes_on(caplog):
    def boom(df):
        raise RuntimeError("no")

    res = load_files([("a.jsonl", '{"title": "甲", "body": "正文"}\n'.encode())], LoadOptions(on_bodies=boom))
    assert res.articles["title"].tolist() == ["甲"] and "on_bodies failed" in caplog.text
