"""Figure words as parameters (issue 13 item 4 / issue 14 item 6), zero-filled agency periods and readable
spike tooltips (issue 13 item 6)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.agencies import by_period, ranking_figure, timeline_figure
from analysis.figures.keywords import top_terms_figure
from analysis.schema import coerce_articles
from analysis.figures.timeline import calendar_figure, series_figure, volume_figure
from analysis.timeline import volume


def mentions_frame() -> tuple[pd.DataFrame, pd.DataFrame]:
    arts = coerce_articles(pd.DataFrame({
        "title": ["一", "二", "三", "四"], "body": ["甲", "乙", "丙", "丁"],
        "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-04-01", "2024-05-20"])}))
    m = pd.DataFrame({"row": [0, 0, 3], "id": [1, 1, 4], "agency": ["甲局", "乙局", "甲局"],
                      "level": ["national"] * 3, "resolved": [True] * 3})
    return arts, m


def test_by_period_fills_every_period_of_the_selection_with_zero():
    arts, m = mentions_frame()
    per = by_period(m, arts, "month")
    jia = per[per["agency"] == "甲局"]
    assert jia["period"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert jia["mentions"].tolist() == [1, 0, 0, 0, 1]
    assert per[per["agency"] == "乙局"]["mentions"].tolist() == [1, 0, 0, 0, 0]
    assert per["mentions"].dtype == np.int64
    # the selection's span: only the first two articles selected → January and February
    per = by_period(m, arts, "month", mask=np.array([True, True, False, False]))
    assert per[per["agency"] == "甲局"][["mentions", "documents"]].values.tolist() == [[1, 1], [0, 0]]
    assert by_period(m.iloc[0:0], arts, "month").empty


def test_figure_words_are_parameters():
    arts, m = mentions_frame()
    summary = pd.DataFrame({"agency": ["甲局"], "mentions": [2], "documents": [2]})
    fig = ranking_figure(summary, title="Agency mentions", labels={"mentions": "mentions", "hover_mentions": "M",
                                                                    "hover_articles": "A"})
    assert fig.layout.xaxis.title.text == "mentions" and fig.layout.title.text == "Agency mentions"
    assert fig.data[0].hovertemplate == "%{y}<br>M %{x}<br>A %{customdata[1]}<extra></extra>"
    fig = timeline_figure(by_period(m, arts), ["甲局"], title="T", labels={"mentions": "Mentions"})
    assert fig.layout.yaxis.title.text == "Mentions"
    top = pd.DataFrame({"term": ["计量"], "count": [3], "documents": [2]})
    fig = top_terms_figure(top, "Top terms", labels={"count": "occurrences", "hover_times": "x",
                                                      "hover_articles": "articles"})
    assert fig.layout.xaxis.title.text == "occurrences"
    assert fig.data[0].hovertemplate == "%{y}: %{x} x / %{customdata[1]} articles<extra></extra>"
    tl = volume(arts, None, "month")
    fig = volume_figure(tl, labels={"articles": "articles", "measure.articles": "Articles"}, title="Volume")
    assert fig.data[0].name == "articles" and fig.layout.yaxis.title.text == "Articles"
    assert series_figure(tl, labels={"measure.articles": "Articles"}).layout.title.text == "Articles"
    cal = calendar_figure(arts, labels={"weekdays": "Mon Tue Wed Thu Fri Sat Sun", "months": "J F M A M J J A S O N D",
                                        "colorbar": "articles", "day_hover": "{date} {weekday}: {n}"})
    assert list(cal.data[0].y) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert list(cal.layout.xaxis.ticktext)[:2] == ["J", "F"]
    assert "2024-01-05 Fri: 1" in set(np.asarray(cal.data[0].text).ravel())


def test_spike_tooltip_says_infinity_readably():
    arts, _ = mentions_frame()
    tl = volume(arts, None, "month")
    spikes = pd.DataFrame({"series": ["articles"], "period": ["2024-05"], "start": [pd.Timestamp("2024-05-01")],
                           "observed": [1.0], "baseline": [0.0], "ratio": [np.inf]})
    fig = volume_figure(tl, spikes=spikes, labels={"spike_hover": "{period}: {observed} vs {baseline} ×{ratio}"})
    assert fig.data[1].hovertext == ("2024-05: 1 vs 0 ×∞",)


def test_date_axes_one_day_gets_one_whole_day_tick():
    import plotly.graph_objects as go

    from analysis.figstyle import localize_date_axes

    fig = localize_date_axes(go.Figure(go.Bar(x=pd.to_datetime(["2023-01-05"]), y=[3])), "en")
    axis = fig.layout.xaxis
    assert (axis.dtick, axis.tick0, axis.tickformat) == (86_400_000, "2023-01-05", "%b %-d, %Y")
    fig = localize_date_axes(go.Figure(go.Bar(x=pd.to_datetime(["2023-01-05"]), y=[3])), "zh")
    assert fig.layout.xaxis.tickformat == "%Y年%-m月%-d日"


def test_date_axes_months_quarters_years_and_many_periods():
    import plotly.graph_objects as go

    from analysis.figstyle import localize_date_axes

    months = pd.date_range("2023-01-01", periods=6, freq="MS")
    axis = localize_date_axes(go.Figure(go.Scatter(x=months, y=list(range(6)))), "zh").layout.xaxis
    assert (axis.dtick, axis.tickformat, axis.hoverformat) == ("M1", "%Y年%-m月", "%Y年%-m月")
    quarters = pd.date_range("2023-01-01", periods=4, freq="QS")
    assert localize_date_axes(go.Figure(go.Bar(x=quarters, y=[1] * 4)), "en").layout.xaxis.dtick == "M3"
    years = pd.date_range("2015-01-01", periods=5, freq="YS")
    axis = localize_date_axes(go.Figure(go.Bar(x=years, y=[1] * 5)), "en").layout.xaxis
    assert (axis.dtick, axis.tickformat) == ("M12", "%Y")
    many = pd.date_range("2020-01-01", periods=40, freq="MS")
    axis = localize_date_axes(go.Figure(go.Bar(x=many, y=[1] * 40)), "en").layout.xaxis
    assert axis.dtick is None and axis.tickformat is None
    assert [s.value for s in axis.tickformatstops] == ["%b %Y", "%b %Y", "%Y"]   # never a day inside a month
    days = pd.date_range("2024-01-01", periods=30, freq="D")
    axis = localize_date_axes(go.Figure(go.Bar(x=days, y=[1] * 30)), "zh").layout.xaxis
    assert [s.value for s in axis.tickformatstops] == ["%Y年%-m月%-d日", "%Y年%-m月", "%Y年"]
    # no dates: unchanged
    plain = localize_date_axes(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), "zh")
    assert plain.layout.xaxis.tickformat is None and plain.layout.xaxis.dtick is None
