"""The command line's messages on stderr, worded from the label catalogue (``labels.cli``): the library
returns the parse report as data (``analysis.loaders.report.ParseReport``) and errors as exceptions with a
code (``analysis.errors``); this edge turns them into the CLI's bilingual lines."""
from __future__ import annotations

from analysis.loaders.report import ParseReport
from labels import fill
from labels.cli import ERROR_LINE, MESSAGES, PARSE_REPORT


def report_lines(report: ParseReport) -> list[str]:
    """What a load found, one line each (Chinese first, English after): articles and files, missing fields,
    date sources, duplicates, conversions, each file's column mapping (field codes ← the file's columns),
    skipped rows and notes, the load's notes, then each failed file with its error. Printed on stderr by
    every command that loads files, and by ``ingest``."""
    w = PARSE_REPORT
    ok = [f for f in report.files if f.ok]
    lines = [fill(w["read"], n=report.articles, files=len(ok), failed=len(report.failed))]
    if report.missing:
        gaps = ", ".join(f"{k} {v}" for k, v in report.missing.items() if v)
        if gaps:
            lines.append(w["missing"].format(gaps=gaps))
    if report.date_sources:
        lines.append(w["date_sources"].format(counts=", ".join(f"{k} {v}" for k, v in report.date_sources.items())))
    if report.duplicates:
        lines.append(fill(w["duplicates"], n=report.duplicates, groups=report.duplicate_groups))
    if report.converted:
        lines.append(fill(w["converted"], n=report.converted))
    for f in report.files:
        if f.column_mapping:
            mapping = ", ".join(f"{k}←{v}" for k, v in f.column_mapping.items())
            lines.append(w["mapping"].format(name=f.name, mapping=mapping))
        if f.skipped_rows:
            lines.append(fill(w["skipped"], name=f.name, n=f.skipped_rows))
    for f in report.files:
        lines.extend(w["note"].format(name=f.name, note=note) for note in f.notes)
    lines.extend(report.notes)
    lines.extend(w["failed"].format(name=f.name, error=f.error) for f in report.failed)
    return lines


def error_line(message: object) -> str:
    """The one stderr line of an expected failure: ``错误 / error: <message>`` on one line."""
    return ERROR_LINE.format(message=message).replace("\n", " ")


def say(code: str, /, **params: object) -> str:
    """The command line's message ``code`` (``labels.cli.MESSAGES``: one bilingual line) with ``params``."""
    return fill(MESSAGES[code], **params)
