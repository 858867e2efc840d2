"""The session's dataset record (no Streamlit here): the article table, its parse report and the keys of the
derived data — the content digest (the library's) and the library id. ``ui.state`` keeps the session's
``Dataset``; ``ui.cache`` and ``ui.library`` build and read them without importing ``ui.state``."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.library import articles_digest
from analysis.loaders.report import ParseReport


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

    def __post_init__(self) -> None:
        if not self.digest:
            # the digest the library stores: a dataset keys the same caches whether or not it was saved
            self.digest = articles_digest(self.articles)
