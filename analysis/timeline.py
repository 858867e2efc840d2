"""Timelines: articles, keywords and agencies per day / week / month / quarter / year, spikes, calendar.

Conventions (shared by the 时间线 page and ``python -m analysis timeline``):

- **Periods** are complete: every period from the first to the last dated (selected) article appears, with
  0 when nothing was published. Labels: day ``2024-05-02``; week ``2024-W18`` (ISO 8601: weeks run Monday
  to Sunday and belong to the ISO year of their Thursday, so 2021-01-01 is in ``2020-W53``); month
  ``2024-05``; quarter ``2024-Q2``; year ``2024``. Each row also carries the period's ``start`` and ``end``
  day.
- **Articles without a date** are never dropped silently: every ``Timeline`` carries their value per series
  in ``undated`` (the page and the CLI show it apart).
- **Automatic frequency** (``auto_freq``): the finest of day, week, month, quarter, year giving at most
  ``MAX_AUTO_PERIODS`` (100) periods over the date range; e.g. 3 months → day, 1 year → week, 4 years →
  month, 20 years → quarter, 30 years → year.
- Everything is computed with integer period codes and ``numpy.bincount`` — no per-period Python work — so
  the page can recompute all its series after every filter change (see ``scripts/bench_timeline.py``).

Inputs follow the project's contracts: ``articles`` is the article table (``analysis.schema``), ``mask`` a
boolean array over its rows (``analysis.filters.filter_mask``), ``corpus`` a ``TokenizedCorpus`` (needs
``term_vector(term)`` and ``doc_lengths`` over the same rows), ``mentions`` the agency mention table (needs
``row`` and ``agency``). Nothing here mutates its inputs.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.filters import check_mask
from analysis.periods import (FREQS, MAX_AUTO_PERIODS, Freq, auto_freq, check_freq, codes_from_days,  # noqa: F401
                              day_numbers, grid_columns, period_codes, period_grid, period_labels, period_starts)
from analysis.spikes import spike_rows

TERM_MEASURES: tuple[str, ...] = ("count", "per_1000", "share")
AGENCY_MEASURES: tuple[str, ...] = ("mentions", "articles")
OTHER = "其他"
NO_SOURCE = "(无来源)"


# --- the series ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Timeline:
    """Series over one complete period index.

    ``table``: ``period, start, end`` and one column per series (display values). ``undated``: the value of
    each series over articles without a date. ``counts``/``exposure``: the raw counts behind each column and
    the per-period population they are normalised by (``None`` for plain counts) — what spike detection
    tests. ``scale`` turns ``counts / exposure`` into the display unit (1,000 for per-1,000-tokens).
    """

    freq: str
    measure: str
    table: pd.DataFrame
    undated: dict[str, float] = field(default_factory=dict)
    counts: dict[str, np.ndarray] = field(default_factory=dict)
    exposure: np.ndarray | None = None
    scale: float = 1.0
    #: what the series count: ``volume`` (articles, per source), ``term`` or ``agency`` — for drill-down
    kind: str = "volume"

    @property
    def series(self) -> list[str]:
        return [c for c in self.table.columns if c not in ("period", "start", "end")]

    def long(self, name: str = "series") -> pd.DataFrame:
        """The table in long form: ``period, start, end, <name>, value``."""
        return self.table.melt(id_vars=["period", "start", "end"], var_name=name, value_name="value")


@dataclass(frozen=True)
class Axis:
    """The period axis of a selection (:func:`axis`): ``freq`` (resolved, never ``auto``); ``codes`` — int64 period
    code per article row (length = rows); ``sel`` / ``undated`` — bool per row: dated and selected / undated and
    selected; the selected periods are codes ``lo`` … ``lo + size - 1`` (``size`` 0 when nothing dated is
    selected)."""

    freq: str
    codes: np.ndarray   # period code per article row
    sel: np.ndarray     # dated & selected rows
    undated: np.ndarray  # undated & selected rows
    lo: int
    size: int


def axis(articles: pd.DataFrame, mask: np.ndarray | None, freq: str) -> Axis:
    """The :class:`Axis` of ``articles`` (a frame with a ``date`` column, one row per article) under ``mask``
    (bool per row, None = all) at ``freq`` (``analysis.periods.FREQS`` or ``auto``: picked from the selected
    dates by ``auto_freq``). Raises ``InvalidOption`` for a mask of another length (``check_mask``)."""
    n = len(articles)
    mask = check_mask(mask, n)
    if freq == "auto":
        freq = auto_freq(articles["date"][mask])
    codes, dated = period_codes(articles["date"], freq)
    sel = mask & dated
    if sel.any():
        lo, hi = int(codes[sel].min()), int(codes[sel].max())
        size = hi - lo + 1
    else:
        lo, size = 0, 0
    return Axis(freq, codes, sel, mask & ~dated, lo, size)


def _bin(ax: Axis, weights: np.ndarray | None = None) -> np.ndarray:
    idx = ax.codes[ax.sel] - ax.lo
    w = None if weights is None else np.asarray(weights, dtype=float)[ax.sel]
    out = np.bincount(idx, weights=w, minlength=ax.size)
    return out.astype(float) if w is not None else out.astype(np.int64)


def _undated(ax: Axis, weights: np.ndarray | None = None) -> float:
    if weights is None:
        return int(ax.undated.sum())
    return float(np.asarray(weights, dtype=float)[ax.undated].sum())


def _ratio(num: np.ndarray, den: np.ndarray, scale: float) -> np.ndarray:
    """``num / den * scale``; NaN where ``den`` is 0 (a rate is undefined where nothing was published)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1) * scale, np.nan)


def _table(ax: Axis, columns: dict[str, np.ndarray]) -> pd.DataFrame:
    clash = [c for c in columns if c in ("period", "start", "end")]
    if clash:
        raise invalid_option("series name", clash[0], "any name but period, start, end")
    return pd.DataFrame({**grid_columns(ax.lo, ax.lo + ax.size - 1, ax.freq), **columns})


def volume(articles: pd.DataFrame, mask: np.ndarray | None = None, freq: str = "auto", *,
           by: str | None = None, top_k: int | None = 8) -> Timeline:
    """Articles per period (column ``articles``), or per source (``by="source"``: one column per source, the
    ``top_k`` largest by selected articles in order, the rest summed as ``其他``; ``top_k=None`` keeps all;
    an empty source is labelled ``(无来源)``), or the same per uploaded file (``by="file"``: the ``file``
    column, e.g. one per dataset of a merge)."""
    if by not in (None, "source", "file"):
        raise invalid_option("by", by, "source, file")
    ax = axis(articles, mask, freq)
    if by is None:
        counts = {"articles": _bin(ax)}
        return Timeline(ax.freq, "articles", _table(ax, counts), {"articles": _undated(ax)}, counts)
    codes, names = pd.factorize(articles[by].fillna("").astype(str), sort=False)
    names = [NO_SOURCE if not nm else str(nm) for nm in names]
    k = len(names)
    dated_idx = (ax.codes[ax.sel] - ax.lo) * k + codes[ax.sel]
    grid = np.bincount(dated_idx, minlength=ax.size * k).reshape(ax.size, k) if k else np.zeros((ax.size, 0))
    und = np.bincount(codes[ax.undated], minlength=k)
    totals = grid.sum(axis=0) + und
    order = sorted((j for j in range(k) if totals[j]), key=lambda j: (-totals[j], names[j]))
    keep = order if top_k is None or len(order) <= top_k else order[:top_k]
    counts = {names[j]: grid[:, j].astype(np.int64) for j in keep}
    undated: dict[str, float] = {names[j]: int(und[j]) for j in keep}
    if len(keep) < len(order):
        rest = [j for j in order if j not in set(keep)]
        counts[OTHER] = grid[:, rest].sum(axis=1).astype(np.int64)
        undated[OTHER] = int(und[rest].sum())
    return Timeline(ax.freq, "articles", _table(ax, counts), undated, counts)


def series(ax: Axis, weights: dict[str, np.ndarray], measure: str, exposure: np.ndarray | None,
            scale: float) -> Timeline:
    """A :class:`Timeline` of ``measure`` on the axis ``ax``: per series name, ``weights`` (float per article row,
    length = rows of the axis) summed per period; with ``exposure`` (float per row) each period's sum divided by
    its exposure × ``scale`` (1000.0 = per 1,000 tokens), else the rounded sums. Undated rows go to ``undated``;
    ``counts`` keeps the raw sums per period."""
    counts = {name: _bin(ax, w) for name, w in weights.items()}
    if exposure is None:
        display = {k: v.round().astype(np.int64) for k, v in counts.items()}
        whole: dict[str, float] = {k: int(round(_undated(ax, w))) for k, w in weights.items()}
        return Timeline(ax.freq, measure, _table(ax, display), whole, counts)
    exp_bins = _bin(ax, exposure)
    exp_undated = _undated(ax, exposure)
    display = {k: _ratio(v, exp_bins, scale) for k, v in counts.items()}
    undated = {k: (_undated(ax, w) / exp_undated * scale if exp_undated > 0 else float("nan"))
               for k, w in weights.items()}
    return Timeline(ax.freq, measure, _table(ax, display), undated, counts, exp_bins, scale)


def _term_vector(corpus: Any, term: str, n: int) -> np.ndarray:
    try:
        vec = corpus.term_vector(term)
    except KeyError:  # a term the corpus has never seen occurs 0 times
        return np.zeros(n)
    vec = np.asarray(vec, dtype=float).ravel()
    if vec.shape != (n,):
        raise invalid_option("corpus", f"term vector of length {vec.size}", f"{n} rows (the article table)")
    return vec


def _term_vectors(corpus: Any, terms: list[str], n: int) -> dict[str, np.ndarray]:
    """``term_vector`` of each term; for a ``TokenizedCorpus`` all columns come out of its document-term matrix
    in one pass (slicing a CSR matrix by column costs a scan of the whole matrix, whatever the number of
    columns). Same result as calling ``corpus.term_vector`` term by term."""
    dtm, index = getattr(corpus, "dtm", None), getattr(corpus, "index", None)
    if dtm is None or not isinstance(index, dict) or len(terms) < 2 or dtm.shape[0] != n:
        return {t: _term_vector(corpus, t, n) for t in terms}
    synonyms = getattr(corpus, "synonyms", None) or {}
    cols = {t: index.get(synonyms.get(t.strip(), t.strip())) for t in terms}
    known = sorted({j for j in cols.values() if j is not None})
    block = dtm[:, known].toarray() if known else np.zeros((n, 0))
    where = {j: k for k, j in enumerate(known)}
    return {t: (block[:, where[j]].astype(float) if j is not None else np.zeros(n)) for t, j in cols.items()}


def term_series(articles: pd.DataFrame, corpus: Any, terms: list[str] | tuple[str, ...],
                mask: np.ndarray | None = None, freq: str = "auto", *, measure: str = "count") -> Timeline:
    """One column per term: occurrences (``count``), occurrences per 1,000 tokens of the period's articles
    (``per_1000``, NaN for periods without tokens) or the share of the period's articles containing the term
    (``share``, 0–1, NaN for periods without articles)."""
    if measure not in TERM_MEASURES:
        raise invalid_option("measure", measure, ", ".join(TERM_MEASURES))
    ax = axis(articles, mask, freq)
    n = len(articles)
    vectors = _term_vectors(corpus, list(dict.fromkeys(terms)), n)
    if measure == "count":
        tl = series(ax, vectors, measure, None, 1.0)
    elif measure == "per_1000":
        tl = series(ax, vectors, measure, np.asarray(corpus.doc_lengths, dtype=float).ravel(), 1000.0)
    else:
        tl = series(ax, {t: (v > 0).astype(float) for t, v in vectors.items()}, measure, np.ones(n), 1.0)
    return replace(tl, kind="term")


def agency_series(articles: pd.DataFrame, mentions: pd.DataFrame, agencies: list[str] | tuple[str, ...],
                  mask: np.ndarray | None = None, freq: str = "auto", *, measure: str = "mentions") -> Timeline:
    """One column per agency (the ``agency`` column of ``mentions``): mentions per period (``mentions``) or
    articles mentioning it (``articles``)."""
    if measure not in AGENCY_MEASURES:
        raise invalid_option("measure", measure, ", ".join(AGENCY_MEASURES))
    ax = axis(articles, mask, freq)
    n = len(articles)
    weights = {}
    for agency in dict.fromkeys(agencies):
        per_row = agency_row_counts(mentions, agency, n)
        weights[agency] = per_row if measure == "mentions" else (per_row > 0).astype(float)
    return replace(series(ax, weights, measure, None, 1.0), kind="agency")


def agency_row_counts(mentions: pd.DataFrame, agency: str, n: int) -> np.ndarray:
    """Mentions of ``agency`` per article row (float array of length ``n``)."""
    rows = mentions["row"].to_numpy(dtype=np.int64)[(mentions["agency"] == agency).to_numpy(dtype=bool)]
    return np.bincount(rows[(rows >= 0) & (rows < n)], minlength=n).astype(float)


def agency_choices(mentions: pd.DataFrame, mask: np.ndarray | None = None, limit: int = 50) -> list[str]:
    """Agencies most mentioned in the selected rows, most first (ties by name; unresolved mentions left out)."""
    rows = mentions["row"].to_numpy(dtype=np.int64)
    keep = np.ones(len(rows), dtype=bool) if mask is None else np.asarray(mask, dtype=bool)[rows]
    keep &= (mentions["agency"] != "").to_numpy()  # unresolved bare forms have no canonical name
    counts = mentions.loc[keep, "agency"].value_counts()
    return sorted(counts.index, key=lambda a: (-counts[a], a))[:limit]


def split_terms(text: str) -> list[str]:
    """Terms typed in one box: separated by spaces, commas (, ，、) or semicolons; duplicates dropped."""
    for sep in ",，、;；\n\t":
        text = text.replace(sep, " ")
    return list(dict.fromkeys(t for t in text.split(" ") if t))


# --- spikes -------------------------------------------------------------------------------------------
#: The columns of a drill-down table worth showing (``occurrences`` only for terms and agencies).
DRILL_COLUMNS = ("id", "date", "source", "title", "url", "occurrences")
SPIKE_TABLE_COLUMNS = ("series", "period", "start", "end", "observed", "baseline", "ratio", "score", "p_value")


def find_spikes(tl: Timeline, column: str | None = None, **params: Any) -> pd.DataFrame:
    """Spikes of one series (or of every series when ``column`` is None) with ``analysis.spikes``.

    The test runs on the raw counts, against the period's exposure for normalised series (so a per-1,000-
    tokens spike means the term's rate rose, not only the volume). ``observed`` and ``baseline`` are in the
    table's display unit; rows are in time order per series.
    """
    columns = tl.series if column is None else [column]
    names, pos, observed, rest = [], [], [], []
    for col in columns:
        if col not in tl.counts:
            raise invalid_option("series", col, ", ".join(tl.series))
        found = spike_rows(tl.counts[col], tl.exposure, **params)
        if not found:
            continue
        at = np.array([r.pos for r in found], dtype=np.int64)
        expected = np.array([r.expected for r in found])
        names += [col] * len(found)
        pos.append(at)
        observed.append(tl.table[col].to_numpy(dtype=float)[at])
        baseline = expected if tl.exposure is None else expected / tl.exposure[at] * tl.scale
        rest += [(b, r.ratio, r.score, r.p_value) for b, r in zip(baseline.tolist(), found)]
    at = np.concatenate(pos) if pos else np.zeros(0, dtype=np.int64)
    extra = np.array(rest, dtype=float).reshape(-1, 4)
    table = tl.table
    return pd.DataFrame({
        "series": pd.array(names, dtype="str"),
        "period": pd.array(table["period"].to_numpy()[at], dtype="str"),
        "start": table["start"].to_numpy()[at].astype("datetime64[ns]"),
        "end": table["end"].to_numpy()[at].astype("datetime64[ns]"),
        "observed": np.concatenate(observed) if observed else np.zeros(0),
        "baseline": extra[:, 0], "ratio": extra[:, 1], "score": extra[:, 2], "p_value": extra[:, 3],
    })


def spike_label(row: pd.Series | dict) -> str:
    """How a spike is named in a selectbox: ``series · period``."""
    return f"{row['series']} · {row['period']}"


def period_articles(articles: pd.DataFrame, mask: np.ndarray | None, freq: str, period: str,
                    weights: np.ndarray | None = None, *, limit: int = 20) -> pd.DataFrame:
    """The articles behind one period: their rows of ``articles`` (+ ``occurrences`` when ``weights`` — e.g.
    a term vector or mentions per row — is given: the articles with the most occurrences first, then by date).
    Without weights: a representative sample of at most ``limit`` articles evenly spread over the period,
    ordered by date then id."""
    codes, dated = period_codes(articles["date"], freq)
    sel = dated if mask is None else dated & np.asarray(mask, dtype=bool)
    present = np.unique(codes[sel])
    want = present[np.asarray(period_labels(present, freq), dtype=object) == period]
    rows = np.flatnonzero(sel & np.isin(codes, want))
    out = articles.iloc[rows].copy()
    if weights is not None:
        out["occurrences"] = np.asarray(weights, dtype=float)[rows]
        out = out[out["occurrences"] > 0].sort_values(["occurrences", "date", "id"], ascending=[False, True, True])
        out["occurrences"] = out["occurrences"].round().astype(np.int64)
        return out.head(limit).reset_index(drop=True)
    out = out.sort_values(["date", "id"])
    if len(out) > limit:
        out = out.iloc[np.linspace(0, len(out) - 1, limit).round().astype(int)]
    return out.reset_index(drop=True)


def drill_down(articles: pd.DataFrame, tl: Timeline, period: str, series: str, mask: np.ndarray | None = None,
               *, corpus: Any = None, mentions: pd.DataFrame | None = None, limit: int = 20) -> pd.DataFrame:
    """The articles behind one point of ``tl`` (see ``period_articles``): for a term, the articles with the
    most occurrences; for an agency, the most mentions; for volume, a sample ordered by date (only the
    source's articles when ``series`` is a source, the other sources' for ``其他``)."""
    n = len(articles)
    mask = np.ones(n, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    if tl.kind == "term":
        return period_articles(articles, mask, tl.freq, period, _term_vector(corpus, series, n), limit=limit)
    if tl.kind == "agency":
        return period_articles(articles, mask, tl.freq, period, agency_row_counts(mentions, series, n), limit=limit)
    if series != "articles":
        src = articles["source"].fillna("").astype(str).replace("", NO_SOURCE)
        shown = [s for s in tl.series if s != OTHER]
        mask = mask & (~src.isin(shown) if series == OTHER else src == series).to_numpy()
    return period_articles(articles, mask, tl.freq, period, limit=limit)


def daily_counts(articles: pd.DataFrame, mask: np.ndarray | None = None) -> pd.Series:
    """Selected dated articles per day (complete index from the first to the last day; name ``articles``)."""
    tl = volume(articles, mask, "day")
    return pd.Series(tl.table["articles"].to_numpy(), index=pd.DatetimeIndex(tl.table["start"]), name="articles")


#: A term or agency spike "comes from one article" when that article holds at least this share of the
#: period's raw count (one long document repeating a word is not a change in what is written about).
ONE_DOCUMENT_SHARE = 0.8


def one_document_spikes(articles: pd.DataFrame, tl: Timeline, spikes: pd.DataFrame, mask: np.ndarray | None = None,
                        *, corpus: Any = None, mentions: pd.DataFrame | None = None,
                        share: float = ONE_DOCUMENT_SHARE) -> np.ndarray:
    """One bool per row of ``spikes``: True when a single selected article holds at least ``share`` of the
    period's raw count (occurrences of the term, mentions of the agency) and the count is above 1. Volume
    timelines (one article = one count) are never flagged."""
    flags = np.zeros(len(spikes), dtype=bool)
    if tl.kind not in ("term", "agency") or spikes.empty:
        return flags
    # one pass per series, not a drill-down per spike: the largest count one selected article holds in each
    # period (what drill_down(..., limit=1) lists first), from period codes computed once (a 1M-article
    # dataset's timeline has dozens of spikes: tests/test_timeline_one_document.py checks both agree)
    n = len(articles)
    mask = np.ones(n, dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    codes, dated = period_codes(articles["date"], tl.freq)
    where = {p: i for i, p in enumerate(tl.table["period"].astype(str))}
    sel = mask & dated
    lo = int(codes[sel].min()) if sel.any() else 0
    size = len(tl.table)
    for series in dict.fromkeys(spikes["series"]):
        w = _term_vector(corpus, series, n) if tl.kind == "term" else agency_row_counts(mentions, series, n)
        rows = sel & (w > 0)
        top = np.zeros(size)
        pos = codes[rows] - lo
        ok = (pos >= 0) & (pos < size)
        np.maximum.at(top, pos[ok], np.round(w[rows][ok]))
        for k in np.flatnonzero((spikes["series"] == series).to_numpy()):
            at = where[spikes["period"].iat[k]]
            total = float(tl.counts[series][at])
            flags[k] = total > 1 and top[at] > 0 and top[at] >= share * total
    return flags
