"""The timeline figures (``analysis.timeline`` computes the series): volume bars (total, stacked by source,
one small chart per source), lines per term or agency with spikes marked, a calendar of daily volume.

Every point carries ``customdata = [period, series]`` — what a click hands back (``ui.drill.selection_target``).
Words come from ``labels=`` (any subset of :data:`FIGURE_LABELS`), so callers put them in their language;
without them a figure shows the library's codes (series and measure names, ISO weekday and month numbers).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analysis.errors import invalid_option
from analysis.figstyle import COLORS, plain_number, style
from analysis.timeline import Timeline, daily_counts

__all__ = ["FIGURE_LABELS", "COUNT_MEASURES", "figure_labels", "volume_figure", "series_figure", "calendar_figure",
           "CALENDAR_MAX_YEARS", "CalendarYears", "calendar_years"]


def _custom(periods: pd.Series | np.ndarray, series: str) -> np.ndarray:
    """Per-point ``[period, series]``: what a click on the chart hands back (``selection_target``)."""
    periods = np.asarray(periods, dtype=object)
    return np.column_stack([periods, np.full(len(periods), series, dtype=object)])


def _hover(unit: str) -> str:
    return "%{customdata[0]}<br>%{fullData.name}: %{y:" + (".1%" if unit == "share" else ",.4~g") + "}<extra></extra>"


#: Default axis titles per measure code (``Timeline.measure``): the codes; pages and the report pass words.
MEASURE_LABELS = {code: code for code in ("articles", "count", "per_1000", "share", "mentions")}

#: The words of the timeline figures, by key, with their defaults: codes, numbers and format fields only —
#: callers pass ``labels=`` (any subset) in their language (the dashboard: ``tl.fig.*``/``measure.*`` of
#: ``ui.i18n``; the report: ``labels.report``). ``spike_hover`` is formatted with period, observed, baseline,
#: ratio; ``months``: twelve names and ``weekdays``: seven names (Monday first), separated by spaces;
#: ``day_hover`` with date, weekday, n; ``volume_title`` with freq.
FIGURE_LABELS: dict[str, str] = {
    "articles": "articles", "spikes": "spikes", "series_spikes": "{series}: spikes",
    "spike_hover": "{period}<br>{observed} (baseline {baseline}, ×{ratio})",
    "volume_title": "articles / {freq}", "calendar_title": "articles / day",
    "colorbar": "articles", "months": " ".join(str(m) for m in range(1, 13)), "weekdays": "1 2 3 4 5 6 7",
    "day_hover": "{date} ({weekday}): {n}",
    **{f"measure.{k}": v for k, v in MEASURE_LABELS.items()},
}


def figure_labels(labels: dict[str, str] | None) -> dict[str, str]:
    """:data:`FIGURE_LABELS` updated with ``labels``."""
    return {**FIGURE_LABELS, **(labels or {})}


def _num(value: float) -> str:
    """A readable number: ``∞`` for infinity, else ``analysis.figstyle.plain_number`` with thousands separators."""
    return "∞" if np.isinf(value) else plain_number(value, thousands=True)


def _spike_trace(tl: Timeline, spikes: pd.DataFrame, col: str, color: str,
                 labels: dict[str, str] | None = None) -> go.Scatter | None:
    s = spikes[spikes["series"] == col] if spikes is not None and not spikes.empty else None
    if s is None or s.empty:
        return None
    words = figure_labels(labels)
    text = [words["spike_hover"].format(period=p, observed=_num(o), baseline=_num(b),
                                        ratio="∞" if np.isinf(r) else f"{r:.1f}")
            for p, o, b, r in zip(s["period"], s["observed"], s["baseline"], s["ratio"])]
    return go.Scatter(x=s["start"], y=s["observed"], mode="markers", name=words["series_spikes"].format(series=col),
                      marker=dict(symbol="triangle-up", size=13, color=color, line=dict(color="black", width=1)),
                      customdata=_custom(s["period"], col), hovertext=text, hoverinfo="text", legendgroup=col)


COUNT_MEASURES = ("articles", "count", "mentions")


def _yaxis(tl: Timeline, labels: dict[str, str] | None = None) -> dict:
    axis: dict[str, object] = {"title": figure_labels(labels).get(f"measure.{tl.measure}", tl.measure),
                               "rangemode": "tozero"}
    if tl.measure == "share":
        axis["tickformat"] = ".0%"
    elif tl.measure in COUNT_MEASURES:  # whole numbers: no 0.2-article ticks on small series
        axis["tickformat"] = ",d"
        peak = max((tl.table[c].max() for c in tl.series if len(tl.table)), default=0)
        if peak <= 5:
            axis["dtick"] = 1
    return axis


def volume_figure(tl: Timeline, mode: str = "total", spikes: pd.DataFrame | None = None,
                  title: str | None = None, labels: dict[str, str] | None = None) -> go.Figure:
    """Bars of a ``volume`` timeline: ``total`` (one series, or sources summed), ``stack`` (sources stacked)
    or ``facet`` (one small chart per source, shared x axis). Spikes of ``articles`` are marked (total).
    ``labels``: the figure's words (see :data:`FIGURE_LABELS`)."""
    if mode not in ("total", "stack", "facet"):
        raise invalid_option("mode", mode, "total, stack, facet")
    t = tl.table
    words = figure_labels(labels)
    title = title or words["volume_title"].format(freq=tl.freq)
    if mode == "facet" and len(tl.series) > 1:
        fig = make_subplots(rows=len(tl.series), cols=1, shared_xaxes=True, subplot_titles=tl.series,
                            vertical_spacing=min(0.08, 0.3 / len(tl.series)))
        for i, col in enumerate(tl.series):
            fig.add_trace(go.Bar(x=t["start"], y=t[col], name=col, customdata=_custom(t["period"], col), showlegend=False,
                                 marker_color=COLORS[i % len(COLORS)], hovertemplate=_hover("count")),
                          row=i + 1, col=1)
        fig.update_yaxes(tickformat=",d", rangemode="tozero")
        return style(fig, title, height=max(300, 140 * len(tl.series) + 80))
    fig = go.Figure()
    if mode == "total" or len(tl.series) == 1:
        total = t[tl.series].sum(axis=1)
        fig.add_trace(go.Bar(x=t["start"], y=total, name=words["articles"], customdata=_custom(t["period"], "articles"),
                             marker_color=COLORS[0], hovertemplate=_hover("count")))
        if (trace := _spike_trace(tl, spikes, "articles", COLORS[1], labels)) is not None:
            trace.update(name=words["spikes"])
            fig.add_trace(trace)
    else:
        for i, col in enumerate(tl.series):
            fig.add_trace(go.Bar(x=t["start"], y=t[col], name=col, customdata=_custom(t["period"], col),
                                 marker_color=COLORS[i % len(COLORS)], hovertemplate=_hover("count")))
        fig.update_layout(barmode="stack")
    fig.update_layout(yaxis=_yaxis(tl, labels), xaxis_title=None, bargap=0.1, legend=dict(orientation="h", y=-0.15))
    return style(fig, title)


def series_figure(tl: Timeline, spikes: pd.DataFrame | None = None, title: str | None = None,
                  labels: dict[str, str] | None = None) -> go.Figure:
    """Lines (one per series) with spikes marked as triangles in the series' colour (``labels``: see
    :data:`FIGURE_LABELS`)."""
    t = tl.table
    fig = go.Figure()
    for i, col in enumerate(tl.series):
        color = COLORS[i % len(COLORS)]
        fig.add_trace(go.Scatter(x=t["start"], y=t[col], name=col, mode="lines+markers", customdata=_custom(t["period"], col),
                                 line=dict(color=color, width=2), marker=dict(size=5), legendgroup=col,
                                 hovertemplate=_hover(tl.measure)))
        if (trace := _spike_trace(tl, spikes, col, color, labels)) is not None:
            fig.add_trace(trace)
    fig.update_layout(yaxis=_yaxis(tl, labels), xaxis_title=None, hovermode="closest",
                      legend=dict(orientation="h", y=-0.15))
    return style(fig, title or figure_labels(labels).get(f"measure.{tl.measure}", tl.measure))


#: Years the calendar draws at most (the latest ones; 170 px each): what it leaves out, :func:`calendar_years`
#: says and the page shows.
CALENDAR_MAX_YEARS = 20


@dataclass(frozen=True)
class CalendarYears:
    """Which years :func:`calendar_figure` draws: ``shown`` (ascending), ``left_out`` (the earlier years beyond
    the cap ``max_years``) and ``left_out_articles`` (selected dated articles in them)."""
    shown: list[int]
    left_out: list[int]
    left_out_articles: int
    max_years: int


def calendar_years(daily: pd.Series, max_years: int = CALENDAR_MAX_YEARS) -> CalendarYears:
    """The years of ``daily`` (``analysis.timeline.daily_counts``: articles per day) the calendar draws — the
    latest ``max_years`` — and the ones it leaves out, with their article count. Raises ``InvalidOption``
    when ``max_years`` < 1."""
    if max_years < 1:
        raise invalid_option("max_years", max_years, ">= 1")
    years = sorted(set(daily.index.year)) if len(daily) else []
    shown, left_out = years[-max_years:], years[:-max_years] if len(years) > max_years else []
    n = int(daily[daily.index.year.isin(left_out)].sum()) if left_out else 0
    return CalendarYears(shown=shown, left_out=left_out, left_out_articles=n, max_years=max_years)


def calendar_figure(articles: pd.DataFrame, mask: np.ndarray | None = None, title: str | None = None,
                    *, max_years: int = CALENDAR_MAX_YEARS, labels: dict[str, str] | None = None) -> go.Figure:
    """GitHub-style calendar of daily volume: one heatmap per year (the latest ``max_years``: which ones are
    left out, :func:`calendar_years` says — the page shows it), weekday rows (Monday on top) × week columns
    (weeks start on Monday; column 0 holds 1 January). ``labels``: see :data:`FIGURE_LABELS`."""
    words = figure_labels(labels)
    weekdays = words["weekdays"].split()
    daily = daily_counts(articles, mask)
    years = calendar_years(daily, max_years).shown
    fig = make_subplots(rows=max(1, len(years)), cols=1, subplot_titles=[str(y) for y in years] or None,
                        vertical_spacing=0.25 / max(1, len(years)))
    zmax = float(daily.max()) if len(daily) else 1.0
    for i, year in enumerate(years):
        first = pd.Timestamp(year=year, month=1, day=1)
        days = pd.date_range(first, pd.Timestamp(year=year, month=12, day=31), freq="D")
        col = (days - (first - pd.Timedelta(days=first.weekday()))).days // 7
        z = np.full((7, 54), np.nan)
        text = np.full((7, 54), "", dtype=object)
        values = daily.reindex(days)
        z[days.day_of_week, col] = values.to_numpy(dtype=float)  # NaN outside the data's range
        text[days.day_of_week, col] = [words["day_hover"].format(date=f"{d:%Y-%m-%d}", weekday=weekdays[d.weekday()],
                                                                 n="" if np.isnan(v) else int(v))
                                       for d, v in zip(days, values.to_numpy(dtype=float))]
        fig.add_trace(go.Heatmap(z=z, text=text, hoverinfo="text", coloraxis="coloraxis", xgap=2, ygap=2,
                                 y=list(weekdays), x=list(range(54))), row=i + 1, col=1)
        fig.update_yaxes(autorange="reversed", row=i + 1, col=1)
        months = pd.date_range(first, periods=12, freq="MS")
        fig.update_xaxes(tickvals=((months - (first - pd.Timedelta(days=first.weekday()))).days // 7).tolist(),
                         ticktext=words["months"].split(), showgrid=False,
                         row=i + 1, col=1)
    fig.update_layout(coloraxis=dict(colorscale="Greens", cmin=0, cmax=max(zmax, 1.0),
                                     colorbar=dict(title=words["colorbar"])))
    return style(fig, title or words["calendar_title"], height=max(260, 170 * max(1, len(years)) + 60))
