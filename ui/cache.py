"""All Streamlit caching lives here.

- ``st.cache_resource`` for the tokenizer, the agency matcher, and big derived structures (token matrices,
  mention tables): shared read-only across sessions, keyed on the dataset's content digest — never mutate
  what these return.
- Nothing here is cleared from user actions (``st.cache_data.clear()`` would empty every user's cache).

Each function below belongs to one analysis area; edit only your own function (keep the signatures).
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

import analysis
from analysis.agencies import AgencyMatcher, SOURCE_FILES, find_mentions
from analysis.agency_table import current_table_key, load_agencies, table_digest
from analysis.diskcache import DiskCache, default_cache, source_digest
from analysis.errors import WenjianError
from analysis.filters import search_texts
from analysis.keywords import tokenize_corpus
from analysis.kwic import article_texts
from analysis.store.batch import AnalysisSpec
from analysis.store.query import MemoryBackend
from analysis.store.store import STORE_DIR, Store, store_folder, store_key
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import load_user_dict
from ui import library as ui_library  # called through the module: tests replace ui.library.library
from ui.marks import excluded
from ui.state import Dataset


# --- keywords (issue 3) -------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False)
def tokenizer(user_words: tuple[str, ...] = (), user_stopwords: tuple[str, ...] = (),
              synonyms: tuple[tuple[str, str], ...] = ()):
    return build_tokenizer(user_words=user_words, user_stopwords=user_stopwords, synonyms=synonyms)


@st.cache_resource(show_spinner=False)
def _disk_cache():
    return default_cache()


def _persisted(kind: str, key_parts: tuple, code: tuple[str, ...], build):
    """``build()`` once per key across server restarts (on-disk cache; see ``analysis.diskcache``)."""
    cache = _disk_cache()
    if cache is None:
        return build()

    here = Path(analysis.__file__).parent
    key = DiskCache.key(*key_parts, source_digest(*(here / c for c in code)))
    return cache.get_or_build(kind, key, build)


# --- the corpus store (issue 10) -------------------------------------------------------------------------
def stored_folder(ds: Dataset, settings_key: tuple) -> str | None:
    """The folder of ``ds``'s store for the tokenizer ``settings_key`` and the current agency table, when ``ds``
    is a saved dataset of this session's library whose store exists (``python -m analysis ingest`` builds
    one; ``analysis.store``) — else ``None`` and the pages analyse the table as before."""
    if not ds.library_id:
        return None

    try:
        lib = ui_library.library()
        info = lib.info(ds.library_id)
        if info.digest != ds.digest:
            return None
        if not any((lib.root / STORE_DIR).glob(f"{ds.library_id}-v{info.version}-*")):
            return None  # no store of this version: nothing more to check (the usual case for uploads)
        spec = AnalysisSpec(tokenizer=tokenizer(*settings_key).settings, agency_user_path=None)
        folder = store_folder(lib.root, ds.library_id, info.version, store_key(info.digest, spec))
    except WenjianError:
        return None
    return str(folder) if (folder / "meta.json").is_file() else None


@st.cache_resource(show_spinner=False, max_entries=4)
def _stored_backend(folder: str):
    """The in-memory tables of a store (corpus and mentions read from Parquet, not recomputed)."""

    return MemoryBackend.from_store(Store(folder))


@st.cache_resource(show_spinner=False, max_entries=8)
def _corpus(digest: str, _ds: Dataset, settings_key: tuple):
    folder = stored_folder(_ds, settings_key)
    if folder is not None:
        return _stored_backend(folder).corpus
    tok = tokenizer(*settings_key)
    return _persisted("corpus", (digest, tok.version), ("keywords.py", "tokenizer.py", "segment.py"),
                      lambda: tokenize_corpus(_ds.articles, tok))


def keyword_settings() -> tuple:
    """The user's saved dictionary as a tokenizer settings key ``(words, stopwords, synonyms)``."""

    return load_user_dict().key()


def corpus_for(ds: Dataset, settings_key: tuple | None = None):
    """The tokenized corpus (document-term matrix) of ``ds``, built once per content digest and settings.
    ``settings_key`` defaults to the user's saved dictionary, so every page counts the same terms."""
    return _corpus(ds.digest, ds, keyword_settings() if settings_key is None else settings_key)


# --- agencies (issue 4) -------------------------------------------------------------------------------
@st.cache_resource(show_spinner=False, max_entries=4)
def agency_matcher(table_key: str = "default"):
    """The matcher over the project's table + the user's edits; ``table_key`` (``current_table_key()``)
    changes when the user's table does, so an edit builds a new matcher."""

    return AgencyMatcher.default()


@st.cache_resource(show_spinner=False, max_entries=8)
def _mentions(digest: str, _ds: Dataset, table_key: str):
    folder = stored_folder(_ds, keyword_settings()) if table_key == current_table_key() else None
    if folder is not None:
        return _stored_backend(folder).mentions
    table = table_digest(load_agencies())
    return _persisted("mentions", (digest, table_key, table),
                      (*SOURCE_FILES, "../data/agency_templates.csv", "../data/regions.csv",
                       "../data/foreign_places.csv"),
                      lambda: find_mentions(_ds.articles, agency_matcher(table_key)))


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
    return search_texts(_ds.articles)


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
