"""Shared page widgets: every chart and table goes through these, so downloads work the same everywhere.

Signatures are stable (pages depend on them); the implementation may grow (server-side PNG, XLSX...).
"""
from __future__ import annotations

import io

import pandas as pd
import plotly.graph_objects as go
import streamlit as st


def safe_filename(name: str) -> str:
    keep = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
    return keep.strip("._")[:80] or "wenjian"


def show_figure(fig: go.Figure, name: str, *, key: str | None = None, on_select=None):
    """Render ``fig`` with its toolbar set to download PNG (3x). Returns the selection event when
    ``on_select`` is given (``"rerun"``) so pages can drill down from bars and points."""
    config = {"displaylogo": False,
              "toImageButtonOptions": {"format": "png", "scale": 3, "filename": safe_filename(name)}}
    kwargs = {"theme": None, "config": config, "key": key}
    if on_select is not None:
        kwargs.update(on_select=on_select, selection_mode=("points",))
    return st.plotly_chart(fig, **kwargs)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens Chinese correctly)."""
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8-sig")


def show_table(df: pd.DataFrame, name: str, *, key: str | None = None, height: int | None = None) -> None:
    """Render ``df`` with a CSV download button."""
    st.dataframe(df, hide_index=True, height=height or "auto", key=key)
    st.download_button("下载 CSV / Download CSV", csv_bytes(df), file_name=f"{safe_filename(name)}.csv",
                       mime="text/csv", key=f"dl_{key or name}", on_click="ignore")
