"""Two saved datasets compared (the 关键词 page's 对比 → 两个数据集): the terms most distinctive of each, on
any two query backends (memory or DuckDB, one of each allowed) — what the in-memory page computes by
tokenizing the two datasets together (``ui.compare.compare_datasets`` + ``analysis.keyness.keyness`` over
side A = every article of the first, B = of the second, reposts left out per side when the filters leave
them out). A term's count in the pair is its count in its own dataset (each article is tokenized alone), so
each side is its store's term counts (``query_vocab.vocabulary_counts``: the ``term_totals`` roll-up minus
the reposts' rows) matched by term; the prior of ``logodds`` is both datasets' counts over every article.
``tests/test_query_compare.py`` checks memory = DuckDB = the page's function, exact.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.keyness import keyness_table
from analysis.store.query_vocab import vocabulary_counts


def _kept(backend) -> np.ndarray:
    """Bool per article row: not a repost (``duplicate_of`` empty)."""
    if backend.kind == "memory":
        return backend.articles["duplicate_of"].isna().to_numpy()
    kept = np.ones(backend.store.n_articles, dtype=bool)
    kept[backend.query("SELECT a.row FROM articles a WHERE a.duplicate_of IS NOT NULL")["row"].to_numpy(np.int64)] = False
    return kept


def side_counts(backend, dedupe: bool = True) -> tuple[pd.Series, pd.Series, int]:
    """One dataset as a side of the comparison: occurrences per term of its articles (without reposts with
    ``dedupe``) and of every article (the prior), both indexed by term, and the number of articles counted."""
    kept = _kept(backend) if dedupe else None
    names, every, _ = vocabulary_counts(backend, None)
    cnt = vocabulary_counts(backend, kept)[1] if kept is not None else every
    total = len(backend.articles) if backend.kind == "memory" else backend.store.n_articles
    n = int(kept.sum()) if kept is not None else total
    index = pd.Index(np.asarray(names, dtype=object).astype(str))
    return pd.Series(np.asarray(cnt, np.int64), index=index), pd.Series(np.asarray(every, np.int64), index=index), n


def compare_datasets(a, b, *, dedupe: bool = True, n: int = 30, measure: str = "llr",
                     min_count: int = 3) -> tuple[pd.DataFrame, int, int]:
    """``analysis.keyness.keyness`` of dataset ``a`` (side A) against dataset ``b`` (side B), each a query
    backend: ``term, side, count_a, count_b, per_10k_a, per_10k_b, score`` (``n`` rows per side), and the
    articles counted on each side. Raises ``InvalidOption`` for an unknown measure or a negative
    ``n``/``min_count`` (``keyness_table``)."""
    ca, pa_, na = side_counts(a, dedupe)
    cb, pb, nb = side_counts(b, dedupe)
    vocab = ca.index.union(cb.index)
    ca, cb = ca.reindex(vocab, fill_value=0), cb.reindex(vocab, fill_value=0)
    prior = pa_.reindex(vocab, fill_value=0) + pb.reindex(vocab, fill_value=0)
    table = keyness_table(np.asarray(vocab, dtype=object), ca.to_numpy(), cb.to_numpy(), lambda: prior.to_numpy(),
                          n=n, measure=measure, min_count=min_count)
    return table, na, nb
