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

from analysis.commands.keywords import int_at_least
from analysis.errors import InvalidOption
from analysis.filters import Filters, filter_mask
from analysis.kwic import article_texts, effective_mode, kwic, match_counts
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import UserDict, load_user_dict

HELP = "关键词上下文(KWIC)/ concordance: id, file, left, term, right"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--term", required=True, metavar="T", help="the term (or, with --mode regex, the pattern)")
    parser.add_argument("--width", type=int_at_least(0), default=20, metavar="N", help="context characters each side (default 20)")
    parser.add_argument("--sort", choices=("position", "left", "right", "date"), default="position",
                        help="row order: position (default), right context, left context, or article date")
    parser.add_argument("--mode", choices=("token", "substring", "regex"), default=None,
                        help="token: whole words, a split phrase as a token sequence (default); substring: every "
                             "occurrence of the characters; regex: a Python regular expression")
    parser.add_argument("--substring", action="store_true",
                        help="same as --mode substring (监管 inside 市场监管 too)")
    parser.add_argument("--details", action="store_true",
                        help="also print each article's title, date, source and url")
    parser.add_argument("--user-dict", action="store_true",
                        help="also use the words/stopwords/synonyms saved in the app (data/user/user_dict.json)")


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
        how = {"token": "整词 / whole word", "sequence": "词序列 / token sequence " + " | ".join(c["pieces"])}
        print(f"KWIC {args.term}: {len(out)} 处 / rows (模式 / mode: "
              f"{how.get(effective_mode(args.term, mode, tk), mode)}); 整词 / as words: {c['token']} "
              f"({c['token_docs']} 篇 / articles); 子串 / as substring: {c['substring']} "
              f"({c['substring_docs']} 篇 / articles)", file=sys.stderr)
    return out
