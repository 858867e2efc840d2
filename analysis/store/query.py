"""The query layer: ``Filters`` → a selection, and the aggregations every page and CLI command needs, on two
backends that give identical results.

- :class:`MemoryBackend` — the article table, ``TokenizedCorpus`` and mention table in memory; a selection
  is a numpy mask (``analysis.filters.filter_mask``) and every aggregation is the function the pages call
  today (``TokenizedCorpus.top_terms``, ``agencies.agency_summary``, ``timeline.volume``).
  It is the reference.
- :class:`DuckBackend` — DuckDB SQL over the store's Parquet files; a selection is a SQL ``WHERE`` clause
  with parameters, built clause by clause in the style of datasette's ``Filters.build_where_clauses``
  (:func:`where_clauses`), never by pasting user text into SQL.

Both take the same :class:`~analysis.filters.Filters`; ``tests/test_store.py`` checks every aggregation is
equal on both over random filters (hypothesis). Final arithmetic that is not counting (TF-IDF, labels, the
complete period grid) runs in one shared numpy function on both, so floats agree to the last bit.

Query semantics (``analysis.filters.parse_query``): case-insensitive substring tests on title and body. SQL
uses DuckDB's ``lower``; it equals Python's ``str.lower`` except for the handful of characters whose
lower case is longer than one character (e.g. ``İ``) — not found in Chinese government text.

The answers that read the articles' text (a page of rows, one article, KWIC lines) are in
``analysis.store.query_rows``.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from analysis.agencies import agency_summary as summary, cooccurrence as cooc
from analysis.agency_table import is_media, media_names
from analysis.agency_counts import government_mentions
from analysis.overview import Summary, summary as ov_summary
from analysis.errors import invalid_option
from analysis.filters import parse_query
from analysis.periods import check_freq, period_codes, period_grid, sql_period_code
# the backends moved to analysis.store.backends; callers import them from here too
from analysis.store.backends import (DuckBackend, MemoryBackend, Selection, cell_condition,  # noqa: F401
                                     mentions_frame, read_text_rows, where_clauses)
from analysis.store.selection import check_selection
from analysis.timeline import volume as tl_volume

TOP_TERM_COLUMNS = ("term", "count", "documents", "tfidf")


# ------------------------------------------------------------------------------------------------ aggregations
def selection_mask(backend, sel: Selection) -> np.ndarray:
    """The selection as a boolean mask over article rows (what the pages' functions take)."""
    check_selection(backend, sel)
    if backend.kind == "memory":
        assert sel.mask is not None  # memory selections carry their mask
        return sel.mask
    rows = backend.query(f"SELECT a.row FROM articles a WHERE {sel.where}", sel.params)["row"].to_numpy()
    mask = np.zeros(backend.store.n_articles, dtype=bool)
    mask[rows] = True
    return mask


def count(backend, sel: Selection) -> int:
    """Selected articles."""
    check_selection(backend, sel)
    if backend.kind == "memory":
        assert sel.mask is not None  # memory selections carry their mask
        return int(sel.mask.sum())
    return int(backend.query(f"SELECT count(*) AS n FROM articles a WHERE {sel.where}", sel.params)["n"][0])


def tfidf_frame(terms, counts, docs, n_sel: int, n: int) -> pd.DataFrame:
    """``term, count, documents, tfidf`` ordered as ``TokenizedCorpus.top_terms`` (count, documents
    descending, then term), the first ``n``; TF-IDF = ``count × (ln((1 + N) / (1 + documents)) + 1)``.

    ``terms`` (str), ``counts`` (token occurrences) and ``docs`` (documents holding the term) are equal-length
    arrays, one entry per term; ``n_sel`` = N, the number of selected documents. At most ``n`` rows."""
    terms = np.asarray(terms, dtype=object)
    c, d = np.asarray(counts, dtype=np.int64), np.asarray(docs, dtype=np.int64)
    order = np.lexsort((terms.astype(str), -d, -c))[:n] if len(terms) else np.zeros(0, dtype=np.int64)
    c, d = c[order], d[order]
    idf = np.log((1.0 + n_sel) / (1.0 + d)) + 1.0
    return pd.DataFrame({"term": [str(t) for t in terms[order]], "count": c, "documents": d,
                         "tfidf": np.round(c * idf, 4)})


def top_terms(backend, sel: Selection, n: int = 100) -> pd.DataFrame:
    """The ``n`` most frequent terms of the selection: ``term, count, documents, tfidf`` (as the 关键词 page
    and ``python -m analysis keywords``)."""
    check_selection(backend, sel)
    if n < 0:
        raise invalid_option("n", n, "an integer ≥ 0")
    if backend.kind == "memory":
        return backend.corpus.top_terms(sel.mask, n)
    cells = backend.cells(sel)
    f = sel.filters
    if cells is None and backend.has_doc_rows:  # any other selection: its rows' entries of doc_rows
        return _top_terms_by_rows(backend, sel, n)
    if cells is not None and f.date_from is None and f.date_to is None:  # no dates: the totals
        agg = f"""SELECT c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT) AS docs
              FROM term_totals c WHERE {'NOT c.dup' if f.dedupe else 'TRUE'} GROUP BY c.term_id"""
        params = []
    elif cells is not None:  # a union of roll-up cells: sum them
        agg = f"""SELECT c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT) AS docs
              FROM term_cells c WHERE {cells[0]} GROUP BY c.term_id"""
        params = cells[1]
    else:
        agg = f"""SELECT d.term_id, sum(d.n) AS cnt, count(*) AS docs FROM doc_terms d
              WHERE d.article_id IN ({backend.sel_ids(sel)}) GROUP BY d.term_id"""
        params = list(sel.params)
    sql = f"""WITH agg AS MATERIALIZED ({agg}),
      top AS (SELECT * FROM agg WHERE cnt >= coalesce((SELECT min(cnt) FROM
              (SELECT cnt FROM agg ORDER BY cnt DESC LIMIT {int(n)})), 0) AND {int(n)} > 0)
      SELECT t.term, top.cnt, top.docs FROM top JOIN terms t USING (term_id)"""
    df = backend.query(sql, params)
    n_sel = count(backend, sel)
    return tfidf_frame(df["term"].to_numpy(dtype=object), df["cnt"], df["docs"], n_sel, n)


def _top_terms_by_rows(backend, sel: Selection, n: int) -> pd.DataFrame:
    """``top_terms`` of any selection from ``doc_rows``: the counts summed over the selected rows — or, when
    more than half the articles are selected and the store has roll-ups, the totals minus the counts of the
    rows left out (never more than half the entries are read). Same ordering and ties as
    ``TokenizedCorpus.top_terms``."""
    rows = backend.selected_rows(sel)
    total = backend.store.n_articles
    split = _month_split(sel.filters) if backend.rollups else None
    if split is not None:  # whole months from the roll-up cells, the edge months' rows from doc_rows
        inner, lo, hi = split
        cond, params = cell_condition(inner) or ("FALSE", [])
        df = backend.query(f"""SELECT c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT)
          AS docs FROM term_cells c WHERE {cond} GROUP BY c.term_id""", params)
        edge = rows[_dated_outside(backend, rows, lo, hi)]
        cnt, docs = backend.term_counts(edge)
        ids = df["term_id"].to_numpy(np.int64)
        np.add.at(cnt, ids, df["cnt"].to_numpy(np.int64))
        np.add.at(docs, ids, df["docs"].to_numpy(np.int64))
    elif backend.rollups and len(rows) > total // 2:
        left_out = np.ones(total, dtype=bool)
        left_out[rows] = False
        cnt, docs = backend.term_counts(np.flatnonzero(left_out))
        all_cnt, all_docs = backend.term_totals()
        cnt, docs = all_cnt - cnt, all_docs - docs
    else:
        cnt, docs = backend.term_counts(rows)
    nz = np.flatnonzero(cnt) if n > 0 else np.zeros(0, dtype=np.int64)
    if len(nz) > n:  # every term whose count reaches the n-th largest (ties are ordered by tfidf_frame)
        kth = np.partition(cnt[nz], len(nz) - n)[len(nz) - n]
        nz = nz[cnt[nz] >= kth]
    return tfidf_frame(backend.term_names()[nz], cnt[nz], docs[nz], len(rows), n)


def _month_split(f) -> tuple | None:
    """For a selection of dates only (with or without duplicates and undated) whose bounds fall inside
    months: ``(filters of the whole months inside, first day, last day of them)`` — the roll-up cells answer
    those, the rows of the edge months are counted apart; ``None`` when the selection has another filter or
    no whole month inside."""
    if f.sources or f.agencies or (f.query and parse_query(f.query).clauses) or cell_condition(f) is not None:
        return None
    lo = pd.Timestamp(f.date_from).normalize() if f.date_from is not None else None
    hi = pd.Timestamp(f.date_to).normalize() if f.date_to is not None else None
    if lo is not None and lo.day != 1:
        lo = lo + pd.offsets.MonthBegin(1)
    if hi is not None and not hi.is_month_end:
        hi = hi - pd.offsets.MonthEnd(1)
    if lo is not None and hi is not None and lo > hi:
        return None
    return dataclasses.replace(f, date_from=lo, date_to=hi), lo, hi


def _dated_outside(backend, rows: np.ndarray, lo, hi) -> np.ndarray:
    """Positions in ``rows`` of the articles dated before ``lo`` or after ``hi`` (``None`` = open)."""
    days = backend.row_days()[rows]
    out = np.zeros(len(rows), dtype=bool)
    dated = days != np.iinfo(np.int64).min
    if lo is not None:
        out |= dated & (days < lo.to_datetime64().astype("datetime64[D]").astype(np.int64))
    if hi is not None:
        out |= dated & (days > hi.to_datetime64().astype("datetime64[D]").astype(np.int64))
    return out


def agency_summary(backend, sel: Selection, *, aliases: bool = True) -> pd.DataFrame:
    """Per canonical agency: ``agency, mentions, documents[, aliases]`` (as ``analysis.agencies.agency_summary``)."""
    check_selection(backend, sel)

    if backend.kind == "memory":
        return summary(backend.mentions, sel.mask, aliases=aliases)
    cells = backend.cells(sel)
    if cells is None and backend.has_agency_index:  # any other selection: a mask over the agency index
        ix = backend.agency_index()
        mask = backend.row_mask(sel)
        hit = mask[ix["row"]]
        per_alias = np.bincount(ix["alias"][hit], minlength=len(ix["alias_agency"]))
        used = np.flatnonzero(per_alias)
        pairs = pd.DataFrame({"agency": ix["names"][ix["alias_agency"][used]], "surface": ix["alias_surface"][used],
                              "n": per_alias[used].astype(np.int64)})
        per_agency = np.bincount(ix["agency"][hit & ix["first"]], minlength=len(ix["names"]))
        named = np.flatnonzero(per_agency)
        docs = pd.DataFrame({"agency": ix["names"][named], "documents": per_agency[named].astype(np.int64)})
    elif cells is not None:  # a union of roll-up cells: sum them
        pairs = backend.query(f"""SELECT g.agency, p.surface, p.n FROM (SELECT c.agency_id, c.surface,
          CAST(sum(c.n) AS BIGINT) AS n FROM agency_cells c WHERE {cells[0]} GROUP BY c.agency_id, c.surface) p
          JOIN agencies g USING (agency_id)""", cells[1])
        docs = backend.query(f"""SELECT g.agency, d.documents FROM (SELECT c.agency_id, CAST(sum(c.docs) AS BIGINT)
          AS documents FROM agency_docs c WHERE {cells[0]} GROUP BY c.agency_id) d JOIN agencies g USING (agency_id)""",
                             cells[1])
    else:
        sql = f"""CREATE OR REPLACE TEMP TABLE _m AS SELECT m.agency_id, m.surface, m.article_id FROM mentions m
          WHERE m.resolved AND m.agency_id <> coalesce((SELECT agency_id FROM agencies WHERE agency = ''), -1)
          AND m.article_id IN ({backend.sel_ids(sel)})"""
        backend.con.execute(sql, list(sel.params))
        pairs = backend.query("""SELECT g.agency, p.surface, p.n FROM (SELECT agency_id, surface, count(*) AS n
          FROM _m GROUP BY agency_id, surface) p JOIN agencies g USING (agency_id)""")
        docs = backend.query("""SELECT g.agency, d.documents FROM (SELECT agency_id, count(DISTINCT article_id) AS
          documents FROM _m GROUP BY agency_id) d JOIN agencies g USING (agency_id)""")
    cols = ["agency", "mentions", "documents"] + (["aliases"] if aliases else [])
    if pairs.empty:
        return pd.DataFrame({c: [] for c in cols}).astype(
            {"mentions": "int64", "documents": "int64", "agency": "str", **({"aliases": "str"} if aliases else {})})
    out = pd.DataFrame({"mentions": pairs.groupby("agency")["n"].sum(),
                        "documents": docs.set_index("agency")["documents"]})
    if aliases:
        p = pairs.sort_values(["agency", "n", "surface"], ascending=[True, False, True], kind="stable")
        out["aliases"] = p.groupby("agency", sort=False)["surface"].agg("|".join)
    out = out.reset_index()
    out["agency"] = out["agency"].astype(str)
    out = out.sort_values(["mentions", "documents", "agency"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)[cols].astype({"mentions": "int64", "documents": "int64"})


def cooccurrence(backend, sel: Selection, *, same_sentence: bool = False) -> pd.DataFrame:
    """Pairs of agencies named in the same article (or the same sentence): ``a, b, articles`` (a < b), most
    articles first (as ``analysis.agencies.cooccurrence``, the 机构 page's network)."""
    check_selection(backend, sel)

    if backend.kind == "memory":
        return cooc(backend.mentions, sel.mask, same_sentence=same_sentence)
    # agency_id is the rank of the sorted names, so x.agency_id < y.agency_id  <=>  name a < name b
    cells = backend.cells(sel) if not same_sentence else None
    if cells is None and not same_sentence and backend.has_agency_index:  # a mask over the article pairs
        ix = backend.agency_index()
        hit = backend.row_mask(sel)[ix["pair_row"]]
        width = max(len(ix["names"]), 1)
        keys, articles = np.unique(ix["pair_a"][hit] * width + ix["pair_b"][hit], return_counts=True)
        out = pd.DataFrame({"a": ix["names"][keys // width], "b": ix["names"][keys % width],
                            "articles": articles.astype(np.int64)}).astype({"a": "str", "b": "str"})
        return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)
    if cells is not None:  # a union of roll-up cells: sum them
        out = backend.query(f"""SELECT ga.agency AS a, gb.agency AS b, CAST(sum(c.articles) AS BIGINT) AS articles
          FROM pair_cells c JOIN agencies ga ON ga.agency_id = c.a JOIN agencies gb ON gb.agency_id = c.b
          WHERE {cells[0]} GROUP BY ga.agency, gb.agency""", cells[1]).astype({"a": "str", "b": "str",
                                                                                "articles": "int64"})
        return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)
    unit = "m.article_id"
    join_text = ""
    if same_sentence:  # sentences compared by text, like the in-memory version (the same sentence twice = one)
        unit = ("m.article_id, m.field, substr(CASE m.field WHEN 'title' THEN t.title ELSE t.body END, "
                "m.sent_start + 1, m.sent_end - m.sent_start)")
        join_text = "JOIN article_text t USING (article_id)"
    sql = f"""WITH u AS MATERIALIZED (SELECT DISTINCT {unit} AS unit, m.article_id, m.agency_id FROM mentions m
        {join_text} WHERE m.resolved AND m.agency_id <> coalesce((SELECT agency_id FROM agencies WHERE agency = ''), -1)
        AND m.article_id IN ({backend.sel_ids(sel)})),
      p AS (SELECT DISTINCT x.article_id, x.agency_id AS ia, y.agency_id AS ib FROM u x JOIN u y
        ON x.unit = y.unit AND x.article_id = y.article_id AND x.agency_id < y.agency_id)
      SELECT ga.agency AS a, gb.agency AS b, count(*) AS articles FROM p
      JOIN agencies ga ON ga.agency_id = p.ia JOIN agencies gb ON gb.agency_id = p.ib GROUP BY ga.agency, gb.agency"""
    out = backend.query(sql, sel.params).astype({"a": "str", "b": "str", "articles": "int64"})
    return out.sort_values(["articles", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def volume(backend, sel: Selection, freq: str = "month") -> tuple[pd.DataFrame, int]:
    """Articles per period over the complete period grid (``period, start, end, articles``, as
    ``analysis.timeline.volume``) and the number of selected undated articles."""
    check_selection(backend, sel)
    freq = check_freq(freq)
    if backend.kind == "memory":
        tl = tl_volume(backend.articles, sel.mask, freq)
        return tl.table, int(tl.undated["articles"])
    sql = f"""SELECT {sql_period_code('a.date', freq)} AS code, count(*) AS n FROM articles a WHERE {sel.where}
      GROUP BY code"""
    df = backend.query(sql, sel.params)
    dated = df[df["code"].notna()]
    undated = int(df.loc[df["code"].isna(), "n"].sum())
    return _grid_counts(dated["code"].to_numpy(np.int64), dated["n"].to_numpy(np.int64), freq), undated


def _grid_counts(codes: np.ndarray, counts: np.ndarray, freq: str) -> pd.DataFrame:
    if not len(codes):
        grid = period_grid(0, -1, freq)
        return grid.assign(articles=np.zeros(0, dtype=np.int64))
    lo, hi = int(codes.min()), int(codes.max())
    values = np.zeros(hi - lo + 1, dtype=np.int64)
    values[codes - lo] = counts
    return period_grid(lo, hi, freq).assign(articles=values)


def sources(backend, sel: Selection) -> pd.DataFrame:
    """``source, articles`` of the selection, most articles first (ties by name; ``""`` kept as is)."""
    check_selection(backend, sel)
    if backend.kind == "memory":
        s = backend.articles.loc[sel.mask, "source"].astype(str)
        out = s.value_counts().rename_axis("source").reset_index(name="articles")
    else:
        out = backend.query(f"SELECT a.source, count(*) AS articles FROM articles a WHERE {sel.where} "
                            "GROUP BY a.source", sel.params)
    out = out.astype({"source": "str", "articles": "int64"})
    return out.sort_values(["articles", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def dated_codes(backend, sel: Selection, freq: str) -> np.ndarray:
    """Period codes of the selected dated articles (for tests and spike detection)."""
    mask = selection_mask(backend, sel)
    arts = backend.articles if backend.kind == "memory" else backend.store.articles(text=False)
    codes, dated = period_codes(arts["date"], freq)
    return codes[mask & dated]


def agency_counts(backend, sel: Selection, *, include_foreign: bool = False, include_media: bool = False,
                  aliases: bool = False) -> pd.DataFrame:
    """``agency, mentions, documents`` (``aliases`` too with ``aliases=True``: the 机构 page's table) of the
    selection without foreign government bodies and news organisations unless asked
    (``analysis.overview.agency_counts`` with the rule of
    ``analysis.agency_counts.government_mentions``: the 概览 page and the sidebar's agency list). The SQL
    backend drops those agencies from :func:`agency_summary` (level ``foreign`` and media are properties of
    the canonical name, so the other agencies' counts are unchanged)."""
    check_selection(backend, sel)
    if backend.kind == "memory":
        return summary(government_mentions(backend.mentions, include_foreign=include_foreign,
                                           include_media=include_media), sel.mask, aliases=aliases)
    out = agency_summary(backend, sel, aliases=aliases)
    drop: set[str] = set()
    if not include_foreign:
        drop |= backend.foreign_agencies()
    if not include_media:
        names = media_names()
        drop |= {a for a in out["agency"] if a and is_media(a, names)}
    return out[~out["agency"].isin(drop)].reset_index(drop=True) if drop else out



def overview_summary(backend, sel: Selection) -> Summary:
    """The 概览 page's numbers of the selection (``analysis.overview.summary``: articles, total, distinct
    non-empty sources, first and last date, undated, reposts); one SQL pass on the SQL backend."""
    check_selection(backend, sel)
    if backend.kind == "memory":
        return ov_summary(backend.articles, sel.mask)
    r = backend.query(f"""SELECT count(*) AS n, count(DISTINCT CASE WHEN a.source <> '' THEN a.source END) AS sources,
      min(a.date) AS first, max(a.date) AS last, count(*) FILTER (WHERE a.date IS NULL) AS undated,
      count(*) FILTER (WHERE a.duplicate_of IS NOT NULL) AS reposts FROM articles a WHERE {sel.where}""",
                      sel.params).iloc[0]
    return Summary(articles=int(r["n"]), total=backend.store.n_articles, sources=int(r["sources"]),
                   first=pd.Timestamp(r["first"]) if pd.notna(r["first"]) else None,
                   last=pd.Timestamp(r["last"]) if pd.notna(r["last"]) else None,
                   undated=int(r["undated"]), reposts=int(r["reposts"]))


def top_sources(backend, sel: Selection, n: int = 10) -> pd.DataFrame:
    """``source, articles`` of the ``n`` sources with most selected articles, empty sources left out
    (``analysis.overview.top_sources``)."""
    if n < 0:
        raise invalid_option("n", n, "an integer ≥ 0")
    out = sources(backend, sel)
    return out[out["source"] != ""].head(n).reset_index(drop=True)
