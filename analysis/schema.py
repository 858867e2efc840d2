"""The article table every loader produces and every analysis consumes.

One row per article. Text columns hold ``""`` when a field is unknown (never ``None``); ``date`` is a
``datetime64`` day (``NaT`` when unknown: a date is never invented); ``duplicate_of`` holds the ``id`` of
the first article of the same story (``<NA>`` for originals).

Extra columns (``EXTRA_COLUMNS``, after the contract columns; every loader fills them):

- ``converted`` (bool): traditional → simplified conversion changed the article.
- ``date_source`` (str): which rule gave ``date`` — one of ``DATE_SOURCES``:

  ============ ===================================================================================
  ``column``   a table's date column (CSV/TSV/XLSX/JSON field such as 发布时间 / pubDate)
  ``meta``     an HTML ``<meta>`` tag (PubDate, article:published_time …) or JSON-LD datePublished
  ``label``    a labelled line of the page: ``发布时间：…``, ``日期：…``, ``来源：X 2021-11-25 16:26``
  ``text``     a date in unlabelled text: a bare stamp under the title (``2019-09-26 10:56``)
  ``url``      the day in the article's URL (``/t20240430_…``), the last resort
  ``headnote`` a policy document's headnote (added by the policy-documents module)
  ``""``       no date (``date`` is ``NaT``)
  ============ ===================================================================================

- ``written_date`` (``datetime64`` day): 成文日期, the day a policy document was signed, where the input
  states it apart from the publish date (a 成文日期 column or label); ``NaT`` otherwise. On 政府信息公开
  pages showing both, ``date`` is the 发布日期 and ``written_date`` the 成文日期.
"""
from __future__ import annotations

import pandas as pd

#: Output columns of ``python -m analysis articles`` (the stable CLI contract), in order.
ARTICLE_COLUMNS: tuple[str, ...] = (
    "id", "title", "date", "source", "author", "url", "body", "file", "duplicate_of",
)
#: Extra columns the loader may add after the contract columns.
EXTRA_COLUMNS: tuple[str, ...] = ("converted", "date_source", "written_date")
#: Codes of ``date_source`` (see the module docstring); ``""`` means no date.
DATE_SOURCES: tuple[str, ...] = ("column", "meta", "label", "text", "url", "headnote", "")
TEXT_COLUMNS: tuple[str, ...] = ("title", "source", "author", "url", "body", "file")


def empty_articles() -> pd.DataFrame:
    """An article table with no rows and the right dtypes."""
    return coerce_articles(pd.DataFrame({c: [] for c in ARTICLE_COLUMNS}))


def coerce_articles(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` with every contract column present and typed (never mutates ``df``)."""
    out = df.copy()
    n = len(out)
    for col in TEXT_COLUMNS:
        if col not in out:
            out[col] = [""] * n
        out[col] = out[col].fillna("").astype(str)
    if "id" not in out:
        out["id"] = range(1, n + 1)
    out["id"] = out["id"].astype("int64")
    out["date"] = pd.to_datetime(out["date"] if "date" in out else pd.Series([pd.NaT] * n), errors="coerce")
    out["date"] = out["date"].astype("datetime64[ns]").dt.normalize()
    dup = out["duplicate_of"] if "duplicate_of" in out else pd.Series([pd.NA] * n, dtype="Int64")
    out["duplicate_of"] = pd.array(dup, dtype="Int64")
    if "converted" not in out:
        out["converted"] = False
    out["converted"] = out["converted"].fillna(False).astype(bool)
    if "date_source" not in out:
        out["date_source"] = [""] * n
    out["date_source"] = out["date_source"].fillna("").astype(str).where(out["date"].notna(), "")
    written = out["written_date"] if "written_date" in out else pd.Series([pd.NaT] * n, index=out.index)
    out["written_date"] = pd.to_datetime(written, errors="coerce").astype("datetime64[ns]").dt.normalize()
    cols = list(ARTICLE_COLUMNS) + list(EXTRA_COLUMNS)
    rest = [c for c in out.columns if c not in cols]
    return out[cols + rest].reset_index(drop=True)


def dates_as_text(dates: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` strings, ``""`` for unknown dates (the CLI's date format)."""
    return dates.dt.strftime("%Y-%m-%d").fillna("")
