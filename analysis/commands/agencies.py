"""``python -m analysis agencies``: government bodies named in the articles, aliases merged.

Output: ``agency, mentions, documents, aliases`` (aliases = surface forms seen, most frequent first, joined
by ``|``), most mentioned first. With ``--by-document``: ``id, file, agency, surface, mentions`` — one row
per article, agency and surface form. Bare forms (省市场监管局) whose region cannot be told from the article
are not in the table; their number is printed on stderr (``--unresolved`` lists them instead).

Like the 机构 page, foreign government bodies (美国国务院) and news organisations (中央广播电视总台, 新华社)
are left out unless ``--include-foreign`` / ``--include-media`` (``analysis.agencies.government_mentions``);
``--no-foreign`` is still accepted: it was the opt-out before foreign bodies were left out by default, is the
default now, and wins over ``--include-foreign``. ``--successors`` counts names no longer in use under the body they became (建设部 under
住房和城乡建设部, 河北省质量技术监督局 under 河北省市场监督管理局; ``analysis.agency_history``).
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.agencies import (AgencyMatcher, agency_summary, by_document, find_mentions, government_mentions,
                               unresolved_summary)
from analysis.agency_history import roll_up
from analysis.commands.messages import option_help, say
from analysis.filters import Filters, filter_mask

HELP = ("统计文章中提及的政府机构(别名合并)/ government bodies named in the articles, aliases merged: "
        "agency, mentions, documents, aliases")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--by-document", action="store_true", help=option_help("agencies.by_document"))
    parser.add_argument("--include-foreign", action="store_true", help=option_help("agencies.include_foreign"))
    parser.add_argument("--include-media", action="store_true", help=option_help("agencies.include_media"))
    parser.add_argument("--no-foreign", action="store_true", help=option_help("agencies.no_foreign"))
    parser.add_argument("--successors", action="store_true", help=option_help("agencies.successors"))
    group.add_argument("--unresolved", action="store_true", help=option_help("agencies.unresolved"))


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    mask = filter_mask(articles, Filters(dedupe=not args.keep_duplicates))
    backend = getattr(args, "backend", None)  # --dataset: the stored mentions
    mentions = backend.mentions if backend is not None else find_mentions(articles, AgencyMatcher.default())
    mentions = government_mentions(mentions, include_foreign=args.include_foreign and not args.no_foreign,
                                   include_media=args.include_media)
    if args.successors:
        mentions = roll_up(mentions)
    if args.unresolved:
        return unresolved_summary(mentions, mask)
    unresolved = int((~mentions["resolved"].to_numpy()[mask[mentions["row"].to_numpy()]]).sum()) if len(
        mentions) else 0
    if unresolved:
        print(say("agencies.unresolved", n=unresolved), file=sys.stderr)
    if args.by_document:
        return by_document(mentions, articles, mask)
    return agency_summary(mentions, mask)
