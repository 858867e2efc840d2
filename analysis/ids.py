"""Stable article keys: ``article_id`` never changes for the life of a dataset (issue 10).

``id`` stays what the CLI contract says: the row number 1..n of the table as printed (``duplicate_of``
points to it), so it is renumbered when datasets are merged. Everything derived and stored (the store's
``doc_terms``, ``mentions``, ``duplicates`` tables) keys on ``article_id`` instead:

- ``article_id`` is content-derived: the first 63 bits of BLAKE2b over the article's ``source``, ``date``,
  ``title``, ``author``, ``url`` and ``body`` (not ``file``: the same article read again from a ZIP or a
  folder keeps its key). Re-parsing the same files gives the same keys; so does saving, reopening and
  merging.
- Identical articles (every hashed field equal) inside one table get distinct keys by their occurrence
  number: the *k*-th copy hashes ``k`` as well (the first copy hashes nothing extra, so a copy's key does
  not depend on whether there are others).
- A table that already has ``article_id`` keeps it (:func:`with_article_ids` only fills missing keys and
  re-keys later copies of a key already used — the only case a merge can change a key: the very same
  article stored in both merged datasets; the first one keeps its key).

Keys are non-negative ``int64`` (fit DuckDB ``BIGINT`` and Parquet ``INT64``). A collision between two
different articles has probability about n²/2⁶⁴ (≈ 3·10⁻⁸ at 1M articles); :func:`with_article_ids`
checks uniqueness and re-keys such a row as a later copy, so keys are always unique within a table.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Name of the stable key column.
KEY = "article_id"
HASHED_COLUMNS: tuple[str, ...] = ("source", "date", "title", "author", "url", "body")
_MASK = (1 << 63) - 1


def content_hash(text: str, copy: int) -> int:
    """The 63-bit key of one article's content string (:func:`content_strings`): BLAKE2b-64 of the text,
    ``copy`` > 0 for the n-th further copy of the very same content (so every key stays distinct)."""
    data = text if copy == 0 else f"{text}\x1e{copy}"
    return int.from_bytes(hashlib.blake2b(data.encode("utf-8"), digest_size=8).digest(), "little") & _MASK


def content_strings(articles: pd.DataFrame) -> list[str]:
    """Per row, the text a key is derived from: :data:`HASHED_COLUMNS` joined by ``\x1f`` (dates as
    ``YYYY-MM-DD``, missing columns and values as ``""``)."""
    cols = []
    for c in HASHED_COLUMNS:
        if c not in articles:
            cols.append([""] * len(articles))
        elif c == "date":
            d = pd.to_datetime(articles[c], errors="coerce")
            cols.append(d.dt.strftime("%Y-%m-%d").fillna("").tolist())
        else:
            cols.append(articles[c].fillna("").astype(str).tolist())
    return ["\x1f".join(parts) for parts in zip(*cols)]


class Contents:
    """The :func:`content_strings` of a table as UTF-8 bytes in one buffer, row ``i`` =
    ``data[offsets[i]:offsets[i + 1]]``: built by Arrow (no Python string per row and field), the same bytes as
    ``content_strings(articles)[i].encode("utf-8")``. ``key(i, copy)`` is :func:`content_hash` of row ``i``."""

    def __init__(self, articles: pd.DataFrame) -> None:
        n = len(articles)
        cols = [_arrow_field(articles, c) for c in HASHED_COLUMNS]
        sep = pa.scalar("\x1f", pa.large_string())
        joined = pc.binary_join_element_wise(*cols, sep) if n else pa.array([], pa.large_string())
        if isinstance(joined, pa.ChunkedArray):
            joined = joined.combine_chunks()
        joined = joined.cast(pa.large_string())
        _, offsets, data = joined.buffers()
        self.offsets = np.frombuffer(offsets, dtype=np.int64)[joined.offset:joined.offset + n + 1] if n else \
            np.zeros(1, np.int64)
        self.data = memoryview(data) if data is not None else memoryview(b"")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def key(self, i: int, copy: int) -> int:
        """The key of row ``i``'s content, ``copy`` as in :func:`content_hash`."""
        data: bytes | memoryview = self.data[self.offsets[i]:self.offsets[i + 1]]
        if copy:
            data = bytes(data) + f"\x1e{copy}".encode()
        return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") & _MASK

    def keys(self, rows: np.ndarray) -> np.ndarray:
        """:meth:`key` ``(i, 0)`` of every row in ``rows`` (``int64``)."""
        data, blake = self.data, hashlib.blake2b
        bounds = zip(self.offsets[rows].tolist(), self.offsets[rows + 1].tolist())
        digests = b"".join([blake(data[a:b], digest_size=8).digest() for a, b in bounds])
        return (np.frombuffer(digests, dtype="<u8") & np.uint64(_MASK)).astype(np.int64)


def _arrow_field(articles: pd.DataFrame, column: str) -> pa.Array:
    """One field of :func:`content_strings` as an Arrow ``large_string`` array (no nulls)."""
    n = len(articles)
    if column not in articles:
        return pa.array([""] * n, pa.large_string())
    if column == "date":
        d = pd.to_datetime(articles[column], errors="coerce")
        years = d.dt.year
        if getattr(d.dt, "tz", None) is None and not (years.min() < 1000 or years.max() > 9999):
            # Arrow prints a naive timestamp as pandas' strftime does for 4-digit years
            return pc.fill_null(pc.strftime(pa.array(d), format="%Y-%m-%d"), "").cast(pa.large_string())
        return pa.array(d.dt.strftime("%Y-%m-%d").fillna("").tolist(), pa.large_string())
    arr = pa.array(articles[column].fillna("").astype(str), from_pandas=False)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr.cast(pa.large_string())


def article_ids(articles: pd.DataFrame) -> np.ndarray:
    """Content-derived keys (``int64``, one per row, all distinct) of an article table
    (``analysis.schema`` columns; missing columns count as empty)."""
    return _assign(Contents(articles), np.full(len(articles), -1, dtype=np.int64))


def _assign(contents: Contents, keys: np.ndarray) -> np.ndarray:
    """Fill ``keys < 0`` and re-key repeated keys (later rows) from ``contents``: row by row, a key already
    used is replaced by the row's content key, the first of copy 0, 1, 2, … not used yet. When every key
    (the kept and the new ones of copy 0) is distinct — no repeated content — that is all the loop would do,
    and it is skipped."""
    out = keys.copy()
    missing = np.flatnonzero(out < 0)
    if len(missing):
        out[missing] = contents.keys(missing)
        if len(np.unique(out)) == len(out):
            return out
    out = keys.copy()
    first = {int(i): int(k) for i, k in zip(missing.tolist(), contents.keys(missing).tolist())} if len(missing) else {}
    used: set[int] = set()
    for i, k in enumerate(out.tolist()):
        if k >= 0 and k not in used:
            used.add(k)
            continue
        copy = 0
        k = first[i] if i in first else contents.key(i, copy)
        while k in used:
            copy += 1
            k = contents.key(i, copy)
        out[i] = k
        used.add(k)
    return out


def with_article_ids(articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with an ``article_id`` column: existing keys are kept, missing ones (``NaN``/``<NA>``/no
    column) computed, repeated ones re-keyed for the later rows. Returns a copy; never mutates the input."""
    out = articles.copy()
    if KEY in out:
        keys = pd.to_numeric(out[KEY], errors="coerce").fillna(-1).astype(np.int64).to_numpy()
        if len(keys) and (keys >= 0).all() and len(np.unique(keys)) == len(keys):
            out[KEY] = keys
            return out
    else:
        keys = np.full(len(out), -1, dtype=np.int64)
    out[KEY] = _assign(Contents(out), keys)
    return out
