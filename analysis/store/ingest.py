"""Ingest: files → a saved dataset in the library + its store, in bounded memory, on a local process pool or
a Dask cluster.

The input files are cut into **parts** (consecutive files, about :data:`PART_BYTES` of input each, at least
:data:`GROUPS_PER_WORKER` per worker slot). Workers receive part *descriptions* (file paths, a part number,
a few small arrays) and read and write files themselves — under a work folder next to the library's store
(which must be shared storage on a cluster); the ingest process never holds the article texts, only per-article
numbers. Stages (each reports progress ``Event``s through ``on_event``):

1. **read** (workers, per part): the loader reads and normalises the part's files (``analysis.loaders``,
   without duplicate marking); the part is written as Parquet; its content keys (``analysis.ids``) and
   duplicate signatures (:mod:`analysis.store.signatures`) are returned;
2. **dedup** (this process): ``id`` numbered 1..n in path order, keys checked unique over the whole collection
   (a repeated key re-keyed as ``analysis.ids`` does), ``duplicate_of`` from the signatures (global:
   candidate pairs → connected components; equal to ``analysis.dedup.find_duplicates`` over the whole table);
3. **analyze** (workers, per part): the part's library rows, ``articles`` and ``article_text`` written;
   tokenizing and agency matching (:mod:`analysis.store.batch`) in batches of ``BATCH_ROWS`` with part-local
   term and agency ids; the references of its bodies (``doc_keys`` written, ``citations`` pending);
4. **write** (workers, per part): local ids → global ids (``term_id`` / ``agency_id`` = rank of the sorted
   names over the whole collection, so independent of the parts; the names are gathered here part by part
   while the workers still analyse), ``doc_terms`` (sorted by ``term_id`` inside a part, for row-group
   pruning), ``term_seq``, ``mentions`` and the part's partial ``term_cells`` written — meanwhile a thread of
   this process writes the library's Parquet file part by part and the ``duplicates`` table;
5. **save** (this process): the roll-ups and agency indexes (DuckDB; ``term_cells`` = the sum of the parts'
   cells), the ``citations`` parts with ``resolved_id`` (``analysis.store.cite_resolve``: over the whole
   corpus, once the saved table is written), the store folder renamed into place.

Peak memory of this process: ≈ 100 bytes per article + one hash bucket of duplicate signatures + the vocabulary;
of a worker: one part. Loader limits (``WENJIAN_MAX_*``) apply per part; the article limit to the whole ingest.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.agency_mentions import match_sources
from analysis.errors import LoadError
from analysis.library import Library
from analysis.loaders import LoadOptions
from analysis.schema import ARTICLE_COLUMNS
from analysis.store.batch import AnalysisSpec, analyze_batch, combine
from analysis.store.cite_resolve import resolve_parts
from analysis.store.build import (BATCH_ROWS, DERIVED, batches, bigram_table, doc_rows, duplicates_table,
    meta_table, policy_tables, rollup_sql, text_table, write_doc_rows)
from analysis.store.reading import (GROUPS_PER_WORKER, PART_BYTES, PART_ROWS, TMP_FORMAT, groups, input_files,
    part_file, part_frame, peak_rss_mb, plan_parts, read_and_dedup, read_articles, read_group)
from analysis.store.runner import Event, LocalRunner, no_progress
from analysis.store.store import (DOC_ROWS, STORE_DIR, Store, TABLES, TEXT_ROW_GROUP, WRITE_OPTIONS, default_spec,
    drop_older_stores, store_folder, store_key)

__all__ = ["GROUPS_PER_WORKER", "PART_BYTES", "PART_ROWS", "ROLLUP_MEMORY", "analyze_part", "groups", "ingest",
           "input_files", "plan_parts", "read_articles", "read_group", "write_part", "write_rollups"]

# ------------------------------------------------------------------------------------------------ workers
def analyze_part(item: tuple[int, list[tuple[int, int, int]], int, np.ndarray, np.ndarray], work: str, out: str,
                 spec: AnalysisSpec, batch_rows: int) -> dict:
    """Stage 3 for one store part ``(part, read slices, first row, keys, duplicate_of)``: the library rows
    (``lib-<part>``),
    ``articles`` and ``article_text`` parts, and the part-local analysis tables (``loc-<table>-<part>``).
    Returns ``n``, the per-row hashes of ``analysis.library.articles_digest`` and the row counts."""

    cpu = time.process_time()
    part, reads, offset, keys, dup = item
    df = part_frame(work, reads, offset, keys, dup)
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), part_file(work, "lib", part),
                   compression=TMP_FORMAT)
    hashes = pd.util.hash_pandas_object(df[list(ARTICLE_COLUMNS)], index=False).to_numpy()
    text = text_table(df)
    meta = meta_table(df, offset)
    source = pa.array(match_sources(df), pa.string())  # the issuer first, as find_mentions reads it (tester N1)
    t_cite = time.process_time()
    cites = policy_tables(df, resolved=False)   # the references (resolved at the end), the keys documents answer to
    cite_cpu = time.process_time() - t_cite
    del df
    work_t = pa.table({"article_id": text["article_id"], "title": text["title"], "body": text["body"],
                       "source": source})
    derived = combine([analyze_batch(b, spec) for b in batches(work_t, batch_rows)])
    del work_t
    name = f"part-{part:05d}.parquet"
    _write(Path(out) / "articles.parquet" / name, meta.append_column("n_tokens", derived.pop("n_tokens")["n_tokens"]))
    _write(Path(out) / "article_text.parquet" / name, text, row_group_size=TEXT_ROW_GROUP)
    for t in ("terms", "agencies", "doc_terms", "term_seq", "mentions"):
        pq.write_table(derived[t], part_file(work, f"loc-{t}", part), compression=TMP_FORMAT)
    pq.write_table(cites["citations"], part_file(work, "cites", part), compression=TMP_FORMAT)
    _write(Path(out) / "doc_keys.parquet" / name, cites["doc_keys"])
    return {"n": meta.num_rows, "hashes": hashes, "cpu": time.process_time() - cpu, "rss": peak_rss_mb(),
            "citations": cites["citations"].num_rows, "doc_keys": cites["doc_keys"].num_rows, "cite_cpu": cite_cpu}


def _write(path: Path, table: pa.Table, row_group_size: int = 256_000, **options) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression="zstd", row_group_size=row_group_size, **options)


@functools.lru_cache(maxsize=4)
def _names(path: str, mtime: float) -> pd.Index:
    return pd.Index(pq.read_table(path).column(1).to_pylist(), dtype=object)


def _to_global(global_path: Path, local: pa.Table) -> np.ndarray:
    """Global ids (positions in the sorted global names) of a part's local names (hash lookups)."""
    names = _names(str(global_path), global_path.stat().st_mtime)
    loc = local.column(1).to_pylist()
    ids = names.get_indexer(pd.Index(loc, dtype=object)) if loc else np.zeros(0, dtype=np.int64)
    if (ids < 0).any():
        raise LoadError.of("ingest.names_missing", n=int((ids < 0).sum()), path=global_path)
    return ids.astype(np.int32)


def write_part(item: tuple[int, int], work: str, out: str | Path) -> dict[str, int]:
    """Stage 4 for one part ``(part, first row)``: part-local term / agency ids → the global ones
    (``out/terms.parquet``, ``out/agencies.parquet``); writes the ``doc_terms``, ``term_seq`` and ``mentions``
    parts, and the part's ``bigrams`` (``analysis.store.build.bigram_table``). Returns row counts."""

    cpu = time.process_time()
    part, offset = item
    name = f"part-{part:05d}.parquet"
    out = Path(out)
    loc = {t: pq.read_table(part_file(work, f"loc-{t}", part))
           for t in ("terms", "agencies", "doc_terms", "term_seq", "mentions")}
    tmap = _to_global(out / "terms.parquet", loc["terms"])
    amap = _to_global(out / "agencies.parquet", loc["agencies"])
    dt = loc["doc_terms"]
    term = tmap[dt["term_id"].to_numpy()] if dt.num_rows else np.zeros(0, dtype=np.int32)
    ts = loc["term_seq"]  # every row of the part, in row order
    rows = pd.Index(ts["article_id"].to_numpy()).get_indexer(dt["article_id"].to_numpy())
    n_terms = len(_names(str(out / "terms.parquet"), (out / "terms.parquet").stat().st_mtime))
    write_doc_rows(out / DOC_ROWS, part, *doc_rows(rows, term, dt["n"].to_numpy(), ts.num_rows, n_terms))
    order = np.argsort(term, kind="stable")  # by term, articles in row order inside a term
    _write(out / "doc_terms.parquet" / name,
           pa.table({"article_id": dt["article_id"].to_numpy()[order], "term_id": term[order],
                     "n": dt["n"].to_numpy()[order]}), row_group_size=64_000)
    seq = ts["terms"].combine_chunks() if ts.num_rows else pa.array([], pa.list_(pa.int32()))
    flat = seq.flatten().to_numpy(zero_copy_only=False).astype(np.int32) if len(seq) else np.zeros(0, np.int32)
    flat = np.where(flat >= 0, tmap[np.maximum(flat, 0)] if len(tmap) else -1, flat).astype(np.int32)
    offs = seq.offsets.to_numpy() - (seq.offsets[0].as_py() if len(seq) else 0)
    _write(out / "term_seq.parquet" / name,
           pa.table({"article_id": ts["article_id"],
                     "terms": pa.ListArray.from_arrays(pa.array(offs.astype(np.int32)), pa.array(flat, pa.int32()))}))
    _write_cells(part_file(work, "cells", part), out / "articles.parquet" / name, rows, term, dt["n"].to_numpy())
    m = loc["mentions"]
    ids = m["agency_id"].to_numpy()
    m = m.set_column(m.schema.get_field_index("agency_id"), "agency_id",
                     pa.array(amap[ids] if len(ids) else np.zeros(0, np.int32), pa.int32()))
    _write(out / "mentions.parquet" / name, m)
    for t in loc:
        part_file(work, f"loc-{t}", part).unlink()
    text = pq.read_table(out / "article_text.parquet" / name, columns=["title", "body"])
    bigrams = bigram_table(text["title"].to_pylist(), text["body"].to_pylist(), offset)
    del text
    _write(out / "bigrams.parquet" / name, bigrams, row_group_size=64_000, **WRITE_OPTIONS["bigrams"])
    return {"doc_terms": dt.num_rows, "term_seq": ts.num_rows, "mentions": m.num_rows, "bigrams": bigrams.num_rows,
            "cpu": time.process_time() - cpu, "rss": peak_rss_mb()}


#: Schema of the partial ``term_cells`` of one part (see :func:`_write_cells`).
CELLS_SCHEMA = pa.schema([("month", pa.int64()), ("dup", pa.bool_()), ("term_id", pa.int32()), ("cnt", pa.int64()),
                          ("docs", pa.int64())])


def _write_cells(path: Path, articles: Path, rows: np.ndarray, term: np.ndarray, n: np.ndarray) -> None:
    """The ``term_cells`` roll-up of one part (``analysis.store.build.ROLLUP_SQL["term_cells"]`` over the part's
    rows only): ``month`` (``analysis.periods`` month code: months since 1970-01, ``NULL`` = undated), ``dup``,
    ``term_id``, ``cnt`` = Σ n, ``docs`` = doc_terms rows, in no particular order. The whole collection's
    ``term_cells`` is their sum per (month, dup, term_id) — an integer sum, so equal to the SQL over all parts
    (:func:`write_rollups` with ``cells``) while reading ≈ 40 % of the doc_terms rows and no join."""
    meta = pq.read_table(articles, columns=["date", "duplicate_of"])
    date = meta["date"].to_numpy(zero_copy_only=False)  # datetime64[D] with NaT for NULL
    undated = np.isnat(date)
    month = np.where(undated, 0, date.astype("datetime64[M]").astype(np.int64) if len(date) else 0)
    dup = meta["duplicate_of"].is_valid().to_numpy(zero_copy_only=False)
    lo = int(month[~undated].min()) if (~undated).any() else 0
    n_terms = int(term.max()) + 1 if len(term) else 1
    # cell per row: 0 = undated, else 1 + month - lo; key = (cell · 2 + dup) · n_terms + term
    cell = np.where(undated, 0, month - lo + 1).astype(np.int64) * 2 + dup
    key = cell[rows] * n_terms + term.astype(np.int64)
    order = np.argsort(key, kind="stable")
    key = key[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(first)
    uk = key[starts]
    cnt = np.add.reduceat(n[order].astype(np.int64), starts) if len(key) else np.zeros(0, np.int64)
    docs = np.diff(np.append(starts, len(key))).astype(np.int64)
    c = uk // n_terms
    cm = c // 2
    months = pa.array(cm - 1 + lo, pa.int64(), mask=cm == 0)
    pq.write_table(pa.table([months, pa.array(c % 2 == 1), pa.array((uk % n_terms).astype(np.int32)),
                             pa.array(cnt), pa.array(docs)], schema=CELLS_SCHEMA), path, compression=TMP_FORMAT)


# ------------------------------------------------------------------------------------------------ this process
#: DuckDB memory while computing the roll-ups at the end of an ingest (it spills to disk beyond this).
ROLLUP_MEMORY = "1GB"


#: ``term_cells`` from the parts' partial cells (:func:`_write_cells`): the same columns, types and order as
#: ``ROLLUP_SQL["term_cells"]``.
CELLS_SQL = """SELECT month, dup, term_id, CAST(sum(cnt) AS BIGINT) AS cnt, CAST(sum(docs) AS BIGINT) AS docs
    FROM read_parquet({src}) GROUP BY ALL ORDER BY month NULLS FIRST, dup, term_id"""


def write_rollups(out: Path, cells: Sequence[Path] = ()) -> None:
    """The roll-up and agency index tables (``analysis.store.build.DERIVED``) of the store parts in ``out``, computed by DuckDB
    out of core (at most :data:`ROLLUP_MEMORY`, spilling into ``out/.spill``). ``cells``: the parts' partial
    ``term_cells`` files (:func:`_write_cells`, every part's) — ``term_cells`` is then their sum (same table,
    less work: no join over ``doc_terms``)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{ROLLUP_MEMORY}'")
        con.execute("SET temp_directory = ?", [str(out / ".spill")])
        for name in ("articles", "doc_terms", "mentions", "agencies"):
            path = out / f"{name}.parquet"
            src = str(path / "*.parquet") if path.is_dir() else str(path)
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{_sql_text(src)}')")
        for name in DERIVED:  # in order: a later roll-up may read an earlier one
            target = _sql_text(str(out / f"{name}.parquet"))
            sql = rollup_sql(name)
            if name == "term_cells" and cells:
                sql = CELLS_SQL.format(src="[" + ", ".join(f"'{_sql_text(str(c))}'" for c in cells) + "]")
            con.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{target}')")
    finally:
        con.close()
    shutil.rmtree(out / ".spill", ignore_errors=True)


def _sql_text(text: str) -> str:
    return text.replace("'", "''")


class _Timing:
    """Wall seconds and CPU seconds of this process per stage (from the progress events: a stage's time runs
    from the previous event to its last one), and the workers' CPU seconds per stage: ``meta.json["ingest"]``."""

    def __init__(self, forward: Callable[[Event], None]) -> None:
        self.forward = forward
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.worker_cpu: dict[str, float] = {}
        self.worker_rss = 0.0
        self._t, self._c = time.perf_counter(), time.process_time()

    def on_event(self, event: Event) -> None:
        t, c = time.perf_counter(), time.process_time()
        self.wall[event.stage] = self.wall.get(event.stage, 0.0) + t - self._t
        self.cpu[event.stage] = self.cpu.get(event.stage, 0.0) + c - self._c
        self._t, self._c = t, c
        self.forward(event)

    def summary(self, running: str) -> dict:
        """Per stage ``wall_s, cpu_s, worker_cpu_s`` (the ``running`` stage up to now), the peak RSS (MB) of
        this process and of the largest worker task's process."""
        t, c = time.perf_counter(), time.process_time()
        wall, cpu = dict(self.wall), dict(self.cpu)
        wall[running] = wall.get(running, 0.0) + t - self._t
        cpu[running] = cpu.get(running, 0.0) + c - self._c
        out: dict = {stage: {"wall_s": round(wall[stage], 2), "cpu_s": round(cpu.get(stage, 0.0), 2),
                             "worker_cpu_s": round(self.worker_cpu.get(stage, 0.0), 2)} for stage in wall}
        out["peak_rss_mb"] = {"ingest_process": round(peak_rss_mb()), "largest_worker": round(self.worker_rss)}
        return out


class _Background:
    """``fn()`` in a thread started now; :meth:`result` waits for it and returns its value or raises its error."""

    def __init__(self, fn: Callable[[], object]) -> None:
        self._out: list = []
        self._err: list[BaseException] = []

        def run() -> None:
            try:
                self._out.append(fn())
            except BaseException as exc:  # handed to the caller by result()
                self._err.append(exc)

        self._thread = threading.Thread(target=run, name="wenjian-ingest-save", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Wait for the thread to end (its result or error left aside)."""
        self._thread.join()

    def result(self):
        self._thread.join()
        if self._err:
            raise self._err[0]
        return self._out[0]


def ingest(paths: Sequence[str | Path], name: str, *, library=None, runner=None, spec: AnalysisSpec | None = None,
           options=None, on_event: Callable[[Event], None] = no_progress, batch_rows: int | None = None):
    """Read, deduplicate, analyse and save ``paths`` as the library dataset ``name``; returns
    ``(DatasetInfo, Store)``. ``runner``: ``LocalRunner`` (default: one process per CPU) or ``DaskRunner``
    (its workers must see the library folder and the input paths)."""

    library = library or Library()
    own_runner = runner is None
    runner = runner or LocalRunner()
    spec = spec or default_spec()
    options = options or LoadOptions.from_env()
    root = Path(library.root) / STORE_DIR
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-ingest-", dir=root))
    work, out = tmp / "work", tmp / "out"
    work.mkdir()
    out.mkdir()
    timing = _Timing(on_event)
    on_event = timing.on_event
    try:
        read = read_and_dedup(paths, runner, options, str(work), on_event)
        timing.worker_cpu["read"] = read.cpu
        timing.worker_cpu["dedup"] = read.dedup_cpu
        parts = read.store_parts(PART_ROWS)  # this module's PART_ROWS (tests make it small)
        items = [(k, reads, off, read.keys[off:off + n], read.dup[off:off + n]) for k, reads, off, n in parts]
        names: dict[str, set[str]] = {"terms": set(), "agencies": set()}

        def gather_names(i: int, _result: dict) -> None:  # here, while the workers analyse the other parts
            for kind, col in (("terms", "term"), ("agencies", "agency")):
                path = part_file(work, f"loc-{kind}", parts[i][0])
                names[kind].update(pq.read_table(path, columns=[col])[col].to_pylist())

        done = runner.map(analyze_part, items, str(work), str(out), spec, batch_rows or BATCH_ROWS,
                          stage="analyze", on_event=on_event, on_result=gather_names)
        timing.worker_cpu["analyze"] = sum(d["cpu"] for d in done)
        hashes = np.concatenate([d["hashes"] for d in done])
        for kind, col in (("terms", "term"), ("agencies", "agency")):
            ordered = sorted(names.pop(kind))
            _write(out / f"{kind}.parquet", pa.table({f"{col}_id": np.arange(len(ordered), dtype=np.int32),
                                                      col: pa.array(ordered, pa.string())}))
            del ordered
        digest = hashlib.blake2b(hashes.tobytes(), digest_size=16).hexdigest()
        # the library's article file (and the duplicates table) from the library rows of stage 3, in a thread
        # of this process while the workers write the store parts (Parquet reads and writes release the GIL)
        saved = _Background(lambda: (
            library.save_parts(name, (pq.read_table(part_file(work, "lib", k)) for k, _, _, _ in parts),
                               articles=len(read.keys), digest=digest, report=read.report),
            pq.write_table(duplicates_table(read.keys, read.dup), out / "duplicates.parquet",
                           compression="zstd"))[0])
        try:
            counts = runner.map(write_part, [(k, off) for k, _, off, _ in parts], str(work), str(out),
                                stage="write", on_event=on_event)
        except BaseException:
            saved.wait()  # (the dataset saved meanwhile stays, as when a later step failed before)
            raise
        info = saved.result()
        timing.worker_cpu["write"] = sum(c["cpu"] for c in counts)
        timing.worker_rss = max(r.get("rss", 0.0) for r in [*done, *counts, *read.rss])
        on_event(Event("save", 0, 1))
        write_rollups(out, [part_file(work, "cells", k) for k, _, _, _ in parts])
        resolved = resolve_parts(out, library.data_file(info.id), [   # every part and the saved table written
            (part_file(work, "cites", k), out / "citations.parquet" / f"part-{k:05d}.parquet") for k, _, _, _ in parts],
            ROLLUP_MEMORY)
        tables = {"articles": len(read.keys), "article_text": len(read.keys),
                  "terms": pq.read_metadata(out / "terms.parquet").num_rows,
                  "agencies": pq.read_metadata(out / "agencies.parquet").num_rows,
                  "duplicates": pq.read_metadata(out / "duplicates.parquet").num_rows,
                  **{t: sum(c[t] for c in counts) for t in ("doc_terms", "term_seq", "mentions", "bigrams")},
                  **{t: sum(d[t] for d in done) for t in ("citations", "doc_keys")},
                **{t: pq.read_metadata(out / f"{t}.parquet").num_rows for t in DERIVED}}
        meta = {"articles": len(read.keys), "spec": spec.digest(), **spec.settings_meta(),
                "synonyms": dict(spec.tokenizer.synonyms), "dataset": info.id, "version": info.version,
                "digest": info.digest, "name": info.name, "format": 1,
                "tables": {t: tables[t] for t in TABLES},
                "parts": [off for _, _, off, _ in parts], "ingest": timing.summary("save"),
                # workers' CPU of the citation stage (inside ``analyze``: analysis.store.citations)
                "citations_cpu_s": round(sum(d["cite_cpu"] for d in done), 2),
                # this process's CPU resolving them over the whole corpus (analysis.store.cite_resolve)
                "citations_resolve_cpu_s": resolved["cpu_s"]}
        (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        folder = store_folder(library.root, info.id, info.version, store_key(info.digest, spec))
        if folder.exists():  # the same store already built (e.g. by a concurrent ingest): keep it
            shutil.rmtree(out)
        else:
            os.rename(out, folder)
        drop_older_stores(folder.parent, info.id, info.version)  # other settings of this version stay
        on_event(Event("save", 1, 1))
        return info, Store(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if own_runner or isinstance(runner, LocalRunner):
            runner.close()
