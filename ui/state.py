"""The one place that knows what lives in ``st.session_state``.

Pages call ``current_dataset()`` and ``filtered_articles()``; they never read session keys themselves.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from analysis.filters import Filters, filter_mask
from analysis.loaders.report import ParseReport

DATASET_KEY = "wj_dataset"
FILTERS_KEY = "wj_filters"


@dataclass
class Dataset:
    name: str
    articles: pd.DataFrame
    report: ParseReport | None = None
    sample: bool = False
    digest: str = field(default="")

    def __post_init__(self) -> None:
        if not self.digest:
            self.digest = content_digest(self.articles)


def content_digest(articles: pd.DataFrame) -> str:
    """A digest of the article table's content: the cache key of every derived structure."""
    if articles.empty:
        return "empty"
    h = pd.util.hash_pandas_object(articles[["id", "title", "date", "source", "body"]], index=False)
    return hashlib.blake2b(h.to_numpy().tobytes(), digest_size=16).hexdigest()


def current_dataset() -> Dataset | None:
    return st.session_state.get(DATASET_KEY)


def set_dataset(ds: Dataset) -> None:
    st.session_state[DATASET_KEY] = ds


def current_filters() -> Filters:
    return st.session_state.get(FILTERS_KEY) or Filters()


def set_filters(filters: Filters) -> None:
    st.session_state[FILTERS_KEY] = filters


def current_mask() -> np.ndarray:
    """Rows of the current dataset passing the global filters (all False when there is no dataset)."""
    ds = current_dataset()
    if ds is None:
        return np.zeros(0, dtype=bool)
    filters = current_filters()
    mentions = None
    if filters.agencies:
        from ui.cache import mentions_for

        mentions = mentions_for(ds)
    return filter_mask(ds.articles, filters, mentions)


def filtered_articles() -> pd.DataFrame:
    ds = current_dataset()
    if ds is None:
        return pd.DataFrame()
    return ds.articles[current_mask()]
