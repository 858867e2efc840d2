"""The sidebar's agency facets (level, region, type) of a dataset, on both query backends: one row per agency
mentioned anywhere in the dataset (the facet choices do not follow the filters), as
:func:`facet_table` computes them from a mention table — the in-memory sidebar's own function
(``ui.filter_options.agency_facets``).

On a :class:`MemoryBackend` it is :func:`facet_table` of the backend's mentions. On a :class:`DuckBackend`
the store's ``mentions`` are read in their stored order (only ``agency_id, resolved, level, region``: the
order and columns of ``mentions_frame``) into NumPy arrays, counted with ``bincount`` and each agency's first
stored level and region taken — the same table, exact (``tests/test_query_facets.py``). About 1 CPU-second
for the 3.2 M mentions of a 1 M-article store; the result is kept with the backend per set of names marked
"not an agency".
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analysis.agency_types import agency_types
from analysis.store.agency_arrays import backend_cache

#: The columns of a facet table.
FACET_COLUMNS = ("agency", "level", "region", "mentions", "type")
#: Facet tables kept per backend (one per set of marked names); the oldest goes first.
KEPT = 4


def facet_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """``agency, level, region, mentions, type`` of every agency the resolved, named ``mentions`` (a
    ``find_mentions`` frame) name: its first level and region in mention order (missing values skipped),
    its mentions, its kind (``analysis.agency_types.agency_types``, "" when none); most mentions first,
    then by name."""
    m = mentions[mentions["resolved"] & (mentions["agency"] != "")]
    g = m.groupby("agency", sort=False)
    facets = pd.DataFrame({"level": g["level"].first(), "region": g["region"].first(),
                           "mentions": g.size()}).reset_index()
    kinds = agency_types(facets["agency"].tolist())
    facets["type"] = facets["agency"].map(kinds).fillna("")
    return facets.sort_values(["mentions", "agency"], ascending=[False, True]).reset_index(drop=True)


def _first(codes: np.ndarray, keep: np.ndarray, column, used: np.ndarray) -> np.ndarray:
    """The first non-missing value of the Arrow ``column`` per agency code in ``used`` among the ``keep``
    positions, in stored order (``None`` where an agency has none)."""
    enc = pc.dictionary_encode(column.combine_chunks() if hasattr(column, "combine_chunks") else column)
    idx = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    values = np.asarray(enc.dictionary.to_pylist(), dtype=object)
    at = np.flatnonzero(keep & (idx >= 0))
    agencies, first = np.unique(codes[at], return_index=True)   # (np.unique: the first occurrence of each)
    out = np.full(len(used), None, dtype=object)
    pos = np.searchsorted(used, agencies)
    out[pos] = values[idx[at[first]]]
    return out


def agency_facets(backend, *, exclude=frozenset()) -> pd.DataFrame:
    """``agency, level, region, mentions, type`` (:func:`facet_table`) of every agency mentioned in the
    backend's dataset, without the names in ``exclude`` (marked "not an agency" in it: ``ui.marks``)."""
    if backend.kind == "memory":
        m = backend.mentions
        return facet_table(m[~m["agency"].isin(list(exclude))] if exclude else m)
    kept = backend_cache(backend).setdefault("facets", {})
    key = frozenset(exclude)
    if key in kept:
        return kept[key].copy()
    store = backend.store
    t = store.read("mentions", columns=["agency_id", "resolved", "level", "region"])
    names = np.array(store.read("agencies")["agency"].to_pylist() or [""], dtype=object)
    codes = t["agency_id"].to_numpy().astype(np.int64) if len(t) else np.zeros(0, np.int64)
    keep_id = (names != "") & ~np.isin(names, list(exclude))
    keep = t["resolved"].to_numpy(zero_copy_only=False).astype(bool) & keep_id[codes] if len(t) else \
        np.zeros(0, dtype=bool)
    n = np.bincount(codes[keep], minlength=len(names))
    used = np.flatnonzero(n)
    out = pd.DataFrame({"agency": pd.Series(names[used], dtype="str"),
                        "level": pd.Series(_first(codes, keep, t["level"], used), dtype="str"),
                        "region": pd.Series(_first(codes, keep, t["region"], used), dtype="str"),
                        "mentions": n[used].astype(np.int64)})
    kinds = agency_types(out["agency"].tolist())
    out["type"] = out["agency"].map(kinds).fillna("")
    out = out.sort_values(["mentions", "agency"], ascending=[False, True]).reset_index(drop=True)
    while len(kept) >= KEPT:
        kept.pop(next(iter(kept)))
    kept[key] = out
    return out.copy()
