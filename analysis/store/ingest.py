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
   term and agency ids;
4. **write** (workers, per part): local ids → global ids (``term_id`` / ``agency_id`` = rank of the sorted
   names over the whole collection, so independent of the parts), ``doc_terms`` (sorted by ``term_id`` inside a
   part, for row-group pruning), ``term_seq`` and ``mentions`` written;
5. **save** (this process): the library's Parquet file written part by part, the store folder renamed into
   place.

Peak memory of this process: ≈ 100 bytes per article + one hash bucket of duplicate signatures + the vocabulary;
of a worker: one part. Loader limits (``WENJIAN_MAX_*``) apply per part; the article limit to the whole ingest.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.errors import LimitExceeded, LoadError
from analysis.ids import KEY, article_ids, content_hash, content_strings
from analysis.library import Library
from analysis.loaders import LoadOptions, load_files
from analysis.loaders.core import walk_path
from analysis.loaders.report import FileReport, ParseReport
from analysis.agency_mentions import match_sources
from analysis.schema import ARTICLE_COLUMNS, coerce_articles
from analysis.store.batch import AnalysisSpec, analyze_batch, combine
from analysis.store.build import (BATCH_ROWS, DERIVED, batches, bigram_table, doc_rows, duplicates_table,
    meta_table, rollup_sql, text_table, write_doc_rows)
from analysis.store.runner import Event, LocalRunner, no_progress
from analysis.store.signatures import BUCKETS, bucket_pairs, global_duplicates, part_signatures
from analysis.store.store import (DOC_ROWS, STORE_DIR, Store, TABLES, TEXT_ROW_GROUP, WRITE_OPTIONS, default_spec,
    store_folder, store_key)

#: Read groups (parts) per runner worker slot, at least (more parts = finer progress and load balance).
GROUPS_PER_WORKER = 4
#: Input bytes per read part, about (a part is what one worker holds in memory at a time).
PART_BYTES = 48 * 2**20
#: Articles per store part (what one worker analyses at a time; read parts are cut or joined to it).
PART_ROWS = 10_000
_TMP_FORMAT = "zstd"  # temporary part files: written once, read once


def _load_group(files: Sequence[tuple[str, str]], options) -> tuple[pd.DataFrame | None, ParseReport]:
    opt = dataclasses.replace(options, mark_duplicates=False, progress=None)
    failed, loaded = [], []
    for path, name in files:
        p = Path(path)
        if not p.is_file():
            failed.append(FileReport(name=name, error="文件不存在或不是普通文件 / no such regular file"))
        elif p.stat().st_size > opt.max_file_bytes:
            failed.append(FileReport(name=name, error=f"文件超过单文件上限 {opt.max_file_bytes:,} 字节 / over the "
                                                      f"per-file limit of {opt.max_file_bytes:,} bytes"))
        else:
            loaded.append((name, p.read_bytes()))
    try:
        res = load_files(loaded, opt)
    except LoadError as exc:  # no article in this group: its file reports still count
        return None, ParseReport(files=failed or [FileReport(name=n, error=exc.message) for n, _ in loaded])
    res.report.files = failed + res.report.files
    return res.articles, res.report


def read_group(files: Sequence[tuple[str, str]], options) -> tuple[pa.Table, ParseReport]:
    """The loader's article table (as Arrow; ``file`` = ``name``, as ``load_paths`` names files inside a
    folder) and parse report of one group of ``(path, name)`` files, without duplicate marking."""
    df, report = _load_group(files, options)
    return (pa.table({}) if df is None else pa.Table.from_pandas(df, preserve_index=False)), report


def input_files(paths: Sequence[str | Path]) -> list[tuple[str, str, int]]:
    """``(path, name, bytes)`` of every input file (folders walked recursively, hidden files skipped, sorted;
    ``name`` as ``load_paths`` shows it); a path that does not exist is kept (reported as failed)."""

    out = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            out.append((str(raw), str(raw), 0))
            continue
        for full, name in walk_path(p):
            out.append((str(full), name, full.stat().st_size if full.is_file() else 0))
    return out


def groups(files: list[tuple[str, str, int]], n_groups: int) -> list[list[tuple[str, str]]]:
    """Consecutive groups of ``(path, name)`` with about equal bytes (at most ``n_groups``; none empty)."""
    total = sum(s for _, _, s in files) or 1
    target = total / max(1, n_groups)
    out: list[list[tuple[str, str]]] = [[]]
    acc = 0
    for path, name, size in files:
        if out[-1] and acc >= target * len(out):
            out.append([])
        out[-1].append((path, name))
        acc += size
    return [g for g in out if g]


def plan_parts(files: list[tuple[str, str, int]], slots: int) -> list[list[tuple[str, str]]]:
    """The parts of an ingest: :func:`groups` with ``max(slots × GROUPS_PER_WORKER, input / PART_BYTES)``."""
    total = sum(s for _, _, s in files)
    return groups(files, max(slots * GROUPS_PER_WORKER, math.ceil(total / PART_BYTES)))


# ------------------------------------------------------------------------------------------------ workers
def _part_file(work: str | Path, kind: str, part: int) -> Path:
    return Path(work) / f"{kind}-{part:05d}.parquet"


def read_part(item: tuple[int, list[tuple[str, str]]], options, work: str) -> dict:
    """Stage 1 for one part: read, write ``raw-<part>.parquet``, return ``n``, the parse report, per-part
    report counts, content keys (``analysis.ids.article_ids``) and duplicate signatures."""

    cpu = time.process_time()
    part, files = item
    df, report = _load_group(files, options)
    if df is None or df.empty:
        return {"n": 0, "report": report, "cpu": time.process_time() - cpu}
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), _part_file(work, "raw", part),
                   compression=_TMP_FORMAT)
    counts = ParseReport()
    counts.count(df)
    return {"n": len(df), "report": report, "missing": counts.missing, "converted": counts.converted,
            "date_sources": counts.date_sources, "keys": article_ids(df),
            "sig": part_signatures(df, work, part), "cpu": time.process_time() - cpu, "rss": _peak_rss_mb()}


def _part_frame(work: str, reads: Sequence[tuple[int, int, int]], offset: int, keys: np.ndarray,
                dup: np.ndarray) -> pd.DataFrame:
    """The rows ``[lo, hi)`` of each read part of ``reads`` (``(part, lo, hi)``) as the library stores
    them: ``id`` = dataset row + 1, ``duplicate_of``, ``article_id``."""

    tables = [pq.read_table(_part_file(work, "raw", r)).slice(lo, hi - lo) for r, lo, hi in reads]
    df = coerce_articles(pa.concat_tables(tables, promote_options="default").to_pandas())
    df["id"] = np.arange(offset + 1, offset + len(df) + 1, dtype=np.int64)
    df["duplicate_of"] = pd.array(np.where(dup >= 0, dup, 0), dtype="Int64")
    df.loc[dup < 0, "duplicate_of"] = pd.NA
    df[KEY] = np.asarray(keys, dtype=np.int64)
    return df


def analyze_part(item: tuple[int, list[tuple[int, int, int]], int, np.ndarray, np.ndarray], work: str, out: str,
                 spec: AnalysisSpec, batch_rows: int) -> dict:
    """Stage 3 for one store part ``(part, read slices, first row, keys, duplicate_of)``: the library rows
    (``lib-<part>``),
    ``articles`` and ``article_text`` parts, and the part-local analysis tables (``loc-<table>-<part>``).
    Returns ``n``, the per-row hashes of ``analysis.library.articles_digest`` and the row counts."""

    cpu = time.process_time()
    part, reads, offset, keys, dup = item
    df = _part_frame(work, reads, offset, keys, dup)
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), _part_file(work, "lib", part),
                   compression=_TMP_FORMAT)
    hashes = pd.util.hash_pandas_object(df[list(ARTICLE_COLUMNS)], index=False).to_numpy()
    text = text_table(df)
    meta = meta_table(df, offset)
    source = pa.array(match_sources(df), pa.string())  # the issuer first, as find_mentions reads it (tester N1)
    del df
    work_t = pa.table({"article_id": text["article_id"], "title": text["title"], "body": text["body"],
                       "source": source})
    derived = combine([analyze_batch(b, spec) for b in batches(work_t, batch_rows)])
    del work_t
    name = f"part-{part:05d}.parquet"
    _write(Path(out) / "articles.parquet" / name, meta.append_column("n_tokens", derived.pop("n_tokens")["n_tokens"]))
    _write(Path(out) / "article_text.parquet" / name, text, row_group_size=TEXT_ROW_GROUP)
    for t in ("terms", "agencies", "doc_terms", "term_seq", "mentions"):
        pq.write_table(derived[t], _part_file(work, f"loc-{t}", part), compression=_TMP_FORMAT)
    return {"n": meta.num_rows, "hashes": hashes, "cpu": time.process_time() - cpu, "rss": _peak_rss_mb()}


def _peak_rss_mb() -> float:
    """Peak resident memory of this process so far, MB (Linux ``ru_maxrss`` is in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
        raise LoadError(f"内部错误:词表不完整 / internal error: {int((ids < 0).sum())} names missing from {global_path}")
    return ids.astype(np.int32)


def write_part(item: tuple[int, int], work: str, out: str | Path) -> dict[str, int]:
    """Stage 4 for one part ``(part, first row)``: part-local term / agency ids → the global ones
    (``out/terms.parquet``, ``out/agencies.parquet``); writes the ``doc_terms``, ``term_seq`` and ``mentions``
    parts, and the part's ``bigrams`` (``analysis.store.build.bigram_table``). Returns row counts."""

    cpu = time.process_time()
    part, offset = item
    name = f"part-{part:05d}.parquet"
    out = Path(out)
    loc = {t: pq.read_table(_part_file(work, f"loc-{t}", part))
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
    m = loc["mentions"]
    ids = m["agency_id"].to_numpy()
    m = m.set_column(m.schema.get_field_index("agency_id"), "agency_id",
                     pa.array(amap[ids] if len(ids) else np.zeros(0, np.int32), pa.int32()))
    _write(out / "mentions.parquet" / name, m)
    for t in loc:
        _part_file(work, f"loc-{t}", part).unlink()
    text = pq.read_table(out / "article_text.parquet" / name, columns=["title", "body"])
    bigrams = bigram_table(text["title"].to_pylist(), text["body"].to_pylist(), offset)
    del text
    _write(out / "bigrams.parquet" / name, bigrams, row_group_size=64_000, **WRITE_OPTIONS["bigrams"])
    return {"doc_terms": dt.num_rows, "term_seq": ts.num_rows, "mentions": m.num_rows, "bigrams": bigrams.num_rows,
            "cpu": time.process_time() - cpu, "rss": _peak_rss_mb()}


# ------------------------------------------------------------------------------------------------ this process
#: DuckDB memory while computing the roll-ups at the end of an ingest (it spills to disk beyond this).
ROLLUP_MEMORY = "1GB"


def write_rollups(out: Path) -> None:
    """The roll-up and agency index tables (``analysis.store.build.DERIVED``) of the store parts in ``out``, computed by DuckDB
    out of core (at most :data:`ROLLUP_MEMORY`, spilling into ``out/.spill``)."""
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
            con.execute(f"COPY ({rollup_sql(name)}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
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
        out["peak_rss_mb"] = {"ingest_process": round(_peak_rss_mb()), "largest_worker": round(self.worker_rss)}
        return out


@dataclasses.dataclass
class _Read:
    """What stage 1–2 leave in this process: per read part ``(part number, first row, n)``, keys,
    duplicate_of, the parse report."""

    parts: list[tuple[int, int, int]]
    keys: np.ndarray
    dup: np.ndarray
    report: ParseReport
    cpu: float = 0.0  # CPU seconds of the read workers
    dedup_cpu: float = 0.0  # CPU seconds of the workers' dedup buckets
    rss: list = dataclasses.field(default_factory=list)  # the read workers' peak RSS ({"rss": MB} each)

    def store_parts(self, rows: int | None = None) -> list[tuple[int, list[tuple[int, int, int]], int, int]]:
        """The store parts: the collection cut into consecutive pieces of at most ``rows`` (default
        :data:`PART_ROWS`) articles — a large read part is split, small consecutive ones are joined —
        as ``(store part, [(read part, lo, hi)], first row, n)``."""
        rows = rows or PART_ROWS
        out: list[tuple[int, list[tuple[int, int, int]], int, int]] = []
        for p, off, n in self.parts:
            lo = 0
            while lo < n:
                if out and out[-1][3] < rows:  # fill the last store part
                    k, reads, first, m = out[-1]
                    take = min(rows - m, n - lo)
                    out[-1] = (k, reads + [(p, lo, lo + take)], first, m + take)
                else:
                    take = min(rows, n - lo)
                    out.append((len(out), [(p, lo, lo + take)], off + lo, take))
                lo += take
        return out


def _unique_keys(results: list[dict], work: str) -> np.ndarray:
    """The parts' keys concatenated; a key already used by an earlier row (the very same article in two
    parts) is re-keyed as ``analysis.ids.with_article_ids`` would over the whole table."""
    keys = np.concatenate([r["keys"] for r in results if r["n"]]).astype(np.int64)
    if len(np.unique(keys)) == len(keys):
        return keys

    used: set[int] = set()
    pos = 0
    for part, r in enumerate(results):
        if not r["n"]:
            continue
        k = keys[pos:pos + r["n"]]
        if used.isdisjoint(k.tolist()):
            used.update(k.tolist())
        else:  # recompute this part's keys with the global set of used keys (copy numbers continue)
            contents = content_strings(pq.read_table(_part_file(work, "raw", part)).to_pandas())
            for i, text in enumerate(contents):
                copy = 0
                key = content_hash(text, copy)
                while key in used:
                    copy += 1
                    key = content_hash(text, copy)
                k[i] = key
                used.add(key)
        pos += r["n"]
    return keys


def _read_and_dedup(paths, runner, options, work: str, on_event) -> _Read:
    files = input_files(paths)
    plan = plan_parts(files, getattr(runner, "workers", 2))
    results = runner.map(read_part, list(enumerate(plan)), options, work, stage="read", on_event=on_event)
    report = ParseReport(files=[f for r in results for f in r["report"].files],
                         notes=[n for r in results for n in r["report"].notes])
    total = sum(r["n"] for r in results)
    if not total:
        problems = [f"{f.name}: {f.error}" for f in report.files if f.error] or ["没有文章 / no articles"]
        raise LoadError(f"没有读到任何文章 / nothing could be read — {'; '.join(problems[:5])}")
    if total > options.max_articles:
        raise LimitExceeded(f"共 {total:,} 篇,超过上限 {options.max_articles:,}(WENJIAN_MAX_ARTICLES)/ {total:,} "
                            f"articles, over the limit of {options.max_articles:,} (raise WENJIAN_MAX_ARTICLES)")
    on_event(Event("dedup", 0, 1))
    parts, offset = [], 0
    for i, r in enumerate(results):
        if r["n"]:
            parts.append((i, offset, r["n"]))
            offset += r["n"]
    keys = _unique_keys(results, work)
    sigs = [r.pop("sig") for r in results if r["n"]]
    dedup_cpu, dedup_rss = 0.0, []
    if options.mark_duplicates:
        numbered = {p: k for k, (p, _, _) in enumerate(parts)}

        def load(bucket):
            for p, rec in _buckets(work, parts, bucket):
                yield numbered[p], rec

        def on_workers(offsets, days, undated, max_days):  # the buckets' candidate pairs, in parallel
            nonlocal dedup_cpu
            arrays = Path(work) / "dedup-arrays.npz"
            np.savez(arrays, offsets=offsets, days=days, undated=undated)
            done = runner.map(reduce_bucket, list(range(BUCKETS)), work, [p for p, _, _ in parts], str(arrays),
                              max_days, stage="dedup", on_event=on_event)
            arrays.unlink()
            dedup_cpu = sum(d["cpu"] for d in done)
            dedup_rss.extend({"rss": d["rss"]} for d in done)
            return [(d["keys"], d["counts"]) for d in done]

        dup = global_duplicates(sigs, load, map_buckets=on_workers)
    else:
        dup = np.full(total, -1, dtype=np.int64)
        for p, _, _ in parts:
            for f in Path(work).glob(f"shingles-{p:05d}-*.npy"):
                f.unlink()
    del sigs
    report.articles = total
    report.missing = {}
    for r in results:
        for c, v in r.get("missing", {}).items():
            report.missing[c] = report.missing.get(c, 0) + v
    report.duplicates = int((dup >= 0).sum())
    report.duplicate_groups = int(len(np.unique(dup[dup >= 0])))
    report.converted = sum(int(r.get("converted", 0)) for r in results)
    sources: dict[str, int] = {}
    for r in results:
        for k, v in r.get("date_sources", {}).items():
            sources[k] = sources.get(k, 0) + v
    report.date_sources = dict(sorted(sources.items(), key=lambda kv: -kv[1]))
    on_event(Event("dedup", 1, 1))
    return _Read(parts=parts, keys=keys, dup=dup, report=report, cpu=sum(r["cpu"] for r in results),
                 rss=[{"rss": r.get("rss", 0.0)} for r in results] + dedup_rss, dedup_cpu=dedup_cpu)


def reduce_bucket(bucket: int, work: str, parts: list[int], arrays: str, max_days: int) -> dict:
    """Stage 2 on a worker, one shingle bucket: ``analysis.store.signatures.bucket_pairs`` of the bucket's
    files of every read part (``parts``: read part numbers in collection order; ``arrays``: the ``.npz`` of
    ``offsets``, ``days``, ``undated``). Returns ``keys``, ``counts`` and the CPU seconds."""
    cpu = time.process_time()
    a = np.load(arrays)
    recs = ((k, np.load(Path(work) / f"shingles-{p:05d}-{bucket:02d}.npy")) for k, p in enumerate(parts))
    keys, counts = bucket_pairs(recs, a["offsets"], a["days"], a["undated"], max_days)
    for p in parts:
        (Path(work) / f"shingles-{p:05d}-{bucket:02d}.npy").unlink()
    return {"keys": keys, "counts": counts, "cpu": time.process_time() - cpu, "rss": _peak_rss_mb()}


def _buckets(work: str, parts: list[tuple[int, int, int]], bucket: int):
    for p, _, _ in parts:
        f = Path(work) / f"shingles-{p:05d}-{bucket:02d}.npy"
        rec = np.load(f)
        f.unlink()
        yield p, rec


def read_articles(paths: Sequence[str | Path], runner=None, options=None, *,
                  on_event: Callable[[Event], None] = no_progress) -> tuple[pd.DataFrame, ParseReport]:
    """Stages 1–2 in memory (for small collections and tests): the deduplicated, keyed article table of
    ``paths`` (equal to ``load_paths`` + ``with_article_ids``) and its parse report. Raises ``LoadError`` when
    nothing could be read (naming the files and what is wrong)."""

    runner = runner or LocalRunner(1)
    options = options or LoadOptions.from_env()
    work = tempfile.mkdtemp(prefix="wenjian-read-")
    try:
        read = _read_and_dedup(paths, runner, options, work, on_event)
        frames = [_part_frame(work, [(p, 0, n)], off, read.keys[off:off + n], read.dup[off:off + n])
                  for p, off, n in read.parts]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return coerce_articles(pd.concat(frames, ignore_index=True)), read.report


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
        read = _read_and_dedup(paths, runner, options, str(work), on_event)
        timing.worker_cpu["read"] = read.cpu
        timing.worker_cpu["dedup"] = read.dedup_cpu
        parts = read.store_parts()
        items = [(k, reads, off, read.keys[off:off + n], read.dup[off:off + n]) for k, reads, off, n in parts]
        done = runner.map(analyze_part, items, str(work), str(out), spec, batch_rows or BATCH_ROWS,
                          stage="analyze", on_event=on_event)
        timing.worker_cpu["analyze"] = sum(d["cpu"] for d in done)
        hashes = np.concatenate([d["hashes"] for d in done])
        for kind, col in (("terms", "term"), ("agencies", "agency")):
            names: set[str] = set()
            for k, _, _, _ in parts:
                names.update(pq.read_table(_part_file(work, f"loc-{kind}", k), columns=[col])[col].to_pylist())
            ordered = sorted(names)
            _write(out / f"{kind}.parquet", pa.table({f"{col}_id": np.arange(len(ordered), dtype=np.int32),
                                                      col: pa.array(ordered, pa.string())}))
            del names, ordered
        counts = runner.map(write_part, [(k, off) for k, _, off, _ in parts], str(work), str(out), stage="write",
                            on_event=on_event)
        timing.worker_cpu["write"] = sum(c["cpu"] for c in counts)
        timing.worker_rss = max(r.get("rss", 0.0) for r in [*done, *counts, *read.rss])
        on_event(Event("save", 0, 1))
        digest = hashlib.blake2b(hashes.tobytes(), digest_size=16).hexdigest()
        info = library.save_parts(name, (pq.read_table(_part_file(work, "lib", k)) for k, _, _, _ in parts),
                                  articles=len(read.keys), digest=digest, report=read.report)
        pq.write_table(duplicates_table(read.keys, read.dup), out / "duplicates.parquet", compression="zstd")
        write_rollups(out)
        tables = {"articles": len(read.keys), "article_text": len(read.keys),
                  "terms": pq.read_metadata(out / "terms.parquet").num_rows,
                  "agencies": pq.read_metadata(out / "agencies.parquet").num_rows,
                  "duplicates": pq.read_metadata(out / "duplicates.parquet").num_rows,
                  **{t: sum(c[t] for c in counts) for t in ("doc_terms", "term_seq", "mentions", "bigrams")},
                **{t: pq.read_metadata(out / f"{t}.parquet").num_rows for t in DERIVED}}
        meta = {"articles": len(read.keys), "spec": spec.digest(), "tokenizer": spec.tokenizer.version,
                "synonyms": dict(spec.tokenizer.synonyms), "dataset": info.id, "version": info.version,
                "digest": info.digest, "name": info.name, "format": 1,
                "tables": {t: tables[t] for t in TABLES},
                "parts": [off for _, _, off, _ in parts], "ingest": timing.summary("save")}
        (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        folder = store_folder(library.root, info.id, info.version, store_key(info.digest, spec))
        if folder.exists():  # the same store already built (e.g. by a concurrent ingest): keep it
            shutil.rmtree(out)
        else:
            os.rename(out, folder)
        for old in folder.parent.glob(f"{info.id}-v*"):  # stores of older versions (other settings stay)
            if not old.name.startswith(f"{info.id}-v{info.version}-"):
                with contextlib.suppress(OSError):
                    shutil.rmtree(old)
        on_event(Event("save", 1, 1))
        return info, Store(folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if own_runner or isinstance(runner, LocalRunner):
            runner.close()
