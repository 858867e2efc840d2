"""analysis.periods: one calendar for every page (ISO weeks), numpy and DuckDB forms agree.

The known calendar around the turn of 2020/2021: 2020 has an ISO week 53 (2020-12-28 Mon .. 2021-01-03 Sun),
so 2021-01-01 (a Friday) belongs to 2020-W53 and 2021-01-04 (Monday) starts 2021-W01.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, by_period, find_mentions
from analysis.agency_table import load_agencies
from analysis.errors import InvalidOption
from analysis.keywords import terms_by, tokenize_corpus
from analysis.periods import (FREQS, label_dates, period_codes, period_ends, period_labels, period_starts,
                              sql_period_code, start_dates)
from analysis.schema import coerce_articles
from analysis.timeline import agency_series, volume
from analysis.tokenizer import build_tokenizer

# date, weekday, ISO week
CALENDAR = [
    ("2020-12-27", "Sun", "2020-W52"),
    ("2020-12-28", "Mon", "2020-W53"),
    ("2020-12-31", "Thu", "2020-W53"),
    ("2021-01-01", "Fri", "2020-W53"),
    ("2021-01-03", "Sun", "2020-W53"),
    ("2021-01-04", "Mon", "2021-W01"),
    ("2021-01-10", "Sun", "2021-W01"),
    ("2021-01-11", "Mon", "2021-W02"),
]
WEEKLY = {"2020-W52": 1, "2020-W53": 4, "2021-W01": 2, "2021-W02": 1}


def _articles() -> pd.DataFrame:
    dates = [d for d, _, _ in CALENDAR] + [None]  # one undated article: left out of every period count
    return coerce_articles(pd.DataFrame({
        "title": [f"通知{i}" for i in range(len(dates))],
        "body": ["国家市场监督管理总局部署计量工作。"] * len(dates),
        "date": dates, "source": ["甲"] * len(dates)}))


def test_weekdays_of_the_calendar_are_right():
    for d, wd, _ in CALENDAR:
        assert pd.Timestamp(d).day_name()[:3] == wd


def test_iso_week_labels_starts_and_ends():
    labels, dated = label_dates(pd.Series(pd.to_datetime([d for d, _, _ in CALENDAR] + [None])), "week")
    assert labels.tolist() == [w for _, _, w in CALENDAR] + [""]
    assert dated.tolist() == [True] * len(CALENDAR) + [False]
    codes, _ = period_codes(pd.Series(pd.to_datetime(["2021-01-01"])), "week")
    assert str(period_starts(codes, "week")[0]) == "2020-12-28"
    assert str(period_ends(codes, "week")[0]) == "2021-01-03"
    starts = start_dates(pd.Series(pd.to_datetime(["2021-01-03", "2021-01-04", None])), "week")
    assert [str(s)[:10] for s in starts[:2]] == ["2020-12-28", "2021-01-04"]
    assert np.isnat(starts[2])
    assert period_labels(np.array([0]), "week") == ["1970-W01"]  # Monday 1969-12-29 starts 1970-W01


@pytest.mark.parametrize("freq, expected", [
    ("day", ["2020-12-31", "2021-01-01"]), ("month", ["2020-12", "2021-01"]),
    ("quarter", ["2020-Q4", "2021-Q1"]), ("year", ["2020", "2021"])])
def test_other_labels(freq, expected):
    labels, _ = label_dates(pd.Series(pd.to_datetime(["2020-12-31", "2021-01-01"])), freq)
    assert labels.tolist() == expected


def test_bad_frequency():
    with pytest.raises(InvalidOption, match="freq"):
        period_codes(pd.Series(pd.to_datetime(["2021-01-01"])), "fortnight")
    with pytest.raises(InvalidOption, match="freq"):
        sql_period_code('"date"', "hour")


def test_weekly_counts_agree_on_every_page():
    """时间线 (volume, agency_series), 关键词 (terms_by) and 机构 (by_period) count the same weeks."""
    arts = _articles()
    tl = volume(arts, freq="week").table
    assert dict(zip(tl["period"], tl["articles"])) == WEEKLY

    corpus = tokenize_corpus(arts, build_tokenizer(agencies=False))
    kw = terms_by(arts, corpus, "period", freq="week", terms=["计量"])
    assert dict(zip(kw["group"], kw["documents"])) == WEEKLY
    assert dict(zip(kw["group"], kw["count"])) == WEEKLY

    matcher = AgencyMatcher.from_table(load_agencies(user_path=""))
    mentions = find_mentions(arts, matcher)
    agency = "国家市场监督管理总局"
    per = by_period(mentions, arts, "week")
    per = per[per["agency"] == agency]
    labels, _ = label_dates(per["period"], "week")
    assert dict(zip(labels, per["documents"])) == WEEKLY
    assert [str(p)[:10] for p in per["period"]] == ["2020-12-21", "2020-12-28", "2021-01-04", "2021-01-11"]
    series = agency_series(arts, mentions, [agency], freq="week", measure="articles").table
    assert dict(zip(series["period"], series[agency])) == WEEKLY


def test_sql_form_equals_numpy_form_day_by_day():
    duckdb = pytest.importorskip("duckdb")
    days = pd.Series(pd.date_range("1968-12-25", "2031-01-07", freq="D"))
    frame = pd.DataFrame({"d": days.dt.date})
    con = duckdb.connect()
    con.register("t", frame)
    for freq in FREQS:
        sql = con.execute(f"SELECT {sql_period_code('d', freq)} AS c FROM t").fetchnumpy()["c"]
        codes, _ = period_codes(days, freq)
        assert np.array_equal(np.asarray(sql, dtype=np.int64), codes), freq
    assert con.execute(f"SELECT {sql_period_code('NULL', 'week')}").fetchone()[0] is None
