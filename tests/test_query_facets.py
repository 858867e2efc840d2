"""``analysis.store.query_facets``: the sidebar's agency facets give identical frames on the memory and DuckDB
backends, equal to the in-memory sidebar's ``facet_table`` of the mentions ``find_mentions`` gives for the
same articles; exact values, the first stored level and region of an agency named at two levels, marked names."""
from __future__ import annotations

import contextlib

import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, find_mentions
from analysis.agency_table import load_agencies
from analysis.schema import coerce_articles
from analysis.store import query as Q
from analysis.store import query_facets as QF
from analysis.store.store import build_store
from tests.test_query_agencies import ARTS as AGENCY_ARTS
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

MARKS = [frozenset(), frozenset({"国务院"}), frozenset({"财政部", "生态环境部", "无此机构"})]


def _mentions(arts: pd.DataFrame) -> pd.DataFrame:
    return find_mentions(arts, AgencyMatcher.from_table(load_agencies(user_path="")))


@pytest.fixture(scope="module")
def backends(spec, tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("facets") / "s", AGENCY_ARTS, spec, batch_rows=4)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        yield Q.MemoryBackend.from_store(store), duck


def _both(backends, exclude=frozenset()) -> pd.DataFrame:
    mem, duck = backends
    a, b = QF.agency_facets(mem, exclude=exclude), QF.agency_facets(duck, exclude=exclude)
    pd.testing.assert_frame_equal(a, b)
    return a


@pytest.mark.parametrize("exclude", MARKS)
def test_facets_agree_with_the_sidebar(backends, exclude):
    got = _both(backends, exclude)
    m = _mentions(AGENCY_ARTS)
    pd.testing.assert_frame_equal(got, QF.facet_table(m[~m["agency"].isin(list(exclude))]), check_dtype=False)
    assert not set(exclude) & set(got["agency"])
    # kept with the backend: the same table again (a copy: changing it changes nothing kept)
    again = _both(backends, exclude)
    again.loc[0, "mentions"] = -1
    pd.testing.assert_frame_equal(_both(backends, exclude), got)


def test_values(backends):
    got = _both(backends).set_index("agency")
    assert list(_both(backends).columns) == list(QF.FACET_COLUMNS)
    assert got.loc["财政部"].tolist() == ["national", "全国", 5, "国务院组成部门"]
    assert got.loc["海南省市场监督管理局"].tolist() == ["provincial", "海南省", 2, "政府直属机构"]
    assert got.loc["美国国务院"].tolist() == ["foreign", "美国", 2, ""]
    assert got.index.tolist()[:3] == ["财政部", "国务院", "中国计量科学研究院"]
    assert len(got) == 15 and "国务院" not in set(_both(backends, frozenset({"国务院"}))["agency"])
    assert _both(backends)["mentions"].is_monotonic_decreasing


# bare forms placed by the article's source: 统计局 of a 重庆 article is 重庆市统计局
TWO = coerce_articles(pd.DataFrame({"title": ["甲", "乙", "丙"], "body": [
    "统计局发布数据。", "国家统计局发布数据。重庆市政府召开会议。", "市政府部署工作。重庆市人民政府发文。"],
    "date": ["2022-01-01", "2022-01-02", "2022-01-03"], "source": ["重庆", "乙", "重庆"]}))


def test_values_of_another_store(spec, tmp_path):
    store = build_store(tmp_path / "s", TWO, spec, batch_rows=1)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        mem = Q.MemoryBackend.from_store(store)
        a, b = QF.agency_facets(mem), QF.agency_facets(duck)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, QF.facet_table(_mentions(TWO)), check_dtype=False)
    assert a.values.tolist() == [["重庆市人民政府", "provincial", "重庆市", 2, "人民政府"],
                                 ["国家统计局", "national", "全国", 1, "国务院直属机构"],
                                 ["重庆市统计局", "provincial", "重庆市", 1, "政府直属机构"]]


@pytest.mark.parametrize("values,first", [((("municipal", "渝"), (None, None)), ("municipal", "渝")),
                                          (((None, None), ("county", "渝")), ("county", "渝")),
                                          (((None, "渝"), ("county", None)), ("county", "渝"))])
def test_first_level_and_region_in_stored_order(spec, tmp_path, values, first):
    """An agency given two levels or regions (重庆市人民政府: provincial and municipal in the 1 M store) gets its
    first non-missing value of each in stored order, as ``groupby(...).first()`` of the mention frame: the
    store's mentions rewritten so that its two mentions say ``values``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    store = build_store(tmp_path / "s", TWO, spec, batch_rows=1)
    part = store.files("mentions")[0]
    gov = store.read("agencies")["agency"].to_pylist().index("重庆市人民政府")
    t = pq.read_table(part)
    hits = [i for i, a in enumerate(t["agency_id"].to_pylist()) if a == gov]
    assert len(hits) == 2
    for k, col in enumerate(("level", "region")):
        new = t[col].to_pylist()
        for i, pair in zip(hits, values):
            new[i] = pair[k]
        t = t.set_column(t.schema.get_field_index(col), col, pa.array(new, t.schema.field(col).type))
    pq.write_table(t, part)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        mem = Q.MemoryBackend.from_store(store)
        a, b = QF.agency_facets(mem), QF.agency_facets(duck)
    pd.testing.assert_frame_equal(a, b)
    assert a[a["agency"] == "重庆市人民政府"].values.tolist() == [["重庆市人民政府", *first, 2, "人民政府"]]


def test_empty_dataset_of_no_agency(spec, tmp_path):
    none = coerce_articles(pd.DataFrame({"title": ["无"], "body": ["今天天气晴。"], "date": ["2022-01-01"]}))
    store = build_store(tmp_path / "s", none, spec, batch_rows=1)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        got = QF.agency_facets(duck)
    assert got.empty and list(got.columns) == list(QF.FACET_COLUMNS)
