"""The Streamlit side of the dataset library (``analysis/library.py``): one ``Library`` per root, shared by
every session, and datasets opened from it cached read-only by (id, version) so reopening is fast and five
sessions on the same dataset share one table in memory."""
from __future__ import annotations

import streamlit as st

from analysis.library import DatasetInfo, Library, default_root
from ui.state import Dataset


@st.cache_resource(show_spinner=False)
def _library(root: str) -> Library:
    return Library(root)


def library() -> Library:
    """The library at ``$WENJIAN_LIBRARY`` (or ``data/library``)."""
    return _library(str(default_root()))


def list_datasets() -> list[DatasetInfo]:
    return library().list()


@st.cache_resource(show_spinner=False, max_entries=4)
def _open(root: str, dataset_id: str, version: int, digest: str) -> Dataset:
    articles, report, info = _library(root).load(dataset_id)
    # the library's content digest keys the derived caches (no need to hash 20,000 bodies again)
    return Dataset(name=info.name, articles=articles, report=report, library_id=dataset_id, digest=info.digest)


def open_dataset(dataset_id: str) -> Dataset:
    """The saved dataset ``dataset_id`` (shared read-only: never mutate its table)."""
    info = library().info(dataset_id)
    ds = _open(str(default_root()), dataset_id, info.version, info.digest)
    if ds.name != info.name:  # renamed since it was cached: same data, new label
        ds = Dataset(name=info.name, articles=ds.articles, report=ds.report, digest=ds.digest,
                     library_id=dataset_id)
    return ds


def save_dataset(ds: Dataset) -> DatasetInfo:
    """Save ``ds`` as a new library entry and return it."""
    return library().save(ds.name, ds.articles, ds.report)
