"""``python -m analysis agencies``: government bodies named in the articles, aliases merged.

Output: ``agency, mentions, documents, aliases`` (aliases = surface forms seen, most frequent first, joined
by ``|``), most mentioned first. With ``--by-document``: ``id, file, agency, surface, mentions`` — one row
per article, agency and surface form. Bare forms (省市场监管局) whose region cannot be told from the article
are not in the table; their number is printed on stderr (``--unresolved`` lists them instead).
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.agencies import (AgencyMatcher, agency_summary, by_document, find_mentions,
                               unresolved_summary)
from analysis.filters import Filters, filter_mask

HELP = ("统计文章中提及的政府机构(别名合并)/ government bodies named in the articles, aliases merged: "
        "agency, mentions, documents, aliases")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--by-document", action="store_true",
                       help="one row per article, agency and surface form: id, file, agency, surface, mentions")
    parser.add_argument("--no-foreign", action="store_true",
                        help="leave out foreign government bodies (美国国务院, 俄罗斯国防部 …)")
    group.add_argument("--unresolved", action="store_true",
                       help="list the bare forms whose region could not be resolved: surface, level, mentions, "
                            "documents")


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    mask = filter_mask(articles, Filters(dedupe=not args.keep_duplicates))
    backend = getattr(args, "backend", None)  # --dataset: the stored mentions
    mentions = backend.mentions if backend is not None else find_mentions(articles, AgencyMatcher.default())
    if args.no_foreign:
        mentions = mentions[mentions["level"] != "foreign"]
    if args.unresolved:
        return unresolved_summary(mentions, mask)
    unresolved = int((~mentions["resolved"].to_numpy()[mask[mentions["row"].to_numpy()]]).sum()) if len(
        mentions) else 0
    if unresolved:
        print(f"未解析的机构简称 {unresolved} 处(见 --unresolved)/ {unresolved} bare mentions without a resolvable "
              "region left out (see --unresolved)", file=sys.stderr)
    if args.by_document:
        return by_document(mentions, articles, mask)
    return agency_summary(mentions, mask)
