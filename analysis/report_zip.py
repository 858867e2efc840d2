"""The complete report as one ZIP: the HTML and Word files, every table in full as CSV and XLSX, every chart
as PNG and SVG (``python -m analysis report -o FILE.zip`` and the 概览 page's ZIP button)."""
from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from analysis.errors import LimitExceeded, note
from analysis.export import csv_bytes, safe_filename, xlsx_bytes
from analysis.report import items_in_order, render_html, render_images, setting_text
from analysis.report_docx import render_docx


#: Longest title part of a ZIP member's name (``NN_`` + this, sanitised): a long caption is cut at a word boundary.
NAME_CHARS = 40
_BOUNDARY = " ,，、;；:：(（"
_BRACKETS = (("(", ")"), ("（", "）"))


def file_title(title: str, max_chars: int = NAME_CHARS) -> str:
    """``title`` short enough for a file name: whole when it has at most ``max_chars`` characters, else cut at
    the last space or punctuation mark within them, and a bracket the cut leaves open is dropped with what
    follows it — ``Phrases (two-term collocations by log-likelihood G², at least 5 times)`` → ``Phrases``,
    never ``Phrases (two-term … G2_at_least`` (tester L4). No boundary at all: the first ``max_chars``."""
    text = " ".join(str(title).split())
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    at = max(cut.rfind(ch) for ch in _BOUNDARY)
    if at > 0:
        cut = cut[:at]
    for opening, closing in _BRACKETS:
        i = cut.rfind(opening)
        if i > 0 and closing not in cut[i:]:
            cut = cut[:i]
    return cut.rstrip(_BOUNDARY + "-–—") or text[:max_chars]


def render_zip(report, *, docx: bytes | None = None, html: bytes | None = None, progress=None) -> bytes:
    """The complete report as a ZIP: ``report.html``, ``report.docx``, ``settings.json``, every table in
    full as ``tables/NN_title.csv`` and ``.xlsx`` (tables too large for Excel: CSV only, with a note in
    ``README.txt``) and every chart as ``charts/NN_title.png`` and ``.svg`` (when server-side images work;
    otherwise ``README.txt`` says so). ``NN`` numbers items in reading order; names come from the report's
    titles, cut at a word boundary (:func:`file_title`) and sanitised. ``docx``/``html``: already built bytes to reuse."""
    notes: list[str] = []
    render_images(report, ("png", "svg"), progress=(lambda f, t: progress(0.6 * f, t)) if progress else None)
    if progress:
        progress(0.6, "HTML")
    html = html if html is not None else render_html(report)
    if progress:
        progress(0.7, "DOCX")
    docx = docx if docx is not None else render_docx(report)
    if progress:
        progress(0.8, "CSV / XLSX")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("report.html", html)
        zf.writestr("report.docx", docx)
        zf.writestr("settings.json", json.dumps({str(k): setting_text(v) for k, v in report.settings.items()},
                                                ensure_ascii=False, indent=1))
        for n, title, item in items_in_order(report):
            name = f"{n:02d}_{safe_filename(file_title(title), max_chars=60)}"
            if isinstance(item, pd.DataFrame):
                zf.writestr(f"tables/{name}.csv", csv_bytes(item))
                try:
                    zf.writestr(f"tables/{name}.xlsx", xlsx_bytes({title[:31]: item}))
                except LimitExceeded as exc:
                    notes.append(f"tables/{name}.xlsx: {exc}")
            else:
                for fmt in ("png", "svg"):
                    data = report.images.get((id(item), fmt))
                    if data:
                        zf.writestr(f"charts/{name}.{fmt}", data)
                    else:
                        kind = {"timeout": "_timeout", "failed": "_failed"}.get(report.image_problem or "", "")
                        notes.append(note("no_chart_image" + kind, name=name, fmt=fmt))
        if notes:
            zf.writestr("README.txt", "\n".join(notes) + "\n")
    if progress:
        progress(1.0, "")
    return buf.getvalue()
