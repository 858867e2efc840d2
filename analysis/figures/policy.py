"""The 政策 page's figures: the citation network, the most-cited titles and the issuer × year heatmap (the
tables they draw come from ``analysis.policy.documents`` and ``analysis.policy.citations``)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from analysis.figures.layout import annotation_anchor, fit_labels, spring_layout, text_size, wrap_label
from analysis.figstyle import inert, style
from analysis.policy.citations import citation_edges, document_counts
from analysis.policy.documents import UNKNOWN_ISSUER, first_issuer

__all__ = ["FIGURE_LABELS", "network_figure", "top_cited_figure", "issuer_year_figure"]

#: Chart words (axis titles, legend, tooltips, placeholders) by key, with their defaults: the library's
#: codes. The 政策 page passes them in its language from ``ui/i18n`` (keys ``pof.*``); the library itself
#: builds no words.
FIGURE_LABELS: dict[str, str] = {
    "unknown": UNKNOWN_ISSUER, "other": "other", "issuer": "issuer", "no_citations": "no_citations",
    "cited_by": "cited_by", "citing_axis": "citing_documents", "citing_hover": "citing_documents",
}


#: The citation network names its ``NETWORK_LABELS`` most cited documents on the chart (the others on hover),
#: placed for a plot area of ``POLICY_WIDTH`` px (the chart less its issuer legend) or wider.
NETWORK_LABELS = 12
POLICY_WIDTH = 620


def _short_title(title: str, limit: int = 16) -> str:
    """A document title for a chart label: the first ``limit`` characters (``…`` when cut), on two lines, made
    inert (plotly markup shown as text)."""
    short = title if len(title) <= limit else title[:limit] + "…"
    return "<br>".join(str(inert(line)) for line in wrap_label(short, 9))


def network_figure(articles: pd.DataFrame, citations: pd.DataFrame, top: int = 60, *,
                   ids: set[int] | None = None, title: str | None = None,
                   labels: dict[str, str] | None = None) -> go.Figure:
    """Corpus documents as nodes (the ``top`` most cited, plus the documents citing them; size ~ in-degree =
    corpus documents citing it, colour = lead issuer), citations as lines. ``ids`` keeps the documents
    passing the page's filters as citing documents. Each node's ``customdata`` is ``[id, title, citing documents]``.
    The :data:`NETWORK_LABELS` most cited are named on the chart (title shortened), no label over another label
    or a marker (:func:`analysis.figures.layout.fit_labels`, as the agencies' network).
    ``labels``: chart words (see :data:`FIGURE_LABELS`)."""
    words = _words(labels)
    edges = citation_edges(citations, ids)
    fig = go.Figure()
    if edges.empty:
        fig.add_annotation(text=words["no_citations"],
                           showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), height=300)
        return style(fig, title)
    indeg = edges.groupby("target")["source"].nunique().sort_values(ascending=False, kind="stable")
    targets = indeg.head(top).index.tolist()
    e = edges[edges["target"].isin(targets)]
    sources = [s for s in pd.unique(e["source"]) if s not in set(targets)][: max(0, 2 * top - len(targets))]
    nodes = list(dict.fromkeys(targets + sources))
    e = e[e["source"].isin(set(nodes))]
    keyed = [str(n) for n in nodes]
    pos = spring_layout(keyed, [(str(a), str(b), float(w)) for a, b, w in zip(e["source"], e["target"], e["weight"])])
    info = articles.set_index("id")
    titles = info["title"].reindex(nodes).fillna("").tolist()
    issuers = [first_issuer(v, words["unknown"]) for v in info["issuer"].reindex(nodes).fillna("").tolist()] if "issuer" in info \
        else [words["unknown"]] * len(nodes)
    deg = indeg.reindex(nodes).fillna(0).to_numpy()
    size = 8 + 26 * np.sqrt(deg / max(deg.max(), 1))
    # the most cited documents are named on the chart (title shortened, on two lines), placed like the agencies'
    # network labels: none over another label or a marker
    texts = [_short_title(titles[i]) if i < min(NETWORK_LABELS, len(targets)) and titles[i] else "" for i in range(len(nodes))]
    sizes = [text_size(t, 11) if t else (0.0, 0.0) for t in texts]
    xy, sides, _, height = fit_labels(np.array([pos[k] for k in keyed]), size / 2 + 1, sizes, POLICY_WIDTH, 560.0,
                                      inset=(70.0, 30.0))
    xs, ys = [], []
    at = {v: i for i, v in enumerate(nodes)}
    for a, b in zip(e["source"], e["target"]):
        xs += [xy[at[a], 0], xy[at[b], 0], None]
        ys += [xy[at[a], 1], xy[at[b], 1], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(width=1, color="rgba(120,120,120,0.35)"),
                             hoverinfo="skip", showlegend=False))
    palette = px.colors.qualitative.Plotly + px.colors.qualitative.Set2
    issuer_order = pd.Series(issuers).value_counts().index.tolist()
    for k, name in enumerate(issuer_order[:12] + ([words["other"]] if len(issuer_order) > 12 else [])):
        rows = [i for i, v in enumerate(issuers) if (v == name if k < 12 else v not in issuer_order[:12])]
        fig.add_trace(go.Scatter(
            x=xy[rows, 0], y=xy[rows, 1], mode="markers",
            name=name[:20], marker=dict(size=size[rows], color=palette[k % len(palette)], line=dict(width=1, color="white")),
            customdata=[[nodes[i], titles[i], int(deg[i])] for i in rows], text=[titles[i][:40] for i in rows],
            hovertemplate=f"%{{text}}<br>{words['cited_by']} %{{customdata[2]}} · id %{{customdata[0]}}<extra></extra>"))
    fig.update_layout(annotations=[
        dict(x=xy[i, 0], y=xy[i, 1], text=t, showarrow=False, font=dict(size=11), bgcolor="rgba(255,255,255,0.75)",
             borderpad=1, **annotation_anchor(sides[i], size[i] / 2 + 1)) for i, t in enumerate(texts) if t])
    fig.update_layout(xaxis=dict(visible=False, range=[0, POLICY_WIDTH]), yaxis=dict(visible=False, range=[0, height]),
                      height=int(round(height)) + (50 if title else 20) + 10, legend=dict(title=words["issuer"]))
    return style(fig, title)



def top_cited_figure(top: pd.DataFrame, title: str | None = None,
                     labels: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bars of a :func:`analysis.policy.citations.top_cited` table: citing documents, coloured by
    inside (corpus) / outside; ``customdata`` = ``[title, resolved_id]``. ``labels``: see :data:`FIGURE_LABELS`."""
    words = _words(labels)
    df = top.iloc[::-1]
    colors = ["#1f77b4" if v else "#ff7f0e" for v in df["in_corpus"]]
    fig = go.Figure(go.Bar(
        x=df["citing_documents"], y=[t[:30] for t in df["title"]], orientation="h", marker_color=colors,
        customdata=np.column_stack([df["title"].to_numpy(), df["resolved_id"].astype("string").fillna("").to_numpy()])
        if len(df) else None,
        hovertemplate=f"%{{customdata[0]}}: %{{x}} {words['citing_hover']}<extra></extra>"))
    style(fig, title, height=max(300, 24 * len(df) + 90))
    fig.update_layout(xaxis_title=words["citing_axis"],
                      yaxis_title=None)
    return fig



def issuer_year_figure(matrix: pd.DataFrame, title: str | None = None, unknown: str | None = None) -> go.Figure:
    """Heatmap of :func:`issuer_year` (documents per cell). ``unknown``: the label of the row of documents without
    an issuer — drawn, but the colour scale runs to the largest cell of the named issuers (its cells above that
    show the darkest colour; the hover gives every cell's count): in a collection of mostly news the unknown row
    would otherwise leave every issuer white (a 1M-article dataset: 140k unknown per year, issuers ≤ 500)."""
    years = [c for c in matrix.columns if c != "issuer"]
    z = matrix[years].to_numpy() if years else np.zeros((0, 0))
    named_cells = z[(matrix["issuer"] != unknown).to_numpy()] if years else z
    zmax = float(named_cells.max()) if named_cells.size and named_cells.max() > 0 else None
    fig = go.Figure(go.Heatmap(z=z if years else [[]], x=years, y=matrix["issuer"], colorscale="Blues",
                               zmin=0 if zmax is not None else None, zmax=zmax,
                               hovertemplate="%{y} · %{x}: %{z}<extra></extra>"))
    style(fig, title, height=max(320, 26 * len(matrix) + 120))
    fig.update_yaxes(autorange="reversed")
    return fig

def _words(labels: dict[str, str] | None) -> dict[str, str]:
    return {**FIGURE_LABELS, **(labels or {})}
