"""The session keys and the small functions that read and write them: with :mod:`ui.state` (the dataset, the
filters and the filter mask) the only code that touches ``st.session_state`` (a test, tests/ui/
test_session_owner.py, fails on any other module that does).

Rules:

* Every key the app keeps in the session is a constant here, and every read or write of one goes through a
  named function here: a page or sidebar module asks for ``picked_dataset()`` or ``upload_messages()``, never
  for a key.
* **Widget keys.** Streamlit binds a widget to the session key given as its ``key=``: the widget's value *is*
  ``st.session_state[key]``. So a widget whose value is also read or set outside its own call (the filters,
  the keyword dictionary form, the dataset picker …) takes its ``key=`` from a constant here, and that value is
  read with :func:`widget_value` and set with :func:`set_widget_value` / :func:`set_widget_values` (which the
  browser then shows). A widget whose value is only what its call returns may keep a literal ``key=`` string
  in its module: nothing reads it by name.
* The key *names* are part of the test contract (AppTests read ``wj_lang``, ``wj_ds_pick``, ``wj_f_sources``
  … by name): rename none.

This module imports nothing from the project (only streamlit), so any ``ui`` module — :mod:`ui.i18n`, which
:mod:`ui.state` imports, included — can use it without an import loop (tests/ui/test_session_owner.py).
Why a second module and not more of ``ui.state``: ``ui.state`` imports ``ui.i18n`` and ``ui.cache`` (for the
dataset and its mask), and ``ui.i18n`` needs the language: the language living in ``ui.state`` would make
a loop. Every value here is per browser session (Streamlit's session state).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import streamlit as st

# --- the interface ------------------------------------------------------------------------------------------
LANG_KEY = "wj_lang"                    # "zh" | "en" (the language switch's widget key)
PAGE_KEY = "wj_page"                    # the title of the page being run (app.py)
RUNS_KEY = "wj_runs"                    # the run counter app.py writes for browser tests and benchmarks

# --- datasets and uploads --------------------------------------------------------------------------------------
PICK_KEY = "wj_ds_pick"                 # the dataset picker's widget key: a library id, SAMPLE_ID or SESSION_ID
#: the messages of the last upload or opening, ``[(kind, i18n key, values)]`` (``ui.sidebar_upload``)
UPLOAD_MSGS_KEY = "wj_upload_msgs"
UPLOAD_N_KEY = "wj_upload_n"            # the file uploader's generation (a new one after each upload)
REPARSE_KEY = "wj_reparse"              # set by the 数据 page: re-parse the last upload with a column mapping
UPLOAD_KEY = "wj_upload_files"          # the raw bytes of the last upload (for the column-mapping override)
TO_SIMPLIFIED_KEY = "wj_to_simplified"  # the upload's "convert to simplified" checkbox
CONV_MSG_KEY = "wj_conv_msg"            # the note after a conversion to simplified (``ui.convert``)
RESTORED_KEY = "wj_restored"            # the last view was restored (once per browser session)
LAST_SAVED_KEY = "wj_last_saved"        # the view state last written to the server

# --- the filter widgets ----------------------------------------------------------------------------------------
FILTER_DIGEST_KEY = "wj_f_digest"       # the digest of the dataset the filter widgets were set for
F_DATES = "wj_f_dates"
F_SOURCES = "wj_f_sources"
F_AGENCIES = "wj_f_agencies"
F_QUERY = "wj_f_query"
F_UNDATED = "wj_f_undated"
F_DEDUPE = "wj_f_dedupe"
F_LEVELS = "wj_f_levels"
F_REGIONS = "wj_f_regions"
F_TYPES = "wj_f_types"
#: filter widgets whose values are remembered per browser (dates apart: kept as ISO strings)
REMEMBERED = (F_SOURCES, F_AGENCIES, F_QUERY, F_UNDATED, F_DEDUPE, F_LEVELS, F_REGIONS, F_TYPES)

# --- per-session memos (``(stamp, value)``) ------------------------------------------------------------------
AGENCY_OPTIONS_KEY = "wj_agency_options"
FACETS_KEY = "wj_agency_facets"
QUERY_HINT_KEY = "wj_query_hint"
SHARE_KEY = "wj_traditional_share"
PAIR_KEY = "wj_compare_pair"

# --- downloads and the report ----------------------------------------------------------------------------------
TOOLBAR_FORMAT_KEY = "wj_toolbar_format"   # "png" | "svg": the chart toolbar's download format
REPORT_ITEMS_KEY = "wj_report_items"       # what this session showed, for the report (``ui.widgets.remember``)
BUILT_KEY = "wj_report_built"              # the last report built (``ui.report``)
FORMAT_KEY = "wj_report_format"            # the report format radio

# --- the workspace (``ui.library``) ----------------------------------------------------------------------------
WORKSPACE_KEY = "wj_workspace"
COOKIE_SET_KEY = "wj_ws_cookie_set"

# --- page widgets read by name -----------------------------------------------------------------------------------
KW_KWIC_MODE = "kw_kwic_mode"           # 关键词 · KWIC match mode radio
KW_DICT_WORDS = "kw_dict_words"         # 关键词 · user dictionary form
KW_DICT_STOP = "kw_dict_stop"
KW_DICT_SYN = "kw_dict_syn"
KW_DICT_MSG = "kw_dict_msg"             # the form's result note
AG_FOREIGN = "ag_foreign"               # 机构 · "include foreign government bodies" switch (the sidebar reads it)
AG_MEDIA = "ag_media"                   # 机构 · "include news organisations" switch (the sidebar reads it)
AG_NOT_PICK = "ag_not_pick"             # 机构 · "not an agency" choice
AG_NOT_MSG = "ag_not_msg"
TL_TERMS = "tl_terms"                   # 时间 · the terms field
DA_NEW_NAME = "da_new_name"             # 数据 · rename field
DA_MERGE_IDS = "da_merge_ids"           # 数据 · merge choice
DA_MERGE_NAME = "da_merge_name"


def register_key(digest: str) -> str:
    """The 关键词 page's policy-register switch for the dataset ``digest`` (the 概览 page reads it too)."""
    return f"kw_register_{digest}"


# --- widget values -------------------------------------------------------------------------------------------------
def widget_value(key: str, default: Any = None) -> Any:
    """The value of the widget ``key`` (one of the constants above), ``default`` before it exists."""
    return st.session_state.get(key, default)


def has_widget_value(key: str) -> bool:
    """Whether the widget ``key`` has a value in this session yet."""
    return key in st.session_state


def set_widget_value(key: str, value: Any) -> None:
    """Set the widget ``key``'s value (the browser shows it at the next run)."""
    st.session_state[key] = value


def set_widget_values(values: Mapping[str, Any]) -> None:
    """Set several widgets' values at once."""
    st.session_state.update(values)


def default_widget_value(key: str, value: Any) -> None:
    """Give the widget ``key`` the value ``value`` unless it has one (a default kept across runs)."""
    st.session_state.setdefault(key, value)


def forget_widget_value(key: str) -> None:
    """Drop the widget ``key``'s value (the widget shows its own default again)."""
    st.session_state.pop(key, None)


def setter(key: str, value: Any) -> Callable[[], None]:
    """A button's ``on_click``: set the widget ``key`` to ``value``."""
    return lambda: set_widget_value(key, value)


# --- memos and one-shot notes ------------------------------------------------------------------------------------
def memo(key: str, stamp: Any) -> Any:
    """The value memoised under ``key`` for ``stamp`` (``None`` when nothing is, or it was for another stamp):
    a per-session memo of the last value only (e.g. agency options per dataset digest and marks)."""
    cached = st.session_state.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    return None


def keep_memo(key: str, stamp: Any, value: Any) -> None:
    """Memoise ``value`` under ``key`` for ``stamp`` (replacing the previous one)."""
    st.session_state[key] = (stamp, value)


def post_note(key: str, value: Any) -> None:
    """Keep a note (e.g. "saved") to show once, at the next run (a callback cannot draw)."""
    st.session_state[key] = value


def take_note(key: str) -> Any:
    """The note posted under ``key`` (removed: shown once), ``None`` when there is none."""
    return st.session_state.pop(key, None)


# --- the interface language -----------------------------------------------------------------------------------------
def language(default: str = "zh") -> str:
    """The interface language the user chose (``default`` before any choice, and outside a Streamlit session,
    e.g. bare-mode tests)."""
    try:
        return st.session_state.get(LANG_KEY, default)
    except Exception:  # noqa: BLE001 - no session (bare mode)
        return default


def language_chosen() -> bool:
    """Whether this session has a language (the switch ran or a reload restored it)."""
    return LANG_KEY in st.session_state


def set_language(lang: str) -> None:
    st.session_state[LANG_KEY] = lang


def reassign_text_values(skip: Iterable[str] = ()) -> None:
    """Assign every text and list-of-text value of the session back to itself (except the keys ``skip``), so
    the next run sends it to the browser again; values Streamlit forbids setting (buttons, uploads, editors)
    are left alone. The language switch's need (``ui.i18n.keep_choices`` explains why)."""
    from streamlit.errors import StreamlitAPIException

    skip = set(skip)
    for key in list(st.session_state.keys()):
        if key in skip:
            continue
        try:
            value = st.session_state[key]
        except (KeyError, StreamlitAPIException):
            continue
        if isinstance(value, str) or (isinstance(value, (list, tuple)) and value
                                      and all(isinstance(v, str) for v in value)):
            try:
                st.session_state[key] = value
            except StreamlitAPIException:
                pass


# --- the router ---------------------------------------------------------------------------------------------------
def current_page() -> str:
    """The title of the page this run shows ("" before the router ran)."""
    return st.session_state.get(PAGE_KEY, "")


def set_current_page(title: str) -> None:
    st.session_state[PAGE_KEY] = title


def count_run() -> int:
    """Add one to the session's run counter and return it (1 on the first run)."""
    runs = st.session_state[RUNS_KEY] = st.session_state.get(RUNS_KEY, 0) + 1
    return runs


# --- datasets, uploads and the view a reload restores ----------------------------------------------------------------
def picked_dataset() -> str | None:
    """The id in the dataset picker (``None`` before it has one)."""
    return st.session_state.get(PICK_KEY)


def pick_dataset(dataset_id: str) -> None:
    """Put ``dataset_id`` into the picker (it does not open it: ``ui.sidebar_picker.on_pick`` does)."""
    st.session_state[PICK_KEY] = dataset_id


def forget_picked_dataset() -> None:
    st.session_state.pop(PICK_KEY, None)


def upload_messages() -> list[tuple[str, str, dict]]:
    """The messages of the last upload or opening: ``[(kind, i18n key, values)]`` (``[]`` when none)."""
    return st.session_state.get(UPLOAD_MSGS_KEY, [])


def set_upload_messages(msgs: list[tuple[str, str, dict]]) -> None:
    """Replace the messages (the list itself is kept: appending to it later adds messages)."""
    st.session_state[UPLOAD_MSGS_KEY] = msgs


def clear_upload_messages() -> None:
    st.session_state.pop(UPLOAD_MSGS_KEY, None)


def uploader_generation() -> int:
    """The number in the file uploader's key (``wj_upload_<n>``): 0, then one more after each upload."""
    return st.session_state.get(UPLOAD_N_KEY, 0)


def next_uploader() -> None:
    """A fresh, empty uploader at the next run."""
    st.session_state[UPLOAD_N_KEY] = uploader_generation() + 1


def to_simplified() -> bool:
    """Whether the upload's "convert to simplified" box is ticked."""
    return bool(st.session_state.get(TO_SIMPLIFIED_KEY, False))


def last_upload() -> dict | None:
    """The last upload's raw files, ``{"files": [(name, bytes)], "name": str, "id": library id}`` (None when
    none was kept)."""
    return st.session_state.get(UPLOAD_KEY)


def keep_last_upload(upload: dict | None) -> None:
    """Keep the last upload's raw files (``None`` forgets them)."""
    if upload is None:
        st.session_state.pop(UPLOAD_KEY, None)
    else:
        st.session_state[UPLOAD_KEY] = upload


def request_reparse(request: dict) -> None:
    """Ask the sidebar to re-parse the last upload (``{**last_upload(), "mappings": {...}}``) at the next run."""
    st.session_state[REPARSE_KEY] = request


def take_reparse_request() -> dict | None:
    """The re-parse asked for, removed (done once); ``None`` when none."""
    return st.session_state.pop(REPARSE_KEY, None)


def first_restore() -> bool:
    """True once per browser session (the first call): the time to restore the last view."""
    if st.session_state.get(RESTORED_KEY):
        return False
    st.session_state[RESTORED_KEY] = True
    return True


def saved_view() -> dict | None:
    """The view state last written to the server from this session."""
    return st.session_state.get(LAST_SAVED_KEY)


def set_saved_view(data: dict) -> None:
    st.session_state[LAST_SAVED_KEY] = data


# --- the filter widgets --------------------------------------------------------------------------------------------
def filter_digest() -> str | None:
    """The digest of the dataset the filter widgets were set for."""
    return st.session_state.get(FILTER_DIGEST_KEY)


def set_filter_digest(digest: str) -> None:
    st.session_state[FILTER_DIGEST_KEY] = digest


def remembered_filter_values() -> dict[str, Any]:
    """The values of the :data:`REMEMBERED` filter widgets that have one."""
    return {k: st.session_state[k] for k in REMEMBERED if k in st.session_state}


# --- downloads and the report ----------------------------------------------------------------------------------------
def toolbar_format() -> str:
    """The chart toolbar's download format: ``png`` (default) or ``svg``."""
    return st.session_state.get(TOOLBAR_FORMAT_KEY, "png")


def report_items() -> dict:
    """What this session showed, ``{(page, kind, name): (stamp, object, title)}`` (the dict itself: add to it)."""
    return st.session_state.setdefault(REPORT_ITEMS_KEY, {})


def built_report() -> dict | None:
    """The last report built: ``{"stamp", "data", "missing", "seconds", "name"}`` (None before the first)."""
    return st.session_state.get(BUILT_KEY)


def keep_built_report(built: dict) -> None:
    st.session_state[BUILT_KEY] = built


# --- the workspace ---------------------------------------------------------------------------------------------------
def workspace_token() -> str | None:
    """This session's workspace token (None before ``ui.library.browser_token`` chose one)."""
    return st.session_state.get(WORKSPACE_KEY)


def set_workspace_token(token: str) -> None:
    st.session_state[WORKSPACE_KEY] = token


def cookie_written() -> str | None:
    """The token this session last wrote to the browser's cookie."""
    return st.session_state.get(COOKIE_SET_KEY)


def set_cookie_written(token: str) -> None:
    st.session_state[COOKIE_SET_KEY] = token
