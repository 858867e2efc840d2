"""Figures of agency mentions: the ranking (bars), the co-occurrence network and mentions over time. Each takes
the tables of ``analysis.agency_counts`` and returns a plotly figure styled by ``analysis.figstyle``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.figstyle import inert, style
from analysis.figures.layout import (annotation_anchor, fit_labels, spring_layout, strongest_links,
                                     text_size, wrap_label)


#: The words of the agency figures, by key, with their defaults: the library's codes (column names). Callers
#: pass ``labels=`` (any subset) in their language (the dashboard: ``ag.fig.*`` of ``ui.i18n``; the report:
#: ``labels.report``); the library itself builds no words.
FIGURE_LABELS: dict[str, str] = {"mentions": "mentions", "hover_mentions": "mentions", "hover_articles": "documents",
                                 "hover_association": "association", "network_note": ""}


def ranking_figure(summary: pd.DataFrame, top: int = 20, title: str | None = None,
                   labels: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of the ``top`` agencies by mentions (customdata = agency name, for drill-down);
    ``labels``: axis and tooltip words (see :data:`FIGURE_LABELS`)."""
    words = {**FIGURE_LABELS, **(labels or {})}
    d = summary.head(top).iloc[::-1]
    fig = go.Figure(go.Bar(x=d["mentions"], y=d["agency"], orientation="h", customdata=d[["agency", "documents"]],
                           hovertemplate=f"%{{y}}<br>{words['hover_mentions']} %{{x}}<br>"
                                         f"{words['hover_articles']} %{{customdata[1]}}<extra></extra>"))
    fig.update_layout(height=max(300, 24 * len(d) + 80), xaxis_title=words["mentions"], yaxis_title=None)
    return style(fig, title)



#: Nominal width (px) of the network's plot area that labels are placed for: a narrow dashboard column
#: (1280-px screen with the sidebar). Wider charts (the 1400-px window ≈ 920 px, exports 1000 px) only add room
#: between labels; a narrower one may let neighbouring labels touch.
NETWORK_WIDTH = 760
#: Links drawn per node (highest association) and heaviest links drawn overall: see
#: :func:`analysis.figures.layout.strongest_links`.
NETWORK_LINKS = (2, 5)
#: Label font size (px) of the network.
NETWORK_FONT = 12


def network_layout(cooc: pd.DataFrame, summary: pd.DataFrame, top: int = 30, *,
                   width: float = NETWORK_WIDTH) -> dict:
    """The drawing plan of :func:`network_figure` (no plotly): ``names`` (the ``top`` agencies by mentions),
    ``docs`` (articles naming each), ``links`` (``[(a, b, articles, association)]`` kept by
    :func:`strongest_links` with :data:`NETWORK_LINKS`), ``xy`` (``(n, 2)`` pixel centres, y up, in a
    ``width × height`` canvas), ``radius`` (marker radii, px), ``labels`` (each name, long ones on two lines),
    ``sides`` and ``boxes`` (label side and ``[x0, y0, x1, y1]`` box, px, from :func:`place_labels`),
    ``height`` (px). The canvas grows (15 % at a time, up to 4 times) until no label overlaps another label or
    a marker. Deterministic."""
    names = summary.head(top)["agency"].astype(str).tolist()
    keep = set(names)
    e = cooc[cooc["a"].isin(keep) & cooc["b"].isin(keep)]
    docs = summary.set_index("agency")["documents"].reindex(names).fillna(0).to_numpy(dtype=float)
    links = strongest_links(list(zip(e["a"].astype(str), e["b"].astype(str), e["articles"].astype(float))),
                            dict(zip(names, docs)), *NETWORK_LINKS)
    pos = spring_layout(names, [(a, b, w) for a, b, w, _ in links])
    unit = np.array([pos[v] for v in names], dtype=float).reshape(-1, 2)
    radius = (5 + 15 * np.sqrt(docs / docs.max()) if len(docs) and docs.max() > 0 else np.full(len(docs), 5.0)) + 1
    texts = ["<br>".join(str(inert(line)) for line in wrap_label(v)) for v in names]
    xy, sides, boxes, height = fit_labels(unit, radius, [text_size(t, NETWORK_FONT) for t in texts], width,
                                          520.0 + 6.0 * max(0, len(names) - 30))
    return {"names": names, "docs": docs, "links": links, "xy": xy, "radius": radius, "labels": texts,
            "sides": sides, "boxes": boxes, "height": height}


def network_figure(cooc: pd.DataFrame, summary: pd.DataFrame, top: int = 30,
                   title: str | None = None, labels: dict[str, str] | None = None) -> go.Figure:
    """The co-occurrence network of the ``top`` agencies by mentions, readable at 30–80 nodes.

    Nodes: agencies; marker area ~ articles naming it (``documents``). Lines: not every pair (on a news
    corpus nearly every pair of the top 30 is named together somewhere, which draws a hairball) but each
    agency's 2 links of highest association — cosine, ``articles together / √(articles of A × articles of B)``
    — plus the 5 pairs named together most often (:func:`analysis.figures.layout.strongest_links`); line
    width ~ articles naming both; the hover on a line's midpoint gives both numbers. The pair table under
    the chart lists every pair. Every node is labelled (long names on two lines), placed by
    :func:`analysis.figures.layout.place_labels` so that no label overlaps another or a marker at
    :data:`NETWORK_WIDTH` px or wider. Node ``customdata`` = ``[agency]`` (drill-down).
    ``labels``: the words of :data:`FIGURE_LABELS`; ``network_note`` (default none; lines split by ``\\n``) is
    written under the chart, so exported images say what sizes and lines mean. Deterministic (same tables → same figure)."""
    words = {**FIGURE_LABELS, **(labels or {})}
    plan = network_layout(cooc, summary, top)
    names, xy, links, height = plan["names"], plan["xy"], plan["links"], plan["height"]
    at = {v: i for i, v in enumerate(names)}
    fig = go.Figure()
    wmax = max([w for _, _, w, _ in links], default=1.0)
    classes: dict[int, tuple[list, list]] = {}
    for a, b, w, _ in links:   # one trace per width class (a trace per line costs ≈ 2 ms each)
        xs, ys = classes.setdefault(int(round(5 * w / wmax)), ([], []))
        xs += [xy[at[a], 0], xy[at[b], 0], None]
        ys += [xy[at[a], 1], xy[at[b], 1], None]
    for k in sorted(classes):
        fig.add_trace(go.Scatter(x=classes[k][0], y=classes[k][1], mode="lines", hoverinfo="skip",
                                 line=dict(width=0.8 + k, color="rgba(110,110,110,0.45)"), showlegend=False))
    if links:
        fig.add_trace(go.Scatter(
            x=[(xy[at[a], 0] + xy[at[b], 0]) / 2 for a, b, _, _ in links],
            y=[(xy[at[a], 1] + xy[at[b], 1]) / 2 for a, b, _, _ in links], mode="markers",
            marker=dict(size=8, opacity=0), showlegend=False,
            hovertext=[f"{inert(a)} — {inert(b)}<br>{words['hover_articles']} {int(w)} · {words['hover_association']} "
                       f"{s:.2f}" for a, b, w, s in links], hovertemplate="%{hovertext}<extra></extra>"))
    fig.add_trace(go.Scatter(x=xy[:, 0], y=xy[:, 1], mode="markers", customdata=[[v] for v in names],
                             marker=dict(size=2 * (plan["radius"] - 1), color="#1f77b4", line=dict(width=1, color="white")),
                             hovertext=[f"{inert(v)}<br>{words['hover_articles']} {int(d)}" for v, d in zip(names, plan["docs"])],
                             hovertemplate="%{hovertext}<extra></extra>", showlegend=False))
    notes = [dict(x=xy[i, 0], y=xy[i, 1], text=text, showarrow=False, font=dict(size=NETWORK_FONT),
                  bgcolor="rgba(255,255,255,0.75)", borderpad=1, **annotation_anchor(plan["sides"][i], plan["radius"][i]))
             for i, text in enumerate(plan["labels"])]
    note = str(words.get("network_note") or "")
    if note:
        notes.append(dict(text="<br>".join(str(inert(line)) for line in note.split("\n")), xref="paper", yref="paper",
                          x=0, y=0, yshift=-8, xanchor="left",
                          yanchor="top", showarrow=False, align="left", font=dict(size=11, color="#555")))
    style(fig, title)
    top_margin, bottom_margin = (50 if title else 20), (16 + 15 * len(note.split("\n")) if note else 10)
    # annotations in one call: add_annotation one by one costs ≈ 50 ms each at 60 labels
    fig.update_layout(annotations=notes, xaxis=dict(visible=False, range=[0, NETWORK_WIDTH], fixedrange=False),
                      yaxis=dict(visible=False, range=[0, height]), height=int(round(height)) + top_margin + bottom_margin,
                      margin=dict(l=10, r=10, t=top_margin, b=bottom_margin), hovermode="closest")
    return fig


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
