"""All Streamlit caching lives here.

- ``st.cache_resource`` for the tokenizer, the agency matcher, and big derived structures (token matrices,
  mention tables): shared read-only across sessions, keyed on the dataset's content digest — never mutate
  what these return.
- Nothing here is cleared from user actions (``st.cache_data.clear()`` would empty every user's cache).

Each function below belongs to one analysis area; edit only your own function (keep the signatures).
"""
from __future__ import annotations

import contextlib
import logging
import threading
from concurrent.futures.process import BrokenProcessPool

import streamlit as st

from analysis.agencies import AgencyMatcher, find_mentions
from analysis.agency_table import current_table_key, user_dir
from analysis.errors import WenjianError
from analysis.filters import search_texts
from analysis.keywords import tokenize_corpus
from analysis.kwic import article_texts
from analysis.store.batch import AnalysisSpec
from analysis.store.backends import ArticleTexts
from analysis.store.query import DuckBackend, MemoryBackend
from analysis.store.runner import LocalRunner, make_runner, no_progress
from analysis.store.store import STORE_DIR, Store, settings_differ as store_settings_differ, store_folder, store_key
from analysis.store.upload import EarlyAnalysis, TablesStore, analyse_saved, warm_runner as warm_workers
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import load_user_dict
from ui import library as ui_library  # called through the module: tests replace ui.library.library
from ui.marks import excluded
from ui.dataset import Dataset

log = logging.getLogger("wenjian.ui")


# --- keywords (issue 3) -------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def tokenizer(user_words: tuple[str, ...] = (), user_stopwords: tuple[str, ...] = (),
              synonyms: tuple[tuple[str, str], ...] = ()):
    return build_tokenizer(user_words=user_words, user_stopwords=user_stopwords, synonyms=synonyms)


# --- the corpus store (issue 10) -------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def runner():
    """The batch runner of uploads (``analysis.store.runner.make_runner``): a local process pool, or the Dask
    cluster at ``$WENJIAN_DASK_SCHEDULER``; shared by every session, started once per server."""
    return make_runner()


def warm_runner() -> None:
    """Start the :func:`runner`'s workers with their tokenizer and agency matcher (``app.py`` at start) — those
    of the next upload: with private workspaces a new visitor's settings are empty (the project's dictionaries
    and agency table: ``tokenizer()``, agency table ``""``), whatever the server's own user folder holds;
    with a shared library the server's dictionary and agency table (``ui.library.settings_folder``)."""
    spec = analysis_spec(keyword_settings()) if ui_library.shared_library() else \
        AnalysisSpec(tokenizer=tokenizer().settings, agency_user_path="")
    warm_workers(runner(), spec)   # (the runner starts its workers without app.py as main: runner.bare_main)


def analysis_spec(settings_key: tuple) -> AnalysisSpec:
    """What decides the derived tables of a dataset: the tokenizer of ``settings_key`` and the agency table
    with the edits of this session's workspace (``ui.library.settings_folder``; the path is passed on to
    the runner's workers)."""
    return AnalysisSpec(tokenizer=tokenizer(*settings_key).settings,
                        agency_user_path=str(user_dir() / "agencies.csv"))


@st.cache_resource(show_spinner=False, max_entries=16)
def _spec_digest(settings_key: tuple, table_key: str) -> str:
    """``AnalysisSpec.digest`` of :func:`analysis_spec` for the settings and the agency table of ``table_key``
    (``current_table_key()``): it reads the code files and the agency table (≈ 0.06 CPU-s), so once."""
    return analysis_spec(settings_key).digest()


@st.cache_resource(show_spinner=False, max_entries=16)
def _store_key(content_digest: str, settings_key: tuple, table_key: str) -> str:
    """``store_key`` of a dataset for the settings."""
    return store_key(content_digest, analysis_spec(settings_key), spec_digest=_spec_digest(settings_key, table_key))


def stored_folder(ds: Dataset, settings_key: tuple) -> str | None:
    """The folder of ``ds``'s store for the tokenizer ``settings_key`` and the current agency table, when ``ds``
    is a saved dataset of this session's library whose store exists (an upload builds one:
    :func:`build_store`; so does ``python -m analysis ingest``) — else ``None`` and the pages analyse the
    table as before."""
    if not ds.library_id:
        return None

    try:
        lib = ui_library.library()
        info = lib.info(ds.library_id)
        if info.digest != ds.digest:
            return None
        pending = _pending_stores()
        if not pending and not any((lib.root / STORE_DIR).glob(f"{ds.library_id}-v{info.version}-*")):
            return None  # no store of this version: nothing more to check
        folder = store_folder(lib.root, ds.library_id, info.version,
                              _store_key(info.digest, settings_key, current_table_key()))
    except WenjianError:
        return None
    # a store still being written in the background (an upload): its tables are in memory
    return str(folder) if str(folder) in pending or (folder / "meta.json").is_file() else None


#: Stores of uploads whose files are being written in the background (``analyse_saved(background=True)``), by
#: folder, shared by every session of the server: the pages read their tables from memory meanwhile. An entry
#: goes when its write has succeeded (from the writer thread: a plain dict, not a Streamlit cache); one whose
#: write failed stays (its tables are this server's only copy until the store is built again).
_PENDING: dict[str, TablesStore] = {}


def _pending_stores() -> dict[str, TablesStore]:
    """:data:`_PENDING`."""
    return _PENDING


def store_write_error(ds: Dataset) -> BaseException | None:
    """The error of the failed background write of ``ds``'s store (its tables are still in memory and the
    pages still work; the store is built again when the dataset is next opened in a new server), else None."""
    for store in list(_pending_stores().values()):
        if store.meta.get("dataset") == ds.library_id and store.meta.get("digest") == ds.digest \
                and store.write_error is not None:
            return store.write_error
    return None


def wait_for_writes(timeout: float | None = None) -> None:
    """Wait until every background store write is over (tests; a failed write is not raised here)."""
    for store in list(_pending_stores().values()):
        with contextlib.suppress(Exception):
            store.wait(timeout)


@st.cache_resource(show_spinner=False, max_entries=4)
def _stored_backend(folder: str, _store: Store | None = None, _texts: ArticleTexts | None = None):
    """The in-memory tables of a store (corpus and mentions read from Parquet, or taken from ``_store`` when
    it holds the tables just built — not recomputed; ``_texts``: its articles' texts when the upload has them,
    ``MemoryBackend.from_store``)."""

    if _store is None:
        _store = _pending_stores().get(folder)   # (written in the background: not on disk yet)
    return MemoryBackend.from_store(_store if _store is not None else Store(folder), texts=_texts)


def start_analysis(table, settings_key: tuple | None = None) -> EarlyAnalysis | None:
    """Start tokenizing and matching the agencies of an upload's article ``table`` on the :func:`runner`
    while its load and save go on (``analysis.store.upload.EarlyAnalysis``; hand it to :func:`build_store`);
    ``None`` when the local pool has not started yet (its start must not happen in a background thread:
    :func:`analysis.store.runner.bare_main`) — the analysis then starts in :func:`build_store`."""
    r = runner()
    if isinstance(r, LocalRunner) and r.workers > 1 and not r.started:
        return None
    key = keyword_settings() if settings_key is None else settings_key
    return EarlyAnalysis(table, analysis_spec(key), r)


def build_store(ds: Dataset, on_event=None, settings_key: tuple | None = None, *,
                background: bool = False, early: EarlyAnalysis | None = None, articles=None,
                texts: ArticleTexts | None = None) -> str | None:
    """Analyse the saved dataset ``ds`` into its store (tokens, agency mentions …) on the :func:`runner`
    for ``settings_key`` (default: the workspace's dictionary) and the workspace's agency table, unless it
    exists, and load it for the pages; returns the store folder (``None`` for a dataset that is not saved,
    or whose table is not the library's current version). ``on_event``: the runner's progress events.
    ``background=True``: the store's files are written after this returns (the pages read the tables in
    memory meanwhile: :func:`_pending_stores`; a failed write: :func:`store_write_error`). ``early``: the
    analysis of ``ds.articles`` started during its load (:func:`start_analysis`; cancelled when not used).
    ``articles``: ``ds.articles`` with its ``article_id`` when the caller has it (the keys are then not
    computed again; default ``ds.articles``). ``texts``: ``ArticleTexts.of(articles)`` when the caller built
    them while the analysis ran (the backend takes them instead of deriving them again). Raises what the
    analysis raises (the dataset stays usable without a store)."""
    lib = ui_library.library() if ds.library_id else None
    if lib is None or lib.info(ds.library_id).digest != ds.digest:
        if early is not None:
            early.cancel()
        return None
    key = keyword_settings() if settings_key is None else settings_key
    args = (lib, ds.library_id, ds.articles if articles is None else articles, analysis_spec(key))
    digest = _spec_digest(key, current_table_key())   # (shared with stored_folder's store key: computed once)
    try:
        store = analyse_saved(*args, runner(), on_event=on_event or no_progress, background=background,
                              early=early, spec_digest=digest)
    except BrokenProcessPool:  # a worker died (e.g. out of memory): a fresh pool, once
        log.warning("the runner's process pool broke; retrying with a new one")
        runner().close()
        store = analyse_saved(*args, runner(), on_event=on_event or no_progress, background=background,
                              spec_digest=digest)
    folder = str(store.path)
    if isinstance(store, TablesStore) and store.background:
        pending = _pending_stores()
        pending[folder] = store
        store.when_written(lambda f: _written(folder, f))
    _stored_backend(folder, _store=store, _texts=texts)
    return folder


def _written(folder: str, fut) -> None:
    """The background write of the store at ``folder`` is over: forgotten when it succeeded; logged when not
    (the tables stay in :func:`_pending_stores`)."""
    exc = fut.exception()
    if exc is None:
        _pending_stores().pop(folder, None)
    else:
        log.error("writing the store %s failed: %s", folder, exc, exc_info=exc)


#: DuckDB's memory cap for a large dataset's queries (one connection shared by every session): with the
#: light columns and the agency/term indexes the server stays under the 3 GB of issue 10.
DUCK_MEMORY = "1GB"
DUCK_THREADS = 2


@st.cache_resource(show_spinner=False, max_entries=2)
def _duck_backend(folder: str) -> tuple[DuckBackend, threading.RLock]:
    return DuckBackend(Store(folder), threads=DUCK_THREADS, memory_limit=DUCK_MEMORY), threading.RLock()


def query_backend(ds: Dataset) -> tuple[DuckBackend, threading.RLock]:
    """The DuckDB backend of a large dataset (``ds.large``) and the lock every use of it holds (one connection
    shared by the sessions; DuckDB connections are not for concurrent threads): the store of the session's
    dictionary and agency table when it exists, else ``ds.store`` (the newest store of the dataset's version:
    :func:`settings_differ` says so). Never builds a store (that would read the whole table)."""
    folder = stored_folder(ds, keyword_settings())
    if folder is None or folder in _pending_stores():   # (DuckDB reads files: not one still being written)
        folder = ds.store
    return _duck_backend(folder)


def settings_differ(ds: Dataset) -> bool:
    """True when a large dataset's pages read a store made with other analysis settings than the session's
    (its dictionary or agency table edits: ``analysis.store.store.settings_differ``): the pages say so. A store
    built by another version of the analysis code with the same settings is no reason (its key differs
    from the session's: any edit of the code files changes it)."""
    if not ds.large or stored_folder(ds, keyword_settings()) is not None:
        return False
    return _settings_differ(ds.store, keyword_settings(), current_table_key())


@st.cache_resource(show_spinner=False, max_entries=16)
def _settings_differ(folder: str, settings_key: tuple, table_key: str) -> bool:
    """:func:`settings_differ` of the store at ``folder`` (the agency table is read once per table key)."""
    try:
        meta = Store(folder).meta
    except WenjianError:
        return True
    return store_settings_differ(meta, analysis_spec(settings_key))


def _backend(ds: Dataset, settings_key: tuple):
    """The in-memory tables of ``ds``'s store for ``settings_key`` and the workspace's agency table — built
    on the runner when ``ds`` is saved and has no store for them yet (a new dataset version, a changed
    dictionary or agency table: a new store key) — or ``None`` for a dataset that is not saved (the sample;
    an upload the library could not keep): the pages then analyse its table in this process."""
    if ds.large:  # its table is not in memory: pages query it through ui.large (never rebuilt here)
        raise RuntimeError(f"dataset {ds.library_id} is read through its store (ui.large), not in memory")
    folder = stored_folder(ds, settings_key)
    if folder is None and ds.library_id:
        try:
            folder = build_store(ds, settings_key=settings_key)
        except Exception:  # noqa: BLE001 - the table is still there: analysed in this process instead
            log.exception("building the store of %s failed", ds.library_id)
    return _stored_backend(folder) if folder is not None else None


@st.cache_resource(show_spinner=False, max_entries=8)
def _corpus(digest: str, _ds: Dataset, settings_key: tuple):
    backend = _backend(_ds, settings_key)
    if backend is not None:
        return backend.corpus
    return tokenize_corpus(_ds.articles, tokenizer(*settings_key))


def keyword_settings() -> tuple:
    """The workspace's saved dictionary as a tokenizer settings key ``(words, stopwords, synonyms)``."""

    return load_user_dict().key()


def corpus_for(ds: Dataset, settings_key: tuple | None = None):
    """The tokenized corpus (document-term matrix) of ``ds``, built once per content digest and settings.
    ``settings_key`` defaults to the user's saved dictionary, so every page counts the same terms."""
    return _corpus(ds.digest, ds, keyword_settings() if settings_key is None else settings_key)


# --- agencies (issue 4) -------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def agency_matcher(table_key: str = "default"):
    """The matcher over the project's table + the workspace's edits; ``table_key`` (``current_table_key()``,
    a digest of the merged table) changes when the table does, so an edit builds a new matcher."""

    return AgencyMatcher.default()


@st.cache_resource(show_spinner=False, max_entries=8)
def _mentions(digest: str, _ds: Dataset, table_key: str):
    backend = _backend(_ds, keyword_settings()) if table_key == current_table_key() else None
    return backend.mentions if backend is not None else find_mentions(_ds.articles, agency_matcher(table_key))


@st.cache_resource(show_spinner=False, max_entries=8)
def _mentions_without(digest: str, _ds: Dataset, table_key: str, excluded: tuple[str, ...]):
    mentions = _mentions(digest, _ds, table_key)
    return mentions[~mentions["agency"].isin(excluded)].reset_index(drop=True)


def mentions_for(ds: Dataset, table_key: str | None = None):
    """Agency mentions of ``ds`` (one row per mention; ``row`` = positional row in ``ds.articles``), for the
    current agency table unless ``table_key`` is given, without the names marked "not an agency" in this
    dataset (``ui.marks``)."""

    key = table_key or current_table_key()
    names = excluded(ds.digest)
    if names:
        return _mentions_without(ds.digest, ds, key, names)
    return _mentions(ds.digest, ds, key)


# --- filters (lead) ------------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=8)
def _search_texts(digest: str, _ds: Dataset) -> list[str]:
    backend = _backend(_ds, keyword_settings())
    return backend.texts() if backend is not None else search_texts(_ds.articles)


def search_texts_for(ds: Dataset) -> list[str]:
    """Lower-cased title+body per article of ``ds`` for the keyword query (built once per content digest)."""
    return _search_texts(ds.digest, ds)


# --- concordance and report (issue 13) -----------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=8)
def _article_texts(digest: str, _ds: Dataset) -> list[str]:
    return article_texts(_ds.articles)


def texts_for(ds: Dataset) -> list[str]:
    """``title + "\\n" + body`` per article of ``ds`` as written (KWIC and term counts search it), built once
    per content digest; shared read-only."""
    return _article_texts(ds.digest, ds)
