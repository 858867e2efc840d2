"""What a reload of the page brings back: the language, the open dataset and its filters, kept per
workspace on the server (``ui.library.load_last_state`` / ``save_last_state``)."""
from __future__ import annotations

import logging
from datetime import date

from ui import session, state
from ui import library as ui_library  # called through the module: tests replace its functions
from ui.filter_options import agency_facets, agency_options
from ui.session import F_AGENCIES, F_DATES, F_DEDUPE, F_LEVELS, F_QUERY, F_REGIONS, F_SOURCES, F_TYPES, F_UNDATED
from ui.session import LAST_SAVED_KEY, REMEMBERED, RESTORED_KEY  # noqa: F401 - re-exported (ui.sidebar)
from ui.sidebar_picker import SAMPLE_ID, activate

log = logging.getLogger("wenjian.ui")


def view_state() -> dict:
    """What a reload brings back: language, the open dataset (library id or the sample) and the filters."""
    ds = state.current_dataset()
    dataset = SAMPLE_ID if ds is None or ds.sample else ds.library_id
    data: dict = {"lang": session.language("zh"), "dataset": dataset or ""}
    if dataset:
        data["filters"] = session.remembered_filter_values()
        dates = session.widget_value(F_DATES)
        if isinstance(dates, (tuple, list)) and dates:
            data["filters"][F_DATES] = [d.isoformat() for d in dates]
    return data


def restore_view_state() -> None:
    """Once per browser session, before any widget: reopen the dataset and filters this workspace had open
    last (kept on the server per workspace token, see ``ui.library.load_last_state``) — unless this browser
    remembers another workspace (it came by a shared link: it sees the library, not the sharer's view). Values no longer valid
    for the dataset (a source or agency gone, dates outside its range) are dropped or clipped; a dataset
    deleted since leaves the sample open."""
    if not session.first_restore():
        return
    if state.has_dataset():
        return

    remembered = ui_library.cookie_token()
    if remembered and remembered != ui_library.browser_token():
        return   # a browser that remembers another workspace opened this one's link: its library, not its view

    saved = ui_library.load_last_state()
    if saved.get("lang") in ("zh", "en") and not session.language_chosen():
        session.set_language(saved["lang"])
    dataset_id = saved.get("dataset")
    if not dataset_id:
        return
    try:
        if dataset_id != SAMPLE_ID:
            activate(ui_library.open_dataset(dataset_id))
            session.pick_dataset(dataset_id)
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
    picked_sources = [s for s in filters.get(F_SOURCES, []) if s in sources]
    session.set_widget_value(F_SOURCES, picked_sources)
    if filters.get(F_AGENCIES):
        options = set(agency_options(ds) or [])
        session.set_widget_value(F_AGENCIES, [a for a in filters[F_AGENCIES] if a in options])
    if any(filters.get(k) for k in (F_LEVELS, F_REGIONS, F_TYPES)):
        facets = agency_facets(ds)
        for key, col in ((F_LEVELS, "level"), (F_REGIONS, "region"), (F_TYPES, "type")):
            present = set(facets[col]) if facets is not None else set()
            session.set_widget_value(key, [v for v in filters.get(key) or [] if v in present])
    for key, kind in ((F_QUERY, str), (F_UNDATED, bool), (F_DEDUPE, bool)):
        if isinstance(filters.get(key), kind):
            session.set_widget_value(key, filters[key])
    dates = ds.articles["date"].dropna()
    try:
        lo, hi = (date.fromisoformat(d) for d in filters.get(F_DATES, []))
    except (TypeError, ValueError):
        return
    if not dates.empty:
        first, last = dates.min().date(), dates.max().date()
        lo, hi = min(max(lo, first), last), min(max(hi, first), last)
        session.set_widget_value(F_DATES, (lo, hi) if lo <= hi else (first, last))


def persist_view_state() -> None:
    """Write :func:`view_state` for this browser when it changed since the last write."""

    data = view_state()
    if session.saved_view() != data:
        ui_library.save_last_state(data)
        session.set_saved_view(data)
