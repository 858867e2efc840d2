"""The complete report as a Word document (.docx, python-docx): the format Chinese offices hand in.

Layout: A4 portrait, 2.5 cm margins, body text in 宋体 (SimSun) / Times New Roman, headings in 黑体
(SimHei). The report's title, the generation time and the settings table come first; then one Heading 1
per section, and per item a Heading 2 (its title), the chart as a PNG picture 16 cm wide (rendered
server-side by ``analysis.export.figure_png``; a sentence says so when no browser is available) or the
table as a Word table (header row bold and repeated on every page; at most ``MAX_TABLE_ROWS`` rows and
``MAX_CELL_CHARS`` characters per cell, with a note — the ZIP's CSV/XLSX hold every row), and the caption
line under it. Characters that XML cannot hold are dropped (Word cannot store them).
"""
from __future__ import annotations

import io
import math
import re

import pandas as pd
import plotly.graph_objects as go

from analysis.figstyle import plain_number
from analysis.report import MAX_CELL_CHARS, MAX_TABLE_ROWS, generated_text, render_images

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BODY_FONT, EAST_ASIA_FONT, HEADING_EAST_ASIA_FONT = "Times New Roman", "宋体", "黑体"
#: The Word file's own words by key, with their defaults (codes and format fields): the report carries its
#: words (``Report.words``, ``docx.*`` — ``labels.report.DOCX_WORDS``, passed in by the edge).
WORD_KEYS: dict[str, str] = {"generated": "generated", "capped": "{shown} / {total}", "no_image": "no_image",
                             "no_image_timeout": "no_image (timeout)", "no_image_failed": "no_image (failed)",
                             "empty": "empty"}


#: The longest document title Word's core properties take (``docx.opc.coreprops``: 255 characters).
CORE_TITLE_MAX = 255


def _clean(text: object) -> str:
    return _ILLEGAL_XML.sub("", str(text))


def _cell(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        return plain_number(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
    text = _clean(value)
    return text if len(text) <= MAX_CELL_CHARS else text[:MAX_CELL_CHARS] + "…"


def _set_fonts(style, latin: str, east_asia: str) -> None:
    from docx.oxml.ns import qn

    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _repeat_header(doc) -> None:
    """Mark the first row of the document's last table as its header row, repeated on every page
    (``w:tblHeader``). python-docx has no API for it; the table's XML is reached through the public
    ``Document.element`` (not the private ``_Row._tr``)."""
    from docx.oxml.ns import qn

    tbl = doc.element.body.findall(qn("w:tbl"))[-1]
    tr_pr = tbl.find(qn("w:tr")).get_or_add_trPr()
    el = tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    tr_pr.append(el)


def _table(doc, df: pd.DataFrame, words: dict) -> None:
    from docx.shared import Pt

    if df.shape[1] == 0:
        doc.add_paragraph(words["empty"])
        return
    shown = df.head(MAX_TABLE_ROWS)
    table = doc.add_table(rows=len(shown) + 1, cols=df.shape[1])
    table.style = "Table Grid"
    cells = [cell for row in table.rows for cell in row.cells]   # row-major, linear (table.cell(r, c) is quadratic)
    ncol = df.shape[1]
    for c, name in enumerate(df.columns):
        run = cells[c].paragraphs[0].add_run(_clean(name))
        run.bold = True
    _repeat_header(doc)
    columns = [shown.iloc[:, c].tolist() for c in range(ncol)]
    for r in range(len(shown)):
        for c in range(ncol):
            cells[(r + 1) * ncol + c].text = _cell(columns[c][r])
    for cell in cells:
        for p in cell.paragraphs:
            for run in p.runs:
                run.font.size = Pt(9)
    if len(df) > MAX_TABLE_ROWS:
        doc.add_paragraph(words["capped"].format(shown=MAX_TABLE_ROWS, total=f"{len(df):,}"))


def render_docx(report, *, progress=None) -> bytes:
    """The complete report (``analysis.report_content.Report``) as .docx bytes; charts become PNG pictures
    (rendered now unless ``report.images`` has them), tables Word tables. ``progress(fraction, text)``."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    words = {**WORD_KEYS, **{k[5:]: v for k, v in getattr(report, "words", {}).items() if k.startswith("docx.")}}
    render_images(report, ("png",), progress=progress)
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2.5))
    _set_fonts(doc.styles["Normal"], BODY_FONT, EAST_ASIA_FONT)
    doc.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Caption"):
        _set_fonts(doc.styles[name], BODY_FONT, HEADING_EAST_ASIA_FONT if name != "Caption" else EAST_ASIA_FONT)
    title = _clean(report.title)
    # Word's core properties hold at most 255 characters (python-docx raises ValueError beyond: the CLI's
    # default title lists every input file — 29 Hebei CSVs gave a traceback); the heading keeps the whole title
    doc.core_properties.title = title if len(title) <= CORE_TITLE_MAX else title[:CORE_TITLE_MAX - 1] + "…"
    doc.core_properties.author = "文鉴 Wenjian"
    doc.add_heading(_clean(report.title), level=0)
    doc.add_paragraph(f"{words['generated']}: {generated_text(report.generated)} · 文鉴 Wenjian")
    settings = pd.DataFrame({"k": [str(k) for k in report.settings], "v": [str(v) for v in report.settings.values()]})
    table = doc.add_table(rows=len(settings), cols=2)
    table.style = "Table Grid"
    for r, (k, v) in enumerate(settings.itertuples(index=False)):
        table.cell(r, 0).paragraphs[0].add_run(_clean(k)).bold = True
        table.cell(r, 1).text = _clean(v)
    for section in report.sections:
        doc.add_heading(_clean(section.heading), level=1)
        for i, item in enumerate(section.items):
            title = section.captions.get(i, "")
            if isinstance(item, (go.Figure, pd.DataFrame)) and title:
                doc.add_heading(_clean(title), level=2)
            if isinstance(item, go.Figure):
                png = report.images.get((id(item), "png"))
                if png:
                    doc.add_picture(io.BytesIO(png), width=Cm(16))
                else:
                    doc.add_paragraph(words.get(f"no_image_{report.image_problem}", words["no_image"]))
            elif isinstance(item, pd.DataFrame):
                _table(doc, item, words)
            else:
                doc.add_paragraph(_clean(item))
            if section.notes.get(i):
                doc.add_paragraph(_clean(section.notes[i]), style="Caption")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
