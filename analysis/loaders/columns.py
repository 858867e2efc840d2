"""Which column is which: ``RawTable`` (a table's column names and rows as a reader returns them), the
header row found by content (``header_row``), ``map_columns`` (title, date, source, author, url, body from
the header names — Chinese and English, case/space/BOM-insensitive — with the user's overrides first) and
``table_to_fields`` (the raw article fields of a mapped table, with the policy columns' ``meta``)."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.errors import ColumnMappingError, note
from analysis.normalize import normalize_text, to_simplified
from analysis.policy.metadata import LABELS

__all__ = ["FIELDS", "EXTRA_FIELDS", "WRITTEN_DATE_NAMES", "FIELD_NAMES", "RawTable", "normalize_header",
           "map_columns", "list_columns", "table_to_fields", "policy_meta", "header_row", "header_note",
           "HEADER_SEARCH_ROWS"]

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
    rows: Sequence[Sequence[object]]
    notes: list[str] = field(default_factory=list)
    name: str = ""  # sheet name for XLSX
    records: list[dict] | None = None  # JSON: the objects themselves (``rows`` stays empty)
    #: a header name written more than once: ``{first name: [the repeats' names]}`` (``标题,标题`` →
    #: ``{"标题": ["标题.1"]}``, see ``analysis.loaders.tables._unique_names``)
    repeats: dict[str, list[str]] = field(default_factory=dict)

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
            raise ColumnMappingError.of("columns.unknown_field", file=file or None, field=fld, fields=", ".join(FIELDS))
        if not col:
            blocked.add(fld)
            continue
        if col in columns:
            mapping[fld] = col
            used.add(col)
        elif strict_override:
            raise ColumnMappingError.of("columns.missing_column", file=file or None, column=col, field=fld,
                                          columns=list_columns(columns))
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
        raise ColumnMappingError.of("columns.no_text", file=file or None, columns=list_columns(table.columns))
    n = table.n_rows
    out: dict[str, list] = {}
    for f in FIELDS:
        if f not in mapping:
            out[f] = [None if f == "date" else ""] * n
        elif f == "date":
            out[f] = _column(table, mapping[f])
        else:
            out[f] = _texts(_column(table, mapping[f]))
    _merge_repeats(table, mapping, out)
    out["date_source"] = ["column" if "date" in mapping else ""] * n
    written = _written_column(table.columns, mapping)
    out["written_date"] = _column(table, written) if written else [None] * n
    out["meta"] = policy_meta(table, mapping)  # the table's policy columns (文号, 效力状态, 摘要 …) as JSON
    # (s and not s.isspace()) is bool(s.strip()) without a copy of every body
    keep = [bool(t and not t.isspace()) or bool(b and not b.isspace()) for t, b in zip(out["title"], out["body"])]
    skipped = n - sum(keep)
    if skipped:
        out = {f: [v for v, k in zip(vals, keep) if k] for f, vals in out.items()}
    return out, skipped


def _pieces(values: Sequence[str]) -> list[str]:
    """The non-blank values of one row's repeated columns, in order, each once."""
    out: list[str] = []
    for v in values:
        if v and not v.isspace() and v.strip() not in (p.strip() for p in out):
            out.append(v)
    return out


def _merge_repeats(table: RawTable, mapping: dict[str, str], out: dict[str, list]) -> None:
    """Read the repeats of a mapped column (a header ``标题,标题,日期,正文,正文``) instead of dropping them,
    and say so in the table's notes (``dup_body`` / ``dup_title`` / ``dup_field``):

    - body: the pieces of every 正文 column joined in order, one per line (blank pieces and a piece equal to
      an earlier one of the row left out) — a body split over two columns is one text;
    - title: the first column's title; the other columns' titles that differ from it (a subtitle) open the
      body, one per line, so their words are still counted and searched;
    - date, source, author, url: the first non-blank value of the row.
    """
    for fld in ("title", "date", "source", "author", "url", "body"):
        col = mapping.get(fld)
        others = table.repeats.get(col or "", [])
        if not others:
            continue
        n = len(others) + 1
        extra = [_texts(_column(table, c)) for c in others]
        if fld == "body":
            out["body"] = ["\n".join(_pieces(row)) for row in zip(out["body"], *extra)]
            table.notes.append(note("dup_body", column=col, n=n))
        elif fld == "title":
            heads = [[p for p in _pieces(row) if p.strip() != (row[0] or "").strip()] for row in zip(out["title"], *extra)]
            out["title"] = [row[0] if (row[0] or "").strip() else (h.pop(0) if h else row[0])
                            for row, h in zip(zip(out["title"], *extra), heads)]
            out["body"] = ["\n".join([*h, b]) if h and (b or "").strip() else ("\n".join(h) if h else b)
                           for h, b in zip(heads, out["body"])]
            table.notes.append(note("dup_title", column=col, n=n))
        else:
            raw = [_column(table, c) for c in others]
            out[fld] = [next((v for v in row if _cell(v).strip()), row[0]) for row in zip(out[fld], *raw)]
            table.notes.append(note("dup_field", column=col, n=n))


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


def header_row(rows: Sequence[Sequence[object]]) -> int:
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


def header_note(skipped: Sequence[Sequence[object]]) -> str:
    """The report note for a header found below row 1: which row, and the rows above it (cut to 40
    characters each, at most 3 shown) that were not read as articles."""
    above = " / ".join(" ".join(str(v).strip() for v in row if v not in (None, ""))[:40] for row in skipped[:3])
    n = len(skipped)
    return note("header_row", row=n + 1, n=n, above=above)
