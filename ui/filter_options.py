"""What the sidebar's filters offer for a dataset: agencies mentioned (most mentioned first), the agency
facets (level, region, type) and the query hint (issue 13), each memoised in the session.

Moved out of ``ui.sidebar`` (which still exports these names); ``ui.cache`` is called through the module.
"""
from __future__ import annotations

import logging

import numpy as np
import pandas as pd
from analysis.filters import Filters
from analysis.kwic import word_vector
from analysis.overview import agency_counts
from analysis.store.query_facets import facet_table
from ui import cache, large, large_agencies, session, state
from ui.i18n import t
from ui.session import AGENCY_OPTIONS_KEY, FACETS_KEY, QUERY_HINT_KEY
from ui.marks import excluded
from ui.text import md_escape

log = logging.getLogger("wenjian.ui")


def counted_kinds() -> tuple[bool, bool]:
    """``(include_foreign, include_media)``: whether foreign government bodies and news organisations are
    counted, as the 机构 page's two switches say (off unless switched on there: the default of every page and
    of the ``agencies`` command, ``analysis.agency_counts.government_mentions``). The sidebar runs before the
    page, so a switch flipped on the 机构 page reaches the filter's choices in the same run."""
    return (bool(session.widget_value(session.AG_FOREIGN, False)),
            bool(session.widget_value(session.AG_MEDIA, False)))


def agency_options(ds: state.Dataset, chosen: list[str] | tuple[str, ...] = ()) -> list[str] | None:
    """Agencies the pages count in ``ds``, most mentioned first (None when the agency analysis is
    unavailable): foreign government bodies (英国国家统计局) and news organisations left out unless the 机构
    page's switches count them (:func:`counted_kinds`, the rule of ``government_mentions`` — tester-s15 F1:
    the filter offered bodies no page ranks). Names already ``chosen`` that are not offered (a switch turned
    off after choosing one) are kept at the end, so the choice is not lost unseen. Memoised per session,
    dataset, marks and switches (it runs on every rerun of every page)."""

    foreign, media = counted_kinds()
    stamp = (ds.digest, excluded(ds.digest), foreign, media)
    options = session.memo(AGENCY_OPTIONS_KEY, stamp)
    if options is None:
        try:
            if ds.large:  # counted by its store (ui.large)
                options = large.all_agencies(ds, include_foreign=foreign, include_media=media)["agency"].tolist()
            else:
                options = agency_counts(cache.mentions_for(ds), include_foreign=foreign,
                                        include_media=media)["agency"].tolist()
        except Exception:  # noqa: BLE001
            log.exception("agency mentions unavailable")
            return None
        session.keep_memo(AGENCY_OPTIONS_KEY, stamp, options)
    offered = set(options)
    extra = [a for a in chosen if a not in offered]
    return options + extra if extra else options


LEVEL_ORDER = ("national", "provincial", "municipal", "county", "township", "foreign")
#: an agency name no mention carries: agency facets that match no agency select no article
NO_AGENCY = "\x00"


def agency_facets(ds: state.Dataset, offered: list[str] | None = None) -> pd.DataFrame | None:
    """``agency, level, region, type, mentions`` of every agency mentioned in ``ds`` (None when the agency
    analysis is unavailable), only those in ``offered`` when given (the agency filter's choices,
    :func:`agency_options`: no level 外国 nor type 媒体 unless the 机构 page counts them); memoised per
    session, dataset and "not an agency" marks."""

    stamp = (ds.digest, excluded(ds.digest))
    if (cached := session.memo(FACETS_KEY, stamp)) is not None:
        return _offered(cached, offered)
    try:
        if ds.large:  # counted from its store's mentions (ui.large_agencies: the same table)
            facets = large_agencies.facets(ds)
        else:
            facets = facet_table(cache.mentions_for(ds))
    except Exception:  # noqa: BLE001
        log.exception("agency facets unavailable")
        return None
    session.keep_memo(FACETS_KEY, stamp, facets)
    return _offered(facets, offered)


def _offered(facets: pd.DataFrame, offered: list[str] | None) -> pd.DataFrame:
    """The rows of ``facets`` whose agency is in ``offered`` (all when None)."""
    if offered is None:
        return facets
    return facets[facets["agency"].isin(set(offered))].reset_index(drop=True)


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


def query_hint(ds: state.Dataset, terms: list[str], within: Filters | None = None) -> str:
    """How the query's words match: the text (substring, case-insensitive), with each word's article count
    and, for comparison, its count as a whole word of the tokenizer (issue 13: a query for 改革 also finds
    改革开放; the 关键词 page counts whole words). The counts are over the articles the other filters keep
    (``within``: the sidebar's filters without the query — dates, sources, agencies, reposts counted once;
    tester-s15 F2: the hint counted the whole dataset next to the filtered count), and the hint then says
    over how many articles. A large dataset's texts are not in memory: the hint says it is not counted there
    (``q.large``). Memoised per session on (dataset, words, other filters, marks, language); "" on failure."""
    if not terms:
        return ""
    if ds.large:
        return t("q.large")
    within = within or Filters(dedupe=False)
    key = (ds.digest, tuple(terms), session.language(None), within, excluded(ds.digest))
    if (memo := session.memo(QUERY_HINT_KEY, key)) is not None:
        return memo
    try:
        mask = state.mask_for(ds, within)
        rows = np.flatnonzero(mask)
        texts, tk = cache.search_texts_for(ds), cache.tokenizer(*cache.keyword_settings())
        corpus = cache.corpus_for(ds)
        parts = []
        for term in terms[:5]:
            docs = sum(term in texts[i] for i in rows)
            # whole words: the term table's column, or the token stream for a stopword or split phrase (kwfix)
            words = int(((word_vector(ds.articles, term, corpus, tk, texts=cache.texts_for(ds)) > 0) & mask).sum())
            parts.append(t("q.term_docs", term=md_escape(term), docs=f"{docs:,}", word_docs=f"{words:,}"))
        hint = t("q.hint", parts="; ".join(parts))
        if len(rows) < len(mask):   # the other filters narrow the set: say which set is counted
            hint += t("q.within", n=f"{len(rows):,}")
    except Exception:  # noqa: BLE001 - a hint must never break the sidebar
        log.exception("query hint failed")
        hint = ""
    session.keep_memo(QUERY_HINT_KEY, key, hint)
    return hint
