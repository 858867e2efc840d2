"""Global filters shared by every page and CLI command: date range, sources, a keyword query, agencies and
whether reposts count once.

``filter_mask`` is pure: it returns a boolean numpy array aligned with the article table's rows.
"""
from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, overload

import numpy as np
import pandas as pd

from analysis.errors import InvalidOption, invalid_option


@overload
def check_mask(mask: np.ndarray | None, n: int, *, default_all: Literal[True] = True) -> np.ndarray: ...


@overload
def check_mask(mask: np.ndarray | None, n: int, *, default_all: bool) -> np.ndarray | None: ...


def check_mask(mask: np.ndarray | None, n: int, *, default_all: bool = True) -> np.ndarray | None:
    """A selection over ``n`` rows as a boolean numpy array of shape ``(n,)``.

    ``None`` means every row (an all-``True`` array; ``None`` itself when ``default_all`` is False). Raises
    ``InvalidOption`` (message names ``mask``, its length and the expected length) for any other shape — a mask
    built for another table must never be applied by position."""
    if mask is None:
        return np.ones(n, dtype=bool) if default_all else None
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != (n,):
        raise invalid_option("mask", f"length {mask.shape}", f"a boolean array of length {n}")
    return mask


@dataclass(frozen=True)
class Filters:
    date_from: pd.Timestamp | None = None
    date_to: pd.Timestamp | None = None
    sources: tuple[str, ...] = ()
    query: str = ""
    agencies: tuple[str, ...] = ()
    #: True: each story once (rows marked ``duplicate_of`` are left out); False: every row counts.
    dedupe: bool = True
    #: Keep articles without a date when a date range is set (they are counted apart on the timeline).
    keep_undated: bool = False

    def is_default(self) -> bool:
        return self == Filters(dedupe=self.dedupe)


@dataclass(frozen=True)
class Query:
    """A parsed keyword query: OR of clauses, each clause an AND of (negated?, term)."""

    clauses: tuple[tuple[tuple[bool, str], ...], ...] = field(default_factory=tuple)

    @property
    def positive_terms(self) -> list[str]:
        return [t for clause in self.clauses for neg, t in clause if not neg]


def parse_query(text: str) -> Query:
    """Parse ``市场监管 标准化 OR 计量 NOT 广告`` style queries.

    Words separated by spaces must all occur (AND); ``OR`` (or ``|``) separates alternatives; ``NOT`` or a
    leading ``-`` excludes a word; ``"double quotes"`` keep a phrase with spaces together. Matching is a
    case-insensitive substring test on title and body (no segmentation, so 监管 also matches 市场监管).
    """
    text = (text or "").strip()
    if not text:
        return Query(())
    try:
        words = shlex.split(text.replace("｜", "|").replace("“", '"').replace("”", '"'))
    except ValueError as exc:
        raise InvalidOption.of("query.syntax", text=text, exc=exc) from None
    clauses: list[list[tuple[bool, str]]] = [[]]
    negate = False
    for w in words:
        if w in ("OR", "|", "或"):
            clauses.append([])
            continue
        if w in ("AND", "与", "且"):
            continue
        if w in ("NOT", "非"):
            negate = True
            continue
        neg = negate
        negate = False
        if w.startswith("-") and len(w) > 1:
            neg, w = True, w[1:]
        clauses[-1].append((neg, w.lower()))
    if negate:
        raise InvalidOption.of("query.ends_with_not", text=text)
    clean = tuple(tuple(c) for c in clauses if c)
    return Query(clean)


def search_texts(articles: pd.DataFrame) -> list[str]:
    """Lower-cased ``title + "\n" + body`` per row: what queries match against.

    Building it is the costly part (≈0.3 s for 20k articles); callers that filter the same table repeatedly
    (the UI, per content digest) build it once and pass it as ``texts``. Each term test is then a plain
    substring scan (≈10 ms per term for 20k articles).
    """
    return lowered_texts(articles["title"].tolist(), articles["body"].tolist())


def lowered_texts(titles: list[str], bodies: list[str]) -> list[str]:
    """:func:`search_texts` of the titles and bodies given as lists of strings (same length, row order)."""
    return [f"{t}\n{b}".lower() for t, b in zip(titles, bodies)]


def query_mask(articles: pd.DataFrame, query: Query | str, texts: list[str] | None = None) -> np.ndarray:
    """Rows whose title or body satisfies ``query`` (see ``parse_query``)."""
    q = parse_query(query) if isinstance(query, str) else query
    n = len(articles)
    if not q.clauses:
        return np.ones(n, dtype=bool)
    if texts is None:
        texts = search_texts(articles)
    elif len(texts) != n:
        raise ValueError("texts must be search_texts(articles) of the same table")
    return query_rows(q, n, lambda term: np.fromiter((term in s for s in texts), dtype=bool, count=n))


def query_rows(query: Query, n: int, term_rows: Callable[[str], np.ndarray]) -> np.ndarray:
    """Boolean array of length ``n``: the rows satisfying the parsed ``query`` — its clauses OR-ed, the terms
    of a clause AND-ed, ``NOT`` terms excluded. ``term_rows(term)`` gives the rows holding one term (a boolean
    array of length ``n``) and is asked once per distinct term. The one evaluation of a query: the in-memory
    filter (:func:`query_mask`) and the store's indexed search (``analysis.store.query``) differ only in
    ``term_rows``."""
    cache: dict[str, np.ndarray] = {}

    def has(term: str) -> np.ndarray:
        if term not in cache:
            cache[term] = term_rows(term)
        return cache[term]

    out = np.zeros(n, dtype=bool)
    for clause in query.clauses:
        m = np.ones(n, dtype=bool)
        for neg, term in clause:
            m &= ~has(term) if neg else has(term)
        out |= m
    return out


def filter_mask(articles: pd.DataFrame, filters: Filters, mentions: pd.DataFrame | None = None,
                texts: list[str] | None = None) -> np.ndarray:
    """Rows of ``articles`` that pass ``filters``.

    ``mentions`` (from ``analysis.agencies.find_mentions``: needs ``row`` and ``agency`` columns) is only
    required when ``filters.agencies`` is set; ``texts`` (``search_texts(articles)``) speeds up repeated queries.
    """
    n = len(articles)
    mask = np.ones(n, dtype=bool)
    if filters.dedupe and "duplicate_of" in articles:
        mask &= articles["duplicate_of"].isna().to_numpy()
    dates = articles["date"]
    if filters.date_from is not None or filters.date_to is not None:
        in_range = np.ones(n, dtype=bool)
        if filters.date_from is not None:
            in_range &= (dates >= pd.Timestamp(filters.date_from)).to_numpy()
        if filters.date_to is not None:
            in_range &= (dates <= pd.Timestamp(filters.date_to)).to_numpy()
        if filters.keep_undated:
            in_range |= dates.isna().to_numpy()
        mask &= in_range
    if filters.sources:
        mask &= articles["source"].isin(filters.sources).to_numpy()
    if filters.query:
        mask &= query_mask(articles, filters.query, texts)
    if filters.agencies:
        if mentions is None:
            raise InvalidOption.of("filters.need_mentions")
        mask &= rows_mentioning(mentions, filters.agencies, n)
    return mask


def rows_mentioning(mentions: pd.DataFrame, agencies: Sequence[str], n: int) -> np.ndarray:
    """Boolean array of length ``n`` (the article table's rows): True where the mention table
    (``analysis.agencies.MENTION_COLUMNS``; ``row`` = position in the article table) names any of
    ``agencies`` (canonical names). Rows outside ``0..n-1`` are ignored. The one home of "the articles
    mentioning this agency" (the agency filter, the 概览 drill-down; per-row counts:
    ``analysis.timeline.agency_row_counts``)."""
    rows = mentions.loc[mentions["agency"].isin(list(agencies)), "row"].to_numpy(dtype=np.int64)
    out = np.zeros(n, dtype=bool)
    out[rows[(rows >= 0) & (rows < n)]] = True
    return out


