"""Whole-vocabulary and per-group term counts of a store for any selection, on both backends (the memory backend
is the reference): keyness A vs B (关键词 → 对比), terms per group (关键词 → 分组) and phrases (关键词 → 短语) —
the numbers the in-memory page computes with ``analysis.keyness``, ``analysis.keywords.terms_by`` and
``analysis.phrases``, exactly (never sampled).

How the SQL (DuckDB) backend answers without holding the corpus:

- whole-vocabulary counts of a set of rows (keyness) come from ``doc_rows`` (``DuckBackend.term_counts``);
  when more than half the articles are asked, the store's totals minus the rows left out;
- counts of a few terms per group (source, file, period) are one pass over ``doc_rows`` with a row → group
  array (:func:`group_term_counts`), or ``doc_terms`` when the store has no ``doc_rows``; per month, quarter
  or year of a whole-month selection, sums of ``term_cells``;
- phrases read the selected rows' term sequences (``term_seq``) part by part: they are answered for a
  selection of at most :data:`PHRASE_MAX_ARTICLES` articles (the caller says so and asks to narrow it).
"""
from __future__ import annotations

import weakref
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.errors import invalid_option
from analysis.keyness import keyness as mem_keyness, keyness_table
from analysis.keywords import PERIODS, TokenizedCorpus, terms_by as mem_terms_by
from analysis.periods import codes_from_days, label_dates, period_starts
from analysis.phrases import phrases as mem_phrases
from analysis.store.backends import Selection
from analysis.store.build import term_bits
from analysis.store.query import tfidf_frame
from analysis.store.query_terms import as_mask, dates_frame, term_ids

__all__ = ["PHRASE_MAX_ARTICLES", "column_codes", "group_term_counts", "keyness", "phrases", "term_sequences",
           "terms_by", "vocabulary_counts"]

#: The largest selection whose phrases the SQL backend computes: its term sequences are read, paired and sorted
#: in memory (≈ 4.5 M pairs and 0.7 CPU-s per 20,000 articles of the 1M store: scripts/bench_large_terms.py);
#: above it the page asks to narrow the selection.
PHRASE_MAX_ARTICLES = 50_000


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
    mask_a, mask_b = as_mask(backend, a), as_mask(backend, b)
    if backend.kind == "memory":
        return mem_keyness(backend.corpus, mask_a, mask_b, n=n, measure=measure,  # type: ignore[arg-type]
                           min_count=min_count)
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
        slot_of = {int(t): j for j, t in enumerate(term_ids)}
        g = groups[row]
        hit = g >= 0
        key = g[hit] * k + np.array([slot_of[int(t)] for t in tid[hit]], dtype=np.int64)
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
    mask = as_mask(backend, sel, mask)
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
    ids = term_ids(backend, list(terms))
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
    ids = term_ids(backend, list(terms))
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
    return tfidf_frame(names[nz], cnt[nz], docs[nz], n_sel, n)["term"].tolist()


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
    mask = as_mask(backend, sel)
    if backend.kind == "memory":
        return mem_phrases(backend.corpus, mask, n=n, min_count=min_count, order=order)  # type: ignore[arg-type]
    rows = np.flatnonzero(mask)
    if max_articles is not None and len(rows) > max_articles:
        raise invalid_option("selection", f"{len(rows):,} articles", f"at most {max_articles:,} articles for phrases")
    return mem_phrases(term_sequences(backend, rows), None, n=n, min_count=min_count, order=order)  # type: ignore[arg-type]
