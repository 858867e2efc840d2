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


#: Longest axis label drawn on one line, in characters (a Chinese character ≈ 13 px at the figures' font):
#: longer agency names are broken into lines of this length (tester-s15 N1: in an 800 px window the 概览's
#: half-width chart had ≈ 240 px, and 中国人民政治协商会议全国委员会 — 15 characters — was cut at the left edge
#: even with an automatic margin, which plotly caps to keep a plot area).
LABEL_LINE = 10


def wrap_label(text: str, width: int = LABEL_LINE) -> str:
    """``text`` broken into lines of at most ``width`` characters (plotly's ``<br>``), the lines as even as
    possible (15 → 8 + 7, not 10 + 5); unchanged when it fits or holds ``&`` (an escaped ``&lt;`` must not be
    cut: see :func:`inert`). ``width`` < 1 raises ``ValueError``."""
    if width < 1:
        raise ValueError(f"width must be ≥ 1, got {width}")
    if len(text) <= width or "&" in text:
        return text
    lines = -(-len(text) // width)
    step = -(-len(text) // lines)
    return "<br>".join(text[i:i + step] for i in range(0, len(text), step))


def wrap_category_ticks(fig: go.Figure, axis: str = "yaxis", width: int = LABEL_LINE) -> bool:
    """Break the long category labels of the first trace's ``y`` (``axis`` ``yaxis``) or ``x`` into lines
    (:func:`wrap_label`; in place, after :func:`style` so the labels are already inert); the values stay the
    categories (hover and click keep the whole name); the axis's margin grows to its labels (``automargin``).
    Returns whether any label was broken (the caller then gives each bar :data:`WRAPPED_BAR` px)."""
    fig.update_layout({axis: dict(automargin=True)})
    values = [str(v) for v in (fig.data[0].y if axis == "yaxis" else fig.data[0].x)] if fig.data else []
    shown = [wrap_label(v, width) for v in values]
    if shown == values:
        return False
    fig.update_layout({axis: dict(tickmode="array", tickvals=values, ticktext=shown)})
    return True


#: Height per bar (px) of a horizontal bar chart with two-line labels: two lines of the 13 px font and a gap,
#: so neighbouring two-line names do not touch (32 px did, seen at 1400 and 800 px).
WRAPPED_BAR = 40


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


def set_template(fig: go.Figure, name: str = TEMPLATE) -> go.Figure:
    """``fig.update_layout(template=name)`` (in place; returns ``fig``) for a template registered in
    ``plotly.io.templates``, without validating it again: the registered template is valid, and checking it
    deep-copies its ≈ 25k entries — ≈ 8 of the ≈ 11 ms :func:`style` took per figure, ≈ 0.04 CPU-s of every page
    run with four charts (cProfile of the run after an upload). This is what plotly itself does when it gives a
    new figure the default template (``BaseFigure._initialize_layout_template``); where those internals are
    missing (another plotly), the validated assignment is used. Same figure JSON either way
    (``tests/test_figstyle.py``)."""
    import plotly.io as pio

    layout = getattr(fig, "_layout_obj", None)
    if layout is None or not hasattr(layout, "_validate") or name not in pio.templates:
        fig.update_layout(template=name)
        return fig
    validate = layout._validate
    layout._validate = False
    try:
        layout.template = pio.templates[name]
    finally:
        layout._validate = validate
    return fig


def style(fig: go.Figure, title: str | None = None, *, height: int | None = None) -> go.Figure:
    """Apply the project's template, fonts and margins to ``fig`` (in place), make data labels inert, and
    return it."""
    set_template(fig)
    fig.update_layout(font=dict(family=FONT_FAMILY, size=13), colorway=COLORS,
                      margin=dict(l=10, r=10, t=50 if title else 20, b=10))
    if title is not None:
        fig.update_layout(title=dict(text=inert(title), x=0.01, xanchor="left"))
    if height is not None:
        fig.update_layout(height=height)
    return make_labels_inert(fig)


#: Tick and hover formats of date axes per language (d3 time format): Chinese ``2023年1月``, English
#: ``Jan 2023`` (plotly's own English month names).
DATE_FORMATS = {
    "zh": {"day": "%Y年%-m月%-d日", "month": "%Y年%-m月", "year": "%Y年"},
    "en": {"day": "%b %-d, %Y", "month": "%b %Y", "year": "%Y"},
}
_DAY_MS = 86_400_000


def _date_values(fig: go.Figure) -> np.ndarray:
    """Every datetime x value of the figure's traces, sorted and unique (``datetime64[ns]``)."""
    found = []
    for trace in fig.data:
        x = getattr(trace, "x", None) if "x" in trace else None
        if x is None or len(x) == 0:
            continue
        values = np.asarray(x)
        if np.issubdtype(values.dtype, np.datetime64):
            found.append(values.astype("datetime64[ns]"))
        elif values.dtype == object and all(hasattr(v, "year") and hasattr(v, "month") for v in values[:5]):
            found.append(np.asarray([np.datetime64(v, "ns") for v in values]))
    if not found:
        return np.array([], dtype="datetime64[ns]")
    values = np.unique(np.concatenate(found))
    return values[~np.isnat(values)]


def localize_date_axes(fig: go.Figure, lang: str = "zh") -> go.Figure:
    """Date x axes in ``lang``'s format (see :data:`DATE_FORMATS`) with ticks on whole periods (in place).

    The period is the smallest gap between the figure's dates (a day, a week, a month, a quarter, a year):
    ticks never fall inside a period (no ``23:59:59.9996`` on a one-day dataset), and with at most 12 dates
    there is one tick per date. Figures without datetime x values are returned unchanged."""
    values = _date_values(fig)
    if values.size == 0:
        return fig
    formats = DATE_FORMATS.get(lang, DATE_FORMATS["zh"])
    step_days = float(np.diff(values).min() / np.timedelta64(1, "D")) if values.size > 1 else 1.0
    if step_days >= 360:
        kind, months = "year", 12
    elif step_days >= 85:
        kind, months = "month", 3
    elif step_days >= 28:
        kind, months = "month", 1
    else:
        kind, months = "day", 0
    axis: dict = {"tickformat": formats[kind], "hoverformat": formats[kind]}
    if values.size <= 12:
        axis["tick0"] = str(values[0].astype("datetime64[D]"))
        axis["dtick"] = f"M{months}" if months else _DAY_MS * (7 if step_days >= 7 and values.size > 1 else 1)
    elif kind != "year":
        # plotly picks the tick spacing; every spacing below a period shows the period's own format
        fine = formats["day"] if kind == "day" else formats["month"]
        axis["tickformatstops"] = [dict(dtickrange=[None, _DAY_MS * 28], value=fine),
                                   dict(dtickrange=[_DAY_MS * 28, "M12"], value=formats["month"]),
                                   dict(dtickrange=["M12", None], value=formats["year"])]
        axis.pop("tickformat")
    fig.update_xaxes(**axis)
    return fig


def plain_number(value: float, *, thousands: bool = False) -> str:
    """A finite number written plainly (tester reports: ``5.816e+04`` and ``7.728e+04`` are unreadable): a whole
    number as an integer; from 1 on up to 3 decimals, trailing zeros dropped (``58160.3``, ``3344.404``); below 1
    four significant digits (``0.01235``); scientific notation only below 1e-4 (p-values) or from 1e15 on.
    ``thousands``: ``77,280`` — captions and chart labels; tables keep the digits bare (the dashboard's and
    the report's table convention). The one rule of the pages' tables and captions, the charts' hover texts and
    the Word report."""
    size = abs(value)
    if size >= 1e15 or 0 < size < 1e-4:
        return f"{value:.4g}"
    if size >= 1:
        if float(value).is_integer():
            return f"{int(value):,}" if thousands else str(int(value))
        text = f"{value:,.3f}" if thousands else f"{value:.3f}"
        return text.rstrip("0").rstrip(".")
    return f"{value:.4g}"

