"""One look for every figure: a fixed template (never Streamlit's placeholder colours, so server-side exports
match the screen), a CJK-first font stack (so Chinese renders in PNG/SVG exports), and labels from the data
made inert (plotly renders its own pseudo-HTML — ``<a href>``, ``<b>`` … — in tick labels, legends and
tooltips, so a source named ``<a href=…>`` would become a link)."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

TEMPLATE = "plotly_white"
FONT_FAMILY = ("Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, "
               "WenQuanYi Micro Hei, sans-serif")
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
          "#bcbd22", "#17becf"]
#: Trace attributes that carry values from the user's files (category labels, legend names, node labels).
DATA_LABEL_ATTRS = ("x", "y", "labels", "text")


def inert(value: object) -> object:
    """``<`` and ``>`` as entities (plotly shows them literally); anything that is not a string unchanged."""
    if isinstance(value, str) and ("<" in value or ">" in value):
        return value.replace("<", "&lt;").replace(">", "&gt;")
    return value


def _inert_values(values: object) -> object | None:
    """An escaped copy of a sequence of labels, or None when nothing needs escaping."""
    if isinstance(values, str):
        return inert(values) if values != inert(values) else None
    if not isinstance(values, (Sequence, np.ndarray)) or isinstance(values, bytes):
        return None
    items = list(values)
    if not any(isinstance(v, str) and ("<" in v or ">" in v) for v in items):
        return None
    return [inert(v) for v in items]


def make_labels_inert(fig: go.Figure) -> go.Figure:
    """Escape data-derived labels of every trace (in place). Text with the builder's own ``<br>`` markup is
    left alone — builders put user strings there only through ``inert``."""
    for trace in fig.data:
        for attr in DATA_LABEL_ATTRS:
            values = getattr(trace, attr, None) if attr in trace else None
            if values is None:
                continue
            if attr == "text" and any(isinstance(v, str) and "<br>" in v for v in np.atleast_1d(values)):
                continue
            escaped = _inert_values(values)
            if escaped is not None:
                trace[attr] = escaped
        if "name" in trace and isinstance(trace.name, str):
            trace.name = inert(trace.name)
    return fig


def style(fig: go.Figure, title: str | None = None, *, height: int | None = None) -> go.Figure:
    """Apply the project's template, fonts and margins to ``fig`` (in place), make data labels inert, and
    return it."""
    fig.update_layout(template=TEMPLATE, font=dict(family=FONT_FAMILY, size=13), colorway=COLORS,
                      margin=dict(l=10, r=10, t=50 if title else 20, b=10))
    if title is not None:
        fig.update_layout(title=dict(text=inert(title), x=0.01, xanchor="left"))
    if height is not None:
        fig.update_layout(height=height)
    return make_labels_inert(fig)
