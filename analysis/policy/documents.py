"""The tables of the 政策 page: the documents table (with citation counts), its filter, and issuer × year.

Pure functions of the article table (with the policy columns) and the citation table; the figures drawn
from them are in ``analysis.figures.policy``.
"""
from __future__ import annotations

import pandas as pd

from analysis.errors import invalid_option
from analysis.policy.citations import document_counts
from analysis.policy.metadata import split_list

DOCUMENT_TABLE_COLUMNS = ("id", "title", "doc_number", "issuer", "date", "written_date", "effective_date", "status",
                          "doc_type", "citing", "cited_by")


def documents_table(articles: pd.DataFrame, citations: pd.DataFrame) -> pd.DataFrame:
    """One row per article: :data:`DOCUMENT_TABLE_COLUMNS` (dates as ``datetime64``; ``citing`` /
    ``cited_by`` from :func:`analysis.policy.citations.document_counts`)."""
    counts = document_counts(citations, articles)
    out = articles[[c for c in DOCUMENT_TABLE_COLUMNS if c in articles]].merge(counts, on="id", how="left")
    return out[list(DOCUMENT_TABLE_COLUMNS)]


def filter_documents(table: pd.DataFrame, *, text: str = "", issuers: list[str] | None = None,
                     statuses: list[str] | None = None, types: list[str] | None = None,
                     min_cited_by: int = 0, min_citing: int = 0, date_column: str = "date",
                     years: tuple[int, int] | None = None) -> pd.DataFrame:
    """Rows of a :func:`documents_table` whose title or 文号 contains ``text`` (case-insensitive), with one of
    ``issuers`` among its issuers, a ``status`` / ``doc_type`` in the given lists (``None`` or empty = any),
    at least ``min_cited_by`` / ``min_citing``, and — when ``years`` = (first, last) is given — a
    ``date_column`` (``date``, ``written_date`` or ``effective_date``) in those years (undated rows left out).
    Raises ``InvalidOption`` for another ``date_column``."""
    if date_column not in ("date", "written_date", "effective_date"):
        raise invalid_option("date_column", date_column, "date|written_date|effective_date")
    keep = pd.Series(True, index=table.index)
    if years is not None:
        year = table[date_column].dt.year
        keep &= year.between(years[0], years[1]).fillna(False).astype(bool)
    if text.strip():
        q = text.strip().lower()
        keep &= table["title"].str.lower().str.contains(q, regex=False) | \
            table["doc_number"].str.lower().str.contains(q, regex=False)
    if issuers:
        wanted = set(issuers)
        keep &= table["issuer"].map(lambda v: bool(wanted & set(split_list(v))))
    if statuses:
        keep &= table["status"].isin(statuses)
    if types:
        keep &= table["doc_type"].isin(types)
    keep &= (table["cited_by"] >= min_cited_by) & (table["citing"] >= min_citing)
    return table[keep].reset_index(drop=True)


#: The issuer code of documents without one: the callers word it (the 政策 page ``pof.unknown``, the report
#: ``policy.unknown``).
UNKNOWN_ISSUER = "unknown"


def first_issuer(value: object, unknown: str = UNKNOWN_ISSUER) -> str:
    """The first (lead) issuer of a ``|``-joined issuer string, ``unknown`` when none."""
    parts = split_list(value)
    return parts[0] if parts else unknown


def issuer_year(articles: pd.DataFrame, top: int = 20, unknown: str = UNKNOWN_ISSUER) -> pd.DataFrame:
    """Documents per lead issuer and year of ``date`` (undated left out): the ``top`` issuers by documents as
    rows (most first), years as columns (ascending), 0 where none."""
    d = articles[articles["date"].notna()]
    if d.empty:
        return pd.DataFrame(columns=["issuer"])
    frame = pd.DataFrame({"issuer": d["issuer"].map(lambda v: first_issuer(v, unknown)).to_numpy(), "year": d["date"].dt.year.to_numpy()})
    tab = pd.crosstab(frame["issuer"], frame["year"])
    tab = tab.loc[tab.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    tab.columns = [str(c) for c in tab.columns]
    return tab.reset_index()


