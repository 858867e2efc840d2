"""The sidebar's agency facets (level, region, type) of a dataset, on both query backends: one row per agency
mentioned anywhere in the dataset (the facet choices do not follow the filters), as
:func:`facet_table` computes them from a mention table — the in-memory sidebar's own function
(``ui.filter_options.agency_facets``).

On a :class:`MemoryBackend` it is :func:`facet_table` of the backend's mentions. On a :class:`DuckBackend`
one SQL pass over the store's ``mentions`` parts counts each agency's resolved mentions and takes its first
non-missing level and region in stored order (part, row: the order of ``mentions_frame``) — the same table,
exact (``tests/test_query_facets.py``). About 0.6 CPU-second for the 3.2 M mentions of a 1 M-article store
(the NumPy pass over the read columns it replaced took 1.3); the result is kept with the backend per set of
names marked "not an agency".
"""
from __future__ import annotations

import numpy as np
import pandas as pd

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
    files = [str(f) for f in backend.store.files("mentions")]
    # per agency id: its resolved mentions and its first non-missing level and region in stored order
    # (part number, row in the part), as groupby(...).first() of the mention frame takes them
    got = backend.con.execute("""SELECT agency_id, count(*) AS n,
      arg_min(level, (list_position($files, filename), file_row_number)) FILTER (WHERE level IS NOT NULL) AS level,
      arg_min(region, (list_position($files, filename), file_row_number)) FILTER (WHERE region IS NOT NULL)
        AS region
      FROM read_parquet($files, filename = true, file_row_number = true) WHERE resolved GROUP BY agency_id""",
                              {"files": files}).df()
    names = np.array(backend.store.read("agencies")["agency"].to_pylist() or [""], dtype=object)
    got["agency"] = names[got["agency_id"].to_numpy(np.int64)] if len(got) else pd.Series([], dtype=object)
    got = got[(got["agency"] != "") & ~got["agency"].isin(list(exclude))]
    out = pd.DataFrame({"agency": pd.Series(got["agency"].to_numpy(), dtype="str"),
                        "level": pd.Series(got["level"].to_numpy(dtype=object), dtype="str"),
                        "region": pd.Series(got["region"].to_numpy(dtype=object), dtype="str"),
                        "mentions": got["n"].to_numpy(np.int64)})
    kinds = agency_types(out["agency"].tolist())
    out["type"] = out["agency"].map(kinds).fillna("")
    out = out.sort_values(["mentions", "agency"], ascending=[False, True]).reset_index(drop=True)
    while len(kept) >= KEPT:
        kept.pop(next(iter(kept)))
    kept[key] = out
    return out.copy()
