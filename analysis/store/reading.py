"""Stages 1–2 of an ingest (``analysis.store.ingest``): the input files cut into read parts, each read and
normalised on a worker (written as a temporary Parquet part, content keys and duplicate signatures returned),
then numbered and deduplicated over the whole collection (``analysis.store.signatures``: candidate pairs on the
workers, bucket by bucket → connected components here). :func:`read_articles` runs both in memory for small
inputs and tests (equal to ``load_paths`` + ``with_article_ids``).
"""
from __future__ import annotations

import dataclasses
import math
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.errors import LimitExceeded, LoadError, note
from analysis.ids import KEY, article_ids, content_hash, content_strings
from analysis.loaders import LoadOptions, load_files
from analysis.loaders.core import walk_path
from analysis.loaders.report import FileReport, ParseReport
from analysis.schema import coerce_articles
from analysis.store.runner import Event, LocalRunner, no_progress
from analysis.store.signatures import BUCKETS, bucket_pairs, global_duplicates, part_signatures

#: Read groups (parts) per runner worker slot, at least (more parts = finer progress and load balance).
GROUPS_PER_WORKER = 4
#: Input bytes per read part, about (a part is what one worker holds in memory at a time).
PART_BYTES = 48 * 2**20
#: Articles per store part (what one worker analyses at a time; read parts are cut or joined to it).
PART_ROWS = 10_000
TMP_FORMAT = "zstd"  # temporary part files: written once, read once


def load_group(files: Sequence[tuple[str, str]], options) -> tuple[pd.DataFrame | None, ParseReport]:
    """The loader's article table (``None`` when nothing was read) and parse report of ``(path, name)`` files,
    without duplicate marking; a missing file or one over the per-file limit is reported, not read."""
    opt = dataclasses.replace(options, mark_duplicates=False, progress=None)
    failed, loaded = [], []
    for path, name in files:
        p = Path(path)
        if not p.is_file():
            failed.append(FileReport(name=name, error=note("no_regular_file")))
        elif p.stat().st_size > opt.max_file_bytes:
            failed.append(FileReport(name=name, error=note("file_over_limit_bytes", limit=opt.max_file_bytes)))
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
    df, report = load_group(files, options)
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
def part_file(work: str | Path, kind: str, part: int) -> Path:
    """The temporary file of ``kind`` (``raw``, ``lib``, ``loc-<table>``) for ``part`` in the work folder."""
    return Path(work) / f"{kind}-{part:05d}.parquet"


def read_part(item: tuple[int, list[tuple[str, str]]], options, work: str) -> dict:
    """Stage 1 for one part: read, write ``raw-<part>.parquet``, return ``n``, the parse report, per-part
    report counts, content keys (``analysis.ids.article_ids``) and duplicate signatures."""

    cpu = time.process_time()
    part, files = item
    df, report = load_group(files, options)
    if df is None or df.empty:
        return {"n": 0, "report": report, "cpu": time.process_time() - cpu}
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False), part_file(work, "raw", part),
                   compression=TMP_FORMAT)
    counts = ParseReport()
    counts.count(df)
    return {"n": len(df), "report": report, "missing": counts.missing, "converted": counts.converted,
            "date_sources": counts.date_sources, "keys": article_ids(df),
            "sig": part_signatures(df, work, part), "cpu": time.process_time() - cpu, "rss": peak_rss_mb()}


def part_frame(work: str, reads: Sequence[tuple[int, int, int]], offset: int, keys: np.ndarray,
                dup: np.ndarray) -> pd.DataFrame:
    """The rows ``[lo, hi)`` of each read part of ``reads`` (``(part, lo, hi)``) as the library stores
    them: ``id`` = dataset row + 1, ``duplicate_of``, ``article_id``."""

    tables = [pq.read_table(part_file(work, "raw", r)).slice(lo, hi - lo) for r, lo, hi in reads]
    df = coerce_articles(pa.concat_tables(tables, promote_options="default").to_pandas())
    df["id"] = np.arange(offset + 1, offset + len(df) + 1, dtype=np.int64)
    df["duplicate_of"] = pd.array(np.where(dup >= 0, dup, 0), dtype="Int64")
    df.loc[dup < 0, "duplicate_of"] = pd.NA
    df[KEY] = np.asarray(keys, dtype=np.int64)
    return df


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, MB (Linux ``ru_maxrss`` is in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------------------ this process
@dataclasses.dataclass
class ReadResult:
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
            contents = content_strings(pq.read_table(part_file(work, "raw", part)).to_pandas())
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


def read_and_dedup(paths, runner, options, work: str, on_event) -> ReadResult:
    """Stages 1–2: ``paths`` read part by part on ``runner`` (temporary parts in ``work``), ids numbered in path
    order, keys made unique, duplicates marked over the whole collection. Raises ``LoadError`` when nothing
    could be read (naming up to 5 files and why), ``LimitExceeded`` over ``options.max_articles``."""
    files = input_files(paths)
    plan = plan_parts(files, getattr(runner, "workers", 2))
    results = runner.map(read_part, list(enumerate(plan)), options, work, stage="read", on_event=on_event)
    report = ParseReport(files=[f for r in results for f in r["report"].files],
                         notes=[n for r in results for n in r["report"].notes])
    total = sum(r["n"] for r in results)
    if not total:
        problems = [f"{f.name}: {f.error}" for f in report.files if f.error] or [note("nothing_at_all")]
        raise LoadError.of("load.nothing_read", files="; ".join(problems[:5]))
    if total > options.max_articles:
        raise LimitExceeded.of("ingest.too_many_articles", total=total, limit=options.max_articles)
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
    return ReadResult(parts=parts, keys=keys, dup=dup, report=report, cpu=sum(r["cpu"] for r in results),
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
    return {"keys": keys, "counts": counts, "cpu": time.process_time() - cpu, "rss": peak_rss_mb()}


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
        read = read_and_dedup(paths, runner, options, work, on_event)
        frames = [part_frame(work, [(p, 0, n)], off, read.keys[off:off + n], read.dup[off:off + n])
                  for p, off, n in read.parts]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return coerce_articles(pd.concat(frames, ignore_index=True)), read.report
