"""``python -m analysis kwic``: every occurrence of a term with its context (KWIC concordance).

Output columns ``id, file, left, term, right``: the article id and file, up to ``--width`` characters
left and right of the occurrence. Occurrences are whole tokens of the project tokenizer (so the row count
equals the term's ``count`` in ``keywords``); ``--substring`` finds every substring instead.
"""
from __future__ import annotations

import argparse

import pandas as pd

from analysis.commands.keywords import int_at_least
from analysis.filters import Filters, filter_mask

HELP = "关键词上下文(KWIC)/ concordance: id, file, left, term, right"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--term", required=True, metavar="T", help="the term to look up")
    parser.add_argument("--width", type=int_at_least(0), default=20, metavar="N", help="context characters each side (default 20)")
    parser.add_argument("--sort", choices=("position", "left", "right"), default="position",
                        help="row order: position (default), right context, or left context")
    parser.add_argument("--substring", action="store_true",
                        help="match every substring (监管 inside 市场监管 too), not only whole tokens")
    parser.add_argument("--user-dict", action="store_true",
                        help="also use the words/stopwords/synonyms saved in the app (data/user/user_dict.json)")


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    from analysis.kwic import kwic

    tk = None
    if not args.substring:
        from analysis.tokenizer import build_tokenizer
        from analysis.user_dict import UserDict, load_user_dict

        ud = load_user_dict() if args.user_dict else UserDict()
        tk = build_tokenizer(ud.words, ud.stopwords, ud.synonyms)
    mask = filter_mask(articles, Filters(dedupe=not args.keep_duplicates))
    return kwic(articles, args.term, width=args.width, mask=mask, tokenizer=tk, sort=args.sort)
