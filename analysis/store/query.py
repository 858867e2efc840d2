"""The query layer: ``Filters`` → a selection, and the aggregations every page and CLI command needs, on two
backends that give identical results.

- :class:`MemoryBackend` — the article table, ``TokenizedCorpus`` and mention table in memory; a selection
  is a numpy mask (``analysis.filters.filter_mask``) and every aggregation is the function the pages call
  today (``TokenizedCorpus.top_terms``, ``agencies.agency_summary``, ``timeline.volume``, ``kwic.kwic``).
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
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.agencies import MENTION_COLUMNS, agency_summary as summary, cooccurrence as cooc
from analysis.errors import LoadError, invalid_option
from analysis.filters import Filters, filter_mask, parse_query, query_rows, search_texts
from analysis.keywords import TokenizedCorpus
from analysis.kwic import kwic as kwic_rows
from analysis.periods import check_freq, period_codes, sql_period_code
from analysis.store.build import ROLLUPS
from analysis.store.store import TABLES, Store
from analysis.timeline import period_grid, volume as tl_volume

TOP_TERM_COLUMNS = ("term", "count", "documents", "tfidf")


# ------------------------------------------------------------------------------------------------ selection
@dataclass(frozen=True)
class Selection:
    """The articles a ``Filters`` selects: ``mask`` (memory backend) or ``where`` + ``params`` (SQL over
    the ``articles`` view, alias ``a``)."""

    filters: Filters
    mask: np.ndarray | None = None
    where: str = "TRUE"
    params: tuple = field(default_factory=tuple)
    #: Arrow tables the ``where`` refers to by name (registered on the backend's connection while this lives).
    tables: tuple = field(default_factory=tuple, compare=False, repr=False)


def _uncased(term: str) -> bool:
    """True when lower-casing the text cannot change whether ``term`` occurs in it: no character of ``term``
    has case (Chinese, digits, punctuation) and none is U+0307, the only uncased character a lower-case
    mapping produces (İ → i̇). Then the SQL skips ``lower()`` on the text (half the cost of a query)."""
    return all(ch.lower() == ch == ch.upper() and ch != "\u0307" for ch in term)


def where_clauses(filters: Filters, *, query_rows: str | None = None) -> tuple[list[str], list]:
    """SQL conditions (ANDed) and their ``?`` parameters for ``filters`` over ``articles a`` — one
    clause per filter, like datasette's ``Filters.build_where_clauses``. Raises ``InvalidOption`` for a bad
    query (``analysis.filters.parse_query``). ``query_rows``: the name of a table of the rows the query
    matches (computed with the bigram index, :meth:`DuckBackend.select`), used instead of scanning the text."""
    clauses: list[str] = []
    params: list = []
    if filters.dedupe:
        clauses.append("a.duplicate_of IS NULL")
    if filters.date_from is not None or filters.date_to is not None:
        rng = []
        if filters.date_from is not None:
            rng.append("a.date >= CAST(? AS DATE)")
            params.append(pd.Timestamp(filters.date_from).date().isoformat())
        if filters.date_to is not None:
            rng.append("a.date <= CAST(? AS DATE)")
            params.append(pd.Timestamp(filters.date_to).date().isoformat())
        cond = " AND ".join(rng)
        clauses.append(f"(({cond}) OR a.date IS NULL)" if filters.keep_undated else f"({cond})")
    if filters.sources:
        clauses.append(f"a.source IN ({', '.join('?' for _ in filters.sources)})")
        params.extend(filters.sources)
    if filters.query:
        q = parse_query(filters.query)
        if q.clauses and query_rows is not None:
            clauses.append(f"a.row IN (SELECT row FROM {query_rows})")
        elif q.clauses:
            ors = []
            for clause in q.clauses:
                ands = []
                for neg, term in clause:
                    title, body = ("t.title", "t.body") if _uncased(term) else ("lower(t.title)", "lower(t.body)")
                    ands.append(f"{'NOT ' if neg else ''}(contains({title}, ?) OR contains({body}, ?))")
                    params.extend([term, term])
                ors.append("(" + " AND ".join(ands) + ")")
            clauses.append("a.article_id IN (SELECT t.article_id FROM article_text t WHERE "
                           + " OR ".join(ors) + ")")
    if filters.agencies:
        marks = ", ".join("?" for _ in filters.agencies)
        clauses.append("a.article_id IN (SELECT m.article_id FROM mentions m JOIN agencies g USING (agency_id) "
                       f"WHERE g.agency IN ({marks}))")
        params.extend(filters.agencies)
    return clauses, params


def cell_condition(filters: Filters) -> tuple[str, list] | None:
    """The roll-up cells (``analysis.store.build``: alias ``c``, columns ``month``, ``dup``) whose union is
    the selection of ``filters`` — SQL condition and parameters — or ``None`` when the selection is not a
    union of cells: a source, query or agency filter, or a date bound inside a month (``date_from`` not the
    1st, ``date_to`` not the last day of its month)."""
    if filters.sources or filters.agencies or (filters.query and parse_query(filters.query).clauses):
        return None
    conds: list[str] = ["NOT c.dup"] if filters.dedupe else []
    params: list = []
    lo = pd.Timestamp(filters.date_from).normalize() if filters.date_from is not None else None
    hi = pd.Timestamp(filters.date_to).normalize() if filters.date_to is not None else None
    if lo is not None or hi is not None:
        if (lo is not None and lo.day != 1) or (hi is not None and not hi.is_month_end):
            return None
        rng = []
        for bound, op in ((lo, ">="), (hi, "<=")):
            if bound is not None:
                rng.append(f"c.month {op} ?")
                params.append((bound.year - 1970) * 12 + bound.month - 1)
        cond = " AND ".join(rng)
        conds.append(f"(({cond}) OR c.month IS NULL)" if filters.keep_undated else f"({cond})")
    return " AND ".join(conds) or "TRUE", params


# ------------------------------------------------------------------------------------------------ backends
class MemoryBackend:
    """Articles, tokenized corpus and mentions in memory (row ``i`` of each = article row ``i``)."""

    kind = "memory"

    def __init__(self, articles: pd.DataFrame, corpus, mentions: pd.DataFrame) -> None:
        self.articles, self.corpus, self.mentions = articles, corpus, mentions
        self._texts: list[str] | None = None

    @classmethod
    def from_store(cls, store: Store) -> "MemoryBackend":
        """Rebuild the in-memory objects the pages use from a store (equal to building them from the
        article table: ``tests/test_store.py``)."""
        import scipy.sparse as sp


        arts = store.articles()
        pos = pd.Series(np.arange(len(arts)), index=arts["article_id"].to_numpy())
        vocab = store.read("terms")["term"].to_pylist()
        dt = store.read("doc_terms")
        rows = pos.reindex(dt["article_id"].to_numpy()).to_numpy()
        dtm = sp.csr_matrix((dt["n"].to_numpy().astype(np.int32), (rows, dt["term_id"].to_numpy())),
                            shape=(len(arts), len(vocab)))
        sequence = offsets = None
        if store.has("term_seq"):  # (stores of the first format lack it: no phrases from them)
            ts = store.read("term_seq")
            if not np.array_equal(ts["article_id"].to_numpy(), arts["article_id"].to_numpy()):
                raise LoadError(f"数据存储的表不一致: {store.path};请重新导入 / the store's tables disagree; "
                                "ingest again")
            seq = ts["terms"].combine_chunks()
            offsets = seq.offsets.to_numpy().astype(np.int64)
            sequence, offsets = seq.flatten().to_numpy().astype(np.int32), offsets - offsets[0]
        corpus = TokenizedCorpus(vocab=vocab, index={t: i for i, t in enumerate(vocab)}, dtm=dtm,
                                 doc_lengths=arts["n_tokens"].to_numpy(np.int64), synonyms=store.synonyms,
                                 sequence=sequence, offsets=offsets, tokenizer_version=store.meta.get("tokenizer", ""))
        return cls(arts.drop(columns=["n_tokens"]), corpus, mentions_frame(store, arts, pos))

    def texts(self) -> list[str]:
        if self._texts is None:

            self._texts = search_texts(self.articles)
        return self._texts

    def select(self, filters: Filters) -> Selection:
        return Selection(filters, mask=filter_mask(self.articles, filters, self.mentions, self.texts()))


def mentions_frame(store: Store, arts: pd.DataFrame | None = None, pos: pd.Series | None = None) -> pd.DataFrame:
    """The store's mentions as ``analysis.agencies.find_mentions`` returns them (``row, id, agency, surface,
    field, start, end, sentence, resolved, level, region, kind, parent``)."""

    arts = store.articles() if arts is None else arts
    pos = pd.Series(np.arange(len(arts)), index=arts["article_id"].to_numpy()) if pos is None else pos
    m = store.read("mentions").to_pandas()
    names = np.array(store.read("agencies")["agency"].to_pylist() or [""], dtype=object)
    rows = pos.reindex(m["article_id"].to_numpy()).to_numpy(np.int64) if len(m) else np.zeros(0, dtype=np.int64)
    titles, bodies = arts["title"].to_numpy(dtype=object), arts["body"].to_numpy(dtype=object)
    sentence = [(titles[r] if f == "title" else bodies[r])[a:b]
                for r, f, a, b in zip(rows.tolist(), m["field"].tolist(), m["sent_start"].tolist(),
                                      m["sent_end"].tolist())]
    out = pd.DataFrame({"row": rows, "id": arts["id"].to_numpy(np.int64)[rows],
                        "agency": names[m["agency_id"].to_numpy()] if len(m) else [], "surface": m["surface"],
                        "field": m["field"], "start": m["start"].astype(np.int64), "end": m["end"].astype(np.int64),
                        "sentence": sentence, "resolved": m["resolved"].astype(bool), "level": m["level"],
                        "region": m["region"], "kind": m["kind"], "parent": m["parent"]})
    text_cols = ("agency", "surface", "field", "sentence", "level", "region", "kind", "parent")
    return out[[*MENTION_COLUMNS, "parent"]].astype({"row": "int64", "id": "int64", "start": "int64",
                                                     "end": "int64", "resolved": "bool",
                                                     **{c: "str" for c in text_cols}})


class DuckBackend:
    """DuckDB over the store's Parquet files (views ``articles``, ``article_text``, ``terms``, ``doc_terms``,
    ``agencies``, ``mentions``, ``duplicates``). ``memory_limit`` caps DuckDB's memory (e.g. ``"1GB"``)."""

    kind = "duckdb"

    def __init__(self, store: Store, *, threads: int | None = None, memory_limit: str | None = None) -> None:
        import duckdb

        self.store = store
        self.con = duckdb.connect()
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            self.con.execute("SET memory_limit = ?", [memory_limit])
        for name in TABLES:
            if not store.has(name):
                continue
            files = ", ".join("'" + str(f).replace("'", "''") + "'" for f in store.files(name))
            self.con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{files}])")

        self.rollups = all(store.has(t) for t in ROLLUPS)
        self.bigrams = store.has("bigrams")

    def select(self, filters: Filters) -> Selection:
        """The selection of ``filters``; with a bigram index, the query's matching rows are computed first
        (:meth:`query_matches`) and registered as a table the ``WHERE`` refers to."""
        q = parse_query(filters.query) if filters.query else None
        if q is None or not q.clauses or not self.bigrams:
            clauses, params = where_clauses(filters)
            return Selection(filters, where=" AND ".join(clauses) or "TRUE", params=tuple(params))
        rows = np.flatnonzero(self.query_matches(q)).astype(np.int32)
        DuckBackend._serial += 1
        name = f"_query_rows_{DuckBackend._serial}"
        table = pa.table({"row": rows})
        self.con.register(name, table)
        clauses, params = where_clauses(filters, query_rows=name)
        sel = Selection(filters, where=" AND ".join(clauses) or "TRUE", params=tuple(params), tables=((name, table),))
        weakref.finalize(sel, _unregister, weakref.ref(self.con), name)
        return sel

    _serial = 0

    def query_matches(self, q) -> np.ndarray:
        """Boolean mask over rows of the articles whose ``(title + "\\n" + body).lower()`` satisfies the parsed
        query ``q`` — ``analysis.filters.query_mask`` exactly: a term of two characters from the bigram index
        alone; a longer term's candidates (articles holding all its bigrams) checked on their text; a
        one-character term by a scan of the text."""
        n = self.store.n_articles
        return query_rows(q, n, lambda term: self._term_mask(term, n))

    def _term_mask(self, term: str, n: int) -> np.ndarray:
        mask = np.zeros(n, dtype=bool)
        if len(term) < 2 or "\n" in term:  # no bigram to look up: scan the text
            title, body = ("t.title", "t.body") if _uncased(term) else ("lower(t.title)", "lower(t.body)")
            rows = self.query(f"""SELECT a.row FROM articles a JOIN article_text t USING (article_id)
              WHERE contains({title}, ?) OR contains({body}, ?)""", [term, term])["row"].to_numpy(np.int64)
            mask[rows] = True
            return mask
        keys = sorted({ord(a) << 21 | ord(b) for a, b in zip(term, term[1:])})
        marks = ", ".join("?" for _ in keys)
        rows = self.query(f"SELECT row FROM bigrams WHERE key IN ({marks}) GROUP BY row HAVING count(*) = ?",
                          [*keys, len(keys)])["row"].to_numpy(np.int64)
        if len(term) == 2:  # holding the bigram is holding the term
            mask[rows] = True
            return mask
        rows.sort()
        for idx, titles, bodies in _read_text(self.store, rows):  # candidates: check the text
            hit = np.fromiter((term in f"{t}\n{b}".lower() for t, b in zip(titles, bodies)), dtype=bool,
                              count=len(idx))
            mask[rows[idx[hit]]] = True
        return mask

    def query(self, sql: str, params: tuple | list = ()) -> pd.DataFrame:
        return self.con.execute(sql, list(params)).df()

    def cells(self, sel: Selection) -> tuple[str, list] | None:
        """:func:`cell_condition` of the selection when this store has roll-ups, else ``None``."""
        return cell_condition(sel.filters) if self.rollups else None

    def sel_ids(self, sel: Selection) -> str:
        """A subquery of the selected ``article_id`` s (for ``x.article_id IN (…)`` semi-joins)."""
        return f"SELECT a.article_id FROM articles a WHERE {sel.where}"

    def close(self) -> None:
        self.con.close()


def _unregister(con_ref, name: str) -> None:
    con = con_ref()
    if con is not None:
        try:
            con.unregister(name)
        except Exception:  # noqa: BLE001 - a closed connection has nothing left to unregister
            pass


def _read_text(store: Store, rows: np.ndarray):
    """The title and body of dataset ``rows`` (sorted), read part by part and only from the ``article_text``
    row groups holding them, in row order: yields ``(positions in rows, titles, bodies)`` per row group."""
    files = store.files("article_text")
    starts = np.asarray(store.meta.get("parts", [0]), dtype=np.int64)
    if len(starts) != len(files):
        raise LoadError(f"数据存储的表不一致: {store.path};请重新导入 / the store's parts disagree; ingest again")
    part_of = np.searchsorted(starts, rows, side="right") - 1
    for p in np.unique(part_of).tolist():
        here = np.flatnonzero(part_of == p)
        pf = pq.ParquetFile(files[p])
        sizes = [pf.metadata.row_group(g).num_rows for g in range(pf.metadata.num_row_groups)]
        group_start = np.concatenate(([0], np.cumsum(sizes)))
        local = rows[here] - starts[p]
        group_of = np.searchsorted(group_start, local, side="right") - 1
        for g in np.unique(group_of).tolist():
            sel = group_of == g
            text = pf.read_row_group(g, columns=["title", "body"]).take(pa.array(local[sel] - group_start[g]))
            yield here[sel], text["title"].to_pylist(), text["body"].to_pylist()


def _check(backend, sel: Selection) -> None:
    if (backend.kind == "memory") != (sel.mask is not None):
        raise invalid_option("selection", "from another backend", f"a selection made by this {backend.kind} backend")


# ------------------------------------------------------------------------------------------------ aggregations
def selection_mask(backend, sel: Selection) -> np.ndarray:
    """The selection as a boolean mask over article rows (what the pages' functions take)."""
    _check(backend, sel)
    if backend.kind == "memory":
        assert sel.mask is not None  # memory selections carry their mask
        return sel.mask
    rows = backend.query(f"SELECT a.row FROM articles a WHERE {sel.where}", sel.params)["row"].to_numpy()
    mask = np.zeros(backend.store.n_articles, dtype=bool)
    mask[rows] = True
    return mask


def count(backend, sel: Selection) -> int:
    """Selected articles."""
    _check(backend, sel)
    if backend.kind == "memory":
        assert sel.mask is not None  # memory selections carry their mask
        return int(sel.mask.sum())
    return int(backend.query(f"SELECT count(*) AS n FROM articles a WHERE {sel.where}", sel.params)["n"][0])


def _tfidf_frame(terms, counts, docs, n_sel: int, n: int) -> pd.DataFrame:
    """``term, count, documents, tfidf`` ordered as ``TokenizedCorpus.top_terms`` (count, documents
    descending, then term), the first ``n``; TF-IDF = ``count × (ln((1 + N) / (1 + documents)) + 1)``."""
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
    _check(backend, sel)
    if n < 0:
        raise invalid_option("n", n, "an integer ≥ 0")
    if backend.kind == "memory":
        return backend.corpus.top_terms(sel.mask, n)
    cells = backend.cells(sel)
    f = sel.filters
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
    return _tfidf_frame(df["term"].to_numpy(dtype=object), df["cnt"], df["docs"], n_sel, n)


def agency_summary(backend, sel: Selection, *, aliases: bool = True) -> pd.DataFrame:
    """Per canonical agency: ``agency, mentions, documents[, aliases]`` (as ``analysis.agencies.agency_summary``)."""
    _check(backend, sel)

    if backend.kind == "memory":
        return summary(backend.mentions, sel.mask, aliases=aliases)
    cells = backend.cells(sel)
    if cells is not None:  # a union of roll-up cells: sum them
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
    _check(backend, sel)

    if backend.kind == "memory":
        return cooc(backend.mentions, sel.mask, same_sentence=same_sentence)
    # agency_id is the rank of the sorted names, so x.agency_id < y.agency_id  <=>  name a < name b
    cells = backend.cells(sel) if not same_sentence else None
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
    _check(backend, sel)
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
    _check(backend, sel)
    if backend.kind == "memory":
        s = backend.articles.loc[sel.mask, "source"].astype(str)
        out = s.value_counts().rename_axis("source").reset_index(name="articles")
    else:
        out = backend.query(f"SELECT a.source, count(*) AS articles FROM articles a WHERE {sel.where} "
                            "GROUP BY a.source", sel.params)
    out = out.astype({"source": "str", "articles": "int64"})
    return out.sort_values(["articles", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def kwic(backend, sel: Selection, term: str, *, tokenizer=None, width: int = 20, sort: str = "position",
         limit: int | None = None) -> pd.DataFrame:
    """Concordance of ``term`` in the selection (``id, file, left, term, right``: ``analysis.kwic.kwic``).
    The SQL backend reads the text of candidate articles only: those whose ``doc_terms`` hold the term
    (with a tokenizer) or whose text contains it (substring mode)."""
    _check(backend, sel)

    if backend.kind == "memory":
        return kwic_rows(backend.articles, term, width, sel.mask, tokenizer=tokenizer, sort=sort, limit=limit)
    t = (term or "").strip()
    if not t:
        return kwic_rows(pd.DataFrame(columns=["id", "file", "title", "body"]), term, width, tokenizer=tokenizer)
    if tokenizer is not None:
        return _kwic_by_term(backend, sel, term, tokenizer, width=width, sort=sort, limit=limit)
    cand = "(contains(t.title || chr(10) || t.body, ?))"
    extra = [t]
    sql = f"""SELECT a.row, a.id, a.file, t.title, t.body FROM articles a
      JOIN article_text t USING (article_id) WHERE {sel.where} AND {cand} AND a.row > ? ORDER BY a.row"""
    if limit is None or sort != "position":
        sub = backend.query(sql, [*sel.params, *extra, -1])
        return kwic_rows(sub.drop(columns=["row"]), term, width, tokenizer=tokenizer, sort=sort, limit=limit)
    # position order with a limit: read candidate articles page by page until the limit is reached
    parts, rows, after = [], 0, -1
    while rows < limit:
        sub = backend.query(f"{sql} LIMIT {int(limit) - rows}", [*sel.params, *extra, after])
        if sub.empty:
            break
        after = int(sub["row"].iloc[-1])
        part = kwic_rows(sub.drop(columns=["row"]), term, width, tokenizer=tokenizer, limit=limit - rows)
        parts.append(part)
        rows += len(part)
    if not parts:
        return kwic_rows(pd.DataFrame(columns=["id", "file", "title", "body"]), term, width, tokenizer=tokenizer)
    return pd.concat(parts, ignore_index=True)


def _kwic_by_term(backend, sel: Selection, term: str, tokenizer, *, width: int, sort: str,
                  limit: int | None) -> pd.DataFrame:
    """KWIC of a dictionary term on the SQL backend: the candidate articles are those whose ``doc_terms`` hold
    the term (``doc_terms`` parts are sorted by ``term_id``: DuckDB reads the row groups of that term only);
    their text is read part by part in row order (``meta.json["parts"]``), only until ``limit`` rows are found
    in position order."""

    target = tokenizer.canonical(term.strip())
    tid = backend.query("SELECT term_id FROM terms WHERE term = ?", [target])["term_id"].tolist()
    cand = backend.query(f"""SELECT a.row, a.id, a.file FROM articles a WHERE {sel.where} AND a.article_id IN
      (SELECT d.article_id FROM doc_terms d WHERE d.term_id = ?) ORDER BY a.row""",
                         [*sel.params, int(tid[0]) if tid else -1])
    rows = cand["row"].to_numpy(np.int64)
    frames, found = [], 0
    paged = limit is not None and sort == "position"
    for idx, titles, bodies in _read_text(backend.store, rows):  # only the row groups holding candidates
        frame = pd.DataFrame({"id": cand["id"].to_numpy()[idx], "file": cand["file"].to_numpy()[idx],
                              "title": titles, "body": bodies})
        if paged and limit is not None:
            part = kwic_rows(frame, term, width, tokenizer=tokenizer, limit=limit - found)
            frames.append(part)
            found += len(part)
            if found >= limit:
                break
        else:
            frames.append(frame)
    if paged:
        if frames:
            return pd.concat(frames, ignore_index=True)
        return kwic_rows(pd.DataFrame(columns=["id", "file", "title", "body"]), term, width, tokenizer=tokenizer)
    sub = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id", "file", "title", "body"])
    return kwic_rows(sub, term, width, tokenizer=tokenizer, sort=sort, limit=limit)


def dated_codes(backend, sel: Selection, freq: str) -> np.ndarray:
    """Period codes of the selected dated articles (for tests and spike detection)."""
    mask = selection_mask(backend, sel)
    arts = backend.articles if backend.kind == "memory" else backend.store.articles(text=False)
    codes, dated = period_codes(arts["date"], freq)
    return codes[mask & dated]
