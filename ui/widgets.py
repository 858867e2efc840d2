"""Shared page widgets: every chart and table goes through these, so downloads work the same everywhere.

Signatures are stable (pages depend on them): ``show_figure(fig, name, key=, on_select=)`` and
``show_table(df, name, key=)``.

Downloads are *deferred*: the download buttons get a callable, so a file (standalone HTML ≈ 4.7 MB, a
server-side PNG, an XLSX) is only produced when the user clicks — never on every rerun. Each callable closes
over this session's own figure or table, so one user can never receive another's file.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis import export
from analysis.export import csv_bytes, figure_html, safe_filename, xlsx_bytes  # noqa: F401 - pages use them here
from analysis.figstyle import localize_date_axes, plain_number
from analysis.spikes import p_value_text
from ui import i18n, session, state
from ui.i18n import column, column_help, doc_type, t

log = logging.getLogger("wenjian.ui")

from ui.session import REPORT_ITEMS_KEY, TOOLBAR_FORMAT_KEY  # noqa: F401 - re-exported (ui.sidebar, ui.report)


def server_png_available() -> bool:
    """True when server-side image export can work here (a Chromium for kaleido)."""
    try:
        return bool(export.find_chromium())
    except Exception:  # noqa: BLE001 - a probe failure only hides the button
        return False


def _image_maker(fig: go.Figure, fmt: str):
    def make() -> bytes:
        data = export.figure_png(fig) if fmt == "png" else export.figure_svg(fig)
        if not data:
            raise RuntimeError(f"server-side {fmt} export unavailable: {export.image_export_status()}")
        return data
    return make


def toolbar_format() -> str:
    return session.toolbar_format()


def remember(kind: str, name: str, obj) -> None:
    """Record what this session shows (figures and tables by page and name, with the dataset and filters
    that produced them) — the report includes those that match the current dataset and filters."""

    ds = state.current_dataset()
    stamp = (ds.digest if ds is not None else "", state.current_filters())
    items = session.report_items()
    page = session.current_page()
    title = getattr(getattr(getattr(obj, "layout", None), "title", None), "text", None)
    items[(page, kind, name)] = (stamp, obj, title or name)


def show_figure(fig: go.Figure, name: str, *, key: str | None = None, on_select=None):
    """Render ``fig`` with its toolbar set to download a 3x PNG (or SVG, see the sidebar), plus a download
    menu (standalone HTML; server-side PNG when a Chromium is present). Returns the selection event when
    ``on_select`` is given (``"rerun"``) so pages can drill down from bars and points."""
    fmt = toolbar_format()
    fname = safe_filename(name)
    config = {"displaylogo": False, "showSendToCloud": False,
              "toImageButtonOptions": {"format": fmt, "scale": 3, "filename": fname}}
    kwargs = {"theme": None, "config": config, "key": key}
    if on_select is not None:
        kwargs.update(on_select=on_select, selection_mode=("points",))
    localize_date_axes(fig, i18n.lang())
    event = st.plotly_chart(fig, **kwargs)
    remember("figure", name, fig)
    base = key or fname
    with st.popover(t("w.downloads"), icon=":material/download:"):
        st.caption(t("w.toolbar_hint", fmt=fmt.upper()))
        st.download_button(t("w.html"), lambda: figure_html(fig), file_name=f"{fname}.html", mime="text/html",
                           key=f"dlh_{base}", on_click="ignore", icon=":material/code:")
        if server_png_available():
            st.download_button(t("w.png"), _image_maker(fig, "png"), file_name=f"{fname}.png",
                               mime="image/png", key=f"dlp_{base}", on_click="ignore", icon=":material/image:")
            st.download_button(t("w.svg"), _image_maker(fig, "svg"), file_name=f"{fname}.svg",
                               mime="image/svg+xml", key=f"dls_{base}", on_click="ignore",
                               icon=":material/image:")
    return event


#: rows and characters per cell sent to the browser for display (downloads always hold the whole table)
DISPLAY_ROWS = 2000
DISPLAY_CHARS = 200


def _readable_number(value: float) -> str:
    """``∞``, ``""`` for NaN, a p-value-like tiny number as ``<1e-15``, else ``analysis.figstyle.plain_number``."""
    if pd.isna(value):
        return ""
    if np.isinf(value):
        return "∞" if value > 0 else "-∞"
    if 0 < abs(value) < 1e-15:
        return "<1e-15"
    return plain_number(float(value))


def _number_text(value) -> str:
    """A number as shown in a column that also has empty cells: integers without ``.0``, else as
    :func:`_readable_number`; ``""`` when missing."""
    if value is None or pd.isna(value):
        return ""
    value = float(value)
    if np.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return f"{int(value)}"
    return _readable_number(value)


def display_frame(df: pd.DataFrame, rows: int = DISPLAY_ROWS, chars: int = DISPLAY_CHARS) -> pd.DataFrame:
    """The first ``rows`` rows of ``df`` as shown: long text cells cut to ``chars`` characters (with "…"),
    so a table of 20,000 article bodies does not travel to the browser on every rerun; booleans as yes/no in
    the interface language; dates at midnight without a time; float columns holding infinities or tiny
    p-values as readable text (``∞``, ``<1e-15``). No cell is left *missing*: Streamlit's grid draws a
    missing value as the word ``None`` in both languages, so a column with gaps (a citation not found in the
    corpus, an undated row, a nullable integer) is shown as text with the gap empty. Downloads keep the raw
    table."""
    head = df.head(rows)
    out = {}
    for col in head.columns:
        series = head[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            series = series.astype(object)
        missing = series.isna()
        if col == "doc_type" and not pd.api.types.is_numeric_dtype(series.dtype):  # 文种 in the interface language (data stay Chinese)
            series = series.map(lambda v: doc_type(v) if isinstance(v, str) else v)
        elif pd.api.types.is_bool_dtype(series.dtype):
            series = series.map({True: t("val.true"), False: t("val.false")})
            if missing.any():
                series = series.where(~missing, "")
        elif pd.api.types.is_datetime64_any_dtype(series.dtype):
            known = series.dropna()
            if known.dt.normalize().eq(known).all():
                series = series.dt.strftime("%Y-%m-%d").fillna("")
            elif missing.any():
                series = series.dt.strftime("%Y-%m-%d %H:%M:%S").fillna("")
        elif col == "p_value" and pd.api.types.is_numeric_dtype(series.dtype):   # one rule with the report
            series = series.map(p_value_text)
        elif pd.api.types.is_numeric_dtype(series.dtype):
            values = series.to_numpy(dtype=float, na_value=np.nan)
            tiny = (np.abs(values) < 1e-15) & (values != 0)
            if missing.any():
                series = pd.Series([_number_text(v) for v in values], index=series.index, dtype=object)
            elif pd.api.types.is_float_dtype(series.dtype) and (np.isinf(values).any() or tiny.any()):
                series = series.map(_readable_number)
        elif series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
            text = series.astype(str).where(series.notna(), "")
            if series.dtype == object and series.map(lambda v: isinstance(v, bool)).any():
                text = series.map(lambda v: t("val.true") if v is True else t("val.false") if v is False
                                  else "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v))
            long = text.str.len() > chars
            series = text.where(~long, text.str.slice(0, chars) + "…") if long.any() else text
        out[col] = series
    return pd.DataFrame(out, index=head.index)


def column_labels(df: pd.DataFrame) -> dict:
    """``st.dataframe`` column configs showing each column code's header in the interface language, with its tooltip
    (``ui.i18n.column_help``) where the header alone does not say what it counts."""
    return {col: st.column_config.Column(column(col), help=column_help(col)) for col in df.columns
            if isinstance(col, str) and column(col) != col}


def show_table(df: pd.DataFrame, name: str, *, key: str | None = None, height: int | None = None,
               sheets: dict[str, pd.DataFrame] | None = None, column_config: dict | None = None,
               empty: str | None = None) -> None:
    """Render ``df`` (at most ``DISPLAY_ROWS`` rows, long cells cut) with CSV and XLSX downloads of the whole
    table (``sheets``: extra tables for the same workbook; ``column_config``: passed to ``st.dataframe``,
    e.g. a ``LinkColumn`` for URLs, over the headers shown in the interface language). A table without rows
    is a note in the interface language instead of an empty grid (Streamlit's own word for it is English) and
    no downloads: ``empty`` (words already in the interface language) says why and what to change, by default
    that nothing matches the filters (``w.empty_table``). The grid hides the index, so an unnamed index (row
    positions left by a filter) is dropped from the downloads too: they hold what the page shows (tester s14
    U10: a leaked ``index`` column in the 机构 › 时间线 CSV)."""
    if all(n is None for n in df.index.names) and not df.index.equals(pd.RangeIndex(len(df))):
        df = df.reset_index(drop=True)
    if df.empty:
        remember("table", name, df)
        st.info(empty or t("w.empty_table"), icon=":material/info:" if empty else ":material/filter_alt_off:")
        return
    st.dataframe(display_frame(df), hide_index=True, height=height or "auto", key=key,
                 column_config={**column_labels(df), **(column_config or {})})
    if len(df) > DISPLAY_ROWS:
        st.caption(t("w.rows_shown", shown=DISPLAY_ROWS, total=len(df)))
    remember("table", name, df)
    fname = safe_filename(name)
    base = key or fname
    book = {name[:31]: df, **(sheets or {})}
    with st.container(horizontal=True):
        st.download_button(t("w.csv"), lambda: csv_bytes(df), file_name=f"{fname}.csv", mime="text/csv",
                           key=f"dl_{base}", on_click="ignore", icon=":material/download:")
        st.download_button(t("w.xlsx"), lambda: xlsx_bytes(book), file_name=f"{fname}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key=f"dlx_{base}", on_click="ignore", icon=":material/table:")
