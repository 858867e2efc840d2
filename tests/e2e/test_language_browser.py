"""One language at a time in real Chromium (issue 13 item 4): every page and view of the sample dataset in
English shows no Chinese outside data values, and in Chinese no English interface word — in what the browser
draws: headings, captions, alerts, widget labels, radio and select texts, buttons, expander labels, metric
labels, and the charts' titles, axis titles, tick labels and legends. Table cells and canvas-drawn grid headers
are not read (data; headers are checked under AppTest in tests/ui/test_language.py). Streamlit's own file
uploader texts ("Drag and drop files here", "Browse files", "Limit 200MB per file") cannot be translated and
are left out by name. Screenshots of every page go to ``$WENJIAN_SCREENSHOTS`` when set."""
from __future__ import annotations

import re

import pytest

from tests.e2e.harness import act, wait_run
from tests.e2e.test_browser import shoot
from tests.ui.test_language import ALLOWED_CJK, CJK_RUN, ENGLISH_UI, HAN, data_text

pytestmark = pytest.mark.e2e

LABELS = ", ".join([
    "[data-testid='stHeading']", "[data-testid='stCaptionContainer']", "[data-testid='stAlertContainer']",
    "[data-testid='stWidgetLabel']", "[data-testid='stMetricLabel']", "[data-testid='stExpander'] summary",
    "[data-testid='stRadio'] label", "[data-testid='stSelectbox'] [data-baseweb='select']",
    "[data-testid='stBaseButton-secondary']", "[data-testid='stBaseButton-primary']",
    "[data-testid='stPopover'] button", "[data-testid='stTopNavLink']", "[data-testid='stText']",
    ".js-plotly-plot .gtitle", ".js-plotly-plot .xtitle", ".js-plotly-plot .ytitle",
    ".js-plotly-plot .legendtext", ".js-plotly-plot .xtick text", ".js-plotly-plot .ytick text",
    ".js-plotly-plot .cbtitle",
])
#: Streamlit's built-in uploader texts (not translatable), the language switch's own name and the sample's
#: file name (a data value)
BUILT_IN = re.compile(r"Drag and drop files here|Browse files|Limit \d+MB per file.*|\bUpload\b|English|"
                      r"articles\.jsonl")   # the uploader's own words; the language switch; the sample's file name
VIEWS = {"关键词": ("kw_view", ["高频词", "词云", "短语", "上下文(KWIC)", "对比", "分组", "词典"],
                    ["Top terms", "Word cloud", "Phrases", "In context (KWIC)", "Compare", "By group", "Dictionary"]),
         "机构": ("ag_view", ["排行", "共现网络", "时间线", "别名表", "待审"],
                  ["Ranking", "Network", "Timeline", "Alias table", "Review"]),
         "时间线": ("tl_view", ["发文量", "关键词", "机构", "日历"], ["Articles", "Terms", "Agencies", "Calendar"])}
NAV = {"概览": "Overview", "关键词": "Keywords", "机构": "Agencies", "时间线": "Timeline", "文章": "Articles",
       "数据": "Data"}


def texts(page) -> list[str]:
    # material icons are ligature text ("upload", "expand_more"): not words a user reads
    out = page.locator(LABELS).evaluate_all(
        "els => els.map(e => { const c = e.cloneNode(true);"
        " c.querySelectorAll('[data-testid=stIconMaterial]').forEach(i => i.remove());"
        " return c.textContent; })")
    out += page.locator(".js-plotly-plot text").evaluate_all(
        "els => els.filter(e => e.closest('.gtitle,.xtitle,.ytitle,.legendtext,.xtick,.ytick,.cbtitle'))"
        ".map(e => e.textContent)")
    return [BUILT_IN.sub("", t) for t in out if t and t.strip()]


def walk(page, lang: str, current: str):
    """Yield ``(where, texts)`` for every page and view, screenshots on the way (``current``: the page open
    now, in Chinese: clicking its link would not rerun)."""
    for zh, en in NAV.items():
        title = en if lang == "en" else zh
        if zh != current:
            act(page, lambda t=title: page.locator('[data-testid="stTopNavLink"]', has_text=t).first.click())
        current = None   # only the page open at the start is skipped
        # the page's own heading is its navigation title: the right page is drawn before anything is read
        page.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2").filter(
            has_text=re.compile(f"^{re.escape(title)}$")).first.wait_for(timeout=60_000)
        if zh in VIEWS:
            key, zh_views, en_views = VIEWS[zh]
            for i, view in enumerate(en_views if lang == "en" else zh_views):
                option = page.locator(f".st-key-{key} label").filter(has_text=re.compile(f"^{re.escape(view)}$"))
                if not option.locator("input").is_checked():   # the open view: a click would not rerun
                    act(page, lambda o=option: o.click())
                shoot(page, f"{lang}-{NAV[zh].lower()}-{i}-{zh_views[i]}")
                yield f"{zh} {view}", texts(page)
        else:
            shoot(page, f"{lang}-{NAV[zh].lower()}")
            yield zh, texts(page)


def test_every_page_in_each_language(server, browser):
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0)
    corpus = data_text()
    zh_leaks = {f"{where}: {word!r} in {text[:90]!r}" for where, shown in walk(page, "zh", "概览") for text in shown
                for word in ENGLISH_UI.findall(text)}
    act(page, lambda: page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').first
        .get_by_text("English", exact=True).click())
    en_leaks = {f"{where}: {run!r} in {text[:90]!r}" for where, shown in walk(page, "en", "数据") for text in shown
                for run in CJK_RUN.findall(text) if HAN.search(run) and run not in corpus
                and run not in ALLOWED_CJK}
    assert not zh_leaks, "\n".join(sorted(zh_leaks))
    assert not en_leaks, "\n".join(sorted(en_leaks))
