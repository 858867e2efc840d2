"""The command line's own words (``python -m analysis``): the parse report and the error line it prints on
stderr. The command line speaks both languages at once, so each entry is one bilingual template
``中文 / English`` (their spacing is the CLI's contract: scripts read these lines) filled with ``str.format``.
Read by ``analysis.commands.messages``. Plain data, no imports."""
from __future__ import annotations

#: The parse report's lines (``analysis.commands.messages.report_lines``).
PARSE_REPORT: dict[str, str] = {
    "read": "已读取 {n} 篇文章,来自 {files} 个文件;{failed} 个文件失败 / {n} articles from {files} files; {failed} failed",
    "missing": "缺失字段 / missing: {gaps}",
    "date_sources": "日期来源 / dates by source: {counts}",
    "duplicates": "重复/转载 {n} 篇(归入 {groups} 组)/ {n} duplicates in {groups} groups",
    "converted": "繁体转简体 {n} 篇 / {n} converted to simplified",
    "mapping": "{name}: {mapping}",
    "skipped": "{name}: 跳过 {n} 行(无正文与标题)/ skipped {n} rows without text",
    "note": "{name}: {note}",
    "failed": "失败 / failed: {name}: {error}",
}

#: The one line printed for an expected failure (exit status 1).
ERROR_LINE = "错误 / error: {message}"
