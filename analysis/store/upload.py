"""The dashboard's ingest of an upload: an article table the page has just parsed → a saved dataset version in
the library and its store, analysed on the runner (``analysis.store.runner``), with progress events.

``python -m analysis ingest`` (``analysis.store.ingest``) streams files of any size through parts on disk;
an upload is already in memory (the page parsed it to show its parse report), so here the article table goes
straight to ``analysis.store.build.build_tables``: tokenizing and agency matching in batches of
:data:`UPLOAD_BATCH_ROWS` articles on the runner (a warm local process pool, or Dask), the tables kept in
memory for the pages (:class:`TablesStore`) and written as the store.

A store of at most :data:`LIGHT_MAX_ARTICLES` articles is written **without the query indexes** (the roll-ups
and the character-bigram index, ``analysis.store.build``): only the DuckDB backend reads them and
``analysis.store.backends.open_backend`` keeps such a store in memory (numpy), so building them (≈ 10 CPU-s of
the 20k CCTV corpus, most of an upload's work) would buy nothing. Every other table is the same as the full
build writes (``tests/test_upload.py``). A store without them still opens with DuckDB (it reads the base
tables then).
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pyarrow as pa

from analysis.loaders.report import ParseReport
from analysis.store.batch import AnalysisSpec, analyze_batch
from analysis.store.build import build_tables
from analysis.store.runner import Event, no_progress
from analysis.store.store import (MEMORY_MAX_ARTICLES, Store, drop_older_stores, drop_unused_stores, store_folder,
                                  store_key, store_meta, write_store)

#: Articles per batch of an upload (the results do not depend on the batching:
#: ``analysis.store.batch.combine``). Each batch starts the tokenizer's token → term memo afresh, so larger
#: batches cost less CPU (CCTV, 19,876 articles: tokenizing + matching ≈ 11.0 CPU-s in batches of 1,000, ≈ 9.5
#: in batches of 10,000); 5,000 still gives each of two workers two batches and the bar four steps.
UPLOAD_BATCH_ROWS = 5000
#: Up to this many articles an upload's store leaves out the roll-ups and the bigram index (see the module
#: docstring): the limit below which ``open_backend`` reads a store into memory.
LIGHT_MAX_ARTICLES = MEMORY_MAX_ARTICLES


class TablesStore(Store):
    """A store whose tables are also held in memory (just built): reads come from memory, not the Parquet
    files; otherwise the :class:`~analysis.store.store.Store` at ``store.path``.

    ``store`` is the written :class:`Store`, or — for a store still being written in the background
    (:func:`analyse_saved` with ``background=True``) — its folder path, with ``meta`` the ``meta.json`` it will
    hold. Until the write is over (:attr:`written`) every read comes from memory; if the write fails, the
    tables stay in memory (:attr:`write_error` says why; nothing of this session is lost, a later opening of
    the dataset builds the store again)."""

    def __init__(self, store: Store | Path | str, tables: dict[str, pa.Table], meta: dict | None = None) -> None:
        if isinstance(store, Store):
            self.path, self.meta = store.path, store.meta
        else:
            self.path, self.meta = Path(store), dict(meta or {})
        self._tables = tables
        self._write: Future | None = None

    @property
    def written(self) -> bool:
        """True when the store's files are complete on disk (always, unless written in the background)."""
        return self._write is None or (self._write.done() and self._write.exception() is None)

    @property
    def write_error(self) -> BaseException | None:
        """The exception of a failed background write (``None``: written, or still being written)."""
        return self._write.exception() if self._write is not None and self._write.done() else None

    def wait(self, timeout: float | None = None) -> "TablesStore":
        """Wait until the background write is over (at most ``timeout`` seconds: then ``TimeoutError``);
        raises the write's exception if it failed; returns this store."""
        if self._write is not None:
            self._write.result(timeout)
        return self

    def has(self, name: str) -> bool:
        return name in self._tables or (self.written and super().has(name))

    def read(self, name: str, columns: list[str] | None = None) -> pa.Table:
        if name not in self._tables:
            return super().read(name, columns)
        t = self._tables[name]
        t = t.select(columns) if columns is not None else t
        return t.cast(pa.schema([f.with_nullable(True) for f in t.schema], metadata=t.schema.metadata))


#: The thread that writes upload stores in the background (one at a time, in order). Not a daemon: at
#: interpreter exit the writes under way finish (a store folder appears whole or not at all: ``write_store``).
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wenjian-store-write")


def _write_and_tidy(folder: Path, tables: dict[str, pa.Table], meta: dict, dataset_id: str, version: int) -> Store:
    store = write_store(folder, tables, meta)
    drop_older_stores(folder.parent, dataset_id, version)
    drop_unused_stores(folder.parent, dataset_id, version, folder)
    return store


def warm_worker(item: int, spec: AnalysisSpec) -> int:
    """Build this worker's tokenizer and agency matcher for ``spec`` (by analysing one tiny article), so the
    first upload does not wait for them; returns ``item``."""
    one = pa.table({"article_id": pa.array([0], pa.int64()), "title": ["国务院"], "body": ["国务院召开常务会议。"],
                    "source": [""]})
    analyze_batch(one.to_batches()[0], spec)
    return item


def warm_runner(runner, spec: AnalysisSpec) -> None:
    """Start ``runner``'s workers and build their tokenizer and agency matcher (one item per worker slot; a
    one-process runner builds them in this process)."""
    runner.map(warm_worker, list(range(max(2, getattr(runner, "workers", 2)))), spec, stage="warm")


def analyse_saved(library, dataset_id: str, articles: pd.DataFrame, spec: AnalysisSpec, runner=None, *,
                  on_event: Callable[[Event], None] = no_progress,
                  light_max: int = LIGHT_MAX_ARTICLES, background: bool = False) -> Store:
    """The store of the saved dataset ``dataset_id`` of ``library`` (an ``analysis.library.Library``) for
    ``spec``, built from ``articles`` — the table just saved, with or without ``article_id`` — when it does not
    exist yet (then a :class:`TablesStore`: its tables stay in memory for the pages); stores of other versions
    of the dataset are removed. ``on_event`` receives the runner's ``analyze`` events, then ``write``.
    Up to ``light_max`` articles the roll-ups and bigram index are left out (module docstring).

    ``background=True``: returns as soon as the tables are built; the store's files are written (and the
    other versions' stores removed) by a background thread — the pages read the tables from memory meanwhile
    (:class:`TablesStore`, ``written`` / ``wait`` / ``write_error``); no ``write`` events then. What it
    saves: the Parquet writes (≈ 0.4–0.6 CPU-s of the 20k CCTV upload) are off the path until the pages
    are usable (``scripts/bench_ui.py --upload-only``)."""
    info = library.info(dataset_id)
    folder = store_folder(library.root, dataset_id, info.version, store_key(info.digest, spec))
    if (folder / "meta.json").is_file():
        return Store(folder)
    tables = build_tables(articles, spec, runner, batch_rows=UPLOAD_BATCH_ROWS, on_event=on_event,
                          query_indexes=len(articles) > light_max)
    meta = {"articles": tables["articles"].num_rows, "spec": spec.digest(), "tokenizer": spec.tokenizer.version,
            "synonyms": dict(spec.tokenizer.synonyms), "dataset": dataset_id, "version": info.version,
            "digest": info.digest, "name": info.name}
    if background:
        store = TablesStore(folder, tables, store_meta(tables, meta))
        store._write = _WRITER.submit(_write_and_tidy, folder, tables, meta, dataset_id, info.version)
        return store
    on_event(Event("write", 0, 1))
    store = TablesStore(_write_and_tidy(folder, tables, meta, dataset_id, info.version), tables)
    on_event(Event("write", 1, 1))
    return store


def save_upload(library, name: str, articles: pd.DataFrame, report: ParseReport | None, spec: AnalysisSpec,
                runner=None, *, replace_id: str | None = None,
                on_event: Callable[[Event], None] = no_progress):
    """Save a parsed upload as a new dataset of ``library`` (or a new version of ``replace_id``) and build its
    store: ``(DatasetInfo, Store)``. Raises what ``Library.save`` raises (nothing saved) and what the analysis
    raises (the dataset is saved, without a store)."""
    info = library.save(name, articles, report, dataset_id=replace_id) if replace_id else \
        library.save(name, articles, report)
    return info, analyse_saved(library, info.id, articles, spec, runner, on_event=on_event)
