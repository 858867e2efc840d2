"""``python -m analysis report``: the complete report for the filtered articles, headless.

Writes ``-o FILE`` (required): ``.html`` (self-contained), ``.docx`` (Word: charts as pictures, tables as
Word tables) or ``.zip`` (every table as full CSV + XLSX, every chart as PNG + SVG, the HTML and the DOCX).
The content is ``analysis.report_content.build_content``: every page's default views, captioned with the
dataset, the filters, the article count, the date range and the generation time. Filters: ``--from``,
``--to`` (``YYYY-MM-DD``, inclusive), ``--source`` (repeatable), ``--query`` (the sidebar's syntax),
``--agency`` (repeatable, canonical names); ``--lang zh|en`` the report's language. Charts need a
Chromium for server-side images (``WENJIAN_CHROMIUM``); without one the report says so where each chart
would be, and stderr counts them.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.agencies import find_mentions
from analysis.commands.messages import option_help, say
from analysis.errors import InvalidOption
from analysis.export import start_image_service
from analysis.filters import Filters, filter_mask, parse_query
from analysis.commands.keywords import add_register_argument
from analysis.keywords import tokenize_corpus
from analysis.report import render_html, render_images
from analysis.report_content import build_content
from analysis.report_docx import render_docx
from analysis.report_zip import render_zip
from analysis.tokenizer import build_tokenizer
from labels.report import report_words

HELP = "完整报告 / the complete report: HTML, Word (.docx) or ZIP for the filtered articles (-o FILE required)"
FORMATS = (".html", ".docx", ".zip")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help=option_help("report.date_from"))
    parser.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=option_help("report.date_to"))
    parser.add_argument("--source", action="append", default=[], metavar="S", help=option_help("report.source"))
    parser.add_argument("--query", default="", metavar="Q", help=option_help("report.query"))
    parser.add_argument("--agency", action="append", default=[], metavar="A", help=option_help("report.agency"))
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help=option_help("report.lang"))
    add_register_argument(parser)
    parser.add_argument("--title", default=None, metavar="NAME", help=option_help("report.title"))


def check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> None:
    """Usage errors before anything is loaded (exit 2): -o with a known extension, valid dates."""
    if not args.output:
        parser.error(say("report.needs_output"))
    if Path(args.output).suffix.lower() not in FORMATS:
        parser.error(say("report.bad_suffix", output=args.output))
    for name in ("date_from", "date_to"):
        value = getattr(args, name)
        if value is not None:
            try:
                setattr(args, name, pd.Timestamp(value))
            except ValueError:
                parser.error(say("report.bad_date", option=name[5:], value=value))


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(args: argparse.Namespace, articles: pd.DataFrame) -> None:
    parse_query(args.query)     # a syntax error is a clear message, before the slow steps
    if args.date_from is not None and args.date_to is not None and args.date_from > args.date_to:
        raise InvalidOption.of("cli.from_after_to", date_from=args.date_from, date_to=args.date_to)
    out = Path(args.output)
    suffix = out.suffix.lower()
    started = time.perf_counter()
    corpus = tokenize_corpus(articles, build_tokenizer())
    mentions = find_mentions(articles)
    filters = Filters(date_from=args.date_from, date_to=args.date_to, sources=tuple(args.source), query=args.query,
                      agencies=tuple(args.agency), dedupe=not args.keep_duplicates)
    mask = filter_mask(articles, filters, mentions)
    names = [Path(p).name for p in args.paths]
    # (up to three file names, then how many more: the title heads every page of the report)
    name = args.title or ", ".join(names[:3]) + (f" … (+{len(names) - 3})" if len(names) > 3 else "")
    report = build_content(articles, mask, corpus=corpus, mentions=mentions, dataset=name, filters=filters,
                           lang=args.lang, words=report_words(args.lang), register=args.register)
    _note(say("report.selected", selected=int(mask.sum()), total=len(articles),
              items=sum(len(s.items) for s in report.sections), sections=len(report.sections)))
    if suffix == ".html":
        data = render_html(report)
    else:
        start_image_service()   # the command's one image service (its browser starts on the first chart)
        missing = render_images(report, ("png", "svg") if suffix == ".zip" else ("png",))
        if missing and report.image_problem in ("timeout", "failed"):
            _note(f"warning: {missing} chart images could not be made (server-side export "
                  f"{'timed out' if report.image_problem == 'timeout' else 'failed'}, also when tried again; "
                  "WENJIAN_EXPORT_TIMEOUT sets the seconds) — the report says so where they belong")
        elif missing:
            _note(f"warning: {missing} chart images could not be made (server-side export needs Chromium; "
                  "set WENJIAN_CHROMIUM) — the report says so where they belong")
        data = render_docx(report) if suffix == ".docx" else render_zip(report)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    _note(f"report: wrote {out} ({len(data):,} bytes) in {time.perf_counter() - started:.1f} s")
