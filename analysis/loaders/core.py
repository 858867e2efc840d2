"""The loader's engine: limits, format sniffing, encoding detection, folders, ZIPs, and the final article table.

Flow: every input (a file, a folder's files, a ZIP's entries) is sniffed from its **content** (magic bytes,
then the decoded text) with the extension as a hint; tables go through ``tables``, scraped text pages and
saved HTML pages through ``text.parse_text_page`` / ``html.parse_html_page``. Each input gives a
``FileReport``; one bad input never stops the others. The raw fields of all inputs are then normalised
column-wise (``analysis.normalize``), dates parsed (``analysis.dates.parse_date``, once per distinct value),
ids assigned 1..n in load order and reposts grouped (``analysis.dedup``).

Limits (``LoadOptions``, all configurable): a file or ZIP entry over ``max_file_bytes`` fails; once the
inputs of one load pass ``max_total_bytes`` the remaining files fail; a ZIP whose *declared* entry count or
expanded size (summed over nested archives) is over the limit is refused before anything is expanded, and
archives nest at most ``max_zip_depth`` deep; an article body longer than ``max_chars_per_article`` is
**truncated** (and counted in the file's notes) — the article stays usable rather than being lost; articles
past ``max_articles`` are not loaded (a report note says how many). Only reading happens: ZIP entries are
read in memory and never written anywhere; entries named with ``..`` or absolute paths are skipped with a
note.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from analysis.dates import parse_date
from analysis.dedup import find_duplicates
from analysis.errors import ColumnMappingError, LimitExceeded, LoadError, WenjianError, invalid_option
from analysis.loaders import tables
from analysis.loaders.html import parse_html_page
from analysis.loaders.report import FileReport, LoadResult, ParseReport
from analysis.loaders.text import parse_text_page
from analysis.normalize import normalize_series, normalize_text, simplify_series
from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles, empty_articles

__all__ = ["LoadOptions", "load_files", "load_paths", "decode_bytes", "sniff_format", "DEFAULT_LIMITS"]

MiB = 1024 * 1024

#: (option, default, help) — every limit, documented in one place.
DEFAULT_LIMITS: tuple[tuple[str, int, str], ...] = (
    ("max_total_bytes", 1024 * MiB, "bytes of all inputs of one load together (files past it fail)"),
    ("max_file_bytes", 256 * MiB, "bytes of one file or one ZIP entry (after expansion)"),
    ("max_zip_expanded_bytes", 1024 * MiB, "declared expanded bytes of one ZIP, nested archives included"),
    ("max_zip_entries", 10_000, "files inside one ZIP, nested archives included"),
    ("max_zip_depth", 3, "archives inside archives: how many levels"),
    ("max_articles", 500_000, "articles per load (the rest are not loaded; a note says how many)"),
    ("max_chars_per_article", 1_000_000, "characters of one body (longer bodies are truncated, with a note)"),
    ("max_columns", 20_000, "columns of one table"),
)


@dataclass
class LoadOptions:
    """How to load: column-mapping overrides, traditional→simplified conversion, duplicate marking, limits.

    ``column_mapping`` ({field: column}) applies to every table that has that column;
    ``file_mappings`` ({file name: {field: column}}) to one file (its columns must exist). A column of
    ``""`` leaves a field unmapped. Fields: title, date, source, author, url, body.

    Limits (``DEFAULT_LIMITS`` lists each with its default and meaning): inputs over a byte limit fail with
    a ``LimitExceeded`` message in their ``FileReport``; ZIPs over the entry/expanded-size/depth limits are
    refused before anything is expanded; bodies over ``max_chars_per_article`` are truncated (noted in the
    file's report: a long report stays usable); articles past ``max_articles`` are left out (noted).
    """

    column_mapping: dict[str, str] = field(default_factory=dict)
    file_mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    to_simplified: bool = False
    mark_duplicates: bool = True
    max_total_bytes: int = DEFAULT_LIMITS[0][1]
    max_file_bytes: int = DEFAULT_LIMITS[1][1]
    max_zip_expanded_bytes: int = DEFAULT_LIMITS[2][1]
    max_zip_entries: int = DEFAULT_LIMITS[3][1]
    max_zip_depth: int = DEFAULT_LIMITS[4][1]
    max_articles: int = DEFAULT_LIMITS[5][1]
    max_chars_per_article: int = DEFAULT_LIMITS[6][1]
    max_columns: int = DEFAULT_LIMITS[7][1]
    #: ``progress(fraction, text)`` is called before each input file and before duplicate marking (the
    #: app's progress bar); it must not raise.
    progress: Callable[[float, str], None] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, _, _ in DEFAULT_LIMITS:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < (0 if name == "max_zip_depth" else 1):
                raise invalid_option(name, value, "a positive integer")
        for fld in list(self.column_mapping) + [f for m in self.file_mappings.values() for f in m]:
            if fld not in tables.FIELDS:
                raise invalid_option("column_mapping field", fld, ", ".join(tables.FIELDS))


    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **kwargs) -> "LoadOptions":
        """Options with each limit overridable by ``WENJIAN_<LIMIT>`` (e.g. ``WENJIAN_MAX_ARTICLES=100000``);
        a value that is not a positive integer raises ``InvalidOption`` naming the variable."""
        env = os.environ if environ is None else environ
        for name, _, _ in DEFAULT_LIMITS:
            raw = env.get(f"WENJIAN_{name.upper()}", "").strip()
            if raw and name not in kwargs:
                try:
                    kwargs[name] = int(raw.replace("_", ""))
                except ValueError:
                    raise invalid_option(f"WENJIAN_{name.upper()}", raw, "a positive integer") from None
        return cls(**kwargs)


@dataclass
class _Budget:
    total_bytes: int = 0


@dataclass
class _Part:
    """The raw articles of one input, with its report."""

    report: FileReport
    fields: dict[str, list]
    file: str


# --- decoding ----------------------------------------------------------------------------------------

_BINARY_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "PDF 文档", "PDF document"), (b"\x89PNG", "PNG 图片", "PNG image"),
    (b"\xff\xd8\xff", "JPEG 图片", "JPEG image"),
    (b"GIF8", "GIF 图片", "GIF image"), (b"\x1f\x8b", "gzip 压缩包", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", "7z archive"), (b"Rar!", "RAR 压缩包", "RAR archive"),
    (b"BZh", "bzip2 压缩包", "bzip2 archive"), (b"\xfd7zXZ", "xz 压缩包", "xz archive"),
    (b"MZ", "Windows 程序", "Windows program"), (b"\x7fELF", "程序", "program"),
    (b"SQLite format 3", "SQLite 数据库", "SQLite database"), (b"RIFF", "音视频", "media file"),
    (b"PAR1", "Parquet 文件", "Parquet file"), (b"OggS", "音频", "audio file"), (b"ID3", "MP3 音频", "MP3 audio"),
)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Characters real Chinese text is made of: GB2312 level 1 (3,755 common simplified characters),
    Big5's common set (5,401 traditional characters) and CJK punctuation. Text decoded with the wrong
    codec turns into rare characters, so the share of these tells the right codec from the wrong one."""
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes([hi, lo]).decode("big5"))
            except UnicodeDecodeError:
                pass
    chars.update("，。、：；？！“”‘’（）《》〈〉【】—…·「」『』　")
    return frozenset(chars)


def _plausibility(text: str) -> float:
    """Share of non-ASCII characters that are common CJK characters or punctuation (1.0 for pure ASCII)."""
    sample = text[:200_000]
    common = _common_chars()
    non_ascii = [c for c in sample if ord(c) > 0x7F]
    if not non_ascii:
        return 1.0
    return sum(c in common for c in non_ascii) / len(non_ascii)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    controls = sum(sample.count(bytes([b])) for b in (*range(0, 9), *range(14, 32)))
    return controls > 3 and controls / len(sample) > 0.01  # a stray NUL in a text file is not binary


def _utf16_plausible(text: str) -> bool:
    """UTF-16 without a BOM: believable when most characters are printable ASCII or common Chinese."""
    sample = text[:20_000]
    common = _common_chars()
    good = sum(1 for c in sample if (" " <= c <= "~") or c in "\r\n\t" or c in common)
    return good >= 0.9 * len(sample)


def decode_bytes(data: bytes) -> tuple[str, str, list[str]]:
    """``(text, encoding, notes)`` for text bytes in the encodings Chinese users meet.

    Order: BOMs (UTF-8, UTF-16); strict UTF-8; a file mixing UTF-8 and GBK lines (a UTF-8 header, GBK rows
    appended) decoded line by line (``_decode_lines``, with a note naming the lines); then GB18030 (a superset of GBK/GB2312) and Big5 — strict,
    and UTF-8/GB18030/Big5 with bad bytes replaced — scored by how much of the result is common Chinese
    (wrong codecs produce rare characters and �); charset-normalizer when none reads well. Replacement
    characters are always counted in the notes. Raises ``LoadError`` for binary data.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig", []
        except UnicodeDecodeError:  # a UTF-8 header, rows appended in another encoding
            text, _, notes = _decode_lines(data[3:], "utf-8")
            return text, "utf-8-sig", notes
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text = data[2:].decode(enc, "replace")
        return text, "utf-16", _replaced_note(text, enc)
    if _looks_binary(data):
        if len(data) % 2 == 0:  # UTF-16 without a BOM looks binary byte-wise; believe it only if it reads well
            even, odd = data[0:4096:2], data[1:4096:2]
            order = ("utf-16-be", "utf-16-le") if even.count(0) > odd.count(0) else ("utf-16-le", "utf-16-be")
            for enc in order:
                try:
                    text = data.decode(enc)
                except UnicodeDecodeError:
                    continue
                if text and _utf16_plausible(text):
                    return text, enc, []
        raise LoadError("二进制数据,不是文本或表格 / binary data, not text or a table (check the file type)")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    mixed = _decode_lines(data, None)
    if mixed[1]:
        return mixed[0], mixed[1], mixed[2]
    # (plausibility, strict?, encoding, text): strict decodings first, then with bad bytes replaced
    candidates: list[tuple[float, bool, str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), True, enc, text))
    for enc in ("utf-8", "gb18030", "big5"):
        text = data.decode(enc, "replace")
        candidates.append((_plausibility(text), False, enc, text))
    score, strict, enc, text = max(candidates, key=lambda c: (round(c[0], 2), c[1]))
    if score >= 0.5:
        if strict:
            return text, enc, []
        bad = text.count("\ufffd")
        return text, enc, [f"{bad} 个无效字节已替换为 �(按 {enc} 读取)/ {bad} invalid byte sequences replaced with � "
                           f"(read as {enc})"]
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(data[:1_000_000]).best()
    except Exception:  # noqa: BLE001 - a detector failure is only a missing hint
        match = None
    if match is not None and match.encoding:
        enc = match.encoding
        text = data.decode(enc, "replace")
        return text, enc, [f"编码不确定,按 {enc} 读取 / encoding uncertain, read as {enc}"]
    return text, enc, [f"编码不确定,按 {enc} 读取 / encoding uncertain, read as {enc}"]


def _replaced_note(text: str, enc: str) -> list[str]:
    bad = text.count("\ufffd")
    return [f"{bad} 个无效字节已替换为 �(按 {enc} 读取)/ {bad} invalid byte sequences replaced with � "
            f"(read as {enc})"] if bad else []


def _line_ranges(numbers: list[int]) -> str:
    """``2, 3, 4, 7`` → ``2–4, 7`` (at most 8 ranges shown)."""
    out: list[str] = []
    for n in numbers:
        if out and isinstance(out[-1], list) and out[-1][1] == n - 1:
            out[-1][1] = n
        else:
            out.append([n, n])
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in out]
    return ", ".join(parts[:8]) + (" …" if len(parts) > 8 else "")


def _decode_lines(data: bytes, main: str | None) -> tuple[str, str, list[str]]:
    """Decode line by line when one file mixes UTF-8 and GBK/GB18030 lines — a UTF-8 (BOM) header with
    rows a crawler on a Chinese Windows machine appended in GBK. Line breaks (``\\n``) are the same byte
    in both, and never part of a GBK character, so splitting there is safe.

    Each line is read as UTF-8 when it is valid UTF-8, else as GB18030 (strict; Big5 when that reads as
    more common Chinese), else with bad bytes replaced by � (counted in the notes). ``main`` forces the
    reported encoding (``utf-8`` after a BOM); with ``main=None`` the result is used only when the file
    really mixes UTF-8 and another encoding (returns ``("", "", [])`` otherwise). Returns ``(text,
    encoding, notes)``; the notes say which lines were read how.
    """
    lines = data.split(b"\n")
    out: list[str | None] = []
    utf8_lines = 0
    for raw in lines:   # first pass (C-speed decodes only): which lines are UTF-8
        if raw.isascii():
            out.append(raw.decode("ascii"))
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            out.append(None)
            continue
        if _plausibility(text[:2000]) >= 0.5:
            out.append(text)
            utf8_lines += 1
        else:   # GBK bytes that happen to form valid UTF-8 read as rare characters: not UTF-8
            out.append(None)
    if main is None and not utf8_lines:
        return "", "", []
    other: dict[str, list[int]] = {}
    replaced: list[int] = []
    bad = 0
    for no, raw in enumerate(lines, start=1):
        if out[no - 1] is not None:
            continue
        best: tuple[float, str, str] | None = None
        for enc in ("gb18030", "big5"):
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError:
                continue
            score = _plausibility(text[:2000])
            if best is None or score > best[0] + 0.1:
                best = (score, enc, text)
        if best is not None and best[0] >= 0.5:
            out[no - 1] = best[2]
            other.setdefault(best[1], []).append(no)
            continue
        text = raw.decode(main or "utf-8", "replace")
        bad += text.count("\ufffd")
        replaced.append(no)
        out[no - 1] = text
    if main is None and not (utf8_lines and other):
        return "", "", []
    enc = main or "utf-8"
    notes = [f"混合编码:第 {_line_ranges(nums)} 行按 {e} 读取,其余按 {enc} / mixed encodings: line(s) "
             f"{_line_ranges(nums)} read as {e}, the rest as {enc}" for e, nums in other.items()]
    if bad:
        notes.append(f"{bad} 个无效字节已替换为 �(第 {_line_ranges(replaced)} 行,按 {enc} 读取)/ {bad} invalid byte "
                     f"sequences replaced with � (line(s) {_line_ranges(replaced)}, read as {enc})")
    return "\n".join(x or "" for x in out), enc, notes


# --- format sniffing ---------------------------------------------------------------------------------

_EXT_FORMAT = {
    "csv": "csv", "tsv": "tsv", "tab": "tsv", "xlsx": "xlsx", "xlsm": "xlsx", "json": "json", "jsonl": "jsonl",
    "ndjson": "jsonl", "txt": "txt", "text": "txt", "md": "txt", "html": "html", "htm": "html", "shtml": "html",
    "xhtml": "html", "mht": "html", "zip": "zip", "xls": "xls",
}
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|table|!--)[\s>]", re.IGNORECASE)


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def sniff_container(name: str, data: bytes) -> str | None:
    """``zip``/``xlsx`` for ZIP containers, ``xls`` for old Excel; raises for other binary types; else None."""
    head = data[:16]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
            if _extension(name) == "xlsx":
                raise LoadError(f"不是有效的 XLSX 工作簿(ZIP 容器损坏: {exc})/ not a valid XLSX workbook (broken container: {exc})")
            raise LoadError(f"ZIP 文件损坏: {exc} / broken ZIP archive: {exc}")
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return "xlsx"
        if "[Content_Types].xml" in names and any(n.startswith(("word/", "ppt/")) for n in names):
            raise LoadError("Word/PowerPoint 文档不受支持,请另存为 TXT 或 HTML / Word/PowerPoint documents are not "
                            "supported; save as TXT or HTML")
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    for magic, zh, en in _BINARY_MAGIC:
        if head.startswith(magic):
            raise LoadError(f"这是{zh},不是文章集(支持 CSV/TSV、XLSX、JSON、JSONL、TXT、HTML、ZIP)/ this is a {en}, "
                            f"not an article collection (supported: CSV/TSV, XLSX, JSON, JSONL, TXT, HTML, ZIP)")
    return None


def sniff_format(name: str, text: str) -> str:
    """The format of decoded text: ``json``, ``jsonl``, ``html``, ``csv``, ``tsv`` or ``txt``.

    Content decides; the extension only breaks ties (``.tsv`` → tab-separated; ``.jsonl`` → lines).
    A text whose first line is a header naming a title or body column is a table whatever its extension.
    """
    ext = _extension(name)
    start = text.lstrip("\ufeff \t\r\n")[:65536]
    if not start:
        raise LoadError("文件为空 / the file is empty")
    if ext in ("jsonl", "ndjson") and start[0] in "[{":
        return "jsonl"
    if ext == "json" and start[0] not in "[{<" and _is_json(start):
        return "json"  # a JSON scalar: read_json says there are no records
    if start[0] in "[{":
        if start[0] == "{":
            first, _, rest = start.partition("\n")
            if ext in ("jsonl", "ndjson") or (rest.lstrip().startswith("{") and _is_json(first)):
                return "jsonl"
        return "json"
    if _HTML_START.search(start[:4096]) and (start[0] == "<" or ext in ("html", "htm", "shtml", "xhtml")):
        return "html"
    if ext in ("html", "htm", "shtml", "xhtml") and "<" in start[:4096]:
        return "html"
    header = start.split("\n", 1)[0]
    delim = tables.sniff_delimiter(start, ext)
    if ext in ("csv", "tsv", "tab") and delim in header:
        return "tsv" if delim == "\t" else "csv"
    if delim in header and delim != "，":
        cols = [c.strip().strip('"') for c in header.split(delim)]
        mapping = tables.map_columns(cols, exact_only=True)
        if ("title" in mapping or "body" in mapping) and len(mapping) >= 2:
            return "tsv" if delim == "\t" else "csv"
    if ext in ("csv", "tsv", "tab"):
        return "tsv" if ext != "csv" else "csv"
    return "txt"


def _is_json(line: str) -> bool:
    import json

    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


# --- one input ---------------------------------------------------------------------------------------

class _Loader:
    def __init__(self, options: LoadOptions) -> None:
        self.opt = options
        self.parts: list[_Part] = []
        self.reports: list[FileReport] = []
        self.budget = _Budget()

    # entry point for one input (a file, or a ZIP entry)
    def add(self, display: str, file_col: str, data: bytes, depth: int = 0, zip_state: dict | None = None) -> None:
        # names come from uploads and archives: no invisible or right-to-left override characters in them
        display, file_col = normalize_text(display, multiline=False), normalize_text(file_col, multiline=False)
        report = FileReport(name=display)
        self.reports.append(report)
        try:
            if len(data) > self.opt.max_file_bytes:
                raise LimitExceeded(f"文件有 {len(data):,} 字节,超过单文件上限 {self.opt.max_file_bytes:,} / the file has "
                                    f"{len(data):,} bytes, over the per-file limit of {self.opt.max_file_bytes:,}")
            if not data.strip():
                raise LoadError("文件为空 / the file is empty")
            self._dispatch(report, display, file_col, data, depth, zip_state)
        except WenjianError as exc:
            report.error = exc.message
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
            report.error = (f"无法读取({type(exc).__name__}: {str(exc)[:200]})/ could not be read "
                            f"({type(exc).__name__}: {str(exc)[:200]})")

    def _dispatch(self, report: FileReport, display: str, file_col: str, data: bytes, depth: int,
                  zip_state: dict | None) -> None:
        ext = _extension(display)
        container = sniff_container(display, data)
        if container == "zip":
            report.format = "zip"
            self._zip(report, display, file_col, data, depth, zip_state)
            return
        if container == "xlsx":
            report.format = "xlsx"
            if ext not in ("xlsx", "xlsm"):
                report.notes.append(f"扩展名为 .{ext},内容是 XLSX / extension .{ext}, content is XLSX")
            for sheet in tables.read_xlsx(data, max_expanded=self.opt.max_zip_expanded_bytes,
                                          max_columns=self.opt.max_columns):
                self._table(report, display, file_col, sheet, multi=True)
            if report.articles == 0 and not report.error:
                raise ColumnMappingError(
                    f"没有工作表含正文或标题列;列: {tables.list_columns(report.columns)} / no sheet has a title or "
                    f"body column; columns: {tables.list_columns(report.columns)}")
            return
        if container == "xls":
            raise LoadError("旧版 Excel (.xls) 不受支持,请另存为 .xlsx 或 CSV / old Excel .xls is not supported; "
                            "save it as .xlsx or CSV")
        if ext in ("xlsx", "xlsm"):
            report.notes.append("扩展名为 .xlsx,但内容不是 XLSX 工作簿 / named .xlsx but not an XLSX workbook")
        text, encoding, notes = decode_bytes(data)
        report.encoding = encoding
        report.notes.extend(notes)
        fmt = sniff_format(display, text)
        report.format = fmt
        expected = _EXT_FORMAT.get(ext)
        if expected and expected != fmt and {expected, fmt} != {"csv", "tsv"}:
            report.notes.append(f"扩展名为 .{ext},按内容读取为 {fmt} / extension .{ext}, read as {fmt} from its content")
        if ext in ("xlsx", "xlsm") and fmt == "txt":
            raise LoadError("扩展名为 .xlsx,但这不是 XLSX 工作簿(也不是表格或 JSON)/ named .xlsx but it is not an "
                            "XLSX workbook (nor a recognisable table or JSON)")
        if fmt in ("csv", "tsv"):
            delim = "\t" if fmt == "tsv" else tables.sniff_delimiter(text, ext)
            self._table(report, display, file_col, tables.read_delimited(text, delim, max_columns=self.opt.max_columns))
        elif fmt in ("json", "jsonl"):
            reader = tables.read_json if fmt == "json" else tables.read_jsonl
            try:
                table = reader(text)
            except LoadError:
                # A scraped page may start with "[栏目名]…": named .txt (or with no known extension), text that
                # is not valid JSON is read as the text page it is; a file named .json/.jsonl keeps its error.
                if expected in ("json", "jsonl"):
                    raise
                report.format = "txt"
                report.notes = [n for n in report.notes if not n.startswith(f"扩展名为 .{ext},按内容读取为")]
                report.notes.append("不是有效的 JSON,按文本页读取 / not valid JSON; read as a text page")
                self._page(report, file_col, _parse_text(text, display))
                return
            self._table(report, display, file_col, table)
        elif fmt == "html":
            self._page(report, file_col, _parse_html(data, display))
        else:
            limit = self.opt.max_chars_per_article * 2
            if len(text) > limit:
                text = text[:limit]
                report.notes.append(f"文本超过 {limit:,} 字符,只读取了开头 / the text is longer than {limit:,} "
                                    f"characters; only its start was read")
            self._page(report, file_col, _parse_text(text, display))

    def _table(self, report: FileReport, display: str, file_col: str, table: tables.RawTable,
               multi: bool = False) -> None:
        report.notes.extend(table.notes)
        known = set(report.columns)
        report.columns.extend(c for c in table.columns if c not in known)
        override = dict(self.opt.column_mapping)
        per_file = _file_mapping(self.opt.file_mappings, display, file_col)
        try:
            if per_file is not None:
                override.update(per_file)
                mapping = tables.map_columns(table.columns, override, strict_override=not multi)
            else:
                mapping = tables.map_columns(table.columns, override)
            fields, skipped = tables.table_to_fields(table, mapping)
        except ColumnMappingError as exc:
            if multi:  # an XLSX sheet without text: note it, other sheets may have it
                report.notes.append(f"工作表 {table.name}: {exc.message}")
                return
            raise
        if "source" in mapping and "source" not in override and _urls_to_hosts(fields["source"]):
            report.notes.append(f"来源列 {mapping['source']} 是网址,取其域名作为来源 / the source column "
                                f"{mapping['source']} holds URLs; their host names are used as the source")
        where = f"[{table.name}] " if multi else ""
        for fld, col in mapping.items():
            report.column_mapping[fld] = f"{where}{col}" if multi and fld in report.column_mapping else col
        report.skipped_rows += skipped
        n = len(fields["body"])
        _note_replacement_chars(report, fields)
        if n:
            self.parts.append(_Part(report=report, fields=fields, file=file_col))
            report.articles += n
        elif not multi:
            raise LoadError(f"表格中没有文章(共 {skipped} 行,均无标题和正文)/ no articles in the table "
                            f"({skipped} rows, none with a title or body)")

    def _page(self, report: FileReport, file_col: str, page: dict) -> None:
        fields = {f: [page.get(f) if f == "date" else (page.get(f) or "")] for f in tables.FIELDS}
        fields["date_source"] = [page.get("date_source") or ""]
        fields["written_date"] = [page.get("written_date")]
        _note_replacement_chars(report, fields)
        self.parts.append(_Part(report=report, fields=fields, file=file_col))
        report.articles = 1

    def _zip(self, report: FileReport, display: str, file_col: str, data: bytes, depth: int,
             zip_state: dict | None) -> None:
        opt = self.opt
        if depth >= opt.max_zip_depth:  # the top archive is level 1
            raise LimitExceeded(f"压缩包嵌套超过 {opt.max_zip_depth} 层 / archives nested more than "
                                f"{opt.max_zip_depth} levels deep")
        state = zip_state if zip_state is not None else {"entries": 0, "expanded": 0}
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
            raise LoadError(f"ZIP 文件损坏: {exc} / broken ZIP archive: {exc}")
        with zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if not infos:
                raise LoadError("ZIP 压缩包是空的 / the ZIP archive is empty")
            state["entries"] += len(infos)
            if state["entries"] > opt.max_zip_entries:
                raise LimitExceeded(f"ZIP 中有 {state['entries']:,} 个文件,超过上限 {opt.max_zip_entries:,},未解压 / "
                                    f"the ZIP holds {state['entries']:,} files, over the limit of "
                                    f"{opt.max_zip_entries:,}; nothing was expanded")
            declared = sum(i.file_size for i in infos)
            state["expanded"] += declared
            if state["expanded"] > opt.max_zip_expanded_bytes:
                raise LimitExceeded(f"ZIP 解压后共 {state['expanded']:,} 字节,超过上限 {opt.max_zip_expanded_bytes:,},"
                                    f"未解压(疑似压缩炸弹)/ the ZIP expands to {state['expanded']:,} bytes, over the limit "
                                    f"of {opt.max_zip_expanded_bytes:,}; nothing was expanded (possible ZIP bomb)")
            unsafe, skipped = [], 0
            read = 0
            for info in sorted(infos, key=lambda i: _entry_name(i)):
                name = _entry_name(info)
                if _unsafe_entry(name):
                    unsafe.append(name)
                    continue
                base = name.rsplit("/", 1)[-1]
                if name.startswith("__MACOSX/") or base.startswith(".") or base in ("Thumbs.db", "desktop.ini"):
                    skipped += 1
                    continue
                entry_display = f"{display}/{name}"
                entry_file = name if depth == 0 else f"{file_col}/{name}"
                if info.flag_bits & 0x1:
                    self.reports.append(FileReport(name=entry_display, error="ZIP 条目已加密,无法读取 / the entry is "
                                                                             "encrypted and cannot be read"))
                    continue
                if info.file_size > opt.max_file_bytes:
                    self.reports.append(FileReport(
                        name=entry_display, error=f"解压后 {info.file_size:,} 字节,超过单文件上限 {opt.max_file_bytes:,} / "
                                                  f"expands to {info.file_size:,} bytes, over the per-file limit"))
                    continue
                try:
                    with zf.open(info) as fh:
                        content = fh.read(info.file_size + 1)
                except Exception as exc:  # noqa: BLE001 - BadZipFile, CRC errors, zlib.error, unsupported methods
                    self.reports.append(FileReport(name=entry_display,
                                                   error=f"ZIP 条目损坏: {exc} / broken ZIP entry: {exc}"))
                    continue
                read += 1
                self.add(entry_display, entry_file, content, depth + 1, state)
        report.notes.append(f"压缩包内读取 {read} 个文件 / {read} files read from the archive")
        if unsafe:
            shown = ", ".join(unsafe[:5]) + (" …" if len(unsafe) > 5 else "")
            report.notes.append(f"跳过 {len(unsafe)} 个路径不安全的条目(含 .. 或绝对路径): {shown} / skipped "
                                f"{len(unsafe)} entries with unsafe paths (.. or absolute): {shown}")
        if skipped:
            report.notes.append(f"跳过 {skipped} 个系统文件(__MACOSX、隐藏文件)/ skipped {skipped} system files")
        if read == 0 and not any(r.name.startswith(display + "/") for r in self.reports):
            raise LoadError("ZIP 中没有可读取的文件 / no readable files in the ZIP archive"
                            + (f"(跳过不安全路径: {unsafe[0]})" if unsafe else ""))


def _note_replacement_chars(report: FileReport, fields: dict[str, list]) -> None:
    """Count U+FFFD (�) in the text fields of the articles read and say so in the file's notes, unless a
    decoding note already counted them: text the file itself carries as � (an earlier broken conversion)
    is never passed on silently."""
    bad = sum(v.count("\ufffd") for f in ("title", "body", "source", "author") for v in fields[f] if isinstance(v, str))
    if bad and not any("�" in note for note in report.notes):
        rows = sum(any(isinstance(fields[f][i], str) and "\ufffd" in fields[f][i] for f in ("title", "body", "source", "author"))
                   for i in range(len(fields["body"])))
        report.notes.append(f"{rows} 篇文章含 {bad} 个替换字符 �(原文件中的乱码)/ {rows} articles hold {bad} replacement "
                            f"characters � (garbled in the file itself)")


def _urls_to_hosts(values: list[str]) -> bool:
    """When a source column holds URLs (≥ 80 % of its values), replace them in place by their host names
    (``https://kjt.hebei.gov.cn/www/…`` → ``kjt.hebei.gov.cn``): a site names the source better than a page
    address. Returns whether it did."""
    from urllib.parse import urlsplit

    filled = [v.strip() for v in values if v.strip()]
    if not filled or sum(v.startswith(("http://", "https://")) for v in filled) < 0.8 * len(filled):
        return False
    for i, v in enumerate(values):
        v = v.strip()
        if v.startswith(("http://", "https://")):
            try:
                values[i] = urlsplit(v).hostname or v
            except ValueError:
                pass
    return True


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name, fixing GBK names that zipfile decoded as cp437 (no UTF-8 flag, Windows zippers)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name.replace("\\", "/")
        for enc in ("utf-8", "gb18030"):
            try:
                name = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
    return name.replace("\\", "/")


def _unsafe_entry(name: str) -> bool:
    parts = name.split("/")
    return name.startswith("/") or bool(re.match(r"^[A-Za-z]:", name)) or ".." in parts or "\x00" in name


def _file_mapping(mappings: dict[str, dict[str, str]], display: str, file_col: str) -> dict[str, str] | None:
    for key in (display, file_col, file_col.rsplit("/", 1)[-1]):
        if key in mappings:
            return mappings[key]
    return None


def _parse_text(text: str, name: str) -> dict:
    return parse_text_page(text, name, extras=True)


def _parse_html(data: bytes, name: str) -> dict:
    return parse_html_page(data, name, extras=True)


# --- assembling the article table ---------------------------------------------------------------------

def _parse_dates(values: list) -> pd.Series:
    # one parse per distinct value: factorize string keys (other types keyed by type and repr)
    keys = [v if type(v) is str else None if v is None or (isinstance(v, float) and v != v)
            else f"\x00{type(v).__name__}:{v!r}" for v in values]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    first = np.full(len(uniques), -1, dtype=np.int64)
    valid = np.flatnonzero(codes >= 0)
    first[codes[valid][::-1]] = valid[::-1]  # the first row holding each distinct value
    parsed = []
    for pos in first.tolist():
        try:
            ts = parse_date(values[pos])
        except (ValueError, TypeError, OverflowError):
            ts = None
        parsed.append(np.datetime64("NaT", "ns") if ts is None else pd.Timestamp(ts).to_datetime64())
    lookup = np.array(parsed + [np.datetime64("NaT", "ns")], dtype="datetime64[ns]")
    return pd.Series(lookup[np.where(codes >= 0, codes, len(parsed))], dtype="datetime64[ns]")


def _assemble(parts: list[_Part], report: ParseReport, opt: LoadOptions) -> pd.DataFrame:
    total = sum(len(p.fields["body"]) for p in parts)
    if total > opt.max_articles:
        keep, kept_parts = opt.max_articles, []
        for p in parts:
            n = len(p.fields["body"])
            if keep <= 0:
                p.report.notes.append(f"超过每次 {opt.max_articles:,} 篇上限,本文件未载入 / over the limit of "
                                      f"{opt.max_articles:,} articles per load; not loaded")
                p.report.articles = 0
                continue
            if n > keep:
                p.fields = {k: v[:keep] for k, v in p.fields.items()}
                p.report.notes.append(f"超过每次 {opt.max_articles:,} 篇上限,只载入前 {keep} 篇 / over the limit of "
                                      f"{opt.max_articles:,} articles per load; only the first {keep} loaded")
                p.report.articles = keep
            kept_parts.append(p)
            keep -= len(p.fields["body"])
        report.notes.append(f"共 {total:,} 篇,超过上限 {opt.max_articles:,},其余未载入 / {total:,} articles, over the limit "
                            f"of {opt.max_articles:,}; the rest were not loaded")
        parts = kept_parts
    cols: dict[str, list] = {f: [] for f in (*tables.FIELDS, *tables.EXTRA_FIELDS)}
    files: list[str] = []
    part_of: list[int] = []
    meta: list[str] = []
    for i, p in enumerate(parts):
        n = len(p.fields["body"])
        for f in tables.FIELDS:
            cols[f].extend(p.fields[f])
        cols["date_source"].extend(p.fields.get("date_source") or [""] * n)
        cols["written_date"].extend(p.fields.get("written_date") or [None] * n)
        meta.extend(p.fields.get("meta") or [""] * n)
        files.extend([p.file] * n)
        part_of.extend([i] * n)
    df = pd.DataFrame({"id": np.arange(1, len(files) + 1, dtype="int64")})
    for f in ("title", "source", "author", "url"):
        df[f] = normalize_series(pd.Series(cols[f], dtype=object), multiline=False).to_numpy()
    body = normalize_series(pd.Series(cols["body"], dtype=object), multiline=True)
    lengths = body.str.len().to_numpy()
    too_long = lengths > opt.max_chars_per_article
    if too_long.any():
        body = body.where(~pd.Series(too_long), body.str.slice(0, opt.max_chars_per_article))
        counts = pd.Series(np.asarray(part_of)[too_long]).value_counts()
        for idx, n in counts.items():
            parts[int(idx)].report.notes.append(
                f"{n} 篇正文超过 {opt.max_chars_per_article:,} 字符,已截断 / {n} bodies longer than "
                f"{opt.max_chars_per_article:,} characters were truncated")
    df["body"] = body.to_numpy()
    df["date"] = _parse_dates(cols["date"]).to_numpy()
    df["date_source"] = np.where(df["date"].isna(), "", np.asarray(cols["date_source"], dtype=object))
    df["written_date"] = _parse_dates(cols["written_date"]).to_numpy()
    df["file"] = files
    converted = np.zeros(len(df), dtype=bool)
    if opt.to_simplified:
        for f in ("title", "body", "source", "author"):
            df[f], changed = simplify_series(df[f])
            converted |= changed.to_numpy()
    df["converted"] = converted
    df["meta"] = meta
    df = add_policy_columns(df)  # 文号, 发文机关, 成文日期 … and headnote dates (analysis.policy.metadata)
    df["duplicate_of"] = pd.array([pd.NA] * len(df), dtype="Int64")
    if opt.mark_duplicates and len(df):
        df["duplicate_of"] = find_duplicates(df)
    return coerce_articles(df)


def _finish(loader: _Loader) -> LoadResult:
    report = ParseReport(files=loader.reports)
    if not loader.parts:
        problems = [f"{r.name}: {r.error}" for r in loader.reports if r.error]
        if not problems:
            problems = [f"{r.name}: 没有文章 / no articles" for r in loader.reports] or ["没有输入文件 / no input files"]
        shown = "; ".join(problems[:5]) + (f"; … (+{len(problems) - 5})" if len(problems) > 5 else "")
        raise LoadError(f"没有读到任何文章 / nothing could be read — {shown}")
    articles = _assemble(loader.parts, report, loader.opt)
    report.count(articles)
    return LoadResult(articles=articles, report=report)


def load_files(files: Iterable[tuple[str, bytes]], options: LoadOptions | None = None) -> LoadResult:
    """Load uploaded files (``[(name, bytes), ...]``) into one article table with a parse report.

    Raises ``LoadError`` only when no article at all could be read (the message names the files and what
    is wrong with each); otherwise failures are in ``report.files``.
    """
    opt = options or LoadOptions()
    loader = _Loader(opt)
    files = list(files)
    for i, (name, data) in enumerate(files):
        name = str(name)
        if opt.progress is not None:
            opt.progress(i / (len(files) + 1), f"{name} ({i + 1}/{len(files)})")
        if isinstance(data, str):  # text handed over instead of bytes
            data = data.encode("utf-8")
        if loader.budget.total_bytes + len(data) > opt.max_total_bytes:
            loader.reports.append(FileReport(name=name, error=(
                f"超过本次载入总量上限 {opt.max_total_bytes:,} 字节,未读取 / over the limit of {opt.max_total_bytes:,} "
                f"bytes per load; not read")))
            continue
        loader.budget.total_bytes += len(data)
        base = name.replace("\\", "/").rsplit("/", 1)[-1]
        loader.add(name, base, bytes(data))
    if opt.progress is not None:
        opt.progress(len(files) / (len(files) + 1), "合并与查重 / assembling and marking duplicates")
    return _finish(loader)


def walk_path(path: Path) -> list[tuple[Path, str]]:
    """``(file, name)`` pairs for a path on disk: a file itself (named by its file name), or a folder's files
    (recursively, hidden files and folders skipped, sorted), named by their POSIX path inside the folder —
    the names ``load_paths`` reports (the store's ingest groups files with it)."""
    if path.is_dir():
        out = []
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for n in sorted(names):
                if n.startswith("."):
                    continue
                full = Path(root) / n
                out.append((full, full.relative_to(path).as_posix()))
        return out
    return [(path, path.name)]


def load_paths(paths: Iterable[str | os.PathLike], options: LoadOptions | None = None) -> LoadResult:
    """Load files and folders from disk (folders recursively) into one article table with a parse report.

    A path that does not exist or cannot be read becomes a failed ``FileReport``; raises ``LoadError`` only
    when no article at all could be read.
    """
    opt = options or LoadOptions()
    loader = _Loader(opt)
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            loader.reports.append(FileReport(name=str(raw), error="文件不存在 / no such file or folder"))
            continue
        entries = walk_path(path)
        if path.is_dir() and not entries:
            loader.reports.append(FileReport(name=str(raw), error="文件夹是空的 / the folder is empty"))
        for full, name in entries:
            try:
                if not full.is_file():  # a device or pipe (/dev/zero) would never end
                    raise LoadError("不是普通文件 / not a regular file")
                size = full.stat().st_size
                if size > opt.max_file_bytes:
                    raise LimitExceeded(f"文件有 {size:,} 字节,超过单文件上限 {opt.max_file_bytes:,} / the file has "
                                        f"{size:,} bytes, over the per-file limit of {opt.max_file_bytes:,}")
                if loader.budget.total_bytes + size > opt.max_total_bytes:
                    raise LimitExceeded(f"超过本次载入总量上限 {opt.max_total_bytes:,} 字节,未读取 / over the limit of "
                                        f"{opt.max_total_bytes:,} bytes per load; not read")
                data = full.read_bytes()
            except WenjianError as exc:
                loader.reports.append(FileReport(name=name, error=exc.message))
                continue
            except OSError as exc:
                loader.reports.append(FileReport(name=name, error=f"无法读取: {exc.strerror or exc} / cannot read: "
                                                                  f"{exc.strerror or exc}"))
                continue
            loader.budget.total_bytes += len(data)
            loader.add(name, name, data)
    return _finish(loader)


__all__ += ["empty_articles"]
