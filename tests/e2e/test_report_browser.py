"""Issue 13 in a real browser on a real corpus file (the Hebei 工业和信息化厅 产业政策 CSV): the KWIC finds
every 数字人民币 (87, a policy term the tokenizer keeps whole since stop 12), and after a date-filter change the complete report
downloads as Word (python-docx reads it: charts as pictures, tables as Word tables) and as ZIP (every table
complete: each CSV has the rows of the full table, computed here independently with the library).
Screenshots go to ``$WENJIAN_SCREENSHOTS`` when set."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.e2e.harness import act, wait_run
from tests.e2e.test_browser import goto_page, shoot

pytestmark = pytest.mark.e2e
FILE = "corpora/hebei_gov/6工业和信息化厅-政府信息公开__产业政策.csv"


def expected_tables(path: Path) -> list[tuple[str, int]]:
    """(title, rows) of every table of the complete report for the same file and filter, built here."""
    from analysis.agencies import find_mentions
    from analysis.filters import Filters, filter_mask
    from analysis.keywords import tokenize_corpus
    from analysis.loaders import LoadOptions, load_paths
    from analysis.report_content import build_content
    from analysis.tokenizer import build_tokenizer
    from labels.report import report_words

    arts = load_paths([str(path)], LoadOptions()).articles
    mentions = find_mentions(arts)
    filters = Filters(date_from=pd.Timestamp("2022-01-01"))
    report = build_content(arts, filter_mask(arts, filters, mentions), corpus=tokenize_corpus(arts, build_tokenizer()),
                           mentions=mentions, dataset=path.name, filters=filters,
                           words=report_words("zh"))
    return [(s.captions[i], len(item)) for s in report.sections for i, item in enumerate(s.items)
            if isinstance(item, pd.DataFrame)], sum(isinstance(item, go.Figure) for s in report.sections for item in s.items)


def build_and_download(page, fmt_label: str, tmp_path: Path, name: str) -> Path:
    if fmt_label != "Word (.docx)":     # Word is the default: clicking it again causes no rerun
        act(page, lambda: page.locator(".st-key-wj_report_format").get_by_text(fmt_label).click())
    act(page, lambda: page.locator(".st-key-wj_report_build button").click(), timeout=300_000)
    with page.expect_download(timeout=120_000) as dl:
        page.locator(".st-key-wj_report button").click()
    out = tmp_path / name
    dl.value.save_as(out)
    return out


def test_kwic_87_and_complete_report_docx_zip(server, browser, shared, tmp_path):
    path = shared / FILE
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0)
    act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path)),
        timeout=300_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("筛选后 31 / 31 篇").count() == 1

    # KWIC: 数字人民币 is one token (data/domain_terms.txt), found as a whole word, all 87 (= the substring count)
    goto_page(page, "关键词")
    act(page, lambda: page.locator(".st-key-kw_view").get_by_text("上下文(KWIC)", exact=True).click())
    term = page.locator(".st-key-kw_kwic_term input")
    act(page, lambda: (term.fill("数字人民币"), term.press("Enter")))
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text("87 处,1 篇文章 · 匹配方式:整词").count() == 1
    assert main.get_by_text("作为整词:87 处(1 篇) · 在文本中(子串):87 处(1 篇)").count() == 1
    shoot(page, "13-kwic-数字人民币")
    # one CSV button once the page has settled (a stale copy from the rerun can linger a moment: seen once
    # on a loaded machine as a strict-mode violation); two that stay are still a failure
    from playwright.sync_api import expect

    csv_button = page.locator(".st-key-dl_kw_kwic button")
    expect(csv_button).to_have_count(1, timeout=15_000)
    with page.expect_download() as dl:
        csv_button.click()
    rows = pd.read_csv(io.BytesIO(Path(dl.value.path()).read_bytes()), encoding="utf-8-sig")
    # headed by the column codes like every table download (tester s14 U8: this one was 左侧,检索词,…)
    assert list(rows.columns) == ["left", "term", "right", "title", "date", "source", "file", "url", "id"]
    assert len(rows) == 87 and set(rows["term"]) == {"数字人民币"}
    assert rows["title"].iloc[0].startswith("关于印发《河北省工业和信息化领域数字人民币") and rows["url"].iloc[0].startswith("http")

    # a filter change: from 2022-01-01, typed (no Enter), then 应用日期 (issue 13: the typed date applied only
    # once the field lost focus, and nothing said so)
    for part, value in (("year", "2022"), ("month", "01"), ("day", "01")):
        sidebar.get_by_role("spinbutton", name=f"{part}, 日期范围 start date").click()
        page.keyboard.type(value)
    assert sidebar.get_by_text("筛选后 31 / 31 篇").count() == 1      # typing alone filters nothing yet
    act(page, lambda: page.locator(".st-key-wj_f_dates_apply button").first.click())
    assert sidebar.get_by_text("筛选后 16 / 31 篇").count() == 1

    goto_page(page, "概览")
    tables, n_figures = expected_tables(path)
    docx_path = build_and_download(page, "Word (.docx)", tmp_path, "report.docx")
    shoot(page, "13-report-built")
    import docx

    doc = docx.Document(str(docx_path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    # a selection of policy documents also gets the 政策 section (analysis.policy.report_tables)
    assert headings == ["概览", "关键词", "机构", "时间线", "政策文件"]
    assert len(doc.inline_shapes) == n_figures >= 8
    assert len(doc.tables) == 1 + len(tables)                 # the settings, then every table
    for (title, n), table in zip(tables, doc.tables[1:]):
        assert len(table.rows) == 1 + min(n, 200), title
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert len(captions) == n_figures + len(tables)
    assert captions[0].startswith("数据集:6工业和信息化厅-政府信息公开__产业政策.csv · 筛选:日期 2022-01-01 至 … · 16 篇文章 · "
                                  "2022-03-07 至 2024-04-29 · 生成于 ")

    zip_path = build_and_download(page, "ZIP", tmp_path, "report.zip")
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        csvs = sorted(n for n in names if n.startswith("tables/") and n.endswith(".csv"))
        assert len(csvs) == len(tables) == len([n for n in names if n.startswith("tables/") and n.endswith(".xlsx")])
        for name, (title, n) in zip(csvs, tables):
            assert len(pd.read_csv(io.BytesIO(zf.read(name)), encoding="utf-8-sig")) == n, (name, title)
        assert len([n for n in names if n.endswith(".png")]) == len([n for n in names if n.endswith(".svg")]) == n_figures
        assert {"report.html", "report.docx", "settings.json"} <= set(names)
        if folder := __import__("os").environ.get("WENJIAN_SCREENSHOTS"):
            zf.extractall(Path(folder) / "13-report-zip")
