"""The keyword figures: the top-terms bar chart (each bar's ``customdata`` is ``[term, documents]`` for the
drill-down) and a word cloud with Chinese glyphs (``wordcloud`` and ``PIL`` are imported when one is drawn)."""
from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis.errors import note
from analysis.figstyle import WRAPPED_BAR, style, wrap_category_ticks

__all__ = ["FIGURE_LABELS", "top_terms_figure", "cjk_font_path", "word_cloud", "word_cloud_png"]

#: The words of the keyword figure, by key, with their defaults: the library's codes (column names). Callers
#: pass ``labels=`` (any subset) in their language — the dashboard from ``ui.i18n`` (``kwf.*``), the report
#: from ``labels.report``; the library itself builds no words.
FIGURE_LABELS: dict[str, str] = {"count": "count", "hover_times": "count", "hover_articles": "documents"}


def top_terms_figure(top: pd.DataFrame, title: str | None = None,
                     labels: dict[str, str] | None = None) -> go.Figure:
    """Horizontal bar chart of a ``top_terms`` table (most frequent at the top); each bar's ``customdata`` is
    ``[term, documents]`` (the term first, for drill-down). ``labels``: see :data:`FIGURE_LABELS`."""
    words = {**FIGURE_LABELS, **(labels or {})}
    df = top.iloc[::-1]
    fig = go.Figure(go.Bar(x=df["count"], y=df["term"], orientation="h", customdata=df[["term", "documents"]],
                           hovertemplate=f"%{{y}}: %{{x}} {words['hover_times']} / %{{customdata[1]}} "
                                         f"{words['hover_articles']}<extra></extra>"))
    style(fig, title, height=max(300, 22 * len(df) + 80))
    fig.update_layout(xaxis_title=words["count"], yaxis_title=None)
    if wrap_category_ticks(fig):   # a long word (a name found as one word) takes two lines (tester-s15 N1)
        fig.update_layout(height=max(300, WRAPPED_BAR * len(df) + 80))
    return fig


def cjk_font_path() -> str:
    """A font file with Chinese glyphs: ``pylopdf-fonts-zh-cn`` (Noto Sans SC), else Debian's Noto CJK."""
    try:
        from pylopdf_fonts_zh_cn import sans_path

        path = str(sans_path())
        if os.path.exists(path):
            return path
    except ImportError:
        pass
    for cand in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                 "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"):
        if os.path.exists(cand):
            return cand
    raise FileNotFoundError(note("no_cjk_font"))


def word_cloud(frequencies: Mapping[str, float] | pd.DataFrame, *, width: int = 900, height: int = 450,
               max_words: int = 150, font_path: str | Path | None = None, seed: int = 0) -> np.ndarray:
    """A word cloud image (``height × width × 3`` uint8 RGB) with correct Chinese glyphs.

    ``frequencies``: ``{term: weight}`` or a ``top_terms`` table (``term`` and ``count`` columns).
    Deterministic for a given ``seed``.
    """
    from wordcloud import WordCloud

    if isinstance(frequencies, pd.DataFrame):
        frequencies = dict(zip(frequencies["term"], frequencies["count"].astype(float)))
    freqs = {str(k): float(v) for k, v in frequencies.items() if v > 0}
    if not freqs:
        return np.full((height, width, 3), 255, dtype=np.uint8)
    wc = WordCloud(font_path=str(font_path or cjk_font_path()), width=width, height=height, max_words=max_words,
                   background_color="white", random_state=seed, prefer_horizontal=0.95, collocations=False)
    return wc.generate_from_frequencies(freqs).to_array()


def word_cloud_png(frequencies: Mapping[str, float] | pd.DataFrame, **kwargs) -> bytes:
    """:func:`word_cloud` encoded as PNG bytes."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(word_cloud(frequencies, **kwargs)).save(buf, format="PNG")
    return buf.getvalue()
