"""Drill-down: from a clicked bar, point or node to the articles behind it.

Pages compute *which* rows are behind a selection (with ``analysis/`` functions) and call
``show_articles(rows, label)``; ``selected_points(event)`` reads a ``st.plotly_chart`` selection event.

Every click has a keyboard path (tester-s15 K3: a chart's bars and a table's rows cannot be reached by Tab):
``chart_choice`` puts one labelled select box under a chart listing what its bars, points or nodes stand for,
``article_choice`` one under a table of articles listing their titles. The box and the click are one choice
(:func:`synced_choice`): a click sets the box, picking in the box does what the click does.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analysis.schema import dates_as_text
from analysis.timeline import Timeline
from ui import large, session, state  # ui.large imports this module too: used as large.<name> at call time
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


def plain(value: Any) -> Any:
    """``value`` as the browser's selection event hands it back: NumPy scalars as Python ones, arrays and tuples
    as lists (so a value read from a figure equals the same point's value in a click event)."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (np.ndarray, list, tuple)):
        return [plain(v) for v in value]
    return value


def figure_points(fig: go.Figure) -> list[dict]:
    """Every point of ``fig``'s traces as a selection event's point dict (``customdata``, ``x``, ``y``,
    ``curve_number``, ``point_number``), in reading order: a horizontal bar chart's bars top to bottom (plotly
    draws its first bar at the bottom unless the y axis is reversed), other traces as stored. A trace without
    ``x``/``y`` values (an annotation-only trace) gives none."""
    reversed_y = getattr(fig.layout.yaxis, "autorange", None) == "reversed"
    out: list[dict] = []
    for number, trace in enumerate(fig.data):
        xs, ys = getattr(trace, "x", None), getattr(trace, "y", None)
        n = len(ys if ys is not None else xs) if (xs is not None or ys is not None) else 0
        custom = getattr(trace, "customdata", None)
        points = [{"customdata": plain(custom[i]) if custom is not None and i < len(custom) else None,
                   "x": plain(xs[i]) if xs is not None and i < len(xs) else None,
                   "y": plain(ys[i]) if ys is not None and i < len(ys) else None,
                   "curve_number": number, "point_number": i} for i in range(n)]
        if getattr(trace, "type", "") == "bar" and getattr(trace, "orientation", None) == "h" and not reversed_y:
            points.reverse()
        out.extend(points)
    return out


def synced_choice(clicked: Hashable | None, options: Sequence, key: str, label: str, *,
                  format_func: Callable[[Any], str] = str, placeholder: str | None = None) -> Any:
    """A labelled select box (``key``) over ``options`` that is the keyboard twin of a click: it returns the
    option picked in it, and follows ``clicked`` (the value a click on the chart or table gives, ``None``
    when nothing is clicked) whenever that changes — a new click sets the box, clearing the click (a double
    click on a chart) empties it. A value no longer among ``options`` (the filters changed) empties the box.
    Returns ``None`` while nothing is chosen."""
    seen = f"_wj_clicked_{key}"
    if clicked != session.widget_value(seen):
        session.set_widget_values({seen: clicked, key: clicked if clicked in options else None})
    elif session.widget_value(key) is not None and session.widget_value(key) not in options:
        session.set_widget_value(key, None)
    return st.selectbox(label, options, index=None, key=key, format_func=format_func,
                        placeholder=placeholder or t("kb.placeholder"))


def first_custom(point: dict) -> Any:
    """The first item of a point's ``customdata`` (a term, an agency: what most drill-downs key on), ``None``
    without one."""
    custom = point.get("customdata")
    if isinstance(custom, (list, tuple)):
        return custom[0] if custom else None
    return custom


def cited_document(point: dict) -> tuple[str, str] | None:
    """``(title, id)`` of a bar of the 政策 page's most-cited chart (``customdata = [title, resolved_id]``), or
    ``None`` for a title outside the corpus (no id: nothing to open)."""
    custom = point.get("customdata")
    if isinstance(custom, (list, tuple)) and len(custom) >= 2 and custom[1] not in (None, ""):
        return str(custom[0]), str(custom[1])
    return None


def network_document(point: dict) -> tuple[int, str] | None:
    """``(id, title)`` of a node of the 政策 page's citation network (``customdata = [id, title, …]``), ``None``
    for a point that is no node."""
    custom = point.get("customdata")
    if isinstance(custom, (list, tuple)) and len(custom) >= 2:
        return int(custom[0]), str(custom[1])
    return None


def _first(values: list) -> Any:
    return next((v for v in values if v is not None), None)


def chart_choice(fig: go.Figure, event: Any, key: str, label: str, value_of: Callable[[dict], Any], *,
                 format_func: Callable[[Any], str] = str) -> Any:
    """What the user chose in the chart ``fig`` (drawn with ``on_select``; ``event`` its selection): by a click
    or by keyboard in one select box under it (``key``, labelled ``label``) listing the value of each of the
    figure's points — ``value_of(point)`` of a point dict as :func:`figure_points` and a click event give it
    (``None``: the point cannot be chosen, e.g. a network's edges), duplicates once. Lists are turned into
    tuples (options must be hashable). Returns the chosen value, ``None`` while nothing is chosen."""
    def value(point: dict) -> Any:
        got = value_of(point)
        return tuple(got) if isinstance(got, list) else got
    options = list(dict.fromkeys(v for v in map(value, figure_points(fig)) if v is not None))
    clicked = _first([value({**p, "customdata": plain(p.get("customdata"))}) for p in selected_points(event)])
    return synced_choice(clicked, options, key, label, format_func=format_func, placeholder=t("kb.chart_placeholder"))


def article_choice(rows: pd.DataFrame, picked_rows: Sequence[int], key: str) -> int | None:
    """The position in ``rows`` (an article listing with ``id``, ``title``, ``date``) of the article chosen
    by a click on the table's row (``picked_rows``: the ``st.dataframe`` selection's rows) or in the
    "打开文章" select box under it (``key``; options the articles' ids, shown as date and title). ``None``
    while nothing is chosen."""
    ids = [int(i) for i in rows["id"]]
    names = dict(zip(ids, (f"{d} · {ti}" if d else str(ti)
                           for d, ti in zip(dates_as_text(rows["date"]), rows["title"].astype(str)))))
    clicked = ids[picked_rows[0]] if picked_rows else None
    chosen = synced_choice(clicked, ids, key, t("kb.open_article"), format_func=lambda i: names.get(i, str(i)),
                           placeholder=t("kb.article_placeholder"))
    return None if chosen is None else ids.index(chosen)


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
    """Show the articles behind a selection: a count, a table with links; clicking a row (or choosing its
    title in the "打开文章" box under the table: :func:`article_choice`) opens the article below it. ``rows``:
    a slice of the current dataset's article table (only ``id`` is needed — e.g. what
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
        picked = article_choice(rows, event.selection.rows if event is not None else [], f"{key}_open")
        if picked is not None:
            position = int(full.index.get_loc(rows.index[picked]))
            render_article(ds, position, query_terms(state.current_filters().query, label))
