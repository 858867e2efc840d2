"""Timelines (analysis/timeline.py): periods, volume, term and agency series, spikes, drill-down, figures."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis.errors import InvalidOption
from analysis.figures.timeline import calendar_figure, series_figure, volume_figure
from analysis.schema import coerce_articles
from analysis.timeline import (
    agency_choices, agency_series, auto_freq, daily_counts, find_spikes, period_articles, drill_down, period_codes,
    period_grid, period_labels, split_terms, term_series, volume,
)
from ui.drill import period_from_selection, selection_target  # plotly selection events are read in ui/


def arts(dates, sources=None, titles=None):
    n = len(dates)
    return coerce_articles(pd.DataFrame({
        "title": titles or [f"t{i}" for i in range(n)], "date": dates,
        "source": sources or ["s"] * n, "body": [""] * n}))


class FakeCorpus:
    """The two members of analysis.keywords.TokenizedCorpus the timeline uses."""

    def __init__(self, vectors: dict[str, list[int]], doc_lengths: list[int]):
        self.vectors = {k: np.asarray(v, dtype=np.int64) for k, v in vectors.items()}
        self.doc_lengths = np.asarray(doc_lengths, dtype=np.int64)

    def term_vector(self, term: str) -> np.ndarray:
        return self.vectors.get(term, np.zeros(len(self.doc_lengths), dtype=np.int64))


# --- periods ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("freq,labels", [
    ("day", ["2020-12-31", "2021-01-01", "2024-02-29"]),
    ("week", ["2020-W53", "2020-W53", "2024-W09"]),
    ("month", ["2020-12", "2021-01", "2024-02"]),
    ("quarter", ["2020-Q4", "2021-Q1", "2024-Q1"]),
    ("year", ["2020", "2021", "2024"]),
])
def test_period_labels(freq, labels):
    codes, dated = period_codes(pd.Series(pd.to_datetime(["2020-12-31", "2021-01-01", "2024-02-29"])), freq)
    assert dated.tolist() == [True, True, True]
    assert period_labels(codes, freq) == labels


def test_iso_weeks_run_monday_to_sunday():
    days = pd.Series(pd.date_range("2024-04-28", "2024-05-06"))  # Sunday .. next Monday
    codes, _ = period_codes(days, "week")
    assert period_labels(codes, "week") == ["2024-W17"] + ["2024-W18"] * 7 + ["2024-W19"]
    grid = period_grid(codes[1], codes[1], "week")
    assert grid.to_dict("records") == [{"period": "2024-W18", "start": pd.Timestamp("2024-04-29"),
                                        "end": pd.Timestamp("2024-05-05")}]
    # 2024-12-30 (Monday) starts 2025-W01; 1969 dates (negative codes) work too
    codes, _ = period_codes(pd.Series(pd.to_datetime(["2024-12-30", "1969-12-28", "1969-12-29"])), "week")
    assert period_labels(codes, "week") == ["2025-W01", "1969-W52", "1970-W01"]


def test_period_grid_ends():
    codes, _ = period_codes(pd.Series(pd.to_datetime(["2024-02-10", "2024-11-30"])), "quarter")
    grid = period_grid(codes[0], codes[1], "quarter")
    assert grid["period"].tolist() == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert grid["end"].dt.strftime("%m-%d").tolist() == ["03-31", "06-30", "09-30", "12-31"]
    codes, _ = period_codes(pd.Series(pd.to_datetime(["2024-02-10"])), "month")
    assert period_grid(codes[0], codes[0], "month")["end"].tolist() == [pd.Timestamp("2024-02-29")]


@pytest.mark.parametrize("first,last,freq", [
    ("2024-01-01", "2024-01-01", "day"),
    ("2024-01-01", "2024-04-09", "day"),      # 100 days
    ("2024-01-01", "2024-04-10", "week"),     # 101 days
    ("2024-01-01", "2025-10-31", "week"),     # 96 weeks
    ("2022-09-24", "2026-08-22", "month"),    # the CCTV corpus: 48 months
    ("2000-01-01", "2024-12-31", "quarter"),  # 100 quarters
    ("1990-01-01", "2024-12-31", "year"),
])
def test_auto_freq(first, last, freq):
    assert auto_freq(pd.Series(pd.to_datetime([first, None, last]))) == freq


def test_auto_freq_without_dates():
    assert auto_freq(pd.Series([pd.NaT, pd.NaT], dtype="datetime64[ns]")) == "month"
    assert auto_freq(pd.Series([], dtype="datetime64[ns]")) == "month"


def test_bad_freq():
    with pytest.raises(InvalidOption, match="invalid freq 'weekly'; allowed: day, week, month, quarter, year"):
        volume(arts(["2024-01-01"]), freq="weekly")


# --- volume -------------------------------------------------------------------------------------------
def test_volume_complete_index_and_undated():
    a = arts(["2024-01-05", "2024-03-02", None, "2024-03-31", None, "2024-01-01"])
    tl = volume(a, freq="month")
    assert tl.freq == "month"
    assert tl.table[["period", "articles"]].to_dict("records") == [
        {"period": "2024-01", "articles": 2}, {"period": "2024-02", "articles": 0},
        {"period": "2024-03", "articles": 2}]
    assert tl.undated == {"articles": 2}
    assert tl.series == ["articles"]


def test_volume_follows_mask_and_auto():
    a = arts(["2024-01-05", "2024-03-02", None, "2024-03-31", None, "2024-01-01"])
    tl = volume(a, np.array([False, True, True, True, False, False]))
    assert tl.freq == "day"
    assert tl.table["period"].iloc[[0, -1]].tolist() == ["2024-03-02", "2024-03-31"]
    assert len(tl.table) == 30 and tl.table["articles"].sum() == 2
    assert tl.undated == {"articles": 1}
    empty = volume(a, np.zeros(6, dtype=bool), "week")
    assert empty.table.empty and list(empty.table.columns) == ["period", "start", "end", "articles"]
    with pytest.raises(InvalidOption, match="invalid mask"):
        volume(a, np.ones(5, dtype=bool))


def test_volume_by_source_top_k():
    a = arts(["2024-01-01", "2024-01-02", "2024-02-01", "2024-02-02", "2024-02-03", None, "2024-03-01"],
             ["甲", "乙", "甲", "", "丙", "甲", "丁"])
    tl = volume(a, freq="month", by="source", top_k=2)
    # 甲 3 (one undated), then 1 each: (无来源) < 丁 < 丙 < 乙 by name; 其他 sums the rest
    assert tl.series == ["甲", "(无来源)", "其他"]
    assert tl.table[["period", "甲", "(无来源)", "其他"]].values.tolist() == [
        ["2024-01", 1, 0, 1], ["2024-02", 1, 1, 1], ["2024-03", 0, 0, 1]]
    assert tl.undated == {"甲": 1, "(无来源)": 0, "其他": 0}
    every = volume(a, freq="month", by="source", top_k=None)
    assert every.series == ["甲", "(无来源)", "丁", "丙", "乙"]
    assert every.table[every.series].to_numpy().sum() == 6
    long = every.long("source")
    assert list(long.columns) == ["period", "start", "end", "source", "value"] and len(long) == 15
    with pytest.raises(InvalidOption, match="invalid by 'author'"):
        volume(a, by="author")


# --- terms and agencies -------------------------------------------------------------------------------
DATES = ["2024-01-03", "2024-01-20", "2024-02-11", "2024-03-05", "2024-03-06", None]
CORPUS = FakeCorpus({"计量": [2, 0, 0, 3, 1, 4], "标准": [0, 1, 0, 0, 0, 0]}, [100, 50, 0, 200, 100, 10])


def test_term_counts():
    tl = term_series(arts(DATES), CORPUS, ["计量", "标准", "计量", "无此词"], freq="month")
    assert tl.series == ["计量", "标准", "无此词"]
    assert tl.table[["period", "计量", "标准", "无此词"]].values.tolist() == [
        ["2024-01", 2, 1, 0], ["2024-02", 0, 0, 0], ["2024-03", 4, 0, 0]]
    assert tl.undated == {"计量": 4, "标准": 0, "无此词": 0}


def test_term_per_1000_tokens_and_share():
    a = arts(DATES)
    tl = term_series(a, CORPUS, ["计量"], freq="month", measure="per_1000")
    values = tl.table["计量"].tolist()
    assert values[0] == pytest.approx(2 / 150 * 1000) and values[2] == pytest.approx(4 / 300 * 1000)
    assert np.isnan(values[1])  # February has an article but no tokens: the rate is undefined
    assert tl.undated["计量"] == pytest.approx(400.0)
    share = term_series(a, CORPUS, ["计量"], freq="month", measure="share")
    assert share.table["计量"].tolist() == [0.5, 0.0, 1.0]
    assert share.undated == {"计量": 1.0}
    masked = term_series(a, CORPUS, ["计量"], np.array([1, 1, 1, 0, 1, 0], dtype=bool), "month")
    assert masked.table["计量"].tolist() == [2, 0, 1] and masked.undated == {"计量": 0}
    with pytest.raises(InvalidOption, match="invalid measure 'ratio'; allowed: count, per_1000, share"):
        term_series(a, CORPUS, ["计量"], measure="ratio")


MENTIONS = pd.DataFrame({"row": [0, 0, 1, 3, 3, 3, 5, 4],
                         "agency": ["市场监管总局", "市场监管总局", "国家标准委", "市场监管总局", "国家标准委",
                                    "市场监管总局", "国家标准委", "国家标准委"]})


def test_agency_mentions_and_articles():
    a = arts(DATES)
    tl = agency_series(a, MENTIONS, ["市场监管总局", "国家标准委"], freq="month")
    assert tl.table[["period", "市场监管总局", "国家标准委"]].values.tolist() == [
        ["2024-01", 2, 1], ["2024-02", 0, 0], ["2024-03", 2, 2]]
    assert tl.undated == {"市场监管总局": 0, "国家标准委": 1}
    arts_tl = agency_series(a, MENTIONS, ["市场监管总局"], freq="month", measure="articles")
    assert arts_tl.table["市场监管总局"].tolist() == [1, 0, 1]
    assert agency_choices(MENTIONS) == ["国家标准委", "市场监管总局"]  # 4 each: by name
    unresolved = pd.concat([MENTIONS, pd.DataFrame({"row": [1, 2, 4], "agency": ["", "", ""]})])
    assert agency_choices(unresolved, limit=1) == ["国家标准委"]
    assert agency_choices(MENTIONS, np.array([1, 0, 0, 0, 0, 0], dtype=bool)) == ["市场监管总局"]
    with pytest.raises(InvalidOption, match="invalid measure"):
        agency_series(a, MENTIONS, ["x"], measure="count")


def test_split_terms():
    assert split_terms(" 计量，标准、 计量;检验检测  质量 ") == ["计量", "标准", "检验检测", "质量"]
    assert split_terms("") == []


# --- spikes on timelines and drill-down ---------------------------------------------------------------
def spiky_articles():
    """12 weeks, 3 articles a week (Mon/Wed/Fri), week 9 has 15; term 'x' once per article, 6× in week 11."""
    days = []
    for w in range(12):
        monday = pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=w)
        n = 15 if w == 9 else 3
        days += [monday + pd.Timedelta(days=(2 * i) % 7) for i in range(n)]
    a = arts([d.strftime("%Y-%m-%d") for d in days])
    x = np.ones(len(a))
    x[(a["date"] >= "2024-03-11") & (a["date"] <= "2024-03-17")] = 6
    return a, FakeCorpus({"x": x.astype(int).tolist()}, [100] * len(a))


def test_find_spikes_volume_and_term():
    a, corpus = spiky_articles()
    tl = volume(a, freq="week")
    spikes = find_spikes(tl, min_count=5)
    assert spikes[["series", "period", "observed", "baseline"]].values.tolist() == [
        ["articles", "2024-W10", 15, 3.0]]
    terms = term_series(a, corpus, ["x"], freq="week")
    found = find_spikes(terms)
    # week 10 rises only with the volume (not a spike in the rate below); week 11 is
    assert found["period"].tolist() == ["2024-W10", "2024-W11"]
    rate = term_series(a, corpus, ["x"], freq="week", measure="per_1000")
    found = find_spikes(rate)
    assert found["period"].tolist() == ["2024-W11"]
    assert found["observed"].iloc[0] == pytest.approx(60.0) and found["baseline"].iloc[0] == pytest.approx(10.0)
    assert find_spikes(volume(arts(["2024-01-01"] * 3), freq="day")).empty
    with pytest.raises(InvalidOption, match="invalid series 'y'"):
        find_spikes(terms, "y")


def test_period_articles_sample_and_by_weight():
    a, corpus = spiky_articles()
    rows = period_articles(a, None, "week", "2024-W10", limit=5)
    assert len(rows) == 5 and list(rows.columns) == list(a.columns)  # whole article rows
    # week 10 (rows 27..41) sorted by date then id: 28 35 42 | 32 39 | 29 36 | 33 40 | 30 37 | 34 41 | 31 38;
    # 5 evenly spread picks take positions 0, 4, 7, 10, 14
    assert rows["id"].tolist() == [28, 39, 33, 37, 38]
    assert rows["date"].is_monotonic_increasing
    w = np.zeros(len(a))
    w[[42, 43, 38]] = [2, 5, 1]
    top = period_articles(a, None, "week", "2024-W11", w)
    assert top[["id", "occurrences"]].values.tolist() == [[44, 5], [43, 2]]  # row 38 is in week 10
    assert period_articles(a, None, "week", "2030-W01").empty
    masked = np.ones(len(a), dtype=bool)
    masked[27:] = False
    assert period_articles(a, masked, "week", "2024-W10").empty


def test_selection_target():
    event = {"selection": {"points": [{"x": "2024-03-04", "customdata": ["2024-W10", "计量"]}]}}
    assert selection_target(event) == ("2024-W10", "计量")
    assert selection_target({"points": [{"customdata": ["2024-05", "articles"]}]}) == ("2024-05", "articles")
    assert selection_target({"selection": {"points": [{"customdata": 3}]}}) is None
    assert selection_target({"selection": {"points": []}}) is None
    assert selection_target(None) is None
    assert period_from_selection(event) == "2024-W10" and period_from_selection(None) is None
    a, corpus = spiky_articles()
    weekly = term_series(a, corpus, ["计量"], freq="week")
    assert selection_target(event, weekly) == ("2024-W10", "计量")
    assert selection_target(event, term_series(a, corpus, ["计量"], freq="month")) is None  # stale period
    assert selection_target(event, term_series(a, corpus, ["标准"], freq="week")) is None   # stale series
    assert selection_target({"points": [{"customdata": ["2024-W10", "articles"]}]}, weekly) == ("2024-W10",
                                                                                                "articles")


def test_drill_down_by_kind():
    a = arts(["2024-01-01", "2024-01-02", "2024-01-03", "2024-02-01"], ["甲", "乙", "丙", "甲"])
    by = volume(a, freq="month", by="source", top_k=1)
    assert by.series == ["甲", "其他"]
    assert drill_down(a, by, "2024-01", "甲")["id"].tolist() == [1]
    assert drill_down(a, by, "2024-01", "其他")["id"].tolist() == [2, 3]
    assert drill_down(a, volume(a, freq="month"), "2024-01", "articles")["id"].tolist() == [1, 2, 3]
    corpus = FakeCorpus({"计量": [1, 3, 0, 2]}, [10] * 4)
    tl = term_series(a, corpus, ["计量"], freq="month")
    assert tl.kind == "term"
    assert drill_down(a, tl, "2024-01", "计量", corpus=corpus)[["id", "occurrences"]].values.tolist() == [
        [2, 3], [1, 1]]
    mentions = pd.DataFrame({"row": [2, 2, 0, 3], "agency": ["局"] * 4})
    ag = agency_series(a, mentions, ["局"], freq="month")
    assert ag.kind == "agency"
    assert drill_down(a, ag, "2024-01", "局", mentions=mentions)[["id", "occurrences"]].values.tolist() == [
        [3, 2], [1, 1]]
    assert drill_down(a, ag, "2024-01", "局", np.array([1, 1, 0, 1], dtype=bool), mentions=mentions)[
        "id"].tolist() == [1]


# --- figures ------------------------------------------------------------------------------------------
def test_volume_figure_modes_and_spike_marks():
    a, _ = spiky_articles()
    tl = volume(a, freq="week")
    fig = volume_figure(tl, "total", find_spikes(tl))
    assert isinstance(fig, go.Figure) and fig.layout.template.layout.colorway is not None
    assert [t.type for t in fig.data] == ["bar", "scatter"]
    assert fig.data[1].customdata.tolist() == [["2024-W10", "articles"]] and list(fig.data[1].y) == [15]
    assert fig.data[0].customdata[:2].tolist() == [["2024-W01", "articles"], ["2024-W02", "articles"]]
    by = volume(arts(["2024-01-01", "2024-02-01", "2024-02-02"], ["a", "b", "b"]), freq="month", by="source")
    assert volume_figure(by, "stack").layout.barmode == "stack"
    facets = volume_figure(by, "facet")
    assert len(facets.data) == 2 and facets.data[1].yaxis == "y2"
    with pytest.raises(InvalidOption, match="invalid mode"):
        volume_figure(tl, "pie")


def test_series_figure_and_json_serialisable():
    a, corpus = spiky_articles()
    tl = term_series(a, corpus, ["x"], freq="week", measure="share")
    fig = series_figure(tl, find_spikes(tl))
    assert fig.layout.yaxis.tickformat == ".0%"
    json.loads(fig.to_json())


def test_calendar():
    a = arts(["2023-12-31", "2024-01-01", "2024-01-01", "2024-01-03", None])
    daily = daily_counts(a)
    assert daily.tolist() == [1, 2, 0, 1] and daily.index[0] == pd.Timestamp("2023-12-31")
    fig = calendar_figure(a)
    assert len(fig.data) == 2  # one heatmap per year
    z2024 = np.array(fig.data[1].z, dtype=float)
    assert z2024[0, 0] == 2 and z2024[1, 0] == 0 and z2024[2, 0] == 1   # Mon 1 Jan, Tue, Wed in column 0
    assert np.isnan(z2024[3, 0])                                       # after the last day: empty
    z2023 = np.array(fig.data[0].z, dtype=float)
    assert z2023[6, 52] == 1 and np.nansum(z2023) == 1                  # Sunday 31 Dec 2023
    assert calendar_figure(arts([None])).data == ()
