"""``python -m analysis timeline``: articles (and chosen terms / agencies) per period.

Output (wide): ``period, articles`` and one column per requested series, named ``term:<T>`` and
``agency:<A>``; every period from the first to the last dated article appears (0 when empty).

With ``--by source`` the output is **long**: ``period, source, articles`` (+ the ``term:``/``agency:``
columns, counted within that source), one row for every period × source (zeros included), sources ordered
by their total articles (most first, then by name; an empty source is ``(无来源)``). Long, because the number
of sources is open-ended and each row then keeps the same columns as without ``--by``.

Term columns count the term as ``--term-mode`` says (:data:`TERM_MODES`; stderr names the mode and the total
of each term): ``added`` (default, the output before the option existed) — the term kept whole
(``build_tokenizer(user_words=terms)``); with ``--dataset`` from the stored tables, not from a store built
for these words: only the articles whose text holds a term are tokenized again (:func:`term_corpus`), so the
output is the one of the file input and no store is added. ``token``, ``substring``, ``regex`` — the 时间线
page's 整词 / 子串 (and the KWIC's regex): ``analysis.kwic.MatchedCorpus`` over the project tokenizer's corpus
(the stored one with ``--dataset``), the object the page passes to ``term_series`` — so page and command
give the same numbers for the same mode (tester s14 T1: 新冠 on CCTV, 602 as whole words, 626 added).

``--user-dict`` adds the words, stopwords and synonyms saved on the 关键词 page, as for ``keywords`` and
``kwic`` (tester s16 K2): with it ``--term-mode token`` gives the 时间线 page's 整词 series after a dictionary
edit. A user stopword asked for by ``--term`` is still counted — as whole words from the token stream
(``analysis.kwic.word_vector``) in ``token`` mode, and in ``added`` mode by leaving it out of that run's
stopwords — and stderr says it is a stopword (the ``keywords`` table leaves it out).

Articles without a date are not in any period: their number (and the term/agency counts among them) is
printed on stderr, as is the number of duplicates left out (``--keep-duplicates`` counts them).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.figstyle import plain_number
from analysis.agencies import AgencyMatcher, find_mentions, resolve_names
from analysis.commands.messages import option_help, say
from analysis.filters import Filters, filter_mask
from analysis.keywords import TokenizedCorpus, tokenize_corpus
from analysis.kwic import MatchedCorpus, article_texts, effective_mode, left_out_reason, pieces
from analysis.timeline import AGENCY_MEASURES, FREQS, NO_SOURCE, TERM_MEASURES, agency_series, auto_freq, \
    term_series, volume
from analysis.tokenizer import WenjianTokenizer, build_tokenizer
from analysis.user_dict import UserDict, load_user_dict

#: ``--term-mode`` values: ``added`` (the term added to the tokenizer's words, then counted whole: the default,
#: as before the option) and the modes of ``analysis.kwic.MatchedCorpus`` — ``token`` (the 时间线 page's 整词:
#: whole words of the project tokenizer, a phrase it splits as a token sequence), ``substring`` (子串) and
#: ``regex``.
TERM_MODES: tuple[str, ...] = ("added", "token", "substring", "regex")

HELP = ("按时间统计文章数(可加关键词、机构序列)/ articles per day|week|month|quarter|year, "
        "plus term and agency series")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--freq", choices=FREQS, default=None, help=option_help("timeline.freq"))
    parser.add_argument("--by", choices=("source",), default=None, help=option_help("timeline.by"))
    parser.add_argument("--term", action="append", default=[], metavar="T", help=option_help("timeline.term"))
    parser.add_argument("--term-measure", choices=TERM_MEASURES, default="count",
                        help=option_help("timeline.term_measure"))
    parser.add_argument("--term-mode", choices=TERM_MODES, default="added", help=option_help("timeline.term_mode"))
    parser.add_argument("--agency", action="append", default=[], metavar="A", help=option_help("timeline.agency"))
    parser.add_argument("--agency-measure", choices=AGENCY_MEASURES, default="mentions",
                        help=option_help("timeline.agency_measure"))
    parser.add_argument("--user-dict", action="store_true", help=option_help("common.user_dict"))


def user_dict(args: argparse.Namespace) -> UserDict:
    """The saved user dictionary with ``--user-dict``, else an empty one (as ``keywords`` and ``kwic``)."""
    return load_user_dict() if getattr(args, "user_dict", False) else UserDict()


def added_tokenizer(ud: UserDict, terms: list[str]) -> WenjianTokenizer:
    """The tokenizer of ``--term-mode added``: the user dictionary ``ud`` with ``terms`` added as words and
    taken out of its stopwords (a term asked for by name is counted; ``build_tokenizer`` keeps a user
    stopword that is also a user word a stopword)."""
    asked = {t.strip() for t in terms}
    return build_tokenizer(tuple(ud.words) + tuple(terms), [w for w in ud.stopwords if w not in asked], ud.synonyms)


#: Folds applied to a term and to the texts before the "does this text hold the term" test: the tokenizer's
#: whole-word forms match case-insensitively, across runs of spaces and hyphen/slash variants
#: (``analysis.tokenizer._whole_key``), so the test ignores case, spaces and those variants.
_FOLD = str.maketrans({"－": "-", "‐": "-", "‑": "-", "–": "-", "／": "/"})
_PLAIN = re.compile(r"^[\u4e00-\u9fff]+$")


def _fold(text: str) -> str:
    return "".join(text.translate(_FOLD).split()).casefold()


@dataclass(frozen=True)
class TermCounts:
    """Per-article ``term_vector`` and ``doc_lengths`` of a few terms (what ``analysis.timeline.term_series``
    reads from a corpus), for a corpus tokenized with the terms added as words."""

    vectors: dict[str, np.ndarray]
    doc_lengths: np.ndarray

    def term_vector(self, term: str) -> np.ndarray:
        """Occurrences of ``term`` per article (int64, zeros for a term not asked for)."""
        return self.vectors.get(term.strip(), np.zeros(len(self.doc_lengths), dtype=np.int64))


def term_corpus(articles: pd.DataFrame, stored: TokenizedCorpus, terms: list[str],
                tokenizer: WenjianTokenizer | None = None) -> TermCounts:
    """The term counts and token totals per article that ``tokenize_corpus(articles,
    build_tokenizer(user_words=terms))`` gives, from ``stored`` (the corpus of the dataset's store, tokenized
    without the terms): an article whose text (title + body) does not hold any term — ignoring case, spaces
    and hyphen/slash variants, as the whole-word match does — is cut the same way by both tokenizers (the words
    added change the dictionary only where they occur), so only the others are tokenized again. Rows align
    with ``articles`` and ``stored``. ``tokenizer``: the one to cut those articles with (default
    ``build_tokenizer(user_words=terms)``; with ``--user-dict`` :func:`added_tokenizer`)."""
    words = [t.strip() for t in dict.fromkeys(terms) if t.strip()]
    n = len(articles)
    lengths = np.asarray(stored.doc_lengths, dtype=np.int64).copy()
    title = articles["title"].fillna("").astype(str).tolist()
    body = articles["body"].fillna("").astype(str).tolist()
    plain = [w for w in words if _PLAIN.match(w)]
    folded = [_fold(w) for w in words if not _PLAIN.match(w)]
    rows = [i for i in range(n)
            if any(w in title[i] or w in body[i] for w in plain)
            or (folded and any(f in _fold(title[i] + "\n" + body[i]) for f in folded))]
    vectors = {w: np.zeros(n, dtype=np.int64) for w in words}
    if rows:
        sub = tokenize_corpus(articles.iloc[rows], tokenizer or build_tokenizer(user_words=tuple(words)))
        lengths[rows] = sub.doc_lengths
        for w in words:
            vectors[w][rows] = sub.term_vector(w)
    return TermCounts(vectors, lengths)


def _term_counts(args: argparse.Namespace, articles: pd.DataFrame, mask: np.ndarray):
    """What ``term_series`` reads for the ``--term`` columns in ``--term-mode`` (see the module docstring), each
    term's occurrences per article computed once (``--by source`` reads them once per source); the mode and
    each term's total over the counted articles are said on stderr."""
    backend = getattr(args, "backend", None)  # --dataset: from the stored corpus
    mode = getattr(args, "term_mode", "added")
    ud = user_dict(args)
    for t in args.term:   # a user stopword asked for by name is counted; say that keywords leaves it out
        if ud.stopwords and left_out_reason(t, build_tokenizer(ud.words, ud.stopwords, ud.synonyms)) == "stopword":
            _note(say("timeline.stopword", term=t))
    if mode == "added":
        tk = added_tokenizer(ud, args.term) if getattr(args, "user_dict", False) else None
        counts = term_corpus(articles, backend.corpus, args.term, tk) if backend is not None else tokenize_corpus(
            articles, tk or build_tokenizer(user_words=tuple(args.term)))
        vectors = {t: np.asarray(counts.term_vector(t), dtype=np.int64).ravel() for t in args.term}
        lengths = np.asarray(counts.doc_lengths, dtype=np.int64)
    else:
        tk = build_tokenizer(ud.words, ud.stopwords, ud.synonyms)   # the page's tokenizer (user words with --user-dict)
        corpus = backend.corpus if backend is not None else tokenize_corpus(articles, tk)
        counter = MatchedCorpus(articles, corpus, tk, mode, article_texts(articles))
        vectors = {t: np.asarray(counter.term_vector(t), dtype=np.int64).ravel() for t in args.term}
        lengths = np.asarray(counter.doc_lengths, dtype=np.int64)
        for t in args.term:   # a phrase the tokenizer splits is counted as a sequence of its words: say which
            if mode == "token" and effective_mode(t, "token", tk) == "sequence":
                _note(say("timeline.term_mode.sequence", term=t, n=int(vectors[t][mask].sum()),
                          pieces=" | ".join(pieces(t, tk))))
                continue
            _note(say(f"timeline.term_mode.{mode}", term=t, n=int(vectors[t][mask].sum())))
        return TermCounts({t.strip(): v for t, v in vectors.items()}, lengths)
    for t in args.term:
        _note(say("timeline.term_mode.added", term=t, n=int(vectors[t][mask].sum())))
    return TermCounts({t.strip(): v for t, v in vectors.items()}, lengths)


def _note(text: str) -> None:
    print(text, file=sys.stderr)


def _columns(args: argparse.Namespace, articles: pd.DataFrame, mask: np.ndarray, freq: str,
             corpus, mentions, names: dict[str, str]) -> tuple[pd.DataFrame, dict[str, float]]:
    """``period, articles, term:…, agency:…`` for the rows in ``mask``, and the undated values. ``names``:
    each ``--agency`` value → the agency it counts (``resolve_names``), resolved once for every call."""
    vol = volume(articles, mask, freq)
    table = vol.table[["period", "articles"]].copy()
    undated: dict[str, float] = {"articles": vol.undated["articles"]}
    if args.term:
        tl = term_series(articles, corpus, args.term, mask, freq, measure=args.term_measure)
        for t in tl.series:
            table[f"term:{t}"] = tl.table[t].to_numpy()
            undated[f"term:{t}"] = tl.undated[t]
    if args.agency:  # columns named as asked; a name as written counts its agency (see resolve_names)
        tl = agency_series(articles, mentions, list(dict.fromkeys(names.values())), mask, freq,
                           measure=args.agency_measure)
        for a in args.agency:
            table[f"agency:{a}"] = tl.table[names[a]].to_numpy()
            undated[f"agency:{a}"] = tl.undated[names[a]]
    return table, undated


def _by_source(args: argparse.Namespace, articles: pd.DataFrame, mask: np.ndarray, freq: str,
               corpus, mentions, names: dict[str, str]) -> tuple[pd.DataFrame, dict[str, float]]:
    """Long table: every period × source (sources by total articles, most first), plus summed undated values."""
    src = articles["source"].fillna("").astype(str).replace("", NO_SOURCE).to_numpy(dtype=object)
    totals = pd.Series(src[mask]).value_counts()
    sources = sorted(totals.index, key=lambda s: (-totals[s], s))
    full, undated = _columns(args, articles, mask, freq, corpus, mentions, names)  # the complete period index
    parts = []
    for rank, s in enumerate(sources):
        part, _ = _columns(args, articles, mask & (src == s), freq, corpus, mentions, names)
        part = full[["period"]].reset_index(names="_pos").merge(part, on="period", how="left")
        part.insert(2, "source", s)
        part.insert(0, "_rank", rank)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["period", "source", *full.columns[1:]]), undated
    table = pd.concat(parts, ignore_index=True).sort_values(["_pos", "_rank"]).drop(columns=["_pos", "_rank"])
    counts = [c for c in table.columns[2:]
              if c == "articles" or c.startswith("agency:") or (c.startswith("term:") and args.term_measure == "count")]
    table[counts] = table[counts].fillna(0).astype(np.int64)
    return table.reset_index(drop=True), undated


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    mask = filter_mask(articles, Filters(dedupe=not args.keep_duplicates))
    left_out = int(len(articles) - mask.sum())
    if left_out:
        _note(say("timeline.duplicates", n=left_out))
    freq = args.freq or auto_freq(articles["date"][mask])
    corpus = mentions = None
    names: dict[str, str] = {}
    if args.term:
        corpus = _term_counts(args, articles, mask)
        for t in args.term:
            if not corpus.term_vector(t)[mask].any():
                _note(say("timeline.no_term", term=t))
    if args.agency:
        backend = getattr(args, "backend", None)
        mentions = backend.mentions if backend is not None else find_mentions(articles, AgencyMatcher.default())
        known = set(mentions["agency"])
        names = resolve_names(mentions, args.agency)
        for a, canonical in names.items():
            if canonical != a:
                _note(say("timeline.agency_as", agency=a, canonical=canonical))
            elif a not in known:
                _note(say("timeline.no_agency", agency=a))
    if args.by == "source":
        table, undated = _by_source(args, articles, mask, freq, corpus, mentions, names)
    else:
        table, undated = _columns(args, articles, mask, freq, corpus, mentions, names)
    if undated["articles"]:
        extra = ", ".join(f"{k} {plain_number(v)}" for k, v in undated.items() if k != "articles")
        _note(say("timeline.undated", n=undated["articles"], extra="; " + extra if extra else ""))
    _note(say("timeline.periods", freq=freq, n=table["period"].nunique()))
    return table
