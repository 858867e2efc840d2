"""``python -m analysis kwic``: every occurrence of a term with its context (KWIC concordance).

Output columns ``id, file, left, term, right``: the article id and file, up to ``--width`` characters
left and right of the occurrence (``--details`` adds ``title, date, source, url``). ``--mode``: ``token``
(default) — whole tokens of the project tokenizer (so the row count equals the term's ``count`` in
``keywords``), and a phrase the tokenizer splits (数字人民币) as a sequence of whole tokens; ``substring`` —
every place the characters occur (``--substring`` is the same); ``regex`` — a Python regular expression.
The counts of the other modes go to stderr, so a missed occurrence is never silent.
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from analysis.commands.messages import option_help, say
from analysis.commands.keywords import int_at_least
from analysis.errors import InvalidOption
from analysis.filters import Filters, filter_mask
from analysis.kwic import article_texts, effective_mode, kwic, match_counts
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import UserDict, load_user_dict

HELP = "关键词上下文(KWIC)/ concordance: id, file, left, term, right"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--term", required=True, metavar="T", help=option_help("kwic.term"))
    parser.add_argument("--width", type=int_at_least(0), default=20, metavar="N", help=option_help("kwic.width"))
    parser.add_argument("--sort", choices=("position", "left", "right", "date"), default="position",
                        help=option_help("kwic.sort"))
    parser.add_argument("--mode", choices=("token", "substring", "regex"), default=None, help=option_help("kwic.mode"))
    parser.add_argument("--substring", action="store_true", help=option_help("kwic.substring"))
    parser.add_argument("--details", action="store_true", help=option_help("kwic.details"))
    parser.add_argument("--user-dict", action="store_true", help=option_help("common.user_dict"))


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    if args.substring and args.mode not in (None, "substring"):
        raise InvalidOption.of("cli.substring_mode", mode=args.mode)
    mode = "substring" if args.substring else (args.mode or "token")
    ud = load_user_dict() if args.user_dict else UserDict()
    tk = build_tokenizer(ud.words, ud.stopwords, ud.synonyms)
    mask = filter_mask(articles, Filters(dedupe=not args.keep_duplicates))
    texts = article_texts(articles)
    out = kwic(articles, args.term, width=args.width, mask=mask, tokenizer=tk, sort=args.sort, mode=mode,
               details=args.details, texts=texts)
    if mode != "regex":
        c = match_counts(articles, args.term, tokenizer=tk, mask=mask, texts=texts)
        how = {"token": say("kwic.how.token"), "sequence": say("kwic.how.sequence", pieces=" | ".join(c["pieces"]))}
        print(say("kwic.counts", term=args.term, rows=len(out), mode=how.get(effective_mode(args.term, mode, tk), mode),
                  token=c["token"], token_docs=c["token_docs"], substring=c["substring"],
                  substring_docs=c["substring_docs"]), file=sys.stderr)
    return out
