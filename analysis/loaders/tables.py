"""Tables of articles: CSV/TSV, XLSX, JSON (array, or an object holding the list) and JSON Lines.

Each reader returns the table's rows as a ``RawTable`` (column names + rows of strings); which column is
which is decided in ``analysis.loaders.columns`` (``map_columns``, ``table_to_fields``). Nothing here
evaluates anything: XLSX formulas are read as their cached values.
"""
from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Iterator, Sequence

from analysis.errors import LimitExceeded, LoadError, note
from analysis.loaders.columns import HEADER_SEARCH_ROWS, RawTable, header_note, header_row, map_columns
from analysis.loaders.json_tables import read_json, read_jsonl

__all__ = ["RawTable", "read_delimited", "read_xlsx", "read_json", "read_jsonl", "sniff_delimiter"]

# --- CSV / TSV ----------------------------------------------------------------------------------------

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def sniff_delimiter(text: str, extension: str = "") -> str:
    """The delimiter from the header line: tab for .tsv (or when tabs outnumber commas), else , ; or |."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in ("\t", ",", ";", "|", "，")}
    if extension == "tsv" and counts["\t"]:
        return "\t"
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_delimited(text: str, delimiter: str = ",", *, max_columns: int = 20_000) -> RawTable:
    """Rows of a CSV/TSV text (quoted fields may span lines). The first row is the header.

    Rows with more fields than the header keep the header's fields (the extras are counted in a note);
    shorter rows are padded. Raises ``LoadError`` when the text is not a table.
    """
    if delimiter == "，":  # a "CSV" separated by full-width commas
        text = text.replace("，", ",")
        delimiter = ","
    reader: _chain_rows = _chain_rows([], csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    notes: list[str] = []
    try:
        header = next(reader, None)
        if header is None:
            raise LoadError.of("table.empty")
        mapped = map_columns([c for c in header if c.strip()], exact_only=True)
        if not ("title" in mapped or "body" in mapped) and len(header) <= max_columns:
            # a title row or notes above the header (a spreadsheet saved as CSV): find the header by content
            top = [header]
            for row in reader:
                top.append(row)
                if len(top) >= HEADER_SEARCH_ROWS:
                    break
            at = header_row(top)
            header = top[at]
            if at:
                notes.append(header_note(top[:at]))
            reader = _chain_rows(top[at + 1:], reader)
        if len(header) > max_columns:
            raise LimitExceeded.of("table.too_many_columns", columns=len(header), limit=max_columns)
        width = len(header)
        rows: list[list[str]] = []
        long_rows = repeated = 0
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if row == header:  # crawlers that append to a file write the header again
                repeated += 1
                continue
            if len(row) > width:
                long_rows += 1
                row = row[:width]
            elif len(row) < width:
                row = row + [""] * (width - len(row))
            rows.append(row)
    except csv.Error as exc:
        raise LoadError.of("csv.malformed", line=reader.line_num, exc=exc)
    names = _unique_names(header)
    table = RawTable(columns=names, rows=rows, notes=notes, repeats=_repeats(names))
    if repeated:
        table.notes.append(note("repeated_headers", n=repeated))
    if long_rows:
        table.notes.append(note("long_rows", n=long_rows))
    return table


class _chain_rows:
    """Rows already read, then the rest of a ``csv.reader`` (keeps ``line_num`` for error messages)."""

    def __init__(self, first: list[list[str]], reader: Iterator[list[str]]) -> None:
        self._first, self._reader = list(first), reader

    def __iter__(self) -> _chain_rows:
        return self

    def __next__(self) -> list[str]:
        if self._first:
            return self._first.pop(0)
        return next(self._reader)

    @property
    def line_num(self) -> int:
        return getattr(self._reader, "line_num", 0)


def _unique_names(header: Sequence[object]) -> list[str]:
    """Column names as str, blanks named ``列N``/``colN``, repeats suffixed (``内容.1``)."""
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(header):
        name = "" if raw is None else str(raw).strip().lstrip("\ufeff")
        if not name:
            name = f"列{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}.{seen[name]}"
        else:
            seen[name] = 0
        out.append(name)
    return out


def _repeats(names: list[str]) -> dict[str, list[str]]:
    """``{first name: [its repeats' names]}`` for a header written by ``_unique_names`` (``标题,标题`` →
    ``{"标题": ["标题.1"]}``); empty when no name repeats."""
    out: dict[str, list[str]] = {}
    present = set(names)
    for name in names:
        base, dot, k = name.rpartition(".")
        if dot and k.isdigit() and base in present and name == f"{base}.{int(k)}":
            out.setdefault(base, []).append(name)
    return out


# --- XLSX ---------------------------------------------------------------------------------------------

def read_xlsx(data: bytes, *, max_expanded: int, max_columns: int = 20_000) -> list[RawTable]:
    """Every non-empty sheet of an XLSX workbook (read-only; formulas give their cached values, never run).

    The workbook is a ZIP: its declared expanded size is checked against ``max_expanded`` before openpyxl
    reads it. Raises ``LoadError`` when the data is not an XLSX workbook.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = set(zf.namelist())
            expanded = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError.of("xlsx.broken_zip", exc=exc)
    if "[Content_Types].xml" not in members or not any(n.startswith("xl/") for n in members):
        raise LoadError.of("xlsx.no_parts")
    if expanded > max_expanded:
        raise LimitExceeded.of("xlsx.too_large", expanded=expanded, limit=max_expanded)
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on broken workbooks
        raise LoadError.of("xlsx.unreadable", kind=type(exc).__name__, exc=exc)
    tables = []
    try:
        for ws in wb.worksheets:
            rows_iter = ws.iter_rows(values_only=True)
            top: list[list[object]] = []
            for row in rows_iter:
                if row is not None and any(v not in (None, "") for v in row):
                    top.append(list(row))
                    if len(top) >= HEADER_SEARCH_ROWS:
                        break
            if not top:
                continue
            at = header_row(top)
            header = top[at]
            sheet_notes = [f"工作表 {ws.title}: {header_note(top[:at])}"] if at else []
            # a header cell left empty under a merged group header takes the group's name
            for col, v in enumerate(header):
                if v in (None, "") and at:
                    above = next((r[col] for r in reversed(top[:at]) if col < len(r) and r[col] not in (None, "")), None)
                    if above is not None and sum(x not in (None, "") for x in top[at - 1]) > 1:
                        header[col] = above
            pending = top[at + 1:]
            while header and header[-1] in (None, ""):
                header.pop()
            if len(header) > max_columns:
                raise LimitExceeded.of("xlsx.too_many_columns", sheet=ws.title, columns=len(header), limit=max_columns)
            width = len(header)
            rows = []
            for row in [*pending, *rows_iter]:
                if row is None or all(v in (None, "") for v in row):
                    continue
                row = list(row[:width]) + [None] * (width - len(row))
                rows.append(row)
            names = _unique_names(header)
            tables.append(RawTable(columns=names, rows=rows, name=ws.title, notes=sheet_notes,
                                   repeats=_repeats(names)))
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError.of("xlsx.sheet_unreadable", kind=type(exc).__name__, exc=exc)
    finally:
        wb.close()
    if not tables:
        raise LoadError.of("xlsx.no_data")
    return tables
