"""The 机构 page's views of a selection, on both query backends (``analysis.store.query``): the agency table with
the successor roll-up, the by-source and by-file tables, the unresolved forms, mentions per period, and the
co-occurrence pairs (same article or same sentence).

Every function is ``f(backend, selection, ...) -> DataFrame``; ``exclude`` holds the names marked "not an
agency" in the dataset (``ui.marks``), left out before the roll-up as the page's mentions leave them out.
On a :class:`MemoryBackend` it is the in-memory
page's own computation (``analysis.agency_counts`` over ``government_mentions`` and, with ``successors=True``,
``analysis.agency_history.roll_up``) — the reference. On a :class:`DuckBackend` the resolved mentions are read
once per backend into compact NumPy arrays (:func:`analysis.store.agency_arrays.mention_arrays`: ≈ 21 bytes
per mention, 67 MB for the 3.2 M mentions of a 1 M-article store) and every view is a few ``bincount`` /
``unique`` calls over the selection's mask — exact counts, never sampled. ``tests/test_query_agencies.py`` checks
both backends give identical frames, equal to the page functions on the same articles.

Rules shared with ``analysis.store.query.agency_counts`` (the ranking table of the same page): on the SQL
backend a foreign government body is a *name* some mention gives level ``foreign`` (``DuckBackend.
foreign_agencies``), a news organisation a name ``analysis.agency_table.is_media`` accepts.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from analysis.agency_counts import (by_period, by_source, cooccurrence as cooc, government_mentions,
                                    unresolved_summary)
from analysis.agency_history import roll_up
from analysis.agencies import agency_summary as summary
from analysis.errors import invalid_option
from analysis.periods import FREQS, start_dates
from analysis.store.agency_arrays import Hits, backend_cache
from analysis.store.backends import Selection


def _check(backend, sel: Selection) -> None:
    if (backend.kind == "memory") != (sel.mask is not None):
        raise invalid_option("selection", "from another backend", f"a selection made by this {backend.kind} backend")


def _memory_mentions(backend, sel: Selection, include_foreign: bool, include_media: bool,
                     successors: bool, exclude=frozenset()) -> pd.DataFrame:
    """The mentions the in-memory 机构 page works on (``views/agencies.py``: ``ui.cache.mentions_for`` leaves
    out the names marked "not an agency" (``exclude``), then ``government_mentions``, then the roll-up)."""
    m = backend.mentions
    if exclude:
        m = m[~m["agency"].isin(list(exclude))]
    m = government_mentions(m, include_foreign=include_foreign, include_media=include_media)
    return roll_up(m) if successors else m


#: Above this many bins a count goes through ``np.unique`` (a sort) instead of ``np.bincount``.
MAX_BINS = 30_000_000


def _count(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``(distinct keys ascending, how often each occurs)`` of non-negative int64 ``keys`` below ``size``."""
    if size <= MAX_BINS:
        n = np.bincount(keys, minlength=size)
        used = np.flatnonzero(n)
        return used, n[used]
    return np.unique(keys, return_counts=True)


# ------------------------------------------------------------------------------------------------ the views
def agency_table(backend, sel: Selection, *, include_foreign: bool = False, include_media: bool = False,
                 successors: bool = False, aliases: bool = True, exclude=frozenset()) -> pd.DataFrame:
    """The 机构 page's table ``agency, mentions, documents[, aliases]`` (``analysis.agencies.agency_summary``
    of the page's mentions): with ``successors`` every historical name counted under its successor
    (``analysis.agency_history.roll_up``: 国家安全生产监督管理总局 → 应急管理部), its surface forms among the
    successor's aliases and an article naming both counted once."""
    _check(backend, sel)
    if backend.kind == "memory":
        return summary(_memory_mentions(backend, sel, include_foreign, include_media, successors, exclude), sel.mask,
                       aliases=aliases)
    h = Hits(backend, sel, include_foreign, include_media, successors, exclude)
    v = h.v
    cols = ["agency", "mentions", "documents"] + (["aliases"] if aliases else [])
    if not h.hit.any():
        return pd.DataFrame({c: [] for c in cols}).astype(
            {"mentions": "int64", "documents": "int64", "agency": "str", **({"aliases": "str"} if aliases else {})})
    n = np.bincount(v["code"][h.hit], minlength=h.w)
    d = np.bincount(v["group_code"][h.groups], minlength=h.w)
    used = np.flatnonzero(n)
    out = pd.DataFrame({"agency": h.names[used].astype(str), "mentions": n[used].astype(np.int64),
                        "documents": d[used].astype(np.int64)})
    if aliases:   # (code, alias) counts, then the surfaces of each code, most frequent first
        na = max(len(v["alias_surface"]), 1)
        keys, cnt = _count(v["code"][h.hit] * na + v["alias"][h.hit], h.w * na)
        pairs = pd.DataFrame({"agency": h.names[keys // na], "surface": v["alias_surface"][keys % na], "_n": cnt})
        pairs["surface"] = pairs["surface"].astype(str).str.replace(r"[\r\n]+", "", regex=True)
        p = pairs.groupby(["agency", "surface"], sort=False)["_n"].sum().reset_index()
        p = p.sort_values(["agency", "_n", "surface"], ascending=[True, False, True], kind="stable")
        out["aliases"] = out["agency"].map(p.groupby("agency", sort=False)["surface"].agg("|".join))
    out = out.sort_values(["mentions", "documents", "agency"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)[cols]


def _row_column(backend, column: str) -> tuple[np.ndarray, np.ndarray]:
    """``codes`` (int64 per article row) and ``values`` (object) of the ``source`` or ``file`` column."""
    cache = backend_cache(backend)
    if column not in cache:
        df = backend.query(f"SELECT a.row, coalesce(a.{column}, '') AS v FROM articles a")
        codes, values = pd.factorize(df["v"].astype(str))
        out = np.zeros(backend.store.n_articles, dtype=np.int64)
        out[df["row"].to_numpy()] = codes
        cache[column] = (out, np.asarray(values, dtype=object))
    return cache[column]


def agency_by(backend, sel: Selection, column: str = "source", *, include_foreign: bool = False,
              include_media: bool = False, successors: bool = False, exclude=frozenset()) -> pd.DataFrame:
    """``agency, source, mentions, documents`` (``column="file"``: ``agency, file, …`` per uploaded file) —
    ``analysis.agency_counts.by_source`` of the page's mentions ("" shown as 未知来源 / 未知文件), sorted by
    agency, then most mentions first."""
    if column not in ("source", "file"):
        raise invalid_option("column", column, ["source", "file"])
    _check(backend, sel)
    if backend.kind == "memory":
        return by_source(_memory_mentions(backend, sel, include_foreign, include_media, successors, exclude),
                         backend.articles, sel.mask, column=column)
    h = Hits(backend, sel, include_foreign, include_media, successors, exclude)
    v = h.v
    col, values = _row_column(backend, column)
    w = max(len(values), 1)
    keys, n = _count(v["code"][h.hit] * w + col[v["row"][h.hit]], h.w * w)
    dkeys, d = _count(v["group_code"][h.groups] * w + col[v["group_row"][h.groups]], h.w * w)
    shown = pd.Series(values, dtype="str").replace("", "未知来源" if column == "source" else "未知文件")
    out = pd.DataFrame({"agency": h.names[keys // w].astype(str), column: shown.to_numpy()[keys % w],
                        "mentions": n.astype(np.int64),
                        "documents": d[np.searchsorted(dkeys, keys)].astype(np.int64) if len(keys) else []})
    # as the in-memory group-by: one row per (agency, shown value) in name order, then the page's sort
    out = out.groupby(["agency", column], sort=True).sum().reset_index() if len(out) else \
        out.astype({column: "str", "mentions": "int64", "documents": "int64"})
    return out.sort_values(["agency", "mentions"], ascending=[True, False]).reset_index(drop=True)


def unresolved(backend, sel: Selection, *, include_foreign: bool = False) -> pd.DataFrame:
    """Bare forms no region could be found for: ``surface, level, mentions, documents``, most mentions first
    (``analysis.agency_counts.unresolved_summary`` of the page's mentions)."""
    _check(backend, sel)
    if backend.kind == "memory":
        return unresolved_summary(government_mentions(backend.mentions, include_foreign=include_foreign,
                                                      include_media=True), sel.mask)
    foreign = "" if include_foreign else "AND coalesce(m.level, '') <> 'foreign'"
    out = backend.query(f"""SELECT m.surface, m.level, count(*) AS mentions, count(DISTINCT m.article_id) AS documents
      FROM mentions m WHERE NOT m.resolved {foreign} AND m.surface IS NOT NULL AND m.level IS NOT NULL
      AND m.article_id IN ({backend.sel_ids(sel)}) GROUP BY m.surface, m.level""", sel.params)
    if out.empty:
        return pd.DataFrame({"surface": [], "level": [], "mentions": [], "documents": []})
    out = out.astype({"surface": "str", "level": "str", "mentions": "int64", "documents": "int64"})
    out = out.sort_values(["surface", "level"]).reset_index(drop=True)   # the group-by order in memory
    return out.sort_values(["mentions", "surface"], ascending=[False, True]).reset_index(drop=True)


def _row_periods(backend, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """Each article row's period as an index into the sorted period starts (``-1`` undated) and those
    starts (int64 nanoseconds, ``datetime64[ns]`` values), computed once per frequency."""
    cache = backend_cache(backend)
    if ("periods", freq) not in cache:
        days = backend.row_days()
        undated = days == np.iinfo(np.int64).min
        dates = pd.Series(pd.to_datetime(np.where(undated, np.iinfo(np.int64).min, days * 86_400_000_000_000),
                                         unit="ns"))
        starts = start_dates(dates, freq).astype(np.int64)
        uniq, idx = np.unique(starts[~undated], return_inverse=True)
        out = np.full(len(days), -1, dtype=np.int64)
        out[~undated] = idx
        cache[("periods", freq)] = (out, uniq)
    return cache[("periods", freq)]


def agency_periods(backend, sel: Selection, freq: str = "month", *, agencies: list[str] | None = None,
                   include_foreign: bool = False, include_media: bool = False,
                   successors: bool = False, exclude=frozenset()) -> pd.DataFrame:
    """``agency, period (start date), mentions, documents`` over dated articles
    (``analysis.agency_counts.by_period`` of the page's mentions: every period from the first to the last
    dated selected article for every agency mentioned, 0 where it was not; ISO weeks start on Monday), only
    the rows of ``agencies`` when given (the page draws the ones the user picks)."""
    if freq not in FREQS:
        raise invalid_option("freq", freq, list(FREQS))
    _check(backend, sel)
    if backend.kind == "memory":
        out = by_period(_memory_mentions(backend, sel, include_foreign, include_media, successors, exclude),
                        backend.articles, freq, sel.mask)
        return out if agencies is None else out[out["agency"].isin(agencies)].reset_index(drop=True)
    h = Hits(backend, sel, include_foreign, include_media, successors, exclude)
    v = h.v
    pidx, starts = _row_periods(backend, freq)
    dated_sel = backend.row_mask(sel) & (pidx >= 0)
    hit, groups = h.hit, h.groups
    if agencies is not None:   # only the picked agencies' mentions
        picked = np.isin(h.names, list(agencies))
        hit, groups = hit & picked[v["code"]], groups & picked[v["group_code"]]
    hit = hit & (pidx[v["row"]] >= 0)
    groups = groups & (pidx[v["group_row"]] >= 0)
    empty = pd.DataFrame({"agency": pd.Series([], dtype="str"), "period": pd.Series([], dtype="datetime64[ns]"),
                          "mentions": pd.Series([], dtype="int64"), "documents": pd.Series([], dtype="int64")})
    if not hit.any():
        return empty
    np_ = max(len(starts), 1)
    mk, mn = _count(v["code"][hit] * np_ + pidx[v["row"][hit]], h.w * np_)
    dk, dn = _count(v["group_code"][groups] * np_ + pidx[v["group_row"][groups]], h.w * np_)
    docs = np.zeros(len(mk), dtype=np.int64)
    docs[np.searchsorted(mk, dk)] = dn          # (a document holds a mention: dk ⊆ mk)
    out = pd.DataFrame({"mentions": mn.astype(np.int64), "documents": docs},
                       index=pd.MultiIndex.from_arrays([h.names[mk // np_].astype(str), starts[mk % np_]],
                                                       names=["agency", "period"]))
    # the complete grid: the periods from the first to the last dated selected article (as by_period)
    days = backend.row_days()[dated_sel]   # (a dated mention: a dated selected article)
    lo, hi = np.datetime64(int(days.min()), "D"), np.datetime64(int(days.max()), "D")
    span = pd.Series(pd.date_range(pd.Timestamp(lo), pd.Timestamp(hi), freq="D"))
    grid = pd.Index(pd.Series(start_dates(span, freq)).unique().astype("datetime64[ns]").astype(np.int64))
    grid = grid.union(out.index.get_level_values("period").unique())
    full = pd.MultiIndex.from_product([out.index.get_level_values("agency").unique(), grid],
                                      names=["agency", "period"])
    out = out.reindex(full, fill_value=0).reset_index()
    out["period"] = out["period"].astype("datetime64[ns]")
    out = out.astype({"mentions": "int64", "documents": "int64", "agency": "str"})
    return out.sort_values(["agency", "period"]).reset_index(drop=True)


def _pairs_within(group: np.ndarray, code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j), i < j, of every two entries of one ``group`` run (``group`` sorted, the entries of
    a run distinct and sorted by ``code``)."""
    n = len(group)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    ends = np.r_[starts[1:], n]
    run_end = np.repeat(ends, ends - starts)
    after = run_end - np.arange(n) - 1            # entries after each one in its run
    i = np.repeat(np.arange(n), after)
    offs = np.arange(len(i)) - np.repeat(np.cumsum(after) - after, after)
    return i, i + 1 + offs


#: Pair lists kept per backend (one per option set: ≈ 12 bytes per pair, 54 MB for the 4.5 M article pairs
#: of a 1 M-article store); the oldest goes first.
PAIR_LISTS = 3


def _pair_list(backend, h: Hits) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of the store under the options of ``h`` (agencies kept, roll-up, same sentence): ``rows``
    (article row) and ``keys`` (``a * w + b``, codes a < b), one entry per article and pair — built once per
    option set over every article; a selection then keeps the entries of its rows."""
    cache = backend_cache(backend)
    lists = cache.setdefault("pair_lists", {})
    key = (h.key, hashlib.blake2b(np.packbits(h.keep_id).tobytes(), digest_size=8).digest())
    if key in lists:
        lists[key] = lists.pop(key)   # most recently used last
        return lists[key]
    v, w = h.v, h.w
    kept = np.flatnonzero(np.bincount(v["group"][h.keep_id[v["agency"]]], minlength=len(v["group_code"])) > 0)
    c, r = v["group_code"][kept], v["group_row"][kept]
    sentences = "group_unit" in v
    i, j = _pairs_within(v["group_unit"][kept] if sentences else r, c)
    if sentences:   # a pair counts once per article: (row, a, b) distinct
        trip = np.unique((r[i] * w + c[i]) * w + c[j])
        rows, keys = trip // (w * w), trip % (w * w)
    else:           # one run per article: each pair once
        rows, keys = r[i], c[i] * w + c[j]
    while len(lists) >= PAIR_LISTS:
        lists.pop(next(iter(lists)))
    lists[key] = (rows.astype(np.int32), keys)
    return lists[key]


def agency_pairs(backend, sel: Selection, *, same_sentence: bool = False, include_foreign: bool = False,
                 include_media: bool = False, successors: bool = False, exclude=frozenset()) -> pd.DataFrame:
    """Pairs of agencies named together: ``a, b, articles`` (a < b; the number of articles naming both —
    within one sentence with ``same_sentence``), most articles first, then by names
    (``analysis.agency_counts.cooccurrence`` of the page's mentions).

    On the SQL backend a sentence is one span of the stored sentence offsets (``mentions.sent_start``,
    ``sent_end``); the in-memory function groups mentions by the sentence's text, which differs only when an
    article repeats a sentence word for word and the two copies name different agencies."""
    _check(backend, sel)
    if backend.kind == "memory":
        return cooc(_memory_mentions(backend, sel, include_foreign, include_media, successors, exclude), sel.mask,
                    same_sentence=same_sentence)
    h = Hits(backend, sel, include_foreign, include_media, successors, exclude, sentences=same_sentence,
              count=False)
    rows, keys = _pair_list(backend, h)
    pk, n = _count(keys[backend.row_mask(sel)[rows]], h.w * h.w)
    w = h.w
    out = pd.DataFrame({"a": h.names[pk // w].astype(str), "b": h.names[pk % w].astype(str),
                        "articles": n.astype(np.int64)})
    return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)
