"""Drill-down: from a clicked bar, point or node to the articles behind it.

Pages compute *which* rows are behind a selection (with ``analysis/`` functions) and call
``show_articles(rows, label)``; ``selected_points(event)`` reads a ``st.plotly_chart`` selection event.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from analysis.schema import dates_as_text
from analysis.timeline import Timeline
from ui import large, state  # ui.large imports this module too: used as large.<name> at call time
from ui.i18n import column, t
from ui.reader import query_terms, render_article
from ui.text import md_escape



DRILL_ROWS = 1000   # rows listed behind a selection (the count above says how many there are)


def selected_points(event: Any) -> list[dict]:
    """The points of a ``st.plotly_chart`` selection event — the event or its ``selection`` part, as a dict
    or an attribute object — as a list of dicts (``[]`` when nothing is selected). The one reader of
    selection events: every page's drill-down goes through it."""
    if not event:
        return []
    try:
        if isinstance(event, dict):
            selection = event["selection"] if "selection" in event else event  # the event, or its selection
        else:
            selection = event.selection
        points = selection["points"] if isinstance(selection, dict) else selection.points
    except (AttributeError, KeyError, TypeError):
        return []
    return list(points or [])


def selection_target(selection: Any, tl: Timeline | None = None) -> tuple[str, str] | None:
    """``(period, series)`` of the first selected point of a chart built by ``analysis.timeline`` (from its
    ``customdata``), or None when nothing is selected — or, given ``tl``, when the point is not one of
    ``tl``'s (a selection kept by the chart after the frequency or the series changed)."""
    for point in selected_points(selection):
        custom = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(custom, (list, tuple)) and len(custom) >= 2 and all(isinstance(c, str) for c in custom[:2]):
            if tl is not None and (custom[1] not in (*tl.series, "articles")
                                   or not (tl.table["period"] == custom[0]).any()):
                return None
            return custom[0], custom[1]
    return None


def period_from_selection(selection: Any) -> str | None:
    """Only the period of ``selection_target`` (None when nothing is selected)."""
    target = selection_target(selection)
    return target[0] if target else None


def articles_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns users scan: date, title, source, link."""
    return pd.DataFrame({
        "id": rows["id"].to_numpy(),
        t("ar.date"): dates_as_text(rows["date"]).to_numpy(),
        t("ar.title_col"): rows["title"].to_numpy(),
        t("ar.source"): rows["source"].to_numpy(),
        column("url"): rows["url"].to_numpy(),
    })


def table_config() -> dict:
    """``st.dataframe`` column configs of :func:`articles_table`: the id header in the interface language,
    links clickable."""
    return {"id": st.column_config.NumberColumn(column("id")),
            column("url"): st.column_config.LinkColumn(column("url"))}


def show_articles(rows: pd.DataFrame | np.ndarray, label: str, *, key: str = "drill") -> None:
    """Show the articles behind a selection: a count, a table with links; clicking a row opens the article
    below it. ``rows``: a slice of the current dataset's article table (only ``id`` is needed — e.g. what
    ``analysis.timeline.period_articles`` returns), or a boolean mask over its rows."""

    ds = state.current_dataset()
    if ds is None:
        return
    if ds.large:  # the rows' titles and texts are read from the store (ui.large)
        large.show_rows(rows, label, key=key)
        return
    full = ds.articles
    if isinstance(rows, np.ndarray):
        rows = full[rows]
    elif not {"url", "body"} <= set(rows.columns):
        rows = full[full["id"].isin(rows["id"])]
    with st.container(border=True):
        st.markdown(t("drill.title", label=md_escape(label)) + f" — {t('ar.found', n=len(rows))}")
        if rows.empty:
            st.info(t("drill.none"))
            return
        rows = rows.sort_values(["date", "id"], na_position="last").head(DRILL_ROWS)
        event = st.dataframe(articles_table(rows), hide_index=True, key=f"{key}_table", on_select="rerun",
                             selection_mode="single-row",
                             column_config=table_config(),
                             height=min(400, 38 + 35 * len(rows)))
        picked = event.selection.rows if event is not None else []
        if picked:
            position = int(full.index.get_loc(rows.index[picked[0]]))
            render_article(ds, position, query_terms(state.current_filters().query, label))
