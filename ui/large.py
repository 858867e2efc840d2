"""The pages' data access for a large dataset (``Dataset.large``: above ``MEMORY_MAX_ARTICLES`` articles, read
through its store with DuckDB): every number comes from ``analysis.store.query`` over the session's selection
(``ui.state.current_selection``); lists read one page of rows at a time. What the query layer does not answer
yet is said on the page (:func:`not_here`), never estimated or sampled.

The session keeps the dataset's light columns (``ui.dataset.LIGHT_COLUMNS``, shared read-only), its row masks
(1 byte per article) and small results; the DuckDB connection is shared (``ui.cache.query_backend``).
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.figures.keywords import top_terms_figure, word_cloud
from analysis.filters import Filters
from analysis.kwic import SORTS, effective_mode, pieces
from analysis.policy.register import default_register as register_default, register_stopwords
from analysis.store import query as Q, query_rows as QR
from analysis.store.store import MEMORY_MAX_ARTICLES
from ui import cache, drill, large_terms, state  # ui.drill and ui.large_terms import this module too: used as <module>.<name> at call time
from ui.dataset import Dataset
from ui.i18n import error_text, t, words
from ui.marks import excluded
from ui.reader import listed_mentions, render_record
from ui.text import md_escape
from ui.widgets import show_figure, show_table

#: rows listed per page of the 文章 / 数据 tables and in a drill-down
PAGE_ROWS = 1000


def not_here(what: str) -> None:
    """The honest note of a view the query layer does not answer above the memory threshold."""
    st.info(t("lg.not_here", what=what, n=f"{MEMORY_MAX_ARTICLES:,}"), icon=":material/database:")


def settings_note(ds: Dataset) -> None:
    """Say so when the store read was made with other analysis settings than this workspace's."""
    if cache.settings_differ(ds):
        st.caption(t("lg.other_settings"))


def top_terms(n: int, register: str = "none") -> pd.DataFrame:
    """``term, count, documents, tfidf`` of the selection (``query.top_terms``), without the register's
    stopwords as ``analysis.policy.register.top_terms_for_register`` does."""
    backend, sel, lock = state.current_selection()
    stop = register_stopwords(register)
    with lock:
        top = Q.top_terms(backend, sel, n + len(stop))
    return top[~top["term"].isin(stop)].head(n).reset_index(drop=True) if stop else top.head(n)


def agency_counts(include_foreign: bool = False, include_media: bool = False) -> pd.DataFrame:
    """``agency, mentions, documents`` of the selection (the 概览 page), without the names marked "not an
    agency" in this dataset."""

    backend, sel, lock = state.current_selection()
    with lock:
        out = Q.agency_counts(backend, sel, include_foreign=include_foreign, include_media=include_media)
    marked = excluded(state.current_dataset().digest)
    return out[~out["agency"].isin(marked)].reset_index(drop=True) if marked else out


def summary(filters: Filters):
    """``analysis.overview.Summary`` of ``filters`` on the current large dataset (``query.overview_summary``)."""
    ds = state.current_dataset()
    backend, lock = cache.query_backend(ds)
    with lock:
        return Q.overview_summary(backend, backend.select(state.store_filters(ds, filters)))


def top_sources(n: int) -> pd.DataFrame:
    """``source, articles`` of the ``n`` sources with most selected articles (``query.top_sources``)."""
    backend, sel, lock = state.current_selection()
    with lock:
        return Q.top_sources(backend, sel, n)


def count() -> int:
    return int(state.current_mask().sum())


def rows_page(page: int, *, body: bool = False) -> pd.DataFrame:
    """Page ``page`` (0-based, :data:`PAGE_ROWS` rows) of the selection in dataset order (``article_rows``
    ``order="row"``: one stretch of the store's text row groups is read, not the text of a whole date order)."""
    backend, sel, lock = state.current_selection()
    with lock:
        return QR.article_rows(backend, sel, limit=PAGE_ROWS, offset=page * PAGE_ROWS, order="row", body=body)


def page_picker(total: int, key: str) -> int:
    """A page number input when the selection has more than one page; returns the 0-based page."""
    pages = max(1, -(-total // PAGE_ROWS))
    if pages == 1:
        return 0
    page = st.number_input(t("lg.page", pages=f"{pages:,}", n=f"{PAGE_ROWS:,}"), 1, pages, 1, key=key)
    return int(page) - 1


def show_rows(mask_or_rows, label: str, *, key: str) -> None:
    """The drill-down of a large dataset: the articles behind a selection (a boolean mask over the rows or a
    frame with ``id``), first :data:`PAGE_ROWS` by date; a clicked row (or a title chosen in the box under the
    table) opens below."""
    ds = state.current_dataset()
    if isinstance(mask_or_rows, np.ndarray):
        rows = np.flatnonzero(mask_or_rows)
    else:
        rows = np.flatnonzero(ds.articles["id"].isin(mask_or_rows["id"]).to_numpy())
    with st.container(border=True):
        st.markdown(t("drill.title", label=md_escape(label)) + f" — {t('ar.found', n=len(rows))}")
        if not len(rows):
            st.info(t("drill.none"))
            return
        backend, _, lock = state.current_selection()
        with lock:
            listed = QR.article_rows(backend, backend.select(Filters(dedupe=False)),
                                     limit=PAGE_ROWS, rows=rows, order="row")
        if len(rows) > PAGE_ROWS:
            st.caption(t("w.rows_shown", shown=PAGE_ROWS, total=len(rows)))
        event = st.dataframe(drill.articles_table(listed), hide_index=True, key=f"{key}_table", on_select="rerun",
                             selection_mode="single-row", column_config=drill.table_config(),
                             height=min(400, 38 + 35 * len(listed)))
        picked = drill.article_choice(listed, event.selection.rows if event is not None else [], f"{key}_open")
        if picked is not None:   # (a click on a row or its title chosen in the box under the table: tester-s15 K3)
            render_row(int(listed["row"].iloc[picked]), [label])


def render_row(row: int, terms: list[str]) -> None:
    """The reader of one article of a large dataset (``query_rows.article_at``: its text and agencies read from the
    store), as ``ui.reader.render_article`` shows a small dataset's."""

    backend, _, lock = state.current_selection()
    with lock:
        art, mentions = QR.article_at(backend, row)
    agencies, surfaces = listed_mentions(mentions)  # the small reader's rule: no foreign body (tester-s14 R2)
    render_record(art, agencies, surfaces, terms)


def top_terms_chart(top: pd.DataFrame, title: str, key: str):
    """The top-terms bar chart of a large dataset; returns ``(figure, selection event)``."""
    fig = top_terms_figure(top, title, labels=words("kwf."))
    return fig, show_figure(fig, "top_keywords", key=key, on_select="rerun")


def term_rows(term: str) -> np.ndarray:
    """Boolean mask of the selected articles holding the dictionary term ``term`` (``doc_terms``)."""
    backend, sel, lock = state.current_selection()
    with lock:
        tid = backend.query("SELECT term_id FROM terms WHERE term = ?", [term])["term_id"].tolist()
        rows = backend.query(f"""SELECT a.row FROM articles a WHERE {sel.where} AND a.article_id IN
          (SELECT d.article_id FROM doc_terms d WHERE d.term_id = ?)""",
                             [*sel.params, int(tid[0]) if tid else -1])["row"].to_numpy(np.int64)
    mask = np.zeros(len(state.current_dataset().articles), dtype=bool)
    mask[rows] = True
    return mask


def agency_rows(name: str) -> np.ndarray:
    """Boolean mask of the selected articles naming the agency ``name``."""
    ds, filters = state.current_dataset(), state.current_filters()
    return state.current_mask() & state.mask_for(ds, dataclasses.replace(filters, agencies=(name,)))


def head_rows(ds: Dataset, n: int) -> tuple[list[str], list[str]]:
    """Titles and bodies of the first ``n`` articles of a large dataset in dataset order (read from the row
    groups holding them only)."""
    backend, lock = cache.query_backend(ds)
    titles: list[str] = []
    bodies: list[str] = []
    with lock:
        for _, ts, bs in Q.read_text_rows(backend.store, np.arange(min(n, backend.store.n_articles))):
            titles.extend(ts)
            bodies.extend(bs)
    return titles, bodies


def head_texts(ds: Dataset, n: int) -> list[str]:
    """``title + " " + body`` of the first ``n`` articles of a large dataset (:func:`head_rows`)."""
    titles, bodies = head_rows(ds, n)
    return [f"{a} {b}" for a, b in zip(titles, bodies)]


#: articles (the first ones, in dataset order) ``auto``'s register is decided from on a large dataset
REGISTER_SAMPLE = 2000


@st.cache_resource(show_spinner=False, max_entries=4)
def _default_register(folder: str, _ds: Dataset) -> str:
    titles, bodies = head_rows(_ds, REGISTER_SAMPLE)
    sources = _ds.articles["source"].iloc[:len(titles)].fillna("").astype(str).tolist()
    return register_default(pd.DataFrame({"title": titles, "body": bodies, "source": sources}))


def default_register(ds: Dataset) -> str:
    """``auto``'s register (``analysis.policy.register.default_register``: policy, news or none) from the
    titles, bodies and sources of the dataset's first :data:`REGISTER_SAMPLE` articles — only where the
    关键词 page's choice starts (the user can pick another), never a number shown."""
    return _default_register(ds.store, ds)


#: occurrences a large dataset's concordance lists (the first ones in article order)
KWIC_ROWS = 500


def token_total() -> int:
    """Tokens of the selected articles (``articles.n_tokens`` summed in SQL)."""
    backend, sel, lock = state.current_selection()
    with lock:
        got = backend.query(f"SELECT CAST(coalesce(sum(a.n_tokens), 0) AS BIGINT) AS n FROM articles a "
                            f"WHERE {sel.where}", sel.params)
    return int(got["n"].iloc[0])


def keywords_page(ds: Dataset, register_widget) -> None:
    """The 关键词 page of a large dataset: top terms (chart, table, cloud) and the concordance from the store
    (``register_widget()``: the page's register choice, returns the register the ranking leaves out);
    phrases, comparison and group breakdowns from ``ui.large_terms``."""

    settings_note(ds)
    n = count()
    st.caption(t("lg.kw_summary", articles=f"{n:,}", tokens=f"{token_total():,}"))
    if n == 0:
        st.info(t("empty.no_articles"))
        state.end_page()
    top_n = st.slider(t("kw.top_n"), 10, 300, 50, step=10, key="kw_top_n")
    register = register_widget()   # the page's choice and caption (views/keywords.py), one rule with 概览
    top = top_terms(top_n, register)
    views = ["top", "cloud", "phrases", "kwic", "compare", "group", "dict"]
    view = st.radio(t("kw.view"), views, horizontal=True, key="kw_view", label_visibility="collapsed",
                    format_func=lambda v: t(f"kw.v.{v}"))
    if view == "top":
        fig, event = top_terms_chart(top.head(40), t("kw.fig_title"), "kw_fig")
        if picked := drill.chart_choice(fig, event, "kw_fig_pick", t("kb.term"), drill.first_custom):
            show_rows(term_rows(picked), picked, key="kw_fig_drill")
        else:
            st.caption(t("kw.click_bar"))
        st.caption(t("kw.tfidf_note"))
        show_table(top, "keywords", key="kw_table")
    elif view == "cloud":
        if st.toggle(t("kw.cloud_on"), key="kw_cloud_on"):
            st.image(word_cloud(top), caption=t("kw.cloud_caption", n=len(top)), width="stretch")
    elif view == "kwic":
        c1, c2, c3, c4 = st.columns([2, 2, 1, 2])
        mode = c2.radio(t("kwic.mode"), ("token", "substring"), horizontal=True, key="kw_kwic_mode_large",
                        help=t("kwic.mode_help"), format_func=lambda m: t(f"kwic.mode.{m}"))
        term = c1.text_input(t("kwic.term"), value=top["term"].iat[0] if len(top) else "", key="kw_kwic_term")
        width = c3.number_input(t("kwic.width"), 5, 100, 20, key="kw_kwic_width")
        sort = c4.radio(t("kwic.sort"), [s for s in SORTS if s != "date"], horizontal=True, key="kw_kwic_sort_large",
                        format_func=lambda x: t(f"kwic.sort.{x}"))
        if not term.strip():
            return
        tk = cache.tokenizer(*cache.keyword_settings())
        backend, sel, lock = state.current_selection()
        try:
            with lock:
                conc = QR.kwic(backend, sel, term, tokenizer=tk if mode == "token" else None, width=int(width),
                               limit=KWIC_ROWS)
            how = effective_mode(term, mode, tk)
        except WenjianError as exc:
            st.warning(error_text(exc))
            return
        if sort != "position" and len(conc):
            key_col = conc["right"] if sort == "right" else conc["left"].str[::-1]
            conc = conc.iloc[key_col.argsort(kind="stable")].reset_index(drop=True)
        st.caption(t("kwic.found", n=f"{len(conc):,}", docs=f"{conc['id'].nunique():,}",
                     how=t(f"kwic.how.{how}", pieces=" | ".join(pieces(term, tk)))))
        if len(conc) >= KWIC_ROWS:
            st.caption(t("lg.kwic_capped", n=f"{KWIC_ROWS:,}"))
        show_table(conc[["left", "term", "right", "id", "file"]], "kwic", key="kw_kwic")
    elif view == "dict":
        st.caption(t("lg.other_settings"))
    else:  # phrases, comparison, breakdown by group (ui.large_terms)
        large_terms.keywords_view(view, top)


def with_titles(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (a slice of a large dataset's light columns, with ``id``) with ``title`` and ``url`` read from
    the store, in the same order."""
    ds = state.current_dataset()
    at = np.flatnonzero(ds.articles["id"].isin(rows["id"]).to_numpy())
    backend, _, lock = state.current_selection()
    with lock:
        got = QR.article_rows(backend, backend.select(Filters(dedupe=False)), limit=len(at), rows=at, order="row")
    extra = got.set_index("id")[["title", "url"]]
    return rows.join(extra, on="id")


def all_agencies(ds: Dataset, *, include_foreign: bool = False, include_media: bool = False) -> pd.DataFrame:
    """``agency, mentions, documents`` of every article of a large dataset (the sidebar's agency choices, as
    ``ui.filter_options.agency_options``), marked names left out; foreign government bodies and news
    organisations only when ``include_foreign`` / ``include_media`` (the 机构 page's rule:
    ``analysis.agency_counts.government_mentions``)."""

    backend, lock = cache.query_backend(ds)
    with lock:
        out = Q.agency_counts(backend, backend.select(Filters(dedupe=False)), include_foreign=include_foreign,
                              include_media=include_media)
    marked = excluded(ds.digest)
    return out[~out["agency"].isin(marked)].reset_index(drop=True) if marked else out
