"""Keyword-side answers of a store for any selection, on both backends (the memory backend is the reference):
term and agency time series (the 时间线 page), keyness A vs B (关键词 → 对比), terms per group (关键词 → 分组)
and phrases (关键词 → 短语) — the numbers the in-memory pages compute with ``analysis.timeline``,
``analysis.keyness``, ``analysis.keywords.terms_by`` and ``analysis.phrases``, exactly (never sampled).

How the SQL (DuckDB) backend answers without holding the corpus:

- a term's occurrences per article come from ``doc_terms`` (its Parquet parts are sorted by ``term_id``, so
  DuckDB reads the row groups of the asked terms only), joined to ``articles`` for the dataset row;
- whole-vocabulary counts of a set of rows (keyness) come from ``doc_rows`` (``DuckBackend.term_counts``);
  when more than half the articles are asked, the store's totals minus the rows left out;
- counts of a few terms per group (source, file, period) are one pass over ``doc_rows`` with a row → group
  array (:func:`group_term_counts`), or ``doc_terms`` when the store has no ``doc_rows``;
- phrases read the selected rows' term sequences (``term_seq``) part by part: they are answered for a
  selection of at most :data:`PHRASE_MAX_ARTICLES` articles (the caller says so and asks to narrow it).

Every function takes the backend and a selection (``backend.select(filters)``) or a boolean row mask
(``analysis.store.query.selection_mask``), as the in-memory functions take masks.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.errors import invalid_option
from analysis.keyness import keyness as mem_keyness, keyness_table
from analysis.keywords import PERIODS, TokenizedCorpus, terms_by as mem_terms_by
from analysis.periods import auto_freq, check_freq, codes_from_days, label_dates, period_starts
from analysis.phrases import phrases as mem_phrases
from analysis.store.backends import Selection
from analysis.store.build import term_bits
from analysis.store.query import _tfidf_frame, selection_mask
from analysis.timeline import (TERM_MEASURES, Timeline, _axis, _series, agency_series as tl_agency_series,
                               term_series as tl_term_series)

__all__ = ["PHRASE_MAX_ARTICLES", "StoreAgencyMentions", "StoreTermVectors", "agency_choices", "agency_series",
           "dates_frame", "group_term_counts", "term_counts", "keyness", "phrases", "row_counts", "term_series", "terms_by"]

#: The largest selection whose phrases the SQL backend computes: its term sequences are read, paired and sorted
#: in memory (≈ 4.5 M pairs and 0.7 CPU-s per 20,000 articles of the 1M store: scripts/bench_large_terms.py);
#: above it the page asks to narrow the selection.
PHRASE_MAX_ARTICLES = 50_000


def _mask(backend, sel: Selection | np.ndarray, known: np.ndarray | None = None) -> np.ndarray:
    """A selection or a boolean row mask as a boolean mask over every article row (``known``: the selection's
    mask when the caller has it already, e.g. the page's)."""
    n = len(backend.articles) if backend.kind == "memory" else backend.store.n_articles
    if isinstance(sel, Selection):
        return selection_mask(backend, sel) if known is None else _mask(backend, known)
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


def _term_ids(backend, terms: list[str]) -> dict[str, int]:
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
    ids = _term_ids(backend, terms)
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
        from analysis.errors import invalid_option as _bad
        raise _bad("measure", measure, ", ".join(TERM_MEASURES))
    mask = _mask(backend, sel, mask)
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
    mask = _mask(backend, sel, mask)
    if backend.kind != "memory" and isinstance(sel, Selection) and backend.cells(sel) is not None:
        cond, params = backend.cells(sel)
        ids = _term_ids(backend, terms)
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
    ids = _term_ids(backend, terms)
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
    ax = _axis(synth, np.ones(n_rows, dtype=bool), freq)
    if measure == "count":
        return replace(_series(ax, weights, measure, None, 1.0), kind="term")
    if measure == "share":
        return replace(_series(ax, weights, measure, articles, 1.0), kind="term")
    tokens = StoreTermVectors(backend).doc_lengths[mask]
    exposure = np.bincount(where, weights=tokens.astype(float), minlength=k + 1)[:n_rows]
    return replace(_series(ax, weights, measure, exposure, 1000.0), kind="term")


@dataclass
class StoreAgencyMentions:
    """``row, agency`` of the named mentions of some agencies (what ``analysis.timeline.agency_series`` and
    ``drill_down`` read of the mention table), from the store's agency index (or ``mentions`` when the store
    has none)."""

    frame: pd.DataFrame


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
                            _mask(backend, sel), freq, measure=measure)


def agency_choices(backend, limit: int = 200) -> list[str]:
    """The ``limit`` agencies most mentioned in the whole dataset, most first, ties by name
    (``analysis.timeline.agency_choices(mentions, None, limit)``)."""
    if backend.kind == "memory":
        from analysis.timeline import agency_choices as mem_choices
        return mem_choices(backend.mentions, None, limit)
    got = backend.query("""SELECT g.agency, count(*) AS n FROM mentions m JOIN agencies g USING (agency_id)
      WHERE g.agency <> '' GROUP BY g.agency""")
    got = got.astype({"agency": "str"}).sort_values(["n", "agency"], ascending=[False, True], kind="stable")
    return got["agency"].head(limit).tolist()


# ------------------------------------------------------------------------------------------------ counts
def vocabulary_counts(backend, mask: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(terms, count, documents)`` of every vocabulary term over the rows where ``mask`` is True (all rows
    when ``None``): ``TokenizedCorpus.counts``. SQL: ``doc_rows`` of the rows (or, above half the articles,
    the totals minus the rows left out), or ``doc_terms`` when the store has no ``doc_rows``."""
    if backend.kind == "memory":
        cnt, docs = backend.corpus.counts(mask)
        return np.asarray(backend.corpus.vocab, dtype=object), np.asarray(cnt, np.int64), np.asarray(docs, np.int64)
    names = backend.term_names()
    n = backend.store.n_articles
    if mask is None or (backend.rollups and mask.all()):
        cnt, docs = backend.term_totals() if backend.rollups else vocabulary_counts(backend, np.ones(n, bool))[1:]
        return names, cnt.copy(), docs.copy()
    if backend.has_doc_rows:
        if backend.rollups and mask.sum() > n // 2:
            cnt, docs = backend.term_counts(np.flatnonzero(~mask))
            all_cnt, all_docs = backend.term_totals()
            return names, all_cnt - cnt, all_docs - docs
        cnt, docs = backend.term_counts(np.flatnonzero(mask))
        return names, cnt, docs
    name = f"_vc_rows_{id(mask)}"
    backend.con.register(name, pa.table({"row": np.flatnonzero(mask).astype(np.int64)}))
    try:
        got = backend.con.execute(f"""SELECT d.term_id, sum(d.n) AS cnt, count(*) AS docs FROM doc_terms d
          JOIN articles a USING (article_id) WHERE a.row IN (SELECT row FROM {name}) GROUP BY d.term_id""").fetchnumpy()
    finally:
        backend.con.unregister(name)
    cnt, docs = np.zeros(len(names), dtype=np.int64), np.zeros(len(names), dtype=np.int64)
    ids = np.asarray(got["term_id"], dtype=np.int64)
    cnt[ids], docs[ids] = np.asarray(got["cnt"], dtype=np.int64), np.asarray(got["docs"], dtype=np.int64)
    return names, cnt, docs


def keyness(backend, a: Selection | np.ndarray, b: Selection | np.ndarray, n: int = 30, measure: str = "llr",
            min_count: int = 3) -> pd.DataFrame:
    """``analysis.keyness.keyness`` of side A against side B (selections or row masks; they may overlap):
    ``term, side, count_a, count_b, per_10k_a, per_10k_b, score`` — the ``n`` most distinctive terms of each
    side by signed G² (``llr``) or the log-odds z-score with the whole dataset as prior (``logodds``). Raises
    ``InvalidOption`` for an unknown measure or a negative ``n``/``min_count``."""
    mask_a, mask_b = _mask(backend, a), _mask(backend, b)
    if backend.kind == "memory":
        return mem_keyness(backend.corpus, mask_a, mask_b, n=n, measure=measure, min_count=min_count)
    union = mask_a | mask_b
    if backend.rollups and not (mask_a & mask_b).any() and union.sum() > backend.store.n_articles // 2:
        # two sides covering most articles (e.g. before / after a date): the union from the totals minus the
        # rows left out, the smaller side read, the larger one the difference (never more than half read twice)
        names, cu, _ = vocabulary_counts(backend, union)
        small_a = mask_a.sum() <= mask_b.sum()
        _, cs, _ = vocabulary_counts(backend, mask_a if small_a else mask_b)
        ca, cb = (cs, cu - cs) if small_a else (cu - cs, cs)
    else:
        names, ca, _ = vocabulary_counts(backend, mask_a)
        _, cb, _ = vocabulary_counts(backend, mask_b)
    return keyness_table(names, ca, cb, lambda: vocabulary_counts(backend, None)[1], n=n, measure=measure,
                         min_count=min_count)


def group_term_counts(backend, groups: np.ndarray, n_groups: int, term_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """``(count, documents)`` arrays of shape ``(n_groups, len(term_ids))``: the occurrences of each term and
    the articles holding it per group, where ``groups`` gives each article row's group (``-1`` = not
    counted). One pass over ``doc_rows`` (a lookup per entry), or ``doc_terms`` when the store has none."""
    k = len(term_ids)
    cnt = np.zeros(n_groups * k, dtype=np.int64)
    docs = np.zeros(n_groups * k, dtype=np.int64)
    if not k or not n_groups:
        return cnt.reshape(n_groups, k), docs.reshape(n_groups, k)
    groups = np.asarray(groups, dtype=np.int64)
    if backend.has_doc_rows:
        if backend._doc_rows is None:
            backend._doc_rows = backend.store.doc_rows() or []
        n_terms = len(backend.term_names())
        bits = term_bits(n_terms)
        low = (1 << bits) - 1
        slot = np.full(n_terms, -1, dtype=np.int64)
        slot[np.asarray(term_ids, dtype=np.int64)] = np.arange(k)
        asked = slot >= 0
        starts = np.asarray(backend.store.meta.get("parts", [0]), dtype=np.int64)
        for p, (indptr, packed) in enumerate(backend._doc_rows):
            size = len(indptr) - 1
            g = groups[starts[p]:starts[p] + size]
            if not (g >= 0).any():
                continue
            vals = np.asarray(packed)
            pos = np.flatnonzero(asked[vals & vals.dtype.type(low)])   # the asked terms' entries only (no int64 copy)
            row_g = g[np.searchsorted(indptr, pos, side="right") - 1]
            keep = row_g >= 0
            pos, row_g = pos[keep], row_g[keep]
            hit_vals = vals[pos]
            key = row_g * k + slot[(hit_vals & low).astype(np.intp)]
            cnt += np.bincount(key, weights=(hit_vals >> bits).astype(np.float64), minlength=n_groups * k
                               ).astype(np.int64)
            docs += np.bincount(key, minlength=n_groups * k)
    else:
        got = backend.con.execute(f"""SELECT a.row, d.term_id, d.n FROM doc_terms d JOIN articles a USING (article_id)
          WHERE d.term_id IN ({', '.join(str(int(i)) for i in term_ids)})""").fetchnumpy()
        row, tid, n = (np.asarray(got[c], dtype=np.int64) for c in ("row", "term_id", "n"))
        slot = {int(t): j for j, t in enumerate(term_ids)}
        g = groups[row]
        hit = g >= 0
        key = g[hit] * k + np.array([slot[int(t)] for t in tid[hit]], dtype=np.int64)
        cnt += np.bincount(key, weights=n[hit].astype(np.float64), minlength=n_groups * k).astype(np.int64)
        docs += np.bincount(key, minlength=n_groups * k)
    return cnt.reshape(n_groups, k), docs.reshape(n_groups, k)


def terms_by(backend, sel: Selection | np.ndarray, by: str = "source", *, freq: str = "month", n: int = 10,
             terms: list[str] | None = None, mask: np.ndarray | None = None) -> pd.DataFrame:
    """``analysis.keywords.terms_by`` of the selection: ``group, term, count, documents`` (long format, groups
    in sorted order, terms in the order of ``terms`` — by default the ``n`` top terms of the selection; undated
    articles left out when ``by="period"``). ``by``: ``source`` (""→未知来源), ``file`` (""→未知文件) or
    ``period`` (``freq``: day/week/month/quarter/year); ``mask``: the selection's row mask when the caller has it.
    Whole-month selections by month, quarter or year are summed from ``term_cells``. Raises ``InvalidOption``
    for another ``by``/``freq``."""
    if by not in ("source", "period", "file"):
        raise invalid_option("by", by, ("source", "period", "file"))
    if by == "period" and freq not in PERIODS:
        raise invalid_option("freq", freq, tuple(PERIODS))
    mask = _mask(backend, sel, mask)
    if backend.kind == "memory":
        return mem_terms_by(backend.articles, backend.corpus, by, freq=freq, mask=mask, n=n, terms=terms)
    empty = pd.DataFrame({"group": [], "term": [], "count": [], "documents": []}).astype(
        {"count": "int64", "documents": "int64"})
    if by == "period" and freq in ("month", "quarter", "year") and isinstance(sel, Selection) \
            and backend.cells(sel) is not None:
        return _terms_by_cells(backend, sel, mask, freq, n, terms, empty)
    rows = np.flatnonzero(mask)
    if by == "period":
        days = backend.row_days()[rows]
        rows = rows[days != np.iinfo(np.int64).min]
        mask = np.zeros_like(mask)
        mask[rows] = True
    if terms is None:
        names, cnt, docs = vocabulary_counts(backend, mask)
        terms = _top(names, cnt, docs, len(rows), n)
    ids = _term_ids(backend, list(terms))
    cols = [(t, ids[t]) for t in terms if t in ids]
    if not len(rows) or not cols:
        return empty
    if by == "period":
        keys, _ = label_dates(dates_frame(backend)["date"].to_numpy()[rows], freq)
        codes, uniq = pd.factorize(pd.Series(keys.astype(str)), sort=True)
    else:   # the column's codes per row (read once per backend), the groups present in the selection
        by_row, names = column_codes(backend, by)
        present = np.flatnonzero(np.bincount(by_row[rows], minlength=len(names)))
        shown = np.array([n or ("未知来源" if by == "source" else "未知文件") for n in names[present]], dtype=object)
        uniq, group_of_code = np.unique(shown.astype(str), return_inverse=True)
        lookup = np.full(len(names), -1, dtype=np.int64)
        lookup[present] = group_of_code
        codes = lookup[by_row[rows]]
    group_of = np.full(backend.store.n_articles, -1, dtype=np.int64)
    group_of[rows] = codes
    cnt, docs = group_term_counts(backend, group_of, len(uniq), [j for _, j in cols])
    return pd.DataFrame({"group": np.repeat(np.asarray(uniq, dtype=object).astype(str), len(cols)),
                         "term": [t for t, _ in cols] * len(uniq),
                         "count": cnt.ravel().astype(np.int64), "documents": docs.ravel().astype(np.int64)})


def _terms_by_cells(backend, sel: Selection, mask: np.ndarray, freq: str, n: int, terms: list[str] | None,
                    empty: pd.DataFrame) -> pd.DataFrame:
    """:func:`terms_by` per month, quarter or year of a selection of whole months, from the roll-up cells:
    the top terms and each period's counts are sums of ``term_cells`` (undated cells left out)."""
    cond, params = backend.cells(sel)
    days = backend.row_days()[mask]
    days = days[days != np.iinfo(np.int64).min]
    months = np.unique(codes_from_days(days, "month"))
    if terms is None:
        got = backend.query(f"""SELECT c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT)
          AS docs FROM term_cells c WHERE ({cond}) AND c.month IS NOT NULL GROUP BY c.term_id""", params)
        names = backend.term_names()
        cnt, docs = np.zeros(len(names), dtype=np.int64), np.zeros(len(names), dtype=np.int64)
        ids = got["term_id"].to_numpy(np.int64)
        cnt[ids], docs[ids] = got["cnt"].to_numpy(np.int64), got["docs"].to_numpy(np.int64)
        terms = _top(names, cnt, docs, len(days), n)
    ids = _term_ids(backend, list(terms))
    cols = [(t, ids[t]) for t in terms if t in ids]
    if not len(days) or not cols:
        return empty
    labels = np.asarray(label_dates(period_starts(months, "month"), freq)[0], dtype=object).astype(str)
    groups, group_of_month = np.unique(labels, return_inverse=True)
    slot = {int(m): int(g) for m, g in zip(months.tolist(), group_of_month.tolist())}
    got = backend.query(f"""SELECT c.month, c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT)
      AS docs FROM term_cells c WHERE ({cond}) AND c.month IS NOT NULL
      AND c.term_id IN ({', '.join(str(j) for _, j in cols)}) GROUP BY ALL""", params)
    col_of = {j: i for i, (_, j) in enumerate(cols)}
    cnt = np.zeros((len(groups), len(cols)), dtype=np.int64)
    docs = np.zeros((len(groups), len(cols)), dtype=np.int64)
    for m, j, c, d in zip(got["month"].tolist(), got["term_id"].tolist(), got["cnt"].tolist(), got["docs"].tolist()):
        if int(m) in slot:
            cnt[slot[int(m)], col_of[int(j)]] += c
            docs[slot[int(m)], col_of[int(j)]] += d
    return pd.DataFrame({"group": np.repeat(groups, len(cols)), "term": [t for t, _ in cols] * len(groups),
                         "count": cnt.ravel(), "documents": docs.ravel()})


_CODES: "weakref.WeakKeyDictionary[Any, dict[str, tuple[np.ndarray, np.ndarray]]]" = weakref.WeakKeyDictionary()


def column_codes(backend, column: str) -> tuple[np.ndarray, np.ndarray]:
    """``(code per article row, names)`` of the ``articles`` text column ``column`` (``source`` or ``file``; a
    missing value is ``""``), dictionary-encoded by Arrow once per backend (4 bytes per article)."""
    import pyarrow.compute as pc

    if column not in ("source", "file"):
        raise invalid_option("column", column, ("source", "file"))
    memo = _CODES.setdefault(backend, {})
    if column not in memo:
        got = backend.con.sql(f"SELECT row, coalesce({column}, '') AS k FROM articles ORDER BY row").to_arrow_table()
        enc = pc.dictionary_encode(got["k"]).combine_chunks()
        codes = np.zeros(backend.store.n_articles, dtype=np.int32)
        codes[got["row"].to_numpy()] = enc.indices.to_numpy(zero_copy_only=False)
        memo[column] = codes, np.asarray(enc.dictionary.to_pylist(), dtype=object)
    return memo[column]


def _top(names: np.ndarray, cnt: np.ndarray, docs: np.ndarray, n_sel: int, n: int) -> list[str]:
    """The ``n`` top terms (count, documents descending, then term) as ``TokenizedCorpus.top_terms``."""
    nz = np.flatnonzero(cnt) if n > 0 else np.zeros(0, dtype=np.int64)
    if len(nz) > n:
        kth = np.partition(cnt[nz], len(nz) - n)[len(nz) - n]
        nz = nz[cnt[nz] >= kth]
    return _tfidf_frame(names[nz], cnt[nz], docs[nz], n_sel, n)["term"].tolist()


# ------------------------------------------------------------------------------------------------ phrases
def term_sequences(backend, rows: np.ndarray) -> TokenizedCorpus:
    """A ``TokenizedCorpus`` holding only the term sequences (``term_seq``) of the article ``rows``
    (ascending), read part by part from the row groups holding them — what ``analysis.phrases`` reads
    (``vocab``, ``sequence``, ``offsets``; the matrix is empty)."""
    import scipy.sparse as sp

    store = backend.store
    files = store.files("term_seq")
    starts = np.asarray(store.meta.get("parts", [0]), dtype=np.int64)
    rows = np.asarray(rows, dtype=np.int64)
    part_of = np.searchsorted(starts, rows, side="right") - 1
    seqs, lens = [], []
    for p in np.unique(part_of).tolist():
        local = rows[part_of == p] - starts[p]
        pf = pq.ParquetFile(files[p])
        sizes = [pf.metadata.row_group(g).num_rows for g in range(pf.metadata.num_row_groups)]
        group_start = np.concatenate(([0], np.cumsum(sizes)))
        group_of = np.searchsorted(group_start, local, side="right") - 1
        for g in np.unique(group_of).tolist():
            here = local[group_of == g] - group_start[g]
            col = pf.read_row_group(g, columns=["terms"])["terms"].combine_chunks().take(pa.array(here))
            off = col.offsets.to_numpy().astype(np.int64)
            seqs.append(col.flatten().to_numpy().astype(np.int32))
            lens.append(np.diff(off))
    names = backend.term_names()
    seq = np.concatenate(seqs) if seqs else np.zeros(0, dtype=np.int32)
    offsets = np.concatenate(([0], np.cumsum(np.concatenate(lens)))).astype(np.int64) if lens else np.zeros(1, np.int64)
    vocab = [str(t) for t in names]
    return TokenizedCorpus(vocab=vocab, index={}, dtm=sp.csr_matrix((len(rows), len(vocab)), dtype=np.int32),
                           doc_lengths=np.diff(offsets), sequence=seq, offsets=offsets)


def phrases(backend, sel: Selection | np.ndarray, *, n: int = 50, min_count: int = 5, order: str = "llr",
            max_articles: int | None = PHRASE_MAX_ARTICLES) -> pd.DataFrame:
    """``analysis.phrases.phrases`` of the selection (``phrase, first, second, count, documents, llr, pmi``).
    The SQL backend reads the selected rows' term sequences; a selection of more than ``max_articles``
    articles raises ``InvalidOption`` (say so and ask to narrow it: never a sample). Raises ``InvalidOption``
    for a bad ``order``/``n``/``min_count`` too."""
    mask = _mask(backend, sel)
    if backend.kind == "memory":
        return mem_phrases(backend.corpus, mask, n=n, min_count=min_count, order=order)  # type: ignore[arg-type]
    rows = np.flatnonzero(mask)
    if max_articles is not None and len(rows) > max_articles:
        raise invalid_option("selection", f"{len(rows):,} articles", f"at most {max_articles:,} articles for phrases")
    return mem_phrases(term_sequences(backend, rows), None, n=n, min_count=min_count, order=order)  # type: ignore[arg-type]
