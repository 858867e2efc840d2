"""``python -m analysis keywords``: the most frequent terms with document counts and TF-IDF.

Output columns ``term, count, documents, tfidf``, most frequent first:

- ``count`` — occurrences of the term in the titles and bodies of the counted articles;
- ``documents`` — counted articles containing the term;
- ``tfidf`` — ``count × (ln((1 + N) / (1 + documents)) + 1)``, ``N`` = number of counted articles.

Terms come from the project tokenizer (agency names and domain terms kept whole; stopwords, punctuation,
numbers and single characters dropped). Duplicates (rows with ``duplicate_of``) are not counted unless
``--keep-duplicates``.
"""
from __future__ import annotations

import argparse

import pandas as pd

from analysis.commands.messages import option_help, say
from analysis.filters import Filters, filter_mask
from analysis.keywords import tokenize_corpus
from analysis.policy.register import resolve_register, top_terms_for_register
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import UserDict, load_user_dict

HELP = "高频词(次数、文档数、TF-IDF)/ top terms: term, count, documents, tfidf"


def int_at_least(low: int):
    """An argparse ``type``: an integer ≥ ``low`` (anything else is a usage error, exit 2)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            raise argparse.ArgumentTypeError(say("integer_at_least", low=low, text=text))
        return value

    return parse


def add_register_argument(parser: argparse.ArgumentParser) -> None:
    """``--register`` (keywords and report: the same ranking)."""
    parser.add_argument("--register", choices=("auto", "policy", "news", "none"), default="auto",
                        help=option_help("common.register"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--top", type=int_at_least(0), default=100, metavar="N", help=option_help("keywords.top"))
    parser.add_argument("--min-length", type=int_at_least(1), default=2, metavar="L",
                        help=option_help("keywords.min_length"))
    parser.add_argument("--user-dict", action="store_true", help=option_help("common.user_dict"))
    add_register_argument(parser)


def corpus_for_cli(args: argparse.Namespace, articles: pd.DataFrame):
    """Tokenizer and tokenized corpus for a CLI command (project dictionaries, optionally the user's)."""
    ud = load_user_dict() if getattr(args, "user_dict", False) else UserDict()
    tk = build_tokenizer(ud.words, ud.stopwords, ud.synonyms, min_length=getattr(args, "min_length", 2))
    backend = getattr(args, "backend", None)  # --dataset: the stored corpus (same settings), not re-tokenized
    return tk, backend.corpus if backend is not None else tokenize_corpus(articles, tk)


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    _, corpus = corpus_for_cli(args, articles)
    mask = filter_mask(articles, Filters(dedupe=not args.keep_duplicates))
    register = resolve_register(articles, getattr(args, "register", "none"))
    return top_terms_for_register(corpus, mask, args.top, register)
