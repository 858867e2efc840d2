"""The Streamlit side of the dataset library (``analysis/library.py``).

Each browser gets its own **workspace**: a private library under ``<root>/workspaces/<token>``. The token is
remembered in the browser (the ``wj_ws`` cookie, one year) and kept in the page URL (``?ws=…``), so opening the
bare address again, a refresh or a server restart finds the same datasets, while another browser (another
user) never sees them — nor its settings (user dictionary, agency table edits: :func:`settings_folder`). The sidebar's "share link" gives the ``?ws=`` link on purpose: opening it shares the
workspace (a team library). ``WENJIAN_SHARED_LIBRARY=1`` turns workspaces off: one library at the root for
every session (a single-team server); a server started on the loopback address only
(``--server.address 127.0.0.1``, a single-user local start) does the same unless ``WENJIAN_SHARED_LIBRARY=0``. Datasets opened from a library are cached read-only by (root, id, version), so reopening is fast and
sessions on the same dataset share one table in memory.
"""
from __future__ import annotations

import json
import logging
import os
import re
import secrets
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analysis.durable import atomic_write
from analysis.library import DatasetInfo, Library, default_root
from analysis.store.store import MEMORY_MAX_ARTICLES, STORE_DIR, Store
from analysis.user_dict import set_user_folder_resolver, user_folder
from ui import session
from ui.dataset import Dataset, light_articles
from ui.session import COOKIE_SET_KEY, WORKSPACE_KEY  # noqa: F401 - re-exported


log = logging.getLogger("wenjian.ui")


@st.cache_resource(show_spinner=False)
def _library(root: str) -> Library:
    return Library(root)


WORKSPACE_PARAM = "ws"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


COOKIE = "wj_ws"
COOKIE_MAX_AGE = 365 * 24 * 3600      # seconds: a year
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def local_single_user() -> bool:
    """True when the server listens on the loopback address only (``--server.address 127.0.0.1``): nobody
    but this machine's user can reach it, so one library is simply there."""
    try:
        address = st.get_option("server.address")
    except Exception:  # noqa: BLE001 - outside a server
        return False
    return str(address or "").strip() in LOOPBACK


def shared_library() -> bool:
    """One library for every session: ``WENJIAN_SHARED_LIBRARY=1``, or unset on a loopback-only server
    (``WENJIAN_SHARED_LIBRARY=0`` keeps private workspaces there too)."""
    raw = os.environ.get("WENJIAN_SHARED_LIBRARY", "").strip().lower()
    if raw in ("1", "true", "yes"):
        return True
    if raw in ("0", "false", "no"):
        return False
    return local_single_user()


def cookie_token() -> str:
    """The workspace token this browser remembers (its ``wj_ws`` cookie; "" when none or malformed)."""
    try:
        value = st.context.cookies.get(COOKIE, "")
    except Exception:  # noqa: BLE001 - no request context (bare-mode tests)
        return ""
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else ""


def browser_token() -> str:
    """This browser's token: from the session, else the URL's ``?ws=``, else the browser's ``wj_ws`` cookie,
    else a new random one (16 random bytes, URL-safe)."""
    token = session.workspace_token()
    if not token:
        given = st.query_params.get(WORKSPACE_PARAM, "")
        token = given if _TOKEN.fullmatch(given or "") else (cookie_token() or secrets.token_urlsafe(16))
        session.set_workspace_token(token)
    return token


def workspace() -> str:
    """This browser's workspace token (:func:`browser_token`), written back to the URL on every run (page
    switches drop query parameters)."""
    token = browser_token()
    if st.query_params.get(WORKSPACE_PARAM) != token:
        st.query_params[WORKSPACE_PARAM] = token
    return token


def remember_in_browser() -> None:
    """Write the browser token to the ``wj_ws`` cookie (a hidden script element) when the cookie does not
    hold it yet; the next visit to the bare address reads it (``st.context.cookies``)."""
    token = browser_token()
    if cookie_token() == token or session.cookie_written() == token:
        return
    # a zero-height same-origin iframe (srcdoc): its document.cookie is the app's; the token is
    # [A-Za-z0-9_-] only (checked above), so it needs no escaping
    from streamlit.components.v1 import html as component_html

    component_html(f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={COOKIE_MAX_AGE}; "
                   f"SameSite=Lax';</script>", height=0)
    session.set_cookie_written(token)


def share_link() -> str:
    """The address that opens this workspace in any browser (``…/?ws=<token>``)."""
    try:
        url = st.context.url
        base = url.split("?")[0] if isinstance(url, str) else ""
    except Exception:  # noqa: BLE001
        base = ""
    base = base.rstrip("/") + "/" if base else "/"
    return f"{base}?{WORKSPACE_PARAM}={workspace()}"


def state_path() -> Path:
    """Where this browser's last dataset and filters are kept: ``<root>/browsers/<token>.json``."""
    return default_root() / "browsers" / f"{browser_token()}.json"


def load_last_state() -> dict:
    """This browser's last saved view state (``{}`` when none, or unreadable: it is only a convenience)."""
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_last_state(data: dict) -> None:
    """Write this browser's view state atomically (failures are logged, never shown: a convenience)."""
    path = state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")
        atomic_write(path, lambda fh: fh.write(payload))
    except OSError:
        log.exception("could not save the view state to %s", path)


def library_root() -> Path:
    """``$WENJIAN_LIBRARY`` (or ``data/library``), plus ``workspaces/<token>`` unless the library is shared."""
    root = default_root()
    return root if shared_library() else root / "workspaces" / workspace()


SETTINGS_DIR = "settings"


def settings_folder() -> Path:
    """The folder of this workspace's analysis settings — the user dictionary (``user_dict.json``), the agency
    table edits (``agencies.csv``), review decisions and "not an agency" marks: ``<workspace>/settings``; with
    one shared library, the server's user folder (``$WENJIAN_USER_DIR`` or ``data/user``, as the CLI reads)."""
    return _session_settings() or user_folder()


def _session_settings() -> Path | None:
    """The settings folder of the session whose thread calls (``None``: not a session's thread, a shared
    library, or a session that has not opened its workspace yet — then the server's user folder)."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return None
    token = session.workspace_token()
    if not token or shared_library():
        return None
    return default_root() / "workspaces" / token / SETTINGS_DIR


# every reader of the user's files (``analysis.user_dict.user_folder``: dictionary, agency table, review,
# marks) asks the calling session for its workspace's folder
set_user_folder_resolver(_session_settings)


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
    lib = _library(root)
    info = lib.info(dataset_id)
    folder = large_store(root, dataset_id, version) if info.articles > MEMORY_MAX_ARTICLES else ""
    if folder:  # a large dataset: its pages query the store; only the light columns are read (ui.large)
        return Dataset(name=info.name, articles=light_articles(Store(folder)), report=lib.report(dataset_id),
                       library_id=dataset_id, digest=info.digest, store=folder)
    articles, report, info = lib.load(dataset_id)
    # the library's content digest keys the derived caches (no need to hash 20,000 bodies again)
    return Dataset(name=info.name, articles=articles, report=report, library_id=dataset_id, digest=info.digest)


def large_store(root: str | Path, dataset_id: str, version: int) -> str:
    """The store folder a large dataset's pages read (``""`` when this version has none: then the table is
    loaded as for a small dataset): of this version's stores (``python -m analysis ingest`` writes one; one per
    analysis settings) the most recently written. ``ui.cache.query_backend`` prefers the store of the
    session's own settings when it exists."""
    folders = [f for f in (Path(root) / STORE_DIR).glob(f"{dataset_id}-v{version}-*") if (f / "meta.json").is_file()]
    return str(max(folders, key=lambda f: (f / "meta.json").stat().st_mtime)) if folders else ""


def open_dataset(dataset_id: str) -> Dataset:
    """The saved dataset ``dataset_id`` (shared read-only: never mutate its table)."""
    info = library().info(dataset_id)
    ds = _open(str(library_root()), dataset_id, info.version, info.digest)
    if ds.name != info.name:  # renamed since it was cached: same data, new label
        ds = Dataset(name=info.name, articles=ds.articles, report=ds.report, digest=ds.digest,
                     library_id=dataset_id, store=ds.store)
    return ds


def save_dataset(ds: Dataset) -> DatasetInfo:
    """Save ``ds`` as a new library entry and return it."""
    return library().save(ds.name, ds.articles, ds.report)
