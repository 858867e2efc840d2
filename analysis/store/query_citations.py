"""The 政策 page's citation answers and document list for a selection of a store: the references of the
selected documents (``analysis.policy.citations.find_citations`` rows), the roles, the most cited titles and
the documents table with its ``citing`` / ``cited_by`` counts — exact, the 政策 page's own tables.

How (DuckDB backend): the store's ``citations`` table holds every body's references as found at ingest
(``analysis.store.citations``) with the corpus document each names, resolved over the whole corpus once when
the store was built (``resolved_id``: ``analysis.store.cite_resolve``, the page's
:class:`~analysis.policy.citation_index.CorpusIndex` rules); a query reads the selected articles' rows and
finishes them as :func:`~analysis.policy.citations.resolve_pending` does (self-references, the 文号 inside a
cited title's span). A target outside the selection stays named, as on the page (its citations are those of the
whole dataset). The policy fields (title, 文号,
发文机关, dates) come from the dataset's saved table (``data_file``, rows in the store's ``row`` order), as
``analysis.store.query_policy`` reads them.

Every function is ``f(backend, selection, data_file, ...)`` on both backends; a ``MemoryBackend`` runs the page's
code on the saved table (``find_citations`` of the whole table, rows of the selected citing documents) — the
reference ``tests/test_query_citations.py`` compares with. A store built before the citation tables or their
``resolved_id`` raises ``LoadError`` ``store.no_citations`` (:func:`has_citations` asks first).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import LoadError, invalid_option
from analysis.policy import citations as PC
from analysis.policy.documents import DOCUMENT_TABLE_COLUMNS, documents_table, filter_documents
from analysis.policy.metadata import LIST_SEP, split_list, with_policy_columns
from analysis.store.backends import Selection
from analysis.store.cite_resolve import COLUMN as RESOLVED, own_fields
from analysis.store.citations import TABLES as CITATION_TABLES
from analysis.store.query import selection_mask

#: The saved table's columns the documents table reads.
DOCUMENT_FIELDS = ("id", "title", "doc_number", "issuer", "date", "written_date", "effective_date", "status",
                   "doc_type")
#: References (stored rows) of a selection the page resolves and holds at most: 84,668 rows took 1.37 CPU s to
#: read and resolve and 1.0 CPU s for the most-cited table on the 100k bench store (``scripts/bench_policy.py``,
#: when they were resolved at query time; reading the targets stored at ingest costs less); above, the page asks
#: to narrow the filters (never a sample).
CITATION_MAX_ROWS = 50_000
#: Columns :func:`documents` may sort by (those of ``analysis.policy.documents.DOCUMENT_TABLE_COLUMNS``).
SORTS = DOCUMENT_TABLE_COLUMNS


def _quoted(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def stored_rows(backend, sel: Selection) -> int:
    """The stored references (rows of the ``citations`` table, before the resolution leaves out a few bare 文号)
    of the selected articles — what :data:`CITATION_MAX_ROWS` is compared with. DuckDB backend only (a
    ``MemoryBackend`` raises ``InvalidOption``: it holds no citation table)."""
    if backend.kind == "memory":
        raise invalid_option("backend", "memory", "duckdb")
    selection_mask(backend, sel)
    return int(backend.query(f"""SELECT count(*) AS n FROM citations c JOIN articles a ON a.article_id = c.article_id
      WHERE {sel.where}""", sel.params)["n"].iloc[0])


def has_citations(backend) -> bool:
    """Whether ``backend`` answers citations: always in memory; a store only when it was built with the citation
    tables and their targets (``resolved_id``, a full build of this version: ``python -m analysis ingest``) — a
    store of an older ingest opens, and its 政策 page asks for a re-ingest."""
    if backend.kind == "memory":
        return True
    if not all(backend.store.has(t) for t in CITATION_TABLES):
        return False
    known = getattr(backend, "_wj_resolved", None)   # (asked once per backend: its store never changes)
    if known is None:
        known = backend._wj_resolved = RESOLVED in backend.query("SELECT * FROM citations LIMIT 0").columns
    return known


# ------------------------------------------------------------------------------------------------ memory
def _memory_articles(data_file: Path | str) -> pd.DataFrame:
    return with_policy_columns(pd.read_parquet(data_file))


def _memory_citations(backend, sel: Selection, data_file) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the saved table with the policy columns, the page's citations of the selected citing documents)."""
    mask = np.asarray(selection_mask(backend, sel), dtype=bool)
    arts = _memory_articles(data_file)
    cites = PC.find_citations(arts)
    ids = set(arts.loc[mask, "id"].tolist())
    return arts[mask], cites[cites["id"].isin(ids)].reset_index(drop=True)


# ------------------------------------------------------------------------------------------------ duckdb
#: The text columns of a reference (the longest): left out of :func:`citations` with ``text=False``.
TEXT_COLUMNS = ("sentence", "written")


def _pending_rows(backend, sel: Selection, text: bool = True) -> pd.DataFrame:
    """The stored references of the selected articles with the citing document's ``id`` and ``row``, and their
    stored target (``target``: its ``article_id``, -1 = none; ``target_id``: its ``id``), in row then ``seq``
    order (without ``sentence`` and ``written`` when not ``text``)."""
    extra = "c.written, c.sentence, " if text else ""
    return backend.query(f"""SELECT a.row, a.id, a.article_id, c.seq, c.kind, c.cited_title, c.cited_doc_number,
        c.role, c.self, {extra}c.start, c.cover_self, c.cover_other,
        len(c.cover_self) + len(c.cover_other) AS n_cover, coalesce(c.resolved_id, -1) AS target,
        coalesce(tg.id, -1) AS target_id
      FROM citations c JOIN articles a ON a.article_id = c.article_id
        LEFT JOIN articles tg ON tg.article_id = c.resolved_id
      WHERE {sel.where} ORDER BY a.row, c.seq""", sel.params)


def _duck_citations(backend, sel: Selection, data_file, text: bool = True) -> pd.DataFrame:
    """:func:`analysis.policy.citations.resolve_pending` over the selection's stored rows, column by column,
    with the targets resolved over the whole corpus when the store was built (``resolved_id``:
    ``analysis.store.cite_resolve`` — so a target outside the selection is still named): a reference resolving
    to its own document is a self-reference (then a title row names the document's own title and 文号); a bare
    文号 whose ``cover_self`` / ``cover_other`` title row turned out self / not self is left out; rows in text
    order."""
    if not has_citations(backend):
        raise LoadError.of("store.no_citations", path=backend.store.path)
    got = _pending_rows(backend, sel, text)
    columns = [c for c in PC.CITATION_COLUMNS if text or c not in TEXT_COLUMNS]
    strings = [c for c in ("cited_title", "cited_doc_number", "role", *TEXT_COLUMNS) if c in columns]
    if got.empty:
        empty = pd.DataFrame([], columns=columns)
        for c in strings:
            empty[c] = empty[c].astype("str")   # (the text dtype of find_citations' rows, none selected)
        return _typed(empty)
    ids = got["id"].to_numpy(np.int64)
    pre = got["self"].to_numpy(bool)
    cited_title, cited_number = got["cited_title"].to_numpy(object), got["cited_doc_number"].to_numpy(object)
    rows = got["row"].to_numpy(np.int64)
    res = np.where(pre, -1, got["target"].to_numpy(np.int64))   # (a self row is stored without target)
    final_self = pre | (res == got["article_id"].to_numpy(np.int64))
    is_title = got["kind"].to_numpy(object) == "title"
    keep = np.ones(len(got), dtype=bool)
    seq = got["seq"].to_numpy(np.int64)
    for j in np.flatnonzero(got["n_cover"].to_numpy(np.int64) > 0):   # rare: a 文号 inside a cited title's span
        first = j - seq[j]   # the article's rows are contiguous in seq order, its title rows first
        if any(final_self[first + i] for i in got["cover_self"].iat[j]) or \
                any(not final_self[first + i] for i in got["cover_other"].iat[j]):
            keep[j] = False
    own = final_self & is_title   # a self-reference by title names the document's own title and 文号
    cited_title, cited_number = cited_title.copy(), cited_number.copy()
    if own.any():
        fields = own_fields(backend.con, data_file, rows[own])
        cited_title[own] = fields["title"].fillna("").reindex(rows[own]).to_numpy(object)
        cited_number[own] = fields["doc_number"].fillna("").reindex(rows[own]).to_numpy(object)
    out = pd.DataFrame({
        "id": ids, "cited_title": cited_title, "cited_doc_number": cited_number,
        "role": got["role"].to_numpy(object),
        "resolved_id": pd.array(np.where(final_self, ids, got["target_id"].to_numpy(np.int64)), dtype="Int64"),
        **({"sentence": got["sentence"].to_numpy(object)} if text else {}), "self": final_self,
        **({"written": got["written"].to_numpy(object)} if text else {}), "start": got["start"].to_numpy(np.int64)})
    out.loc[~final_self & (res < 0), "resolved_id"] = pd.NA
    order = np.lexsort((out["start"].to_numpy(), rows))   # (stable: equal starts keep seq order)
    out = out.iloc[order[keep[order]]].reset_index(drop=True)
    for c in strings:
        out[c] = out[c].astype("str")
    return _typed(out)


def _typed(out: pd.DataFrame) -> pd.DataFrame:
    """The dtypes of ``find_citations`` (built as it builds its frame: from :class:`Citation` rows)."""
    out["id"] = out["id"].astype("int64")
    out["resolved_id"] = out["resolved_id"].astype("Int64")
    out["self"] = out["self"].astype(bool)
    out["start"] = out["start"].astype("int64")
    return out


# ------------------------------------------------------------------------------------------------ answers
def citations(backend, sel: Selection, data_file: Path | str, *, text: bool = True) -> pd.DataFrame:
    """The references the selected documents make: ``analysis.policy.citations.find_citations`` of the whole
    dataset, rows of the selected citing documents (``CITATION_COLUMNS``, article then text order) — what the
    政策 page's citation table and counts are computed from. ``text=False`` leaves out :data:`TEXT_COLUMNS` (the
    counts, the most cited table and the documents table do not need them; about half the read: 0.23 vs 0.44 CPU s
    for 84,668 rows of the 100k bench store). Raises ``LoadError`` (``store.no_citations``) for a store without the
    citation tables and ``InvalidOption`` for another backend's selection."""
    if backend.kind == "memory":
        own = _memory_citations(backend, sel, data_file)[1]
        return own if text else own.drop(columns=list(TEXT_COLUMNS))
    selection_mask(backend, sel)   # (checks the selection is this backend's)
    return _duck_citations(backend, sel, data_file, text)


def targets(backend, data_file: Path | str, ids) -> pd.DataFrame:
    """``id, title, doc_number`` of the corpus documents ``ids`` (what the most-cited table names a resolved
    reference by), in dataset order."""
    ids = sorted({int(i) for i in ids})
    if not ids:   # (nothing resolved: no read)
        return pd.DataFrame({"id": pd.Series([], dtype="int64"), "title": pd.Series([], dtype="str"),
                             "doc_number": pd.Series([], dtype="str")})
    if backend.kind == "memory":
        arts = pd.read_parquet(data_file, columns=["id", "title", "doc_number"])
        return arts[arts["id"].isin(ids)].reset_index(drop=True)
    return backend.query(f"""SELECT id, title, doc_number FROM read_parquet({_quoted(data_file)}, file_row_number = true)
      WHERE id IN (SELECT unnest(?::BIGINT[])) ORDER BY file_row_number""", [ids])


def top_cited(backend, sel: Selection, data_file: Path | str, n: int = 20, *, inside: bool | None = None,
              cites: pd.DataFrame | None = None) -> pd.DataFrame:
    """``analysis.policy.citations.top_cited`` of the selected citing documents (``cites``: their
    :func:`citations`, when already read)."""
    own = citations(backend, sel, data_file) if cites is None else cites
    named = targets(backend, data_file, own["resolved_id"].dropna().tolist())
    return PC.top_cited(own, named, n, inside=inside)


def document_choices(backend, sel: Selection, data_file: Path | str) -> dict:
    """The choices of the documents table's filters over the selection: ``issuers`` (every name of the
    ``|``-joined 发文机关, sorted), ``statuses`` (sorted, non-empty), ``types`` (文种 by documents, most first, ties
    by name) and ``years`` (``{date column: (first year, last year) or None}``) — the 政策 page's widgets."""
    if backend.kind == "memory":
        mask = np.asarray(selection_mask(backend, sel), dtype=bool)
        arts = _memory_articles(data_file)[mask]
        issuers = sorted({i for v in arts["issuer"] for i in split_list(v)})
        types = arts.loc[arts["doc_type"] != "", "doc_type"].value_counts()
        types = sorted(types.index, key=lambda k: (-types[k], k))
        years = {}
        for c in ("date", "written_date", "effective_date"):
            y = pd.to_datetime(arts[c]).dropna().dt.year
            years[c] = (int(y.min()), int(y.max())) if len(y) else None
        return {"issuers": issuers, "statuses": sorted(s for s in arts["status"].unique() if s), "types": types,
                "years": years}
    selection_mask(backend, sel)
    src = f"""FROM articles a JOIN read_parquet({_quoted(data_file)}, file_row_number = true) p
      ON p.file_row_number = a.row WHERE {sel.where}"""
    issuers = backend.query(f"""SELECT DISTINCT v FROM (SELECT unnest(string_split(p.issuer, '{LIST_SEP}')) AS v
      {src}) WHERE v <> '' ORDER BY v""", sel.params)["v"].tolist()
    statuses = backend.query(f"SELECT DISTINCT p.status AS v {src} AND p.status <> '' ORDER BY v",
                             sel.params)["v"].tolist()
    types = backend.query(f"""SELECT p.doc_type AS v, count(*) AS n {src} AND p.doc_type <> '' GROUP BY v
      ORDER BY n DESC, v""", sel.params)["v"].tolist()
    span = backend.query(f"""SELECT {", ".join(f"min(year(p.{c})) AS lo_{c}, max(year(p.{c})) AS hi_{c}"
                                               for c in ("date", "written_date", "effective_date"))} {src}""",
                         sel.params).iloc[0]
    years = {c: (int(span[f"lo_{c}"]), int(span[f"hi_{c}"])) if pd.notna(span[f"lo_{c}"]) else None
             for c in ("date", "written_date", "effective_date")}
    return {"issuers": [str(v) for v in issuers], "statuses": [str(v) for v in statuses],
            "types": [str(v) for v in types], "years": years}


def documents(backend, sel: Selection, data_file: Path | str, *, cites: pd.DataFrame | None = None,
              text: str = "", issuers: list[str] | None = None, statuses: list[str] | None = None,
              types: list[str] | None = None, min_cited_by: int = 0, min_citing: int = 0,
              date_column: str = "date", years: tuple[int, int] | None = None, sort: str | None = None,
              descending: bool = False, limit: int | None = None, offset: int = 0) -> tuple[int, pd.DataFrame]:
    """The 政策 page's documents table of the selection (``documents_table`` then ``filter_documents`` with the
    same filters), sorted by ``sort`` (a column of :data:`SORTS`, stable, undated last; ``None`` = dataset
    order) and cut to ``limit`` rows from ``offset``: ``(rows after the filters, that page)``. ``cites``: the
    selection's :func:`citations` when already read. Raises ``InvalidOption`` for another ``sort`` or
    ``date_column``."""
    if sort is not None and sort not in SORTS:
        raise invalid_option("sort", sort, "|".join(SORTS))
    own = citations(backend, sel, data_file) if cites is None else cites
    if backend.kind == "memory":
        shown = _memory_citations(backend, sel, data_file)[0]
    else:
        shown = backend.query(f"""SELECT {", ".join("p." + c for c in DOCUMENT_FIELDS)} FROM articles a
          JOIN read_parquet({_quoted(data_file)}, file_row_number = true) p ON p.file_row_number = a.row
          WHERE {sel.where} ORDER BY a.row""", sel.params)
        for c in ("date", "written_date", "effective_date"):
            shown[c] = pd.to_datetime(shown[c]).astype("datetime64[ns]")
        if shown.empty:   # (DuckDB gives object columns for no rows; the saved table's text dtype otherwise)
            for c in ("title", "doc_number", "issuer", "status", "doc_type"):
                shown[c] = shown[c].astype("str")
    table = filter_documents(documents_table(shown, own), text=text, issuers=issuers, statuses=statuses,
                             types=types, min_cited_by=min_cited_by, min_citing=min_citing,
                             date_column=date_column, years=years)
    if sort is not None:
        table = table.sort_values(sort, ascending=not descending, kind="stable", na_position="last")
    end = None if limit is None else offset + limit
    return len(table), table.iloc[offset:end].reset_index(drop=True)
