"""Global duplicate marking on compact signatures: ``analysis.dedup.find_duplicates`` split into a map step
(per part of the collection, on the runner's workers) and a reduce step (candidate pairs → connected
components, in the ingest process) that never holds the article texts.

- :func:`part_signatures` (map, one part): per article a few numbers (fingerprint length, sampled-shingle
  count, day, undated), the title fingerprint, and a 16-byte digest of the exact-match key (17 bytes, ``T``
  first, for a body that joins only with a similar title: ``analysis.dedup.TITLED_CHARS``); the sampled
  shingles ``(hash, article)`` are written to ``BUCKETS`` files by the hash's top bits.
- :func:`global_duplicates` (reduce): exact groups from the key digests, then, one hash bucket at a time, the
  candidate pairs (shingles shared by 2..``MAX_POSTING`` articles) **between articles whose dates are at most
  ``max_days`` apart or one of them undated** — the only pairs ``find_duplicates`` can join (its date rule) —
  their shared-shingle counts summed over the buckets, then the same Jaccard / containment / title rules and
  the same union–find in the same order. The result equals ``find_duplicates`` over the whole collection
  (``tests/test_ingest.py`` checks it on the CCTV corpus cut into parts); only the exact keys are compared
  by digest (BLAKE2b-128: a false match has probability ≈ n²/2¹²⁹).

Why the date window matters at scale: reposts of one text (or the bench's perturbed copies, 50 per article at
1M) share every sampled shingle, so all pairs of a run number ``k²/2``; pairs more than ``max_days`` apart are
never joined, and leaving them out keeps the candidates near-linear in the collection.

Memory of the reduce step: ≈ 60 bytes per article plus one bucket of shingles (1/``BUCKETS`` of about 0.2 ×
the fingerprint characters, 12 bytes each) plus the candidate pairs.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.dedup import (MAX_DAYS, MIN_CHARS, TITLED_CHARS, DatedUnionFind, fingerprint, fingerprint_codes,
                            sampled_shingles, shared_runs, similar_pairs, titles_similar, union_exact)

#: Shingle files per part (by the top bits of the shingle hash); the reduce step holds one bucket at a time.
BUCKETS = 16
_SHIFT = np.uint64(64 - 4)  # log2(BUCKETS) = 4
_NONE = b""


def part_signatures(articles: pd.DataFrame, folder: Path | str, part: int) -> dict:
    """Signatures of one part (``title``, ``body``, ``date`` columns; rows in collection order).

    Returns ``{"lens": int32, "sizes": int32, "days": int64, "undated": bool, "titles": [title fingerprint],
    "exact": [16-byte digest or b""]}`` (one entry per row) and writes ``shingles-<part>-<bucket>.npy``
    (structured ``hash: uint64, doc: int32`` = row in the part, sorted by hash then row) into ``folder``."""
    n = len(articles)
    codes, lens = fingerprint_codes(articles["body"]) if n else (np.zeros(0, np.uint32), np.zeros(0, np.int64))
    titles = [fingerprint(t) for t in articles["title"].astype(str).tolist()]
    if "date" in articles:
        days = articles["date"].to_numpy("datetime64[D]").astype("int64").copy()
        undated = articles["date"].isna().to_numpy()
    else:
        days, undated = np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    starts = np.concatenate(([0], np.cumsum(lens)[:-1])) if n else np.zeros(0, np.int64)
    raw, width = codes.tobytes(), codes.itemsize
    exact: list[bytes] = []
    for i, (s, ln) in enumerate(zip(starts.tolist(), lens.tolist())):
        body = raw[width * s:width * (s + ln)]
        if ln >= MIN_CHARS:
            key = b"L" + body
        elif body:
            key = b"S" + titles[i].encode("utf-8") + b"\x00" + body
        elif titles[i] and not undated[i]:
            key = b"E" + titles[i].encode("utf-8") + b"\x00" + str(int(days[i])).encode()
        else:
            exact.append(_NONE)
            continue
        digest = hashlib.blake2b(key, digest_size=16).digest()
        # a body under TITLED_CHARS joins only with similar titles: its key says so (17 bytes, "T" first)
        exact.append(b"T" + digest if MIN_CHARS <= ln < TITLED_CHARS else digest)
    long_mask = lens >= MIN_CHARS
    docs, hashes = sampled_shingles(codes, lens, long_mask) if n else (np.zeros(0, np.int64), np.zeros(0, np.uint64))
    sizes = np.bincount(docs, minlength=n).astype(np.int32)
    bucket = (hashes >> _SHIFT).astype(np.int64)
    folder = Path(folder)
    for b in range(BUCKETS):
        sel = bucket == b  # hashes are sorted, so each bucket is sorted by (hash, doc) too
        rec = np.empty(int(sel.sum()), dtype=[("hash", "<u8"), ("doc", "<i4")])
        rec["hash"], rec["doc"] = hashes[sel], docs[sel]
        np.save(folder / f"shingles-{part:05d}-{b:02d}.npy", rec)
    return {"lens": lens.astype(np.int32), "sizes": sizes, "days": days, "undated": undated, "titles": titles,
            "exact": exact}


def _run_pairs(run: np.ndarray, docs: np.ndarray, days: np.ndarray | None = None, max_days: int = 0) -> np.ndarray:
    """Pairs ``(a, b)`` (a < b; an n×2 int64 array) of documents in the same run — with ``days``, only those at
    most ``max_days`` apart (input then sorted by (run, day), so a larger offset is never closer and the loop
    stops at the first offset without a pair)."""
    out = []
    for k in range(1, len(run)):
        same = run[k:] == run[:-k]
        if days is not None:
            same &= days[k:] - days[:-k] <= max_days
        if not same.any():
            break
        a, b = docs[:-k][same], docs[k:][same]
        out.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    return np.concatenate(out) if out else np.zeros((0, 2), dtype=np.int64)


def _bucket_pairs(hashes: np.ndarray, docs: np.ndarray, days: np.ndarray, undated: np.ndarray,
                  max_days: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(pair key a*n+b, shared shingles) of one bucket; only date-compatible pairs."""
    if len(docs) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    order = np.lexsort((docs, hashes))
    hashes, docs = hashes[order], docs[order]
    run, keep = shared_runs(hashes)
    run, docs = run[keep], docs[keep]
    if len(docs) < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    und = undated[docs]
    dated = ~und
    o = np.lexsort((days[docs[dated]], run[dated]))
    pairs = [_run_pairs(run[dated][o], docs[dated][o], days[docs[dated]][o], max_days)]
    if und.any():  # undated documents pair with every member of their runs
        runs_u = np.unique(run[und])
        inr = np.isin(run, runs_u)
        allp = _run_pairs(run[inr], docs[inr])
        pairs.append(allp[undated[allp[:, 0]] | undated[allp[:, 1]]])
    p = np.concatenate(pairs)
    if not len(p):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.unique(p[:, 0] * n + p[:, 1], return_counts=True)


def _sum_pairs(keys: list[np.ndarray], counts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    k, c = np.concatenate(keys), np.concatenate(counts)
    if not len(k):
        return k, c
    order = np.argsort(k, kind="stable")
    k, c = k[order], c[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    return k[first], np.add.reduceat(c, np.flatnonzero(first))


def bucket_pairs(bucket: Iterable[tuple[int, np.ndarray]], offsets: np.ndarray, days: np.ndarray,
                 undated: np.ndarray, max_days: int = MAX_DAYS) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs of one shingle bucket: ``(a * n + b, shared shingles)`` (int64 arrays, keys
    ascending) of date-compatible articles sharing sampled shingles. ``bucket``: ``(part index, records)`` as
    written by :func:`part_signatures`; ``offsets``: each part's first row (and ``n`` last); ``days`` /
    ``undated``: per article of the collection. A pure function: the runner may call it on any worker."""
    hs, ds = [], []
    for part, rec in bucket:
        hs.append(rec["hash"])
        ds.append(rec["doc"].astype(np.int64) + offsets[part])
    if not hs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return _bucket_pairs(np.concatenate(hs), np.concatenate(ds), days, undated, max_days, int(offsets[-1]))


def global_duplicates(parts: list[dict], load_bucket: Callable[[int], Iterable[tuple[int, np.ndarray]]], *,
                      threshold: float = 0.8, max_days: int = MAX_DAYS,
                      map_buckets: Callable[..., list[tuple[np.ndarray, np.ndarray]]] | None = None) -> np.ndarray:
    """``duplicate_of`` of the whole collection as an int64 array (``-1`` = none), ``id`` = row + 1, from
    the :func:`part_signatures` of its parts in order and their shingle files (``load_bucket``, see
    ``analysis.store.ingest``). Same rules and result as ``analysis.dedup.find_duplicates``.

    ``map_buckets(offsets, days, undated, max_days)``: computes :func:`bucket_pairs` of every bucket
    ``0..BUCKETS-1`` (e.g. on the runner's workers, in parallel) and returns their results; default: one
    after the other in this process through ``load_bucket``."""
    offsets = np.cumsum([0] + [len(p["lens"]) for p in parts])
    n = int(offsets[-1])
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    lens = np.concatenate([p["lens"] for p in parts]).astype(np.int64)
    sizes = np.concatenate([p["sizes"] for p in parts]).astype(np.int64)
    days = np.concatenate([p["days"] for p in parts]).astype(np.int64)
    undated = np.concatenate([p["undated"] for p in parts]).astype(bool)
    titles = [t for p in parts for t in p["titles"]]
    uf = DatedUnionFind(days.tolist(), undated.tolist(), max_days)
    groups: dict[bytes, list[int]] = {}
    i = 0
    for p in parts:
        for key in p["exact"]:
            if key:
                groups.setdefault(key, []).append(i)
            i += 1
    for key, members in groups.items():
        union_exact(uf, members, len(key) == 17, titles.__getitem__)
    del groups
    if (lens >= MIN_CHARS).sum() > 1:
        keys, counts = [], []
        if map_buckets is None:
            results: Iterable = (bucket_pairs(load_bucket(b), offsets, days, undated, max_days) for b in range(BUCKETS))
        else:
            results = map_buckets(offsets, days, undated, max_days)
        for k, c in results:
            keys.append(k)
            counts.append(c)
            if len(keys) > 1:  # keep the running total small
                k, c = _sum_pairs(keys, counts)
                keys, counts = [k], [c]
        pair_keys, inter = _sum_pairs(keys, counts) if keys else (np.zeros(0, np.int64), np.zeros(0, np.int64))
        if len(pair_keys):
            for x, y in zip(*similar_pairs(pair_keys, inter, sizes, undated, days, max_days, threshold)):
                if titles_similar(titles[x], titles[y]):
                    uf.union(x, y)
    roots = np.fromiter((uf.find(i) for i in range(n)), dtype=np.int64, count=n)
    return np.where(roots != np.arange(n), roots + 1, -1)
