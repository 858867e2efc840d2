"""analysis.dates: parse_date, find_date_in_text, date_from_url."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analysis.dates import date_from_url, find_date_in_text, find_labelled_date, parse_date

D = pd.Timestamp


@pytest.mark.parametrize("value, expected", [
    ("2024-05-02", "2024-05-02"),
    ("2024/5/2", "2024-05-02"),
    ("2024年5月2日", "2024-05-02"),
    ("2024.05.02", "2024-05-02"),
    ("2024年08月01日", "2024-08-01"),
    ("2024-05-02 10:20:30", "2024-05-02"),
    ("2024/5/2 9:05", "2024-05-02"),
    ("2024年08月01日 10:20", "2024-08-01"),
    ("2024年08月01日10:20", "2024-08-01"),
    ("2024-05-02T10:00:00+08:00", "2024-05-02"),
    ("  2024 年 5 月 2 日  ", "2024-05-02"),
    ("２０２４－０５－０２", "2024-05-02"),            # full-width digits and hyphen
    ("二〇二四年五月二日", "2024-05-02"),
    ("二零二四年十二月三十一日", "2024-12-31"),
    ("二〇二三年十月十日", "2023-10-10"),
    ("20240502", "2024-05-02"),
    ("发布时间：2024-05-02 10:00", "2024-05-02"),
    ("May 2, 2024", "2024-05-02"),
    ("2 May 2024", "2024-05-02"),
    ("Thu, 02 May 2024 10:00:00 GMT", "2024-05-02"),
    ("1949-10-01", "1949-10-01"),
])
def test_parse_date_strings(value, expected):
    assert parse_date(value) == D(expected)


@pytest.mark.parametrize("value, expected", [
    (20240502, "2024-05-02"),
    (20240502.0, "2024-05-02"),
    (np.int64(20240502), "2024-05-02"),
    (1714608000, "2024-05-02"),          # Unix seconds (2024-05-02 08:00 Beijing)
    (1714608000000, "2024-05-02"),       # Unix milliseconds
    (dt.date(2024, 5, 2), "2024-05-02"),
    (dt.datetime(2024, 5, 2, 23, 59), "2024-05-02"),
    (D("2024-05-02 13:45"), "2024-05-02"),
    (D("2024-05-01 20:00", tz="UTC"), "2024-05-02"),   # tz-aware: the day in Beijing
])
def test_parse_date_objects(value, expected):
    assert parse_date(value) == D(expected)


def test_parse_date_drops_the_time_of_day():
    ts = parse_date("2024-05-02 10:20:30")
    assert (ts.hour, ts.minute, ts.second) == (0, 0, 0)


@pytest.mark.parametrize("value", [
    "2024-13-45", "2024-02-30", "2023-02-29", "2024年13月1日", "二〇二四年十三月一日",
    "1900-01-01", "1948-12-31",                  # before 1949
    "2099-01-01", f"{dt.date.today().year + 2}-01-01",  # more than a year ahead
    "", "   ", "abc", "5月2日", "2024年5月", "202405", 2024, 123, 20241345,
    None, float("nan"), pd.NaT, True, np.nan, b"\xff", [2024, 5, 2],
])
def test_parse_date_invalid_or_implausible_is_none(value):
    assert parse_date(value) is None


def test_parse_date_accepts_a_date_up_to_a_year_ahead():
    soon = dt.date.today() + dt.timedelta(days=200)
    assert parse_date(soon.isoformat()) == D(soon)


def test_find_date_prefers_labels_over_earlier_dates():
    text = "热点 2023-01-01 文章\n标题\n时间:2024-05-02 来源:某局 作者:佚名\n正文 2022-03-04 会议"
    assert find_date_in_text(text) == D("2024-05-02")


def test_find_date_label_strength_发布时间_beats_时间():
    assert find_date_in_text("时间：2024-05-01 发布时间：2024-05-03") == D("2024-05-03")
    assert find_labelled_date("日期 2024年5月6日 发文日期：2024年5月7日") == D("2024-05-07")


@pytest.mark.parametrize("text, expected", [
    ("发布日期:2019-03-06", "2019-03-06"),
    ("发文日期：二〇二四年五月二日", "2024-05-02"),
    ("发布时间 2019年06月15日08:18", "2019-06-15"),
    ("开会 2020-01-01 之后 2020-02-02 10:00 发布", "2020-02-02"),   # a date with a time of day first
    ("只有 2020-01-05 一个日期", "2020-01-05"),
    ("5月2日召开，没有年份", None),
    ("时间：待定", None),
    ("", None),
])
def test_find_date_in_text(text, expected):
    got = find_date_in_text(text)
    assert got == (D(expected) if expected else None)


@pytest.mark.parametrize("url, expected", [
    ("https://amr.hainan.gov.cn/yw/gzdt/202404/t20240430_3656724.html", "2024-04-30"),
    ("http://www.xinhuanet.com/2024-05/02/c_1130137.htm", "2024-05-02"),
    ("https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml", "2018-12-28"),
    ("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html", "2016-11-22"),
    ("http://nb.ifeng.com/a/20200911/14526474_0.shtml", "2020-09-11"),
    ("http://x.gov.cn/202405/02/content_1.html", "2024-05-02"),
    ("http://x.gov.cn/gzdt/202404/abc_1.html", None),          # month only: no day
    ("http://x.gov.cn/2024/05/", None),
    ("http://x.gov.cn/t20241345_1.html", None),                 # impossible day
    ("http://x.gov.cn/news/12345.html", None),
    ("", None),
])
def test_date_from_url(url, expected):
    got = date_from_url(url)
    assert got == (D(expected) if expected else None)


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.none(), st.binary()))
def test_parse_date_never_raises_and_stays_plausible(value):
    ts = parse_date(value)
    assert ts is None or (ts.year >= 1949 and ts <= pd.Timestamp.today() + pd.Timedelta(days=367))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789-/.年月日时:： 发布时间来源〇一二三四五六七八九十零", max_size=60))
def test_find_date_in_text_never_raises(text):
    ts = find_date_in_text(text)
    assert ts is None or ts.year >= 1949


def test_first_publish_label_wins_over_a_later_one():
    text = "发布日期：2024-05-02\n正文……\n相关新闻 发布时间：2023-01-01"
    assert find_labelled_date(text) == D("2024-05-02")
    assert find_labelled_date("更新时间：2024-06-01 时间：2024-05-01") == D("2024-06-01")
    assert find_labelled_date("会议于 2024-05-01 召开") is None


# --- issue 11 (BR-2-08): date forms users meet -------------------------------------------------------
from analysis.dates import find_labelled_dates  # noqa: E402


@pytest.mark.parametrize("value, expected", [
    ("2023 05 06", "2023-05-06"),               # spaces as separators (a date cell)
    ("2023  5  6", "2023-05-06"),
    ("2023\u30005\u30006", "2023-05-06"),        # ideographic spaces
    ("20230506", "2023-05-06"),
    ("发布时间：20230506", "2023-05-06"),        # compact after a label
    ("112-05-06", "2023-05-06"),                # 民國 112 = 2023 (3-digit year alone)
    ("112/5/6", "2023-05-06"),
    ("民國112年5月6日", "2023-05-06"),
    ("民国99年12月31日", "2010-12-31"),          # 2-digit 民國 year only with 民國 before it
    ("發布日期：112-05-06", "2023-05-06"),
    ("2023年5月6日 星期六", "2023-05-06"),
    ("2023-05-06 10:00:00.0", "2023-05-06"),
    ("2023年5月6号", "2023-05-06"),
    ("2023 13 06", None),                       # no month 13
    ("12-05-06", None),                         # two digits without 民國: ambiguous, never guessed
    ("民國-5年1月1日", None),
    ("2023 05 067", None),                      # a three-digit day is no day
    ("2023 05 06 10:00", "2023-05-06"),
    ("版本 1.112.05.06", None),
])
def test_loose_date_forms(value, expected):
    got = parse_date(value)
    assert (got.strftime("%Y-%m-%d") if got is not None else None) == expected


@pytest.mark.parametrize("text, date, written", [
    ("发布日期：2023 05 06", "2023-05-06", None),
    ("发布时间：20230506\n来源：某局", "2023-05-06", None),
    ("成文日期：2023年05月04日\n发布日期：2023年05月06日", "2023-05-06", "2023-05-04"),
    ("发布日期：2023年05月06日 成文日期：2023年05月04日", "2023-05-06", "2023-05-04"),
    ("成文日期：2023年05月04日", "2023-05-04", "2023-05-04"),     # only the 成文日期: it is the date too
    ("印發日期：112年5月4日 發布日期：112年5月6日", "2023-05-06", "2023-05-04"),
    ("更新时间：2023-05-08 成文日期：2023-05-04", "2023-05-04", "2023-05-04"),
    ("时间：2023-05-08", "2023-05-08", None),
    ("没有日期的一段话", None, None),
])
def test_labelled_dates_keep_the_written_date_apart(text, date, written):
    got = find_labelled_dates(text)
    assert tuple(None if d is None else d.strftime("%Y-%m-%d") for d in got) == (date, written)
    assert find_labelled_date(text) == got[0]


def test_spaced_and_minguo_forms_are_not_read_in_running_text():
    # body text with numbers that only look like dates when one is expected
    assert find_date_in_text("共有 2023 05 06 三组编号，第 112-05-06 号文件") is None
