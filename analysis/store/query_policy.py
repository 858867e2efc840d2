"""The 政策 page's answers that need no citation table, for a selection of a store: the policy fields
(文号 doc_number, 发文机关 issuer) the loader put in the dataset's saved table, read from the library's Parquet
file by column (``data_file``: ``<library>/data/<id>-<version>.parquet``, rows in the order of the store's
``row``) — nothing is re-ingested. Who cites whom needs the citations of every document against every other
(``analysis.policy.citations.find_citations``): not in the store yet, so not answered here.

Both functions are ``f(backend, selection, data_file, ...) -> DataFrame`` on both backends; on a
``MemoryBackend`` the saved table's columns are read with pandas and the page's own functions run
(``analysis.policy.documents.issuer_year``) — the reference ``tests/test_query_policy.py`` compares with.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

from analysis.policy.documents import UNKNOWN_ISSUER, first_issuer, issuer_year as page_issuer_year
from analysis.store.backends import Selection
from analysis.store.query import selection_mask

SUMMARY_COLUMNS = ("articles", "numbered", "issued")
#: The saved table's columns these answers read.
FIELDS = ("date", "doc_number", "issuer")


def has_policy_fields(data_file: Path | str) -> bool:
    """Does the saved table hold the policy fields (saved by a loader of this version)? A dataset saved before
    they existed has none: the in-memory page computes them from the text, a large dataset cannot (its text
    is not read) and says so."""
    return all(c in pq.read_schema(data_file).names for c in FIELDS)


def _quoted(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _memory_table(backend, data_file: Path | str, sel: Selection) -> pd.DataFrame:
    mask = selection_mask(backend, sel)   # (raises InvalidOption for another backend's selection)
    arts = pd.read_parquet(data_file, columns=list(FIELDS))
    arts["date"] = pd.to_datetime(arts["date"])
    return arts[np.asarray(mask, dtype=bool)]


def policy_summary(backend, sel: Selection, data_file: Path | str) -> pd.DataFrame:
    """One row: selected ``articles``, those with a 文号 (``numbered``) and with a 发文机关 (``issued``) — the
    counts of the 政策 page's caption (``views/policy.py``)."""
    if backend.kind == "memory":
        t = _memory_table(backend, data_file, sel)
        return pd.DataFrame([{"articles": len(t), "numbered": int((t["doc_number"] != "").sum()),
                              "issued": int((t["issuer"] != "").sum())}]).astype("int64")
    selection_mask(backend, sel)   # (checks the selection is this backend's)
    out = backend.query(f"""SELECT count(*) AS articles, count(*) FILTER (WHERE p.doc_number <> '') AS numbered,
        count(*) FILTER (WHERE p.issuer <> '') AS issued FROM articles a
      JOIN read_parquet({_quoted(data_file)}, file_row_number = true) p ON p.file_row_number = a.row
      WHERE {sel.where}""", sel.params)
    return out[list(SUMMARY_COLUMNS)].astype("int64")


def issuer_year(backend, sel: Selection, data_file: Path | str, top: int = 20,
                unknown: str = UNKNOWN_ISSUER) -> pd.DataFrame:
    """Selected documents per lead issuer (the first of the ``|``-joined 发文机关) and year of ``date``
    (undated left out): the ``top`` issuers by documents as rows (most first, ties in name order), years as
    columns (ascending, as text), 0 where none — ``analysis.policy.documents.issuer_year`` of the selection."""
    if backend.kind == "memory":
        return page_issuer_year(_memory_table(backend, data_file, sel), top=top, unknown=unknown)
    selection_mask(backend, sel)
    got = backend.query(f"""SELECT p.issuer, year(a.date) AS year, count(*) AS n FROM articles a
      JOIN read_parquet({_quoted(data_file)}, file_row_number = true) p ON p.file_row_number = a.row
      WHERE {sel.where} AND a.date IS NOT NULL GROUP BY p.issuer, year""", sel.params)
    if got.empty:
        return pd.DataFrame(columns=["issuer"])
    lead = {v: first_issuer(v, unknown) for v in got["issuer"].unique()}   # one split per distinct text
    got["lead"] = got["issuer"].map(lead)
    tab = got.pivot_table(index="lead", columns="year", values="n", aggfunc="sum", fill_value=0).astype("int64")
    tab.index.name, tab.columns.name = "issuer", "year"
    tab = tab.loc[tab.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]]
    tab.columns = [str(c) for c in tab.columns]
    return tab.reset_index()
