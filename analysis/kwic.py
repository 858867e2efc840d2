"""KWIC concordance: every occurrence of a term with its left and right context, linked to its article.

Three ways to decide what an occurrence is (``mode``):

- ``token`` — whole words of the project tokenizer. A term the tokenizer keeps as one token (改革) matches
  only that token (synonyms included), so the rows equal the term's ``count`` in ``analysis.keywords``; 改革
  inside 改革开放 is *not* an occurrence. A phrase the tokenizer splits (数字人民币 → 数字 | 人民币) matches
  every place where the text has it starting and ending on token boundaries (a *token sequence*), so it is
  found although it is never one token. :func:`effective_mode` says which of the two applied.
- ``substring`` — every place the text has the characters (what a text editor's search finds): 改革 also
  inside 改革开放 and 深化改革. Non-overlapping, left to right, case-sensitive.
- ``regex`` — Python regular expression (``re`` syntax), every non-empty non-overlapping match.

The text searched is ``title + "\\n" + body`` (:func:`article_texts`). :func:`match_counts` gives the
whole-word and the substring count of a term side by side, so a page can say how many occurrences a mode
leaves out; :class:`MatchedCorpus` lets ``analysis.timeline.term_series`` count terms in any mode.

A word the term table leaves out — a stopword (the project's or the user's), a single character, a number —
is still a whole word of the text: asked for by name, its whole-word count comes from the token stream
(:func:`word_vector`), never from the term table, where it counts 0 (tester s16 K1: CCTV 中国 as a user
stopword, 26,692 whole words, had been shown as 0). :func:`left_out_reason` says why a term is not in the table.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

import numpy as np
import pandas as pd

from analysis.errors import InvalidOption, invalid_option
from analysis.filters import check_mask
from analysis.tokenizer import WenjianTokenizer

#: The CLI's output columns (a contract: ``python -m analysis kwic``).
KWIC_COLUMNS = ("id", "file", "left", "term", "right")


class Hit(NamedTuple):
    """One occurrence found by :func:`kwic`: the :data:`KWIC_COLUMNS` of the row, then where it stands — the
    article's ``row`` in the table and the match's ``position`` (character offset) in its text, which order
    the concordance and are left out of its columns."""

    id: int
    file: str
    left: str
    term: str
    right: str
    row: int
    position: int
#: Article fields a row can carry besides (``details=True``): title, date, source and the link.
DETAIL_COLUMNS = ("title", "date", "source", "url")
SORTS = ("position", "left", "right", "date")
MODES = ("token", "substring", "regex")
Mode = Literal["token", "substring", "regex"]


def article_texts(articles: pd.DataFrame) -> list[str]:
    """``title + "\\n" + body`` of every row (missing as ``""``): the text every mode searches. A page that
    searches the same table repeatedly builds it once and passes it as ``texts``."""
    return (articles["title"].fillna("").astype(str) + "\n" + articles["body"].fillna("").astype(str)).tolist()


def check_mode(mode: str) -> str:
    if mode not in MODES:
        raise invalid_option("mode", mode, MODES)
    return mode


def compile_regex(pattern: str) -> re.Pattern:
    """``pattern`` compiled, or :class:`InvalidOption` saying what is wrong with it."""
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise InvalidOption.of("kwic.bad_regex", pattern=pattern, exc=exc) from None
    return rx


def pieces(term: str, tokenizer: WenjianTokenizer) -> list[str]:
    """The tokens the tokenizer cuts ``term`` into (``["数字", "人民币"]``); one piece = a whole word."""
    term = tokenizer.canonical(term)
    return tokenizer.cut(term) or [term]


def effective_mode(term: str, mode: str, tokenizer: WenjianTokenizer | None) -> str:
    """What ``mode`` means for ``term``: ``token`` (one word), ``sequence`` (a phrase the tokenizer splits,
    matched as consecutive tokens), ``substring`` or ``regex``."""
    check_mode(mode)
    if mode != "token":
        return mode
    if tokenizer is None:
        raise invalid_option("tokenizer", None, "a WenjianTokenizer for the token mode")
    return "token" if len(pieces(term, tokenizer)) == 1 else "sequence"


def left_out_reason(term: str, tokenizer: WenjianTokenizer) -> str | None:
    """Why the term table (``analysis.keywords``: rankings, TF-IDF, ``TokenizedCorpus.term_vector``) has no
    column for the one-word ``term``: ``"stopword"`` (a project or user stopword, after synonyms), ``"filtered"``
    (shorter than ``min_length``, a number or punctuation — ``WenjianTokenizer.term_of``), ``None`` when it is a
    term of the table (or a phrase the tokenizer splits, which is never one column anyway)."""
    term = term.strip()
    if not term or len(pieces(term, tokenizer)) != 1 or tokenizer.term_of(term) is not None:
        return None
    return "stopword" if tokenizer.canonical(term) in tokenizer.stopwords or term in tokenizer.stopwords else "filtered"


def word_vector(articles: pd.DataFrame, term: str, corpus: Any, tokenizer: WenjianTokenizer, *,
                texts: Sequence[str] | None = None) -> np.ndarray:
    """Whole-word occurrences of ``term`` per row of ``articles`` (int64): the column of the term table
    (``corpus.term_vector``, no re-cutting) for a term the table keeps, else the token stream
    (:func:`occurrences` in ``token`` mode) — a stopword, single character or number (:func:`left_out_reason`)
    and a phrase the tokenizer splits (its token sequence). Equals ``occurrences(articles, term, "token", ...)``
    for every term; ``corpus`` rows align with ``articles``."""
    if effective_mode(term, "token", tokenizer) == "token" and left_out_reason(term, tokenizer) is None:
        return np.asarray(corpus.term_vector(term), dtype=np.int64).ravel()
    return occurrences(articles, term, "token", tokenizer=tokenizer, texts=texts)


def _variants(term: str, tokenizer: WenjianTokenizer) -> list[str]:
    """The raw strings a whole-word match can have: the term, its canonical form and the canonical's synonyms."""
    target = tokenizer.canonical(term)
    out = dict.fromkeys([term, target] + [v for v, c in tokenizer.synonyms.items() if c == target])
    return [v for v in out if v]


def _substring_spans(text: str, term: str) -> list[tuple[int, int]]:
    out, start = [], text.find(term)
    while start >= 0:
        out.append((start, start + len(term)))
        start = text.find(term, start + len(term))
    return out


def _regex_spans(text: str, rx: re.Pattern) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text) if m.end() > m.start()]


def _token_spans(text: str, term: str, tokenizer: WenjianTokenizer, split: bool) -> list[tuple[int, int]]:
    toks = tokenizer.cut(text)   # tokens concatenate back to the text, so offsets add up
    out, pos = [], 0
    if not split:
        target = tokenizer.canonical(term)
        for tok in toks:
            if (tok == term or tok == target or tokenizer.synonyms.get(tok) == target
                    or tokenizer.term_of(tok) == target):
                out.append((pos, pos + len(tok)))
            pos += len(tok)
        return out
    bounds = {0}
    for tok in toks:
        pos += len(tok)
        bounds.add(pos)
    phrase = tokenizer.canonical(term)
    return [(a, b) for a, b in _substring_spans(text, phrase) if a in bounds and b in bounds]


class _Matcher:
    """Finds the spans of one term in one text, in one mode; ``candidate`` is a cheap pre-test."""

    def __init__(self, term: str, mode: str, tokenizer: WenjianTokenizer | None) -> None:
        self.mode = effective_mode(term, mode, tokenizer)
        self.term, self.tokenizer = term, tokenizer
        if self.mode == "regex":
            self.rx = compile_regex(term)
        if self.mode in ("token", "sequence"):
            assert tokenizer is not None  # effective_mode raised InvalidOption otherwise
            self.needles = _variants(term, tokenizer) if self.mode == "token" else [tokenizer.canonical(term)]
        else:
            self.needles = [term]

    def candidate(self, text: str) -> bool:
        if self.mode == "regex":
            return True
        return any(n in text for n in self.needles)

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.mode == "substring":
            return _substring_spans(text, self.term)
        if self.mode == "regex":
            return _regex_spans(text, self.rx)
        assert self.tokenizer is not None  # token and sequence modes have one (see __init__)
        return _token_spans(text, self.term, self.tokenizer, split=self.mode == "sequence")

    def count(self, text: str) -> int:
        if self.mode == "substring":
            return text.count(self.term)
        if not self.candidate(text):
            return 0
        return len(self.spans(text))


def _check(articles: pd.DataFrame, term: str, mask: np.ndarray | None, texts: Sequence[str] | None
           ) -> tuple[str, np.ndarray, Sequence[str]]:
    term = (term or "").strip()
    if not term:
        raise invalid_option("term", term, "a non-empty word")
    n = len(articles)
    mask = check_mask(mask, n)
    if texts is None:
        texts = article_texts(articles)
    elif len(texts) != n:
        raise invalid_option("texts", f"{len(texts)} texts", f"article_texts(articles): {n}")
    return term, mask, texts


def occurrences(articles: pd.DataFrame, term: str, mode: str = "substring", *,
                tokenizer: WenjianTokenizer | None = None, mask: np.ndarray | None = None,
                texts: Sequence[str] | None = None) -> np.ndarray:
    """Occurrences of ``term`` per row of ``articles`` (int64, length ``len(articles)``; 0 outside ``mask``),
    counted in ``mode`` exactly as :func:`kwic` finds its rows (``kwic(...)`` has ``occurrences(...).sum()``
    rows). Raises :class:`InvalidOption` for an empty term, a bad mode/mask or an invalid regex."""
    term, mask, texts = _check(articles, term, mask, texts)
    matcher = _Matcher(term, mode, tokenizer)
    out = np.zeros(len(articles), dtype=np.int64)
    for k in np.flatnonzero(mask).tolist():
        out[k] = matcher.count(texts[k])
    return out


def match_counts(articles: pd.DataFrame, term: str, *, tokenizer: WenjianTokenizer,
                 mask: np.ndarray | None = None, texts: Sequence[str] | None = None,
                 token_vector: np.ndarray | None = None) -> dict[str, Any]:
    """The term's occurrences as whole words and as substrings in the selected rows, side by side:
    ``{"term", "word_mode": "token"|"sequence", "pieces": [...], "left_out": None|"stopword"|"filtered",
    "token": n, "token_docs": d, "substring": n, "substring_docs": d}``. ``token_vector``
    (``TokenizedCorpus.term_vector(term)``) saves re-cutting the texts when the term is one word of the term
    table; it is not used for a term the table leaves out (``left_out``, see :func:`left_out_reason`: the
    table has 0 for it), whose whole words are counted from the token stream. The substring count is ≥ the
    token count for a term without synonyms (a whole word is also a substring)."""
    term, mask, texts = _check(articles, term, mask, texts)
    word_mode = effective_mode(term, "token", tokenizer)
    sub = occurrences(articles, term, "substring", mask=mask, texts=texts)
    left_out = left_out_reason(term, tokenizer)
    if word_mode == "token" and token_vector is not None and left_out is None:
        tok = np.where(mask, np.asarray(token_vector, dtype=np.int64).ravel(), 0)
    else:
        tok = occurrences(articles, term, "token", tokenizer=tokenizer, mask=mask, texts=texts)
    return {"term": term, "word_mode": word_mode, "pieces": pieces(term, tokenizer), "left_out": left_out,
            "token": int(tok.sum()), "token_docs": int((tok > 0).sum()),
            "substring": int(sub.sum()), "substring_docs": int((sub > 0).sum())}


def containing_words(term: str, texts: Sequence[str], tokenizer: WenjianTokenizer, mask: np.ndarray | None = None,
                     *, n: int = 3, scan: int = 300) -> list[str]:
    """Up to ``n`` longer words that contain ``term`` (改革开放, 深化改革 for 改革), most frequent first, from the
    first ``scan`` substring occurrences: what the whole-word count leaves out, for a page to name. Each
    occurrence is judged by cutting a window of 8 characters around it (an example, not a count)."""
    term = term.strip()
    found: dict[str, int] = {}
    seen = 0
    rows = range(len(texts)) if mask is None else np.flatnonzero(np.asarray(mask, dtype=bool)).tolist()
    for k in rows:
        text = texts[k]
        if term not in text:
            continue
        for a, b in _substring_spans(text, term):
            lo = max(0, a - 8)
            pos = lo
            for tok in tokenizer.cut(text[lo:b + 8]):
                if pos <= a and pos + len(tok) >= b and tok != term and tokenizer.term_of(tok):
                    found[tok] = found.get(tok, 0) + 1
                pos += len(tok)
            seen += 1
            if seen >= scan:
                break
        if seen >= scan:
            break
    return sorted(found, key=lambda w: (-found[w], w))[:n]


def _flat(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def kwic(articles: pd.DataFrame, term: str, width: int = 20, mask: np.ndarray | None = None, *,
         tokenizer: WenjianTokenizer | None = None, sort: str = "position",
         limit: int | None = None, mode: str | None = None, details: bool = False,
         texts: Sequence[str] | None = None) -> pd.DataFrame:
    """Every occurrence of ``term`` in ``title + "\\n" + body`` of the (masked) articles.

    Returns ``id, file, left, term, right`` (with ``details``: ``id, title, date, source, file, left, term,
    right, url``): ``left``/``right`` are up to ``width`` characters either side (line breaks shown as
    spaces), ``term`` the text as written (the match, in regex mode). ``mode``: see the module docstring;
    ``None`` keeps the old rule — ``token`` when a ``tokenizer`` is given, else ``substring``. The token mode
    needs ``tokenizer``. ``sort``: ``position`` (article order, then offset), ``right`` (by right context),
    ``left`` (by the left context read right to left, the concordance convention), ``date`` (oldest first,
    undated last, then position). ``limit`` caps the rows; ``texts``: :func:`article_texts` of ``articles``.
    Errors: :class:`InvalidOption` for an empty term, a negative width, an unknown sort or mode, a mask of
    the wrong length, an invalid regex, or the token mode without a tokenizer.
    """
    if width < 0:
        raise invalid_option("width", width, "an integer ≥ 0")
    if sort not in SORTS:
        raise invalid_option("sort", sort, SORTS)
    if mode is None:
        mode = "token" if tokenizer is not None else "substring"
    term, mask, texts = _check(articles, term, mask, texts)
    matcher = _Matcher(term, check_mode(mode), tokenizer)
    ids = articles["id"].to_numpy()
    files = articles["file"].fillna("").astype(str).to_numpy() if "file" in articles else [""] * len(articles)
    rows: list[Hit] = []
    for k in np.flatnonzero(mask).tolist():
        t = texts[k]
        if not matcher.candidate(t):
            continue
        for a, b in matcher.spans(t):
            rows.append(Hit(int(ids[k]), files[k], _flat(t[max(0, a - width):a]), t[a:b], _flat(t[b:b + width]), k, a))
            if limit is not None and len(rows) >= limit:
                break
        if limit is not None and len(rows) >= limit:
            break
    out = pd.DataFrame(rows, columns=list(Hit._fields))
    columns = list(KWIC_COLUMNS)
    if details or sort == "date":
        rows_at = out["row"].to_numpy(dtype=np.int64)
        for col in DETAIL_COLUMNS:
            if col == "date":
                values = articles["date"].to_numpy()[rows_at] if "date" in articles else \
                    np.full(len(out), np.datetime64("NaT"), dtype="datetime64[ns]")
                out[col] = pd.to_datetime(pd.Series(values, index=out.index))
            else:
                src = articles[col].fillna("").astype(str).to_numpy() if col in articles else np.full(len(articles), "")
                out[col] = src[rows_at] if len(out) else pd.Series([], dtype=object)
        if details:
            columns = ["id", "title", "date", "source", "file", "left", "term", "right", "url"]
    if sort == "right":
        out = out.sort_values(["right", "row", "position"], kind="stable")
    elif sort == "left":
        out = out.assign(reversed_left=out["left"].str[::-1]).sort_values(["reversed_left", "row", "position"],
                                                                          kind="stable")
    elif sort == "date":
        out = out.sort_values(["date", "row", "position"], kind="stable", na_position="last")
    out = out[columns].reset_index(drop=True)
    return out.astype({"id": "int64"})


@dataclass
class MatchedCorpus:
    """A stand-in for a ``TokenizedCorpus`` whose ``term_vector(term)`` counts ``term`` in ``mode`` (see
    :func:`occurrences`), so ``analysis.timeline.term_series(articles, MatchedCorpus(...), terms, ...)``
    charts phrases the tokenizer splits (科技创新) or substrings. In ``token`` mode a term comes from
    :func:`word_vector` (a one-word term of the term table from ``corpus``, no re-cutting; a stopword from the
    token stream); ``doc_lengths`` (per-1,000-token measure) is ``corpus``'s (kept terms: a stopword's own
    occurrences are not in it)."""

    articles: pd.DataFrame
    corpus: Any
    tokenizer: WenjianTokenizer
    mode: str = "token"
    texts: Sequence[str] | None = None

    def __post_init__(self) -> None:
        check_mode(self.mode)
        if self.texts is None:
            self.texts = article_texts(self.articles)

    @property
    def doc_lengths(self) -> np.ndarray:
        return self.corpus.doc_lengths

    def term_vector(self, term: str) -> np.ndarray:
        if self.mode == "token":
            return word_vector(self.articles, term, self.corpus, self.tokenizer, texts=self.texts)
        return occurrences(self.articles, term, self.mode, tokenizer=self.tokenizer, texts=self.texts)
