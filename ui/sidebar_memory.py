"""What a reload of the page brings back: the language, the open dataset and its filters, kept per
workspace on the server (``ui.library.load_last_state`` / ``save_last_state``)."""
from __future__ import annotations

import logging
from datetime import date

import streamlit as st

from ui import state
from ui import library as ui_library  # called through the module: tests replace its functions
from ui.filter_options import agency_facets, agency_options
from ui.i18n import LANG_KEY
from ui.sidebar_picker import PICK_KEY, SAMPLE_ID, activate

log = logging.getLogger("wenjian.ui")

RESTORED_KEY = "wj_restored"
LAST_SAVED_KEY = "wj_last_saved"
#: filter widgets whose values are remembered per browser (dates as ISO strings)
REMEMBERED = ("wj_f_sources", "wj_f_agencies", "wj_f_query", "wj_f_undated", "wj_f_dedupe", "wj_f_levels",
              "wj_f_regions", "wj_f_types")


def view_state() -> dict:
    """What a reload brings back: language, the open dataset (library id or the sample) and the filters."""
    ds = state.current_dataset()
    dataset = SAMPLE_ID if ds is None or ds.sample else ds.library_id
    data: dict = {"lang": st.session_state.get(LANG_KEY, "zh"), "dataset": dataset or ""}
    if dataset:
        data["filters"] = {k: st.session_state[k] for k in REMEMBERED if k in st.session_state}
        dates = st.session_state.get("wj_f_dates")
        if isinstance(dates, (tuple, list)) and dates:
            data["filters"]["wj_f_dates"] = [d.isoformat() for d in dates]
    return data


def restore_view_state() -> None:
    """Once per browser session, before any widget: reopen the dataset and filters this workspace had open
    last (kept on the server per workspace token, see ``ui.library.load_last_state``) — unless this browser
    remembers another workspace (it came by a shared link: it sees the library, not the sharer's view). Values no longer valid
    for the dataset (a source or agency gone, dates outside its range) are dropped or clipped; a dataset
    deleted since leaves the sample open."""
    if st.session_state.get(RESTORED_KEY):
        return
    st.session_state[RESTORED_KEY] = True
    if state.DATASET_KEY in st.session_state:
        return

    remembered = ui_library.cookie_token()
    if remembered and remembered != ui_library.browser_token():
        return   # a browser that remembers another workspace opened this one's link: its library, not its view

    saved = ui_library.load_last_state()
    if saved.get("lang") in ("zh", "en") and LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = saved["lang"]
    dataset_id = saved.get("dataset")
    if not dataset_id:
        return
    try:
        if dataset_id != SAMPLE_ID:
            activate(ui_library.open_dataset(dataset_id))
            st.session_state[PICK_KEY] = dataset_id
        else:
            activate(state.sample_dataset())
    except Exception:  # noqa: BLE001 - deleted since: the sample stays open
        log.info("last dataset %s not reopened", dataset_id, exc_info=True)
        return
    ds = state.current_dataset()
    if ds is None:  # activate() just opened one
        return
    filters = saved.get("filters") or {}
    sources = set(ds.articles["source"].fillna("").astype(str))
    picked_sources = [s for s in filters.get("wj_f_sources", []) if s in sources]
    st.session_state["wj_f_sources"] = picked_sources
    if filters.get("wj_f_agencies"):
        options = set(agency_options(ds) or [])
        st.session_state["wj_f_agencies"] = [a for a in filters["wj_f_agencies"] if a in options]
    if any(filters.get(k) for k in ("wj_f_levels", "wj_f_regions", "wj_f_types")):
        facets = agency_facets(ds)
        for key, col in (("wj_f_levels", "level"), ("wj_f_regions", "region"), ("wj_f_types", "type")):
            present = set(facets[col]) if facets is not None else set()
            st.session_state[key] = [v for v in filters.get(key) or [] if v in present]
    for key, kind in (("wj_f_query", str), ("wj_f_undated", bool), ("wj_f_dedupe", bool)):
        if isinstance(filters.get(key), kind):
            st.session_state[key] = filters[key]
    dates = ds.articles["date"].dropna()
    try:
        lo, hi = (date.fromisoformat(d) for d in filters.get("wj_f_dates", []))
    except (TypeError, ValueError):
        return
    if not dates.empty:
        first, last = dates.min().date(), dates.max().date()
        lo, hi = min(max(lo, first), last), min(max(hi, first), last)
        st.session_state["wj_f_dates"] = (lo, hi) if lo <= hi else (first, last)


def persist_view_state() -> None:
    """Write :func:`view_state` for this browser when it changed since the last write."""

    data = view_state()
    if st.session_state.get(LAST_SAVED_KEY) != data:
        ui_library.save_last_state(data)
        st.session_state[LAST_SAVED_KEY] = data
