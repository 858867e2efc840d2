"""The 政策 page of a large dataset (``Dataset.large``): the caption counts and the issuer × year matrix of the
selection from the policy fields of the dataset's saved table (``analysis.store.query_policy``); the documents
table, the most cited titles and the citation list from the store's citation tables
(``analysis.store.query_citations``: the page's own rows, resolved over the whole corpus at ingest) for
selections of at most ``CITATION_MAX_ROWS`` references (above, the page asks to narrow the filters). A store built before the citation
tables says so and asks for a re-ingest; the citation network is not drawn above the threshold."""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.figures.policy import issuer_year_figure, top_cited_figure
from analysis.policy.citations import citing_sentences, role_counts
from analysis.store import query_citations as QC, query_policy as QP
from ui import large, library as ui_library, session, state, widgets
from ui.dataset import Dataset
from ui.drill import chart_choice, cited_document
from ui.i18n import column, doc_type, t, words
from ui.text import md_escape

VIEWS = ["po.view_docs", "po.view_cited", "po.view_network", "po.view_matrix", "po.view_citations"]


def _citations(backend, sel, lock, data_file, text: bool = False) -> pd.DataFrame:
    """The selection's references (``query_citations.citations``; with their sentences when ``text``), read once
    per selection of the session."""
    key = (str(backend.store.path), str(data_file), sel.where, repr(sel.params))
    name = f"_lgpol_cites_{int(text)}"
    got = session.memo(name, key)
    if got is not None:
        return got
    with lock:
        own = QC.citations(backend, sel, data_file, text=text)
    session.keep_memo(name, key, own)
    return own


def _matrix(backend, sel, lock, data_file) -> None:
    with lock:
        matrix = QP.issuer_year(backend, sel, data_file, top=25, unknown=t("pof.unknown"))
    st.caption(t("po.matrix_caption"))
    widgets.show_figure(issuer_year_figure(matrix, t("pof.matrix_title"), unknown=t("pof.unknown")),
                        "policy_issuer_year", key="po_matrix_fig")
    widgets.show_table(matrix, "policy_issuer_year", key="po_matrix")


def page(ds: Dataset) -> None:
    """Lay the large dataset's policy answers out (after the page header)."""
    backend, sel, lock = state.current_selection()
    data_file = ui_library.library().data_file(ds.library_id)
    if not QP.has_policy_fields(data_file):   # saved before the loader wrote them: the text would be needed
        large.not_here(t("lg.policy"))
        return
    with lock:
        counts = QP.policy_summary(backend, sel, data_file).iloc[0]
    n, numbered, issued = (f"{int(counts[c]):,}" for c in ("articles", "numbered", "issued"))
    if not QC.has_citations(backend):
        st.caption(t("lg.po_caption", n=n, numbered=numbered, issued=issued))
        _matrix(backend, sel, lock, data_file)
        st.info(t("lg.po_reingest"), icon=":material/database:")
        return
    with lock:
        stored = QC.stored_rows(backend, sel)
    if stored > QC.CITATION_MAX_ROWS:   # resolved and held in the session: ask to narrow, never a sample
        st.caption(t("lg.po_caption", n=n, numbered=numbered, issued=issued))
        st.info(t("lg.po_narrow", n=f"{stored:,}", max=f"{QC.CITATION_MAX_ROWS:,}"), icon=":material/filter_alt:")
        _matrix(backend, sel, lock, data_file)
        return
    own = _citations(backend, sel, lock, data_file)
    refs = own[~own["self"]]
    st.caption(t("po.caption", n=n, numbered=numbered, issued=issued, refs=f"{len(refs):,}",
                 inside=f"{int(refs['resolved_id'].notna().sum()):,}"))
    view = st.radio("view", VIEWS, horizontal=True, key="po_view", label_visibility="collapsed", format_func=t)
    if view == "po.view_docs":
        _documents(backend, sel, lock, data_file, own)
    elif view == "po.view_cited":
        _most_cited(backend, sel, lock, data_file, own)
    elif view == "po.view_network":
        large.not_here(t("lg.po_network"))
    elif view == "po.view_matrix":
        _matrix(backend, sel, lock, data_file)
    else:
        refs = _citations(backend, sel, lock, data_file, text=True)
        refs = refs[~refs["self"]]
        total = len(refs)
        page_no = large.page_picker(total, "po_cite_page")
        lo = page_no * large.PAGE_ROWS
        if total:
            st.caption(t("lg.po_listed", first=f"{lo + 1:,}", last=f"{min(total, lo + large.PAGE_ROWS):,}",
                         n=f"{total:,}"))
        widgets.show_table(refs.drop(columns=["self"]).iloc[lo:lo + large.PAGE_ROWS], "policy_citations",
                           key="po_all_citations", empty=t("po.no_citations"))


def _documents(backend, sel, lock, data_file, own: pd.DataFrame) -> None:
    """The documents table: the small page's filters, a sort column and a page of :data:`ui.large.PAGE_ROWS`."""
    with lock:
        choices = QC.document_choices(backend, sel, data_file)
    c1, c2, c3 = st.columns([2, 2, 1])
    text = c1.text_input(t("po.search"), key="po_search")
    chosen = c2.multiselect(t("po.issuers"), choices["issuers"], key="po_issuers", placeholder=t("f.choose"),
                            select_all=False)
    c4, c5, c6, c7 = st.columns(4)
    statuses = c4.multiselect(t("po.status"), choices["statuses"], key="po_status", placeholder=t("f.choose"),
                              select_all=False)
    types = c5.multiselect(t("po.types"), choices["types"], key="po_types", placeholder=t("f.choose"),
                           format_func=doc_type, select_all=False)
    min_cited = c6.number_input(t("po.min_cited"), 0, 10_000, 0, key="po_min_cited")
    min_citing = c7.number_input(t("po.min_citing"), 0, 10_000, 0, key="po_min_citing")
    c8, c9, c10, c11 = st.columns([1, 2, 1, 1])
    date_column = c8.selectbox(t("po.date_column"), ["date", "written_date", "effective_date"], key="po_date_col",
                               format_func=lambda c: t(f"po.col.{c}"))
    span = choices["years"][date_column]
    years = None
    if span is not None and span[0] < span[1]:
        picked = c9.slider(t("po.years"), span[0], span[1], span, key=f"po_years_{date_column}")
        years = None if tuple(picked) == span else tuple(picked)
    sort = c10.selectbox(t("lg.po_sort"), ["", *QC.SORTS], key="po_sort",
                         format_func=lambda c: column(c) if c else t("lg.po_sort_row"))
    descending = c11.toggle(t("lg.po_descending"), key="po_desc")
    kw: dict[str, Any] = {"text": text, "issuers": chosen, "statuses": statuses, "types": types, "min_cited_by": int(min_cited),
          "min_citing": int(min_citing), "date_column": date_column, "years": years, "sort": sort or None,
          "descending": descending}
    key = (str(backend.store.path), str(data_file), sel.where, repr(sel.params), repr(sorted(kw.items())))
    table = session.memo("_lgpol_docs", key)   # (one read per filter change; turning pages reads nothing)
    if table is None:
        with lock:
            table = QC.documents(backend, sel, data_file, cites=own, **kw)[1]
        session.keep_memo("_lgpol_docs", key, table)
    total = len(table)
    page_no = large.page_picker(total, "po_docs_page")
    lo = page_no * large.PAGE_ROWS
    shown = table.iloc[lo:lo + large.PAGE_ROWS].reset_index(drop=True)
    c3.metric(t("po.view_docs"), f"{total:,}")
    widgets.show_table(shown, "policy_documents", key="po_docs", empty=t("po.no_documents"))
    with st.expander(t("po.roles")):
        widgets.show_table(role_counts(own), "policy_citation_roles", key="po_roles", empty=t("po.no_citations"))


def _most_cited(backend, sel, lock, data_file, own: pd.DataFrame) -> None:
    c1, c2 = st.columns(2)
    top_n = c1.slider(t("po.top"), 5, 100, 20, step=5, key="po_top")
    scope = c2.radio(t("po.scope"), ["all", "inside", "outside"], horizontal=True, key="po_scope",
                     format_func=lambda s: t(f"po.scope_{s}"))
    inside = {"all": None, "inside": True, "outside": False}[scope]
    with lock:
        top = QC.top_cited(backend, sel, data_file, top_n, inside=inside, cites=own)
    fig = top_cited_figure(top, t("pof.cited_title"), labels=words("pof."))
    event = widgets.show_figure(fig, "policy_most_cited", key="po_cited_fig", on_select="rerun")
    picked = chart_choice(fig, event, "po_cited_pick", t("kb.cited"), cited_document, format_func=lambda v: v[0])
    widgets.show_table(top, "policy_most_cited", key="po_cited_table", empty=t("po.no_citations"))
    if picked:   # (a click on a bar of a document in the corpus, or the same choice by keyboard: tester-s15 K3)
        target = int(picked[1])
        own = _citations(backend, sel, lock, data_file, text=True)   # the citing sentences
        citing = own[(own["resolved_id"] == target) & ~own["self"]]
        with lock:
            titles = QC.targets(backend, data_file, citing["id"].tolist())
        st.markdown(t("po.cited_by", title=md_escape(picked[0])))
        rows = citing_sentences(own, titles, target)
        widgets.show_table(rows, f"policy_citing_{target}", key="po_cited_drill")
        for r in rows.head(30).itertuples(index=False):
            st.markdown(f"**{md_escape(r.title)}** · `{t('po.role.' + r.role)}` — {md_escape(r.sentence)}")
