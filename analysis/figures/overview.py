"""The 概览 page's plain bar chart (top sources and the like), largest on top, each bar's label in its
``customdata`` for the drill-down."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.figstyle import COLORS, style

__all__ = ["bar_figure"]


def bar_figure(frame: pd.DataFrame, label: str, value: str, title: str, *, color: str = COLORS[0]) -> go.Figure:
    """A horizontal bar chart, largest on top; each bar carries its label in ``customdata`` (drill-down)."""
    data = frame.iloc[::-1]
    fig = go.Figure(go.Bar(x=data[value], y=data[label], orientation="h", marker_color=color,
                           customdata=data[label], hovertemplate="%{y}: %{x}<extra></extra>"))
    fig.update_layout(yaxis=dict(automargin=True), xaxis_title=None, yaxis_title=None,
                      height=max(220, 60 + 26 * len(frame)))
    return style(fig, title)
