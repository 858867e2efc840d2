"""Phrases: pairs of adjacent terms that occur together more often than chance (collocations).

Bigrams are counted over each article's term sequence (``TokenizedCorpus.sequence``): two terms are a pair
only when they were adjacent in the text (no dropped stopword, punctuation or number between them). Ranked by
Dunning's log-likelihood G² of the 2×2 table (first term, second term); PMI is reported beside it:
``pmi = log2(N · c(ab) / (c(a·) · c(·b)))`` with ``N`` = all pairs, ``c(a·)`` = pairs starting with ``a``,
``c(·b)`` = pairs ending with ``b``. Only positively associated pairs with ``count ≥ min_count`` are kept.
"""
from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.filters import check_mask
from analysis.keyness import xlogx_over
from analysis.keywords import TokenizedCorpus
from analysis.segment import sorted_runs

PHRASE_COLUMNS = ("phrase", "first", "second", "count", "documents", "llr", "pmi")


def _join(a: str, b: str) -> str:
    return f"{a} {b}" if (a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum()) else a + b


def bigram_pairs(corpus: TokenizedCorpus, mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(pair codes first * n_terms + second, document row of each pair)`` of the selected rows."""
    if corpus.sequence is None or corpus.offsets is None:
        raise invalid_option("corpus", "without term sequences", "a corpus from tokenize_corpus")
    seq, off = corpus.sequence, corpus.offsets
    doc = np.repeat(np.arange(corpus.n_docs, dtype=np.int64), np.diff(off))
    if len(seq) < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    a, b = seq[:-1].astype(np.int64), seq[1:].astype(np.int64)
    ok = (a >= 0) & (b >= 0) & (doc[:-1] == doc[1:])
    if mask is not None:
        ok &= check_mask(mask, corpus.n_docs)[doc[:-1]]
    v = len(corpus.vocab)
    return a[ok] * v + b[ok], doc[:-1][ok]


def pair_counts(codes: np.ndarray, docs: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(pairs, count, documents)``: the distinct pair codes (ascending), their occurrences and the distinct
    documents holding each. Sorts (numpy ≥ 2.3's ``np.unique`` hashes first, ≈ 4× slower on millions of pairs:
    ``scripts/bench_large_terms.py``); (pair, document) keys packed in one int64 when they fit."""
    uniq, cnt = sorted_runs(np.sort(codes))
    width = int(n_docs) + 1
    if len(uniq) and int(uniq[-1]) < (2**62) // width:
        distinct, _ = sorted_runs(np.sort(codes * width + docs))
        _, per_pair = sorted_runs(distinct // width)
    else:  # too wide to pack: the pairs' rank instead of their code
        rank = np.searchsorted(uniq, codes)
        distinct, _ = sorted_runs(np.sort(rank * width + docs))
        per_pair = np.bincount(distinct // width, minlength=len(uniq))
    return uniq, cnt.astype(np.int64), per_pair.astype(np.int64)


def phrases(corpus: TokenizedCorpus, mask: np.ndarray | None = None, *, n: int = 50, min_count: int = 5,
            order: Literal["llr", "pmi", "count"] = "llr") -> pd.DataFrame:
    """Top ``n`` two-term phrases: ``phrase, first, second, count, documents, llr, pmi`` (see module doc)."""
    if order not in ("llr", "pmi", "count"):
        raise invalid_option("order", order, ("llr", "pmi", "count"))
    if n < 0 or min_count < 1:
        raise invalid_option("n/min_count", (n, min_count), "n ≥ 0, min_count ≥ 1")
    codes, docs = bigram_pairs(corpus, mask)
    v = max(len(corpus.vocab), 1)
    empty = pd.DataFrame({c: [] for c in PHRASE_COLUMNS}).astype({"count": "int64", "documents": "int64"})
    if not len(codes):
        return empty
    uniq, cnt, doc_cnt = pair_counts(codes, docs, corpus.n_docs)
    total = float(len(codes))
    first_tot = np.bincount((codes // v), minlength=v).astype(float)
    second_tot = np.bincount((codes % v), minlength=v).astype(float)
    keep = cnt >= min_count
    uniq, cnt_k = uniq[keep], cnt[keep].astype(float)
    if not len(uniq):
        return empty
    fa, sb = uniq // v, uniq % v
    c1, c2 = first_tot[fa], second_tot[sb]
    k11, k12, k21 = cnt_k, c1 - cnt_k, c2 - cnt_k
    k22 = total - k11 - k12 - k21
    e11, e12, e21, e22 = c1 * c2 / total, c1 * (total - c2) / total, (total - c1) * c2 / total, \
        (total - c1) * (total - c2) / total
    llr = 2 * (xlogx_over(k11, e11) + xlogx_over(k12, e12) + xlogx_over(k21, e21) + xlogx_over(k22, e22))
    pmi = np.log2(k11 * total / (c1 * c2))
    pos = k11 > e11
    doc_cnt = doc_cnt[keep]
    vocab = corpus.vocab
    df = pd.DataFrame({"first": [vocab[i] for i in fa], "second": [vocab[i] for i in sb],
                       "count": cnt_k.astype(np.int64), "documents": doc_cnt.astype(np.int64),
                       "llr": np.round(llr, 4), "pmi": np.round(pmi, 4)})[pos]
    df.insert(0, "phrase", [_join(a, b) for a, b in zip(df["first"], df["second"])])
    return df.sort_values([order, "count", "phrase"], ascending=[False, False, True], kind="stable") \
        .head(n).reset_index(drop=True)
