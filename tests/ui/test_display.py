"""Tables as shown (issue 13 items 4 and 6): headers and yes/no in the interface language, no ``None``/
``True``, readable statistics (no ``Infinity``, no 28-digit p-values), and the parse report without ZIP
containers counted as files."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.loaders.report import FileReport, ParseReport
from ui.parse_report import counted_files, files_frame, summary_lines
from ui.widgets import column_labels, display_frame


def test_display_frame_values():
    df = pd.DataFrame({"flag": [True, False], "note": [None, "x"], "ratio": [np.inf, 2.5],
                       "p_value": [1e-28, 0.0123456], "count": [1.5, 2.0],
                       "day": pd.to_datetime(["2016-08-01", None]), "mixed": [True, None]})
    shown = display_frame(df)
    assert shown["flag"].tolist() == ["是", "否"]
    assert shown["note"].tolist() == ["", "x"]
    assert shown["ratio"].tolist() == ["∞", "2.5"]
    assert shown["p_value"].tolist() == ["< 1e-15", "0.012"]    # analysis.spikes.p_value_text (tester #16)
    assert shown["count"].tolist() == [1.5, 2.0]               # ordinary floats stay numbers
    assert shown["day"].tolist() == ["2016-08-01", ""]          # no 00:00:00
    assert shown["mixed"].tolist() == ["是", ""]


def test_document_types_follow_the_language(monkeypatch):
    from ui import i18n

    df = pd.DataFrame({"doc_type": ["办法", "", "解读"]})
    assert display_frame(df)["doc_type"].tolist() == ["办法", "", "解读"]
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert display_frame(df)["doc_type"].tolist() == ["Measures (办法)", "", "Interpretation (解读)"]
    assert df["doc_type"].tolist() == ["办法", "", "解读"]  # downloads keep the data


def test_headers_follow_the_language():
    configs = column_labels(pd.DataFrame({"agency": [], "mentions": [], "计量": []}))
    assert {k: v["label"] for k, v in configs.items()} == {"agency": "机构", "mentions": "提及次数"}


def test_parse_report_does_not_count_a_zip_container():
    report = ParseReport(files=[FileReport(name="news.zip", format="zip"),
                                FileReport(name="news.zip/a.csv", format="csv", articles=2),
                                FileReport(name="news.zip/b.txt", format="txt", articles=1),
                                FileReport(name="bad.xlsx", format="xlsx",
                                           error="无法读取 / cannot read: not a workbook")],
                         articles=3, missing={"date": 1, "author": 0})
    assert [f.name for f in counted_files(report)] == ["news.zip/a.csv", "news.zip/b.txt", "bad.xlsx"]
    assert summary_lines(report) == ["已读取 3 篇文章,来自 2 个文件;1 个文件失败", "缺失字段:日期 1",
                                     "失败:bad.xlsx:无法读取"]
    assert files_frame(report)["file"].tolist() == ["news.zip/a.csv", "news.zip/b.txt", "bad.xlsx"]
    # a ZIP that failed (no entries) is a file that failed
    broken = ParseReport(files=[FileReport(name="x.zip", format="zip", error="损坏 / corrupt")])
    assert summary_lines(broken) == ["已读取 0 篇文章,来自 0 个文件;1 个文件失败", "失败:x.zip:损坏"]


def test_no_cell_is_left_missing():
    """Streamlit's grid draws a missing cell as "None" (both languages): every gap is shown empty."""
    df = pd.DataFrame({"resolved_id": pd.array([12, None, 3], dtype="Int64"),
                       "share": [0.25, np.nan, 1.0], "big": [1234567.0, np.nan, 2.0],
                       "stamp": pd.to_datetime(["2024-01-02 08:30", None, "2024-01-03 00:00"]),
                       "ok": pd.array([True, None, False], dtype="boolean"),
                       "kind": pd.Categorical(["a", None, "b"]),
                       "name": pd.array(["x", None, "z"], dtype="string"),
                       "n": [1, 2, 3]})
    shown = display_frame(df)
    assert shown["resolved_id"].tolist() == ["12", "", "3"]
    assert shown["share"].tolist() == ["0.25", "", "1"]
    assert shown["big"].tolist() == ["1234567", "", "2"]
    assert shown["stamp"].tolist() == ["2024-01-02 08:30:00", "", "2024-01-03 00:00:00"]
    assert shown["ok"].tolist() == ["是", "", "否"]
    assert shown["kind"].tolist() == ["a", "", "b"]
    assert shown["name"].tolist() == ["x", "", "z"]
    assert shown["n"].tolist() == [1, 2, 3]                      # complete numeric columns stay numbers
    assert not shown.isna().any().any()


def test_column_mapping_in_the_interface_language(monkeypatch):
    """Seen on the Hebei file: the 列映射 cells said ``title←标题`` (field codes) in Chinese."""
    import ui.i18n

    report = ParseReport(files=[FileReport(name="a.csv", format="csv", articles=2,
                                           column_mapping={"title": "标题", "url": "访问地址"})], articles=2)
    assert files_frame(report)["columns"].tolist() == ["标题←标题, 链接←访问地址"]
    monkeypatch.setattr(ui.i18n, "lang", lambda: "en")
    assert files_frame(report)["columns"].tolist() == ["Title←标题, Link←访问地址"]
    assert summary_lines(report)[0] == "2 articles from 1 file; 0 failed"  # was "1 file(s)" (tester L3)


def test_parse_report_counts_dates_by_source(monkeypatch):
    """The CLI said ``headnote 186`` for the Hebei 政府规章 file; the 数据 page said nothing (tester, stop 17)."""
    import ui.i18n

    report = ParseReport(files=[FileReport(name="a.csv", format="csv", articles=1203)], articles=1203,
                         date_sources={"column": 1000, "headnote": 186, "": 2})
    assert summary_lines(report)[1] == "日期来源:日期列 1,000, 题注(公布日期) 186, 未记录 2"
    monkeypatch.setattr(ui.i18n, "lang", lambda: "en")
    assert summary_lines(report)[1] == "Dates from: date column 1,000, headnote 186, not recorded 2"
    assert len(summary_lines(ParseReport(files=[FileReport(name="a.csv", format="csv", articles=1)],
                                         articles=1))) == 1      # no dates recorded: no line
