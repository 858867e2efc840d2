"""Resolving the stored references once, when the store is built: the ``resolved_id`` column of the store's
``citations`` table (``analysis.store.citations``), so a 政策 query reads its targets instead of resolving them.

``resolved_id`` of a stored reference = the ``article_id`` of the corpus document
:meth:`analysis.policy.citation_index.CorpusIndex.resolve` picks for it over the **whole** corpus — never one
written after the citing document (``until`` = :func:`~analysis.policy.citation_index.written_by` of the citing
document), the version rules of ``analysis.policy`` — or null when it names none, or when the reference names
its own document by its text alone (``self``: never resolved, :func:`analysis.policy.citations.resolve_pending`).
It may be the citing article itself: the query then makes the row a self-reference, as ``resolve_pending`` does.

Two builders, one rule (:func:`resolve`):

- :func:`frame_resolved` — a store built in one process (``analysis.store.build.build_tables``, an upload): the
  article table in memory, the index over the documents its ``doc_keys`` find for the looked-up keys;
- :func:`write_resolved` — ``python -m analysis ingest``: the workers' parts cannot see each other, so after every
  part and the dataset's saved table are written, each distinct (cited title, 文号, ``until``) is resolved once
  with an index over the documents that answer to its keys (``doc_keys``: every document holding a looked-up
  key is among them, so it resolves as the index of the whole corpus does) and the parts are written with the
  column. Cost on the 1M bench store: printed by ``scripts/bench_policy.py --resolve``.

A store written before this column existed (an older ingest) opens, and its 政策 page asks for a re-ingest
(``analysis.store.query_citations.has_citations``); the code files are part of the store key
(``analysis.store.citations.SOURCE_FILES``), so a dataset's own store is rebuilt.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.policy.citation_index import CorpusIndex, number_parts, version_year
from analysis.store.citations import key_hash, lookup_keys

#: The column this module adds to ``citations`` (int64, nullable: the cited document's ``article_id``).
COLUMN = "resolved_id"
#: The fields of a document the index and ``until`` read (the saved table's columns, ``id`` = ``article_id``).
INDEX_FIELDS = ("title", "doc_number", "written_date", "date", "duplicate_of")


def _quoted(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def until_years(fields: pd.DataFrame) -> np.ndarray:
    """:func:`~analysis.policy.citation_index.written_by` of each row of ``fields`` (``title, doc_number,
    written_date, date``; missing columns = unknown) as int64, -1 = unknown: the version note or 文号 year, else
    the year of 成文日期, else of the publish date (the dates parsed column-wise)."""
    n = len(fields)
    titles = fields["title"].tolist() if "title" in fields else [""] * n
    numbers = fields["doc_number"].tolist() if "doc_number" in fields else [""] * n
    dated = [pd.to_datetime(fields[c], errors="coerce").dt.year.fillna(-1).astype(np.int64).to_numpy()
             if c in fields else np.full(n, -1, dtype=np.int64) for c in ("written_date", "date")]
    out = np.where(dated[0] >= 0, dated[0], dated[1])
    for i, (title, number) in enumerate(zip(titles, numbers)):
        parts = number_parts(number) if number else None
        year = version_year(title or "") or (parts[1] if parts and parts[1] else None)
        if year:
            out[i] = year
    return out.astype(np.int64)


def resolve(titles, numbers, self_: np.ndarray, until: np.ndarray,
            index_for: Callable[[set[tuple[str, str]]], CorpusIndex]) -> np.ndarray:
    """The target of each stored reference (cited ``titles`` / ``numbers``, ``self_`` by its text, ``until``
    year of its citing document, -1 unknown): the ``id`` ``index_for(pairs)`` resolves it to, -1 for none and
    for ``self_`` rows — int64, aligned with the input. Each distinct (title, 文号, until) is resolved once;
    ``index_for`` gets the (title, 文号) pairs to answer."""
    self_ = np.asarray(self_, dtype=bool)
    out = np.full(len(self_), -1, dtype=np.int64)
    if len(self_) == 0 or self_.all():
        return out
    codes, triples = pd.factorize(pd.MultiIndex.from_arrays([pd.Index(titles, dtype=object),
                                                             pd.Index(numbers, dtype=object), until]))
    needed = np.unique(codes[~self_])
    plist = triples.tolist()
    index = index_for({(plist[c][0] or "", plist[c][1] or "") for c in needed})
    target = np.full(len(plist), -1, dtype=np.int64)
    for c in needed:
        title, number, year = plist[c]
        hit = index.resolve(title or "", number or "", None if year < 0 else int(year))
        target[c] = -1 if hit is None else hit
    return np.where(self_, -1, target[codes])


def _column(target: np.ndarray) -> pa.Array:
    return pa.array(target, pa.int64(), mask=target < 0)


def with_resolved(cites: pa.Table, target: np.ndarray) -> pa.Table:
    """``cites`` with the :data:`COLUMN` of ``target`` (-1 = null) appended."""
    return cites.append_column(COLUMN, _column(np.asarray(target, dtype=np.int64)))


def frame_resolved(tables: dict[str, pa.Table], df: pd.DataFrame, key: str = "article_id") -> pa.Table:
    """The ``citations`` of ``tables`` (``citations`` and ``doc_keys`` of the whole keyed article table ``df``,
    built in one process) with :data:`COLUMN`, as the ingest resolves them: ``until`` of each citing document
    from its row, the index over the documents answering to a looked-up key (``doc_keys``) only. The 20k CCTV
    corpus's citation stage: 0.99 CPU s with this column vs 0.86 without (an index over every document: 1.23;
    ``scripts/bench_cite_resolve.py``, same run)."""
    cites, keys = tables["citations"], tables["doc_keys"]
    ids = pd.Index(df[key].to_numpy(np.int64))
    fields = [c for c in INDEX_FIELDS if c in df]
    aid = cites["article_id"].to_numpy()
    self_ = cites["self"].to_numpy(zero_copy_only=False).astype(bool)
    until = np.full(len(aid), -1, dtype=np.int64)
    if (~self_).any():
        pos = ids.get_indexer(aid[~self_])
        rows = np.unique(pos)
        years = pd.Series(until_years(df.iloc[rows][fields].reset_index(drop=True)), index=rows)
        until[~self_] = years.reindex(pos).to_numpy()
    key_ids, key_hashes = keys["article_id"].to_numpy(), keys["key"].to_numpy()

    def index_for(pairs: set[tuple[str, str]]) -> CorpusIndex:
        hashes = np.array(sorted({key_hash(k) for t, n in pairs for k in lookup_keys(t, n)}), dtype=np.int64)
        rows = np.sort(ids.get_indexer(np.unique(key_ids[np.isin(key_hashes, hashes)])))
        sub = df.iloc[rows]
        return CorpusIndex(pd.DataFrame({"id": sub[key].to_numpy(np.int64),
                                         **{c: sub[c].reset_index(drop=True) for c in fields}}))

    target = resolve(cites["cited_title"].to_pylist(), cites["cited_doc_number"].to_pylist(), self_, until,
                     index_for)
    return with_resolved(cites, target)


def own_fields(con, data_file: Path | str, rows) -> pd.DataFrame:
    """``row, title, doc_number, written_date, date`` of the dataset ``rows`` (the saved table's), indexed by
    row (``con``: a DuckDB connection)."""
    got = con.execute(f"""SELECT file_row_number AS row, title, doc_number, written_date, date
      FROM read_parquet({_quoted(data_file)}, file_row_number = true)
      WHERE file_row_number IN (SELECT unnest(?::BIGINT[]))""", [sorted({int(r) for r in rows})]).df()
    return got.set_index("row")


def store_index(con, data_file: Path | str, pairs: set[tuple[str, str]]) -> CorpusIndex:
    """The corpus index over the documents answering to a key the references ``pairs`` (cited title, cited
    文号) look up (``doc_keys`` joined with ``articles`` on ``con``), ``id`` = their ``article_id``, in dataset
    order, with their 文号, dates and duplicate mark from the saved table ``data_file``."""
    hashes = sorted({key_hash(k) for t, n in pairs for k in lookup_keys(t, n)})
    con.register("wj_cite_keys", pd.DataFrame({"key": np.asarray(hashes, dtype=np.int64)}))
    try:
        docs = con.execute(f"""SELECT a.article_id AS id, p.title, p.doc_number, p.written_date, p.date,
            p.duplicate_of
          FROM read_parquet({_quoted(data_file)}, file_row_number = true) p
          JOIN articles a ON a.row = p.file_row_number
          WHERE a.article_id IN (SELECT k.article_id FROM doc_keys k WHERE k.key IN (SELECT key FROM wj_cite_keys))
          ORDER BY p.file_row_number""").df()
    finally:
        con.unregister("wj_cite_keys")
    return CorpusIndex(docs)


def write_resolved(con, data_file: Path | str, parts: list[tuple[Path, Path]]) -> int:
    """Write each pending ``citations`` part ``(source, destination)`` of ``parts`` (row order) with
    :data:`COLUMN` resolved over the whole corpus (``con``: DuckDB with the views ``articles`` and ``doc_keys``
    of the whole store; ``data_file``: the dataset's saved table). Holds the cited titles and 文号 of every
    part, then one part at a time. Returns the rows resolved to a document."""
    if not parts:
        return 0
    narrow = [pq.read_table(src, columns=["article_id", "cited_title", "cited_doc_number", "self"])
              for src, _ in parts]
    every = pa.concat_tables(narrow)
    aid = every["article_id"].to_numpy()
    self_ = every["self"].to_numpy(zero_copy_only=False).astype(bool)
    until = np.full(len(aid), -1, dtype=np.int64)
    if (~self_).any():
        arts = con.execute("SELECT article_id, row FROM articles WHERE article_id IN "
                           "(SELECT unnest(?::BIGINT[]))", [np.unique(aid[~self_]).tolist()]).df()
        row_of = pd.Series(arts["row"].to_numpy(np.int64), index=arts["article_id"].to_numpy(np.int64))
        fields = own_fields(con, data_file, arts["row"].to_numpy())
        years = pd.Series(until_years(fields), index=fields.index)
        until[~self_] = years.reindex(row_of.reindex(aid[~self_]).to_numpy()).to_numpy()
    target = resolve(every["cited_title"].to_pylist(), every["cited_doc_number"].to_pylist(), self_, until,
                     lambda pairs: store_index(con, data_file, pairs))
    del every
    start = 0
    for (src, dst), t in zip(parts, narrow):
        end = start + t.num_rows
        dst.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(with_resolved(pq.read_table(src), target[start:end]), dst, compression="zstd")
        start = end
    return int((target >= 0).sum())


def resolve_parts(out: Path, data_file: Path | str, parts: list[tuple[Path, Path]], memory: str = "1GB") -> dict:
    """The end of an ingest: :func:`write_resolved` of the pending ``citations`` ``parts`` against the store
    parts in ``out`` (``articles``, ``doc_keys``; DuckDB at most ``memory``). Returns ``resolved`` (rows
    resolved to a document) and ``cpu_s`` (this process's CPU seconds)."""
    import duckdb
    import time

    cpu = time.process_time()
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit = '{memory}'")
        for name in ("articles", "doc_keys"):
            path = out / f"{name}.parquet"
            src = str(path / "*.parquet") if path.is_dir() else str(path)
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_quoted(src)})")
        n = write_resolved(con, data_file, parts)
    finally:
        con.close()
    return {"resolved": n, "cpu_s": round(time.process_time() - cpu, 2)}
