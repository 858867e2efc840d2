"""With :mod:`ui.session`, the one place that knows what lives in ``st.session_state``: here the dataset, the
filters and the filter mask; every other session key (and the rule for widget keys) in ``ui.session``.

Pages call ``current_dataset()`` and ``filtered_articles()``; they never read session keys themselves.
Everything here is per browser session: one user's dataset, filters and uploads are never visible to another.
The derived tables come from ``ui.cache`` (which does not import this module: no import loop); the
``Dataset`` record is ``ui.dataset``'s (re-exported here).
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from analysis.filters import Filters, filter_mask
from analysis.loaders.report import FileReport, ParseReport
from analysis.schema import coerce_articles
from ui import cache as ui_cache  # (the derived tables; "cache" below is the mask memo)
from ui.dataset import Dataset
from ui.i18n import SAMPLE_NAME, t
from ui.marks import excluded
from ui.session import UPLOAD_KEY  # noqa: F401 - re-exported: the raw bytes of the last upload

DATASET_KEY = "wj_dataset"
FILTERS_KEY = "wj_filters"
MASK_KEY = "wj_mask_cache"
SELECTION_KEY = "wj_selection"   # (key, analysis.store.query Selection) of a large dataset's global filters
SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl"


def read_sample(path: Path = SAMPLE_PATH) -> pd.DataFrame:
    """The built-in sample articles (made up by the project) as an article table."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"].replace("", None), errors="coerce")
    frame["file"] = path.name
    return coerce_articles(frame)


@st.cache_resource(show_spinner=False)
def sample_dataset() -> Dataset:
    """Shared read-only by every session (never mutate it)."""
    arts = read_sample()
    report = ParseReport(files=[FileReport(name=SAMPLE_PATH.name, format="jsonl", encoding="utf-8", articles=len(arts),
                                           notes=["示例数据 / sample data"])])
    report.count(arts)
    return Dataset(name=SAMPLE_NAME, articles=arts, report=report, sample=True)


def current_dataset() -> Dataset | None:
    """The session's dataset; the built-in sample until the user uploads or opens one."""
    ds = st.session_state.get(DATASET_KEY)
    if ds is None:
        ds = sample_dataset()
        st.session_state[DATASET_KEY] = ds
    return ds


def has_dataset() -> bool:
    """Whether this session has a dataset yet (the sample counts; before the first ``current_dataset()`` it has
    none)."""
    return DATASET_KEY in st.session_state


def set_dataset(ds: Dataset) -> None:
    st.session_state[DATASET_KEY] = ds
    st.session_state.pop(MASK_KEY, None)


def current_filters() -> Filters:
    return st.session_state.get(FILTERS_KEY) or Filters()


def set_filters(filters: Filters) -> None:
    st.session_state[FILTERS_KEY] = filters


MASK_CACHE_SIZE = 4


def mask_for(ds: Dataset, filters: Filters) -> np.ndarray:
    """Rows of ``ds`` passing ``filters``; memoised per session on (digest, filters) — the last few — so
    page switches and a page asking for a variant (e.g. reposts included) do not recompute a query."""
    marks: tuple[str, ...] = ()
    if filters.agencies:
        marks = excluded(ds.digest)   # "not an agency" marks change which articles mention an agency
    cache_key = (ds.digest, filters, marks)
    cache: dict = st.session_state.setdefault(MASK_KEY, {})
    if cache_key in cache:
        cache[cache_key] = cache.pop(cache_key)   # most recently used last
        return cache[cache_key]
    if ds.large:  # DuckDB: the rows of the selection's WHERE (a 1-byte flag per article)
        backend, lock = ui_cache.query_backend(ds)
        with lock:
            mask = backend.row_mask(backend.select(store_filters(ds, filters)))
    else:
        mentions = ui_cache.mentions_for(ds) if filters.agencies else None
        texts = ui_cache.search_texts_for(ds) if filters.query else None
        mask = filter_mask(ds.articles, filters, mentions, texts)
    mask.setflags(write=False)
    cache[cache_key] = mask
    while len(cache) > MASK_CACHE_SIZE:
        cache.pop(next(iter(cache)))
    return mask


def store_filters(ds: Dataset, filters: Filters) -> Filters:
    """``filters`` as a large dataset's store answers them: agency names marked "not an agency" in ``ds``
    (``ui.marks``) mention nothing, as the in-memory mentions leave them out (only marked names: no article)."""
    if not filters.agencies:
        return filters
    marks = excluded(ds.digest)
    kept = tuple(a for a in filters.agencies if a not in marks)
    return dataclasses.replace(filters, agencies=kept or ("\x00",))


@st.cache_resource(show_spinner=False, max_entries=8)
def _source_names(digest: str, _ds: Dataset) -> list[str]:
    return sorted(pd.unique(_ds.articles["source"].fillna("").astype(str)).tolist(), key=lambda v: (v == "", v))


def source_names(ds: Dataset) -> list[str]:
    """The distinct sources of ``ds`` (``""`` last), computed once per content digest (a pass over every row:
    ≈ 0.7 CPU-s at 1,000,000 articles, too much for every rerun of the sidebar); shared read-only."""
    return _source_names(ds.digest, ds)


def current_selection():
    """The DuckDB selection of the global filters on the current large dataset (``ds.large``) and its backend
    and lock: ``(backend, selection, lock)`` for ``analysis.store.query`` (``ui.large``'s pages)."""
    ds = current_dataset()
    backend, lock = ui_cache.query_backend(ds)
    filters = store_filters(ds, current_filters())
    key = (str(backend.store.path), filters)
    memo = st.session_state.get(SELECTION_KEY)
    if memo is None or memo[0] != key:   # (a query's matching rows are computed once per filter change)
        with lock:
            memo = (key, backend.select(filters))
        st.session_state[SELECTION_KEY] = memo
    return backend, memo[1], lock


def current_mask() -> np.ndarray:
    """Rows of the current dataset passing the global filters (all False when there is no dataset)."""
    ds = current_dataset()
    if ds is None:
        return np.zeros(0, dtype=bool)
    return mask_for(ds, current_filters())


def filtered_articles() -> pd.DataFrame:
    ds = current_dataset()
    if ds is None:
        return pd.DataFrame()
    if ds.large:  # pages read a large dataset's rows a page at a time (ui.large), never the whole selection
        raise RuntimeError("filtered_articles() of a large dataset: read its rows through ui.large")
    return ds.articles[current_mask()]


class PageDone(StopException):
    """Raised by :func:`end_page`: the page has said all it has to say (an empty state). A StopException, so a
    page run on its own (tests) stops quietly as with ``st.stop()``; the router catches it."""


def require_dataset() -> Dataset:
    """The page preamble: the session's dataset, or — when there is none or it has no articles — the
    "no dataset yet" note (``empty.dataset``) and the end of the page (:func:`end_page`)."""
    ds = current_dataset()
    if ds is None or ds.articles.empty:
        st.info(t("empty.dataset"))
        end_page()
    return ds


def end_page() -> None:
    """End the current page here, like ``st.stop()`` but letting the router finish its run (app.py writes
    the run counter the browser tests and the benchmark wait for; ``st.stop()`` would drop it)."""
    raise PageDone
