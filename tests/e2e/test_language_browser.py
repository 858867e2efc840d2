"""One language at a time in real Chromium (issue 13 item 4), on an upload of a real corpus file (the Hebei
工业和信息化厅 产业政策 CSV): every page and view in English shows no Chinese outside data values, and in Chinese no
English interface word — in what the browser draws: headings, captions, alerts, widget labels, radio and select
texts, buttons, expander labels, metric labels, the charts' titles, axis titles, tick labels and legends, and
Streamlit's own widget texts as shown (the uploader's button and size line, the hint under a text field being
edited: replaced in Chinese by ui/builtins.py, so what is read is the visible text, CSS ``::after`` included).
Table cells and canvas-drawn grid headers are not read (data; headers and cells are checked under AppTest in
tests/ui/test_language.py). Not read either: the date picker's calendar (its month names follow the browser's
locale). Screenshots of every page go to ``$WENJIAN_SCREENSHOTS`` when set."""
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
    "[data-testid='stFileUploaderDropzone']", "[data-testid='InputInstructions']",
    ".js-plotly-plot .gtitle", ".js-plotly-plot .xtitle", ".js-plotly-plot .ytitle",
    ".js-plotly-plot .legendtext", ".js-plotly-plot .xtick text", ".js-plotly-plot .ytick text",
    ".js-plotly-plot .cbtitle",
])
#: the language switch's own name (English in both runs)
BUILT_IN = re.compile(r"English")
FILE = "corpora/hebei_gov/6工业和信息化厅-政府信息公开__产业政策.csv"
VIEWS = {"关键词": ("kw_view", ["高频词", "词云", "短语", "上下文(KWIC)", "对比", "分组", "词典"],
                    ["Top terms", "Word cloud", "Phrases", "In context (KWIC)", "Compare", "By group", "Dictionary"]),
         "机构": ("ag_view", ["排行", "共现网络", "时间线", "别名表", "待审"],
                  ["Ranking", "Network", "Timeline", "Alias table", "Review"]),
         "时间线": ("tl_view", ["发文量", "关键词", "机构", "日历"], ["Articles", "Terms", "Agencies", "Calendar"]),
         "政策": ("po_view", ["文件", "被引最多", "引用网络", "机关 × 年份", "全部引用"],
                  ["Documents", "Most cited", "Citation network", "Issuer × year", "All citations"])}
NAV = {"概览": "Overview", "关键词": "Keywords", "机构": "Agencies", "时间线": "Timeline", "文章": "Articles",
       "政策": "Policy", "数据": "Data"}
HEADINGS = {"政策": ("政策文件", "Policy documents")}
#: the text each element shows: its rendered text nodes (not those hidden with ``visibility: hidden`` or drawn
#: at font size 0, or clipped to 1 px for screen readers) and
#: ``::before``/``::after`` contents (how ui/builtins.py puts Chinese in place of Streamlit's English);
#: Material icons are ligature text ("upload", "expand_more"), not words a user reads
VISIBLE_TEXT_JS = """els => els.map(root => {
  let out = "";
  const pseudo = (node, which) => {
    const c = getComputedStyle(node, which).content;
    return c && c !== "none" && c !== "normal" && c.startsWith('"') ? JSON.parse(c) : "";
  };
  // screen-reader-only text: inside a box clipped to at most 1 x 1 px
  const clipped = el => {
    for (; el && el !== root.parentElement; el = el.parentElement) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1) return true;
    }
    return false;
  };
  const walk = node => {
    if (node.nodeType === 3) {
      const style = getComputedStyle(node.parentElement);
      if (style.visibility !== "hidden" && style.fontSize !== "0px" && !clipped(node.parentElement))
        out += node.textContent;
      return;
    }
    if (node.nodeType !== 1 || node.matches("[data-testid=stIconMaterial]")) return;
    out += pseudo(node, "::before");
    node.childNodes.forEach(walk);
    out += pseudo(node, "::after");
  };
  walk(root);
  return out;
})"""


def texts(page) -> list[str]:
    out = page.locator(LABELS).evaluate_all(VISIBLE_TEXT_JS)
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
        # the page's own heading (its navigation title, or longer): the right page is drawn before anything is read
        heading = HEADINGS.get(zh, (zh, en))[lang == "en"]
        page.locator("[data-testid='stMain'] h1, [data-testid='stMain'] h2").filter(
            has_text=re.compile(f"^{re.escape(heading)}$")).first.wait_for(timeout=60_000)
        if zh in VIEWS:
            key, zh_views, en_views = VIEWS[zh]
            for i, view in enumerate(en_views if lang == "en" else zh_views):
                option = page.locator(f".st-key-{key} label").filter(has_text=re.compile(f"^{re.escape(view)}$"))
                if not option.locator("input").is_checked():   # the open view: a click would not rerun
                    act(page, lambda o=option: o.click())
                shoot(page, f"{lang}-{NAV[zh].lower()}-{i}-{zh_views[i]}")
                yield f"{zh} {view}", texts(page)
        else:
            if zh == "数据":     # a text field being edited shows Streamlit's hint ("Press Enter to apply")
                page.locator(".st-key-da_new_name input").click()
                page.keyboard.type("x")
                page.locator("[data-testid='InputInstructions']").first.wait_for()
            shoot(page, f"{lang}-{NAV[zh].lower()}")
            yield zh, texts(page)
            if zh == "数据":
                page.keyboard.press("Backspace")


def data_values(path) -> str:
    """The data values of the uploaded file for the English check: its column names, titles, bodies, sources,
    authors, file names, policy metadata (文号, issuers) and the agency names found in it."""
    from analysis.agencies import AgencyMatcher, find_mentions
    from analysis.agency_table import load_agencies, load_templates
    from analysis.loaders import LoadOptions, load_paths

    arts = load_paths([str(path)], LoadOptions()).articles
    raw = path.read_bytes()
    header = (raw.decode("utf-8-sig", errors="replace")).splitlines()[0]     # the file's own column names
    texts = [header, *arts["title"], *arts["body"], *arts["source"], *arts["author"], *arts["file"]]
    texts += [str(v) for c in ("doc_number", "issuer", "status", "doc_type") if c in arts for v in arts[c]]
    texts += find_mentions(arts, AgencyMatcher.default())["agency"].tolist()
    texts += load_agencies()["type"].fillna("").tolist() + load_templates()["type"].fillna("").tolist()
    return "\n".join(str(x) for x in texts)


def test_every_page_in_each_language(server, browser, shared):
    path = shared / FILE
    page = browser.new_page()
    page.goto(server)
    wait_run(page, 0)
    shown = "\n".join(texts(page))       # the sample is open: the upload panel too
    assert "上传" in shown and "每个文件最大 500MB" in shown and "Upload" not in shown and "per file" not in shown
    act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path)),
        timeout=300_000)
    assert page.locator('[data-testid="stSidebar"]').get_by_text("筛选后 31 / 31 篇").count() == 1
    corpus = data_values(path) + "\n" + data_text()
    walked = []
    zh_leaks = set()
    for where, shown in walk(page, "zh", "概览"):
        walked.append(where)
        zh_leaks |= {f"{where}: {word!r} in {text[:90]!r}" for text in shown for word in ENGLISH_UI.findall(text)}
        if where == "数据":
            assert "按回车键生效" in "\n".join(shown)
    act(page, lambda: page.locator('[data-testid="stSidebar"] [data-testid="stRadio"]').first
        .get_by_text("English", exact=True).click())
    en_leaks = set()
    for where, shown in walk(page, "en", "数据"):
        en_leaks |= {f"{where}: {run!r} in {text[:90]!r}" for text in shown for run in CJK_RUN.findall(text)
                     if HAN.search(run) and run not in corpus and run not in ALLOWED_CJK}
        if where == "数据":
            assert "Press Enter to apply" in "\n".join(shown)     # Streamlit's own English in English
    assert len(walked) == len(NAV) - len(VIEWS) + sum(len(v[1]) for v in VIEWS.values()) == 24
    assert "政策 被引最多" in walked
    assert not zh_leaks, "\n".join(sorted(zh_leaks))
    assert not en_leaks, "\n".join(sorted(en_leaks))


def test_the_date_picker_in_chinese(server, chromium):
    """The date picker's calendar in a Chinese browser (its month and weekday names follow the browser's
    locale, not the page): month, weekdays, the quick range label, button and options all Chinese — the last
    three replaced by ui/builtins.py — and a quick range picked still applies."""
    from tests.e2e.harness import VIEWPORT

    ctx = chromium.new_context(locale="zh-CN", viewport=VIEWPORT)
    try:
        page = ctx.new_page()
        page.goto(server)
        wait_run(page, 0)
        page.locator(".st-key-wj_f_dates button").last.click()
        calendar = page.locator('[data-testid="stDateInputCalendar"]')
        calendar.wait_for()
        shown = "".join(calendar.evaluate_all(VISIBLE_TEXT_JS))
        page.locator('[data-testid="stDateInputQuickSelect"] button').click()
        options = page.get_by_role("option")
        options.first.wait_for()
        shown += "".join(options.evaluate_all(VISIBLE_TEXT_JS))
        shoot(page, "zh-date-picker")
        assert "2024年" in shown and "一月" in shown and "快速选择" in shown and "请选择…" in shown
        assert "近两年" in shown
        assert not re.search(r"[A-Za-z]{2,}", shown), shown    # screen-reader hints (1 px) are not read
        act(page, lambda: options.filter(has_text="").first.click())
        assert page.locator('[data-testid="stSidebar"]').get_by_text(re.compile(r"^筛选后 \d+ / 30 篇$")).count() == 1
    finally:
        ctx.close()
