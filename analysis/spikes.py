"""Spike detection for count series: which periods rise well above their own recent baseline.

Method (an EARS/Farrington-style aberration test, as used in public-health surveillance):

1. **Baseline.** For period *t* the expected count is ``λ_t = r · e_t`` where ``e_t`` is the exposure of the
   period (1 for plain counts; tokens or articles for normalised series) and ``r = Σy / Σe`` over the
   trailing ``window`` *clean* periods before *t*: periods already flagged as spikes, and periods with zero
   exposure, are left out of later baselines, so one burst does not hide the next one or raise the baseline
   for the periods after it.
2. **Over-dispersion.** News counts vary more than Poisson. The dispersion ``φ`` is estimated from the same
   window (Pearson χ² / (k − 1), at least 1). The upper-tail p-value ``P(X ≥ y_t)`` comes from a negative
   binomial with mean ``λ_t`` and variance ``φ·λ_t`` (plain Poisson when ``φ = 1``).
3. **Decision.** A period is a spike when ``p < alpha / m`` (Bonferroni over the ``m`` periods that can be
   tested), ``y_t ≥ min_count`` and ``y_t ≥ min_ratio · λ_t``. The ratio guard keeps very large series from
   flagging statistically significant but tiny relative rises.

Limits: the first ``min_history`` periods (and any period with fewer clean periods before it) are not
tested — a spike at the very start of a series cannot be told from its baseline. Seasonality (weekday
effects at daily resolution) is not modelled; it only widens ``φ`` and makes the test more conservative.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import special

from analysis.errors import invalid_option

#: Default parameters (documented in the module docstring; the page and the CLI expose none of them).
WINDOW = 8
MIN_HISTORY = 4
MIN_COUNT = 5
ALPHA = 0.01
MIN_RATIO = 1.5

SPIKE_COLUMNS = ("pos", "observed", "expected", "ratio", "dispersion", "p_value", "score")


def _upper_tail(y: float, lam: float, phi: float) -> float:
    """``P(X ≥ y)`` for a count with mean ``lam`` and variance ``phi * lam``."""
    if lam <= 0:
        return 0.0 if y > 0 else 1.0
    if y <= 0:
        return 1.0
    if phi <= 1.0 + 1e-9:  # Poisson: P(X ≥ y) = P(y, λ), the regularised lower incomplete gamma
        return float(special.gammainc(y, lam))
    # negative binomial with size n and success probability q = 1/φ: P(X ≥ y) = I_{1-q}(y, n)
    n = lam / (phi - 1.0)
    return float(special.betainc(y, n, 1.0 - 1.0 / phi))


def detect_spikes(counts: np.ndarray | pd.Series | list, exposure: np.ndarray | pd.Series | list | None = None, *,
                  window: int = WINDOW, min_history: int = MIN_HISTORY, min_count: float = MIN_COUNT,
                  alpha: float = ALPHA, min_ratio: float = MIN_RATIO) -> pd.DataFrame:
    """Find the periods of ``counts`` that are spikes (see the module docstring for the method).

    ``counts`` are non-negative counts per period in time order (the complete index: zeros included);
    ``exposure`` (same length, optional) the size of each period's population — tokens for a per-1,000-
    tokens series, articles for a share-of-articles series. Returns one row per spike: ``pos`` (position in
    ``counts``), ``observed``, ``expected`` (baseline count), ``ratio`` (observed / expected), ``dispersion``
    (φ), ``p_value`` and ``score`` (−log10 p, capped at 300). Empty when no period qualifies.
    """
    rows = spike_rows(counts, exposure, window=window, min_history=min_history, min_count=min_count,
                      alpha=alpha, min_ratio=min_ratio)
    cols = list(zip(*rows)) if rows else [()] * len(SPIKE_COLUMNS)
    return pd.DataFrame({c: np.asarray(v, dtype=np.int64 if c == "pos" else float)
                         for c, v in zip(SPIKE_COLUMNS, cols)})


def spike_rows(counts: np.ndarray | pd.Series | list, exposure: np.ndarray | pd.Series | list | None = None, *,
               window: int = WINDOW, min_history: int = MIN_HISTORY, min_count: float = MIN_COUNT,
               alpha: float = ALPHA, min_ratio: float = MIN_RATIO) -> list[tuple]:
    """``detect_spikes`` as a list of tuples in ``SPIKE_COLUMNS`` order (no DataFrame, for hot loops)."""
    y = np.asarray(counts, dtype=float)
    if y.ndim != 1:
        raise invalid_option("counts", f"{y.ndim}-d array", "a 1-d sequence of counts")
    e = np.ones_like(y) if exposure is None else np.asarray(exposure, dtype=float)
    if e.shape != y.shape:
        raise invalid_option("exposure", f"length {e.size}", f"the length of counts ({y.size})")
    if window < 2 or min_history < 2 or min_history > window:
        raise invalid_option("window/min_history", (window, min_history), "2 ≤ min_history ≤ window")
    if not 0 < alpha < 1:
        raise invalid_option("alpha", alpha, "0 < alpha < 1")
    if np.any(~np.isfinite(y)) or np.any(y < 0) or np.any(e < 0):
        raise invalid_option("counts", "negative or missing values", "non-negative finite counts")
    eligible = np.flatnonzero(e > 0)
    threshold = alpha / max(1, eligible.size - min_history)  # Bonferroni over the periods that can be tested
    return _scan(y, e, eligible, threshold, window, min_history, min_count, min_ratio)


def _tails(y: np.ndarray, lam: np.ndarray, phi: np.ndarray) -> np.ndarray:
    """``_upper_tail`` over arrays."""
    p = np.ones(y.shape)
    p[(lam <= 0) & (y > 0)] = 0.0
    ok = (lam > 0) & (y > 0)
    pois = ok & (phi <= 1.0 + 1e-9)
    p[pois] = special.gammainc(y[pois], lam[pois])
    nb = ok & ~pois
    p[nb] = special.betainc(y[nb], lam[nb] / (phi[nb] - 1.0), 1.0 - 1.0 / phi[nb])
    return p


def _scan(y: np.ndarray, e: np.ndarray, eligible: np.ndarray, threshold: float, window: int, min_history: int,
          min_count: float, min_ratio: float) -> list[tuple]:
    """The test of every eligible period, vectorised. Until the first spike, every earlier period is clean, so
    all baselines come from running sums over the clean periods at once; after a spike it is taken out of the
    clean periods and the scan resumes behind it (one vectorised pass per spike)."""
    flagged = np.zeros(y.size, dtype=bool)
    rows: list[tuple] = []
    start = 0
    while start < eligible.size:
        clean = eligible[~flagged[eligible]]
        cy, ce = y[clean], e[clean]
        sums = [np.concatenate(([0.0], np.cumsum(v))) for v in (cy, ce, cy * cy / ce)]
        ts = eligible[start:]
        k = np.searchsorted(clean, ts)          # clean periods before each t
        lo = np.maximum(k - window, 0)
        sy, se, sq = (c[k] - c[lo] for c in sums)
        nwin = k - lo
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(se > 0, sy / np.where(se > 0, se, 1.0), 0.0)
        lam = rate * e[ts]
        yt = y[ts]
        cand = np.flatnonzero((nwin >= min_history) & (yt >= min_count) & (yt >= min_ratio * lam))
        if cand.size == 0:
            break
        r = rate[cand]
        with np.errstate(divide="ignore", invalid="ignore"):
            # Pearson χ² = Σ (y − r·e)² / (r·e) = Σ(y²/e) / r − Σy
            chi2 = np.where(r > 0, sq[cand] / np.where(r > 0, r, 1.0) - sy[cand], 0.0)
        phi = np.where(r > 0, np.maximum(1.0, chi2 / (nwin[cand] - 1)), 1.0)
        p = _tails(yt[cand], lam[cand], phi)
        hit = np.flatnonzero(p < threshold)
        if hit.size == 0:
            break
        h = hit[0]
        j = cand[h]
        t, obs, exp_, pv = int(ts[j]), float(yt[j]), float(lam[j]), float(p[h])
        rows.append((t, obs, exp_, obs / exp_ if exp_ > 0 else math.inf, float(phi[h]), pv,
                     min(300.0, -math.log10(pv)) if pv > 0 else 300.0))
        flagged[t] = True
        start += int(j) + 1
    return rows


def _scan_loop(y: np.ndarray, e: np.ndarray, eligible: np.ndarray, threshold: float, window: int,
               min_history: int, min_count: float, min_ratio: float) -> list[tuple]:
    """The same test, one period at a time (the reference ``_scan`` is checked against in the tests)."""
    clean_y: list[float] = []   # counts and exposures of the clean periods so far (most recent last)
    clean_e: list[float] = []
    rows = []
    for t in eligible.tolist():
        yt = float(y[t])
        if len(clean_y) >= min_history:
            yw, ew = clean_y[-window:], clean_e[-window:]
            rate = sum(yw) / sum(ew)
            lam = rate * float(e[t])
            if yt >= min_count and yt >= min_ratio * lam:
                phi = 1.0
                if rate > 0:
                    chi2 = sum((a - rate * b) ** 2 / (rate * b) for a, b in zip(yw, ew))
                    phi = max(1.0, chi2 / (len(yw) - 1))
                p = _upper_tail(yt, lam, phi)
                if p < threshold:
                    rows.append((t, yt, lam, yt / lam if lam > 0 else math.inf, phi, p,
                                 min(300.0, -math.log10(p)) if p > 0 else 300.0))
                    continue
        clean_y.append(yt)
        clean_e.append(float(e[t]))
    return rows
