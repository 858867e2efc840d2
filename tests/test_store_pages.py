"""The query-layer functions the pages of a large dataset use (``analysis.store.query``): both backends give
identical results on a small store (the memory backend is the reference), plus exact values."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.filters import Filters
from analysis.store import query as Q
from analysis.store.store import build_store
from tests.test_store import ARTS

FILTERS = [Filters(), Filters(dedupe=False), Filters(sources=("甲",)), Filters(query="gdp OR 经济"),
           Filters(date_from=pd.Timestamp("2021-01-01"), keep_undated=True), Filters(agencies=("国务院",)),
           Filters(sources=("无此来源",))]


@pytest.fixture(scope="module")
def backends(spec, tmp_path_factory):
    store = build_store(tmp_path_factory.mktemp("pages") / "s", ARTS, spec, batch_rows=5)
    duck = Q.DuckBackend(store)
    yield Q.MemoryBackend.from_store(store), duck
    duck.close()


@pytest.fixture(scope="module")
def spec():
    from analysis.store.batch import AnalysisSpec
    from analysis.tokenizer import build_tokenizer
    return AnalysisSpec(tokenizer=build_tokenizer(agencies=False).settings, agency_user_path="")


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("foreign,media", [(False, False), (True, True), (True, False)])
def test_agency_counts_agree(backends, f, foreign, media):
    mem, duck = backends
    a = Q.agency_counts(mem, mem.select(f), include_foreign=foreign, include_media=media)
    b = Q.agency_counts(duck, duck.select(f), include_foreign=foreign, include_media=media)
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("f", FILTERS)
@pytest.mark.parametrize("limit,offset,newest", [(5, 0, True), (3, 4, False), (100, 0, True), (2, 11, True),
                                                 (0, 0, True)])
def test_article_rows_agree(backends, f, limit, offset, newest):
    mem, duck = backends
    a = Q.article_rows(mem, mem.select(f), limit=limit, offset=offset, newest_first=newest, body=True)
    b = Q.article_rows(duck, duck.select(f), limit=limit, offset=offset, newest_first=newest, body=True)
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == max(0, min(limit, Q.count(mem, mem.select(f)) - offset))


def test_article_rows_values(backends):
    for be in backends:
        rows = Q.article_rows(be, be.select(Filters(sources=("乙",), dedupe=False)), limit=10)
        # 乙 is rows 1, 4, 7, 11; newest first (rows 1 and 4 share a day: by id), the undated row 11 last
        assert rows["row"].tolist() == [7, 1, 4, 11]
        assert rows.columns.tolist() == list(Q.ROW_COLUMNS)
        assert rows["title"].tolist() == ["标题7 通知", "标题1 通知", "标题4 通知", "标题11 通知"]
        assert rows["duplicate_of"].tolist()[2] == 2 and rows["duplicate_of"].isna().sum() == 3
        with pytest.raises(InvalidOption):
            Q.article_rows(be, be.select(Filters()), limit=-1)
