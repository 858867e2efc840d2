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

import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.loaders.report import ParseReport
from analysis.store.batch import AnalysisSpec, analyze_batch, match_batch, splice_mentions
from analysis.agency_mentions import match_sources
from analysis.schema import coerce_articles
from analysis.store.build import (article_tables, batches, build_tables, finish_tables, keyed_articles, own_rows,
    policy_tables, work_table)
from analysis.store.runner import Event, LocalRunner, no_progress
from analysis.store.store import (MEMORY_MAX_ARTICLES, Store, drop_older_stores, drop_unused_stores, store_folder,
                                  store_key, store_meta, write_store)

#: Articles per batch of an upload, on average at most (the results do not depend on the batching:
#: ``analysis.store.batch.combine``). Each batch starts the tokenizer's token → term memo afresh, so fewer,
#: larger batches cost less CPU: CCTV (19,876 articles) tokenizing + matching in one process took 13.6–13.7
#: CPU-s in 4 batches and 12.1–12.7 in 2 (two ad-hoc runs at load 4–7, 30 Nov; earlier: ≈ 11.0 in batches of
#: 1,000, ≈ 9.5 in batches of 10,000). An upload analysed during its load (:class:`EarlyAnalysis`) is cut
#: into one batch per worker when that respects this limit, of about equal text length
#: (:func:`upload_batches`): both workers start at once and end together.
UPLOAD_BATCH_ROWS = 10_000
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

    @property
    def background(self) -> bool:
        """True when the store's files are (or were) written in the background (:meth:`when_written` applies)."""
        return self._write is not None

    def when_written(self, callback: Callable[[Future], object]) -> None:
        """Call ``callback(future)`` when the background write ends (at once if it has ended); nothing when the
        store was not written in the background."""
        if self._write is not None:
            self._write.add_done_callback(callback)

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


#: How much lower the background writer thread's scheduling priority is than the process's (Linux ``nice``
#: steps, capped at 19): the Parquet writes (≈ 0.5 CPU-s of the CCTV store) start while the rerun that shows
#: the first page — and, on a small machine, the browser's render — want the CPU; they only have to finish
#: before the next server start, so the writer takes the lowest priority (nice 19: ≈ 1.5 % of a core's share
#: against a nice-0 task under Linux's CFS weights) and runs when those are done (was 5: it still took about
#: a quarter of a core during that rerun; uptail's timeline, 30 Nov).
WRITER_NICE = 19


def _lower_priority() -> None:
    """Initializer of the writer thread: its own ``nice`` raised by :data:`WRITER_NICE` (Linux schedules
    threads as tasks: ``setpriority`` on the thread's native id touches that thread only). Where that is not
    possible (other systems, a sandbox refusing it) the thread keeps the process's priority."""
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + WRITER_NICE))
    except (AttributeError, OSError):
        pass


#: The thread that writes upload stores in the background (one at a time, in order), at a lower priority
#: (:func:`_lower_priority`). Not a daemon: at interpreter exit the writes under way finish (a store folder
#: appears whole or not at all: ``write_store``).
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wenjian-store-write", initializer=_lower_priority)


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


def upload_batches(work: pa.Table, rows: int, slots: int) -> list[pa.RecordBatch]:
    """``work`` (``title``, ``body`` … per article) cut, in order, into ``max(slots, ⌈n / rows⌉)`` batches (at
    most one per article) of about equal text length — title + body characters, what the tokenizer's and the
    matcher's work grows with — so that ``slots`` workers finish together."""
    n = work.num_rows
    k = min(n, max(slots, -(-n // max(rows, 1))))
    if k <= 1:
        return batches(work, max(n, 1))
    length = pc.add(pc.utf8_length(work["title"].fill_null("")), pc.utf8_length(work["body"].fill_null("")))
    cum = np.cumsum(length.to_numpy().astype(np.int64) + 1)   # (+1: an empty article still counts)
    target = cum[-1] * np.arange(1, k) / k
    idx = np.minimum(np.searchsorted(cum, target, side="left"), n - 1)   # first article reaching the target
    before = cum[np.maximum(idx - 1, 0)]
    cuts = np.where((idx > 0) & (target - before < cum[idx] - target), idx, idx + 1)   # the nearer end
    cuts = np.maximum(cuts, np.arange(1, k))                     # at least one article per batch …
    cuts = np.minimum(cuts, n - np.arange(k - 1, 0, -1))         # … and room for the ones after
    cuts = np.maximum.accumulate(cuts)
    bounds = [0, *cuts.tolist(), n]
    table = work.combine_chunks()
    return [own_rows(table.slice(lo, hi - lo).to_batches()[0]) for lo, hi in zip(bounds, bounds[1:]) if hi > lo]


class _Cancelled(Exception):
    """Raised in :class:`EarlyAnalysis`'s thread to stop its runner map (the futures not started are cancelled)."""


class EarlyAnalysis:
    """The tokenizing and agency matching of an upload started before the load is over (from
    ``LoadOptions.on_bodies``, as soon as the texts are final, or ``on_texts``): the runner works on the batches
    meanwhile, in a background thread of this process, while the load reads the dates, the policy columns and
    marks reposts, and the table is saved.

    ``EarlyAnalysis(table, spec, runner)`` starts at once; ``table``: the loader's article table (before
    ``duplicate_of``, any typing; the ``on_bodies`` table has no 发文机关 yet). :meth:`set_sources` gives the
    matcher's final sources when the 发文机关 are known (``on_texts``): the few rows whose source changed are
    matched again beside the batches (CCTV: 172 of 19,876 articles name an issuer). The batches carry row
    positions as keys; :func:`analyse_saved` (``early=``) takes the results, checks that the texts and sources
    are those of the saved table (else it analyses the table again: same tables either way) and puts the keys
    in. :meth:`cancel` when the results are not wanted (a failed save; the store exists). Measured gain:
    ``scripts/bench_ui.py --upload-only``."""

    def __init__(self, table: pd.DataFrame, spec: AnalysisSpec, runner=None, *,
                 batch_rows: int | None = None) -> None:
        df = coerce_articles(table)
        self.spec = spec
        self.work = work_table(df, np.arange(len(df), dtype=np.int64))
        self._runner = runner or LocalRunner(1)
        self._events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        self._cancel = threading.Event()
        self._parts: list[dict] | None = None
        self._error: BaseException | None = None
        #: rows matched again (:meth:`set_sources`): (row positions, their batch), the result, its thread
        self._again: tuple[np.ndarray, pa.RecordBatch] | None = None
        self._again_result: dict | None = None
        self._again_thread: threading.Thread | None = None
        rows = UPLOAD_BATCH_ROWS if batch_rows is None else batch_rows
        items = upload_batches(self.work, rows, getattr(runner, "workers", 1) if runner is not None else 1)
        self._thread = threading.Thread(target=self._run, args=(self._runner, items),
                                        name="wenjian-early-analysis", daemon=True)
        self._thread.start()

    def _event(self, event: Event) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        self._events.put(event)

    def _run(self, runner, items: list[pa.RecordBatch]) -> None:
        try:
            self._parts = runner.map(analyze_batch, items, self.spec, stage="analyze", on_event=self._event)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller of parts()
            self._error = exc

    def set_sources(self, table: pd.DataFrame) -> None:
        """The matcher's sources of the loader's whole ``table`` (``match_sources``: the 发文机关 line, then the
        source), read when its policy columns are there: the rows whose source differs from what the batches
        read are matched again — on the runner beside the batches when it is a started local pool, else after
        them — and :meth:`parts` puts their mentions in place of the batches'. The mentions are those of a
        analysis started with these sources (``tests/test_upload.py``). A table of another length changes
        nothing (:meth:`matches` then fails: the saved table is analysed again)."""
        n = len(table)
        frame = pd.DataFrame({"source": table["source"].fillna("").astype(str).tolist() if "source" in table
                              else [""] * n})
        if "issuer" in table:
            frame["issuer"] = pd.Series(table["issuer"].tolist(), dtype=object)
        sources = match_sources(frame)
        old = self.work["source"].to_pylist()
        if len(sources) != len(old) or self._again is not None or self._cancel.is_set():
            return
        rows = np.array([i for i, (a, b) in enumerate(zip(old, sources)) if a != b], dtype=np.int64)
        self.work = self.work.set_column(self.work.schema.get_field_index("source"), "source",
                                         pa.array(sources, pa.string()))
        if not len(rows):
            return
        self._again = (rows, self.work.take(pa.array(rows)).combine_chunks().to_batches()[0])
        r = self._runner
        if isinstance(r, LocalRunner) and r.workers > 1 and r.started:   # the pool takes it as a worker frees up
            self._again_thread = threading.Thread(target=self._match_again, name="wenjian-early-rematch",
                                                  daemon=True)
            self._again_thread.start()

    def _match_again(self) -> None:
        assert self._again is not None
        try:
            self._again_result = self._runner.map(match_batch, [self._again[1]], self.spec.agency_user_path,
                                                  stage="match")[0]
        except BaseException as exc:  # noqa: BLE001 - handed to the caller of parts()
            self._error = exc

    def cancel(self) -> None:
        """Do not finish: batches not started are dropped (those running finish in their workers)."""
        self._cancel.set()

    def parts(self, on_event: Callable[[Event], None] = no_progress) -> list[dict]:
        """The batches' :func:`analyze_batch` results in row order, once all are done (with the mentions of the
        rows :meth:`set_sources` matched again); ``on_event`` receives the runner's ``analyze`` events (those
        already past too), in this thread. Raises what the runner raised."""
        while True:
            done = not self._thread.is_alive()
            while True:
                try:
                    on_event(self._events.get_nowait())
                except queue.Empty:
                    break
            if done:
                break
            self._thread.join(0.05)
        if self._again is not None and self._error is None:
            if self._again_thread is None:
                self._match_again()
            else:
                self._again_thread.join()
        if self._error is not None:
            raise self._error
        assert self._parts is not None
        if self._again is not None and self._again_result is not None:
            self._splice(self._parts, self._again[0], self._again_result)
            self._again_result = None   # (once)
        return self._parts

    @staticmethod
    def _splice(parts: list[dict], rows: np.ndarray, new: dict) -> None:
        """Each part's mentions of ``rows`` (row positions of the whole table) replaced by ``new``'s
        (``match_batch`` of those rows: ``doc`` indexes ``rows``)."""
        new_rows = rows[np.asarray(new["doc"], dtype=np.int64)]
        for p in parts:
            ids = np.asarray(p["article_id"], dtype=np.int64)
            mine = np.isin(rows, ids)
            if not mine.any():
                continue
            sel = np.flatnonzero(np.isin(new_rows, ids)).tolist()
            sub = {k: [v[i] for i in sel] for k, v in new.items() if k != "doc"}
            sub["doc"] = np.searchsorted(ids, new_rows[sel]).tolist()
            p["mentions"] = splice_mentions(p["mentions"], np.searchsorted(ids, rows[mine]), sub)

    def matches(self, text: pa.Table, sources: list[str]) -> bool:
        """True when the batches read the texts of ``text`` (``article_text`` of the saved table: same rows,
        same order) and the matcher's ``sources`` (``match_sources`` of it; after :meth:`set_sources`, those)."""
        w = self.work
        return w.num_rows == text.num_rows and w["title"].equals(text["title"]) and w["body"].equals(text["body"]) \
            and w["source"].to_pylist() == sources


def analyse_saved(library, dataset_id: str, articles: pd.DataFrame, spec: AnalysisSpec, runner=None, *,
                  on_event: Callable[[Event], None] = no_progress,
                  light_max: int = LIGHT_MAX_ARTICLES, background: bool = False,
                  early: EarlyAnalysis | None = None, spec_digest: str | None = None) -> Store:
    """The store of the saved dataset ``dataset_id`` of ``library`` (an ``analysis.library.Library``) for
    ``spec``, built from ``articles`` — the table just saved, with or without ``article_id`` — when it does not
    exist yet (then a :class:`TablesStore`: its tables stay in memory for the pages); stores of other versions
    of the dataset are removed. ``on_event`` receives the runner's ``analyze`` events, then ``write``.
    Up to ``light_max`` articles the roll-ups and bigram index are left out (module docstring).

    ``background=True``: returns as soon as the tables are built; the store's files are written (and the
    other versions' stores removed) by a background thread — the pages read the tables from memory meanwhile
    (:class:`TablesStore`, ``written`` / ``wait`` / ``write_error``); no ``write`` events then. What it
    saves: the Parquet writes (≈ 0.4–0.6 CPU-s of the 20k CCTV upload) are off the path until the pages
    are usable (``scripts/bench_ui.py --upload-only``).

    ``early``: the analysis of these articles started during the load (:class:`EarlyAnalysis`): its results
    are used when it read this table's texts, else it is cancelled and the table analysed here (same tables);
    cancelled too when the store exists. ``spec_digest``: ``spec.digest()`` when the caller has it (it reads the
    code files and the agency table).

    What does not need the analysis's results (the spec's digests, the store's settings) is computed before
    waiting for ``early``'s workers, not after them."""
    info = library.info(dataset_id)
    spec_digest = spec.digest() if spec_digest is None else spec_digest
    folder = store_folder(library.root, dataset_id, info.version, store_key(info.digest, spec, spec_digest=spec_digest))
    if (folder / "meta.json").is_file():
        if early is not None:
            early.cancel()
        return Store(folder)
    settings = {"spec": spec_digest, **spec.settings_meta(), "synonyms": dict(spec.tokenizer.synonyms),
                "dataset": dataset_id, "version": info.version, "digest": info.digest, "name": info.name}
    tables = _tables(articles, spec, runner, on_event, len(articles) > light_max, early)
    meta = {"articles": tables["articles"].num_rows, **settings}
    if background:
        store = TablesStore(folder, tables, store_meta(tables, meta))
        store._write = _WRITER.submit(_write_and_tidy, folder, tables, meta, dataset_id, info.version)
        return store
    on_event(Event("write", 0, 1))
    store = TablesStore(_write_and_tidy(folder, tables, meta, dataset_id, info.version), tables)
    on_event(Event("write", 1, 1))
    return store


def _tables(articles: pd.DataFrame, spec: AnalysisSpec, runner, on_event: Callable[[Event], None],
            query_indexes: bool, early: EarlyAnalysis | None) -> dict[str, pa.Table]:
    """``build_tables`` of ``articles``, from ``early``'s batch results when it read the same texts."""
    if early is not None:
        df = keyed_articles(articles)
        base = article_tables(df)
        if early.spec == spec and early.matches(base["article_text"], match_sources(df)):
            keys = base["article_text"]["article_id"].to_numpy()
            parts = [{**p, "article_id": keys[p["article_id"]]} for p in early.parts(on_event)]  # rows → keys
            tables = finish_tables(base, parts, query_indexes)
            return {**tables, **policy_tables(df)} if query_indexes else tables
        early.cancel()
    return build_tables(articles, spec, runner, batch_rows=UPLOAD_BATCH_ROWS, on_event=on_event,
                        query_indexes=query_indexes)


def save_upload(library, name: str, articles: pd.DataFrame, report: ParseReport | None, spec: AnalysisSpec,
                runner=None, *, replace_id: str | None = None,
                on_event: Callable[[Event], None] = no_progress):
    """Save a parsed upload as a new dataset of ``library`` (or a new version of ``replace_id``) and build its
    store: ``(DatasetInfo, Store)``. Raises what ``Library.save`` raises (nothing saved) and what the analysis
    raises (the dataset is saved, without a store)."""
    info = library.save(name, articles, report, dataset_id=replace_id) if replace_id else \
        library.save(name, articles, report)
    return info, analyse_saved(library, info.id, articles, spec, runner, on_event=on_event)
