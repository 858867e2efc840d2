"""The shared sidebar: language, upload, dataset picker (library) and the global filters.

It is rendered by the entry file (``app.py``) on every run, so its widgets keep their state across page
switches. Heavy work happens only when the user uploads or opens a dataset (not on every rerun). Its sections
live in their own modules — ``ui.sidebar_upload``, ``ui.sidebar_picker``, ``ui.sidebar_filters``,
``ui.sidebar_memory`` (what a reload brings back) — whose names this module still exports.
"""
from __future__ import annotations

import streamlit as st

from ui import library as ui_library  # called through the module: tests replace its functions
from ui import state
from ui.filter_options import (AGENCY_OPTIONS_KEY, FACETS_KEY, LEVEL_ORDER, NO_AGENCY, QUERY_HINT_KEY, agency_facets,
                               agency_options, facet_agencies, query_hint, ranked)
from ui.i18n import LANG_KEY, dataset_name, keep_choices, t
from ui.sidebar_filters import FILTER_DIGEST_KEY, clear_filters, date_range, filters_panel
from ui.sidebar_memory import (LAST_SAVED_KEY, REMEMBERED, RESTORED_KEY, persist_view_state, restore_view_state,
                               view_state)
from ui.sidebar_picker import (PICK_KEY, SAMPLE_ID, SESSION_ID, UPLOAD_MSGS_KEY, activate, on_pick, picker_panel,
                               share_panel)
from ui.sidebar_upload import (KEEP_RAW_BYTES, REPARSE_KEY, TO_SIMPLIFIED_KEY, UPLOAD_N_KEY, ingest, load_upload,
                               show_messages, upload_name, upload_panel)
from ui.text import md_escape
from ui.upload import warm_up
from ui.widgets import TOOLBAR_FORMAT_KEY

#: The sections' names, importable from here as before the split (``views/data.py``, ``ui/convert.py``, app.py).
__all__ = ["AGENCY_OPTIONS_KEY", "FACETS_KEY", "FILTER_DIGEST_KEY", "KEEP_RAW_BYTES", "LAST_SAVED_KEY", "LEVEL_ORDER",
           "NO_AGENCY", "PICK_KEY", "QUERY_HINT_KEY", "REMEMBERED", "REPARSE_KEY", "RESTORED_KEY", "SAMPLE_ID",
           "SESSION_ID", "TO_SIMPLIFIED_KEY", "UPLOAD_MSGS_KEY", "UPLOAD_N_KEY", "activate", "agency_facets",
           "agency_options", "clear_filters", "date_range", "facet_agencies", "filters_panel", "ingest",
           "load_upload", "on_pick", "persist_view_state", "picker_panel", "query_hint", "ranked", "render",
           "restore_view_state", "share_panel", "show_messages", "upload_name", "upload_panel", "view_state",
           "warm_up"]


def _settings() -> None:
    """The chart toolbar's download format (PNG / SVG)."""
    with st.expander(t("w.settings"), expanded=False, icon=":material/settings:"):
        st.radio(t("w.toolbar_format"), ["png", "svg"], key=TOOLBAR_FORMAT_KEY, format_func=str.upper,
                 horizontal=True)


def render() -> None:
    """The whole sidebar, top to bottom (called by ``app.py`` on every run)."""
    with st.sidebar:
        st.title(t("app.title"))
        restore_view_state()
        st.radio(t("lang.label"), ["zh", "en"], key=LANG_KEY, horizontal=True, on_change=keep_choices,
                 format_func={"zh": "中文", "en": "English"}.get, label_visibility="collapsed")
        upload_panel()
        picker_panel()
        ds = state.current_dataset()
        if ds is not None:
            st.caption(t("ds.current", name=t("ds.sample") if ds.sample else md_escape(dataset_name(ds.name)),
                         n=len(ds.articles)))
        filters_panel()
        _settings()

        ui_library.remember_in_browser()
        persist_view_state()
