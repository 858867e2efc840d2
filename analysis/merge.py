"""Merging article tables into one (moved from ``analysis.library``, which still exports ``merge_articles``;
``Library.merge`` uses it)."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.dedup import find_duplicates
from analysis.ids import with_article_ids
from analysis.schema import coerce_articles


def merge_articles(frames: Sequence[pd.DataFrame], *, recompute_duplicates: bool = True) -> pd.DataFrame:
    """Concatenate article tables, renumber ``id`` 1..n, keep every ``article_id`` (see
    ``analysis.ids.with_article_ids``) and keep ``duplicate_of`` consistent (see :meth:`Library.merge`):
    recomputed over the merged table (``analysis.dedup.find_duplicates``), or with
    ``recompute_duplicates=False`` each table's own marks shifted to the new ids (a mark to an id outside
    its table becomes <NA>). Inputs are not modified."""
    parts, offset = [], 0
    for frame in frames:
        df = with_article_ids(coerce_articles(frame))
        old_to_new = pd.Series(range(offset + 1, offset + len(df) + 1), index=df["id"].to_numpy())
        dup = df["duplicate_of"]
        mapped = dup.map(old_to_new).astype("Int64")  # a mark to an id not in the frame becomes <NA>
        df["id"] = old_to_new.to_numpy(dtype="int64")
        df["duplicate_of"] = mapped
        parts.append(df)
        offset += len(df)
    merged = coerce_articles(pd.concat(parts, ignore_index=True)) if parts else coerce_articles(pd.DataFrame())
    merged = with_article_ids(merged)
    if recompute_duplicates:
        merged["duplicate_of"] = find_duplicates(merged)
    return merged
