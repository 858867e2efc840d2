"""The sidebar's dataset picker: the sample, the library's datasets and an unsaved upload; opening one
(:func:`activate`) resets the filters. Also the workspace's share link."""
from __future__ import annotations

import logging

import streamlit as st

from ui import session, state
from ui.session import PICK_KEY, UPLOAD_MSGS_KEY  # noqa: F401 - re-exported (ui.sidebar, tests)
from ui import library as ui_library  # called through the module: tests replace its functions
from ui.i18n import dataset_name, t
from ui.sidebar_filters import clear_filters

log = logging.getLogger("wenjian.ui")

SAMPLE_ID = "__sample__"
SESSION_ID = "__session__"      # an upload that could not be saved to the library


def activate(ds: state.Dataset) -> None:
    """Make ``ds`` the session's dataset and clear the filters that belonged to the previous one."""
    state.set_dataset(ds)
    clear_filters()


def on_pick() -> None:
    """Open the dataset chosen in the picker (``ui.session.picked_dataset``; also called by the 数据 page's
    open buttons); an id that is not a known dataset keeps the open one."""
    picked = session.picked_dataset()

    try:
        known = {SAMPLE_ID, SESSION_ID} | {info.id for info in ui_library.list_datasets()}
    except Exception:  # noqa: BLE001 - picker_panel reports an unavailable library
        known = {SAMPLE_ID, SESSION_ID}
    if picked not in known:
        # not an option (e.g. the label of the previous language sent back after a language switch): keep
        # the open dataset, the picker shows it again
        session.forget_picked_dataset()
        return
    try:
        if picked == SAMPLE_ID:
            activate(state.sample_dataset())
        elif picked and picked != SESSION_ID:
            activate(ui_library.open_dataset(picked))
        session.clear_upload_messages()
    except Exception as exc:  # noqa: BLE001
        log.exception("opening %s failed", picked)
        session.set_upload_messages([("error", "ds.open_failed", {"err": str(exc)})])


def picker_panel() -> None:
    """The picker (its choice opens through :func:`on_pick`), the sample's note and the share link."""
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
    if session.picked_dataset() not in labels:
        session.pick_dataset(current if current in labels else SAMPLE_ID)
    st.selectbox(t("ds.pick"), list(labels), format_func=lambda k: labels.get(k, k), key=PICK_KEY,
                 on_change=on_pick)
    if ds is not None and ds.sample:
        st.info(t("ds.sample_note"), icon=":material/science:")

    if not ui_library.shared_library():
        st.caption(t("ds.workspace_note"))
        share_panel()


def share_panel() -> None:
    """The workspace link, given on purpose (the URL of this page already carries it)."""

    if ui_library.shared_library():
        return
    with st.popover(t("ds.share"), icon=":material/share:", width="stretch"):
        st.caption(t("ds.share_help"))
        st.code(ui_library.share_link(), language=None, wrap_lines=True)


