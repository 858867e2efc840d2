"""The keyword-side query functions of a store (``analysis.store.query_terms``): the memory and DuckDB backends
give identical frames on a small store, equal to what the in-memory pages compute (``analysis.timeline``,
``analysis.keyness``, ``analysis.keywords.terms_by``, ``analysis.phrases``), plus exact values and errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.filters import Filters
from analysis.keyness import keyness as mem_keyness
from analysis.keywords import terms_by as mem_terms_by
from analysis.phrases import phrases as mem_phrases
from analysis.store import query as Q
from analysis.store import query_terms as QT
from analysis.store import query_vocab as QV
from analysis.timeline import agency_series as mem_agency_series, drill_down, term_series as mem_term_series
from tests.test_store_pages import FILTERS, backends, spec  # noqa: F401 (the small store of 14 articles: its fixtures)

FREQS = ["day", "week", "month", "quarter", "year", "auto"]


def assert_timelines_equal(a, b):
    assert (a.freq, a.measure, a.kind) == (b.freq, b.measure, b.kind)
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.undated.keys() == b.undated.keys()
    np.testing.assert_equal(list(a.undated.values()), list(b.undated.values()))
    for k in a.counts:
        np.testing.assert_array_equal(a.counts[k], b.counts[k])


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("freq", FREQS)
@pytest.mark.parametrize("measure", ["count", "per_1000", "share"])
def test_term_series_agree(backends, f, freq, measure):
    mem, duck = backends
    terms = ["计量", "标准化", "不存在的词", "经济"]
    a = QT.term_series(mem, mem.select(f), terms, freq, measure=measure)
    b = QT.term_series(duck, duck.select(f), terms, freq, measure=measure)
    assert_timelines_equal(a, b)
    ref = mem_term_series(mem.articles, mem.corpus, terms, mem.select(f).mask, freq, measure=measure)
    assert_timelines_equal(a, ref)


def test_term_series_values(backends):
    for be in backends:
        tl = QT.term_series(be, be.select(Filters(dedupe=False)), ["计量", "标准化"], "month")
        assert tl.table["period"].tolist() == ["2020-12", "2021-01", "2021-02", "2021-03"]
        # 计量: twice in row 0 (2020-12), twice in row 2 (2021-01); the undated row 6 has 计量器具 (another word)
        assert tl.table["计量"].tolist() == [2, 2, 0, 0]
        assert tl.table["标准化"].tolist() == [2, 0, 0, 1]   # rows 1 and 4 (a repost) in 2020-12, row 10 in 2021-03
        assert tl.undated == {"计量": 0, "标准化": 0}
        share = QT.term_series(be, be.select(Filters(dedupe=False)), ["计量"], "month", measure="share")
        assert share.table["计量"].tolist()[:2] == [1 / 3, 1 / 5]   # 1 of 3 articles of 2020-12, 1 of 5 of 2021-01
        with pytest.raises(InvalidOption):
            QT.term_series(be, be.select(Filters()), ["计量"], "fortnight")
        with pytest.raises(InvalidOption):
            QT.term_series(be, be.select(Filters()), ["计量"], "month", measure="tfidf")


def test_term_vectors_drill_down(backends):
    """The store's term vectors serve the drill-down of a point as the corpus does."""
    mem, duck = backends
    f = Filters(dedupe=False)
    tl = QT.term_series(mem, mem.select(f), ["标准化"], "month")
    ref = drill_down(mem.articles, tl, "2020-12", "标准化", mem.select(f).mask, corpus=mem.corpus)
    got = drill_down(mem.articles, tl, "2020-12", "标准化", Q.selection_mask(duck, duck.select(f)),
                     corpus=QT.term_vectors(duck, ["标准化"]))
    pd.testing.assert_frame_equal(ref, got)
    assert got["id"].tolist() == [2, 5] and got["occurrences"].tolist() == [1, 1]


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("freq", ["week", "month", "auto"])
@pytest.mark.parametrize("measure", ["mentions", "articles"])
def test_agency_series_agree(backends, f, freq, measure):
    mem, duck = backends
    names = ["国务院", "国家发展和改革委员会", "海南省市场监督管理局", "无此机构"]
    a = QT.agency_series(mem, mem.select(f), names, freq, measure=measure)
    b = QT.agency_series(duck, duck.select(f), names, freq, measure=measure)
    assert_timelines_equal(a, b)
    ref = mem_agency_series(mem.articles, mem.mentions, names, mem.select(f).mask, freq, measure=measure)
    assert_timelines_equal(a, ref)


def test_agency_choices_and_values(backends):
    mem, duck = backends
    assert QT.agency_choices(mem, 5) == QT.agency_choices(duck, 5)
    assert len(QT.agency_choices(duck, 500)) == mem.mentions.loc[mem.mentions["agency"] != "", "agency"].nunique()
    for be in backends:
        tl = QT.agency_series(be, be.select(Filters(dedupe=False)), ["海南省市场监督管理局"], "month")
        assert tl.table["海南省市场监督管理局"].tolist() == [2, 0, 0, 0]   # rows 1 and 4, both 2020-12-28 (months to 2021-03)
        am = QT.agency_mentions(be, ["海南省市场监督管理局"])
        assert sorted(am["row"].tolist()) == [1, 4]


KEYNESS_CASES = [
    (Filters(sources=("甲",), dedupe=False), Filters(sources=("乙",), dedupe=False)),
    (Filters(dedupe=False), Filters(sources=("丙",))),          # overlapping sides
    (Filters(date_to=pd.Timestamp("2020-12-31")), Filters(date_from=pd.Timestamp("2021-01-01"))),
    (Filters(query="计量"), Filters(sources=("无此来源",))),    # an empty side
]


@pytest.mark.parametrize("fa,fb", KEYNESS_CASES)
@pytest.mark.parametrize("measure", ["llr", "logodds"])
@pytest.mark.parametrize("min_count", [1, 3])
def test_keyness_agrees(backends, fa, fb, measure, min_count):
    mem, duck = backends
    a = QV.keyness(mem, mem.select(fa), mem.select(fb), n=10, measure=measure, min_count=min_count)
    b = QV.keyness(duck, duck.select(fa), duck.select(fb), n=10, measure=measure, min_count=min_count)
    pd.testing.assert_frame_equal(a, b)
    ref = mem_keyness(mem.corpus, mem.select(fa).mask, mem.select(fb).mask, n=10, measure=measure,
                      min_count=min_count)
    pd.testing.assert_frame_equal(a, ref)


def test_keyness_values_and_masks(backends, monkeypatch):
    mem, duck = backends
    ma = mem.select(Filters(sources=("甲",), dedupe=False)).mask
    mb = mem.select(Filters(sources=("乙",), dedupe=False)).mask
    for be in backends:
        k = QV.keyness(be, ma, mb, n=3, min_count=2)      # masks work as well as selections
        # 甲 = rows 0, 2, 6, 9, 12 and 乙 = rows 1, 4, 7, 11: 计量 4 times in 甲 only; 推进 … twice in 乙 only
        assert k["term"].tolist() == ["计量", "中国", "会议", "推进", "标准化", "海南省"]
        assert k["side"].tolist() == ["A"] * 3 + ["B"] * 3
        assert k.loc[0, ["count_a", "count_b"]].tolist() == [4, 0] and k["score"].tolist()[0] == 3.4602
        with pytest.raises(InvalidOption):
            QV.keyness(be, ma, mb, measure="chi2")
        with pytest.raises(InvalidOption):
            QV.keyness(be, ma, mb, n=-1)
        with pytest.raises(InvalidOption):
            QV.keyness(be, ma[:3], mb)
    # above half of the articles the SQL backend reads the totals minus the rows left out: same numbers
    big = np.ones(len(ma), dtype=bool)
    big[[0, 1]] = False
    pd.testing.assert_frame_equal(QV.keyness(mem, big, mb, n=5), QV.keyness(duck, big, mb, n=5))
    # and a store without doc_rows answers from doc_terms
    monkeypatch.setattr(type(duck), "has_doc_rows", property(lambda self: False))
    pd.testing.assert_frame_equal(QV.keyness(mem, ma, mb, n=5), QV.keyness(duck, ma, mb, n=5))


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("by,freq", [("source", "month"), ("file", "month"), ("period", "month"),
                                     ("period", "week"), ("period", "year")])
def test_terms_by_agrees(backends, f, by, freq):
    mem, duck = backends
    a = QV.terms_by(mem, mem.select(f), by, freq=freq, n=6)
    b = QV.terms_by(duck, duck.select(f), by, freq=freq, n=6)
    pd.testing.assert_frame_equal(a, b)
    ref = mem_terms_by(mem.articles, mem.corpus, by, freq=freq, mask=mem.select(f).mask, n=6)
    pd.testing.assert_frame_equal(a, ref)


def test_terms_by_values(backends, monkeypatch):
    mem, duck = backends
    for be in backends:
        t = QV.terms_by(be, be.select(Filters(dedupe=False)), "source", terms=["计量", "标准化", "没有"])
        assert t["group"].unique().tolist() == ["丁", "丙", "乙", "未知来源", "甲"]
        got = t.set_index(["group", "term"])
        assert got.loc[("甲", "计量"), "count"] == 4 and got.loc[("甲", "计量"), "documents"] == 2
        assert got.loc[("乙", "标准化"), "count"] == 2 and got.loc[("未知来源", "标准化"), "count"] == 1
        assert "没有" not in set(t["term"])
        with pytest.raises(InvalidOption):
            QV.terms_by(be, be.select(Filters()), "author")
        with pytest.raises(InvalidOption):
            QV.terms_by(be, be.select(Filters()), "period", freq="decade")
    monkeypatch.setattr(type(duck), "has_doc_rows", property(lambda self: False))
    f = Filters(sources=("甲", "乙"))
    pd.testing.assert_frame_equal(QV.terms_by(mem, mem.select(f), "period", n=5),
                                  QV.terms_by(duck, duck.select(f), "period", n=5))


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("order,min_count", [("llr", 1), ("pmi", 1), ("count", 2)])
def test_phrases_agree(backends, f, order, min_count):
    mem, duck = backends
    a = QV.phrases(mem, mem.select(f), n=20, min_count=min_count, order=order)
    b = QV.phrases(duck, duck.select(f), n=20, min_count=min_count, order=order)
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(a, mem_phrases(mem.corpus, mem.select(f).mask, n=20, min_count=min_count,
                                                 order=order))


def test_phrases_cap_and_values(backends):
    mem, duck = backends
    sel = duck.select(Filters(dedupe=False))
    with pytest.raises(InvalidOption, match="at most 5 articles"):
        QV.phrases(duck, sel, max_articles=5)
    got = QV.phrases(duck, sel, min_count=2, order="count", max_articles=None)
    # 推进标准化 in rows 1, 4 and 10; every other pair at most twice
    assert got["phrase"].iat[0] == "推进标准化" and got.loc[0, ["count", "documents"]].tolist() == [3, 3]
    assert got["count"].tolist()[1:] == [2] * 10 and got["phrase"].iat[1] == "中国计量"
    with pytest.raises(InvalidOption):
        QV.phrases(duck, sel, order="tfidf")


@pytest.mark.parametrize("f", [Filters(), Filters(dedupe=False), Filters(date_from=pd.Timestamp("2021-01-01"),
                                                                          keep_undated=True)])
@pytest.mark.parametrize("measure", ["count", "per_1000", "share"])
def test_term_series_of_cells_read_no_article_rows(backends, monkeypatch, f, measure):
    """A selection of whole months (the roll-up cells) by month, quarter or year is summed from ``term_cells``:
    the terms' per-article entries are not read, and the table is the in-memory one."""
    mem, duck = backends
    monkeypatch.setattr(QT, "row_counts", lambda *a, **k: pytest.fail("read doc_terms"))
    for freq in ("month", "quarter", "year"):
        a = QT.term_series(mem, mem.select(f), ["计量", "发布", "没有"], freq, measure=measure)
        assert_timelines_equal(a, QT.term_series(duck, duck.select(f), ["计量", "发布", "没有"], freq, measure=measure))


def test_terms_by_period_of_cells_read_no_article_rows(backends, monkeypatch):
    mem, duck = backends
    monkeypatch.setattr(QV, "group_term_counts", lambda *a, **k: pytest.fail("read doc_rows"))
    for freq in ("month", "quarter", "year"):
        got = QV.terms_by(duck, duck.select(Filters()), "period", freq=freq, n=4)
        pd.testing.assert_frame_equal(got, QV.terms_by(mem, mem.select(Filters()), "period", freq=freq, n=4))
    assert got["group"].unique().tolist() == ["2020", "2021"]


@pytest.mark.parametrize("f", FILTERS)
def test_term_counts_agree(backends, f):
    mem, duck = backends
    terms = ["计量", "标准化", "没有", "计量"]
    a = QT.term_counts(mem, mem.select(f), terms)
    pd.testing.assert_frame_equal(a, QT.term_counts(duck, duck.select(f), terms))
    mask = mem.select(f).mask
    assert a["count"].tolist() == [int(mem.corpus.term_vector(t)[mask].sum()) for t in ["计量", "标准化", "没有"]]
    assert a["documents"].tolist() == [int((mem.corpus.term_vector(t)[mask] > 0).sum())
                                       for t in ["计量", "标准化", "没有"]]


def test_term_counts_values(backends):
    for be in backends:
        got = QT.term_counts(be, be.select(Filters()), ["计量", "标准化"])
        # reposts once: 计量 twice in rows 0 and 2; 标准化 in rows 1 and 10 (row 4 is row 1's repost)
        assert got.values.tolist() == [["计量", 4, 2], ["标准化", 2, 2]]


@pytest.mark.parametrize("n_docs,v", [(50, 30), (10**12, 10**7)])   # the second too wide to pack: ranks
def test_pair_counts_equal_unique(n_docs, v):
    from analysis.phrases import pair_counts
    rng = np.random.default_rng(5)
    codes = rng.integers(0, 40, 3000) * v + rng.integers(0, 7, 3000)
    docs = rng.integers(0, min(n_docs, 50), 3000)
    uniq, cnt, per = pair_counts(codes, docs, n_docs)
    ref, ref_cnt = np.unique(codes, return_counts=True)
    np.testing.assert_array_equal(uniq, ref)
    np.testing.assert_array_equal(cnt, ref_cnt)
    np.testing.assert_array_equal(per, [len(np.unique(docs[codes == c])) for c in ref])
    empty = pair_counts(np.zeros(0, np.int64), np.zeros(0, np.int64), n_docs)
    assert [len(x) for x in empty] == [0, 0, 0]
