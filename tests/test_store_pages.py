"""The query-layer functions the pages of a large dataset use (``analysis.store.query`` and
``analysis.store.query_rows``): both backends give
identical results on a small store (the memory backend is the reference), plus exact values."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.filters import Filters
from analysis.overview import agency_counts
from analysis.schema import coerce_articles
from analysis.store import query as Q, query_rows as QR
from analysis.store.store import build_store
from tests.test_store import ARTS, BODIES

FILTERS = [Filters(), Filters(dedupe=False), Filters(sources=("甲",)), Filters(query="gdp OR 经济"),
           Filters(date_from=pd.Timestamp("2021-01-01"), keep_undated=True), Filters(agencies=("国务院",)),
           Filters(sources=("无此来源",))]


# two more articles naming a foreign government body and a news organisation (left out by default)
EXTRA = coerce_articles(pd.DataFrame({"title": ["标题12 通知", "标题13 通知"], "body": [
    "美国国务院发表声明。中央广播电视总台报道,国务院召开会议。", "中央广播电视总台记者报道,财政部发布公告。"],
    "date": ["2021-02-02", "2021-02-03"], "source": ["甲", "丁"], "file": ["a.csv"] * 2}))
ARTICLES = pd.concat([ARTS, EXTRA.assign(id=[13, 14])], ignore_index=True)


@pytest.fixture(scope="module")
def backends(spec, tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("pages") / "s", ARTICLES, spec, batch_rows=5)
    duck = Q.DuckBackend(store)
    yield Q.MemoryBackend.from_store(store), duck
    duck.close()


@pytest.fixture(scope="module")
def spec():
    from analysis.store.batch import AnalysisSpec
    from analysis.tokenizer import build_tokenizer
    return AnalysisSpec(tokenizer=build_tokenizer(agencies=False).settings, agency_user_path="")


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("foreign,media,aliases", [(False, False, False), (True, True, True), (True, False, False),
                                                   (False, True, True)])
def test_agency_counts_agree(backends, f, foreign, media, aliases):
    mem, duck = backends
    a = Q.agency_counts(mem, mem.select(f), include_foreign=foreign, include_media=media, aliases=aliases)
    b = Q.agency_counts(duck, duck.select(f), include_foreign=foreign, include_media=media, aliases=aliases)
    pd.testing.assert_frame_equal(a, b)
    # the reference is the 概览 page's function
    ref = agency_counts(mem.mentions, mem.select(f).mask, include_foreign=foreign, include_media=media)
    pd.testing.assert_frame_equal(a[["agency", "mentions", "documents"]], ref)


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("limit,offset,order", [(5, 0, "newest"), (3, 4, "oldest"), (100, 0, "newest"),
                                                (2, 11, "newest"), (0, 0, "newest"), (4, 2, "row"), (100, 0, "row")])
def test_article_rows_agree(backends, f, limit, offset, order):
    mem, duck = backends
    a = QR.article_rows(mem, mem.select(f), limit=limit, offset=offset, order=order, body=True)
    b = QR.article_rows(duck, duck.select(f), limit=limit, offset=offset, order=order, body=True)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == max(0, min(limit, Q.count(mem, mem.select(f)) - offset))


def test_article_rows_values(backends):
    for be in backends:
        rows = QR.article_rows(be, be.select(Filters(sources=("乙",), dedupe=False)), limit=10)
        # 乙 is rows 1, 4, 7, 11; newest first (rows 1 and 4 share a day: by id), the undated row 11 last
        assert rows["row"].tolist() == [7, 1, 4, 11]
        assert rows.columns.tolist() == list(QR.ROW_COLUMNS)
        assert rows["title"].tolist() == ["标题7 通知", "标题1 通知", "标题4 通知", "标题11 通知"]
        assert rows["duplicate_of"].tolist()[2] == 2 and rows["duplicate_of"].isna().sum() == 3
        assert QR.article_rows(be, be.select(Filters(sources=("乙",), dedupe=False)), limit=10, order="row",
                              body=True)["body"].tolist()[1] == BODIES[4]
        assert QR.article_rows(be, be.select(Filters(sources=("乙",), dedupe=False)), limit=2, offset=1,
                              order="row")["row"].tolist() == [4, 7]
        with pytest.raises(InvalidOption):
            QR.article_rows(be, be.select(Filters()), limit=-1)
        with pytest.raises(InvalidOption):
            QR.article_rows(be, be.select(Filters()), limit=1, order="date")


def test_article_rows_of_given_rows(backends):
    for be in backends:
        out = QR.article_rows(be, be.select(Filters(dedupe=False)), limit=10, rows=np.array([11, 0, 4]))
        assert out["row"].tolist() == [4, 0, 11]   # 2020-12-28, 2020-12-27, undated


def test_agency_counts_leave_out_foreign_bodies_and_media(backends, monkeypatch):
    import analysis.agency_counts as AC

    media = frozenset({"财政部"})   # (the matcher finds no news organisation in these texts: one is declared)
    monkeypatch.setattr(AC, "media_names", lambda: media)
    monkeypatch.setattr(Q, "media_names", lambda: media)
    for be in backends:
        sel = be.select(Filters())
        everything = set(Q.agency_counts(be, sel, include_foreign=True, include_media=True)["agency"])
        default = set(Q.agency_counts(be, sel)["agency"])
        assert everything - default == {"美国国务院", "财政部"}
        assert set(Q.agency_counts(be, sel, include_media=True)["agency"]) == everything - {"美国国务院"}
        assert Q.agency_counts(be, sel).set_index("agency").loc["国务院", "documents"] == 2   # rows 3 and 12 (row 11 names 国务院新闻办公室)


@pytest.mark.parametrize("row", range(14))
def test_article_at_agrees(backends, row):
    mem, duck = backends
    a, ma = QR.article_at(mem, row)
    b, mb = QR.article_at(duck, row)
    assert a.to_dict() == b.to_dict() or (a.drop("date").to_dict() == b.drop("date").to_dict()
                                          and pd.isna(a["date"]) and pd.isna(b["date"]))
    pd.testing.assert_frame_equal(ma, mb)


def test_article_at_values(backends):
    for be in backends:
        art, m = QR.article_at(be, 3)
        assert art["title"] == "标题3 通知" and art["date"] == pd.Timestamp("2021-01-03")
        assert m["agency"].tolist() == ["国务院", "国家发展和改革委员会"]
        with pytest.raises(InvalidOption):
            QR.article_at(be, 14)


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("term,limit", [("gdp", None), ("GDP", 1), ("标准化", 2), ("标准化工作", None), ("局", 3),
                                        ("发布会", None), ("不存在", 5)])
def test_substring_kwic_from_the_bigram_index_agrees(backends, f, term, limit):
    mem, duck = backends
    assert duck.bigrams   # the SQL side takes its candidates from the bigram index
    pd.testing.assert_frame_equal(QR.kwic(mem, mem.select(f), term, width=4, limit=limit),
                                  QR.kwic(duck, duck.select(f), term, width=4, limit=limit))


@pytest.mark.parametrize("f", [*FILTERS, Filters(date_from=pd.Timestamp("2030-01-01"))])
def test_summary_and_top_sources_agree(backends, f):
    from analysis.overview import summary, top_sources

    mem, duck = backends
    ref = summary(mem.articles, mem.select(f).mask)
    assert Q.overview_summary(mem, mem.select(f)) == ref == Q.overview_summary(duck, duck.select(f))
    for n in (0, 2, 12):
        want = top_sources(mem.articles, mem.select(f).mask, n)
        pd.testing.assert_frame_equal(Q.top_sources(mem, mem.select(f), n), want)
        pd.testing.assert_frame_equal(Q.top_sources(duck, duck.select(f), n), want)


def test_summary_values(backends):
    for be in backends:
        s = Q.overview_summary(be, be.select(Filters(dedupe=False)))
        assert (s.articles, s.total, s.sources, s.undated, s.reposts) == (14, 14, 4, 2, 1)
        assert (s.first, s.last) == (pd.Timestamp("2020-12-27"), pd.Timestamp("2021-03-31"))


def test_a_selection_of_the_other_backend_is_refused(backends):
    mem, duck = backends
    for be, other in ((mem, duck), (duck, mem)):
        sel = other.select(Filters())
        for call in (lambda: QR.article_rows(be, sel, limit=1), lambda: QR.kwic(be, sel, "通知"),
                     lambda: Q.count(be, sel)):
            with pytest.raises(InvalidOption, match="from another backend"):
                call()
