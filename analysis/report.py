"""One downloadable report: every chart and table of the current view, and the settings that produced them.

:func:`build_report` returns a single self-contained HTML file (plotly.js inline once, ≈ 4.8 MB, opens
offline). Every string that could come from a user or an uploaded file — the title, headings, notes,
settings, table cells and headers — is HTML-escaped, so ``<script>``, ``<img onerror=…>``, markdown and HTML
show as text. Figure data travels inside plotly's JSON, where plotly escapes ``<`` as ``\\u003c``. A
Content-Security-Policy in the page forbids any network access (no images, frames, fetches or form posts),
as a second line of defence. :func:`build_report_zip` adds each table as CSV and each chart as PNG (when a
browser for server-side images exists) next to the HTML.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from typing import TypeAlias
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

from analysis.export import PLOTLY_CONFIG, csv_bytes, figure_png, figure_svg, image_problem, safe_filename, with_index

#: Rows shown per table in the HTML report (the ZIP's CSVs hold every row).
MAX_TABLE_ROWS = 200
#: Characters shown per table cell in the HTML report (article bodies are cut with "…").
MAX_CELL_CHARS = 300
CSP = ("default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'")

Item: TypeAlias = go.Figure | pd.DataFrame | str


@dataclass
class Section:
    """A heading with its charts, tables and notes (``items``, in order). ``captions`` optionally names
    items by position (used for table/chart titles and the ZIP's file names); ``notes`` optionally gives the
    line shown *under* an item (the complete report's dataset/filters/date caption)."""

    heading: str
    items: list[Item] = field(default_factory=list)
    captions: dict[int, str] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)


#: The HTML ``lang`` attribute per report language (``None``: a report built without one).
HTML_LANG: dict[str | None, str] = {None: "zh-CN", "zh": "zh-CN", "en": "en"}
#: The report's own words by key, with their defaults: codes and format fields only. The edges pass words
#: (``labels.report.HTML_CHROME``) as ``chrome=``; ``capped`` is formatted with shown and total.
CHROME_KEYS: dict[str, str] = {"generated": "generated", "settings": "settings", "capped": "{shown} / {total}"}


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def setting_text(value: object) -> str:
    """A setting's value as the report shows it: ``—`` for None, dataclasses and mappings as ``key: value``
    pairs, sequences joined (see the body for the exact forms)."""
    if value is None:
        return "—"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return value.isoformat()[:19]
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {setting_text(v)}" for k, v in value.items()) or "—"
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(setting_text(v) for v in value) or "—"
    return str(value)


def _cell_text(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


def _table_html(df: pd.DataFrame, caption: str, max_rows: int, capped: str = CHROME_KEYS["capped"],
                note_below: str = "") -> str:
    shown = with_index(df.head(max_rows))
    names = [str(c) for c in shown.columns]
    shown = shown.set_axis(range(shown.shape[1]), axis=1)
    for col in shown.columns:
        s = shown[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            shown[col] = s.dt.strftime("%Y-%m-%d").fillna("")
        elif not (pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype)):
            shown[col] = s.map(_cell_text).astype(object)
    shown.columns = names
    body = shown.to_html(index=False, escape=True, na_rep="", border=0, classes="wj-table")
    note = ""
    if len(df) > max_rows:
        note = f'<p class="note">{_esc(capped.format(shown=max_rows, total=len(df)))}</p>'
    cap = f"<h3>{_esc(caption)}</h3>" if caption else ""
    below = f'<p class="caption">{_esc(note_below)}</p>' if note_below else ""
    return f'<div class="table">{cap}{body}{note}{below}</div>'


def _normalise(sections: Sequence[Section] | Mapping[str, Sequence[Item]]) -> list[Section]:
    if isinstance(sections, Mapping):
        return [Section(str(k), list(v)) for k, v in sections.items()]
    return list(sections)


def generated_text(when: dt.datetime) -> str:
    """The one form of a report's time (settings table, note under the title, every caption):
    ``2026-11-30 02:26 UTC`` — minutes and the time zone's name (none for a naive time)."""
    return when.strftime("%Y-%m-%d %H:%M %Z").strip()


def build_report(title: str, sections: Sequence[Section] | Mapping[str, Sequence[Item]],
                 settings: Mapping[str, object], *, max_rows: int = MAX_TABLE_ROWS,
                 generated: dt.datetime | None = None, lang: str | None = None,
                 chrome: Mapping[str, str] | None = None) -> bytes:
    """A self-contained HTML report (UTF-8 bytes).

    ``sections``: :class:`Section` objects, or a mapping heading → items. Items are plotly figures, pandas
    DataFrames (first ``max_rows`` rows shown, with a note) or text paragraphs; a section's ``notes`` are
    shown under their items. ``settings``: what produced the view (dataset, filters, dictionaries…) — shown
    as a table at the top; values may be strings, numbers, dates, lists, mappings or dataclasses (e.g.
    :class:`analysis.filters.Filters`). ``lang`` (``zh``/``en``/``None``) sets the page's ``lang``
    attribute; ``chrome``: the report's own words (``generated``, ``settings``, ``capped`` — the edge passes
    ``labels.report.HTML_CHROME[lang]``; missing ones are shown as codes, see :data:`CHROME_KEYS`)."""
    if lang not in HTML_LANG:
        raise ValueError(f"lang must be one of {list(HTML_LANG)}")
    chrome = {**CHROME_KEYS, **(chrome or {})}
    generated = generated or dt.datetime.now(dt.timezone.utc)
    parts: list[str] = []
    toc: list[str] = []
    n_fig = 0
    for s_no, section in enumerate(_normalise(sections), start=1):
        anchor = f"s{s_no}"
        toc.append(f'<li><a href="#{anchor}">{_esc(section.heading)}</a></li>')
        parts.append(f'<section id="{anchor}"><h2>{_esc(section.heading)}</h2>')
        notes = getattr(section, "notes", {})
        for i, item in enumerate(section.items):
            caption = section.captions.get(i, "")
            if isinstance(item, go.Figure):
                n_fig += 1
                div = pio.to_html(item, include_plotlyjs=False, full_html=False, config=PLOTLY_CONFIG,
                                  div_id=f"wj-fig-{n_fig}", validate=False, default_height="520px")
                cap = f"<h3>{_esc(caption)}</h3>" if caption else ""
                below = f'<p class="caption">{_esc(notes[i])}</p>' if notes.get(i) else ""
                parts.append(f'<div class="figure">{cap}{div}{below}</div>')
            elif isinstance(item, pd.DataFrame):
                parts.append(_table_html(item, caption, max_rows, chrome["capped"], notes.get(i, "")))
            else:
                parts.append(f'<p class="text">{_esc(item)}</p>')
        parts.append("</section>")
    settings_rows = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(setting_text(v))}</td></tr>"
                            for k, v in settings.items())
    plotly_js = f'<script type="text/javascript">{get_plotlyjs()}</script>' if n_fig else ""
    doc = f"""<!DOCTYPE html>
<html lang="{HTML_LANG[lang]}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)}</title>
<style>
body{{font-family:"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2rem auto;
max-width:1100px;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;font-size:13px;margin:.5rem 0}} th,td{{border:1px solid #ddd;padding:3px 6px;
vertical-align:top;text-align:left}} th{{background:#f4f4f4}} .note{{color:#777;font-size:12px}}
.caption{{color:#555;font-size:12px;font-style:italic;margin:.2rem 0 1rem}}
.text{{white-space:pre-wrap}} .figure{{margin:1rem 0}} h2{{border-bottom:2px solid #1f77b4;padding-bottom:.2rem}}
</style>
{plotly_js}
</head><body>
<h1>{_esc(title)}</h1>
<p class="note">{chrome['generated']}: {_esc(generated_text(generated))} · 文鉴 Wenjian</p>
<h2>{chrome['settings']}</h2>
<table class="settings">{settings_rows}</table>
<nav><ul>{"".join(toc)}</ul></nav>
{"".join(parts)}
</body></html>
"""
    return doc.encode("utf-8", errors="replace")  # a lone surrogate becomes "?"


def build_report_zip(title: str, sections: Sequence[Section] | Mapping[str, Sequence[Item]],
                     settings: Mapping[str, object], *, images: bool = True,
                     chrome: Mapping[str, str] | None = None) -> bytes:
    """A ZIP with ``report.html`` (as :func:`build_report`), ``settings.json``, every table in full as
    ``tables/NN_name.csv`` and — when ``images`` and a browser for server-side export exist — every chart as
    ``charts/NN_name.png``. Member names are generated (sanitised), never taken raw from user text."""
    secs = _normalise(sections)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("report.html", build_report(title, secs, settings, chrome=chrome))
        zf.writestr("settings.json", json.dumps({str(k): setting_text(v) for k, v in settings.items()},
                                                ensure_ascii=False, indent=1))
        n = 0
        for section in secs:
            for i, item in enumerate(section.items):
                label = section.captions.get(i) or section.heading
                if isinstance(item, pd.DataFrame):
                    n += 1
                    zf.writestr(f"tables/{n:02d}_{safe_filename(label, max_chars=60)}.csv", csv_bytes(item))
                elif isinstance(item, go.Figure) and images:
                    png = figure_png(item)
                    if png:
                        n += 1
                        zf.writestr(f"charts/{n:02d}_{safe_filename(label, max_chars=60)}.png", png)
    return buf.getvalue()


# --------------------------------------------------------------------------------------- the complete report
def items_in_order(report) -> list[tuple[int, str, Item]]:
    """``(number, title, item)`` for every chart and table of a complete report (``analysis.report_content.
    Report``), numbered from 1 in reading order — the numbers of the ZIP's file names."""
    out, n = [], 0
    for section in report.sections:
        for i, item in enumerate(section.items):
            if isinstance(item, (go.Figure, pd.DataFrame)):
                n += 1
                out.append((n, section.captions.get(i) or section.heading, item))
    return out


def render_html(report) -> bytes:
    """The complete report as one self-contained HTML file, in the report's language."""
    chrome = {k[5:]: v for k, v in getattr(report, "words", {}).items() if k.startswith("html.")}
    return build_report(report.title, report.sections, report.settings, generated=report.generated,
                        lang=report.lang, chrome=chrome)


def render_images(report, formats: Sequence[str] = ("png",), progress=None) -> int:
    """Render every chart of ``report`` server-side in ``formats`` (``png``, ``svg``) into ``report.images``
    (``(id(fig), fmt) -> bytes``, ``None`` when no browser is available); already rendered ones are kept.
    ``progress(done_fraction, text)``. Returns how many images could not be made (0 = all there); why, in
    ``report.image_problem`` (the last failure's ``analysis.export.image_problem``)."""
    figures = [(n, title, item) for n, title, item in items_in_order(report) if isinstance(item, go.Figure)]
    todo = [(fig, fmt, title) for _, title, fig in figures for fmt in formats if (id(fig), fmt) not in report.images]
    missing = 0
    for k, (fig, fmt, title) in enumerate(todo):
        if progress:
            progress(k / max(len(todo), 1), title)
        data = figure_png(fig, scale=2) if fmt == "png" else figure_svg(fig)
        report.images[(id(fig), fmt)] = data
        if data is None:
            report.image_problem = image_problem() or "unavailable"
    for _, _, fig in figures:
        missing += sum(report.images.get((id(fig), fmt)) is None for fmt in formats)
    if not missing:
        report.image_problem = None
    return missing
