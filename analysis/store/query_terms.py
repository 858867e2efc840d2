"""Keyword-side answers of a store for any selection, on both backends (the memory backend is the reference):
term and agency time series and term totals (the 时间线 page) — the numbers the in-memory page computes with
``analysis.timeline``, exactly (never sampled). Keyness, terms per group and phrases (关键词) are in
``analysis.store.query_vocab``.

How the SQL (DuckDB) backend answers without holding the corpus:

- a term's occurrences per article come from ``doc_terms`` (its Parquet parts are sorted by ``term_id``, so
  DuckDB reads the row groups of the asked terms only), joined to ``articles`` for the dataset row;
- month, quarter and year series of a selection of whole months are sums of the ``term_cells`` roll-up;
- agency mentions come from the store's agency index (``agency_rows``).

Every function takes the backend and a selection (``backend.select(filters)``) or a boolean row mask
(``analysis.store.query.selection_mask``), as the in-memory functions take masks.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.periods import auto_freq, check_freq, codes_from_days, period_starts
from analysis.store.backends import Selection
from analysis.store.query import selection_mask
from analysis.timeline import (TERM_MEASURES, Timeline, agency_choices as mem_choices,
                               agency_series as tl_agency_series, axis, series, term_series as tl_term_series)

__all__ = ["StoreTermVectors", "agency_choices", "agency_mentions", "agency_series", "as_mask", "dates_frame",
           "row_counts", "rows_of", "term_counts", "term_ids", "term_series", "term_vectors"]


def as_mask(backend, sel: Selection | np.ndarray, known: np.ndarray | None = None) -> np.ndarray:
    """A selection or a boolean row mask as a boolean mask over every article row (``known``: the selection's
    mask when the caller has it already, e.g. the page's)."""
    n = len(backend.articles) if backend.kind == "memory" else backend.store.n_articles
    if isinstance(sel, Selection):
        return selection_mask(backend, sel) if known is None else as_mask(backend, known)
    mask = np.asarray(sel, dtype=bool)
    if mask.shape != (n,):
        raise invalid_option("mask", f"{mask.size} values", f"one per article ({n:,})")
    return mask


def dates_frame(backend) -> pd.DataFrame:
    """``date`` (datetime64[ns], NaT = undated) of every article row of a store — what ``analysis.timeline``
    reads of the article table (the memory backend's own table)."""
    if backend.kind == "memory":
        return backend.articles
    days = backend.row_days()
    dates = days.astype("datetime64[D]").astype("datetime64[ns]")
    dates[days == np.iinfo(np.int64).min] = np.datetime64("NaT")
    return pd.DataFrame({"date": dates})


def term_ids(backend, terms: list[str]) -> dict[str, int]:
    """``term_id`` of each term found in the store (by itself or by the term its synonym maps to)."""
    syn = backend.store.synonyms
    canon = {t: syn.get(t.strip(), t.strip()) for t in terms}
    wanted = sorted(set(canon.values()))
    if not wanted:
        return {}
    got = backend.query(f"SELECT term, term_id FROM terms WHERE term IN ({', '.join('?' for _ in wanted)})", wanted)
    ids = dict(zip(got["term"].astype(str), got["term_id"].astype(np.int64)))
    return {t: int(ids[c]) for t, c in canon.items() if c in ids}


_ROW_OF: "weakref.WeakKeyDictionary[Any, tuple[np.ndarray, np.ndarray]]" = weakref.WeakKeyDictionary()


def rows_of(backend, article_id: np.ndarray) -> np.ndarray:
    """The dataset row of each ``article_id`` (int64), from the ``articles`` keys sorted once per backend
    (≈ 16 bytes per article; a binary search per key instead of a SQL join of ``articles`` per query)."""
    if backend not in _ROW_OF:
        got = backend.con.execute("SELECT article_id, row FROM articles").fetchnumpy()
        keys = np.asarray(got["article_id"], dtype=np.int64)
        order = np.argsort(keys, kind="stable")
        _ROW_OF[backend] = keys[order], np.asarray(got["row"], dtype=np.int64)[order]
    keys, rows = _ROW_OF[backend]
    return rows[np.searchsorted(keys, np.asarray(article_id, dtype=np.int64))]


def row_counts(backend, terms: list[str] | tuple[str, ...]) -> dict[str, np.ndarray]:
    """Occurrences of each term per article row (int64 arrays over every row; zeros for a term the store has
    never seen) — ``TokenizedCorpus.term_vector`` of each term. SQL: one read of the terms' ``doc_terms``
    entries."""
    terms = list(dict.fromkeys(terms))
    if backend.kind == "memory":
        return {t: backend.corpus.term_vector(t) for t in terms}
    n = backend.store.n_articles
    ids = term_ids(backend, terms)
    out = {t: np.zeros(n, dtype=np.int64) for t in terms}
    if not ids:
        return out
    uniq = sorted(set(ids.values()))
    got = backend.con.execute(f"""SELECT d.article_id, d.term_id, d.n FROM doc_terms d
      WHERE d.term_id IN ({', '.join(str(i) for i in uniq)})""").fetchnumpy()
    tid, cnt = (np.asarray(got[c], dtype=np.int64) for c in ("term_id", "n"))
    row = rows_of(backend, got["article_id"])
    for t, i in ids.items():
        hit = tid == i
        out[t][row[hit]] = cnt[hit]
    return out


@dataclass
class StoreTermVectors:
    """A stand-in for a ``TokenizedCorpus`` over a store (what ``analysis.timeline``'s ``term_series``,
    ``drill_down`` and ``one_document_spikes`` read): ``term_vector(term)`` and ``doc_lengths`` (kept terms per
    article, ``articles.n_tokens``), read from the store once per term; ``n_docs`` articles."""

    backend: Any
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    _lengths: np.ndarray | None = None

    @property
    def n_docs(self) -> int:
        return self.backend.store.n_articles

    def prefetch(self, terms: list[str] | tuple[str, ...]) -> "StoreTermVectors":
        """Read every term not read yet in one query; returns itself."""
        missing = [t for t in dict.fromkeys(terms) if t not in self.vectors]
        if missing:
            self.vectors.update(row_counts(self.backend, missing))
        return self

    def term_vector(self, term: str) -> np.ndarray:
        return self.prefetch([term]).vectors[term]

    @property
    def doc_lengths(self) -> np.ndarray:
        if self._lengths is None:
            got = self.backend.con.execute("SELECT row, n_tokens FROM articles").fetchnumpy()
            lengths = np.zeros(self.n_docs, dtype=np.int64)
            lengths[np.asarray(got["row"], dtype=np.int64)] = np.asarray(got["n_tokens"], dtype=np.int64)
            self._lengths = lengths
        return self._lengths


def term_vectors(backend, terms: list[str] | tuple[str, ...] = ()) -> Any:
    """What ``analysis.timeline`` takes as ``corpus`` for this backend: the memory backend's
    ``TokenizedCorpus``, or a :class:`StoreTermVectors` with ``terms`` read."""
    return backend.corpus if backend.kind == "memory" else StoreTermVectors(backend).prefetch(terms)


def term_series(backend, sel: Selection | np.ndarray, terms: list[str] | tuple[str, ...], freq: str = "auto", *,
                measure: str = "count", corpus: Any = None, mask: np.ndarray | None = None) -> Timeline:
    """``analysis.timeline.term_series`` of the selection (one column per term: ``count``, ``per_1000``
    tokens or ``share`` of articles, over the complete period grid; undated apart). ``corpus``: a
    :func:`term_vectors` result to reuse (the page keeps it for the drill-down); ``mask``: the selection's row
    mask when the caller has it (saves computing it again). The SQL backend sums the
    month roll-up cells (``term_cells``) when the selection is a union of cells and the periods are months,
    quarters or years; else it reads the terms' ``doc_terms`` entries. Raises ``InvalidOption`` for an unknown
    ``freq`` or ``measure``."""
    if measure not in TERM_MEASURES:
        raise invalid_option("measure", measure, ", ".join(TERM_MEASURES))
    mask = as_mask(backend, sel, mask)
    dates = dates_frame(backend)
    if freq != "auto":
        check_freq(freq)
    if backend.kind != "memory" and isinstance(sel, Selection) and backend.cells(sel) is not None:
        resolved = auto_freq(dates["date"][mask]) if freq == "auto" else freq
        if resolved in ("month", "quarter", "year"):
            return _term_series_cells(backend, sel, mask, list(dict.fromkeys(terms)), resolved, measure)
    corpus = term_vectors(backend, terms) if corpus is None else corpus
    return tl_term_series(dates, corpus, terms, mask, freq, measure=measure)


def term_counts(backend, sel: Selection | np.ndarray, terms: list[str] | tuple[str, ...], *, corpus: Any = None,
                mask: np.ndarray | None = None) -> pd.DataFrame:
    """``term, count, documents``: each term's occurrences in the selection and the selected articles holding
    it (whole words, as ``TokenizedCorpus.term_vector``; 0 for a term the store has never seen), in the order of
    ``terms``. The SQL backend sums ``term_cells`` for a whole-month selection, else it reads the terms'
    ``doc_terms`` entries (through ``corpus``, a :class:`StoreTermVectors`, when given)."""
    terms = list(dict.fromkeys(terms))
    mask = as_mask(backend, sel, mask)
    if backend.kind != "memory" and isinstance(sel, Selection) and backend.cells(sel) is not None:
        cond, params = backend.cells(sel)
        ids = term_ids(backend, terms)
        cnt = dict.fromkeys(terms, 0)
        docs = dict.fromkeys(terms, 0)
        if ids:
            got = backend.query(f"""SELECT c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT)
              AS docs FROM term_cells c WHERE ({cond}) AND c.term_id IN
              ({', '.join(str(i) for i in sorted(set(ids.values())))}) GROUP BY c.term_id""", params)
            by_id = {int(i): (int(c), int(d)) for i, c, d in zip(got["term_id"], got["cnt"], got["docs"])}
            for t, i in ids.items():
                cnt[t], docs[t] = by_id.get(i, (0, 0))
        return pd.DataFrame({"term": terms, "count": [cnt[t] for t in terms], "documents": [docs[t] for t in terms]}
                            ).astype({"term": "str", "count": "int64", "documents": "int64"})
    corpus = term_vectors(backend, terms) if corpus is None else corpus
    if isinstance(corpus, StoreTermVectors):
        corpus.prefetch(terms)
    vecs = [np.asarray(corpus.term_vector(t)) for t in terms]
    return pd.DataFrame({"term": terms, "count": [int(v[mask].sum()) for v in vecs],
                         "documents": [int((v[mask] > 0).sum()) for v in vecs]}).astype(
        {"term": "str", "count": "int64", "documents": "int64"})


def _term_series_cells(backend, sel: Selection, mask: np.ndarray, terms: list[str], freq: str,
                       measure: str) -> Timeline:
    """:func:`term_series` from the roll-up cells: one synthetic row per month holding selected dated articles
    (dated its first day) and one for the undated, weighted by the month's summed counts (``count``,
    ``per_1000``: occurrences, exposure = the month's tokens) or documents (``share``: exposure = its articles),
    binned by ``analysis.timeline`` as the article rows are — the same sums, so the same table."""
    cond, params = backend.cells(sel)
    days = backend.row_days()
    dated = days != np.iinfo(np.int64).min
    month = np.where(dated, codes_from_days(np.where(dated, days, 0), "month"), -1)
    sel_m = month[mask]
    months = np.unique(sel_m[sel_m >= 0])
    undated = bool((sel_m < 0).any())
    k = len(months)
    slot = {int(m): i for i, m in enumerate(months.tolist())}
    n_rows = k + (1 if undated else 0)
    where = np.full(len(sel_m), k, dtype=np.int64)
    where[sel_m >= 0] = np.searchsorted(months, sel_m[sel_m >= 0])
    articles = np.bincount(where, minlength=k + 1)[:n_rows].astype(float)
    ids = term_ids(backend, terms)
    weights = {t: np.zeros(n_rows) for t in terms}
    if ids:
        got = backend.query(f"""SELECT c.month, c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt,
          CAST(sum(c.docs) AS BIGINT) AS docs FROM term_cells c WHERE ({cond})
          AND c.term_id IN ({', '.join(str(i) for i in sorted(set(ids.values())))}) GROUP BY ALL""", params)
        value = got["docs" if measure == "share" else "cnt"].to_numpy(np.int64)
        tid = got["term_id"].to_numpy(np.int64)
        pos = np.array([k if pd.isna(m) else slot.get(int(m), -1) for m in got["month"]], dtype=np.int64)
        for t, i in ids.items():
            hit = (tid == i) & (pos >= 0) & (pos < n_rows)
            np.add.at(weights[t], pos[hit], value[hit])
    synth = pd.DataFrame({"date": np.concatenate([period_starts(months, "month").astype("datetime64[ns]"),
                                                  np.array(["NaT"] * (n_rows - k), dtype="datetime64[ns]")])})
    ax = axis(synth, np.ones(n_rows, dtype=bool), freq)
    if measure == "count":
        return replace(series(ax, weights, measure, None, 1.0), kind="term")
    if measure == "share":
        return replace(series(ax, weights, measure, articles, 1.0), kind="term")
    tokens = StoreTermVectors(backend).doc_lengths[mask]
    exposure = np.bincount(where, weights=tokens.astype(float), minlength=k + 1)[:n_rows]
    return replace(series(ax, weights, measure, exposure, 1000.0), kind="term")


def agency_mentions(backend, agencies: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """``row, agency`` of every mention of ``agencies`` (one row per mention; the memory backend's mention
    table filtered)."""
    agencies = [a for a in dict.fromkeys(agencies) if a]
    if backend.kind == "memory":
        m = backend.mentions
        return m.loc[m["agency"].isin(agencies), ["row", "agency"]].reset_index(drop=True)
    if not agencies:
        return pd.DataFrame({"row": np.zeros(0, dtype=np.int64), "agency": pd.array([], dtype="str")})
    if backend.has_agency_index:
        ix = backend.agency_index()
        names = ix["names"]
        ids = np.flatnonzero(np.isin(names.astype(str), agencies))
        hit = np.isin(ix["agency"], ids)
        return pd.DataFrame({"row": ix["row"][hit], "agency": pd.array(names[ix["agency"][hit]].astype(str),
                                                                        dtype="str")})
    got = backend.query(f"""SELECT a.row, g.agency FROM mentions m JOIN agencies g USING (agency_id)
      JOIN articles a USING (article_id) WHERE g.agency IN ({', '.join('?' for _ in agencies)})""", agencies)
    return got.astype({"row": "int64", "agency": "str"})


def agency_series(backend, sel: Selection | np.ndarray, agencies: list[str] | tuple[str, ...], freq: str = "auto",
                  *, measure: str = "mentions") -> Timeline:
    """``analysis.timeline.agency_series`` of the selection (mentions per period, or articles naming the
    agency). Raises ``InvalidOption`` for an unknown ``freq`` or ``measure``."""
    return tl_agency_series(dates_frame(backend), agency_mentions(backend, agencies), agencies,
                            as_mask(backend, sel), freq, measure=measure)


def agency_choices(backend, limit: int = 200) -> list[str]:
    """The ``limit`` agencies most mentioned in the whole dataset, most first, ties by name
    (``analysis.timeline.agency_choices(mentions, None, limit)``)."""
    if backend.kind == "memory":
        return mem_choices(backend.mentions, None, limit)
    got = backend.query("""SELECT g.agency, count(*) AS n FROM mentions m JOIN agencies g USING (agency_id)
      WHERE g.agency <> '' GROUP BY g.agency""")
    got = got.astype({"agency": "str"}).sort_values(["n", "agency"], ascending=[False, True], kind="stable")
    return got["agency"].head(limit).tolist()
