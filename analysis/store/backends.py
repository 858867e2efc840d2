"""The two query backends of a store and their selections (moved out of ``analysis.store.query``, which
still exports their names): :class:`MemoryBackend` (numpy masks, the reference) and :class:`DuckBackend`
(DuckDB SQL, :func:`where_clauses`). The aggregations over either are in ``analysis.store.query``.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.agencies import MENTION_COLUMNS
from analysis.errors import LoadError
from analysis.filters import Filters, filter_mask, lowered_texts, parse_query, query_rows, search_texts
from analysis.keywords import TokenizedCorpus
from analysis.store.build import AGENCY_INDEX, ROLLUPS, term_bits
from analysis.store.selection import Selection, cell_condition, uncased, where_clauses
from analysis.store.store import DOC_ROWS, MEMORY_MAX_ARTICLES, TABLES, Store

__all__ = ["ArticleTexts", "DuckBackend", "MemoryBackend", "Selection", "cell_condition", "mentions_frame", "open_backend",
           "read_text_rows", "where_clauses"]


# ------------------------------------------------------------------------------------------------ backends
@dataclass(frozen=True)
class ArticleTexts:
    """The titles and bodies of a dataset's articles as Python strings, in row order, and their query texts
    (``analysis.filters.search_texts``: lower-cased ``title + "\\n" + body``) — what
    :meth:`MemoryBackend.from_store` otherwise derives from the store's ``article_text``. An upload has its
    article table before the workers' analysis ends and builds these meanwhile (:meth:`of`), so that the
    backend is ready sooner once the analysis is in (≈ 0.15–0.25 CPU-s of the 20k CCTV corpus)."""

    titles: list[str]
    bodies: list[str]
    search: list[str]

    @classmethod
    def of(cls, articles: pd.DataFrame) -> "ArticleTexts":
        """The texts of an article table (``analysis.schema``: ``title`` and ``body`` without missing values —
        the keyed table a store is built from, so the strings are those of its ``article_text``)."""
        titles, bodies = articles["title"].tolist(), articles["body"].tolist()
        return cls(titles, bodies, lowered_texts(titles, bodies))


class MemoryBackend:
    """Articles, tokenized corpus and mentions in memory (row ``i`` of each = article row ``i``)."""

    kind = "memory"

    def __init__(self, articles: pd.DataFrame, corpus, mentions: pd.DataFrame) -> None:
        self.articles, self.corpus, self.mentions = articles, corpus, mentions
        self._texts: list[str] | None = None

    @classmethod
    def from_store(cls, store: Store, texts: ArticleTexts | None = None) -> "MemoryBackend":
        """Rebuild the in-memory objects the pages use from a store (equal to building them from the
        article table: ``tests/test_store.py``). ``texts``: the store's article texts when the caller has them
        (:class:`ArticleTexts` of the table the store was built from; the same objects result either way).
        Raises ``LoadError`` when the store's tables (or ``texts``) disagree on the articles."""
        import scipy.sparse as sp

        arts = store.articles()
        if texts is not None and not len(texts.titles) == len(texts.bodies) == len(texts.search) == len(arts):
            raise LoadError.of("store.tables_disagree", path=store.path)
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
                raise LoadError.of("store.tables_disagree", path=store.path)
            seq = ts["terms"].combine_chunks()
            offsets = seq.offsets.to_numpy().astype(np.int64)
            sequence, offsets = seq.flatten().to_numpy().astype(np.int32), offsets - offsets[0]
        corpus = TokenizedCorpus(vocab=vocab, index={t: i for i, t in enumerate(vocab)}, dtm=dtm,
                                 doc_lengths=arts["n_tokens"].to_numpy(np.int64), synonyms=store.synonyms,
                                 sequence=sequence, offsets=offsets, tokenizer_version=store.meta.get("tokenizer", ""))
        backend = cls(arts.drop(columns=["n_tokens"]), corpus,
                      mentions_frame(store, arts, pos, texts=texts))
        if texts is not None:
            backend._texts = texts.search
        return backend

    def texts(self) -> list[str]:
        if self._texts is None:

            self._texts = search_texts(self.articles)
        return self._texts

    def select(self, filters: Filters) -> Selection:
        return Selection(filters, mask=filter_mask(self.articles, filters, self.mentions, self.texts()))


def mentions_frame(store: Store, arts: pd.DataFrame | None = None, pos: pd.Series | None = None, *,
                   texts: ArticleTexts | None = None) -> pd.DataFrame:
    """The store's mentions as ``analysis.agencies.find_mentions`` returns them (``row, id, agency, surface,
    field, start, end, sentence, resolved, level, region, kind, parent``); ``texts``: the articles' titles and
    bodies when the caller has them (:class:`ArticleTexts`), else read from ``arts``."""

    arts = store.articles() if arts is None else arts
    pos = pd.Series(np.arange(len(arts)), index=arts["article_id"].to_numpy()) if pos is None else pos
    m = store.read("mentions").to_pandas()
    names = np.array(store.read("agencies")["agency"].to_pylist() or [""], dtype=object)
    rows = pos.reindex(m["article_id"].to_numpy()).to_numpy(np.int64) if len(m) else np.zeros(0, dtype=np.int64)
    titles, bodies = (texts.titles, texts.bodies) if texts is not None else \
        (arts["title"].to_numpy(dtype=object), arts["body"].to_numpy(dtype=object))
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
        self._doc_rows: list | None = None
        self._totals: tuple[np.ndarray, np.ndarray] | None = None
        self._terms: np.ndarray | None = None
        self._agency: dict[str, np.ndarray] | None = None
        self._days: np.ndarray | None = None
        self._foreign: frozenset[str] | None = None

    @property
    def has_doc_rows(self) -> bool:
        """True when the store has ``doc_rows`` (term counts of any selection without reading ``doc_terms``)."""
        return (self.store.path / DOC_ROWS).is_dir()

    def selected_rows(self, sel: Selection) -> np.ndarray:
        """The selected article rows, ascending (int64)."""
        return self.con.execute(f"SELECT a.row FROM articles a WHERE {sel.where} ORDER BY a.row",
                                list(sel.params)).fetchnumpy()["row"].astype(np.int64)

    @property
    def has_agency_index(self) -> bool:
        """True when the store has the agency indexes by row (``analysis.store.build.AGENCY_INDEX``)."""
        return all(self.store.has(t) for t in AGENCY_INDEX)

    def agency_index(self) -> dict[str, np.ndarray]:
        """The agency indexes as NumPy arrays (read once; ≈ 12 bytes per named mention): ``row``,
        ``agency``, ``alias`` and ``first`` (the first mention of its agency in its article) per mention;
        ``alias_agency``, ``alias_surface`` per alias; ``pair_row``, ``pair_a``, ``pair_b`` per article pair;
        ``names`` (agency by id)."""
        if self._agency is None:
            r = self.store.read("agency_rows")
            row, agency = r["row"].to_numpy().astype(np.int64), r["agency_id"].to_numpy().astype(np.int64)
            first = np.ones(len(row), dtype=bool)
            first[1:] = (row[1:] != row[:-1]) | (agency[1:] != agency[:-1])  # sorted by row, agency
            al = self.store.read("agency_aliases")
            pr = self.store.read("agency_pairs")
            g = self.store.read("agencies")
            names = np.empty(g.num_rows, dtype=object)
            names[g["agency_id"].to_numpy()] = g["agency"].to_pylist()
            self._agency = {"row": row, "agency": agency, "alias": r["alias"].to_numpy().astype(np.int64),
                            "first": first, "alias_agency": al["agency_id"].to_numpy().astype(np.int64),
                            "alias_surface": np.asarray(al["surface"].to_pylist(), dtype=object),
                            "pair_row": pr["row"].to_numpy().astype(np.int64),
                            "pair_a": pr["a"].to_numpy().astype(np.int64),
                            "pair_b": pr["b"].to_numpy().astype(np.int64), "names": names}
        return self._agency

    def row_days(self) -> np.ndarray:
        """Each article row's date as days since 1970-01-01 (int64; the int64 minimum = undated), read once."""
        if self._days is None:
            d = self.con.execute("SELECT a.row, datediff('day', DATE '1970-01-01', a.date) AS d FROM articles a"
                                 ).fetchnumpy()
            days = np.full(self.store.n_articles, np.iinfo(np.int64).min, dtype=np.int64)
            dated = ~np.ma.getmaskarray(d["d"])
            days[np.asarray(d["row"])[dated]] = np.asarray(np.ma.getdata(d["d"]))[dated]
            self._days = days
        return self._days

    def row_mask(self, sel: Selection) -> np.ndarray:
        """The selection as a boolean mask over article rows."""
        mask = np.zeros(self.store.n_articles, dtype=bool)
        mask[self.selected_rows(sel)] = True
        return mask

    def term_names(self) -> np.ndarray:
        """Every term by ``term_id`` (object array; read once)."""
        if self._terms is None:
            t = self.store.read("terms")
            names = np.empty(t.num_rows, dtype=object)
            names[t["term_id"].to_numpy()] = t["term"].to_pylist()
            self._terms = names
        return self._terms

    def term_totals(self) -> tuple[np.ndarray, np.ndarray]:
        """Count and documents of every term over all articles (the ``term_totals`` roll-up summed over
        ``dup``), int64 arrays by ``term_id`` (read once)."""
        if self._totals is None:
            n_terms = len(self.term_names())
            df = self.query("SELECT term_id, CAST(sum(cnt) AS BIGINT) AS cnt, CAST(sum(docs) AS BIGINT) AS docs "
                            "FROM term_totals GROUP BY term_id")
            cnt, docs = np.zeros(n_terms, dtype=np.int64), np.zeros(n_terms, dtype=np.int64)
            ids = df["term_id"].to_numpy(np.int64)
            cnt[ids], docs[ids] = df["cnt"].to_numpy(np.int64), df["docs"].to_numpy(np.int64)
            self._totals = cnt, docs
        return self._totals

    def term_counts(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(count, documents)`` of every term (int64 arrays by ``term_id``) over the article ``rows``
        (ascending), from the memory-mapped ``doc_rows``: only the entries of those rows are read (a whole
        part at once when all its rows are selected). Raises ``LoadError`` when the parts disagree with
        ``meta.json``."""
        if self._doc_rows is None:
            self._doc_rows = self.store.doc_rows() or []
        parts = self._doc_rows
        starts = np.asarray(self.store.meta.get("parts", [0]), dtype=np.int64)
        if len(starts) != len(parts):
            raise LoadError.of("store.parts_disagree", path=self.store.path)
        n_terms = len(self.term_names())
        bits = term_bits(n_terms)
        low = (1 << bits) - 1
        cnt, docs = np.zeros(n_terms, dtype=np.int64), np.zeros(n_terms, dtype=np.int64)
        rows = np.asarray(rows, dtype=np.int64)
        bounds = np.searchsorted(rows, np.append(starts, np.iinfo(np.int64).max))
        for p, (indptr, packed) in enumerate(parts):
            lo, hi = int(bounds[p]), int(bounds[p + 1])
            if lo == hi:
                continue
            size = len(indptr) - 1
            if hi - lo == size:  # every row of the part
                vals = np.asarray(packed)
            elif (hi - lo) * 10 >= size:  # a good share of the part: one pass over its entries with a mask
                keep = np.zeros(size, dtype=bool)
                keep[rows[lo:hi] - starts[p]] = True
                vals = np.asarray(packed)[np.repeat(keep, np.diff(indptr))]
            else:  # a few rows: gather their entries only
                local = rows[lo:hi] - starts[p]
                a, lens = indptr[local], indptr[local + 1] - indptr[local]
                total = int(lens.sum())
                if not total:
                    continue
                first = np.cumsum(lens) - lens  # where each row's entries start in the gathered array
                vals = np.asarray(packed)[np.arange(total, dtype=np.int64) + np.repeat(a - first, lens)]
            term = (vals & low).astype(np.intp)
            cnt += np.bincount(term, weights=(vals >> bits).astype(np.float64), minlength=n_terms).astype(np.int64)
            docs += np.bincount(term, minlength=n_terms)
        return cnt, docs

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

    def bigram_candidates(self, term: str) -> np.ndarray:
        """The rows (ascending, int64) whose lower-cased text holds every character pair of ``term`` (two or
        more characters, no line break; lower-cased): a superset of the rows that contain ``term``."""
        keys = sorted({ord(a) << 21 | ord(b) for a, b in zip(term, term[1:])})
        marks = ", ".join("?" for _ in keys)
        rows = self.query(f"SELECT row FROM bigrams WHERE key IN ({marks}) GROUP BY row HAVING count(*) = ?",
                          [*keys, len(keys)])["row"].to_numpy(np.int64)
        rows.sort()
        return rows

    def _term_mask(self, term: str, n: int) -> np.ndarray:
        mask = np.zeros(n, dtype=bool)
        if len(term) < 2 or "\n" in term:  # no bigram to look up: scan the text
            title, body = ("t.title", "t.body") if uncased(term) else ("lower(t.title)", "lower(t.body)")
            rows = self.query(f"""SELECT a.row FROM articles a JOIN article_text t USING (article_id)
              WHERE contains({title}, ?) OR contains({body}, ?)""", [term, term])["row"].to_numpy(np.int64)
            mask[rows] = True
            return mask
        rows = self.bigram_candidates(term)
        if len(term) == 2:  # holding the bigram is holding the term
            mask[rows] = True
            return mask
        for idx, titles, bodies in read_text_rows(self.store, rows):  # candidates: check the text
            hit = np.fromiter((term in f"{t}\n{b}".lower() for t, b in zip(titles, bodies)), dtype=bool,
                              count=len(idx))
            mask[rows[idx[hit]]] = True
        return mask

    def query(self, sql: str, params: tuple | list = ()) -> pd.DataFrame:
        return self.con.execute(sql, list(params)).df()

    def foreign_agencies(self) -> frozenset[str]:
        """The agencies named with level ``foreign`` anywhere in the store (read once: one pass over the
        mentions)."""
        if self._foreign is None:
            self._foreign = frozenset(self.query(
                "SELECT g.agency FROM (SELECT DISTINCT agency_id FROM mentions WHERE level = 'foreign') m "
                "JOIN agencies g USING (agency_id)")["agency"].astype(str))
        return self._foreign

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


def read_text_rows(store: Store, rows: np.ndarray, *, body: bool = True):
    """The title and body of dataset ``rows`` (sorted), read part by part and only from the ``article_text``
    row groups holding them, in row order: yields ``(positions in rows, titles, bodies)`` per row group
    (``bodies`` is ``None`` with ``body=False``: only the titles are read)."""
    files = store.files("article_text")
    starts = np.asarray(store.meta.get("parts", [0]), dtype=np.int64)
    if len(starts) != len(files):
        raise LoadError.of("store.parts_disagree", path=store.path)
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
            text = pf.read_row_group(g, columns=["title", "body"] if body else ["title"]).take(
                pa.array(local[sel] - group_start[g]))
            yield here[sel], text["title"].to_pylist(), text["body"].to_pylist() if body else None


def open_backend(store: Store, *, memory_max: int = MEMORY_MAX_ARTICLES):
    """The query backend for a store: ``MemoryBackend`` for up to ``memory_max`` articles, else ``DuckBackend``
    (both give identical results: ``analysis.store.query``)."""
    return MemoryBackend.from_store(store) if store.n_articles <= memory_max else DuckBackend(store)
