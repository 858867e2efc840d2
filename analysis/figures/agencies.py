"""Figures of agency mentions: the ranking (bars), the co-occurrence network and mentions over time. Each takes
the tables of ``analysis.agency_counts`` and returns a plotly figure styled by ``analysis.figstyle``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.figstyle import WRAPPED_BAR, inert, style, wrap_category_ticks
from analysis.figures.layout import spring_layout


#: The words of the agency figures, by key, with their defaults: the library's codes (column names). Callers
#: pass ``labels=`` (any subset) in their language (the dashboard: ``ag.fig.*`` of ``ui.i18n``; the report:
#: ``labels.report``); the library itself builds no words.
FIGURE_LABELS: dict[str, str] = {"mentions": "mentions", "hover_mentions": "mentions", "hover_articles": "documents"}


def ranking_figure(summary: pd.DataFrame, top: int = 20, title: str | None = None,
                   labels: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of the ``top`` agencies by mentions (customdata = agency name, for drill-down);
    ``labels``: axis and tooltip words (see :data:`FIGURE_LABELS`)."""
    words = {**FIGURE_LABELS, **(labels or {})}
    d = summary.head(top).iloc[::-1]
    fig = go.Figure(go.Bar(x=d["mentions"], y=d["agency"], orientation="h", customdata=d[["agency", "documents"]],
                           hovertemplate=f"%{{y}}<br>{words['hover_mentions']} %{{x}}<br>"
                                         f"{words['hover_articles']} %{{customdata[1]}}<extra></extra>"))
    # the left margin grows to the names (automargin), and names longer than LABEL_LINE characters take two
    # lines: 中国人民政治协商会议全国委员会 was cut at the left edge in an 800 px window (tester-s15 N1)
    fig.update_layout(height=max(300, 24 * len(d) + 80), xaxis_title=words["mentions"], yaxis_title=None)
    style(fig, title)
    if wrap_category_ticks(fig):
        fig.update_layout(height=max(300, WRAPPED_BAR * len(d) + 80))   # room for the two-line names
    return fig



#: The network names only its most mentioned nodes on the chart (the others on hover), so labels do not
#: pile into a knot in the middle.
NETWORK_LABELS = 12


def _label_positions(xy: list[tuple[float, float]]) -> list[str]:
    """Each node's label placed away from the centre (above the upper half, below the lower half, towards
    the nearer side), so neighbouring labels spread outwards instead of overlapping."""
    out = []
    for x, y in xy:
        vertical = "top" if y >= 0 else "bottom"
        horizontal = "right" if x > 0.35 else "left" if x < -0.35 else "center"
        out.append(f"{vertical} {horizontal}")
    return out


def network_figure(cooc: pd.DataFrame, summary: pd.DataFrame, top: int = 30,
                   title: str | None = None, labels: int = NETWORK_LABELS) -> go.Figure:
    """Nodes = the ``top`` agencies by mentions (size ~ articles), edges = co-occurrence (width ~ articles).
    The first ``labels`` nodes are named on the chart, every node on hover. Node customdata = agency name
    (drill-down)."""
    names = summary.head(top)["agency"].tolist()
    keep = set(names)
    e = cooc[cooc["a"].isin(keep) & cooc["b"].isin(keep)]
    edges = list(zip(e["a"], e["b"], e["articles"].astype(float)))
    pos = spring_layout(names, edges)
    fig = go.Figure()
    wmax = max([x for *_, x in edges], default=1.0)
    for a, b, x in edges:
        fig.add_trace(go.Scatter(x=[pos[a][0], pos[b][0]], y=[pos[a][1], pos[b][1]], mode="lines",
                                 line=dict(width=1 + 5 * x / wmax, color="rgba(120,120,120,0.45)"),
                                 hoverinfo="skip", showlegend=False))
    docs = summary.set_index("agency")["documents"].reindex(names).fillna(0).to_numpy()
    size = 10 + 30 * np.sqrt(docs / docs.max()) if len(docs) and docs.max() > 0 else []
    xy = [pos[v] for v in names]
    fig.add_trace(go.Scatter(x=[p[0] for p in xy], y=[p[1] for p in xy], mode="markers+text",
                             text=[v if i < labels else "" for i, v in enumerate(names)],
                             textposition=_label_positions(xy), textfont=dict(size=12),
                             customdata=[[v] for v in names],
                             marker=dict(size=size, color="#1f77b4", line=dict(width=1, color="white")),
                             hovertext=[inert(v) for v in names], hovertemplate="%{hovertext}<extra></extra>",
                             showlegend=False))
    # room around the unit square for the outer labels
    fig.update_layout(xaxis=dict(visible=False, range=[-1.45, 1.45]), yaxis=dict(visible=False, range=[-1.2, 1.2]),
                      height=640)
    return style(fig, title)


def timeline_figure(periods: pd.DataFrame, agencies: list[str],
                    title: str | None = None,
                    labels: dict[str, str] | None = None) -> go.Figure:
    """Lines of mentions per period (from ``by_period``) for each of ``agencies`` (``labels``: the y-axis
    title as ``mentions``, see :data:`FIGURE_LABELS`)."""
    words = {**FIGURE_LABELS, **(labels or {})}
    fig = go.Figure()
    for a in agencies:
        d = periods[periods["agency"] == a]
        fig.add_trace(go.Scatter(x=d["period"], y=d["mentions"], mode="lines+markers", name=a,
                                 customdata=[[a]] * len(d)))
    fig.update_layout(xaxis_title=None, yaxis_title=words["mentions"], hovermode="x unified",
                      yaxis=dict(rangemode="tozero"))
    return style(fig, title)
