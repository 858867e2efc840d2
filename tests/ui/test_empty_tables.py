"""A table with no rows is a note in the interface language (what is empty and what to change), never an empty
grid with Streamlit's English word "empty" — in Chinese and in English, on every page and view of the sample,
for the phrase and KWIC views' own reasons, and in ``ui.widgets.show_table`` itself."""
from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import ui.i18n
from tests.ui.test_app import library_dir  # noqa: F401 - every test gets its own empty library
from tests.ui.test_language import every_view, pick, start  # noqa: F401 - start: the app in a language
from ui.i18n import LANG_KEY

FILTERS = {"zh": "没有符合当前条件的行。可放宽左侧的筛选(日期、来源、机构、关键词查询)后再看。",
           "en": "No rows match the current selection. Widen the filters in the sidebar (dates, sources, agencies, "
                 "query)."}
PHRASES = {"zh": "没有出现至少 1,000 次的短语。可降低“最少出现次数”,或放宽左侧的筛选。",
           "en": "No phrase occurs at least 1,000 times. Lower the minimum count or widen the filters in the sidebar."}
CITATIONS = {"zh": "所选文件中没有对其他文件的引用。可放宽左侧的筛选,或上传引用其他文件的政策文件。",
             "en": "The selected documents cite no other document. Widen the filters in the sidebar or upload "
                   "policy documents that cite others."}
NO_UNRESOLVED = {"zh": "所有简称都已确定所属地区,没有未解析的机构。",
                 "en": "Every bare name was placed in a region: none is unresolved."}
KWIC_NONE = {"zh": "当前筛选的文章中没有与“量子纠缠”匹配之处。可换一种匹配方式,或放宽左侧的筛选。",
             "en": "No match for “量子纠缠” in the filtered articles. Try another match mode or widen the filters in the "
                   "sidebar."}


def infos(at: AppTest) -> list[str]:
    return [i.value for i in at.info]


def empty_grids(at: AppTest) -> list[list[str]]:
    """The columns of every table on the page that has no rows."""
    return [list(d.value.columns) for d in at.dataframe if d.value.empty]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_view_shows_an_empty_grid(start, lang):
    """Every page and view of the sample: the policy views (the sample cites no document) and the agencies'
    unresolved list (every bare name resolved) say so in the language instead of drawing empty tables."""
    said: dict[str, list[str]] = {}
    for where, at in every_view(start(lang)):
        assert not at.exception, where
        assert empty_grids(at) == [], where
        said[where] = infos(at)
    assert NO_UNRESOLVED[lang] in said["机构 ranking"]
    assert CITATIONS[lang] in said["政策 po.view_cited"] and CITATIONS[lang] in said["政策 po.view_citations"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_phrases_and_kwic_say_what_to_change(start, lang):
    at = start(lang)
    at.switch_page("views/keywords.py").run()
    pick(at, "kw_view", "phrases")
    pick(at, "kw_phr_min", 1000)
    assert not at.exception
    assert PHRASES[lang] in infos(at) and empty_grids(at) == []
    pick(at, "kw_view", "kwic")
    pick(at, "kw_kwic_term", "量子纠缠")
    assert not at.exception
    assert KWIC_NONE[lang] in infos(at) and empty_grids(at) == []


def _table_page(lang: str) -> None:   # run as its own script by AppTest.from_function: imports inside
    import pandas as pd
    import streamlit as st

    from ui.i18n import LANG_KEY
    from ui.widgets import show_table

    st.session_state[LANG_KEY] = lang
    show_table(pd.DataFrame({"term": pd.Series([], dtype=str), "count": pd.Series([], dtype="int64")}), "t",
               key="t")
    show_table(pd.DataFrame({"term": ["计量"], "count": [3]}), "u", key="u")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_show_table_of_no_rows_says_so_without_downloads(monkeypatch, lang):
    """The widget itself: an empty table is the filters note in the session's language, and no CSV/XLSX
    buttons (nothing to download); a table with rows keeps its grid and both downloads."""
    monkeypatch.setattr(ui.i18n, "lang", lambda: lang)
    at = AppTest.from_function(_table_page, args=(lang,), default_timeout=60)
    at.session_state[LANG_KEY] = lang
    at.run()
    assert not at.exception
    assert infos(at) == [FILTERS[lang]]
    assert [d.value.values.tolist() for d in at.dataframe] == [[["计量", 3]]]
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["CSV", "Excel (XLSX)"]
