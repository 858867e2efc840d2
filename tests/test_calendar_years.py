"""The 日历 view draws every year up to a cap and says which earlier years the cap leaves out (tester report
#6: data from 2013-11-26 drawn from 2015 on, silently)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.errors import InvalidOption
from analysis.figures.timeline import CALENDAR_MAX_YEARS, calendar_figure, calendar_years
from analysis.schema import coerce_articles
from analysis.timeline import daily_counts
from ui.session import LANG_KEY
from ui.state import DATASET_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[1] / "views" / "timeline.py")


def arts(dates: list[str]) -> pd.DataFrame:
    n = len(dates)
    return coerce_articles(pd.DataFrame({"title": [f"t{i}" for i in range(n)], "date": dates,
                                         "source": ["甲"] * n, "body": [""] * n}))


#: the tester's Hebei range: one article on 2013-11-26, then 2015 … 2024
HEBEI = arts(["2013-11-26", *(f"{y}-06-01" for y in range(2015, 2025)), "2024-08-31"])


def titles(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_twelve_years_are_all_drawn():
    fig = calendar_figure(HEBEI)
    assert titles(fig) == [str(y) for y in range(2013, 2025)]
    years = calendar_years(daily_counts(HEBEI))
    assert years.shown == list(range(2013, 2025)) and years.left_out == [] and years.left_out_articles == 0


def test_a_cap_says_what_it_leaves_out():
    years = calendar_years(daily_counts(HEBEI), max_years=10)
    assert years.shown == list(range(2015, 2025))
    assert years.left_out == [2013, 2014] and years.left_out_articles == 1 and years.max_years == 10
    assert titles(calendar_figure(HEBEI, max_years=10)) == [str(y) for y in range(2015, 2025)]
    assert calendar_years(pd.Series(dtype=float)).shown == []
    with pytest.raises(InvalidOption):
        calendar_years(daily_counts(HEBEI), max_years=0)


def page(articles: pd.DataFrame, lang: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[DATASET_KEY] = Dataset(name="t", articles=articles)
    at.session_state["tl_view"] = "calendar"
    at.session_state[LANG_KEY] = lang
    return at.run()


def test_page_names_the_years_left_out():
    first = 2024 - CALENDAR_MAX_YEARS - 1          # two years beyond the cap: 2003, 2004
    data = arts(["2003-05-01", "2003-07-01", "2004-01-01", *(f"{y}-03-01" for y in range(2005, 2025))])
    at = page(data, "zh")
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [a["text"] for a in spec["layout"]["annotations"]] == [str(y) for y in range(2005, 2025)]
    assert "日历最多画最近 20 年:更早的 2003–2004 年(3 篇)未画出,可用日期筛选只看这些年份。" in [c.value for c in at.caption]
    assert first == 2003
    en = page(data, "en")
    assert not en.exception
    assert "The calendar draws the latest 20 years at most: 2003–2004 (3 articles) are not drawn; filter by date to " \
           "see those years." in [c.value for c in en.caption]


def test_page_says_nothing_when_all_years_are_drawn():
    at = page(HEBEI, "en")
    assert not at.exception
    assert not any("not drawn" in c.value for c in at.caption)
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [a["text"] for a in spec["layout"]["annotations"]][0] == "2013"


def test_one_p_value_rule_for_page_and_report():
    """Tester report #16: the spike tables mixed "0" and "<1e-15"; one rule now (analysis.spikes.p_value_text)."""
    import numpy as np

    from analysis.report_content import _spike_table
    from analysis.spikes import p_value_text
    from ui.widgets import display_frame
    assert [p_value_text(p) for p in (0.0, 1e-300, 9.9e-16, 1e-15, 2.7e-5, 0.0123456, np.nan, None)] == \
        ["< 1e-15", "< 1e-15", "< 1e-15", "1e-15", "2.7e-05", "0.012", "", ""]
    spikes = pd.DataFrame({"series": ["发展"] * 3, "p_value": [0.0, 1e-20, 0.004]})
    assert display_frame(spikes)["p_value"].tolist() == ["< 1e-15", "< 1e-15", "0.004"]
    assert _spike_table(spikes)["p_value"].tolist() == ["< 1e-15", "< 1e-15", "0.004"]


def test_word_report_numbers_are_plain():
    """Tester report #17: the English Word report printed TF-IDF as 5.816e+04."""
    import io

    import docx

    from analysis.report_content import Report, Section
    from analysis.figstyle import plain_number
    from analysis.report_docx import _cell, render_docx
    assert [plain_number(v) for v in (58160.3, 50490.0, 3344.404, 2.0, 0.0123456, 1234567.891, 2.5e-7, -12.5)] == \
        ["58160.3", "50490", "3344.404", "2", "0.01235", "1234567.891", "2.5e-07", "-12.5"]
    assert [_cell(v) for v in (float("nan"), float("inf"), 1822)] == ["", "∞", "1822"]
    table = pd.DataFrame({"term": ["企业", "发展"], "tfidf": [58160.3, 3344.404]})
    rep = Report(title="t", sections=[Section("s", items=[table])], settings={}, lang="en",
                 generated=dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc), caption="")
    doc = docx.Document(io.BytesIO(render_docx(rep)))
    cells = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert cells[1:] == [["企业", "58160.3"], ["发展", "3344.404"]]


def test_plain_number_with_thousands_separators():
    """Captions and chart hovers (the 时间线 page said 发展: 7.728e+04 for 77,280 undated occurrences at 1M)."""
    from analysis.figstyle import plain_number
    assert [plain_number(v, thousands=True) for v in (77280.0, 53040, 3344.404, 1234567.891, 0.5, 0.0, 2.5e-7)] == \
        ["77,280", "53,040", "3,344.404", "1,234,567.891", "0.5", "0", "2.5e-07"]
