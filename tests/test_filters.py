import numpy as np
import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.filters import Filters, check_mask, filter_mask, parse_query, query_mask, query_rows, rows_mentioning
from analysis.schema import coerce_articles


@pytest.fixture()
def arts() -> pd.DataFrame:
    return coerce_articles(pd.DataFrame({
        "title": ["市场监管总局召开会议", "计量工作会议", "广告监管", "标准化研究院成立", "无日期文章"],
        "body": ["部署市场监管工作", "计量与标准化", "虚假广告整治 市场监管", "标准化 战略", "内容"],
        "date": ["2024-01-05", "2024-02-10", "2024-03-15", "2024-03-20", None],
        "source": ["新华网", "人民网", "新华网", "中国质量报", ""],
        "duplicate_of": [pd.NA, pd.NA, pd.NA, 2, pd.NA],
    }))


@pytest.mark.parametrize("query, expected", [
    ("", [True, True, True, True, True]),
    ("市场监管", [True, False, True, False, False]),
    ("市场监管 广告", [False, False, True, False, False]),
    ("计量 OR 广告", [False, True, True, False, False]),
    ("计量 | 广告", [False, True, True, False, False]),
    ("市场监管 NOT 广告", [True, False, False, False, False]),
    ("市场监管 -广告", [True, False, False, False, False]),
    ("标准化 OR 市场监管 NOT 广告", [True, True, False, True, False]),
    ('"计量 与"', [False, False, False, False, False]),
    ('"计量与"', [False, True, False, False, False]),
])
def test_query_mask(arts, query, expected):
    assert query_mask(arts, query).tolist() == expected


@pytest.mark.parametrize("query", ['"未闭合', "市场监管 NOT"])
def test_bad_query_raises_invalid_option(query):
    with pytest.raises(InvalidOption):
        parse_query(query)


def test_parse_query_structure():
    q = parse_query("a b OR -c")
    assert q.clauses == (((False, "a"), (False, "b")), ((True, "c"),))
    assert q.positive_terms == ["a", "b"]


def test_default_filters_drop_duplicates_only(arts):
    assert filter_mask(arts, Filters()).tolist() == [True, True, True, False, True]
    assert filter_mask(arts, Filters(dedupe=False)).all()


def test_date_range_excludes_undated_unless_kept(arts):
    f = Filters(date_from=pd.Timestamp("2024-02-01"), date_to=pd.Timestamp("2024-03-15"), dedupe=False)
    assert filter_mask(arts, f).tolist() == [False, True, True, False, False]
    f2 = Filters(date_from=pd.Timestamp("2024-02-01"), dedupe=False, keep_undated=True)
    assert filter_mask(arts, f2).tolist() == [False, True, True, True, True]


def test_sources_and_agencies(arts):
    assert filter_mask(arts, Filters(sources=("新华网",))).tolist() == [True, False, True, False, False]
    mentions = pd.DataFrame({"row": [0, 2, 2, 3], "agency": ["市场监管总局", "X", "市场监管总局", "市场监管总局"]})
    m = filter_mask(arts, Filters(agencies=("市场监管总局",), dedupe=False), mentions)
    assert m.tolist() == [True, False, True, True, False]
    with pytest.raises(InvalidOption):
        filter_mask(arts, Filters(agencies=("市场监管总局",)))


def test_filter_mask_does_not_mutate(arts):
    before = arts.copy()
    filter_mask(arts, Filters(query="计量", sources=("人民网",)))
    pd.testing.assert_frame_equal(arts, before)


def test_empty_table():
    empty = coerce_articles(pd.DataFrame())
    assert filter_mask(empty, Filters(query="x")).shape == (0,)
    assert isinstance(filter_mask(empty, Filters()), np.ndarray)


def test_query_with_prebuilt_texts_matches_and_checks_length(arts):
    from analysis.filters import search_texts

    texts = search_texts(arts)
    assert texts[0] == "市场监管总局召开会议\n部署市场监管工作"
    assert query_mask(arts, "计量 OR 广告", texts).tolist() == [False, True, True, False, False]
    assert filter_mask(arts, Filters(query="标准化"), texts=texts).tolist() == [False, True, False, False, False]
    with pytest.raises(ValueError):
        query_mask(arts, "计量", texts[:2])


def test_query_is_case_insensitive_for_latin(arts):
    mixed = arts.assign(title=["GB/T 标准", "gb/t", "x", "y", "z"])
    assert query_mask(mixed, "GB/T").tolist() == [True, True, False, False, False]


def test_check_mask_one_rule_for_every_selection():
    assert check_mask(None, 3).tolist() == [True, True, True]
    assert check_mask(None, 3, default_all=False) is None
    assert check_mask([1, 0, 1], 3).tolist() == [True, False, True]
    with pytest.raises(InvalidOption, match=r"invalid mask .*length \(2,\).*length 3"):
        check_mask(np.array([True, False]), 3)


def test_rows_mentioning_one_or_several_agencies():
    mentions = pd.DataFrame({"row": [0, 2, 2, 3, 7, -1], "agency": ["甲局", "乙局", "甲局", "丙局", "甲局", "甲局"]})
    assert rows_mentioning(mentions, ["甲局"], 5).tolist() == [True, False, True, False, False]  # rows 7 and -1 ignored
    assert rows_mentioning(mentions, ("乙局", "丙局"), 5).tolist() == [False, False, True, True, False]
    assert rows_mentioning(mentions, ["无此局"], 3).tolist() == [False, False, False]
    assert rows_mentioning(mentions.iloc[:0], ["甲局"], 2).tolist() == [False, False]
    assert rows_mentioning(mentions, ["甲局"], 0).shape == (0,)


def test_query_rows_evaluates_clauses_with_any_term_source():
    """One evaluation of a parsed query; the term source is the caller's (text scan, the store's index)."""
    holds = {"计量": [True, True, False, False], "标准": [True, False, True, False], "广告": [False, True, False, True]}
    asked: list[str] = []

    def term_rows(term):
        asked.append(term)
        return np.array(holds.get(term, [False] * 4))

    assert query_rows(parse_query("计量 标准 OR 广告"), 4, term_rows).tolist() == [True, True, False, True]
    asked.clear()
    assert query_rows(parse_query("计量 NOT 广告 OR 标准 NOT 广告"), 4, term_rows).tolist() == [True, False, True, False]
    assert sorted(asked) == ["广告", "标准", "计量"]   # 广告 twice in the query, asked once
    assert query_rows(parse_query("无此词"), 4, term_rows).tolist() == [False] * 4
