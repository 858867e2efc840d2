"""The session's dataset record (no Streamlit here): the article table, its parse report and the keys of the
derived data — the content digest (the library's) and the library id. ``ui.state`` keeps the session's
``Dataset``; ``ui.cache`` and ``ui.library`` build and read them without importing ``ui.state``."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.library import articles_digest
from analysis.loaders.report import ParseReport

#: The columns a large dataset keeps in memory (≈ 40 bytes per article: 40 MB at 1,000,000 articles): what the
#: sidebar's filters, the counts and the volume timeline read row by row. Titles, bodies and the rest are read
#: from the store a page of rows at a time.
LIGHT_COLUMNS = ("id", "date", "source", "file", "duplicate_of")

@dataclass
class Dataset:
    """One dataset of a session: ``articles`` (``analysis.schema`` columns, shared read-only), ``report`` (the
    parse report, ``None`` when unknown), ``sample`` (the built-in sample), ``digest`` (content digest of
    ``analysis.library.articles_digest``, computed when not given) and ``library_id`` ("" when not saved:
    the sample, or an upload the library could not keep)."""

    name: str
    articles: pd.DataFrame
    report: ParseReport | None = None
    sample: bool = False
    digest: str = field(default="")
    #: id of the saved copy in the dataset library ("" when not saved: the sample, or a failed save)
    library_id: str = ""
    #: a large saved dataset (above ``analysis.store.store.MEMORY_MAX_ARTICLES``): the folder of the store its
    #: pages query with DuckDB (``ui.large``); ``articles`` then holds only :data:`LIGHT_COLUMNS`, no text
    store: str = ""

    @property
    def large(self) -> bool:
        """True when the pages read this dataset through its store (DuckDB), not from ``articles``."""
        return bool(self.store)

    def __post_init__(self) -> None:
        if not self.digest:
            # the digest the library stores: a dataset keys the same caches whether or not it was saved
            self.digest = articles_digest(self.articles)


def light_articles(store) -> pd.DataFrame:
    """The :data:`LIGHT_COLUMNS` of a store's ``articles`` table (an ``analysis.store.store.Store``) in dataset
    row order, with the dtypes of ``analysis.schema`` (``date`` datetime64 day, ``duplicate_of`` Int64): the
    in-memory part of a large dataset."""
    table = store.read("articles", columns=["row", *LIGHT_COLUMNS])
    frame = table.to_pandas(deduplicate_objects=True, date_as_object=False)   # (one string object per name)
    frame = frame.sort_values("row", kind="stable").drop(columns=["row"]).reset_index(drop=True)
    frame["id"] = frame["id"].astype("int64")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["duplicate_of"] = pd.array(frame["duplicate_of"], dtype="Int64")
    for col in ("source", "file"):
        frame[col] = frame[col].fillna("").astype(str)
    return frame[list(LIGHT_COLUMNS)]
