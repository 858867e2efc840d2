"""Spike detection for count series: which periods rise well above their own recent baseline.

Method (an EARS/Farrington-style aberration test, as used in public-health surveillance):

1. **Baseline.** For period *t* the expected count is ``λ_t = r · e_t`` where ``e_t`` is the exposure of the
   period (1 for plain counts; tokens or articles for normalised series) and ``r = Σy / Σe`` over the last
   ``window`` *clean* periods among the ``2·window`` periods before *t*: periods already flagged as spikes
   are left out of later baselines, so one burst does not hide the next one or raise the baseline for the
   periods after it. When fewer than ``min_history`` of those periods are clean (a burst has lasted most of
   that time), the last ``window`` periods are used whatever they were, so a lasting new level becomes the
   baseline instead of being flagged for ever. Periods with zero exposure (nothing published) are neither
   tested nor part of any baseline.
2. **Over-dispersion.** News counts vary more than Poisson. The dispersion ``φ`` is estimated from the same
   window (Pearson χ² / (k − 1), at least 1). The upper-tail p-value ``P(X ≥ y_t)`` comes from a negative
   binomial with mean ``λ_t`` and variance ``φ·λ_t`` (plain Poisson when ``φ = 1``).
3. **Decision.** A period is a spike when ``p < alpha / m`` (Bonferroni over the ``m`` periods that can be
   tested), ``y_t ≥ min_count`` and ``y_t ≥ min_ratio · λ_t``. The ratio guard keeps very large series from
   flagging statistically significant but tiny relative rises.

Limits: the first ``min_history`` periods are not tested — a spike at the very start of a series cannot be
told from its baseline. A lasting new level is flagged for up to ``2·window − min_history`` periods before it
becomes the baseline. Seasonality (weekday effects at daily resolution, yearly events) is not modelled; it only
widens ``φ`` and makes the test more conservative. In simulations of flat Poisson series (λ 3, 20, 200; 120
periods; 200 seeds each) 9 of 600 series showed a false spike: about 1.5 %, near the nominal family-wise 1 %
(the baseline is itself estimated from only ``window`` periods).
"""
from __future__ import annotations

import math
from typing import NamedTuple

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

#: p-values below this are shown as ``< 1e-15`` (:func:`p_value_text`): a double resolves about 16 digits, so a
#: smaller p (or one that underflowed to 0) says only "far beyond any threshold".
P_FLOOR = 1e-15


def p_value_text(p: float | None) -> str:
    """A p-value as shown in every spike table (the 时间线 page and the report): ``""`` when missing,
    ``< 1e-15`` for anything below :data:`P_FLOOR` (0 included: never a p of 0), else two significant digits
    (``0.0031``, ``2.4e-07``)."""
    if p is None or pd.isna(p):
        return ""
    return "< 1e-15" if p < P_FLOOR else f"{p:.2g}"


SPIKE_COLUMNS = ("pos", "observed", "expected", "ratio", "dispersion", "p_value", "score")


class SpikeRow(NamedTuple):
    """One spike found by :func:`spike_rows` (a tuple in :data:`SPIKE_COLUMNS` order)."""

    pos: int            # position of the period in the counts
    observed: float     # its count
    expected: float     # the baseline count (the window's rate × the period's exposure)
    ratio: float        # observed / expected (inf when expected is 0)
    dispersion: float   # φ, the window's variance / mean (1 = Poisson)
    p_value: float      # P(X ≥ observed) under the baseline
    score: float        # −log10 p, capped at 300


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
               alpha: float = ALPHA, min_ratio: float = MIN_RATIO) -> list[SpikeRow]:
    """``detect_spikes`` as a list of :class:`SpikeRow` in time order (no DataFrame, for hot loops)."""
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
          min_count: float, min_ratio: float) -> list[SpikeRow]:
    """The test of every eligible period, vectorised. Until the next spike is found, the clean periods are known
    for every later period, so all baselines come from running sums at once; after a spike it leaves the clean
    periods and the scan resumes behind it (one vectorised pass per spike)."""
    flagged = np.zeros(y.size, dtype=bool)
    ye, ee = y[eligible], e[eligible]
    all_sums = [np.concatenate(([0.0], np.cumsum(v))) for v in (ye, ee, ye * ye / ee)]
    rows: list[SpikeRow] = []
    start = max(min_history, 0)
    chunk = 64  # periods tested per pass: spikes come in bursts, so look ahead a little, then further
    clean: np.ndarray | None = None
    sums: list[np.ndarray] = []
    while start < eligible.size:
        if clean is None:
            clean = eligible[~flagged[eligible]]
            cy, ce = y[clean], e[clean]
            sums = [np.concatenate(([0.0], np.cumsum(v))) for v in (cy, ce, cy * cy / ce)]
        i = np.arange(start, min(eligible.size, start + chunk))
        ts = eligible[i]
        k = np.searchsorted(clean, ts)                                  # clean periods before t
        k_recent = np.searchsorted(clean, eligible[np.maximum(i - 2 * window, 0)])
        lo = np.maximum(k - window, k_recent)
        n_clean = k - lo
        use_clean = n_clean >= min_history
        lo_all = np.maximum(i - window, 0)                              # fallback: the last periods, spikes too
        sy, se, sq = (np.where(use_clean, c[k] - c[lo], a[i] - a[lo_all]) for c, a in zip(sums, all_sums))
        nwin = np.where(use_clean, n_clean, i - lo_all)
        rate = sy / se
        lam = rate * e[ts]
        yt = y[ts]
        cand = np.flatnonzero((yt >= min_count) & (yt >= min_ratio * lam))
        if cand.size == 0:
            start, chunk = start + i.size, chunk * 2
            continue
        r = rate[cand]
        with np.errstate(divide="ignore", invalid="ignore"):
            # Pearson χ² = Σ (y − r·e)² / (r·e) = Σ(y²/e) / r − Σy
            chi2 = np.where(r > 0, sq[cand] / np.where(r > 0, r, 1.0) - sy[cand], 0.0)
        phi = np.where(r > 0, np.maximum(1.0, chi2 / (nwin[cand] - 1)), 1.0)
        p = _tails(yt[cand], lam[cand], phi)
        hit = np.flatnonzero(p < threshold)
        if hit.size == 0:
            start, chunk = start + i.size, chunk * 2
            continue
        h = hit[0]
        j = cand[h]
        t, obs, exp_, pv = int(ts[j]), float(yt[j]), float(lam[j]), float(p[h])
        rows.append(SpikeRow(t, obs, exp_, obs / exp_ if exp_ > 0 else math.inf, float(phi[h]), pv,
                             min(300.0, -math.log10(pv)) if pv > 0 else 300.0))
        flagged[t] = True
        start, chunk, clean = int(i[j]) + 1, 64, None
    return rows


def _scan_loop(y: np.ndarray, e: np.ndarray, eligible: np.ndarray, threshold: float, window: int,
               min_history: int, min_count: float, min_ratio: float) -> list[SpikeRow]:
    """The same test, one period at a time (the reference ``_scan`` is checked against in the tests)."""
    flagged: set[int] = set()
    rows: list[SpikeRow] = []
    order = eligible.tolist()
    for i, t in enumerate(order):
        if i < min_history:
            continue
        clean = [q for q in order[max(0, i - 2 * window):i] if q not in flagged][-window:]
        win = clean if len(clean) >= min_history else order[max(0, i - window):i]
        yw, ew = [float(y[q]) for q in win], [float(e[q]) for q in win]
        yt = float(y[t])
        rate = sum(yw) / sum(ew)
        lam = rate * float(e[t])
        if yt >= min_count and yt >= min_ratio * lam:
            phi = 1.0
            if rate > 0:
                chi2 = sum((a - rate * b) ** 2 / (rate * b) for a, b in zip(yw, ew))
                phi = max(1.0, chi2 / (len(yw) - 1))
            p = _upper_tail(yt, lam, phi)
            if p < threshold:
                rows.append(SpikeRow(t, yt, lam, yt / lam if lam > 0 else math.inf, phi, p,
                                     min(300.0, -math.log10(p)) if p > 0 else 300.0))
                flagged.add(t)
    return rows
