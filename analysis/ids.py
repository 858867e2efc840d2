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


def article_ids(articles: pd.DataFrame) -> np.ndarray:
    """Content-derived keys (``int64``, one per row, all distinct) of an article table
    (``analysis.schema`` columns; missing columns count as empty)."""
    return _assign(content_strings(articles), np.full(len(articles), -1, dtype=np.int64))


def _assign(contents: list[str], keys: np.ndarray) -> np.ndarray:
    """Fill ``keys < 0`` and re-key repeated keys (later rows) from ``contents``."""
    out = keys.copy()
    used: set[int] = set()
    for i, k in enumerate(out.tolist()):
        if k >= 0 and k not in used:
            used.add(k)
            continue
        copy = 0
        k = content_hash(contents[i], copy)
        while k in used:
            copy += 1
            k = content_hash(contents[i], copy)
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
    out[KEY] = _assign(content_strings(out), keys)
    return out
