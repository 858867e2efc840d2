"""The report panel on the 概览 page (ui/report.py) under AppTest: built on demand for the current filters and
language, whatever was viewed; downloaded only while it matches the screen."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import lxml.html
import pytest
from streamlit.testing.v1 import AppTest

from ui.report import BUILT_KEY

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def library_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_LIBRARY", str(tmp_path / "library"))


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["ws"] = "report-test-0001"
    return at.run()


def test_html_report_after_a_filter_change_holds_every_page():
    at = app()
    at.multiselect(key="wj_f_sources").set_value(["示例·海南要闻"]).run()
    at.radio(key="wj_report_format").set_value("html").run()
    assert not [b for b in at.get("download_button") if b.proto.label.startswith("下载报告")]   # not built yet
    at.button(key="wj_report_build").click().run()
    assert not at.exception and not at.error
    assert [b.proto.label for b in at.get("download_button") if b.proto.label.startswith("下载报告")] == ["下载报告(HTML)"]
    doc = lxml.html.fromstring(at.session_state[BUILT_KEY]["data"])
    assert [h.text_content() for h in doc.xpath("//h2")] == ["设置", "概览", "关键词", "机构", "时间线"]
    assert "筛选:来源 示例·海南要闻 · 7 篇文章" in doc.xpath("string(//p[@class='caption'])")
    # a filter change makes the built report stale: no download of other filters than the screen's
    at.multiselect(key="wj_f_sources").set_value([]).run()
    assert not [b for b in at.get("download_button") if b.proto.label.startswith("下载报告")]
    assert "筛选、语言或格式已改变:请重新生成报告。" in [c.value for c in at.caption]


def test_english_zip_report():
    at = app()
    at.radio(key="wj_lang").set_value("en").run()
    at.radio(key="wj_report_format").set_value("zip").run()
    at.button(key="wj_report_build").click().run()
    assert not at.exception and not at.error
    assert "Download report (ZIP)" in [b.proto.label for b in at.get("download_button")]
    with zipfile.ZipFile(io.BytesIO(at.session_state[BUILT_KEY]["data"])) as zf:
        names = zf.namelist()
        assert names[:3] == ["report.html", "report.docx", "settings.json"]
        assert "tables/01_The_selection_in_numbers.csv" in names and "tables/01_The_selection_in_numbers.xlsx" in names
        doc = lxml.html.fromstring(zf.read("report.html"))
        assert [h.text_content() for h in doc.xpath("//h2")] == ["Settings", "Overview", "Keywords", "Agencies", "Timeline"]
