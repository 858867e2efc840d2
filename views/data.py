"""数据 page: the parse report, the per-file column-mapping override, the dataset library (open, rename,
delete, merge) and the article table of the current selection."""
from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from analysis.schema import ARTICLE_COLUMNS, dates_as_text
from ui import large, session, sidebar, state
from ui.convert import traditional_notice
from ui.i18n import column, dataset_name, t
from ui.library import library, list_datasets
from ui.parse_report import files_frame, summary_lines
from ui.text import md_escape
from ui.widgets import show_table

log = logging.getLogger("wenjian.ui")
MAPPED_FIELDS = ("title", "body", "date", "source", "author", "url")

ds = state.current_dataset()
st.header(t("da.title"))

# --- parse report ---------------------------------------------------------------------------------------
st.subheader(t("da.report"))
if ds is not None:
    traditional_notice(ds, key="da")
if ds is not None and ds.report is not None:
    for line in summary_lines(ds.report):
        st.text(line)
    show_table(files_frame(ds.report), "parse_report", key="da_report")
else:
    st.caption(t("da.no_report"))

# --- column mapping override ------------------------------------------------------------------------------
upload = session.last_upload()
tables = [f for f in (ds.report.files if ds and ds.report else []) if f.columns]
with st.expander(t("da.mapping"), expanded=False, icon=":material/view_column:"):
    st.caption(t("da.mapping_help"))
    same = upload is not None and ds is not None and not ds.sample and upload.get("id") == ds.library_id
    if not tables or not same:
        st.caption(t("da.mapping_none"))
    else:
        mappings: dict[str, dict[str, str]] = {}
        for f in tables:
            st.markdown(f"**{md_escape(f.name)}**")
            cols = st.columns(len(MAPPED_FIELDS))
            choice: dict[str, str] = {}
            for col, field_name in zip(cols, MAPPED_FIELDS):
                options = ["", *f.columns]
                current = f.column_mapping.get(field_name, "")
                picked = col.selectbox(column(field_name), options, index=options.index(current) if current in options else 0,
                                       format_func=lambda c: c or t("da.auto"), key=f"da_map_{f.name}_{field_name}")
                if picked:
                    choice[field_name] = picked
            if choice != {k: v for k, v in f.column_mapping.items() if k in MAPPED_FIELDS}:
                mappings[f.name] = choice

        def _reparse(m=mappings) -> None:
            session.request_reparse({**upload, "mappings": m})

        st.button(t("da.reparse"), on_click=_reparse, disabled=not mappings, key="da_reparse",
                  icon=":material/refresh:")

# --- library ----------------------------------------------------------------------------------------------
st.subheader(t("da.library"))
try:
    infos = list_datasets()
except Exception as exc:  # noqa: BLE001
    log.exception("library unavailable")
    st.warning(t("ds.library_unavailable", err=exc))
    infos = []
if not infos:
    st.caption(t("da.library_empty"))
else:
    st.dataframe(pd.DataFrame({t("da.col_name"): [dataset_name(i.name) for i in infos],
                               t("da.col_articles"): [i.articles for i in infos],
                               t("da.col_created"): [i.created.replace("T", " ")[:19] for i in infos]}),
                 hide_index=True)
    names = {i.id: f"{dataset_name(i.name)} ({i.articles})" for i in infos}

    def _open(dataset_id: str) -> None:
        session.pick_dataset(dataset_id)
        sidebar.on_pick()

    def _rename(dataset_id: str) -> None:
        new = session.widget_value(session.DA_NEW_NAME, "").strip()
        if new:
            library().rename(dataset_id, new)
            if ds is not None and ds.library_id == dataset_id:
                _open(dataset_id)

    def _delete(dataset_id: str) -> None:
        library().delete(dataset_id)
        if ds is not None and ds.library_id == dataset_id:
            session.pick_dataset(sidebar.SAMPLE_ID)
            sidebar.on_pick()

    def _merge() -> None:
        ids = session.widget_value(session.DA_MERGE_IDS, [])
        info = library().merge(ids, session.widget_value(session.DA_MERGE_NAME) or t("da.merged"))
        _open(info.id)

    target = st.selectbox(t("ds.pick"), list(names), format_func=names.get, key="da_target")
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button(t("da.open"), on_click=_open, args=(target,), key="da_open", icon=":material/folder_open:")
        st.text_input(t("da.new_name"), key=session.DA_NEW_NAME, placeholder=t("da.new_name"), width=280)
        st.button(t("da.rename"), on_click=_rename, args=(target,), key="da_rename", icon=":material/edit:")
        with st.popover(t("da.delete"), icon=":material/delete:"):
            st.button(t("da.confirm_delete"), on_click=_delete, args=(target,), key="da_delete", type="primary")
    if len(infos) >= 2:
        with st.expander(t("da.merge"), icon=":material/merge:"):
            st.multiselect(t("da.merge_pick"), list(names), format_func=names.get, key=session.DA_MERGE_IDS,
                           placeholder=t("f.choose"), select_all=False)
            st.text_input(t("da.merge_name"), key=session.DA_MERGE_NAME)
            st.button(t("da.merge"), on_click=_merge, key="da_merge",
                      disabled=len(session.widget_value(session.DA_MERGE_IDS, [])) < 2)

# --- articles -------------------------------------------------------------------------------------------
st.subheader(t("da.articles"))
if ds is None or ds.articles.empty:
    st.info(t("empty.dataset"))
elif ds.large:  # one page of rows at a time from the store (ui.large)
    total = large.count()
    if not total:
        st.info(t("empty.no_articles"))
    else:
        page = large.page_picker(total, "da_page")
        rows = large.rows_page(page, body=True)
        st.caption(t("lg.listed", first=f"{page * large.PAGE_ROWS + 1:,}",
                     last=f"{page * large.PAGE_ROWS + len(rows):,}", n=f"{total:,}"))
        table = rows[[c for c in ARTICLE_COLUMNS if c in rows]].assign(date=lambda d: dates_as_text(d["date"]))
        show_table(table, "articles", key="da_articles", height=400)
else:
    arts = state.filtered_articles()
    if arts.empty:
        st.info(t("empty.no_articles"))
    else:
        table = arts[list(ARTICLE_COLUMNS)].assign(date=lambda d: dates_as_text(d["date"]))
        show_table(table, "articles", key="da_articles", height=400)
