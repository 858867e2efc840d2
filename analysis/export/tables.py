"""Table downloads: CSV and XLSX that are safe to open in a spreadsheet, safe file and sheet names.

Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return can run as a formula when a user opens the export in Excel/WPS/LibreOffice.

* CSV: such text cells (and column headers) get a leading ``'``. **Decision:** a text cell that is a plain
  number (``-3.5``, ``+7``, ``-1e3``) is left alone — Excel reads it as that number, never as a formula, and a
  quote would turn a signed number into text. Numeric columns are never touched.
* XLSX (written with xlsxwriter, ~4× faster than openpyxl here): every text cell is written with the
  *string* cell type (never as a formula or hyperlink, whatever it starts with), and risky ones additionally get Excel's own "quote prefix" cell flag, so the cell shows the exact text and
  stays text even when a user edits it. (A literal ``'`` would be shown as part of the value in XLSX, so the
  flag is the faithful equivalent of the CSV quote.) Datetimes are real Excel dates.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.errors import LimitExceeded

#: First characters that make a spreadsheet cell a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Excel limits
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_COLS = 16_384
XLSX_MAX_CELL_CHARS = 32_767
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


# ---------------------------------------------------------------------------------------------- names
def safe_filename(name: object, *, default: str = "wenjian", max_chars: int = 80) -> str:
    """A file name (without directory) safe on Windows, macOS and Linux, derived from any text (e.g. an
    uploaded file's name or a chart title). Chinese is kept; path separators, reserved and control
    characters, zero-width/bidi characters, leading dots/dashes and Windows device names are not."""
    text = unicodedata.normalize("NFKC", str(name if name is not None else ""))
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "C":          # control, format (zero-width, bidi), surrogate, private, unassigned
            continue
        out.append(ch if (ch.isalnum() or ch in "-_.()（）") else "_")
    keep = re.sub(r"_+", "_", "".join(out)).strip("._- ")[:max_chars].strip("._- ")
    if not keep or keep.split(".")[0].upper() in _WINDOWS_RESERVED:
        keep = f"{default}_{keep}" if keep else default
    return keep


def sheet_names(names: list[str]) -> list[str]:
    """Excel-valid, case-insensitively unique sheet names (≤ 31 characters, none of ``[]:*?/\\``, no
    leading/trailing apostrophe, not blank, not the reserved ``History``)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        name = "".join(ch for ch in str(raw) if unicodedata.category(ch)[0] != "C")
        name = _SHEET_FORBIDDEN.sub("_", name).strip().strip("'").strip()[:31].strip() or "Sheet"
        if name.lower() == "history":
            name = "History_"
        base, n = name, 1
        while name.lower() in seen:
            n += 1
            suffix = f"~{n}"
            name = base[:31 - len(suffix)] + suffix
        seen.add(name.lower())
        out.append(name)
    return out


# ---------------------------------------------------------------------------------------------- cells
def is_formula_risk(text: str) -> bool:
    """True when a text cell would start a formula in a spreadsheet (plain signed numbers excepted)."""
    return bool(text) and text.startswith(FORMULA_PREFIXES) and not _PLAIN_NUMBER.fullmatch(text)


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when it is a formula risk (see the module docstring)."""
    return "'" + text if is_formula_risk(text) else text


def with_index(df: pd.DataFrame) -> pd.DataFrame:
    """Keep a meaningful index (named, or anything but a plain 0..n-1 range) as leading column(s)."""
    idx = df.index
    plain = isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1 and idx.name is None
    return df if plain else df.reset_index(allow_duplicates=True)


def _date_format(series: pd.Series) -> str:
    values = series.dropna()
    whole_days = values.empty or bool((values == values.dt.normalize()).all())
    return "%Y-%m-%d" if whole_days else "%Y-%m-%d %H:%M:%S"


def _text_cell(value: object) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return neutralise(str(value))


def _neutralised_text(s: pd.Series) -> pd.Series:
    """A text column as neutralised strings, missing values as ``""``. (A per-cell map: 4× faster here
    than pandas' vectorised ``str.match`` on long article bodies.)"""
    return s.astype(object).map(_text_cell).astype(object)


def csv_text(df: pd.DataFrame, *, lineterminator: str = "\r\n") -> str:
    """The table as CSV text, every field quoted only when needed, text cells and headers neutralised against
    formula injection (see the module docstring), dates as ``YYYY-MM-DD`` (or ``YYYY-MM-DD HH:MM:SS`` when a
    column has times), missing values empty, numbers and booleans as pandas writes them. A non-default index
    is written as leading column(s). ``df`` is not modified. The one CSV writer of the project: downloads
    (:func:`csv_bytes`) and every table the CLI prints (``analysis.cli.write_table``)."""
    frame = with_index(df)
    out = pd.DataFrame(index=range(len(frame)))
    for i, col in enumerate(frame.columns):
        s = frame.iloc[:, i].reset_index(drop=True)
        if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
            s = s.dt.strftime(_date_format(s)).fillna("")
        elif pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
            pass
        else:
            s = _neutralised_text(s)
        out[i] = s
    out.columns = [neutralise(str(c)) for c in frame.columns]
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator=lineterminator, quoting=csv.QUOTE_MINIMAL)
    return buf.getvalue()


def csv_bytes(df: pd.DataFrame) -> bytes:
    """The table as CSV for Excel users (:func:`csv_text`): UTF-8 with BOM, CRLF line ends (RFC 4180)."""
    return csv_text(df).encode("utf-8-sig", errors="replace")  # a lone surrogate becomes "?"


# ---------------------------------------------------------------------------------------------- xlsx
def _xlsx_column(s: pd.Series) -> tuple[list, str]:
    """(python values, kind) for one column; kind is date/datetime/number/bool/text. Missing → None."""
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        kind = "date" if _date_format(s) == "%Y-%m-%d" else "datetime"
        return [None if pd.isna(v) else v.to_pydatetime() for v in s], kind
    if pd.api.types.is_bool_dtype(s.dtype):
        return [None if v is pd.NA else bool(v) for v in s.astype(object)], "bool"
    if pd.api.types.is_numeric_dtype(s.dtype):
        return [None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for v in s.astype(object)], \
            "number"
    return [None if (v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)))
            else v for v in s.astype(object)], "object"


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An Excel workbook with one sheet per table (in the given order). Sheet names are made valid
    (:func:`sheet_names`); text is always written as text (never a formula or a hyperlink), with Excel's
    quote-prefix flag on formula-like cells; characters XML cannot hold are dropped; cells longer than
    Excel's 32,767 characters are cut (ending in ``…``); dates are Excel dates shown ``yyyy-mm-dd`` (with
    ``hh:mm:ss`` when a column has times; time zones dropped, wall time kept); NaN/NaT are empty cells,
    ±inf the text ``inf``/``-inf``. A non-default index is written as leading column(s). Raises
    :class:`LimitExceeded` when a table has more rows or columns than Excel allows (use CSV then)."""
    import xlsxwriter

    if not sheets:
        sheets = {"Sheet": pd.DataFrame()}
    frames = [with_index(df) for df in sheets.values()]
    for frame in frames:
        if len(frame) + 1 > XLSX_MAX_ROWS or frame.shape[1] > XLSX_MAX_COLS:
            raise LimitExceeded.of("xlsx.table_too_large", max_rows=XLSX_MAX_ROWS - 1, max_columns=XLSX_MAX_COLS,
                                       rows=len(frame), columns=frame.shape[1])
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                   "strings_to_numbers": False})
    header = wb.add_format({"bold": True})
    header_quoted = wb.add_format({"bold": True, "quote_prefix": True})
    quoted = wb.add_format({"quote_prefix": True})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    datetime_fmt = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})

    def write_text(ws, r: int, c: int, value: object, fmt=None, risky_fmt=quoted) -> None:
        text = _ILLEGAL_XML.sub("", str(value))
        if not text:
            return                                    # an empty cell, not an empty string
        if len(text) > XLSX_MAX_CELL_CHARS:
            text = text[:XLSX_MAX_CELL_CHARS - 1] + "…"
        ws.write_string(r, c, text, risky_fmt if is_formula_risk(text) else fmt)

    for title, frame in zip(sheet_names(list(sheets)), frames):
        ws = wb.add_worksheet(title)
        ws.freeze_panes(1, 0)
        for c, name in enumerate(frame.columns):
            write_text(ws, 0, c, name, header, header_quoted)
            ws.set_column(c, c, min(60, max(8, 2 * len(str(name)) + 2)))
            values, kind = _xlsx_column(frame.iloc[:, c])
            for r, v in enumerate(values, start=1):
                if v is None:
                    continue
                if kind in ("date", "datetime"):
                    ws.write_datetime(r, c, v, date_fmt if kind == "date" else datetime_fmt)
                elif isinstance(v, (bool, np.bool_)):
                    ws.write_boolean(r, c, bool(v))
                elif isinstance(v, (int, float, np.integer, np.floating)):
                    if math.isfinite(v):
                        ws.write_number(r, c, v)
                    else:
                        ws.write_string(r, c, str(float(v)))
                elif isinstance(v, (dt.datetime, dt.date)):
                    ts = pd.Timestamp(v).tz_localize(None) if pd.Timestamp(v).tzinfo else pd.Timestamp(v)
                    ws.write_datetime(r, c, ts.to_pydatetime(),
                                      date_fmt if ts == ts.normalize() else datetime_fmt)
                else:
                    write_text(ws, r, c, v)
    wb.close()
    return buf.getvalue()
