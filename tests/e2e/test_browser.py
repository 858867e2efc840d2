"""End to end in a real browser (Playwright + Debian Chromium) against ``streamlit run app.py``: upload a
scraped-text page and a CSV, see 海南省市场监督管理局 in the 机构 charts, apply a date filter, and download
a chart image and a CSV and check their bytes. Screenshots of every page go to ``$WENJIAN_SCREENSHOTS`` when
that is set (to look at them)."""
from __future__ import annotations

import csv
import io
import os
import struct
from pathlib import Path

import pytest

from tests.e2e.harness import act, wait_run

pytestmark = pytest.mark.e2e

#: a regulator page scraped to text: portal header, title, date and source line, body, footer
SEED_LIKE = """网站首页 | 新闻中心 | 政务公开 | 办事服务
当前位置：首页 > 新闻中心 > 工作动态
海南省市场监督管理局开展电动自行车质量安全专项检查
发布时间：2024-03-15 10:20  来源：海南省市场监督管理局  【字体：大 中 小】
为进一步加强电动自行车产品质量安全监管，海南省市场监督管理局近日在全省范围内组织开展专项检查。
检查组对生产、销售企业开展计量和检验检测能力核查，督促企业落实强制性产品认证要求。
海南省市场监督管理局表示，将会同市场监管总局有关司局持续做好后续监管工作。
【打印本页】【关闭窗口】
版权所有：示例网站  联系电话：0000-00000000
免责声明：本站转载文章仅供参考。
"""
CSV = """标题,日期,来源,正文
海南省市场监督管理局开展计量检查,2024-03-01,海南日报,海南省市场监督管理局组织开展加油机计量检查。
市场监管总局发布标准,2024-04-02,新华网,国家市场监督管理总局发布一批国家标准。
计量日活动举行,2024-05-20,人民网,中国计量科学研究院开放实验室。
"""
PAGES = ["概览", "关键词", "机构", "时间线", "文章", "数据"]


def shoot(page, name: str) -> None:
    """A screenshot of the whole page to ``$WENJIAN_SCREENSHOTS/name.png`` (when set). Streamlit scrolls inside
    its main area, not the document: the window is made as tall as that area's content (up to 6,000 px) for
    the picture, then set back."""
    folder = os.environ.get("WENJIAN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        height = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                               "'[data-testid=stMain], [data-testid=stSidebarContent]')].map(e => e.scrollHeight), 0)")
        if size and height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 6000)})
            page.wait_for_timeout(400)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
        if size:
            page.set_viewport_size(size)


def goto_page(page, title: str) -> None:
    act(page, lambda: page.locator('[data-testid="stTopNavLink"]', has_text=title).click())


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_upload_filter_agencies_and_downloads(server, browser, tmp_path):
    seed = tmp_path / "seed.txt"
    seed.write_text(SEED_LIKE, encoding="utf-8")
    table = tmp_path / "news.csv"
    table.write_text(CSV, encoding="utf-8")
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("示例数据").count() >= 1          # first start: the sample, marked
    shoot(page, "0-sample-overview")

    act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [str(seed), str(table)]))
    assert sidebar.get_by_text("已载入 4 篇文章").count() == 1
    assert sidebar.get_by_text("筛选后 4 / 4 篇").count() == 1

    goto_page(page, "机构")
    charts = page.locator('[data-testid="stPlotlyChart"]', has_text="海南省市场监督管理局")
    assert charts.count() >= 1

    # date filter: start 2024-04-01 (the end is already the last date, 2024-05-20)
    sidebar.get_by_role("spinbutton", name="month, 日期范围 start date").click()
    page.keyboard.type("04")
    sidebar.get_by_role("spinbutton", name="day, 日期范围 start date").click()
    page.keyboard.type("01")
    act(page, lambda: (page.keyboard.press("Enter"), sidebar.get_by_text("筛选后").click()))
    assert sidebar.get_by_text("筛选后 2 / 4 篇").count() == 1

    # a chart image from the chart's own toolbar (client side, 3x scale)
    goto_page(page, "概览")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.hover()
    with page.expect_download() as dl:
        chart.locator('.modebar-btn[data-title*="png" i], .modebar-btn[data-title*="Download" i]').first.click()
    image = Path(dl.value.path()).read_bytes()
    width, height = png_size(image)
    box = chart.bounding_box()
    assert width >= 2.5 * box["width"] and len(image) > 10_000
    assert dl.value.suggested_filename.endswith(".png")

    # the one-file report: the overview's charts and the settings that produced them (issue 13: built on
    # demand in the chosen format, here HTML)
    act(page, lambda: page.locator(".st-key-wj_report_format").get_by_text("HTML").click())
    act(page, lambda: page.locator(".st-key-wj_report_build button").click(), timeout=300_000)
    with page.expect_download() as dl:
        page.locator(".st-key-wj_report button:visible").first.click()
    report = Path(dl.value.path()).read_text(encoding="utf-8")
    assert dl.value.suggested_filename.endswith(".html")
    for text in ("高频关键词", "提及最多的机构", "发文趋势", "主要来源", "2024-04-01", "seed.txt 等 2 个文件"):
        assert text in report, text

    # the filtered article table as CSV: BOM, exact rows
    goto_page(page, "数据")
    with page.expect_download() as dl:
        page.locator(".st-key-dl_da_articles button").click()
    raw = Path(dl.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["title"], r["date"], r["source"]) for r in rows] == [
        ("市场监管总局发布标准", "2024-04-02", "新华网"), ("计量日活动举行", "2024-05-20", "人民网")]

    for title in PAGES:   # every page renders under the filter without an error message
        goto_page(page, title)
        assert page.locator('[data-testid="stMain"] [data-testid="stAlertContentError"]').count() == 0, title
        shoot(page, f"{PAGES.index(title) + 1}-{title}")


def test_two_sessions_never_see_each_others_dataset_filters_or_downloads(server, chromium, tmp_path):
    """Two browsers at once, each with its own upload and filter: each sees and downloads only its own."""
    from tests.e2e.harness import VIEWPORT

    tables = {
        "a": "标题,日期,来源,正文\n甲文一,2024-01-01,甲报,计量检定甲\n甲文二,2024-01-02,甲报,标准化甲\n",
        "b": "标题,日期,来源,正文\n乙文一,2024-02-01,乙报,检验检测乙\n",
    }
    contexts = []
    try:
        pages = {}
        for who, text in tables.items():
            path = tmp_path / f"{who}.csv"
            path.write_text(text, encoding="utf-8")
            contexts.append(chromium.new_context(accept_downloads=True, viewport=VIEWPORT))
            page = contexts[-1].new_page()
            page.goto(server)
            wait_run(page, 0)
            pages[who] = page
        for who, page in pages.items():   # both uploads before either checks anything
            act(page, lambda page=page, who=who: page.locator(
                '[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(tmp_path / f"{who}.csv")))
        query = pages["a"].locator(".st-key-wj_f_query input")
        act(pages["a"], lambda: (query.fill("标准化"), query.press("Enter")))
        expected = {"a": ("筛选后 1 / 2 篇", [("甲文二", "甲报")]), "b": ("筛选后 1 / 1 篇", [("乙文一", "乙报")])}
        for who, page in pages.items():
            sidebar = page.locator('[data-testid="stSidebar"]')
            assert sidebar.get_by_text(expected[who][0]).count() == 1, who
            assert page.locator(".st-key-wj_f_query input").input_value() == ("标准化" if who == "a" else "")
            goto_page(page, "数据")
            with page.expect_download() as dl:
                page.locator(".st-key-dl_da_articles button").click()
            rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_bytes().decode("utf-8-sig"))))
            assert [(r["title"], r["source"]) for r in rows] == expected[who][1], who
    finally:
        for ctx in contexts:
            ctx.close()
