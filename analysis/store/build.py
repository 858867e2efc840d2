"""Build every store table of an article table: the article tables here, the derived ones through the runner.

Input: an article table (``analysis.schema``) — ``article_id`` is added when missing (``analysis.ids``).
Output tables (Arrow), all keyed on ``article_id``:

- ``articles``: ``article_id, row, id, date (date32), source, author, url, file, duplicate_of, converted,
  n_tokens`` — ``row`` is the position in the dataset (what numpy masks index), ``n_tokens`` the kept terms;
- ``article_text``: ``article_id, title, body``;
- ``terms`` (``term_id, term``), ``doc_terms`` (``article_id, term_id, n``) and ``term_seq`` (``article_id,
  terms``: the term ids in text order, -1 where a filtered token stood — for phrases);
- ``agencies`` (``agency_id, agency``; ``""`` = unresolved bare form) and ``mentions`` (``article_id, field,
  start, end, sent_start, sent_end, agency_id, resolved, surface, level, region, kind, parent``: offsets into
  the field, the sentence is ``text[sent_start:sent_end]``);
- ``duplicates``: ``article_id, group_id`` for every article of a duplicate group (the original too);
  ``group_id`` is the original's ``article_id``;
- **roll-ups** (:data:`ROLLUPS`): the counts the pages show, pre-summed per *cell* = (``month`` code of
  ``analysis.periods``, ``NULL`` = undated; ``dup`` = the article is marked ``duplicate_of``). Every count is a
  sum over articles, so the counts of any union of cells (a month-aligned date range, with or without
  duplicates, with or without the undated) are the sums of its cells:
  ``term_cells(month, dup, term_id, cnt, docs)`` and ``term_totals(dup, term_id, cnt, docs)`` (the same
  summed over every month and the undated: for selections without dates), ``agency_cells(month, dup, agency_id, surface, n)`` and
  ``agency_docs(month, dup, agency_id, docs)`` (resolved mentions of named agencies, as
  ``analysis.agencies.agency_summary`` counts them), ``pair_cells(month, dup, a, b, articles)`` (agency ids
  ``a < b`` named in the same article, as ``analysis.agencies.cooccurrence``). ``analysis.store.query`` answers
  from them when a selection is only dates (whole months), duplicates and undated;
- ``bigrams(key, row)``: the character-bigram index of the query filter (:func:`bigram_table`);
- ``citations`` and ``doc_keys`` (:func:`policy_tables`, ``analysis.store.citations``): the references of every
  body before resolution and the keys documents are found under — with the query indexes only.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.ids import KEY, with_article_ids
from analysis.periods import sql_period_code
from analysis.agency_mentions import match_sources
from analysis.schema import coerce_articles
from analysis.store.batch import AnalysisSpec, analyze_batch, combine
from analysis.store.citations import citation_tables
from analysis.store.runner import Event, LocalRunner, no_progress

#: Articles per batch sent to a worker (≈ 1–3 MB of text for news articles).
BATCH_ROWS = 2000
META_COLUMNS = ("article_id", "row", "id", "date", "source", "author", "url", "file", "duplicate_of", "converted",
                "date_source", "written_date")


def keyed_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The article table typed and with ``article_id`` (see ``analysis.ids``)."""
    return with_article_ids(coerce_articles(articles))


META_SCHEMA = pa.schema([("article_id", pa.int64()), ("row", pa.int64()), ("id", pa.int64()), ("date", pa.date32()),
                         ("source", pa.string()), ("author", pa.string()), ("url", pa.string()),
                         ("file", pa.string()), ("duplicate_of", pa.int64()), ("converted", pa.bool_()),
                         ("date_source", pa.string()), ("written_date", pa.date32())])


def meta_table(df: pd.DataFrame, row_offset: int = 0) -> pa.Table:
    """The ``articles`` table (without ``n_tokens``) of a keyed article table whose first row is dataset row
    ``row_offset``."""
    meta = pd.DataFrame({
        "article_id": df[KEY].to_numpy(np.int64), "row": np.arange(row_offset, row_offset + len(df), dtype=np.int64),
        "id": df["id"].to_numpy(np.int64), "date": df["date"].dt.date.astype(object).where(df["date"].notna(), None),
        **{c: df[c].astype(str).to_numpy(dtype=object) for c in ("source", "author", "url", "file")},
        "duplicate_of": df["duplicate_of"], "converted": df["converted"].to_numpy(bool),
        # which rule gave the date, and a policy document's 成文日期 (analysis.schema): kept, so a stored
        # dataset answers `policy` and `articles` as its files do (tester: every date_source came back "")
        "date_source": df["date_source"].astype(str).to_numpy(dtype=object),
        "written_date": df["written_date"].dt.date.astype(object).where(df["written_date"].notna(), None)})
    return pa.Table.from_pandas(meta, schema=META_SCHEMA, preserve_index=False)


def arrow_text(values: pd.Series) -> pa.Array:
    """A text column of an article table (``analysis.schema``: no missing values) as one Arrow ``string``
    array, the same as ``pa.array(values.astype(str).tolist(), pa.string())``. pandas ≥ 3 holds ``str``
    columns in Arrow already: their buffers are taken as they are (only the offsets are narrowed to 32 bits)
    instead of a round trip through Python strings, ≈ 0.05 CPU-s per column of the 20k CCTV corpus (32 MB).
    Raises ``pa.ArrowTypeError`` for a missing value (as the list form did: ``coerce_articles`` fills them)."""
    arr = pa.array(values.astype(str), from_pandas=False)
    if arr.null_count:
        raise pa.ArrowTypeError(f"text column {values.name!r} has {arr.null_count} missing values")
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr if arr.type == pa.string() else arr.cast(pa.string())


def text_table(df: pd.DataFrame) -> pa.Table:
    """The ``article_text`` table (``article_id, title, body``) of a keyed article table."""
    return pa.table({"article_id": df[KEY].to_numpy(np.int64), "title": arrow_text(df["title"]),
                     "body": arrow_text(df["body"])})


def duplicates_table(article_id: np.ndarray, duplicate_of: np.ndarray) -> pa.Table:
    """``duplicates(article_id, group_id)`` from the keys in row order and ``duplicate_of`` (the ``id`` =
    row + 1 of the group's first article, ``-1`` = none): every member of a group, the original too, in row
    order; ``group_id`` = the original's key."""
    ids = np.asarray(article_id, dtype=np.int64)
    dup = np.asarray(duplicate_of, dtype=np.int64)
    group = np.full(len(ids), -1, dtype=np.int64)
    has = (dup >= 1) & (dup <= len(ids))
    group[has] = ids[dup[has] - 1]
    orig = np.zeros(len(ids), dtype=bool)
    orig[dup[has] - 1] = True
    group[orig] = ids[orig]
    keep = has | orig
    return pa.table({"article_id": ids[keep], "group_id": group[keep]})


def article_tables(df: pd.DataFrame) -> dict[str, pa.Table]:
    """``articles`` (without ``n_tokens``), ``article_text`` and ``duplicates`` of a keyed article table."""
    dup = df["duplicate_of"].astype("Int64").fillna(-1).to_numpy(np.int64)
    pos = pd.Series(np.arange(1, len(df) + 1), index=df["id"].to_numpy())  # id → row + 1
    has = dup >= 0
    dup[has] = pos.reindex(dup[has]).fillna(-1).to_numpy(np.int64)
    return {"articles": meta_table(df), "article_text": text_table(df),
            "duplicates": duplicates_table(df[KEY].to_numpy(np.int64), dup)}


#: Roll-up tables (see the module docstring) and the DuckDB SQL that computes each over the views
#: ``articles``, ``doc_terms``, ``mentions``, ``agencies``; rows ordered by every key column.
_CELL = """WITH a AS (SELECT article_id, {month} AS month, duplicate_of IS NOT NULL AS dup FROM articles)"""
_NAMED = "m.resolved AND m.agency_id <> coalesce((SELECT agency_id FROM agencies WHERE agency = ''), -1)"
ROLLUP_SQL: dict[str, str] = {
    "term_cells": """{cell} SELECT a.month, a.dup, d.term_id, CAST(sum(d.n) AS BIGINT) AS cnt, count(*) AS docs
        FROM doc_terms d JOIN a USING (article_id) GROUP BY ALL
        ORDER BY month NULLS FIRST, dup, term_id""",
    "term_totals": """SELECT c.dup, c.term_id, CAST(sum(c.cnt) AS BIGINT) AS cnt, CAST(sum(c.docs) AS BIGINT) AS docs
        FROM term_cells c GROUP BY ALL ORDER BY dup, term_id""",
    "agency_cells": """{cell} SELECT a.month, a.dup, m.agency_id, m.surface, count(*) AS n
        FROM mentions m JOIN a USING (article_id) WHERE {named} GROUP BY ALL
        ORDER BY month NULLS FIRST, dup, agency_id, surface""",
    "agency_docs": """{cell} SELECT a.month, a.dup, m.agency_id, count(DISTINCT m.article_id) AS docs
        FROM mentions m JOIN a USING (article_id) WHERE {named} GROUP BY ALL
        ORDER BY month NULLS FIRST, dup, agency_id""",
    "pair_cells": """{cell}, u AS (SELECT DISTINCT m.article_id, m.agency_id FROM mentions m WHERE {named})
        SELECT a.month, a.dup, x.agency_id AS a, y.agency_id AS b, count(*) AS articles
        FROM u x JOIN u y ON x.article_id = y.article_id AND x.agency_id < y.agency_id
        JOIN a ON a.article_id = x.article_id GROUP BY ALL
        ORDER BY month NULLS FIRST, dup, a, b""",
}
ROLLUPS: tuple[str, ...] = tuple(ROLLUP_SQL)
#: Agency indexes by article row (sorted by row): what the 机构 page's counts of *any* selection read with a
#: mask over rows (``analysis.store.query``) — ``agency_aliases(alias, agency_id, surface)`` every (agency,
#: surface) pair of a named resolved mention; ``agency_rows(row, agency_id, alias)`` one per such mention;
#: ``agency_pairs(row, a, b)`` the agency pairs ``a < b`` named in the same article (``pair_cells`` per article).
ROLLUP_SQL.update({
    "agency_aliases": """SELECT CAST(row_number() OVER (ORDER BY agency_id, surface) - 1 AS INTEGER) AS alias,
        agency_id, surface FROM (SELECT DISTINCT m.agency_id, m.surface FROM mentions m WHERE {named})
        ORDER BY alias""",
    "agency_rows": """SELECT CAST(a.row AS INTEGER) AS row, m.agency_id, al.alias FROM mentions m
        JOIN articles a USING (article_id) JOIN agency_aliases al USING (agency_id, surface) WHERE {named}
        ORDER BY row, agency_id, alias""",
    "agency_pairs": """WITH u AS (SELECT DISTINCT row, agency_id FROM agency_rows)
        SELECT x.row, x.agency_id AS a, y.agency_id AS b FROM u x JOIN u y ON x.row = y.row AND x.agency_id < y.agency_id
        ORDER BY x.row, a, b""",
})
AGENCY_INDEX: tuple[str, ...] = ("agency_aliases", "agency_rows", "agency_pairs")
DERIVED: tuple[str, ...] = (*ROLLUPS, *AGENCY_INDEX)  # computed by SQL from the base tables, in this order


def rollup_sql(name: str) -> str:
    """The SQL of one roll-up table."""

    return ROLLUP_SQL[name].format(cell=_CELL.format(month=sql_period_code("date", "month")), named=_NAMED)


def rollups(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The roll-up tables of in-memory store tables (DuckDB over the Arrow tables)."""
    import duckdb

    con = duckdb.connect()
    try:
        for name in ("articles", "doc_terms", "mentions", "agencies"):
            con.register(name, tables[name])
        out = {}
        for name in DERIVED:  # in order: a later roll-up may read an earlier one
            t = con.sql(rollup_sql(name)).to_arrow_table()
            out[name] = t.cast(pa.schema([f.with_nullable(True) for f in t.schema]))  # as read from Parquet
            con.register(name, out[name])
        return out
    finally:
        con.close()


#: Articles per chunk when building the bigram index (the row fits in the packed sort key).
_BIGRAM_CHUNK = 100_000
_NL = 10  # "\n": title and body are joined by it, as ``analysis.filters.search_texts`` does; never in a query term


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, ascending (``np.unique`` without its options): an in-place
    sort and a neighbour test. numpy ≥ 2.3's ``np.unique`` hashes first and sorts the result, ≈ 8× slower on the
    tens of millions of packed bigram codes of a store part (measured: 6.6 s vs 0.8 s per 10,000 articles)."""
    out = np.array(values, copy=True)
    out.sort()
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def bigram_table(titles: list[str], bodies: list[str], row_offset: int = 0) -> pa.Table:
    """The character-bigram index of the query filter: ``bigrams(key, row)`` — one row per distinct pair of
    consecutive characters ``(c1, c2)`` of ``(title + "\n" + body).lower()`` per article (the text
    ``analysis.filters.query_mask`` searches), ``key = ord(c1) << 21 | ord(c2)``, ``row`` = dataset row
    (``row_offset`` + position); sorted by key, then row. Pairs with the ``"\n"`` are left out (a query term never
    holds white space). An article contains a term of two or more characters only if it holds every bigram
    of the term; for exactly two characters, if and only if."""
    keys_out, rows_out = [], []
    for lo in range(0, len(titles), _BIGRAM_CHUNK):
        texts = [f"{t}\n{b}".lower() for t, b in zip(titles[lo:lo + _BIGRAM_CHUNK], bodies[lo:lo + _BIGRAM_CHUNK])]
        if not texts:
            continue
        codes = np.frombuffer("\n".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        doc = np.repeat(np.arange(len(texts), dtype=np.int64), lens + 1)[:len(codes)]
        ok = (codes[:-1] != _NL) & (codes[1:] != _NL)
        key = (codes[:-1] << 21 | codes[1:])[ok]
        bits = max(1, int(len(texts)).bit_length())
        packed = sorted_unique(key << bits | doc[:-1][ok])
        keys_out.append(packed >> bits)
        rows_out.append((packed & ((1 << bits) - 1)) + lo + row_offset)
    key = np.concatenate(keys_out) if keys_out else np.zeros(0, np.int64)
    row = np.concatenate(rows_out) if rows_out else np.zeros(0, np.int64)
    if len(keys_out) > 1:
        order = np.lexsort((row, key))
        key, row = key[order], row[order]
    return pa.table({"key": key.astype(np.int64), "row": row.astype(np.int32)})


def term_bits(n_terms: int) -> int:
    """Low bits of a packed ``doc_rows`` value that hold the ``term_id`` (the count ``n`` is above them)."""
    return max(1, int(max(n_terms, 1) - 1).bit_length())


def doc_rows(row: np.ndarray, term_id: np.ndarray, n: np.ndarray, n_rows: int, n_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``doc_rows`` arrays of a run of ``n_rows`` articles: ``doc_terms`` by article row (row-major CSR, the
    layout a selection of rows reads) — ``indptr`` (int64, ``n_rows + 1``: the entries of row ``i`` are
    ``packed[indptr[i]:indptr[i + 1]]``) and ``packed = term_id | n << term_bits(n_terms)`` sorted by term
    inside a row, uint32 when every value fits (95k terms leave 15 bits for ``n`` ≤ 32,767), else uint64.
    ``row``: each ``doc_terms`` entry's row in the run (0-based)."""
    row = np.asarray(row, dtype=np.int64)
    term_id = np.asarray(term_id, dtype=np.int64)
    n = np.asarray(n, dtype=np.int64)
    bits = term_bits(n_terms)
    order = np.argsort(row * max(n_terms, 1) + term_id, kind="stable")
    value = term_id[order] | n[order] << bits
    fits = not len(value) or int(value.max()) < 2**32
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_rows), out=indptr[1:])
    return indptr, value.astype(np.uint32 if fits else np.uint64)


def write_doc_rows(folder, part: int, indptr: np.ndarray, packed: np.ndarray) -> None:
    """Write one part of ``doc_rows`` (:func:`doc_rows`) as ``part-<part>.npy`` (packed) and
    ``part-<part>.idx.npy`` (indptr) into ``folder`` (NumPy files: a reader maps them, no decoding)."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / f"part-{part:05d}.npy", packed)
    np.save(folder / f"part-{part:05d}.idx.npy", indptr)


def batches(table: pa.Table, rows: int = BATCH_ROWS) -> list[pa.RecordBatch]:
    """``table`` cut into record batches of at most ``rows`` rows (in order), each holding only its own rows
    (:func:`own_rows`)."""
    return [own_rows(b) for b in table.combine_chunks().to_batches(max_chunksize=max(1, rows))] \
        if table.num_rows else []


def own_rows(batch: pa.RecordBatch) -> pa.RecordBatch:
    """``batch`` with buffers of its own rows only. A slice of a larger batch shares that batch's buffers, and
    pickling it — what sends it to a runner's worker — writes them whole: each of the 2 batches of the 20k CCTV
    upload pickled to 31.1 MB, the whole text, instead of ≈ 15.5 (pyarrow 26; ``pa.concat_arrays`` copies
    the rows, ≈ 1 ms for 20 MB)."""
    return pa.RecordBatch.from_arrays([pa.concat_arrays([c]) for c in batch.columns], schema=batch.schema)


def work_table(df: pd.DataFrame, article_id=None) -> pa.Table:
    """What the runner's batches read of a keyed article table ``df``: ``article_id, title, body, source``
    (``source`` with the issuer, as ``find_mentions`` reads it: ``match_sources``). ``article_id``: other keys
    to send instead of ``df``'s (e.g. row positions, before the keys are known)."""
    ids = df[KEY].to_numpy(np.int64) if article_id is None else np.asarray(article_id, dtype=np.int64)
    return pa.table({"article_id": ids, "title": arrow_text(df["title"]), "body": arrow_text(df["body"]),
                     "source": pa.array(match_sources(df), pa.string())})


def policy_tables(df: pd.DataFrame) -> dict[str, pa.Table]:
    """``citations`` and ``doc_keys`` (``analysis.store.citations.citation_tables``) of a keyed article table
    (its ``doc_number`` when it has one: the 政策 page's own 文号)."""
    numbers = df["doc_number"].fillna("").astype(str).tolist() if "doc_number" in df else [""] * len(df)
    return citation_tables(df[KEY].to_numpy(np.int64), df["title"].tolist(), df["body"].tolist(), numbers)


def finish_tables(base: dict[str, pa.Table], parts: list[dict], query_indexes: bool = True) -> dict[str, pa.Table]:
    """Every store table from :func:`article_tables` ``base`` and the batches' :func:`analyze_batch` results
    ``parts`` (in row order), as :func:`build_tables` returns them."""
    derived = combine(parts)
    n_tokens = derived.pop("n_tokens")["n_tokens"]
    arts = base["articles"].append_column("n_tokens", n_tokens)
    tables = {"articles": arts, "article_text": base["article_text"], "duplicates": base["duplicates"], **derived}
    if not query_indexes:
        return tables
    text = base["article_text"]
    bigrams = bigram_table(text["title"].to_pylist(), text["body"].to_pylist())
    return {**tables, **rollups(tables), "bigrams": bigrams}


def build_tables(articles: pd.DataFrame, spec: AnalysisSpec, runner=None, *, batch_rows: int = BATCH_ROWS,
                 on_event: Callable[[Event], None] = no_progress, query_indexes: bool = True) -> dict[str, pa.Table]:
    """Every store table of ``articles`` (see the module docstring); the tokenizing and agency matching run
    on ``runner`` (default: this process) in batches of ``batch_rows`` articles. ``query_indexes=False``
    leaves out the roll-ups, the bigram index and the citation tables (optional tables only the DuckDB backend
    reads; the other tables are the same)."""
    df = keyed_articles(articles)
    base = article_tables(df)
    work = pa.table({"article_id": base["article_text"]["article_id"], "title": base["article_text"]["title"],
                     "body": base["article_text"]["body"],
                     "source": pa.array(match_sources(df), pa.string())})  # with the issuer, as find_mentions
    runner = runner or LocalRunner(1)
    parts = runner.map(analyze_batch, batches(work, batch_rows), spec, stage="analyze", on_event=on_event)
    tables = finish_tables(base, parts, query_indexes)
    return {**tables, **policy_tables(df)} if query_indexes else tables
