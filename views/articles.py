"""文章 page: search the current selection and read one article with the query's terms and the agencies it
mentions highlighted, with its original link."""
from __future__ import annotations

import streamlit as st

from analysis.errors import WenjianError
from analysis.filters import query_mask
from ui import drill, large, large_terms, state
from ui.i18n import error_text, t
from ui.reader import query_terms, render_article
from ui.widgets import show_table

LIST_ROWS = 1000   # rows listed in the table (newest first); the search narrows the rest down

st.header(t("ar.title"))
ds = state.require_dataset()
if ds.large:  # read through the store: one page of rows, the article opened from its row (ui.large)
    search = st.text_input(t("ar.search"), key="ar_search", help=t("f.query_help"), icon=":material/search:")
    found = None
    if search:   # matched with the store's bigram index, as the sidebar's query (ui.large_terms)
        try:
            found = large_terms.search_rows(search)
        except WenjianError as exc:
            st.warning(error_text(exc))
            search = ""
    total = large.count() if found is None else len(found)
    if not total:
        st.info(t("empty.no_articles"))
        state.end_page()
    page = large.page_picker(total, "ar_page")
    listed = large.rows_page(page) if found is None else large_terms.rows_page(found, page)
    st.caption((t("ar.found", n=total) + " · " if found is not None else "")
               + t("lg.listed", first=f"{page * large.PAGE_ROWS + 1:,}", last=f"{page * large.PAGE_ROWS + len(listed):,}",
                   n=f"{total:,}") + " · " + t("ar.pick"))
    event = st.dataframe(drill.articles_table(listed), hide_index=True, key="ar_table", on_select="rerun",
                         selection_mode="single-row", height=360, column_config=drill.table_config())
    # the keyboard path: the same choice in a select box of titles (ui.drill.article_choice; tester-s15 K3)
    picked = drill.article_choice(listed, event.selection.rows if event is not None else [], "ar_open")
    large.render_row(int(listed["row"].iloc[picked or 0]),
                     query_terms(state.current_filters().query, search))
    state.end_page()
arts = state.filtered_articles()
search = st.text_input(t("ar.search"), key="ar_search", help=t("f.query_help"), icon=":material/search:")
if search:
    try:
        arts = arts[query_mask(arts, search)]
    except WenjianError as exc:
        st.warning(error_text(exc))
        search = ""
if arts.empty:
    st.info(t("empty.no_articles"))
    state.end_page()

arts = arts.sort_values(["date", "id"], ascending=[False, True], na_position="last")
listed = arts.head(LIST_ROWS)
st.caption(t("ar.found", n=len(arts)) + " · " + t("ar.pick")
           + (" · " + t("ar.listed", n=LIST_ROWS) if len(arts) > LIST_ROWS else ""))
event = st.dataframe(drill.articles_table(listed), hide_index=True, key="ar_table", on_select="rerun",
                     selection_mode="single-row", height=360,
                     column_config=drill.table_config())
# the keyboard path (Space/Enter in the grid open a cell editor, never select a row — tester-s15 K3): the same
# choice in a select box of titles under the table (ui.drill.article_choice); nothing chosen: the first row
picked = drill.article_choice(listed, event.selection.rows if event is not None else [], "ar_open")
position = int(ds.articles.index.get_loc(listed.index[picked or 0]))
render_article(ds, position, query_terms(state.current_filters().query, search))

with st.expander(t("w.downloads")):
    show_table(drill.articles_table(arts).merge(arts[["id", "body"]], on="id"), "articles", key="ar_dl")
