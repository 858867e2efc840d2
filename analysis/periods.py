"""Calendar periods shared by every page and CLI command: day, ISO week, month, quarter, year.

One definition, two forms:

- **numpy**: :func:`period_codes` maps dates to integer period codes (consecutive periods have consecutive
  codes), :func:`period_starts` / :func:`period_labels` map codes back to first days and labels;
- **SQL (DuckDB)**: :func:`sql_period_code` is an expression computing the *same* integer code from a
  ``DATE`` column, so aggregations over the Parquet store (``analysis.store``) group exactly like the
  in-memory path. ``tests/test_periods.py`` checks both forms agree day by day over several years.

Codes: day = days since 1970-01-01; week = ISO weeks since the week of Monday 1969-12-29 (1970-01-01 was a
Thursday, so ISO weeks are ``(days + 3) // 7``); month = months since 1970-01; quarter = month // 3;
year = years since 1970.

Labels (ISO 8601, as on the 时间线 page): day ``2024-05-02``; week ``2024-W18`` (weeks run Monday to Sunday and
belong to the ISO year of their Thursday, so 2021-01-01 is in ``2020-W53``); month ``2024-05``; quarter
``2024-Q2``; year ``2024``.

Before this module the 关键词 and 机构 pages used pandas ``W-MON`` periods (Tuesday–Monday weeks) while the
时间线 page used ISO weeks, so the same week was counted differently on two pages (issue 10).
"""
from __future__ import annotations

import functools
from typing import Any, Literal

import numpy as np
import pandas as pd

from analysis.errors import invalid_option

Freq = Literal["day", "week", "month", "quarter", "year"]
FREQS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")


def check_freq(freq: str) -> str:
    """``freq`` itself, or :class:`~analysis.errors.InvalidOption` naming the allowed values."""
    if freq not in FREQS:
        raise invalid_option("freq", freq, ", ".join(FREQS))
    return freq


def day_numbers(dates: pd.Series | pd.DatetimeIndex | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Days since 1970-01-01 (int64, 0 for unknown dates) and whether each date is known (bool)."""
    values = np.asarray(dates)
    if values.dtype.kind != "M":  # the article table's dates are datetime64 already; anything else is parsed
        values = np.asarray(pd.to_datetime(pd.Series(values), errors="coerce"), dtype="datetime64[ns]")
    dated = ~np.isnat(values)
    days = values.astype("datetime64[D]").astype(np.int64)
    days[~dated] = 0
    return days, dated


def codes_from_days(days: np.ndarray, freq: str) -> np.ndarray:
    """Period codes (int64) of day numbers (see the module docstring)."""
    freq = check_freq(freq)
    days = np.asarray(days, dtype=np.int64)
    if freq == "day":
        return days.copy()
    if freq == "week":  # 1970-01-01 was a Thursday: Monday 1969-12-29 starts week 0
        return (days + 3) // 7
    d = days.astype("datetime64[D]")
    if freq == "year":
        return d.astype("datetime64[Y]").astype(np.int64)
    months = d.astype("datetime64[M]").astype(np.int64)
    return months if freq == "month" else months // 3


def period_codes(dates: pd.Series | np.ndarray, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer period code of each date and a ``dated`` mask (codes of undated rows are 0 and must be
    ignored). Raises ``InvalidOption`` for an unknown ``freq``."""
    days, dated = day_numbers(dates)
    codes = codes_from_days(days, freq)
    codes[~dated] = 0
    return codes, dated


def period_starts(codes: np.ndarray, freq: str) -> np.ndarray:
    """First day (``datetime64[D]``) of each period code."""
    freq = check_freq(freq)
    codes = np.asarray(codes, dtype=np.int64)
    if freq == "day":
        return codes.astype("datetime64[D]")
    if freq == "week":
        return (codes * 7 - 3).astype("datetime64[D]")
    if freq == "year":
        return codes.astype("datetime64[Y]").astype("datetime64[D]")
    months = codes if freq == "month" else codes * 3
    return months.astype("datetime64[M]").astype("datetime64[D]")


def period_ends(codes: np.ndarray, freq: str) -> np.ndarray:
    """Last day (``datetime64[D]``) of each period code."""
    return period_starts(np.asarray(codes, dtype=np.int64) + 1, freq) - np.timedelta64(1, "D")


def period_labels(codes: np.ndarray, freq: str) -> list[str]:
    """Labels of period codes (formats in the module docstring)."""
    freq = check_freq(freq)
    codes = np.asarray(codes, dtype=np.int64)
    if codes.size == 0:
        return []
    if freq == "year":
        return [str(y) for y in (codes + 1970).tolist()]
    if freq == "quarter":
        return [f"{y}-Q{q}" for y, q in zip((codes // 4 + 1970).tolist(), (codes % 4 + 1).tolist())]
    if freq == "month":
        return [f"{y}-{m:02d}" for y, m in zip((codes // 12 + 1970).tolist(), (codes % 12 + 1).tolist())]
    starts = pd.DatetimeIndex(period_starts(codes, freq))
    if freq == "day":
        return [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(starts.year.tolist(), starts.month.tolist(),
                                                          starts.day.tolist())]
    iso = starts.isocalendar()
    return [f"{y}-W{w:02d}" for y, w in zip(iso["year"].tolist(), iso["week"].tolist())]


def label_dates(dates: pd.Series | np.ndarray, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """Period label per date (object array, ``""`` for undated rows) and the ``dated`` mask."""
    codes, dated = period_codes(dates, freq)
    out = np.full(len(codes), "", dtype=object)
    if dated.any():
        uniq, inv = np.unique(codes[dated], return_inverse=True)
        out[dated] = np.asarray(period_labels(uniq, freq), dtype=object)[inv]
    return out, dated


def start_dates(dates: pd.Series | np.ndarray, freq: str) -> np.ndarray:
    """First day of the period of each date as ``datetime64[ns]`` (``NaT`` for undated rows)."""
    codes, dated = period_codes(dates, freq)
    out = period_starts(codes, freq).astype("datetime64[ns]")
    out[~dated] = np.datetime64("NaT")
    return out


def sql_period_code(column: str, freq: str) -> str:
    """A DuckDB expression giving the period code (BIGINT) of the ``DATE``/``TIMESTAMP`` expression
    ``column`` — the same integers as :func:`period_codes` (``NULL`` for a ``NULL`` date). ``column`` is
    inserted as is: pass a quoted identifier, never user text."""
    freq = check_freq(freq)
    d = f"CAST({column} AS DATE)"
    days = f"(CAST({d} - DATE '1970-01-01' AS BIGINT))"
    if freq == "day":
        return days
    if freq == "week":
        return f"CAST(floor(({days} + 3) / 7.0) AS BIGINT)"
    months = f"(CAST((year({d}) - 1970) * 12 + month({d}) - 1 AS BIGINT))"
    if freq == "month":
        return months
    if freq == "quarter":
        return f"CAST(floor({months} / 3.0) AS BIGINT)"
    return f"CAST(year({d}) - 1970 AS BIGINT)"


# --- the complete period grid and the automatic frequency (moved from analysis.timeline, which still exports them)
#: ``auto_freq`` picks the finest frequency giving at most this many periods.
MAX_AUTO_PERIODS = 100


def period_grid(lo: int, hi: int, freq: str) -> pd.DataFrame:
    """The complete index from code ``lo`` to ``hi``: ``period, start, end`` (one row per period)."""
    return pd.DataFrame(grid_columns(int(lo), int(hi), check_freq(freq)))


@functools.lru_cache(maxsize=64)
def grid_columns(lo: int, hi: int, freq: str) -> dict[str, Any]:
    """``{"period", "start", "end"}`` columns of :func:`period_grid`, cached (pandas copies-on-write, so frames
    built on them never change them)."""
    codes = np.arange(lo, hi + 1, dtype=np.int64)
    starts = period_starts(codes, freq)
    ends = period_starts(codes + 1, freq) - np.timedelta64(1, "D")
    return {"period": pd.array(period_labels(codes, freq), dtype="str"),
            "start": pd.array(starts.astype("datetime64[ns]")), "end": pd.array(ends.astype("datetime64[ns]"))}


def auto_freq(dates: pd.Series | np.ndarray) -> str:
    """The finest frequency that gives at most ``MAX_AUTO_PERIODS`` periods over the range of ``dates``
    (``"month"`` when no date is known)."""
    days, dated = day_numbers(dates)
    if not dated.any():
        return "month"
    d = days[dated]
    lo, hi = int(d.min()), int(d.max())
    for freq in FREQS:
        c = codes_from_days(np.array([lo, hi], dtype=np.int64), freq)
        if c[1] - c[0] + 1 <= MAX_AUTO_PERIODS:
            return freq
    return "year"
