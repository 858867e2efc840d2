"""Spike detection (analysis/spikes.py): constructed series with known spikes, flat series, edge cases."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.errors import InvalidOption
from analysis.spikes import SPIKE_COLUMNS, _scan, _scan_loop, _upper_tail, detect_spikes, spike_rows


def test_constructed_spikes_found_exactly():
    y = np.full(40, 10.0)
    y[[12, 25, 26]] = [40, 40, 35]
    found = detect_spikes(y)
    assert found["pos"].tolist() == [12, 25, 26]
    # the baseline of 26 leaves out the spike at 25 (flagged periods never enter later baselines)
    assert found["expected"].tolist() == [10.0, 10.0, 10.0]
    assert found["observed"].tolist() == [40.0, 40.0, 35.0]
    assert found["ratio"].tolist() == [4.0, 4.0, 3.5]
    assert found["dispersion"].tolist() == [1.0, 1.0, 1.0]
    assert found["p_value"].iloc[0] == pytest.approx(stats.poisson.sf(39, 10.0), rel=1e-9)
    assert found["score"].iloc[0] == pytest.approx(-np.log10(stats.poisson.sf(39, 10.0)))


def test_spikes_in_poisson_noise_found_exactly():
    rng = np.random.default_rng(7)
    y = rng.poisson(20, 150).astype(float)
    spikes = [30, 31, 90, 140]
    y[spikes] += [60, 45, 50, 80]
    assert detect_spikes(y)["pos"].tolist() == spikes


def test_flat_series_has_no_spike():
    assert detect_spikes(np.full(60, 12.0)).empty


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("lam", [3, 20, 200])
def test_flat_poisson_noise_has_no_spike(seed, lam):
    y = np.random.default_rng(seed).poisson(lam, 120)
    assert detect_spikes(y).empty


def test_overdispersed_noise_needs_more():
    # negative binomial noise (variance 6× the mean): 40 after a noisy baseline of ~10 is not enough
    y = np.array([3, 18, 5, 14, 20, 2, 9, 11, 2, 16, 26], dtype=float)
    assert detect_spikes(y[:-1].tolist() + [40]).empty
    assert detect_spikes(np.r_[np.full(10, 10.0), 40])["pos"].tolist() == [10]


@pytest.mark.parametrize("series", [[], [5], [0, 0, 0], [1, 2, 3, 100], np.zeros(50)])
def test_short_zero_and_single_series_have_no_spike(series):
    assert detect_spikes(series).empty


def test_a_lasting_new_level_becomes_the_baseline():
    y = np.r_[np.full(20, 10.0), np.full(30, 40.0)]
    # flagged while ≥ 4 of the 16 periods before are clean (20..32), then the new level is the baseline
    assert detect_spikes(y)["pos"].tolist() == list(range(20, 33))
    assert detect_spikes(np.r_[y, 120.0])["pos"].tolist() == [*range(20, 33), 50]


def test_first_periods_are_not_tested():
    y = [50, 10, 10, 10, 10, 10, 10, 10]  # a start-of-series burst has no baseline to compare with
    assert detect_spikes(y).empty
    assert detect_spikes([10, 10, 10, 10, 50])["pos"].tolist() == [4]  # min_history = 4 periods


def test_min_count_and_min_ratio():
    base = [0.0] * 10
    assert detect_spikes(base + [4]).empty           # below min_count 5
    assert detect_spikes(base + [5])["pos"].tolist() == [10]
    big = np.full(30, 10000.0)
    big[20] = 10900  # p tiny, but only 9 % above the baseline (min_ratio 1.5)
    assert detect_spikes(big).empty
    assert detect_spikes(big, min_ratio=1.05)["pos"].tolist() == [20]


def test_exposure_turns_counts_into_rates():
    # the term doubles only because the volume doubles: no spike in its rate
    counts = np.full(20, 10.0)
    exposure = np.full(20, 1000.0)
    counts[15], exposure[15] = 40, 4000
    assert detect_spikes(counts).pos.tolist() == [15]
    assert detect_spikes(counts, exposure).empty
    # the rate quadruples at constant volume: a spike, and the expected count uses the period's exposure
    exposure[15] = 1000
    found = detect_spikes(counts, exposure)
    assert found["pos"].tolist() == [15] and found["expected"].tolist() == [10.0]
    # periods without exposure (nothing published) are skipped, not tested, not in baselines
    e = np.r_[np.full(6, 100.0), 0, 0, 100.0]
    assert detect_spikes(np.r_[np.full(6, 5.0), 0, 0, 30], e)["pos"].tolist() == [8]


def test_upper_tail_matches_scipy():
    assert _upper_tail(12, 5.0, 1.0) == pytest.approx(stats.poisson.sf(11, 5.0), rel=1e-12)
    assert _upper_tail(12, 5.0, 2.5) == pytest.approx(stats.nbinom.sf(11, 5.0 / 1.5, 1 / 2.5), rel=1e-9)
    assert _upper_tail(0, 5.0, 1.0) == 1.0
    assert _upper_tail(3, 0.0, 1.0) == 0.0


@pytest.mark.parametrize("kwargs,message", [
    (dict(counts=[[1, 2]]), "invalid counts"),
    (dict(counts=[1, 2], exposure=[1]), "invalid exposure"),
    (dict(counts=[1, -2]), "invalid counts"),
    (dict(counts=[1, np.nan]), "invalid counts"),
    (dict(counts=[1, 2], window=1), "invalid window/min_history"),
    (dict(counts=[1, 2], alpha=0), "invalid alpha"),
])
def test_bad_input(kwargs, message):
    counts = kwargs.pop("counts")
    with pytest.raises(InvalidOption, match=message):
        detect_spikes(counts, **kwargs)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=0, max_size=80), st.data())
def test_vectorised_scan_equals_the_loop(counts, data):
    y = np.asarray(counts, dtype=float)
    use_exposure = data.draw(st.booleans())
    e = (np.asarray(data.draw(st.lists(st.integers(0, 50), min_size=len(counts), max_size=len(counts))), dtype=float)
         if use_exposure else np.ones_like(y))
    eligible = np.flatnonzero(e > 0)
    args = (y, e, eligible, 0.01 / max(1, eligible.size - 4), 8, 4, 5, 1.5)
    fast, slow = _scan(*args), _scan_loop(*args)
    assert [r[0] for r in fast] == [r[0] for r in slow]
    for a, b in zip(fast, slow):
        assert a[1:] == pytest.approx(b[1:], rel=1e-9, abs=1e-12)


def test_vectorised_scan_equals_the_loop_with_many_spikes():
    rng = np.random.default_rng(3)
    y = rng.poisson(8, 400).astype(float)
    y[rng.choice(400, 40, replace=False)] += rng.integers(20, 80, 40)
    e = rng.integers(0, 3, 400).astype(float)
    for exposure in (np.ones(400), e):
        eligible = np.flatnonzero(exposure > 0)
        args = (y, exposure, eligible, 0.01 / (eligible.size - 4), 8, 4, 5, 1.5)
        fast, slow = _scan(*args), _scan_loop(*args)
        assert len(fast) > 10 and [r[0] for r in fast] == [r[0] for r in slow]
        assert np.allclose([r[1:6] for r in fast], [r[1:6] for r in slow], rtol=1e-9)


def test_spike_rows_are_typed_records():
    y = [3, 4, 3, 5, 4, 3, 4, 30, 4, 3]
    rows = spike_rows(y)
    assert [type(r).__name__ for r in rows] == ["SpikeRow"]
    r = rows[0]
    assert (r.pos, r.observed) == (7, 30.0)
    assert r.expected == pytest.approx(26 / 7) and r.ratio == pytest.approx(30 / (26 / 7))
    assert tuple(r._fields) == SPIKE_COLUMNS and r.p_value < 1e-6 and r.score == pytest.approx(-math.log10(r.p_value))
