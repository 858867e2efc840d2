"""``analysis.store.query_agencies``: the 机构 page's views of a selection give identical frames on the memory and
DuckDB backends, equal to the page's own functions (``analysis.agency_counts``, ``analysis.agency_history.
roll_up``) on the mentions ``find_mentions`` gives for the same articles; exact values."""
from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, find_mentions
from analysis.agency_counts import by_period, by_source, cooccurrence, government_mentions, unresolved_summary
from analysis.agency_history import roll_up
from analysis.agencies import agency_summary
from analysis.agency_table import load_agencies
from analysis.errors import InvalidOption
from analysis.filters import Filters, filter_mask
from analysis.schema import coerce_articles
from analysis.store import agency_arrays
from analysis.store import query as Q
from analysis.store import query_agencies as QA
from analysis.store.agency_arrays import counted_under, mention_arrays
from analysis.store.store import build_store
from tests.test_store_pages import ARTICLES, FILTERS, spec  # noqa: F401 (the store's analysis spec)

# historical names next to their successors (环境保护部 → 生态环境部, 国家安全生产监督管理总局 → 应急管理部,
# 卫生部 → 国家卫生健康委员会), bare forms no region resolves, a third file and an undated article
MORE = coerce_articles(pd.DataFrame({"title": ["标题15 通知", "标题16 通知", "标题17 通知"], "body": [
    "环境保护部和生态环境部先后发布通知。国家安全生产监督管理总局召开会议,应急管理部参加。",
    "卫生部部署工作。县卫生局开展检查,市场监督管理局参加。国务院、财政部联合发文。",
    "财政部发布公告。国务院召开会议,财政部参加。美国国务院发表声明。"],
    "date": ["2022-03-02", "2022-05-03", None], "source": ["甲", "戊", ""], "file": ["b.csv", "b.csv", "c.csv"]}))
ARTS = pd.concat([ARTICLES, MORE.assign(id=[15, 16, 17])], ignore_index=True)
ALL_FILTERS = [*FILTERS, Filters(sources=("戊",)), Filters(date_from=pd.Timestamp("2022-01-01"))]
OPTIONS = [dict(include_foreign=False, include_media=False, successors=False),
           dict(include_foreign=True, include_media=True, successors=False),
           dict(include_foreign=False, include_media=True, successors=True),
           dict(include_foreign=True, include_media=False, successors=True),
           # names marked "not an agency" (ui.marks) go before the roll-up: 环境保护部 is not merged
           dict(include_foreign=False, include_media=False, successors=True, exclude=frozenset({"环境保护部", "国务院"}))]


@pytest.fixture(scope="module")
def backends(spec, tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("agencies") / "s", ARTS, spec, batch_rows=4)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        yield Q.MemoryBackend.from_store(store), duck


@pytest.fixture(scope="module")
def page_mentions():
    """What the in-memory 机构 page starts from: the mentions of the article table itself."""
    return find_mentions(ARTS, AgencyMatcher.from_table(load_agencies(user_path="")))


def _both(backends, f, fn):
    mem, duck = backends
    a, b = fn(mem, mem.select(f)), fn(duck, duck.select(f))
    pd.testing.assert_frame_equal(a, b)
    return a


def _page(page_mentions, f, opts):
    """The page's mentions and mask for ``f`` (``views/agencies.py``)."""
    m = page_mentions[~page_mentions["agency"].isin(list(opts.get("exclude", ())))]
    m = government_mentions(m, include_foreign=opts["include_foreign"], include_media=opts["include_media"])
    return (roll_up(m) if opts["successors"] else m), filter_mask(ARTS, f, mentions=page_mentions)


@pytest.mark.parametrize("f", ALL_FILTERS)
@pytest.mark.parametrize("opts", OPTIONS)
def test_agency_table_agrees(backends, page_mentions, f, opts):
    got = _both(backends, f, lambda b, s: QA.agency_table(b, s, **opts))
    m, mask = _page(page_mentions, f, opts)
    pd.testing.assert_frame_equal(got, agency_summary(m, mask))
    if not opts["successors"] and not opts.get("exclude"):   # the page's ranking table (query.agency_counts) too
        pd.testing.assert_frame_equal(got, _both(backends, f, lambda b, s: Q.agency_counts(
            b, s, include_foreign=opts["include_foreign"], include_media=opts["include_media"], aliases=True)))


@pytest.mark.parametrize("f", ALL_FILTERS)
@pytest.mark.parametrize("opts", OPTIONS)
@pytest.mark.parametrize("column", ["source", "file"])
def test_by_source_and_file_agree(backends, page_mentions, f, opts, column):
    got = _both(backends, f, lambda b, s: QA.agency_by(b, s, column, **opts))
    m, mask = _page(page_mentions, f, opts)
    pd.testing.assert_frame_equal(got, by_source(m, ARTS, mask, column=column))


@pytest.mark.parametrize("f", ALL_FILTERS)
@pytest.mark.parametrize("foreign", [False, True])
def test_unresolved_agrees(backends, page_mentions, f, foreign):
    got = _both(backends, f, lambda b, s: QA.unresolved(b, s, include_foreign=foreign))
    m, mask = _page(page_mentions, f, dict(include_foreign=foreign, include_media=False, successors=False))
    pd.testing.assert_frame_equal(got, unresolved_summary(m, mask), check_dtype=False)


@pytest.mark.parametrize("f", ALL_FILTERS)
@pytest.mark.parametrize("freq", ["day", "week", "month", "quarter", "year"])
@pytest.mark.parametrize("opts", OPTIONS[::2])   # (with the marked names)
def test_periods_agree(backends, page_mentions, f, freq, opts):
    got = _both(backends, f, lambda b, s: QA.agency_periods(b, s, freq, **opts))
    m, mask = _page(page_mentions, f, opts)
    pd.testing.assert_frame_equal(got, by_period(m, ARTS, freq, mask))
    some = ["国务院", "财政部", "生态环境部"]
    picked = _both(backends, f, lambda b, s: QA.agency_periods(b, s, freq, agencies=some, **opts))
    pd.testing.assert_frame_equal(picked, got[got["agency"].isin(some)].reset_index(drop=True))


@pytest.mark.parametrize("f", ALL_FILTERS)
@pytest.mark.parametrize("opts", OPTIONS)
@pytest.mark.parametrize("same", [False, True])
def test_pairs_agree(backends, page_mentions, f, opts, same):
    got = _both(backends, f, lambda b, s: QA.agency_pairs(b, s, same_sentence=same, **opts))
    m, mask = _page(page_mentions, f, opts)
    pd.testing.assert_frame_equal(got, cooccurrence(m, mask, same_sentence=same))


# ------------------------------------------------------------------------------------------------ exact values
def test_successor_roll_up_values(backends):
    table = _both(backends, Filters(), lambda b, s: QA.agency_table(b, s, successors=True))
    row = table.set_index("agency")
    # 环境保护部 (row 15) and 生态环境部 (rows 7, 15): 3 mentions in 2 articles, the old name an alias
    assert row.loc["生态环境部"].tolist() == [3, 2, "生态环境部|环境保护部"]
    assert row.loc["应急管理部"].tolist() == [2, 1, "国家安全生产监督管理总局|应急管理部"]
    assert row.loc["国家卫生健康委员会"].tolist() == [1, 1, "卫生部"]
    assert "环境保护部" not in row.index and "卫生部" not in row.index
    marked = _both(backends, Filters(), lambda b, s: QA.agency_table(b, s, successors=True,
                                                                     exclude=frozenset({"环境保护部"})))
    assert marked.set_index("agency").loc["生态环境部"].tolist() == [2, 2, "生态环境部"]
    plain = _both(backends, Filters(), lambda b, s: QA.agency_table(b, s)).set_index("agency")
    assert plain.loc["生态环境部"].tolist() == [2, 2, "生态环境部"] and plain.loc["环境保护部", "mentions"] == 1


def test_by_source_values(backends):
    got = _both(backends, Filters(), lambda b, s: QA.agency_by(b, s, "source"))
    gov = got[got["agency"] == "国务院"]
    # rows 3 (丙), 13 (甲: 美国国务院 is another body), 16 (戊), 17 (no source)
    assert gov[["source", "mentions", "documents"]].values.tolist() == [
        ["丙", 1, 1], ["戊", 1, 1], ["未知来源", 1, 1], ["甲", 1, 1]]
    files = _both(backends, Filters(), lambda b, s: QA.agency_by(b, s, "file", successors=True))
    assert files[files["agency"] == "应急管理部"].values.tolist() == [["应急管理部", "b.csv", 2, 1]]


def test_unresolved_values(backends):
    got = _both(backends, Filters(), lambda b, s: QA.unresolved(b, s))
    assert got.values.tolist() == [["县卫生局", "county", 1, 1], ["市场监督管理局", "", 1, 1]]
    assert _both(backends, Filters(sources=("甲",)), lambda b, s: QA.unresolved(b, s)).empty


def test_period_values(backends):
    got = _both(backends, Filters(), lambda b, s: QA.agency_periods(b, s, "year", agencies=["财政部"]))
    # 财政部: rows 5 (2021-01-04), 14 (2021-02-03) and 16 (2022-05-03); row 17 is undated
    assert got.assign(period=got["period"].dt.year).values.tolist() == [
        ["财政部", 2020, 0, 0], ["财政部", 2021, 2, 2], ["财政部", 2022, 1, 1]]
    assert _both(backends, Filters(), lambda b, s: QA.agency_periods(b, s, "year", agencies=["无此机构"])).empty


def test_pair_values(backends):
    same = _both(backends, Filters(), lambda b, s: QA.agency_pairs(b, s, same_sentence=True))
    assert same.values.tolist() == [["国务院", "财政部", 2], ["国务院", "国家发展和改革委员会", 1],
                                    ["国家安全生产监督管理总局", "应急管理部", 1], ["国家税务总局", "财政部", 1],
                                    ["环境保护部", "生态环境部", 1]]
    rolled = _both(backends, Filters(), lambda b, s: QA.agency_pairs(b, s, same_sentence=True, successors=True))
    assert rolled.values.tolist() == [["国务院", "财政部", 2], ["国务院", "国家发展和改革委员会", 1],
                                      ["国家税务总局", "财政部", 1]]


@pytest.mark.parametrize("call", [lambda b, s: QA.agency_by(b, s, "author"),
                                  lambda b, s: QA.agency_periods(b, s, "fortnight")])
def test_bad_options_are_named(backends, call):
    for b in backends:
        with pytest.raises(InvalidOption):
            call(b, b.select(Filters()))


def test_a_selection_of_the_other_backend_is_refused(backends):
    mem, duck = backends
    with pytest.raises(InvalidOption):
        QA.agency_table(duck, mem.select(Filters()))
    with pytest.raises(InvalidOption):
        QA.agency_pairs(mem, duck.select(Filters()))


def test_mention_arrays_are_read_once(backends):
    _, duck = backends
    a = mention_arrays(duck)
    assert mention_arrays(duck) is a
    n = duck.query("SELECT count(*) n FROM mentions m JOIN agencies g USING (agency_id) "
                   "WHERE m.resolved AND g.agency <> ''")["n"][0]
    assert len(a["row"]) == int(n) == len(duck.agency_index()["row"])
    assert np.all(np.diff(a["row"]) >= 0) and np.all(np.diff(a["unit"]) >= 0)
    # the agency index the other views count from is sorted by (row, agency)
    ix = duck.agency_index()
    assert np.all(np.diff(ix["row"] * len(ix["names"]) + ix["agency"]) >= 0)


@pytest.mark.parametrize("f", ALL_FILTERS[:4])
def test_roll_up_by_mention_when_a_names_successor_depends_on_the_mention(backends, page_mentions, f, monkeypatch):
    """A name whose successor depends on the mention's level or parent: the roll-up reads every mention's
    (agency, level, parent) — forced here on a fresh backend; the same frames."""
    mem, duck = backends
    fresh = Q.DuckBackend(duck.store)
    monkeypatch.setattr(agency_arrays, "_successor_of_ids", lambda backend: None)
    try:
        opts = dict(include_foreign=False, include_media=False, successors=True)
        m, mask = _page(page_mentions, f, opts)
        sel = fresh.select(f)
        pd.testing.assert_frame_equal(QA.agency_table(fresh, sel, **opts), agency_summary(m, mask))
        pd.testing.assert_frame_equal(QA.agency_by(fresh, sel, "file", **opts), by_source(m, ARTS, mask, column="file"))
        pd.testing.assert_frame_equal(QA.agency_periods(fresh, sel, "month", **opts), by_period(m, ARTS, "month", mask))
        for same in (False, True):
            pd.testing.assert_frame_equal(QA.agency_pairs(fresh, sel, same_sentence=same, **opts),
                                          cooccurrence(m, mask, same_sentence=same))
        assert "triple" in mention_arrays(fresh, triples=True)
    finally:
        fresh.close()


@pytest.mark.parametrize("name,want", [("生态环境部", ["生态环境部", "环境保护部"]),
                                       ("应急管理部", ["应急管理部", "国家安全生产监督管理总局"]),
                                       ("国家卫生健康委员会", ["卫生部"]),   # only its old name is in the texts
                                       ("国务院", ["国务院"]), ("无此机构", [])])
def test_the_names_counted_under_a_successor(backends, name, want, monkeypatch):
    mem, duck = backends
    assert counted_under(mem, name) == counted_under(duck, name) == want
    monkeypatch.setattr(agency_arrays, "_successor_of_ids", lambda backend: None)   # the per-mention path
    assert counted_under(duck, name) == want
