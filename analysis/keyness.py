"""Keyness: which terms distinguish subset A from subset B (two sources, two periods, a query vs the rest).

Two standard statistics over term counts (from a :class:`~analysis.keywords.TokenizedCorpus`):

- ``llr`` — Dunning's log-likelihood G² for the 2×2 table (term vs other terms, A vs B):
  ``G² = 2 Σ O ln(O / E)`` with ``E_A = N_A (a + b) / (N_A + N_B)``; ``score`` = G² signed (+ when the term is
  relatively more frequent in A, − in B). G² > 3.84 ⇔ p < 0.05, > 10.83 ⇔ p < 0.001 (1 d.f.).
- ``logodds`` — log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): prior
  ``α_w`` = the term's count in the whole corpus, ``α₀ = Σ α_w``;
  ``δ = ln((a + α)/(N_A + α₀ − a − α)) − ln((b + α)/(N_B + α₀ − b − α))``, ``score = δ / √(1/(a+α) + 1/(b+α))``
  (a z-score; + favours A).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.keywords import TokenizedCorpus

KEYNESS_COLUMNS = ("term", "side", "count_a", "count_b", "per_10k_a", "per_10k_b", "score")
MEASURES = ("llr", "logodds")


def xlogx_over(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """``o · ln(o / e)`` elementwise, 0 where ``o == 0`` — one term of Dunning's G² (log-likelihood ratio),
    shared by :func:`log_likelihood` and ``analysis.phrases`` (arrays of observed and expected counts)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(o / e), 0.0)


def log_likelihood(a: np.ndarray, b: np.ndarray, n_a: float, n_b: float) -> np.ndarray:
    """Signed Dunning G² per term (``a``, ``b``: counts in A and B; ``n_a``, ``n_b``: all terms in A and B)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    total = n_a + n_b
    e_a, e_b = n_a * (a + b) / total, n_b * (a + b) / total
    c, d = n_a - a, n_b - b
    e_c, e_d = n_a * (c + d) / total, n_b * (c + d) / total
    g2 = 2 * (xlogx_over(a, e_a) + xlogx_over(b, e_b) + xlogx_over(c, e_c) + xlogx_over(d, e_d))
    sign = np.sign(a / max(n_a, 1) - b / max(n_b, 1))
    return np.maximum(g2, 0.0) * sign


def log_odds_prior(a: np.ndarray, b: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """z-scores of the log-odds ratio with an informative Dirichlet ``prior`` (one pseudo-count per term)."""
    a, b, alpha = (np.asarray(x, dtype=float) for x in (a, b, prior))
    n_a, n_b, a0 = a.sum(), b.sum(), alpha.sum()
    delta = np.log((a + alpha) / (n_a + a0 - a - alpha)) - np.log((b + alpha) / (n_b + a0 - b - alpha))
    return delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))


def keyness(corpus: TokenizedCorpus, mask_a: np.ndarray, mask_b: np.ndarray, n: int = 30,
            measure: Literal["llr", "logodds"] = "llr", min_count: int = 3) -> pd.DataFrame:
    """The ``n`` most distinctive terms of each side: ``term, side, count_a, count_b, per_10k_a, per_10k_b,
    score``. A rows first (score descending), then B rows (score ascending). Terms with fewer than
    ``min_count`` occurrences in A and B together are left out. ``per_10k`` = occurrences per 10,000 terms of
    that side. The masks may overlap (an article in both counts on both sides)."""
    if measure not in MEASURES:
        raise invalid_option("measure", measure, MEASURES)
    if n < 0 or min_count < 0:
        raise invalid_option("n/min_count", (n, min_count), "integers ≥ 0")
    ca, _ = corpus.counts(mask_a)
    cb, _ = corpus.counts(mask_b)
    return keyness_table(np.array(corpus.vocab, dtype=object), ca, cb, lambda: corpus.counts(None)[0], n=n,
                         measure=measure, min_count=min_count)


def keyness_table(vocab: np.ndarray, ca: np.ndarray, cb: np.ndarray, prior: Callable[[], np.ndarray], *,
                  n: int = 30, measure: str = "llr", min_count: int = 3) -> pd.DataFrame:
    """The table of :func:`keyness` from the vocabulary (object array) and each side's count per term
    (``ca``, ``cb``); ``prior()`` gives the whole corpus's count per term (read only for ``logodds``). Shared by
    the in-memory page and the store's query layer (``analysis.store.query_terms``)."""
    if measure not in MEASURES:
        raise invalid_option("measure", measure, MEASURES)
    if n < 0 or min_count < 0:
        raise invalid_option("n/min_count", (n, min_count), "integers ≥ 0")
    ca, cb = np.asarray(ca).astype(np.int64), np.asarray(cb).astype(np.int64)
    n_a, n_b = float(ca.sum()), float(cb.sum())
    if measure == "llr":
        score = log_likelihood(ca, cb, n_a, n_b)
    else:
        score = log_odds_prior(ca, cb, np.asarray(prior()).astype(float))
    ok = (ca + cb) >= max(min_count, 1)
    idx = np.flatnonzero(ok)

    def side(sel: np.ndarray, label: str, sign: int) -> pd.DataFrame:
        sel = sel[np.lexsort((vocab[sel].astype(str), -sign * score[sel]))][:n]
        return pd.DataFrame({
            "term": vocab[sel].astype(str), "side": label, "count_a": ca[sel], "count_b": cb[sel],
            "per_10k_a": np.round(ca[sel] * 1e4 / n_a, 3) if n_a else 0.0,
            "per_10k_b": np.round(cb[sel] * 1e4 / n_b, 3) if n_b else 0.0,
            "score": np.round(score[sel], 4)})

    a_side = side(idx[score[idx] > 0], "A", 1)
    b_side = side(idx[score[idx] < 0], "B", -1)
    return pd.concat([a_side, b_side], ignore_index=True)
