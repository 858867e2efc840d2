"""``analysis.store.query_review``: the 机构 page's review list (待审) of a selection gives identical frames on the
memory and DuckDB backends, equal to the page's own ``discover_candidates`` on the same articles and mentions
(the first 500 selected articles; here also the first few); exact values, and the error for each bad input."""
from __future__ import annotations

import contextlib

import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, find_mentions
from analysis.agency_counts import government_mentions
from analysis.agency_discovery import discover_candidates
from analysis.agency_table import load_agencies
from analysis.errors import InvalidOption
from analysis.filters import Filters, filter_mask
from analysis.schema import coerce_articles
from analysis.store import query as Q
from analysis.store import query_review as QRV
from analysis.store.store import build_store
from tests.test_query_agencies import ALL_FILTERS, ARTS as AGENCY_ARTS
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

# names the table does not know: 海南省热带作物研究所 (region + 研究所, three times in two articles), a
# title in 《…》 and a 办法 (never candidates); 美国国务院 (row 20) a foreign body
MORE = coerce_articles(pd.DataFrame({"title": ["海南省热带作物研究所揭牌", "通知", "美方回应"], "body": [
    "海南省热带作物研究所与海南省市场监管局合作。河北省科学技术奖励办法印发。",
    "河北省农林科学院发布成果,海南省热带作物研究所参加。《河北省科学技术奖励办法》施行。",
    "美国国务院发表声明。"],
    "date": ["2022-06-01", "2022-07-01", "2022-08-01"], "source": ["甲", "乙", "甲"], "file": ["d.csv"] * 3}))
ARTS = pd.concat([AGENCY_ARTS, MORE.assign(id=[18, 19, 20])], ignore_index=True)
FILTERS = [*ALL_FILTERS, Filters(sources=("乙",)), Filters(query="研究所")]
OPTIONS = [dict(), dict(include_media=True), dict(include_foreign=True, include_media=True),
           dict(exclude=frozenset({"海南省市场监督管理局", "中央广播电视总台"})),
           dict(rejected=frozenset({"海南省热带作物研究所"}))]
RESEARCH = ["海南省热带作物研究所", 3, 2, "海南省热带作物研究所揭牌"]


@pytest.fixture(scope="module")
def backends(spec, tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("review") / "s", ARTS, spec, batch_rows=4)
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        yield Q.MemoryBackend.from_store(store), duck


@pytest.fixture(scope="module")
def matcher():
    return AgencyMatcher.from_table(load_agencies(user_path=""))


@pytest.fixture(scope="module")
def page_mentions(matcher):
    """What the in-memory 机构 page starts from: the mentions of the article table itself."""
    return find_mentions(ARTS, matcher)


def _both(backends, f, **kw) -> pd.DataFrame:
    mem, duck = backends
    a = QRV.review_candidates(mem, mem.select(f), **kw)
    b = QRV.review_candidates(duck, duck.select(f), **kw)
    pd.testing.assert_frame_equal(a, b)
    return a


def _page(page_mentions, matcher, f, *, include_foreign=False, include_media=False, exclude=frozenset(),
          rejected=frozenset(), limit=500, use_jieba=False) -> pd.DataFrame:
    """``views/agencies.py``'s review list: its mentions (marked names out, government_mentions) and mask."""
    m = page_mentions[~page_mentions["agency"].isin(list(exclude))]
    m = government_mentions(m, include_foreign=include_foreign, include_media=include_media)
    mask = filter_mask(ARTS, f, mentions=page_mentions)
    return discover_candidates(ARTS, m, matcher, rejected=set(rejected), limit=limit, use_jieba=use_jieba, mask=mask)


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("opts", OPTIONS)
@pytest.mark.parametrize("use_jieba", [False, True])
def test_review_list_agrees(backends, page_mentions, matcher, f, opts, use_jieba):
    got = _both(backends, f, matcher=matcher, use_jieba=use_jieba, **opts)
    pd.testing.assert_frame_equal(got, _page(page_mentions, matcher, f, use_jieba=use_jieba, **opts))


@pytest.mark.parametrize("limit", [0, 1, 16, 17, 19])
def test_only_the_first_selected_articles(backends, page_mentions, matcher, limit):
    got = _both(backends, Filters(), matcher=matcher, limit=limit)
    pd.testing.assert_frame_equal(got, _page(page_mentions, matcher, Filters(), limit=limit))


# ------------------------------------------------------------------------------------------------ exact values
def test_values(backends, matcher):
    assert _both(backends, Filters(), matcher=matcher).values.tolist() == [RESEARCH]
    # jieba's nt words too: 广播电视 (inside 中央广播电视总台 of rows 12 and 13, which no mention covers) and,
    # while foreign bodies are left out, 美国国务院 (the page's own rule: its kept mentions cover the spans)
    tv = ["广播电视", 2, 2, "美国国务院发表声明。中央广播电视总台报道,国务院召开会议。"]
    foreign = ["美国国务院", 3, 3, "美国国务院发表声明。中央广播电视总台报道"]
    assert _both(backends, Filters(), matcher=matcher, use_jieba=True).values.tolist() == [foreign, RESEARCH, tv]
    assert _both(backends, Filters(), matcher=matcher, use_jieba=True, include_media=True,
                 include_foreign=True).values.tolist() == [RESEARCH, tv]
    # the first 17 selected articles (row 4 is a repost): rows 0 … 17, only row 17 names it (title and body)
    assert _both(backends, Filters(), matcher=matcher, limit=17).values.tolist() == [
        ["海南省热带作物研究所", 2, 1, "海南省热带作物研究所揭牌"]]
    # the selection: source 乙 holds row 18 only (the example: 15 characters either side); a rejected name is left out
    assert _both(backends, Filters(sources=("乙",)), matcher=matcher).values.tolist() == [
        ["海南省热带作物研究所", 1, 1, "河北省农林科学院发布成果,海南省热带作物研究所参加。《河北省科学技术奖励办法"]]
    got = _both(backends, Filters(), matcher=matcher, rejected={"海南省热带作物研究所"})
    assert got.empty and list(got.columns) == ["candidate", "mentions", "documents", "example"]
    assert _both(backends, Filters(sources=("无此来源",)), matcher=matcher).empty


def test_first_rows(backends):
    mem, duck = backends
    for be in (mem, duck):
        assert QRV.first_rows(be, be.select(Filters(sources=("甲",))), 3).tolist() == \
            QRV.first_rows(mem, mem.select(Filters(sources=("甲",))), 3).tolist()
        assert QRV.first_rows(be, be.select(Filters()), 0).tolist() == []
    # the repost (row 4) left out, as the page's selection does
    assert QRV.first_rows(duck, duck.select(Filters()), 500).tolist() == [*range(4), *range(5, 20)]
    assert QRV.first_rows(duck, duck.select(Filters(dedupe=False)), 500).tolist() == list(range(20))


def test_bad_input(backends):
    mem, duck = backends
    with pytest.raises(InvalidOption, match="limit"):
        QRV.review_candidates(duck, duck.select(Filters()), limit=-1)
    with pytest.raises(InvalidOption, match="selection"):
        QRV.review_candidates(duck, mem.select(Filters()))
    with pytest.raises(InvalidOption, match="selection"):
        QRV.review_candidates(mem, duck.select(Filters()))
