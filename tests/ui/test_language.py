"""One language at a time (issue 13 item 4): every page and every view rendered under AppTest in each
language; the English run shows no Chinese outside data values, the Chinese run no English interface word.

What is read: headings, captions, markdown, alerts, metric labels, widget labels, help texts, placeholders and
the options of every widget, expander and popover labels, table headers as shown (column configs), and every
chart's title, axis titles, colour-bar title, tick labels given as text and trace names. Cell values are data
and not read. "Data values" for the English check: the CJK runs of the dataset's titles, bodies, sources,
authors and file names and of the agency names found in it (canonical names need not occur in the text).
"""
from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.test_app import APP, library_dir  # noqa: F401 - every test gets its own empty library
from ui.i18n import LANG_KEY
from ui.state import DATASET_KEY, read_sample

CJK_RUN = re.compile(r"[\u3400-\u9fff]+")      # runs of Han characters (punctuation such as 、 splits them)
HAN = re.compile(r"[\u3400-\u9fff]")
#: English words of the interface that must not show in the Chinese run (whole words, case-sensitive for
#: capitalised labels, any case for the lower-case codes the library uses)
ENGLISH_UI = re.compile(r"\b(doc_number|issuer|doc_type|written_date|effective_date|cited_by|citing|cited_title|Top|Cloud|Phrases|Compare|By group|Dictionary|Ranking|Network|Timeline|Review|"
                        r"Articles?|Agenc(?:y|ies)|Terms?|Period|Measure|Sources?|Spikes?|Total|Upload|Download|"
                        r"Overview|Keywords|Filters|Dataset|Sample|Choose|Search|Occurrences|Mentions|Baseline|"
                        r"None|True|False|NaN|nan|mentions|documents|count|agency|term|period|source|sources|"
                        r"articles|occurrences|tokens|share|baseline|spikes?|aliases|candidate|status|title|date|"
                        r"url|body|file|format|encoding|error|columns|observed|ratio|p_value|series|start|end|"
                        r"left|right|side|score|group|surface|level|region|undated|month|week|day|quarter|year|"
                        r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")


def chart_texts(spec: dict) -> list[str]:
    layout = spec.get("layout", {})
    out: list[str] = []

    def title(obj) -> None:
        if isinstance(obj, dict):
            text = obj.get("text") if isinstance(obj.get("title"), type(None)) else None
            if isinstance(obj.get("title"), dict):
                text = obj["title"].get("text")
            elif isinstance(obj.get("title"), str):
                text = obj["title"]
            if text:
                out.append(str(text))

    title(layout)
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            title(axis)
            out += [str(x) for x in axis.get("ticktext", []) or []]
    for axis in (layout.get("coloraxis") or {}).get("colorbar", {}), layout.get("legend", {}):
        title(axis)
    for ann in layout.get("annotations", []) or []:   # subplot titles are annotations
        out.append(str(ann.get("text", "")))
    for trace in spec.get("data", []):
        if trace.get("name"):
            out.append(str(trace["name"]))
        if trace.get("type") == "heatmap":
            out += [str(v) for v in trace.get("y", [])]
    return out


def ui_texts(at: AppTest) -> list[tuple[str, str]]:
    """``(kind, text)`` of everything the interface says on the current page (see the module docstring)."""
    found: list[tuple[str, str]] = []

    def add(kind: str, value) -> None:
        if isinstance(value, str) and value.strip():
            found.append((kind, value))

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if kind == "plotly_chart":
            for text in chart_texts(json.loads(proto.spec)):
                add("chart", text)
        elif kind == "dataframe":
            columns = json.loads(proto.columns or "{}")
            for name in node.value.columns:
                add("header", str(columns.get(str(name), {}).get("label") or name))
        elif kind not in ("code", "iframe", "html") and proto is not None:
            for field in ("label", "body", "help", "placeholder"):
                add(kind, getattr(proto, field, None))
            for sub in ("expandable", "popover"):
                inner = getattr(proto, sub, None) if proto.DESCRIPTOR.fields_by_name.get(sub) else None
                if inner is not None:
                    add(kind, getattr(inner, "label", None))
            if proto.DESCRIPTOR.fields_by_name.get("options") is not None:
                for option in getattr(node, "options", []) or []:
                    add(f"{kind} option", str(option))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return found


#: what a cell must never show: Streamlit's grid draws a missing value as "None"; Python/pandas spellings
LEAKED_VALUES = {"None", "nan", "NaN", "NaT", "<NA>", "True", "False", "none", "null"}


def cell_leaks(at: AppTest, where: str) -> list[str]:
    """Cells of every table on the page (as sent to the browser) that are missing or spell a Python value."""
    found = []
    for frame in at.dataframe:
        df = frame.value
        for col in df.columns:
            values = df[col]
            if values.isna().any():
                found.append(f"{where} · column {col!r}: {int(values.isna().sum())} missing cells (shown as None)")
            words = sorted({str(v) for v in values if isinstance(v, (str, bool)) and str(v) in LEAKED_VALUES})
            if words:
                found.append(f"{where} · column {col!r}: {words}")
    return found


def pick(at: AppTest, key: str, value) -> None:
    """Set a widget's value through the session (AppTest's own setters format options with the test
    process's language, not the app's) and rerun."""
    at.session_state[key] = value
    at.run()


def every_view(at: AppTest):
    """Yield ``(where, at)`` after rendering each page and view (the sample dataset)."""
    yield "概览", at
    at.switch_page("views/keywords.py").run()
    for view in ("top", "cloud", "phrases", "kwic", "compare", "group", "dict"):
        pick(at, "kw_view", view)
        if view == "cloud":
            pick(at, "kw_cloud_on", True)
        if view == "compare":
            for mode in ("sources", "files", "periods", "query", "datasets"):
                pick(at, "kw_cmp_mode", mode)
                yield f"关键词 compare {mode}", at
            continue
        if view == "group":
            for by in ("source", "file", "period"):
                pick(at, "kw_by", by)
                yield f"关键词 group {by}", at
            continue
        yield f"关键词 {view}", at
    at.switch_page("views/agencies.py").run()
    for view in ("ranking", "network", "timeline", "aliases", "review"):
        pick(at, "ag_view", view)
        yield f"机构 {view}", at
    at.switch_page("views/timeline.py").run()
    for view in ("volume", "terms", "agencies", "calendar"):
        pick(at, "tl_view", view)
        if view == "volume":
            for split in ("total", "stack", "facet", "file_stack"):
                pick(at, "tl_split", split)
                yield f"时间线 volume {split}", at
            continue
        yield f"时间线 {view}", at
    at.switch_page("views/policy.py").run()
    for view in ("po.view_docs", "po.view_cited", "po.view_network", "po.view_matrix", "po.view_citations"):
        pick(at, "po_view", view)
        yield f"政策 {view}", at
    at.switch_page("views/articles.py").run()
    yield "文章", at
    at.switch_page("views/data.py").run()
    yield "数据", at


#: Chinese that is not a label: the language switch names its language in that language, and query and
#: matching examples are Chinese words (what the data holds)
ALLOWED_CJK = {"中文", "计量", "标准化", "广告", "美国国务院", "市场监管", "市场监督管理", "文鉴",
               "数字人民币", "数字", "人民币", "食品安全抽检", "食品安全", "抽检", "改革", "改革开放"}


def data_text() -> str:
    """Every data value of the sample (see the module docstring), plus the agency types of the agency table
    and naming rules (category values of the data tables, shown as the tables hold them)."""
    from analysis.agencies import AgencyMatcher, find_mentions
    from analysis.agency_table import load_agencies, load_templates

    arts = read_sample()
    texts = [*arts["title"], *arts["body"], *arts["source"], *arts["author"], *arts["file"]]
    texts += find_mentions(arts, AgencyMatcher.default())["agency"].tolist()
    texts += load_agencies()["type"].fillna("").tolist() + load_templates()["type"].fillna("").tolist()
    return "\n".join(str(x) for x in texts)


@pytest.fixture()
def start(monkeypatch):
    """An app in ``lang``. AppTest formats the options of the page's widgets in the test's own thread (no
    session there, so the default language): ``ui.i18n.lang`` answers ``lang`` in both threads."""
    import ui.i18n

    def make(lang: str) -> AppTest:
        monkeypatch.setattr(ui.i18n, "lang", lambda: lang)
        at = AppTest.from_file(APP, default_timeout=180)
        at.session_state[LANG_KEY] = lang
        return at.run()
    return make


def test_english_shows_no_chinese_outside_data_values(start):
    corpus = data_text()
    leaks: dict[tuple[str, str], str] = {}
    cells: list[str] = []
    for where, at in every_view(start("en")):
        assert not at.exception, where
        cells += cell_leaks(at, where)
        for kind, text in ui_texts(at):
            for run in CJK_RUN.findall(text):
                if HAN.search(run) and run not in corpus and run not in ALLOWED_CJK:
                    leaks.setdefault((kind, text[:100]), f"{where} · {kind} · {run!r} in {text[:100]!r}")
    assert not leaks, "\n".join(leaks.values())
    assert not cells, "\n".join(cells)


def test_chinese_shows_no_english_interface_words(start):
    leaks: dict[tuple[str, str], str] = {}
    cells: list[str] = []
    files = sorted(set(read_sample()["file"]), key=len, reverse=True)   # data values (articles.jsonl)
    for where, at in every_view(start("zh")):
        assert not at.exception, where
        cells += cell_leaks(at, where)
        for kind, text in ui_texts(at):
            shown = text
            for name in files:
                shown = shown.replace(name, "").replace(name.replace(".", "\\."), "")
            for word in ENGLISH_UI.findall(shown):
                leaks.setdefault((kind, text[:100]), f"{where} · {kind} · {word!r} in {text[:100]!r}")
    assert not leaks, "\n".join(leaks.values())
    assert not cells, "\n".join(cells)


@pytest.mark.parametrize("lang, expected", [("zh", "%Y年%-m月"), ("en", "%b %Y")])
def test_date_axes_follow_the_language(start, lang, expected):
    at = start(lang)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    # the overview's timeline (monthly bars): the only chart with a date axis
    dated = [s["layout"]["xaxis"] for s in specs if "tickformatstops" in s["layout"].get("xaxis", {})
             or "%" in str(s["layout"].get("xaxis", {}).get("tickformat", ""))]
    assert len(dated) == 1
    formats = {dated[0].get("tickformat")} | {stop["value"] for stop in dated[0].get("tickformatstops", [])}
    assert expected in formats
    assert DATASET_KEY in at.session_state


@pytest.fixture()
def switchable(monkeypatch):
    """An app in Chinese and ``switch(at)``, which clicks the language switch to English. AppTest formats the
    options it sends back in the test's thread (no session there): ``ui.i18n.lang`` answers the language
    shown, as the browser would hold it."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    import ui.i18n
    from tests.ui.test_app import app

    shown, in_session = ["zh"], ui.i18n.lang
    monkeypatch.setattr(ui.i18n, "lang", lambda: in_session() if get_script_run_ctx(suppress_warning=True)
                        else shown[0])

    def switch(at: AppTest) -> None:
        at.radio(key=LANG_KEY).set_value("en")
        at.run()
        shown[0] = "en"
    return app(), switch


@pytest.mark.parametrize("page, key, code, en_label", [
    ("views/keywords.py", "kw_view", "kwic", "In context (KWIC)"),
    ("views/agencies.py", "ag_view", "network", "Network"),
    ("views/timeline.py", "tl_view", "calendar", "Calendar"),
    ("views/policy.py", "po_view", "po.view_cited", "Most cited"),
])
def test_a_language_switch_keeps_the_chosen_view(switchable, page, key, code, en_label):
    """A view radio's value travels as its shown label: after the switch the browser still holds the Chinese
    label, which is no option any more, and falls back to the first view unless the run sends the value
    again in the new language (``set_value`` with the English label) — which this checks, then that the
    view stays on the following runs."""
    at, switch = switchable
    at.switch_page(page).run()
    pick(at, key, code)
    assert at.radio(key=key).value == code
    switch(at)
    assert not at.exception
    radio = at.radio(key=key)
    assert radio.value == code
    assert radio.proto.set_value and radio.proto.raw_value == en_label
    assert en_label in radio.options and radio.options[0] != en_label
    at.run()
    assert at.radio(key=key).value == code and not at.exception


def test_a_language_switch_keeps_multiselect_choices(switchable):
    """Sidebar choices formatted by language (agency levels 省级 → provincial) survive the switch too."""
    at, switch = switchable
    pick(at, "wj_f_levels", ["provincial"])
    before = next(c.value for c in at.sidebar.caption if c.value.startswith("筛选后"))
    assert before == "筛选后 11 / 30 篇"
    switch(at)
    levels = at.multiselect(key="wj_f_levels")
    assert levels.value == ["provincial"]
    assert levels.proto.set_value and list(levels.proto.raw_values) == ["provincial"]
    assert "11 of 30 articles after filters" in [c.value for c in at.sidebar.caption]


def test_a_dataset_named_in_chinese_is_shown_in_english(switchable, library_dir):
    """An upload of several files is named "a.csv 等 2 个文件" while the app speaks Chinese (seen on real data:
    that name stayed Chinese in English mode): after the switch the sidebar, the picker and the 数据 page's
    library list say "a.csv and 1 more files"; the stored name is unchanged."""
    from tests.ui.test_app import CSV, upload, workspace_library

    at, switch = switchable
    upload(at, ("a.csv", CSV, "text/csv"), ("b.csv", CSV.replace(b"2024", b"2023"), "text/csv"))
    assert not at.exception
    assert "当前: **a\\.csv 等 2 个文件** — 6 篇" in [c.value for c in at.sidebar.caption]
    switch(at)
    assert "Current: **a\\.csv and 1 more files** — 6 articles" in [c.value for c in at.sidebar.caption]
    assert "a.csv and 1 more files (6)" in at.sidebar.selectbox(key="wj_ds_pick").options
    at.switch_page("views/data.py").run()
    assert not at.exception
    library = [d.value for d in at.dataframe if "Name" in d.value.columns]
    assert len(library) == 1 and library[0]["Name"].tolist() == ["a.csv and 1 more files"]
    assert [n.name for n in workspace_library(library_dir).list()] == ["a.csv 等 2 个文件"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tables_of_a_real_policy_file_show_no_none(start, shared, lang):
    """Seen on real data: "None" in the empty cells of 政策's most-cited table (citations not in the corpus).
    Every table of every page and view, for the Hebei 产业政策 file, in each language."""
    path = shared / "corpora/hebei_gov/6工业和信息化厅-政府信息公开__产业政策.csv"
    at = start(lang)
    at.file_uploader[0].set_value([(path.name, path.read_bytes(), "text/csv")]).run()
    assert not at.exception
    cells: list[str] = []
    walked = []
    for where, at in every_view(at):
        assert not at.exception, where
        cells += cell_leaks(at, where)
        walked.append(where)
    assert "政策 po.view_cited" in walked and len(walked) == 33
    assert not cells, "\n".join(cells)
