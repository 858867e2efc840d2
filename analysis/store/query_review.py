"""The 机构 page's review list (待审) of a selection, on both query backends: candidate agency names the table
does not know yet, found in the texts of the first selected articles (``analysis.agency_discovery.
discover_candidates``, the in-memory page's own function, scans the first ``limit`` = 500 articles of the
selection in dataset order: the page says so, ``ag.candidates``).

On a :class:`MemoryBackend` it is the page's computation on the backend's articles and mentions. On a
:class:`DuckBackend` the first ``limit`` selected rows are found in SQL (``ORDER BY row LIMIT``), their titles
and bodies read from the ``article_text`` row groups holding them (``read_text_rows``) and their mentions from
``mentions`` — then the same function runs on those articles alone: the same list, however large the dataset
(``tests/test_query_review.py`` checks both backends and the page function give identical frames).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.agency_counts import government_mentions
from analysis.agency_discovery import discover_candidates
from analysis.errors import invalid_option
from analysis.store.backends import Selection, read_text_rows
from analysis.store.selection import check_selection

#: Articles the review list scans (the first ones of the selection, in dataset order), as the page's caption says.
REVIEW_ARTICLES = 500

#: The mention columns the review needs (positions to leave out, and what the page's options filter on).
_COLUMNS = ("row", "agency", "surface", "field", "start", "end", "resolved", "level", "region", "kind", "parent")


def first_rows(backend, sel: Selection, limit: int) -> np.ndarray:
    """The first ``limit`` selected dataset rows in dataset order (int64, ascending)."""
    check_selection(backend, sel)
    if backend.kind == "memory":
        return np.flatnonzero(np.asarray(sel.mask))[:limit].astype(np.int64)
    got = backend.query(f"SELECT a.row FROM articles a WHERE {sel.where} ORDER BY a.row LIMIT {int(limit)}",
                        sel.params)
    return got["row"].to_numpy(np.int64)


def _duck_articles(backend, rows: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``title, body`` of dataset ``rows`` (one frame row each, in order) and their mentions with ``row`` =
    position in ``rows`` (text columns as ``mentions_frame`` types them)."""
    titles: list = [""] * len(rows)
    bodies: list = [""] * len(rows)
    for idx, ts, bs in read_text_rows(backend.store, rows):
        for k, pos in enumerate(idx.tolist()):
            titles[pos], bodies[pos] = ts[k], (bs or [""] * len(ts))[k]
    arts = pd.DataFrame({"title": titles, "body": bodies}, dtype=object)
    name = f"_review_rows_{id(rows)}"
    backend.con.register(name, pa.table({"row": rows}))
    try:
        m = backend.query(f"""SELECT a.row, g.agency, m.surface, m.field, m.start, m."end", m.resolved, m.level,
          m.region, m.kind, m.parent FROM mentions m JOIN agencies g USING (agency_id)
          JOIN articles a USING (article_id) WHERE a.row IN (SELECT row FROM {name})""")
    finally:
        backend.con.unregister(name)
    m["row"] = np.searchsorted(rows, m["row"].to_numpy(np.int64))
    text = ("agency", "surface", "field", "level", "region", "kind", "parent")
    m = m.astype({"row": "int64", "start": "int64", "end": "int64", "resolved": "bool", **{c: "str" for c in text}})
    return arts, m[list(_COLUMNS)]


def review_candidates(backend, sel: Selection, *, include_foreign: bool = False, include_media: bool = False,
                      exclude=frozenset(), rejected=frozenset(), limit: int = REVIEW_ARTICLES,
                      use_jieba: bool = False, matcher=None) -> pd.DataFrame:
    """``candidate, mentions, documents, example`` of the first ``limit`` selected articles (dataset order),
    most documents first — ``analysis.agency_discovery.discover_candidates`` of the 机构 page: the page's
    mentions (without the names marked "not an agency", ``exclude``, then ``government_mentions`` with the
    page's options: a span a kept mention covers is no candidate), ``rejected`` names (the review decisions)
    left out, jieba's ``nt`` words too with ``use_jieba``. The successor roll-up changes no span: it does not
    change the list. Raises ``InvalidOption`` for a ``limit`` below 0 or a selection of another backend."""
    if limit < 0:
        raise invalid_option("limit", limit, "an integer ≥ 0")
    check_selection(backend, sel)
    if backend.kind == "memory":
        arts, m, mask = backend.articles, backend.mentions, sel.mask
    else:
        rows = first_rows(backend, sel, limit)
        (arts, m), mask = _duck_articles(backend, rows), None
    if exclude:
        m = m[~m["agency"].isin(list(exclude))]
    m = government_mentions(m, include_foreign=include_foreign, include_media=include_media)
    return discover_candidates(arts, m, matcher, rejected=set(rejected), limit=limit, use_jieba=use_jieba, mask=mask)
