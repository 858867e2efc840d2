"""What the sidebar's filters offer for a dataset: agencies mentioned (most mentioned first), the agency
facets (level, region, type) and the query hint (issue 13), each memoised in the session.

Moved out of ``ui.sidebar`` (which still exports these names); ``ui.cache`` is called through the module.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from analysis.kwic import effective_mode, occurrences
from analysis.overview import agency_counts
from analysis.store.query_facets import facet_table
from ui import cache, large, large_agencies, session, state
from ui.i18n import t
from ui.session import AGENCY_OPTIONS_KEY, FACETS_KEY, QUERY_HINT_KEY
from ui.marks import excluded
from ui.text import md_escape

log = logging.getLogger("wenjian.ui")


def agency_options(ds: state.Dataset) -> list[str] | None:
    """Agencies mentioned in ``ds``, most mentioned first (None when the agency analysis is unavailable);
    memoised per session and dataset (it runs on every rerun of every page)."""

    stamp = (ds.digest, excluded(ds.digest))
    if (cached := session.memo(AGENCY_OPTIONS_KEY, stamp)) is not None:
        return cached
    try:
        if ds.large:  # counted by its store (ui.large)
            options = large.all_agencies(ds)["agency"].tolist()
        else:
            options = agency_counts(cache.mentions_for(ds))["agency"].tolist()
    except Exception:  # noqa: BLE001
        log.exception("agency mentions unavailable")
        return None
    session.keep_memo(AGENCY_OPTIONS_KEY, stamp, options)
    return options


LEVEL_ORDER = ("national", "provincial", "municipal", "county", "township", "foreign")
#: an agency name no mention carries: agency facets that match no agency select no article
NO_AGENCY = "\x00"


def agency_facets(ds: state.Dataset) -> pd.DataFrame | None:
    """``agency, level, region, type, mentions`` of every agency mentioned in ``ds`` (None when the agency
    analysis is unavailable); memoised per session, dataset and "not an agency" marks."""

    stamp = (ds.digest, excluded(ds.digest))
    if (cached := session.memo(FACETS_KEY, stamp)) is not None:
        return cached
    try:
        if ds.large:  # counted from its store's mentions (ui.large_agencies: the same table)
            facets = large_agencies.facets(ds)
        else:
            facets = facet_table(cache.mentions_for(ds))
    except Exception:  # noqa: BLE001
        log.exception("agency facets unavailable")
        return None
    session.keep_memo(FACETS_KEY, stamp, facets)
    return facets


def facet_agencies(facets: pd.DataFrame, levels, regions, types) -> tuple[str, ...] | None:
    """Agencies of ``facets`` with a level in ``levels``, a region in ``regions`` and a type in ``types``
    (an empty choice does not filter); None when nothing is chosen."""
    if not (levels or regions or types):
        return None
    keep = pd.Series(True, index=facets.index)
    for col, chosen in (("level", levels), ("region", regions), ("type", types)):
        if chosen:
            keep &= facets[col].isin(chosen)
    return tuple(facets.loc[keep, "agency"])


def ranked(values: pd.Series, weights: pd.Series) -> list[str]:
    """The distinct non-empty ``values``, by total ``weights`` (descending), ties by value: the order of the
    region and type choices (weights = each agency's mentions)."""
    totals = weights.groupby(values.to_numpy()).sum()
    return [v for v in sorted(totals.index, key=lambda v: (-totals[v], v)) if v]


def query_hint(ds: state.Dataset, terms: list[str]) -> str:
    """How the query's words match: the text (substring, case-insensitive), with each word's article count
    and, for comparison, its count as a whole word of the tokenizer (issue 13: a query for 改革 also finds
    改革开放; the 关键词 page counts whole words). Memoised per session on (dataset, words); "" on failure."""
    if not terms or ds.large:   # (a large dataset's texts are not in memory: no hint)
        return ""
    key = (ds.digest, tuple(terms), session.language(None))
    if (memo := session.memo(QUERY_HINT_KEY, key)) is not None:
        return memo
    try:
        texts, tk = cache.search_texts_for(ds), cache.tokenizer(*cache.keyword_settings())
        corpus = cache.corpus_for(ds)
        parts = []
        for term in terms[:5]:
            docs = sum(term in text for text in texts)
            if effective_mode(term, "token", tk) == "token":
                words = int((np.asarray(corpus.term_vector(term)) > 0).sum())
            else:
                words = int((occurrences(ds.articles, term, "token", tokenizer=tk,
                                         texts=cache.texts_for(ds)) > 0).sum())
            parts.append(t("q.term_docs", term=md_escape(term), docs=f"{docs:,}", word_docs=f"{words:,}"))
        hint = t("q.hint", parts="; ".join(parts))
    except Exception:  # noqa: BLE001 - a hint must never break the sidebar
        log.exception("query hint failed")
        hint = ""
    session.keep_memo(QUERY_HINT_KEY, key, hint)
    return hint
