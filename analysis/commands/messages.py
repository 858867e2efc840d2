"""The command line's messages on stderr, worded from the label catalogue (``labels.cli``): the library
returns the parse report as data (``analysis.loaders.report.ParseReport``) and errors as exceptions with a
code (``analysis.errors``); this edge turns them into the CLI's bilingual lines."""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from typing import NoReturn

from analysis.loaders.report import ParseReport, counted_files
from labels import fill
from labels.cli import ERROR_LINE, MESSAGES, OPTION_HELP, PARSE_REPORT, USAGE_ERRORS


def report_lines(report: ParseReport) -> list[str]:
    """What a load found, one line each (Chinese first, English after): articles and files (a ZIP counts its
    entries, not itself), missing fields,
    date sources, duplicates, conversions, each file's column mapping (field codes ← the file's columns),
    skipped rows and notes, the load's notes, then each failed file with its error. Printed on stderr by
    every command that loads files, and by ``ingest``."""
    w = PARSE_REPORT
    ok = [f for f in counted_files(report) if f.ok]   # a ZIP's entries, not the ZIP too
    lines = [fill(w["read"], n=report.articles, files=len(ok), failed=len(report.failed))]
    if report.missing:
        gaps = ", ".join(f"{k} {v}" for k, v in report.missing.items() if v)
        if gaps:
            lines.append(fill(w["missing"], gaps=gaps))
    if report.date_sources:
        lines.append(fill(w["date_sources"], counts=", ".join(f"{k} {v}" for k, v in report.date_sources.items())))
    if report.duplicates:
        lines.append(fill(w["duplicates"], n=report.duplicates, groups=report.duplicate_groups))
    if report.converted:
        lines.append(fill(w["converted"], n=report.converted))
    for f in report.files:
        if f.column_mapping:
            mapping = ", ".join(f"{k}←{v}" for k, v in f.column_mapping.items())
            lines.append(fill(w["mapping"], name=f.name, mapping=mapping))
        if f.skipped_rows:
            lines.append(fill(w["skipped"], name=f.name, n=f.skipped_rows))
    for f in report.files:
        lines.extend(fill(w["note"], name=f.name, note=note) for note in f.notes)
    lines.extend(report.notes)
    lines.extend(fill(w["failed"], name=f.name, error=f.error) for f in report.failed)
    return lines


def error_line(message: object) -> str:
    """The one stderr line of an expected failure: ``错误 / error: <message>`` on one line."""
    return fill(ERROR_LINE, message=message).replace("\n", " ")


def option_help(key: str) -> str:
    """The bilingual help of an option (``labels.cli.OPTION_HELP[key]``, ``key`` = ``command.dest``), with ``%``
    doubled: argparse formats help strings with ``%``. Raises ``KeyError`` for a key the catalogue lacks."""
    return OPTION_HELP[key].replace("%", "%%")


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
            return fill(USAGE_ERRORS[code], **m.groupdict())
    if _CHINESE.search(message):
        return message
    return fill(USAGE_ERRORS["other"], message=message)


def display_width(text: str) -> int:
    """Terminal columns of ``text``: 2 for a wide or full-width character (CJK, full-width punctuation:
    Unicode East Asian Width ``W``/``F``), 1 for any other."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_PIECES = re.compile(r"[ -~]+?(?=\s|$|[^ -~])|\s+|.", re.S)   # an ASCII word, a run of spaces, or one character


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` terminal columns (:func:`display_width`): between any two
    Chinese characters or at a space, never inside an ASCII word (a word wider than ``width`` stands alone)."""
    lines, line = [], ""
    for piece in _PIECES.findall(" ".join(text.split())):
        if line and display_width(line + piece) > width:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


class BilingualHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with its own words in both languages (``labels.cli.OPTION_HELP["parser.*"]``):
    ``位置参数 / positional arguments``, ``选项 / options`` (the usage line keeps argparse's ``usage:``, which
    scripts and ``tests/test_cli.py`` read on a usage error); help texts and descriptions are
    wrapped by terminal columns (:func:`wrap_columns`: a Chinese character takes two), not by characters."""

    HEADINGS = {"positional arguments": OPTION_HELP["parser.positionals"], "options": OPTION_HELP["parser.options"],
                "optional arguments": OPTION_HELP["parser.options"]}   # Python 3.10 says "optional arguments"

    def start_section(self, heading: str | None) -> None:
        super().start_section(self.HEADINGS.get(heading or "", heading))

    # argparse's two hooks for wrapping (an option's help; a description): by columns, not characters
    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_columns(text, width))


class UsageParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` that speaks both languages like the rest of the CLI: its usage errors are the
    usage line, then ``<prog>: 错误 / error: <usage_message(message)>`` on stderr, exit status 2 (argparse's);
    its help (``-h``, the section headings) is bilingual (:class:`BilingualHelpFormatter`).
    Its subcommand parsers are of this class too (``add_subparsers`` uses the parent's class)."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", BilingualHelpFormatter)
        kwargs["add_help"] = False   # our own -h below, with bilingual help
        super().__init__(*args, **kwargs)
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help=option_help("parser.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {error_line(usage_message(message))}\n")
