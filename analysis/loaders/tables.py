"""Tables of articles: CSV/TSV, XLSX, JSON (array, or an object holding the list) and JSON Lines.

Each reader returns the table's rows as a ``RawTable`` (column names + rows of strings); ``map_columns``
decides which column is the title, date, source, author, url and body, scoring the header names (Chinese
and English, case/space/BOM-insensitive), with the user's overrides first. ``table_to_fields`` then builds
the raw article fields. Nothing here evaluates anything: XLSX formulas are read as their cached values.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field

from analysis.errors import ColumnMappingError, LimitExceeded, LoadError
from analysis.normalize import normalize_text, to_simplified
from analysis.policy.metadata import LABELS

__all__ = [
    "FIELDS", "FIELD_NAMES", "RawTable", "read_delimited", "read_xlsx", "read_json", "read_jsonl",
    "normalize_header", "map_columns", "table_to_fields", "sniff_delimiter", "EXTRA_FIELDS", "WRITTEN_DATE_NAMES",
    "list_columns",
]

#: Article fields a table column can be mapped to (``date`` is parsed later).
FIELDS: tuple[str, ...] = ("title", "date", "source", "author", "url", "body")

#: Columns every loader fills besides ``FIELDS`` (see ``analysis.schema``): which rule gave the date, and
#: the 成文日期 (signing day) when a table or page states it apart from the publish date.
EXTRA_FIELDS: tuple[str, ...] = ("date_source", "written_date")
#: Column names of the 成文日期 (compared after ``normalize_header``).
WRITTEN_DATE_NAMES: tuple[str, ...] = ("成文日期", "成文时间", "印发日期", "writtendate", "writtenat", "签发日期")

#: Known column names per field, best first (compared after ``normalize_header``).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("标题", "题目", "title", "headline", "新闻标题", "文章标题", "文件标题", "标题名称", "主题名称",
              "名称", "subject", "name"),
    "date": ("发布时间", "发布日期", "发文日期", "日期", "时间", "date", "publishtime", "publishdate", "pubdate",
             "published", "publishedat", "成文日期", "印发日期", "发表时间", "发表日期", "datetime", "time",
             "createdat", "created", "releasedate", "日期时间"),
    "source": ("来源", "来源网站", "发布机构", "source", "发文机关", "发布单位", "发文单位", "发布部门", "信息来源",
               "文章来源", "媒体", "publisher", "site", "sitename", "网站", "机构", "puborg"),
    "author": ("作者", "author", "记者", "编辑", "责任编辑", "byline", "writer", "authors"),
    "body": ("正文", "内容", "全文", "content", "body", "text", "article", "新闻内容", "文章内容", "正文内容",
             "文本", "fulltext", "articlebody", "html", "摘要", "summary", "description", "abstract"),
    "url": ("访问地址", "链接", "网址", "url", "link", "原文链接", "原文地址", "文章链接", "页面地址", "href",
            "urlsource", "sourceurl", "pageurl", "articleurl", "地址"),
}
# Words that disqualify a column from a field (an attachment link is not the article's URL).
_NEGATIVE: dict[str, tuple[str, ...]] = {
    "title": ("序号", "副标题", "subtitle", "id"),
    "date": ("截止", "施行", "有效期", "update", "修改"),
    "source": ("url", "链接", "地址", "code"),
    "author": (),
    "body": ("附件", "attachment", "类别", "标题", "title", "url", "链接"),
    "url": ("附件", "attachment", "图片", "image", "img", "pic", "thumb", "pdf"),
}
_LOW_PRIORITY_BODY = {"摘要", "summary", "description", "abstract", "html"}

_HEADER_STRIP = re.compile(r"[\s_\-.:：()（）\[\]【】/\\|'\"]+")


@dataclass
class RawTable:
    """A table as read: column names and rows (lists of str/None, same length as ``columns``)."""

    columns: list[str]
    rows: list[list[object]]
    notes: list[str] = field(default_factory=list)
    name: str = ""  # sheet name for XLSX
    records: list[dict] | None = None  # JSON: the objects themselves (``rows`` stays empty)

    @property
    def n_rows(self) -> int:
        return len(self.records) if self.records is not None else len(self.rows)


def normalize_header(name: object) -> str:
    """A header for matching: no BOM/zero-width, full-width folded, simplified (標題 → 标题), lower case,
    no spaces/punctuation."""
    text = to_simplified(normalize_text("" if name is None else str(name)[:200], multiline=False))
    return _HEADER_STRIP.sub("", text).lower()


def _score(field_name: str, header: str) -> int:
    """How well a normalised header fits a field: 0 = not at all, higher is better."""
    if not header:
        return 0
    if any(neg in header for neg in _NEGATIVE[field_name]) and header not in FIELD_NAMES[field_name]:
        return 0
    names = FIELD_NAMES[field_name]
    if header in names:
        score = 1000 - names.index(header)
        if field_name == "body" and header in _LOW_PRIORITY_BODY:
            score -= 500
        return score
    best = 0
    for rank, name in enumerate(names):
        if len(name) >= 2 and name in header and not (field_name == "body" and name in _LOW_PRIORITY_BODY):
            best = max(best, 400 - rank - (len(header) - len(name)))
    return max(best, 0)


def map_columns(columns: list[str], override: dict[str, str] | None = None, *,
                strict_override: bool = False, file: str = "", exact_only: bool = False) -> dict[str, str]:
    """``{field: column}`` for the columns of one table.

    ``override`` (field → column) wins; an override column that is not in the table raises
    ``ColumnMappingError`` when ``strict_override`` (a per-file mapping) and is ignored otherwise (a mapping
    for all tables, whose columns differ). An override value of ``""`` leaves the field unmapped. The rest
    is assigned greedily by score, each column used at most once.
    ``exact_only`` accepts known names only (no 新闻标题-style partial matches): used when sniffing
    whether a text file is a table at all.
    """
    mapping: dict[str, str] = {}
    used: set[str] = set()
    blocked: set[str] = set()
    for fld, col in (override or {}).items():
        if fld not in FIELDS:
            raise ColumnMappingError(
                f"未知字段 {fld!r}(可用: {', '.join(FIELDS)})/ unknown field {fld!r}; use one of {', '.join(FIELDS)}",
                file=file or None)
        if not col:
            blocked.add(fld)
            continue
        if col in columns:
            mapping[fld] = col
            used.add(col)
        elif strict_override:
            raise ColumnMappingError(
                f"指定的列 {col!r} 不在表中;表的列: {list_columns(columns)} / column {col!r} (for {fld}) is not "
                f"in this table; its columns: {list_columns(columns)}", file=file or None)
    headers = [normalize_header(c) for c in columns]
    candidates = []
    for fld in FIELDS:
        if fld in mapping or fld in blocked:
            continue
        for pos, (col, head) in enumerate(zip(columns, headers)):
            s = _score(fld, head)
            if s > (450 if exact_only else 0):
                candidates.append((s, -pos, fld, col))
    for s, _, fld, col in sorted(candidates, reverse=True):
        if fld in mapping or fld in blocked or col in used:
            continue
        mapping[fld] = col
        used.add(col)
    return {f: mapping[f] for f in FIELDS if f in mapping}


def list_columns(columns: list[str], limit: int = 30) -> str:
    """Column names for an error message: at most ``limit`` names joined by ``, ``, each cut to 40
    characters (``…``), ``… (+N)`` for the rest."""
    shown = ", ".join(str(c) if len(str(c)) <= 40 else str(c)[:40] + "…" for c in columns[:limit])
    if len(columns) > limit:
        shown += f" … (+{len(columns) - limit})"
    return f"[{shown}]" if columns else "[]"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value != value:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _column(table: RawTable, col: str) -> list[object]:
    """One column's raw values (rows shorter than the header give ``None``)."""
    if table.records is not None:
        return [rec.get(col) for rec in table.records]
    i = table.columns.index(col)
    return [row[i] if i < len(row) else None for row in table.rows]


def _texts(values: list[object]) -> list[str]:
    return [v if type(v) is str else _cell(v) for v in values]


def table_to_fields(table: RawTable, mapping: dict[str, str], *, file: str = "") -> tuple[dict[str, list], int]:
    """Raw field columns (lists of str / raw date values) from a table, and how many rows were skipped.

    A row is skipped (and counted) when it has neither a title nor a body. Raises ``ColumnMappingError``
    when neither a title nor a body column is mapped.
    """
    if "body" not in mapping and "title" not in mapping:
        raise ColumnMappingError(
            f"找不到正文或标题列;表的列: {list_columns(table.columns)}。请在列映射中指定正文列 / no text column "
            f"(title or body) found; the table's columns: {list_columns(table.columns)} — map one by hand",
            file=file or None)
    n = table.n_rows
    out: dict[str, list] = {}
    for f in FIELDS:
        if f not in mapping:
            out[f] = [None if f == "date" else ""] * n
        elif f == "date":
            out[f] = _column(table, mapping[f])
        else:
            out[f] = _texts(_column(table, mapping[f]))
    out["date_source"] = ["column" if "date" in mapping else ""] * n
    written = _written_column(table.columns, mapping)
    out["written_date"] = _column(table, written) if written else [None] * n
    out["meta"] = policy_meta(table, mapping)  # the table's policy columns (文号, 效力状态, 摘要 …) as JSON
    keep = [bool(t.strip()) or bool(b.strip()) for t, b in zip(out["title"], out["body"])]
    skipped = n - sum(keep)
    if skipped:
        out = {f: [v for v, k in zip(vals, keep) if k] for f, vals in out.items()}
    return out, skipped


def policy_meta(table: RawTable, mapping: dict[str, str]) -> list[str]:
    """Per row, a JSON object of the table's unmapped columns that carry policy metadata (the headers of
    ``analysis.policy.metadata.LABELS``: 文号, 发文机关, 成文日期, 效力状态, 摘要 …), ``""`` when none."""
    used = set(mapping.values())
    cols = [c for c in table.columns if c not in used and re.sub(r"[\s:：]", "", str(c)).lower() in LABELS]
    if not cols:
        return [""] * table.n_rows
    values = [_texts(_column(table, c)) for c in cols]
    out = []
    for row in zip(*values):
        obj = {c: v.strip() for c, v in zip(cols, row) if v and v.strip()}
        out.append(json.dumps(obj, ensure_ascii=False) if obj else "")
    return out


def _written_column(columns: list[str], mapping: dict[str, str]) -> str | None:
    """The 成文日期 column (a known name; the date column itself when that is the 成文日期), or None."""
    for col in columns:
        if normalize_header(col) in WRITTEN_DATE_NAMES:
            return col
    return None


HEADER_SEARCH_ROWS = 20   # rows at the top of a table searched for the header


def header_row(rows: list[list[object]]) -> int:
    """Index of the header among the first ``HEADER_SEARCH_ROWS`` rows of a table, found by content.

    Spreadsheets often carry a merged title row (``生态环境部要闻汇总（2022年4月）``), notes or a group header
    above the real header. The header is the row whose cells name the most article fields (known column
    names only: 标题, 发布日期, 来源, 正文 …), with a title or body column among them and at least two fields;
    the earliest such row wins a tie. When no row qualifies, the first row is the header (as before).
    """
    best, best_n = 0, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        cells = [str(v).strip() for v in row if v is not None and str(v).strip()]
        if len(cells) < 2:
            continue
        mapping = map_columns(cells, exact_only=True)
        if ("title" in mapping or "body" in mapping) and len(mapping) >= 2 and len(mapping) > best_n:
            best, best_n = i, len(mapping)
    if best and best_n:
        first = map_columns([str(v).strip() for v in rows[0] if v is not None and str(v).strip()], exact_only=True)
        if ("title" in first or "body" in first) and len(first) >= best_n:
            return 0     # a first row naming as many fields stays the header
    return best


def _header_note(skipped: list[list[object]]) -> str:
    above = " / ".join(" ".join(str(v).strip() for v in row if v not in (None, ""))[:40] for row in skipped[:3])
    n = len(skipped)
    return (f"表头在第 {n + 1} 行;上方 {n} 行(标题或说明: {above})未作为文章读取 / the header is on row {n + 1}; "
            f"the {n} row(s) above it (title or notes: {above}) were not read as articles")


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
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    notes: list[str] = []
    try:
        header = next(reader, None)
        if header is None:
            raise LoadError("表格为空 / the table is empty")
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
                notes.append(_header_note(top[:at]))
            reader = _chain_rows(top[at + 1:], reader)
        if len(header) > max_columns:
            raise LimitExceeded(f"表格有 {len(header):,} 列,超过上限 {max_columns:,} / the table has {len(header):,} "
                                f"columns, more than the limit of {max_columns:,}")
        width = len(header)
        rows: list[list[object]] = []
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
        raise LoadError(f"CSV 格式错误(第 {reader.line_num} 行): {exc} / malformed CSV at line {reader.line_num}: {exc}")
    table = RawTable(columns=_unique_names(header), rows=rows, notes=notes)
    if repeated:
        table.notes.append(f"{repeated} 行是重复的表头,已跳过 / {repeated} repeated header rows skipped")
    if long_rows:
        table.notes.append(f"{long_rows} 行的字段多于表头,多出的字段未读取 / {long_rows} rows had more fields than "
                           f"the header; the extra fields were ignored")
    return table


class _chain_rows:
    """Rows already read, then the rest of a ``csv.reader`` (keeps ``line_num`` for error messages)."""

    def __init__(self, first: list[list[str]], reader) -> None:
        self._first, self._reader = list(first), reader

    def __iter__(self):
        return self

    def __next__(self) -> list[str]:
        if self._first:
            return self._first.pop(0)
        return next(self._reader)

    @property
    def line_num(self) -> int:
        return self._reader.line_num


def _unique_names(header: list[object]) -> list[str]:
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


# --- XLSX ---------------------------------------------------------------------------------------------

def read_xlsx(data: bytes, *, max_expanded: int, max_columns: int = 20_000) -> list[RawTable]:
    """Every non-empty sheet of an XLSX workbook (read-only; formulas give their cached values, never run).

    The workbook is a ZIP: its declared expanded size is checked against ``max_expanded`` before openpyxl
    reads it. Raises ``LoadError`` when the data is not an XLSX workbook.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            expanded = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError(f"不是有效的 XLSX 工作簿(ZIP 容器损坏: {exc})/ not a valid XLSX workbook (broken ZIP container: {exc})")
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise LoadError("不是 XLSX 工作簿(ZIP 中没有 xl/ 工作表)/ not an XLSX workbook (no xl/ parts in the ZIP)")
    if expanded > max_expanded:
        raise LimitExceeded(f"XLSX 解压后 {expanded:,} 字节,超过上限 {max_expanded:,} / the workbook expands to "
                            f"{expanded:,} bytes, over the limit of {max_expanded:,}")
    import warnings

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types on broken workbooks
        raise LoadError(f"XLSX 工作簿无法读取: {type(exc).__name__}: {exc} / cannot read the workbook: {exc}")
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
            sheet_notes = [f"工作表 {ws.title}: {_header_note(top[:at])}"] if at else []
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
                raise LimitExceeded(f"工作表 {ws.title} 有 {len(header):,} 列,超过上限 {max_columns:,} / sheet "
                                    f"{ws.title} has {len(header):,} columns, over the limit of {max_columns:,}")
            width = len(header)
            rows = []
            for row in [*pending, *rows_iter]:
                if row is None or all(v in (None, "") for v in row):
                    continue
                row = list(row[:width]) + [None] * (width - len(row))
                rows.append(row)
            tables.append(RawTable(columns=_unique_names(header), rows=rows, name=ws.title, notes=sheet_notes))
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(f"XLSX 工作表无法读取: {type(exc).__name__}: {exc} / cannot read a sheet: {exc}")
    finally:
        wb.close()
    if not tables:
        raise LoadError("XLSX 工作簿中没有数据 / the workbook has no data")
    return tables



# --- JSON / JSONL -------------------------------------------------------------------------------------

_LIST_KEYS = ("data", "items", "articles", "records", "rows", "list", "results", "result", "news", "docs",
              "documents", "entries", "content")


def _records_table(records: list[object], notes: list[str]) -> RawTable:
    columns: dict[str, None] = {}
    dicts = []
    other = 0
    for rec in records:
        if isinstance(rec, dict):
            for k in rec:
                if k not in columns:
                    columns[str(k)] = None
            dicts.append(rec)
        else:
            other += 1
    if other:
        notes.append(f"{other} 个条目不是对象,已忽略 / {other} items were not objects and were ignored")
    return RawTable(columns=list(columns), rows=[], notes=notes, records=dicts)


def _find_list(obj: object, depth: int = 0) -> list | None:
    """The list of records inside a JSON object: a known key first, then the longest list of objects."""
    if isinstance(obj, list):
        return obj
    if not isinstance(obj, dict) or depth > 3:
        return None
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in _LIST_KEYS:
        val = lowered.get(key)
        if isinstance(val, list) and any(isinstance(v, dict) for v in val):
            return val
    best = None
    for val in obj.values():
        found = _find_list(val, depth + 1) if isinstance(val, dict) else val if isinstance(val, list) else None
        if found is not None and any(isinstance(v, dict) for v in found) and (best is None or len(found) > len(best)):
            best = found
    return best


def _record_lists(obj: object, path: str = "", depth: int = 0) -> list[tuple[str, list]]:
    """Every list holding objects inside a JSON object, with its dotted path (``searchVO.catMap.gongwen.listVO``).
    The objects of a found list are not searched further (their own lists are fields, not records)."""
    if depth > 6:
        return []
    if isinstance(obj, list):
        return [(path or "[]", obj)] if any(isinstance(v, dict) for v in obj) else []
    if not isinstance(obj, dict):
        return []
    out: list[tuple[str, list]] = []
    for key, val in obj.items():
        if isinstance(val, (dict, list)):
            out.extend(_record_lists(val, f"{path}.{key}" if path else str(key), depth + 1))
    return out


def _sibling_record_lists(obj: object) -> list[tuple[str, list]]:
    """The lists of *article* records in a JSON object: government search APIs split results by category
    (``catMap.gongwen.listVO``, ``catMap.otherfile.listVO``), and every list must be read. A list counts when
    its objects' keys map to a title or body and at least one more field (a facet list ``[{name, count}]``
    does not). An array at the top, or a single such list, gives what ``_find_list`` finds."""
    if not isinstance(obj, dict):
        return []
    found = []
    for path, lst in _record_lists(obj):
        keys: dict[str, None] = {}
        for rec in lst[:50]:
            if isinstance(rec, dict):
                keys.update(dict.fromkeys(map(str, rec)))
        mapping = map_columns(list(keys), exact_only=True)
        if ("title" in mapping or "body" in mapping) and len(mapping) >= 2:
            found.append((path, lst))
    return found


def _invalid_json(exc: json.JSONDecodeError) -> LoadError:
    return LoadError(f"JSON 无效或被截断(第 {exc.lineno} 行第 {exc.colno} 列: {exc.msg})/ invalid or truncated JSON "
                     f"(line {exc.lineno} column {exc.colno}: {exc.msg})")


def _salvage_array(text: str) -> tuple[list[object], json.JSONDecodeError | None]:
    """The complete leading items of a truncated/broken JSON array (and the error that stopped it)."""
    dec = json.JSONDecoder()
    items: list[object] = []
    pos = text.index("[") + 1
    n = len(text)
    ws = " \t\r\n"
    while True:
        while pos < n and text[pos] in ws:
            pos += 1
        if pos < n and text[pos] == "]":
            return items, None
        try:
            item, pos = dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            return items, exc
        items.append(item)
        while pos < n and text[pos] in ws:
            pos += 1
        if pos < n and text[pos] == ",":
            pos += 1
        elif pos < n and text[pos] == "]":
            return items, None
        else:
            try:
                dec.decode(text[pos:pos + 1] or " ")
            except json.JSONDecodeError as exc:
                return items, exc
            return items, None


def read_json(text: str) -> RawTable:
    """Records of a JSON document: an array of objects, an object holding such an array, or one article object.

    A truncated or broken array keeps its complete leading records (with a note saying where it broke).
    Nesting deeper than Python can parse (e.g. 20,000 ``[``) gives a ``LoadError``, not a ``RecursionError``.
    """
    notes: list[str] = []
    try:
        obj = json.loads(text)
    except RecursionError:
        raise LoadError("JSON 嵌套层数过深,无法读取 / the JSON is nested too deeply to read (too many levels of [ or {)")
    except json.JSONDecodeError as exc:
        if not text.lstrip().startswith("["):
            raise _invalid_json(exc)
        try:
            items, err = _salvage_array(text)
        except RecursionError:
            raise LoadError("JSON 嵌套层数过深,无法读取 / the JSON is nested too deeply to read")
        if not any(isinstance(i, dict) for i in items):
            raise _invalid_json(exc)
        e = err or exc
        notes.append(f"JSON 在第 {e.lineno} 行第 {e.colno} 列中断({e.msg}),只读取了前 {len(items)} 条完整记录 / the "
                     f"JSON breaks at line {e.lineno} column {e.colno} ({e.msg}); the first {len(items)} complete "
                     f"records were read")
        return _records_table(items, notes)
    several = _sibling_record_lists(obj)
    if len(several) > 1:
        records = [rec for _, found in several for rec in found]
        shown = ", ".join(f"{path} ({len(found)})" for path, found in several)
        notes.append(f"JSON 中有 {len(several)} 个文章列表,全部读取: {shown} / {len(several)} lists of articles in the "
                     f"JSON, all read: {shown}")
        return _records_table(records, notes)
    records = _find_list(obj)
    if records is None:
        if isinstance(obj, dict):
            records = [obj]
        else:
            raise LoadError("JSON 中没有文章记录(需要对象数组)/ no article records in the JSON (expected an array of objects)")
    if not any(isinstance(r, dict) for r in records):
        raise LoadError("JSON 数组中没有对象 / the JSON array holds no objects (expected one object per article)")
    return _records_table(records, notes)


def read_jsonl(text: str) -> RawTable:
    """JSON Lines: one object per line; broken lines are skipped and counted in a note."""
    lines = text.splitlines()
    try:  # fast path: every line valid — one parse of all lines as one array
        records = json.loads("[" + ",".join(line for line in lines if line.strip()) + "]")
        if len(records) == sum(1 for line in lines if line.strip()):
            if not any(isinstance(r, dict) for r in records):
                raise LoadError("JSON Lines 中没有对象 / no JSON objects in the lines (expected one object per line)")
            return _records_table(records, [])
    except (json.JSONDecodeError, RecursionError):
        pass
    records = []
    bad: list[int] = []
    first_error = ("", "")
    loads = json.loads
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(loads(line))
        except json.JSONDecodeError as exc:
            bad.append(lineno)
            first_error = first_error if first_error[0] else (exc.msg, exc.msg)
        except RecursionError:
            bad.append(lineno)
            first_error = first_error if first_error[0] else ("嵌套层数过深", "nested too deeply")
    notes = []
    if bad:
        if not records:
            raise LoadError(f"JSON Lines 中没有有效的行(第 {bad[0]} 行: {first_error[0]})/ no valid JSON line (line "
                            f"{bad[0]}: {first_error[1]})")
        shown = ", ".join(map(str, bad[:10])) + (" …" if len(bad) > 10 else "")
        notes.append(f"{len(bad)} 行不是有效的 JSON,已跳过(第 {shown} 行)/ {len(bad)} invalid JSON lines skipped (lines {shown})")
    if not any(isinstance(r, dict) for r in records):
        raise LoadError("JSON Lines 中没有对象 / no JSON objects in the lines (expected one object per line)")
    return _records_table(records, notes)
