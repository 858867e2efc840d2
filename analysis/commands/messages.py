"""The command line's messages on stderr, worded from the label catalogue (``labels.cli``): the library
returns the parse report as data (``analysis.loaders.report.ParseReport``) and errors as exceptions with a
code (``analysis.errors``); this edge turns them into the CLI's bilingual lines."""
from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from analysis.loaders.report import ParseReport
from labels import fill
from labels.cli import ERROR_LINE, MESSAGES, PARSE_REPORT, USAGE_ERRORS


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


#: argparse's English usage errors (Python 3.10-3.13 wording, ``argparse.py``) -> ``labels.cli.USAGE_ERRORS``
#: code; the named groups fill the template. First match wins.
_ARGPARSE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.S), code) for p, code in (
    (r"the following arguments are required: (?P<args>.+)", "required"),
    (r"argument (?P<arg>.+?): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)", "invalid_choice"),
    (r"unrecognized arguments: (?P<args>.+)", "unrecognized"),
    (r"argument (?P<arg>.+?): expected one argument", "expected_one"),
    (r"argument (?P<arg>.+?): expected at least one argument", "expected_at_least_one"),
    (r"argument (?P<arg>.+?): invalid (?P<type>\S+) value: (?P<value>.+)", "invalid_value"),
    (r"argument (?P<arg>.+?): not allowed with argument (?P<other>.+)", "not_allowed"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)", "ambiguous"),
    (r"argument (?P<arg>.+?): ignored explicit argument (?P<value>.+)", "ignored_explicit"),
    (r"argument (?P<arg>.+?): (?P<message>.+)", "argument"),
))
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def usage_message(message: str) -> str:
    """argparse's usage error ``message`` in the CLI's bilingual form (``labels.cli.USAGE_ERRORS``): the usual
    ones (a required argument missing, an invalid choice, unrecognized arguments, a missing or invalid value,
    conflicting options) translated; a message of ours (already ``中文 / English``, from :func:`say`) unchanged;
    any other English message kept, prefixed ``用法错误 / usage error:``."""
    for pattern, code in _ARGPARSE_ERRORS:
        if m := pattern.fullmatch(message):
            return USAGE_ERRORS[code].format(**m.groupdict())
    if _CHINESE.search(message):
        return message
    return USAGE_ERRORS["other"].format(message=message)


class UsageParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` whose usage errors speak both languages like the rest of the CLI: the usage
    line, then ``<prog>: 错误 / error: <usage_message(message)>`` on stderr, exit status 2 (argparse's). Its
    subcommand parsers are of this class too (``add_subparsers`` uses the parent's class)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {error_line(usage_message(message))}\n")
