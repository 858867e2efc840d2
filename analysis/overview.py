"""The numbers and small charts of the 概览 (overview) page: counts, date range, top sources and agencies.

Pure functions over the article table and a row mask (``analysis.filters.filter_mask``); the page only
renders what these return.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.agencies import agency_summary, government_mentions
from analysis.errors import invalid_option
from analysis.filters import check_mask


@dataclass(frozen=True)
class Summary:
    articles: int                 # rows selected by the mask
    total: int                    # rows in the table
    sources: int                  # distinct non-empty sources among the selected rows
    first: pd.Timestamp | None    # earliest date among the selected rows (None when none is dated)
    last: pd.Timestamp | None
    undated: int                  # selected rows without a date
    reposts: int                  # selected rows marked ``duplicate_of``


def _mask(articles: pd.DataFrame, mask: np.ndarray | None) -> np.ndarray:
    return check_mask(mask, len(articles))


def summary(articles: pd.DataFrame, mask: np.ndarray | None = None) -> Summary:
    """Counts of the selected rows (all rows when ``mask`` is None)."""
    m = _mask(articles, mask)
    # only the columns counted here are copied (the texts are most of a table's bytes: 0.03–0.1 CPU-s for the
    # 20k CCTV corpus when the whole table was masked)
    sel = articles[["date", "source", "duplicate_of"]][m]
    dates = sel["date"].dropna()
    return Summary(articles=int(m.sum()), total=len(articles),
                   sources=int(sel.loc[sel["source"] != "", "source"].nunique()),
                   first=dates.min() if not dates.empty else None, last=dates.max() if not dates.empty else None,
                   undated=int(sel["date"].isna().sum()), reposts=int(sel["duplicate_of"].notna().sum()))


def top_sources(articles: pd.DataFrame, mask: np.ndarray | None = None, n: int = 10) -> pd.DataFrame:
    """``source, articles``: the ``n`` sources with most selected articles (ties by name); empty sources are
    left out."""
    if n < 0:
        raise invalid_option("n", n, "an integer ≥ 0")
    sel = articles.loc[_mask(articles, mask), "source"]
    counts = sel[sel != ""].value_counts()
    frame = pd.DataFrame({"source": counts.index.astype(str), "articles": counts.to_numpy(dtype=np.int64)})
    return frame.sort_values(["articles", "source"], ascending=[False, True], kind="stable").head(n) \
        .reset_index(drop=True)


def agency_counts(mentions: pd.DataFrame, mask: np.ndarray | None = None, *,
                  include_foreign: bool = True, include_media: bool = True) -> pd.DataFrame:
    """``agency, mentions, documents`` of the resolved mentions in the selected rows: the agency summary
    without its alias strings (the overview and the sidebar need only the counts). ``include_foreign=False``
    / ``include_media=False`` leave out foreign government bodies and news organisations, as the 机构 page
    does by default (``analysis.agencies.government_mentions``)."""
    # only the columns counted (each boolean selection below copies every column it holds: ≈ 12 with the
    # mention texts, 43k CCTV mentions → ≈ 0.05 CPU-s per call, twice in the first page run after an upload)
    mentions = mentions[[c for c in ("row", "agency", "resolved", "level") if c in mentions]]
    mentions = government_mentions(mentions, include_foreign=include_foreign, include_media=include_media)
    return agency_summary(mentions, mask, aliases=False)


def sparkline_freq(first: pd.Timestamp | None, last: pd.Timestamp | None) -> str:
    """A coarse period for the overview's small timeline (≤ ~60 bars): day up to two months, week up to
    half a year, month up to five years, then quarter (``"month"`` when no date is known)."""
    if first is None or last is None:
        return "month"
    days = (last - first).days
    if days <= 62:
        return "day"
    if days <= 182:
        return "week"
    return "month" if days <= 5 * 366 else "quarter"
