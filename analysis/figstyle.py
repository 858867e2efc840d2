"""One look for every figure: a fixed template (never Streamlit's placeholder colours, so server-side exports
match the screen) and a CJK-first font stack (so Chinese renders in PNG/SVG exports)."""
from __future__ import annotations

import plotly.graph_objects as go

TEMPLATE = "plotly_white"
FONT_FAMILY = ("Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
               "WenQuanYi Micro Hei, sans-serif")
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf"]


def style(fig: go.Figure, title: str | None = None, *, height: int | None = None) -> go.Figure:
    """Apply the project's template, fonts and margins to ``fig`` (in place) and return it."""
    fig.update_layout(template=TEMPLATE, font=dict(family=FONT_FAMILY, size=13), colorway=COLORS,
                      margin=dict(l=10, r=10, t=50 if title else 20, b=10))
    if title is not None:
        fig.update_layout(title=dict(text=title, x=0.01, xanchor="left"))
    if height is not None:
        fig.update_layout(height=height)
    return fig
