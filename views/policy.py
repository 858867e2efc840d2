"""政策 / Policy: documents with their 文号, issuer, dates, status and type; most-cited titles; the citation
network (click a node → the document and the sentences citing it); issuer × year.

All computation is in ``analysis.policy``; this page only lays out widgets.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.figures.policy import issuer_year_figure, network_figure, top_cited_figure
from analysis.policy.citations import citing_sentences, find_citations, role_counts, top_cited
from analysis.policy.documents import documents_table, filter_documents, issuer_year
from analysis.policy.metadata import split_list, with_policy_columns
from ui import large_policy, state, widgets
from ui.drill import cited_document, chart_choice, network_document, show_articles
from ui.i18n import column, doc_type, t, words
from ui.text import md_escape


def show_sentences(rows: pd.DataFrame, key: str, limit: int = 30) -> None:
    """The citing sentences as readable text (the table above has them too, for download)."""
    with st.container(key=key, border=True):
        for r in rows.head(limit).itertuples(index=False):
            st.markdown(f"**{md_escape(r.title)}** · `{t('po.role.' + r.role)}` — {md_escape(r.sentence)}")
        if len(rows) > limit:
            st.caption(t("w.rows_shown", shown=limit, total=len(rows)))


@st.cache_resource(show_spinner=False, max_entries=4)
def _policy(digest: str, _articles: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(articles with the policy columns, citations) of one dataset, computed once per content digest."""
    arts = with_policy_columns(_articles)
    return arts, find_citations(arts)


st.header(t("po.title"))
ds = state.require_dataset()
if ds.large:  # the policy fields are read from the saved table by column; the citations are not stored
    large_policy.page(ds)
    state.end_page()
with st.spinner("…"):
    arts, cites = _policy(ds.digest, ds.articles)
mask = state.current_mask()
ids = set(arts.loc[mask, "id"].tolist())
shown = arts[mask]
own = cites[cites["id"].isin(ids)]
st.caption(t("po.caption", n=f"{len(shown):,}", numbered=f"{int((shown['doc_number'] != '').sum()):,}",
             issued=f"{int((shown['issuer'] != '').sum()):,}", refs=f"{int((~own['self']).sum()):,}",
             inside=f"{int((own['resolved_id'].notna() & ~own['self']).sum()):,}"))
VIEWS = ["po.view_docs", "po.view_cited", "po.view_network", "po.view_matrix", "po.view_citations"]
view = st.radio("view", VIEWS, horizontal=True, key="po_view", label_visibility="collapsed", format_func=t)

if view == "po.view_docs":
    table = documents_table(shown, own)
    c1, c2, c3 = st.columns([2, 2, 1])
    text = c1.text_input(t("po.search"), key="po_search")
    issuers = sorted({i for v in table["issuer"] for i in split_list(v)})
    chosen = c2.multiselect(t("po.issuers"), issuers, key="po_issuers", placeholder=t("f.choose"), select_all=False)
    c4, c5, c6, c7 = st.columns(4)
    statuses = c4.multiselect(t("po.status"), sorted(s for s in table["status"].unique() if s), key="po_status",
                              placeholder=t("f.choose"), select_all=False)
    types = c5.multiselect(t("po.types"), table["doc_type"].value_counts().index.drop("", errors="ignore").tolist(),
                           key="po_types", placeholder=t("f.choose"), format_func=doc_type, select_all=False)
    min_cited = c6.number_input(t("po.min_cited"), 0, 10_000, 0, key="po_min_cited")
    min_citing = c7.number_input(t("po.min_citing"), 0, 10_000, 0, key="po_min_citing")
    c8, c9 = st.columns([1, 3])
    date_column = c8.selectbox(t("po.date_column"), ["date", "written_date", "effective_date"], key="po_date_col",
                               format_func=lambda c: t(f"po.col.{c}"))
    known = table[date_column].dropna().dt.year
    years = None
    if len(known) and known.min() < known.max():
        span = (int(known.min()), int(known.max()))
        picked_years = c9.slider(t("po.years"), span[0], span[1], span, key=f"po_years_{date_column}")
        years = None if tuple(picked_years) == span else tuple(picked_years)
    shown_docs = filter_documents(table, text=text, issuers=chosen, statuses=statuses, types=types,
                                  min_cited_by=int(min_cited), min_citing=int(min_citing), date_column=date_column,
                                  years=years)
    c3.metric(t("po.view_docs"), f"{len(shown_docs):,}")
    widgets.show_table(shown_docs, "policy_documents", key="po_docs", empty=t("po.no_documents"))
    with st.expander(t("po.roles")):
        widgets.show_table(role_counts(own), "policy_citation_roles", key="po_roles", empty=t("po.no_citations"))
elif view == "po.view_cited":
    c1, c2 = st.columns(2)
    top_n = c1.slider(t("po.top"), 5, 100, 20, step=5, key="po_top")
    scope = c2.radio(t("po.scope"), ["all", "inside", "outside"], horizontal=True, key="po_scope",
                     format_func=lambda s: t(f"po.scope_{s}"))
    inside = {"all": None, "inside": True, "outside": False}[scope]
    top = top_cited(cites, arts, top_n, inside=inside, mask=mask)
    fig = top_cited_figure(top, t("pof.cited_title"), labels=words("pof."))
    event = widgets.show_figure(fig, "policy_most_cited", key="po_cited_fig", on_select="rerun")
    # a click on a bar of a document in the corpus, or the same choice by keyboard (tester-s15 K3)
    picked = chart_choice(fig, event, "po_cited_pick", t("kb.cited"), cited_document, format_func=lambda v: v[0])
    widgets.show_table(top, "policy_most_cited", key="po_cited_table", empty=t("po.no_citations"))
    if picked:
        target = int(picked[1])
        st.markdown(t("po.cited_by", title=md_escape(picked[0])))
        rows = citing_sentences(own, arts, target)
        widgets.show_table(rows, f"policy_citing_{target}", key="po_cited_drill")
        show_sentences(rows, "po_cited_sentences")
elif view == "po.view_network":
    n_nodes = st.slider(t("po.nodes"), 10, 150, 40, step=10, key="po_nodes")
    fig = network_figure(arts, cites, n_nodes, ids=ids, title=t("pof.network_title"), labels=words("pof."))
    event = widgets.show_figure(fig, "policy_network", key="po_net", on_select="rerun")
    # a click on a node, or the same choice by keyboard in the box under the chart (tester-s15 K3)
    picked = chart_choice(fig, event, "po_net_pick", t("kb.document"), network_document,
                          format_func=lambda v: f"{v[1]}({column('id')} {v[0]})")
    if not picked:
        st.caption(t("po.click_node"))
    else:
        target, title = int(picked[0]), str(picked[1])
        doc = arts[arts["id"] == target]
        widgets.show_table(doc[["id", "title", "doc_number", "issuer", "date", "status", "doc_type"]],
                           f"policy_document_{target}", key="po_net_doc")
        st.markdown(t("po.cited_by", title=md_escape(title)))
        rows = citing_sentences(own, arts, target)
        if rows.empty:
            st.info(t("po.no_citers"))
        else:
            widgets.show_table(rows, f"policy_citing_{target}", key="po_net_citing")
            show_sentences(rows, "po_net_sentences")
        show_articles(doc[["id"]], title, key="po_net_article")
elif view == "po.view_matrix":
    matrix = issuer_year(shown, top=25, unknown=t("pof.unknown"))
    st.caption(t("po.matrix_caption"))
    widgets.show_figure(issuer_year_figure(matrix, t("pof.matrix_title"), unknown=t("pof.unknown")), "policy_issuer_year", key="po_matrix_fig")
    widgets.show_table(matrix, "policy_issuer_year", key="po_matrix")
else:
    widgets.show_table(own[~own["self"]].drop(columns=["self"]), "policy_citations", key="po_all_citations", empty=t("po.no_citations"))
