"""analysis/overview.py: counts, top sources and agencies of a selection."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.figures.overview import bar_figure
from analysis.overview import agency_counts, sparkline_freq, summary, top_sources
from analysis.schema import coerce_articles


def arts() -> pd.DataFrame:
    return coerce_articles(pd.DataFrame({
        "title": ["甲1", "甲2", "乙1", "无来源", "甲转载"],
        "source": ["甲报", "甲报", "乙报", "", "甲报"],
        "date": ["2024-03-01", "2024-01-05", None, "2024-02-10", "2024-03-02"],
        "duplicate_of": [None, None, None, None, 1],
    }))


def test_summary_all_and_masked():
    s = summary(arts())
    assert (s.articles, s.total, s.sources, s.undated, s.reposts) == (5, 5, 2, 1, 1)
    assert (s.first, s.last) == (pd.Timestamp("2024-01-05"), pd.Timestamp("2024-03-02"))
    s = summary(arts(), np.array([False, False, True, True, False]))
    assert (s.articles, s.sources, s.undated, s.reposts, s.first) == (2, 1, 1, 0, pd.Timestamp("2024-02-10"))
    s = summary(arts(), np.zeros(5, dtype=bool))
    assert (s.articles, s.first, s.last) == (0, None, None)


def test_summary_rejects_a_mask_of_the_wrong_length():
    with pytest.raises(InvalidOption, match="mask"):
        summary(arts(), np.ones(3, dtype=bool))


def test_top_sources_orders_by_count_then_name_and_skips_empty():
    assert top_sources(arts()).to_dict("list") == {"source": ["甲报", "乙报"], "articles": [3, 1]}
    assert top_sources(arts(), n=1).to_dict("list") == {"source": ["甲报"], "articles": [3]}
    with pytest.raises(InvalidOption):
        top_sources(arts(), n=-1)


def test_bar_figure_largest_on_top_with_labels_for_drilldown():
    fig = bar_figure(top_sources(arts()), "source", "articles", "来源")
    assert list(fig.data[0].y) == ["乙报", "甲报"] and list(fig.data[0].customdata) == ["乙报", "甲报"]
    assert fig.layout.template.layout.paper_bgcolor == "white"


@pytest.mark.parametrize("first, last, freq", [
    ("2024-01-01", "2024-03-03", "day"), ("2024-01-01", "2024-03-04", "week"), ("2024-01-01", "2024-07-01", "week"),
    ("2024-01-01", "2024-07-02", "month"), ("2022-09-24", "2026-08-22", "month"), ("2015-01-01", "2024-01-01", "quarter"),
])
def test_sparkline_freq(first, last, freq):
    assert sparkline_freq(pd.Timestamp(first), pd.Timestamp(last)) == freq
    assert sparkline_freq(None, None) == "month"


def test_agency_counts_match_the_agency_summary_without_aliases():
    from analysis.agencies import agency_summary, find_mentions
    from analysis.overview import agency_counts

    articles = coerce_articles(pd.DataFrame({
        "title": ["市场监管总局通知", "海南省市场监督管理局检查", "无机构"],
        "body": ["国家市场监督管理总局部署。市场监管总局要求。", "海南省市场监管局和市场监管总局联合。", "计量"]}))
    mentions = find_mentions(articles)
    for mask in (None, np.array([False, True, True])):
        expected = agency_summary(mentions, mask)[["agency", "mentions", "documents"]]
        pd.testing.assert_frame_equal(agency_counts(mentions, mask), expected, check_dtype=False)
    assert agency_counts(mentions).to_dict("list") == {
        "agency": ["国家市场监督管理总局", "海南省市场监督管理局"], "mentions": [4, 2], "documents": [2, 1]}


def test_agency_counts_can_leave_out_foreign_bodies():
    mentions = pd.DataFrame({"row": [0, 0, 1], "agency": ["国务院", "美国国务院", "国务院"],
                             "resolved": [True, True, True], "level": ["national", "foreign", "national"]})
    assert agency_counts(mentions)["agency"].tolist() == ["国务院", "美国国务院"]
    assert agency_counts(mentions, include_foreign=False).to_dict("list") == {
        "agency": ["国务院"], "mentions": [2], "documents": [2]}
