"""The 机构 page's views of a selection, on both query backends (``analysis.store.query``): the agency table with
the successor roll-up, the by-source and by-file tables, the unresolved forms, mentions per period, and the
co-occurrence pairs (same article or same sentence).

Every function is ``f(backend, selection, ...) -> DataFrame``. On a :class:`MemoryBackend` it is the in-memory
page's own computation (``analysis.agency_counts`` over ``government_mentions`` and, with ``successors=True``,
``analysis.agency_history.roll_up``) — the reference. On a :class:`DuckBackend` the resolved mentions are read
once per backend into compact NumPy arrays (:func:`mention_arrays`: ≈ 21 bytes per mention, 67 MB for the
3.2 M mentions of a 1 M-article store) and every view is a few ``bincount`` / ``unique`` calls over the
selection's mask — exact counts, never sampled. ``tests/test_query_agencies.py`` checks both backends give
identical frames, equal to the page functions on the same articles.

Rules shared with ``analysis.store.query.agency_counts`` (the ranking table of the same page): on the SQL
backend a foreign government body is a *name* some mention gives level ``foreign`` (``DuckBackend.
foreign_agencies``), a news organisation a name ``analysis.agency_table.is_media`` accepts.
"""
from __future__ import annotations

import weakref

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from analysis.agency_counts import (by_period, by_source, cooccurrence as cooc, government_mentions,
                                    unresolved_summary)
from analysis.agency_history import roll_up
from analysis.agencies import agency_summary as summary
from analysis.agency_table import is_media, media_names
from analysis.errors import invalid_option
from analysis.periods import FREQS, start_dates
from analysis.store.backends import Selection

#: Per-backend caches of :func:`mention_arrays` and the row periods (dropped with the backend).
_CACHE: "weakref.WeakKeyDictionary[object, dict]" = weakref.WeakKeyDictionary()


def _check(backend, sel: Selection) -> None:
    if (backend.kind == "memory") != (sel.mask is not None):
        raise invalid_option("selection", "from another backend", f"a selection made by this {backend.kind} backend")


def _cache(backend) -> dict:
    return _CACHE.setdefault(backend, {})


def _memory_mentions(backend, sel: Selection, include_foreign: bool, include_media: bool,
                     successors: bool) -> pd.DataFrame:
    """The mentions the in-memory 机构 page works on (``views/agencies.py``)."""
    m = government_mentions(backend.mentions, include_foreign=include_foreign, include_media=include_media)
    return roll_up(m) if successors else m


# ------------------------------------------------------------------------------------------------ the arrays
def mention_arrays(backend) -> dict[str, np.ndarray]:
    """The resolved, named mentions of a DuckDB backend's store as arrays, read once (one SQL pass over
    ``mentions``) and kept with the backend, sorted by (row, field, sentence start, agency):

    ``row`` (int32 article row), ``agency`` (int32 ``agency_id``; ids are ranks of the sorted names),
    ``alias`` (int32 into ``alias_agency`` / ``alias_surface``: the distinct (agency, surface form) pairs),
    ``triple`` (int32 into ``triples``: the distinct (agency, level, parent) of the mentions, the input of the
    successor roll-up), ``unit`` (int32 sentence number: equal for the mentions of one sentence — same row,
    field and sentence offsets); ``names`` (object array, agency by id)."""
    cache = _cache(backend)
    if "mentions" in cache:
        return cache["mentions"]
    t = backend.con.sql("""SELECT a.row, m.agency_id, m.field, m.sent_start, m.sent_end, m.surface, m.level,
        m.parent FROM mentions m JOIN articles a USING (article_id)
      WHERE m.resolved AND m.agency_id <> coalesce((SELECT agency_id FROM agencies WHERE agency = ''), -1)
      ORDER BY a.row, m.field, m.sent_start, m.agency_id""").to_arrow_table()
    row = t["row"].to_numpy().astype(np.int32)
    agency = t["agency_id"].to_numpy().astype(np.int32)

    def codes(name: str) -> tuple[np.ndarray, list]:
        enc = pc.dictionary_encode(t[name].combine_chunks())
        return enc.indices.to_numpy(zero_copy_only=False).astype(np.int64), enc.dictionary.to_pylist()

    surface, surfaces = codes("surface")
    level, levels = codes("level") if t.num_rows else (np.zeros(0, np.int64), [])
    parent, parents = codes("parent") if t.num_rows else (np.zeros(0, np.int64), [])
    akey = agency.astype(np.int64) * (len(surfaces) + 1) + surface
    ukey, alias = np.unique(akey, return_inverse=True)
    tkey = (agency.astype(np.int64) * (len(levels) + 1) + level) * (len(parents) + 1) + parent
    utri, triple = np.unique(tkey, return_inverse=True)
    field = t["field"].to_numpy(zero_copy_only=False) if t.num_rows else np.zeros(0, dtype=object)
    start, end = t["sent_start"].to_numpy(), t["sent_end"].to_numpy()
    new_unit = np.ones(len(row), dtype=bool)
    new_unit[1:] = (row[1:] != row[:-1]) | (field[1:] != field[:-1]) | (start[1:] != start[:-1]) | \
        (end[1:] != end[:-1])
    g = backend.store.read("agencies")
    names = np.empty(g.num_rows, dtype=object)
    names[g["agency_id"].to_numpy()] = g["agency"].to_pylist()
    surf = np.asarray(surfaces, dtype=object)
    tri_agency = (utri // ((len(levels) + 1) * (len(parents) + 1))).astype(np.int64)
    tri_rest = utri % ((len(levels) + 1) * (len(parents) + 1))
    none = np.asarray([*levels, None], dtype=object), np.asarray([*parents, None], dtype=object)
    cache["mentions"] = out = {
        "row": row, "agency": agency, "alias": alias.astype(np.int32), "triple": triple.astype(np.int32),
        "unit": (np.cumsum(new_unit) - 1).astype(np.int32), "names": names,
        "alias_agency": (ukey // (len(surfaces) + 1)).astype(np.int64),
        "alias_surface": surf[ukey % (len(surfaces) + 1)] if len(ukey) else np.zeros(0, dtype=object),
        "triples": pd.DataFrame({"agency": names[tri_agency] if len(utri) else [],
                                 "level": none[0][tri_rest // (len(parents) + 1)] if len(utri) else [],
                                 "parent": none[1][tri_rest % (len(parents) + 1)] if len(utri) else []}),
    }
    return out


def _successor_names(backend) -> np.ndarray:
    """The name each (agency, level, parent) triple of :func:`mention_arrays` is counted under today
    (``analysis.agency_history.roll_up`` of the triples, the strings typed as ``mentions_frame`` types them)."""
    cache = _cache(backend)
    if "successors" not in cache:
        tri = mention_arrays(backend)["triples"].astype(str)
        cache["successors"] = roll_up(tri)["agency"].to_numpy(dtype=object) if len(tri) else np.zeros(0, object)
    return cache["successors"]


class _Hits:
    """The selected mentions of a DuckDB backend after the page's options: ``row``, ``code`` (into ``names``,
    sorted: codes compare as the names do), ``alias``, ``unit`` per mention."""

    def __init__(self, backend, sel: Selection, include_foreign: bool, include_media: bool, successors: bool):
        a = mention_arrays(backend)
        names = a["names"]
        keep_id = np.ones(len(names), dtype=bool)
        if not include_foreign:
            keep_id &= ~np.isin(names, list(backend.foreign_agencies()))
        if not include_media:
            media = media_names()
            keep_id &= ~np.fromiter((bool(n) and is_media(n, media) for n in names), dtype=bool, count=len(names))
        hit = backend.row_mask(sel)[a["row"]] & keep_id[a["agency"]]
        self.row, self.alias, self.unit = a["row"][hit], a["alias"][hit], a["unit"][hit]
        if successors:
            new = _successor_names(backend)
            self.names, tcode = np.unique(new.astype(str), return_inverse=True)
            self.names = self.names.astype(object)
            self.code = tcode[a["triple"][hit]].astype(np.int64)
        else:
            self.names, self.code = names, a["agency"][hit].astype(np.int64)
        self.alias_surface = a["alias_surface"]

    def docs(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct (row, code) pairs: ``rows, codes``."""
        w = max(len(self.names), 1)
        keys = np.unique(self.row.astype(np.int64) * w + self.code)
        return keys // w, keys % w


# ------------------------------------------------------------------------------------------------ the views
def agency_table(backend, sel: Selection, *, include_foreign: bool = False, include_media: bool = False,
                 successors: bool = False, aliases: bool = True) -> pd.DataFrame:
    """The 机构 page's table ``agency, mentions, documents[, aliases]`` (``analysis.agencies.agency_summary``
    of the page's mentions): with ``successors`` every historical name counted under its successor
    (``analysis.agency_history.roll_up``: 国家安全生产监督管理总局 → 应急管理部), its surface forms among the
    successor's aliases and an article naming both counted once."""
    _check(backend, sel)
    if backend.kind == "memory":
        return summary(_memory_mentions(backend, sel, include_foreign, include_media, successors), sel.mask,
                       aliases=aliases)
    h = _Hits(backend, sel, include_foreign, include_media, successors)
    cols = ["agency", "mentions", "documents"] + (["aliases"] if aliases else [])
    if not len(h.row):
        return pd.DataFrame({c: [] for c in cols}).astype(
            {"mentions": "int64", "documents": "int64", "agency": "str", **({"aliases": "str"} if aliases else {})})
    n = np.bincount(h.code, minlength=len(h.names))
    _, dcodes = h.docs()
    d = np.bincount(dcodes, minlength=len(h.names))
    used = np.flatnonzero(n)
    out = pd.DataFrame({"agency": h.names[used].astype(str), "mentions": n[used].astype(np.int64),
                        "documents": d[used].astype(np.int64)})
    if aliases:
        pairs = pd.DataFrame({"agency": h.names[h.code], "surface": h.alias_surface[h.alias]})
        pairs["surface"] = pairs["surface"].astype(str).str.replace(r"[\r\n]+", "", regex=True)
        p = pairs.groupby(["agency", "surface"], sort=False).size().reset_index(name="_n")
        p = p.sort_values(["agency", "_n", "surface"], ascending=[True, False, True], kind="stable")
        out["aliases"] = out["agency"].map(p.groupby("agency", sort=False)["surface"].agg("|".join))
    out = out.sort_values(["mentions", "documents", "agency"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)[cols]


def _row_column(backend, column: str) -> tuple[np.ndarray, np.ndarray]:
    """``codes`` (int64 per article row) and ``values`` (object) of the ``source`` or ``file`` column."""
    cache = _cache(backend)
    if column not in cache:
        df = backend.query(f"SELECT a.row, coalesce(a.{column}, '') AS v FROM articles a")
        codes, values = pd.factorize(df["v"].astype(str))
        out = np.zeros(backend.store.n_articles, dtype=np.int64)
        out[df["row"].to_numpy()] = codes
        cache[column] = (out, np.asarray(values, dtype=object))
    return cache[column]


def agency_by(backend, sel: Selection, column: str = "source", *, include_foreign: bool = False,
              include_media: bool = False, successors: bool = False) -> pd.DataFrame:
    """``agency, source, mentions, documents`` (``column="file"``: ``agency, file, …`` per uploaded file) —
    ``analysis.agency_counts.by_source`` of the page's mentions ("" shown as 未知来源 / 未知文件), sorted by
    agency, then most mentions first."""
    if column not in ("source", "file"):
        raise invalid_option("column", column, ["source", "file"])
    _check(backend, sel)
    if backend.kind == "memory":
        return by_source(_memory_mentions(backend, sel, include_foreign, include_media, successors),
                         backend.articles, sel.mask, column=column)
    h = _Hits(backend, sel, include_foreign, include_media, successors)
    col, values = _row_column(backend, column)
    w = max(len(values), 1)
    keys, n = np.unique(h.code * w + col[h.row], return_counts=True)
    drows, dcodes = h.docs()
    dkeys, d = np.unique(dcodes * w + col[drows], return_counts=True)
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


def _row_periods(backend, freq: str) -> np.ndarray:
    """Each article row's period start (``datetime64[ns]``, ``NaT`` undated), computed once per frequency."""
    cache = _cache(backend)
    if ("periods", freq) not in cache:
        days = backend.row_days()
        dates = pd.Series(pd.to_datetime(np.where(days == np.iinfo(np.int64).min, np.iinfo(np.int64).min,
                                                  days * 86_400_000_000_000), unit="ns"))
        cache[("periods", freq)] = start_dates(dates, freq)
    return cache[("periods", freq)]


def agency_periods(backend, sel: Selection, freq: str = "month", *, agencies: list[str] | None = None,
                   include_foreign: bool = False, include_media: bool = False,
                   successors: bool = False) -> pd.DataFrame:
    """``agency, period (start date), mentions, documents`` over dated articles
    (``analysis.agency_counts.by_period`` of the page's mentions: every period from the first to the last
    dated selected article for every agency mentioned, 0 where it was not; ISO weeks start on Monday), only
    the rows of ``agencies`` when given (the page draws the ones the user picks)."""
    if freq not in FREQS:
        raise invalid_option("freq", freq, list(FREQS))
    _check(backend, sel)
    if backend.kind == "memory":
        out = by_period(_memory_mentions(backend, sel, include_foreign, include_media, successors),
                        backend.articles, freq, sel.mask)
        return out if agencies is None else out[out["agency"].isin(agencies)].reset_index(drop=True)
    h = _Hits(backend, sel, include_foreign, include_media, successors)
    periods = _row_periods(backend, freq)
    mask = backend.row_mask(sel)
    dated_sel = mask & ~np.isnat(periods)
    per = periods[h.row]
    ok = ~np.isnat(per)
    if agencies is not None:
        ok &= np.isin(h.names[h.code], list(agencies))
    empty = pd.DataFrame({"agency": pd.Series([], dtype="str"), "period": pd.Series([], dtype="datetime64[ns]"),
                          "mentions": pd.Series([], dtype="int64"), "documents": pd.Series([], dtype="int64")})
    if not ok.any():
        return empty
    pcode = per[ok].astype(np.int64)
    m = pd.DataFrame({"agency": h.names[h.code[ok]].astype(str), "period": pcode, "row": h.row[ok]})
    g = m.groupby(["agency", "period"])
    out = pd.DataFrame({"mentions": g.size(), "documents": g["row"].nunique()})
    # the complete grid: the periods from the first to the last dated selected article (as by_period)
    days = backend.row_days()[dated_sel]
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


def agency_pairs(backend, sel: Selection, *, same_sentence: bool = False, include_foreign: bool = False,
                 include_media: bool = False, successors: bool = False) -> pd.DataFrame:
    """Pairs of agencies named together: ``a, b, articles`` (a < b; the number of articles naming both —
    within one sentence with ``same_sentence``), most articles first, then by names
    (``analysis.agency_counts.cooccurrence`` of the page's mentions).

    On the SQL backend a sentence is one span of the stored sentence offsets (``mentions.sent_start``,
    ``sent_end``); the in-memory function groups mentions by the sentence's text, which differs only when an
    article repeats a sentence word for word and the two copies name different agencies."""
    _check(backend, sel)
    if backend.kind == "memory":
        return cooc(_memory_mentions(backend, sel, include_foreign, include_media, successors), sel.mask,
                    same_sentence=same_sentence)
    h = _Hits(backend, sel, include_foreign, include_media, successors)
    w = max(len(h.names), 1)
    group = h.unit if same_sentence else h.row
    keys = np.unique(group.astype(np.int64) * w + h.code)          # distinct (unit, agency), sorted
    g, c = keys // w, keys % w
    i, j = _pairs_within(g, c)
    if same_sentence:   # a pair counts once per article: (row, a, b) distinct
        unit_row = np.zeros(int(h.unit.max()) + 1 if len(h.unit) else 0, dtype=np.int64)
        unit_row[h.unit] = h.row
        pk = np.unique((unit_row[g[i]] * w + c[i]) * w + c[j]) % (w * w)
    else:               # one run per article: each pair once
        pk = c[i] * w + c[j]
    pk, n = np.unique(pk, return_counts=True)
    out = pd.DataFrame({"a": h.names[pk // w].astype(str), "b": h.names[pk % w].astype(str),
                        "articles": n.astype(np.int64)})
    return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)
