"""Keyword-side views of a large dataset (``Dataset.large``) answered from its store with
``analysis.store.query_terms`` over the session's selection: the 时间线 page's term and agency series and the
关键词 page's phrases, comparison (A vs B) and breakdown by group — the numbers the in-memory pages give, never
sampled. What cannot be answered for the whole selection is said on the page with what to do instead.
"""
from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.filters import Filters, parse_query
from analysis.keywords import GROUP_TERMS, group_table
from analysis.kwic import effective_mode, left_out_reason, pieces
from analysis.store import query as Q, query_compare as QC, query_rows as QR, query_terms as QT, query_vocab as QV
from analysis.store.backends import MemoryBackend
from analysis.timeline import NO_SOURCE, Timeline
from ui import cache, large, state
from ui.i18n import column, dataset_name, error_text, t
from ui.library import list_datasets, open_dataset
from ui.marks import excluded
from ui.text import md_escape
from ui.widgets import show_table


# ------------------------------------------------------------------------------------------------ 时间线
def default_terms(n: int = 3) -> list[str]:
    """The ``n`` most frequent terms of the whole dataset (the term series' first terms, as the in-memory page
    takes ``corpus.top_terms(None, n)``)."""
    backend, _, lock = state.current_selection()
    with lock:
        return Q.top_terms(backend, backend.select(Filters(dedupe=False)), n)["term"].tolist()


def term_timeline(terms: list[str], mode: str, freq: str, measure: str) -> tuple[Timeline, QT.StoreTermVectors]:
    """The term series of the selection from the store (``query_terms.term_series``) and the term vectors it
    read (the drill-down and the one-article check use them). Only whole dictionary words are counted above
    the threshold: substring mode, and terms the tokenizer splits, are said on the page and left out."""
    tk = cache.tokenizer(*cache.keyword_settings())
    if mode != "token":
        st.info(t("lgt.token_only", n=f"{large.MEMORY_MAX_ARTICLES:,}"), icon=":material/database:")
    split = [w for w in terms if effective_mode(w, "token", tk) != "token"]
    if split:
        st.caption(t("lgt.not_one_word", terms=md_escape("、".join(f"{w}({' | '.join(pieces(w, tk))})"
                                                                   for w in split))))
    # a stopword / single character has no column in the store's term table: said, never drawn as 0 (kwfix)
    left_out = [w for w in terms if w not in split and left_out_reason(w, tk)]
    if left_out:
        st.caption(t("lgt.left_out", terms=md_escape("、".join(left_out))))
    words = [w for w in terms if w not in split and w not in left_out]
    backend, sel, lock = state.current_selection()
    mask = state.current_mask()
    with lock:
        corpus = QT.StoreTermVectors(backend)   # read per term when a point is opened (or a spike checked)
        tl = QT.term_series(backend, sel, words, freq, measure=measure, corpus=corpus, mask=mask)
        totals = QT.term_counts(backend, sel, words, corpus=corpus, mask=mask)
    counts = list(zip(totals["term"], totals["count"], totals["documents"]))
    if counts:
        st.caption(" · ".join(t("lgt.term_counts", term=md_escape(w), n=f"{c:,}", docs=f"{d:,}")
                              for w, c, d in counts))
    if absent := [w for w, c, _ in counts if not c]:
        st.caption(t("tl.not_found", terms=md_escape("、".join(absent))))
    return tl, corpus


def agency_options(limit: int = 200) -> list[str]:
    """The agencies most mentioned in the whole dataset (``query_terms.agency_choices``), without the names
    marked "not an agency" in it (as the in-memory page's mention table leaves them out)."""
    ds = state.current_dataset()
    backend, _, lock = state.current_selection()
    marked = set(excluded(ds.digest))
    with lock:
        names = QT.agency_choices(backend, limit + len(marked))
    return [a for a in names if a not in marked][:limit]


def agency_timeline(agencies: list[str], freq: str, measure: str) -> tuple[Timeline, pd.DataFrame]:
    """The agency series of the selection (``query_terms.agency_series``) and the mentions (``row,
    agency``) of those agencies, for the drill-down."""
    backend, _, lock = state.current_selection()
    mask = state.current_mask()
    with lock:
        mentions = QT.agency_mentions(backend, agencies)
        tl = QT.agency_series(backend, mask, agencies, freq, measure=measure)
    return tl, mentions


# ------------------------------------------------------------------------------------------------ 关键词
def keywords_view(view: str, top: pd.DataFrame | None = None) -> None:
    """The 关键词 page's ``phrases``, ``compare`` and ``group`` views of a large dataset (``top``: the page's
    top terms with its register, the terms the ``group`` view counts)."""
    if view == "group":
        _group(top if top is not None else pd.DataFrame({"term": []}))
        return
    {"phrases": _phrases, "compare": _compare}[view]()


def _phrases() -> None:
    c1, c2 = st.columns(2)
    min_count = c1.number_input(t("kw.min_count"), 2, 1000, 5, key="kw_phr_min")
    order = c2.radio(t("kw.rank_by"), ["llr", "pmi", "count"], horizontal=True, key="kw_phr_order",
                     format_func=lambda o: column(o))
    st.caption(t("kw.phrase_note"))
    n = large.count()
    if n > QV.PHRASE_MAX_ARTICLES:   # the pairs of every selected article are counted in memory: say so
        st.info(t("lgt.phrases_narrow", n=f"{n:,}", max=f"{QV.PHRASE_MAX_ARTICLES:,}"), icon=":material/filter_alt:")
        return
    backend, _, lock = state.current_selection()
    with st.spinner(t("lgt.reading")), lock:
        table = QV.phrases(backend, state.current_mask(), n=100, min_count=int(min_count), order=order)
    show_table(table, "phrases", key="kw_phr")


def _compare() -> None:
    ds = state.current_dataset()
    arts, mask = ds.articles, state.current_mask()
    modes = ["sources", "files", "periods", "query", "datasets"]
    mode = st.radio(t("kw.compare"), modes, horizontal=True, key="kw_cmp_mode", format_func=lambda m: t(f"kw.cmp.{m}"))
    hint = ""
    if mode == "datasets":   # two saved datasets: each side's term counts from its own store (or corpus)
        _compare_datasets()
        return
    if mode in ("sources", "files"):
        col = "source" if mode == "sources" else "file"
        values = arts[col].fillna("").astype(str)
        groups = sorted(set(values[mask]), key=lambda v: (v == "", v))
        names = {g: g or NO_SOURCE for g in groups}
        if len(groups) < 2:
            hint = t("kw.one_source") if mode == "sources" else t("kw.one_file")
        c1, c2 = st.columns(2)
        a_pick = c1.multiselect("A", groups, default=groups[:1], key=f"kw_cmp_a_{col}", format_func=names.get,
                                placeholder=t("f.choose"), select_all=False)
        b_pick = c2.multiselect("B", groups, default=groups[1:2], key=f"kw_cmp_b_{col}", format_func=names.get,
                                placeholder=t("f.choose"), select_all=False)
        mask_a, mask_b = mask & values.isin(a_pick).to_numpy(), mask & values.isin(b_pick).to_numpy()
    elif mode == "periods":
        dated = arts.loc[mask, "date"].dropna()
        if dated.empty:
            st.info(t("kw.no_dates"))
            return
        split = st.date_input(t("kw.split"), value=dated.median().date(), key="kw_cmp_split", format="YYYY-MM-DD")
        mask_a = mask & (arts["date"] < pd.Timestamp(split)).to_numpy()
        mask_b = mask & (arts["date"] >= pd.Timestamp(split)).to_numpy()
    else:
        q = st.text_input(t("kw.query_a"), key="kw_cmp_q", help=t("kw.query_a_help"))
        qm = np.zeros(len(mask), dtype=bool)
        if q.strip():
            backend, _, lock = state.current_selection()
            try:
                with lock:   # the query filter's own matching (the bigram index): analysis.filters.query_mask
                    qm = backend.query_matches(parse_query(q))
            except WenjianError as exc:
                st.warning(error_text(exc))
        mask_a, mask_b = mask & qm, mask & ~qm
    measure = _measure()
    st.caption(t("kw.ab_count", a=f"{int(mask_a.sum()):,}", b=f"{int(mask_b.sum()):,}"))
    if not (mask_a.any() and mask_b.any()):
        st.info(t("kw.need_two", hint=hint))
        return
    backend, _, lock = state.current_selection()
    with st.spinner(t("lgt.reading")), lock:
        table = QV.keyness(backend, mask_a, mask_b, n=30, measure=measure)
    show_table(table, "keyness", key="kw_cmp_table")


def _measure() -> str:
    """The comparison's statistic (G² or weighted log-odds), as the in-memory page offers it."""
    return st.radio(t("kw.statistic"), ["llr", "logodds"], horizontal=True, key="kw_cmp_measure",
                    format_func=lambda m: t(f"kw.measure.{m}"), help=t("kw.statistic_help"))


def _side(dataset_id: str):
    """The query backend of a saved dataset and the lock its use holds: a large one's DuckDB backend (its
    store), a small one's tokenized corpus in memory (``ui.cache.corpus_for``, the page's own)."""
    other = open_dataset(dataset_id)
    if other.large:
        return cache.query_backend(other)
    return MemoryBackend(other.articles, cache.corpus_for(other), pd.DataFrame()), contextlib.nullcontext()


def _compare_datasets() -> None:
    """两个数据集 of a large dataset's 关键词 page: the terms most distinctive of two saved datasets
    (``query_compare.compare_datasets``: the in-memory page's numbers, each side counted from its store)."""
    infos = {i.id: f"{dataset_name(i.name)} ({i.articles})" for i in list_datasets()}
    if len(infos) < 2:
        st.info(t("kw.need_datasets"))
        return
    ids = list(infos)
    c1, c2 = st.columns(2)
    id_a = c1.selectbox(t("kw.dataset_a"), ids, key="kw_cmp_ds_a", format_func=infos.get)
    id_b = c2.selectbox(t("kw.dataset_b"), ids, index=1, key="kw_cmp_ds_b", format_func=infos.get)
    measure = _measure()
    with st.spinner(t("lgt.reading")):
        (a, lock_a), (b, lock_b) = _side(id_a), _side(id_b)
        with lock_a, lock_b:
            table, n_a, n_b = QC.compare_datasets(a, b, dedupe=state.current_filters().dedupe, n=30,
                                                  measure=measure)
    st.caption(t("kw.ab_count", a=f"{n_a:,}", b=f"{n_b:,}"))
    if not (n_a and n_b):
        st.info(t("kw.need_two", hint=""))
        return
    show_table(table, "keyness", key="kw_cmp_table")


def _group(top: pd.DataFrame) -> None:
    c1, c2 = st.columns(2)
    by = c1.radio(t("kw.by"), ["source", "file", "period"], horizontal=True, key="kw_by",
                  format_func=lambda x: t(f"kw.by.{x}"))
    freq = c2.selectbox(t("kw.period"), ["month", "quarter", "year", "week", "day"], key="kw_by_freq",
                        disabled=by != "period", format_func=lambda f: t(f"freq.{f}"))
    backend, sel, lock = state.current_selection()
    with st.spinner(t("lgt.reading")), lock:
        long = QV.terms_by(backend, sel, by, freq=freq, mask=state.current_mask(),
                           terms=top["term"].head(GROUP_TERMS).tolist())
    st.caption(t("kw.group_note", n=min(GROUP_TERMS, len(top))))
    wide = group_table(long)
    show_table(wide, f"keywords_by_{by}", key="kw_by_table", sheets={"long": long})


# ------------------------------------------------------------------------------------------------ 文章
def search_rows(search: str) -> np.ndarray:
    """The rows (ascending) of the selected articles matching ``search`` (the query filter's syntax: AND, OR,
    NOT, quotes), matched as the sidebar's query is (``DuckBackend.query_matches``: the bigram index, exactly
    ``analysis.filters.query_mask``). Raises ``InvalidOption`` for a bad query."""
    backend, _, lock = state.current_selection()
    q = parse_query(search)
    with lock:
        hits = backend.query_matches(q)
    return np.flatnonzero(state.current_mask() & hits)


def rows_page(rows: np.ndarray, page: int) -> pd.DataFrame:
    """Page ``page`` (``ui.large.PAGE_ROWS`` rows, dataset order) of the selected ``rows`` (``query_rows.article_rows``:
    only those rows' titles are read)."""
    backend, sel, lock = state.current_selection()
    chunk = rows[page * large.PAGE_ROWS:(page + 1) * large.PAGE_ROWS]
    with lock:
        return QR.article_rows(backend, sel, limit=large.PAGE_ROWS, rows=chunk, order="row")
