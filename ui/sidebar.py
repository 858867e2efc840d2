"""The shared sidebar: language, upload, dataset picker (library) and the global filters.

It is rendered by the entry file (``app.py``) on every run, so its widgets keep their state across page
switches. Heavy work happens only when the user uploads or opens a dataset (not on every rerun).
"""
from __future__ import annotations

import logging
from datetime import date

import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.filters import Filters, parse_query
from analysis.loaders import LoadOptions, load_files
from ui import state
from ui import upload as ui_upload
from ui import library as ui_library  # called through the module: tests replace its functions
from ui.filter_options import (AGENCY_OPTIONS_KEY, FACETS_KEY, LEVEL_ORDER, NO_AGENCY,  # noqa: F401 - old paths
                               QUERY_HINT_KEY, agency_facets, agency_options, facet_agencies, query_hint, ranked)
from ui.i18n import LANG_KEY, dataset_name, error_text, keep_choices, one_language, t
from ui.i18n import level as level_label
from ui.text import md_escape
from ui.widgets import TOOLBAR_FORMAT_KEY

log = logging.getLogger("wenjian.ui")

PICK_KEY = "wj_ds_pick"
UPLOAD_N_KEY = "wj_upload_n"
UPLOAD_MSGS_KEY = "wj_upload_msgs"
FILTER_DIGEST_KEY = "wj_f_digest"
REPARSE_KEY = "wj_reparse"    # set by the 数据 page: re-parse the last upload with a column mapping
SAMPLE_ID = "__sample__"
SESSION_ID = "__session__"      # an upload that could not be saved to the library
#: keep the raw bytes of an upload in the session (for re-parsing with another column mapping) up to this size
KEEP_RAW_BYTES = 200 * 1024 * 1024
TO_SIMPLIFIED_KEY = "wj_to_simplified"


# ----------------------------------------------------------------------------------------------- loading
def load_upload(files: list[tuple[str, bytes]], mappings: dict[str, dict[str, str]] | None = None,
                progress=None):
    """Parse uploaded ``(name, bytes)`` files with the project's loaders (raises ``WenjianError``)."""

    opts = LoadOptions.from_env(file_mappings=mappings or {}, progress=progress,
                                to_simplified=bool(st.session_state.get(TO_SIMPLIFIED_KEY, False)))
    return load_files(files, opts)


warm_up = ui_upload.warm_up   # moved to ui/upload.py (the old name kept)


def upload_name(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return t("up.name", first=names[0], n=len(names), more=len(names) - 1)


def activate(ds: state.Dataset) -> None:
    """Make ``ds`` the session's dataset and clear the filters that belonged to the previous one."""
    state.set_dataset(ds)
    clear_filters()


def clear_filters() -> None:
    """Reset the filter widgets to the current dataset's defaults. Values are *assigned* (not deleted) so
    the browser's widgets show them too."""
    ds = state.current_dataset()
    defaults: dict[str, object] = {"wj_f_sources": [], "wj_f_agencies": [], "wj_f_query": "", "wj_f_undated": False,
                                   "wj_f_levels": [], "wj_f_regions": [], "wj_f_types": []}
    dates = ds.articles["date"].dropna() if ds is not None else None
    if dates is not None and not dates.empty:
        defaults["wj_f_dates"] = (dates.min().date(), dates.max().date())
    else:
        st.session_state.pop("wj_f_dates", None)
    st.session_state.update(defaults)
    state.set_filters(Filters())
    if ds is not None:
        st.session_state[FILTER_DIGEST_KEY] = ds.digest


def ingest(files: list[tuple[str, bytes]], name: str, mappings: dict[str, dict[str, str]] | None = None,
           replace_id: str | None = None) -> bool:
    """Parse, save and activate an upload, with a progress bar. The current dataset is kept on failure.
    Messages for the user go to ``st.session_state[UPLOAD_MSGS_KEY]`` (see :func:`show_messages`). Returns True
    on success."""
    msgs: list[tuple[str, str, dict]] = []
    st.session_state[UPLOAD_MSGS_KEY] = msgs
    bar = st.progress(0.05, text=t("up.parsing", n=len(files)))
    try:
        result = load_upload(files, mappings, progress=lambda frac, text="": bar.progress(
            0.05 + 0.6 * min(max(float(frac), 0.0), 1.0), text=text or t("up.parsing", n=len(files))))
    except WenjianError as exc:
        bar.empty()
        msgs.append(("error", "up.failed", {"err": str(exc)}))
        return False
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        log.exception("upload failed")
        bar.empty()
        msgs.append(("error", "up.failed", {"err": type(exc).__name__}))
        return False
    for f in result.report.failed:
        msgs.append(("warning", "up.file_failed", {"name": f.name, "err": f.error}))
    bar.progress(0.7, text=t("up.saving"))
    info = None
    try:
        lib = ui_library.library()
        info = lib.save(name, result.articles, result.report, dataset_id=replace_id) if replace_id else \
            lib.save(name, result.articles, result.report)
    except Exception as exc:  # noqa: BLE001 - the data is still usable in this session
        log.exception("saving to the library failed")
        msgs.append(("warning", "up.not_saved", {"err": str(exc)}))
    # with a library entry, its digest keys the caches (shared with every later reopening of it)
    ds = state.Dataset(name=name, articles=result.articles, report=result.report,
                       digest=info.digest if info else "", library_id=info.id if info else "")
    ui_upload.analyse(ds, bar)   # the store's batch pipeline, its progress on the bar
    bar.progress(1.0, text=t("up.done", n=len(ds.articles)))
    activate(ds)
    st.session_state[PICK_KEY] = ds.library_id or SESSION_ID
    if sum(len(b) for _, b in files) <= KEEP_RAW_BYTES:
        st.session_state[state.UPLOAD_KEY] = {"files": files, "name": name, "id": ds.library_id}
    else:
        st.session_state.pop(state.UPLOAD_KEY, None)
    msgs.insert(0, ("success", "up.done", {"n": len(ds.articles)}))
    bar.empty()
    return True


def show_messages() -> None:
    """The messages of the last upload or opening: kept as ``(kind, i18n key, values)`` and worded at each run,
    so they follow a language switch (an error's ``err`` text, written ``中文 / English``, shown in one)."""
    for kind, key, values in st.session_state.get(UPLOAD_MSGS_KEY, []):
        values = {k: one_language(v) if k == "err" else v for k, v in values.items()}
        getattr(st, kind)(t(key, **values))


def _upload() -> None:
    ds = state.current_dataset()
    n = st.session_state.get(UPLOAD_N_KEY, 0)
    with st.expander(t("up.expander"), expanded=ds is None or ds.sample, icon=":material/upload_file:"):
        st.checkbox(t("up.to_simplified"), key=TO_SIMPLIFIED_KEY, help=t("up.to_simplified_help"))
        files = st.file_uploader(t("up.label"), accept_multiple_files=True, key=f"wj_upload_{n}",
                                 help=t("up.help"))
        if files:
            raw = [(f.name, f.getvalue()) for f in files]
            ingest(raw, upload_name([name for name, _ in raw]))
            st.session_state[UPLOAD_N_KEY] = n + 1   # a fresh, empty uploader, ready for the next files
            st.rerun()
        elif request := st.session_state.pop(REPARSE_KEY, None):   # from the 数据 page's mapping override
            ingest(request["files"], request["name"], request["mappings"], replace_id=request.get("id") or None)
        show_messages()


# ----------------------------------------------------------------------------------------------- picker
def on_pick() -> None:
    """Open the dataset chosen in the picker (``st.session_state[PICK_KEY]``; also called by the 数据 page's
    open buttons); an id that is not a known dataset keeps the open one."""
    picked = st.session_state.get(PICK_KEY)

    try:
        known = {SAMPLE_ID, SESSION_ID} | {info.id for info in ui_library.list_datasets()}
    except Exception:  # noqa: BLE001 - _picker reports an unavailable library
        known = {SAMPLE_ID, SESSION_ID}
    if picked not in known:
        # not an option (e.g. the label of the previous language sent back after a language switch): keep
        # the open dataset, the picker shows it again
        st.session_state.pop(PICK_KEY, None)
        return
    try:
        if picked == SAMPLE_ID:
            activate(state.sample_dataset())
        elif picked and picked != SESSION_ID:
            activate(ui_library.open_dataset(picked))
        st.session_state.pop(UPLOAD_MSGS_KEY, None)
    except Exception as exc:  # noqa: BLE001
        log.exception("opening %s failed", picked)
        st.session_state[UPLOAD_MSGS_KEY] = [("error", "ds.open_failed", {"err": str(exc)})]


def _picker() -> None:
    ds = state.current_dataset()
    labels = {SAMPLE_ID: t("ds.sample")}
    try:
        for info in ui_library.list_datasets():
            labels[info.id] = f"{dataset_name(info.name)} ({info.articles})"
    except Exception as exc:  # noqa: BLE001
        log.exception("listing the library failed")
        st.caption(t("ds.library_unavailable", err=exc))
    if ds is not None and not ds.sample and not ds.library_id:
        labels[SESSION_ID] = f"{dataset_name(ds.name)} ({len(ds.articles)})"
    current = SAMPLE_ID if ds is None or ds.sample else (ds.library_id or SESSION_ID)
    if st.session_state.get(PICK_KEY) not in labels:
        st.session_state[PICK_KEY] = current if current in labels else SAMPLE_ID
    st.selectbox(t("ds.pick"), list(labels), format_func=lambda k: labels.get(k, k), key=PICK_KEY,
                 on_change=on_pick)
    if ds is not None and ds.sample:
        st.info(t("ds.sample_note"), icon=":material/science:")

    if not ui_library.shared_library():
        st.caption(t("ds.workspace_note"))
        _share()


# ----------------------------------------------------------------------------------------------- filters
def _date_range(arts: pd.DataFrame) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    dates = arts["date"].dropna()
    if dates.empty:
        return None, None
    lo, hi = dates.min().date(), dates.max().date()
    if "wj_f_dates" not in st.session_state:
        st.session_state["wj_f_dates"] = (lo, hi)
    picked = st.date_input(t("f.dates"), min_value=lo, max_value=hi, key="wj_f_dates", format="YYYY-MM-DD",
                           help=t("f.dates_help"))
    # A date typed into the field reaches the app when the field loses focus (or on Enter) — Streamlit's rule,
    # so that half-typed dates do not filter. The button gives typing an obvious end: clicking it moves the
    # focus out of the field, which applies the typed dates (the click itself needs no action).
    st.button(t("f.dates_apply"), key="wj_f_dates_apply", icon=":material/event_available:", type="tertiary",
              help=t("f.dates_apply_help"))
    if not isinstance(picked, (tuple, list)) or not picked:
        return None, None
    start: date = picked[0]
    end: date = picked[1] if len(picked) > 1 else hi
    date_from = pd.Timestamp(start) if start > lo else None
    date_to = pd.Timestamp(end) if end < hi else None
    return date_from, date_to


def _filters() -> None:
    ds = state.current_dataset()
    if ds is None or ds.articles.empty:
        state.set_filters(Filters())
        return
    if st.session_state.get(FILTER_DIGEST_KEY) != ds.digest:
        clear_filters()
    arts = ds.articles
    st.subheader(t("f.header"))
    date_from, date_to = _date_range(arts)
    keep_undated = True
    undated = int(arts["date"].isna().sum())
    if date_from is not None or date_to is not None:
        keep_undated = bool(undated) and st.checkbox(t("f.keep_undated"), key="wj_f_undated")
    source_names = sorted(set(arts["source"].fillna("").astype(str)), key=lambda v: (v == "", v))
    sources = st.multiselect(t("f.sources"), source_names, key="wj_f_sources", placeholder=t("f.choose"),
                             format_func=lambda v: v or t("f.no_source"))
    query = st.text_input(t("f.query"), key="wj_f_query", help=t("f.query_help"))
    try:
        parsed = parse_query(query)
    except WenjianError as exc:
        st.warning(error_text(exc))
        query = ""
    else:
        if hint := query_hint(ds, parsed.positive_terms):
            st.caption(hint)
    options = agency_options(ds)
    agencies: list[str] = []
    if options is None:
        st.caption(t("f.agencies_unavailable"))
    elif options:
        agencies = st.multiselect(t("f.agencies"), options, key="wj_f_agencies", placeholder=t("f.choose"))
        facets = agency_facets(ds)
        if facets is not None and not facets.empty:
            with st.expander(t("f.facets"), expanded=bool(st.session_state.get("wj_f_levels")
                                                          or st.session_state.get("wj_f_regions")
                                                          or st.session_state.get("wj_f_types"))):
                present = set(facets["level"])
                levels = st.multiselect(t("f.levels"), [lv for lv in LEVEL_ORDER if lv in present], key="wj_f_levels",
                                        format_func=level_label, placeholder=t("f.choose"))
                regions = st.multiselect(t("f.regions"), ranked(facets["region"], facets["mentions"]),
                                         key="wj_f_regions", placeholder=t("f.choose"))
                types = st.multiselect(t("f.types"), ranked(facets["type"], facets["mentions"]), key="wj_f_types",
                                       placeholder=t("f.choose"))
            chosen = facet_agencies(facets, levels, regions, types)
            if chosen is not None:
                agencies = [a for a in agencies if a in set(chosen)] if agencies else list(chosen)
                agencies = agencies or [NO_AGENCY]
    st.session_state.setdefault("wj_f_dedupe", True)
    dedupe = st.toggle(t("f.dedupe"), key="wj_f_dedupe")
    filters = Filters(date_from=date_from, date_to=date_to, sources=tuple(sources), query=query,
                      agencies=tuple(agencies), dedupe=dedupe, keep_undated=keep_undated)
    state.set_filters(filters)
    n = int(state.mask_for(ds, filters).sum())
    st.caption(t("f.count", n=n, total=len(arts)))
    st.button(t("f.reset"), on_click=clear_filters, key="wj_f_reset", icon=":material/filter_alt_off:")


# ----------------------------------------------------------------------------------------------- memory
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


def _share() -> None:
    """The workspace link, given on purpose (the URL of this page already carries it)."""

    if ui_library.shared_library():
        return
    with st.popover(t("ds.share"), icon=":material/share:", width="stretch"):
        st.caption(t("ds.share_help"))
        st.code(ui_library.share_link(), language=None, wrap_lines=True)


def _settings() -> None:
    with st.expander("⚙", expanded=False):
        st.radio(t("w.toolbar_format"), ["png", "svg"], key=TOOLBAR_FORMAT_KEY, format_func=str.upper,
                 horizontal=True)


def render() -> None:
    with st.sidebar:
        st.title(t("app.title"))
        restore_view_state()
        st.radio(t("lang.label"), ["zh", "en"], key=LANG_KEY, horizontal=True, on_change=keep_choices,
                 format_func={"zh": "中文", "en": "English"}.get, label_visibility="collapsed")
        _upload()
        _picker()
        ds = state.current_dataset()
        if ds is not None:
            st.caption(t("ds.current", name=t("ds.sample") if ds.sample else md_escape(dataset_name(ds.name)), n=len(ds.articles)))
        _filters()
        _settings()

        ui_library.remember_in_browser()
        persist_view_state()
