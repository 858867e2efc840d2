"""The Streamlit side of the dataset library (``analysis/library.py``).

Each browser gets its own **workspace**: a private library under ``<root>/workspaces/<token>``, the token kept
in the page URL (``?ws=…``) so a refresh or a server restart finds the same datasets, while another browser
(another user) never sees them. Sharing the URL shares the workspace (a team library). Setting
``WENJIAN_SHARED_LIBRARY=1`` turns workspaces off: one library at the root for every session (a single-team
server). Datasets opened from a library are cached read-only by (root, id, version), so reopening is fast and
sessions on the same dataset share one table in memory.
"""
from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

import streamlit as st

from analysis.library import DatasetInfo, Library, default_root
from ui.state import Dataset


@st.cache_resource(show_spinner=False)
def _library(root: str) -> Library:
    return Library(root)


WORKSPACE_KEY = "wj_workspace"
WORKSPACE_PARAM = "ws"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def shared_library() -> bool:
    return os.environ.get("WENJIAN_SHARED_LIBRARY", "").strip().lower() in ("1", "true", "yes")


def workspace() -> str:
    """This browser's workspace token: from the session, else the URL's ``?ws=``, else a new random one;
    written back to the URL on every run (page switches drop query parameters)."""
    token = st.session_state.get(WORKSPACE_KEY)
    if not token:
        given = st.query_params.get(WORKSPACE_PARAM, "")
        token = given if _TOKEN.fullmatch(given or "") else secrets.token_urlsafe(16)
        st.session_state[WORKSPACE_KEY] = token
    if st.query_params.get(WORKSPACE_PARAM) != token:
        st.query_params[WORKSPACE_PARAM] = token
    return token


def library_root() -> Path:
    """``$WENJIAN_LIBRARY`` (or ``data/library``), plus ``workspaces/<token>`` unless the library is shared."""
    root = default_root()
    return root if shared_library() else root / "workspaces" / workspace()


def library() -> Library:
    """This session's library (see the module docstring)."""
    return _library(str(library_root()))


def list_datasets() -> list[DatasetInfo]:
    """This session's saved datasets (a workspace nothing was saved to is not created on disk)."""
    if not (library_root() / "data").is_dir():
        return []
    return library().list()


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(root: str, dataset_id: str, version: int, digest: str) -> Dataset:
    articles, report, info = _library(root).load(dataset_id)
    # the library's content digest keys the derived caches (no need to hash 20,000 bodies again)
    return Dataset(name=info.name, articles=articles, report=report, library_id=dataset_id, digest=info.digest)


def open_dataset(dataset_id: str) -> Dataset:
    """The saved dataset ``dataset_id`` (shared read-only: never mutate its table)."""
    info = library().info(dataset_id)
    ds = _open(str(library_root()), dataset_id, info.version, info.digest)
    if ds.name != info.name:  # renamed since it was cached: same data, new label
        ds = Dataset(name=info.name, articles=ds.articles, report=ds.report, digest=ds.digest,
                     library_id=dataset_id)
    return ds


def save_dataset(ds: Dataset) -> DatasetInfo:
    """Save ``ds`` as a new library entry and return it."""
    return library().save(ds.name, ds.articles, ds.report)
