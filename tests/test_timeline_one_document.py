"""``analysis.timeline.one_document_spikes`` (one pass per series) flags exactly the spikes whose first
drill-down article (``drill_down(..., limit=1)``: the definition) holds at least the share of the period's count."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.timeline import (ONE_DOCUMENT_SHARE, Timeline, agency_series, drill_down, one_document_spikes,
                               term_series)


class Vectors:
    """A corpus stand-in: ``term_vector`` from fixed per-article counts."""

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors
        self.doc_lengths = np.full(len(next(iter(vectors.values()))), 100)

    def term_vector(self, term: str) -> np.ndarray:
        return self.vectors.get(term, np.zeros(len(self.doc_lengths)))


def reference(articles, tl: Timeline, spikes, mask, corpus=None, mentions=None) -> np.ndarray:
    """The definition: the first article of each spike's drill-down."""
    where = {p: i for i, p in enumerate(tl.table["period"].astype(str))}
    flags = np.zeros(len(spikes), dtype=bool)
    for k, (period, series) in enumerate(zip(spikes["period"], spikes["series"])):
        total = float(tl.counts[series][where[period]])
        top = drill_down(articles, tl, period, series, mask, corpus=corpus, mentions=mentions, limit=1)
        if total > 1 and len(top) and "occurrences" in top:
            flags[k] = float(top["occurrences"].iloc[0]) >= ONE_DOCUMENT_SHARE * total
    return flags


def _articles(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.to_datetime("2020-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D")
    dates = pd.Series(dates).where(rng.random(n) > 0.05)   # some undated
    return pd.DataFrame({"id": np.arange(1, n + 1), "date": dates, "source": "甲", "title": "t", "url": ""})


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("freq", ["week", "month", "quarter"])
def test_flags_equal_the_drill_down_definition(seed, freq):
    n = 600
    arts = _articles(n, seed)
    rng = np.random.default_rng(seed)
    a = rng.poisson(0.3, n).astype(float)
    a[rng.integers(0, n, 5)] = 40            # long articles repeating the word: one-document peaks
    b = (rng.random(n) < 0.02).astype(float) * 2
    corpus = Vectors({"甲词": a, "乙词": b})
    mask = rng.random(n) > 0.2
    tl = term_series(arts, corpus, ["甲词", "乙词", "无"], mask, freq)
    spikes = pd.DataFrame({"series": [s for s in tl.series for _ in range(len(tl.table))],
                           "period": list(tl.table["period"]) * len(tl.series)})   # every point, as a spike
    got = one_document_spikes(arts, tl, spikes, mask, corpus=corpus)
    np.testing.assert_array_equal(got, reference(arts, tl, spikes, mask, corpus=corpus))
    assert got.any() and not got.all()


def test_agency_flags_and_edges():
    arts = _articles(50, 4)
    mentions = pd.DataFrame({"row": [0, 0, 0, 0, 1, 2, 3], "agency": ["国务院"] * 4 + ["国务院", "商务部", "商务部"]})
    arts.loc[[0, 1, 2, 3], "date"] = pd.Timestamp("2020-03-05")
    tl = agency_series(arts, mentions, ["国务院", "商务部"], None, "month")
    spikes = pd.DataFrame({"series": ["国务院", "商务部"], "period": ["2020-03", "2020-03"]})
    # 国务院: 4 of 5 mentions in row 0 (= 0.8): one document; 商务部: 1 + 1 in two articles: not
    assert one_document_spikes(arts, tl, spikes, None, mentions=mentions).tolist() == [True, False]
    assert one_document_spikes(arts, tl, spikes.iloc[:0], None, mentions=mentions).tolist() == []
