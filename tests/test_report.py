"""The HTML/ZIP report: self-contained, plotly.js once, capped tables, settings shown, and no XSS."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import lxml.html
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.export import csv_bytes
from analysis.filters import Filters
from analysis.figstyle import style
from analysis.report import MAX_CELL_CHARS, Section, build_report, build_report_zip
from labels.report import HTML_CHROME

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "</script><script>alert(3)</script>",
    "<svg onload=alert(4)>",
    "<iframe src=javascript:alert(5)></iframe>",
    "[点我](javascript:alert(6)) **粗体**",
    "\"><a href=\"javascript:alert(7)\" onclick=alert(8)>x</a>",
    "<style>body{display:none}</style>",
]
EVIL = " ".join(ATTACKS)
WHEN = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.timezone.utc)


def bar(title: str) -> go.Figure:
    return style(go.Figure(go.Bar(x=[EVIL, "海南省市场监督管理局"], y=[1, 2], hovertext=[EVIL, "ok"])), title)


def evil_report() -> bytes:
    table = pd.DataFrame({EVIL: [EVIL, "正常"], "n": [1, 2]}, index=pd.Index([EVIL, "k"], name=EVIL))
    sections = [Section(EVIL, [bar(EVIL), table, EVIL], captions={0: EVIL, 1: EVIL}),
                Section("机构", [bar("第二个图")])]
    settings = {EVIL: EVIL, "数据集": EVIL, "过滤": Filters(query=EVIL, sources=(EVIL,))}
    return build_report(EVIL, sections, settings, generated=WHEN)


def test_no_attacker_markup_survives():
    out = evil_report()
    doc = lxml.html.fromstring(out)
    scripts = list(doc.iter("script"))
    # plotly.js itself (once) + one Plotly.newPlot call per figure; nothing else
    assert len(scripts) == 3
    assert sum("newPlot" in (s.text or "") and len(s.text) < 100_000 for s in scripts) == 2
    for bad in ("img", "iframe", "svg", "style_in_body", "a[not(starts-with(@href, '#'))]", "object", "embed",
                "form", "base", "link", "meta[@http-equiv='refresh']"):
        if bad == "style_in_body":
            assert doc.xpath("//body//style") == []
        else:
            assert doc.xpath(f"//{bad}") == [], bad
    attrs = {a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib}
    assert not [a for a in attrs if a.lower().startswith("on")]
    assert doc.xpath("//a[starts-with(@href, 'javascript')]") == []
    # every attacker string shows up as text, exactly
    assert doc.findtext(".//title") == EVIL
    assert doc.xpath("string(//h1)") == EVIL
    assert doc.xpath("string(//section[@id='s1']/h2)") == EVIL
    assert doc.xpath("string(//p[@class='text'])") == EVIL
    cells = [td.text_content() for td in doc.xpath("//div[@class='table']//td")]
    assert len(EVIL) < MAX_CELL_CHARS and cells[:3] == [EVIL, EVIL, "1"]
    # inside plotly's JSON "<" is escaped, so no closing tag can end the script early
    plot_calls = [s.text for s in scripts if "newPlot" in (s.text or "") and len(s.text) < 100_000]
    assert all("<" not in text for text in plot_calls)


def test_settings_table_and_generated_time():
    doc = lxml.html.fromstring(build_report("报告", [], {
        "数据集": "两会新闻", "时间范围": (dt.date(2024, 1, 1), dt.date(2024, 3, 31)), "来源": [],
        "过滤": Filters(query="市场 AND 监管"), "词典": {"停用词": 812, "机构别名": True}, "空": None,
    }, generated=WHEN))
    rows = [(tr.findtext("th"), tr.findtext("td")) for tr in doc.xpath("//table[@class='settings']//tr")]
    assert rows[:3] == [("数据集", "两会新闻"), ("时间范围", "2024-01-01、2024-03-31"), ("来源", "—")]
    assert rows[3][0] == "过滤" and "query: 市场 AND 监管" in rows[3][1]
    assert rows[4:] == [("词典", "停用词: 812; 机构别名: True"), ("空", "—")]
    assert "2026-11-27 12:00 UTC" in doc.xpath("string(//p[@class='note'])")  # was ISO; one form (tester L3)


def test_plotly_js_inline_once_and_offline():
    out = build_report("r", {"甲": [bar("一"), bar("二")], "乙": [bar("三")]}, {}).decode("utf-8")
    doc = lxml.html.fromstring(out)
    assert sum(len(s.text or "") > 1_000_000 for s in doc.iter("script")) == 1
    assert len(doc.xpath("//div[@class='figure']")) == 3
    assert [e.tag for e in doc.iter() if isinstance(e.tag, str) and (e.get("src") or e.get("href", "").startswith("http"))] == []
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "connect-src 'none'" in csp and "default-src 'none'" in csp


def test_report_without_figures_has_no_plotly():
    out = build_report("只有表", {"表": [pd.DataFrame({"a": [1]})]}, {})
    assert len(out) < 10_000 and b"<script" not in out


def test_tables_capped_with_a_note():
    df = pd.DataFrame({"词": [f"w{i}" for i in range(250)], "次数": range(250),
                       "日期": pd.date_range("2024-01-01", periods=250)})
    doc = lxml.html.fromstring(build_report("r", {"表": [df]}, {}, max_rows=200, chrome=HTML_CHROME[None]))
    assert len(doc.xpath("//div[@class='table']//tbody/tr")) == 200
    assert doc.xpath("//div[@class='table']//tbody/tr[1]/td/text()") == ["w0", "0", "2024-01-01"]
    assert doc.xpath("string(//div[@class='table']/p[@class='note'])") == \
        "仅显示前 200 行,共 250 行(完整表格请下载 CSV/ZIP)/ first 200 of 250 rows shown"
    small = lxml.html.fromstring(build_report("r", {"表": [df.head(3).assign(正文="长" * 400)]}, {}))
    assert small.xpath("//div[@class='table']/p") == []
    assert small.xpath("//tbody/tr[1]/td[4]/text()") == ["长" * MAX_CELL_CHARS + "…"]


def test_zip_has_report_settings_and_full_tables():
    df = pd.DataFrame({"词": [f"w{i}" for i in range(250)], "次数": range(250)})
    sections = [Section("../../关键词", [bar("图"), df], captions={1: "../../etc/passwd"}), Section("空", [])]
    data = build_report_zip("报告", sections, {"数据集": "x"}, images=False)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["report.html", "settings.json", "tables/01_etc_passwd.csv"]
        assert zf.read("tables/01_etc_passwd.csv") == csv_bytes(df)
        assert zf.read("settings.json").decode("utf-8") == '{\n "数据集": "x"\n}'
        assert b"<h1>" in zf.read("report.html")


@pytest.mark.skipif(__import__("analysis.export", fromlist=["find_chromium"]).find_chromium() is None,
                    reason="server-side PNG needs Chromium (apt-get install chromium)")
def test_zip_with_chart_images():
    data = build_report_zip("报告", [Section("机构 图", [bar("图一")])], {})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["report.html", "settings.json", "charts/01_机构_图.png"]
        assert zf.read("charts/01_机构_图.png")[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_in_a_real_browser_draws_charts_and_runs_no_attacker_code(tmp_path):
    """Open the hostile report in Chromium: both charts draw under the page's CSP, hovering shows the
    tooltips, and no alert() ever fires (no console errors either)."""
    from analysis.export import find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("needs Chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (requirements-dev.txt)")
    path = tmp_path / "report.html"
    path.write_bytes(evil_report())
    dialogs: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        try:
            page = ctx.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri())
            page.wait_for_selector("#wj-fig-2 .main-svg", timeout=20_000)
            assert page.locator("div.figure .js-plotly-plot").count() == 2
            hovered = 0
            for bar in page.locator("#wj-fig-1 .bars path").all():
                bar.hover(force=True)
                page.wait_for_timeout(300)
                hovered += page.locator(".hoverlayer .hovertext").count()
            assert hovered >= 1                        # the tooltips (with the hostile text) were shown
        finally:
            ctx.close()
    assert dialogs == []
    assert errors == []


@pytest.mark.parametrize("problem, words", [("timeout", ("超时", "WENJIAN_EXPORT_TIMEOUT")), ("failed", ("出错",)),
                                            ("unavailable", ("需要 Chromium",))])
def test_a_missing_chart_image_says_why(problem, words):
    """tester s16 R1: a chart image that timed out on a busy server was said to "need Chromium"."""
    import datetime as dt
    import io
    import zipfile

    import docx

    from analysis.report import Section
    from analysis.report_content import Report
    from analysis.report_docx import render_docx
    from analysis.report_zip import render_zip
    from labels.report import report_words

    fig = go.Figure(go.Bar(x=["甲"], y=[1]))
    report = Report(title="报告", sections=[Section("图表", [fig], captions={0: "高频关键词"})], settings={},
                    lang="zh", generated=dt.datetime(2026, 11, 30, 17, 0), caption="", words=report_words("zh"),
                    images={(id(fig), "png"): None, (id(fig), "svg"): None}, image_problem=problem)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(report))).paragraphs)
    assert all(w in text for w in words), text
    readme = zipfile.ZipFile(io.BytesIO(render_zip(report, docx=b"", html=b""))).read("README.txt").decode()
    assert all(w in readme for w in words[:1]), readme
    assert readme.count("charts/01_高频关键词.") == 2, readme                   # the PNG and the SVG
