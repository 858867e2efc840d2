"""The 机构 page's views of a large dataset (``Dataset.large``): every table read from its store through
``analysis.store.query_agencies`` over the session's selection (``ui.state.current_selection``) — the same
numbers the in-memory page computes, with the names marked "not an agency" in this dataset left out before
the successor roll-up, as the page's mentions leave them out (``ui.cache.mentions_for``)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from analysis.store import query_agencies as QA, query_facets as QF, query_review as QRV
from analysis.store.agency_arrays import counted_under
from ui import cache, state
from ui.i18n import t
from ui.marks import excluded
from ui.widgets import show_table


def _run(fn, **kwargs) -> pd.DataFrame:
    backend, sel, lock = state.current_selection()
    ds = state.current_dataset()
    marked = frozenset(excluded(ds.digest)) if ds is not None else frozenset()
    with lock:
        return fn(backend, sel, exclude=marked, **kwargs)


def summary(foreign: bool, media: bool, successors: bool) -> pd.DataFrame:
    """``agency, mentions, documents, aliases`` of the selection (``query_agencies.agency_table``)."""
    return _run(QA.agency_table, include_foreign=foreign, include_media=media, successors=successors)


def by_column(column: str, foreign: bool, media: bool, successors: bool) -> pd.DataFrame:
    """``agency, source|file, mentions, documents`` (``query_agencies.agency_by``)."""
    return _run(QA.agency_by, column=column, include_foreign=foreign, include_media=media, successors=successors)


def unresolved(foreign: bool) -> pd.DataFrame:
    """``surface, level, mentions, documents`` of the bare forms no region resolves (``query_agencies.unresolved``)."""
    backend, sel, lock = state.current_selection()
    with lock:
        return QA.unresolved(backend, sel, include_foreign=foreign)


#: The tables under the ranking of a large dataset: (what, switch key, label key), each counted only when its
#: switch is on (an ``st.expander`` runs its body on every rerun, collapsed or not).
MORE_TABLES = (("source", "ag_more_source", "ag.by_source"), ("file", "ag_more_file", "ag.by_file"),
               ("unresolved", "ag_more_unresolved", "ag.unresolved"))


def more_tables(foreign: bool, media: bool, successors: bool) -> None:
    """The by-source, by-file and unresolved tables of the ranking view, each behind a switch (off by default)
    and counted only when switched on: the page's first visit counts the ranking alone (the same tables as
    the in-memory page's expanders, ``tests/ui/test_large_agencies.py``)."""
    st.caption(t("lag.more_note"))
    cols = st.columns(len(MORE_TABLES))
    shown = [(what, label) for (what, key, label), col in zip(MORE_TABLES, cols) if col.toggle(t(label), key=key)]
    for what, label in shown:
        st.markdown(f"**{t(label)}**")
        if what == "unresolved":
            show_table(unresolved(foreign), "agency_unresolved", key="ag_unresolved", empty=t("ag.no_unresolved"))
        else:
            show_table(by_column(what, foreign, media, successors), f"agency_by_{what}", key=f"ag_by_{what}")


def review(rejected: set[str], use_jieba: bool, foreign: bool, media: bool) -> pd.DataFrame:
    """``candidate, mentions, documents, example`` of the first 500 selected articles, read from the store
    (``query_review.review_candidates``: the in-memory page's ``discover_candidates`` on those articles)."""
    return _run(QRV.review_candidates, include_foreign=foreign, include_media=media, rejected=frozenset(rejected),
                use_jieba=use_jieba, limit=QRV.REVIEW_ARTICLES)


def periods(freq: str, agencies: list[str], foreign: bool, media: bool, successors: bool) -> pd.DataFrame:
    """``agency, period, mentions, documents`` of the picked ``agencies`` (``query_agencies.agency_periods``)."""
    return _run(QA.agency_periods, freq=freq, agencies=list(agencies), include_foreign=foreign,
                include_media=media, successors=successors)


def pairs(same_sentence: bool, foreign: bool, media: bool, successors: bool) -> pd.DataFrame:
    """``a, b, articles`` of the network (``query_agencies.agency_pairs``)."""
    return _run(QA.agency_pairs, same_sentence=same_sentence, include_foreign=foreign, include_media=media,
                successors=successors)


def drill_rows(name: str, successors: bool) -> np.ndarray:
    """Boolean mask of the selected articles behind the clicked agency ``name``: those naming it, and with the
    roll-up also those naming an older name counted under it (``agency_arrays.counted_under``)."""
    ds, filters = state.require_dataset(), state.current_filters()
    names: tuple[str, ...] = (name,)
    if successors:
        backend, _, lock = state.current_selection()
        with lock:
            names = tuple(counted_under(backend, name)) or names
    return state.current_mask() & state.mask_for(ds, dataclasses.replace(filters, agencies=names))


def facets(ds) -> pd.DataFrame:
    """``agency, level, region, mentions, type`` of every agency mentioned in the large dataset ``ds`` (the
    sidebar's agency facets: ``query_facets.agency_facets``), the names marked "not an agency" left out."""
    backend, lock = cache.query_backend(ds)
    with lock:
        return QF.agency_facets(backend, exclude=frozenset(excluded(ds.digest)))
