"""``python -m analysis`` — the same analyses as the dashboard, headless.

Contract (other tools depend on it; keep it stable):

    python -m analysis articles PATH... [--format csv|jsonl] [-o FILE]
    python -m analysis keywords PATH... [--top N] [--format csv|jsonl]
    python -m analysis kwic     PATH... --term T [--width N]
    python -m analysis agencies PATH... [--by-document] [--format csv|jsonl]
    python -m analysis timeline PATH... [--freq day|week|month|quarter|year] [--by source] [--term T]... [--agency A]...
                                        [--term-mode added|token|substring|regex]
    python -m analysis ingest   PATH... --name NAME [--scheduler tcp://HOST:8786] [--workers N]
    python -m analysis report   PATH... -o FILE.docx|.html|.zip [--from D] [--to D] [--source S]... [--query Q]

Every analysis command also takes ``--dataset NAME`` (a library dataset's name or id) in place of paths: it
then reads the dataset's stored tables (``analysis.store``) instead of loading and re-analysing files.

Exit status: 0 on success; 1 when nothing usable could be read (one line on stderr naming the file and what is
wrong); 2 for usage errors. The parse report goes to stderr, the table to stdout (or ``-o FILE``).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

import pandas as pd

from analysis.commands.ingest import open_dataset
from analysis.commands.messages import UsageParser, error_line, option_help, report_lines, say
from analysis.errors import WenjianError
from analysis.export import csv_bytes, csv_text
from analysis.loaders import LoadOptions, load_paths

#: Subcommands, each a module in ``analysis/commands`` with ``HELP``, ``add_arguments(parser)`` and
#: ``run(args, articles) -> DataFrame`` (or ``None`` when the command writes its own file, as ``report``
#: does); an optional ``check(args, parser)`` reports usage errors (exit 2) before anything is loaded.
COMMANDS: tuple[str, ...] = ("articles", "keywords", "kwic", "agencies", "timeline", "report", "ingest", "policy")
#: ``ingest`` is the exception: ``run_ingest(args)`` writes a library dataset instead of analysing paths.
INGEST = "ingest"
#: commands that write their own file (``-o`` required, its suffix the format) and print no table: no ``--format``
OWN_FILE: frozenset[str] = frozenset({"report"})


def command_modules() -> dict[str, ModuleType]:
    """``{name: module}`` of every command in :data:`COMMANDS` (``analysis.commands.<name>``)."""
    return {name: importlib.import_module(f"analysis.commands.{name}") for name in COMMANDS}


def build_parser() -> argparse.ArgumentParser:
    parser = UsageParser(
        prog="python -m analysis",
        description="文鉴 Wenjian — 中文新闻文章集分析 / analyse collections of Chinese news articles",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, help=option_help("parser.command"))
    for name, mod in command_modules().items():
        p = sub.add_parser(name, help=mod.HELP, description=mod.HELP)
        if name == INGEST:
            p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help=option_help("common.format"))
            p.add_argument("-o", "--output", metavar="FILE", help=option_help("common.output"))
            mod.add_arguments(p)
            continue
        p.add_argument("paths", nargs="*", metavar="PATH", help=option_help("common.paths"))
        p.add_argument("--dataset", metavar="NAME", default=None, help=option_help("common.dataset"))
        if name in OWN_FILE:
            p.add_argument("-o", "--output", metavar="FILE", help=option_help("common.report_output"))
        else:
            p.add_argument("--format", choices=("csv", "jsonl"), default="csv", help=option_help("common.format"))
            p.add_argument("-o", "--output", metavar="FILE", help=option_help("common.output"))
        p.add_argument("--keep-duplicates", action="store_true", help=option_help("common.keep_duplicates"))
        p.add_argument("--to-simplified", action="store_true", help=option_help("common.to_simplified"))
        mod.add_arguments(p)
        p.set_defaults(subparser=p)   # for a command's check(): usage errors name the subcommand
    return parser


def write_table(df: pd.DataFrame, fmt: str, output: str | None) -> None:
    """CSV or JSON Lines (UTF-8). CSV goes through the downloads' writer (``analysis.export.csv_text``: text
    cells starting with ``= + - @``, tab or CR get a leading ``'``, plain signed numbers excepted); a file
    (``-o``) gets exactly the bytes of a download (BOM, CRLF, :func:`analysis.export.csv_bytes`), stdout the
    same text with LF line ends and no BOM (for pipes). The row index is never written."""
    if fmt == "jsonl":
        text = df.to_json(orient="records", lines=True, force_ascii=False, date_format="iso")
        if text and not text.endswith("\n"):
            text += "\n"
    elif output:
        with open(output, "wb") as fh:
            fh.write(csv_bytes(df.reset_index(drop=True)))
        return
    else:
        text = csv_text(df.reset_index(drop=True), lineterminator="\n")
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # usage errors exit 2 (argparse)
    if args.command != INGEST and bool(args.paths) == bool(args.dataset):
        # the subcommand's usage, not the top level's (tester s14 U3); "not both" only when both were given
        args.subparser.error(say("paths_or_dataset" if args.paths else "paths_or_dataset_missing", command=args.command))
    for option in ("term", "agency"):   # an empty --term '' / --agency '' names nothing (tester s14 U4)
        value = getattr(args, option, None)   # one string (kwic --term) or a list (--term/--agency T ...)
        if any(not v.strip() for v in ([value] if isinstance(value, str) else value or [])):
            args.subparser.error(say("empty_option", command=args.command, option=f"--{option}"))
    mod = command_modules()[args.command]
    if hasattr(mod, "check"):
        mod.check(args, args.subparser)
    try:
        if args.command == INGEST:
            write_table(mod.run_ingest(args), args.format, args.output)
            return 0
        if args.dataset:
            articles, args.backend = open_dataset(args)
        else:
            result = load_paths(args.paths, LoadOptions.from_env(to_simplified=args.to_simplified))
            for line in report_lines(result.report):
                print(line, file=sys.stderr)
            articles = result.articles
        table = mod.run(args, articles)
        if table is not None:
            write_table(table, getattr(args, "format", "csv"), args.output)
    except WenjianError as exc:
        print(error_line(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `| head` closed the pipe: not an error
        return 0
    except OSError as exc:
        print(error_line(f"{exc.filename or ''}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    return 0
