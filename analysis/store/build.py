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
  ``group_id`` is the original's ``article_id``.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.ids import KEY, with_article_ids
from analysis.schema import coerce_articles
from analysis.store.batch import AnalysisSpec, analyze_batch, combine
from analysis.store.runner import Event, LocalRunner, _noop

#: Articles per batch sent to a worker (≈ 1–3 MB of text for news articles).
BATCH_ROWS = 2000
META_COLUMNS = ("article_id", "row", "id", "date", "source", "author", "url", "file", "duplicate_of", "converted")


def keyed_articles(articles: pd.DataFrame) -> pd.DataFrame:
    """The article table typed and with ``article_id`` (see ``analysis.ids``)."""
    return with_article_ids(coerce_articles(articles))


def article_tables(df: pd.DataFrame) -> dict[str, pa.Table]:
    """``articles`` (without ``n_tokens``), ``article_text`` and ``duplicates`` of a keyed article table."""
    meta = pd.DataFrame({
        "article_id": df[KEY].to_numpy(np.int64), "row": np.arange(len(df), dtype=np.int64),
        "id": df["id"].to_numpy(np.int64), "date": df["date"].dt.date.astype(object).where(df["date"].notna(), None),
        **{c: df[c].astype(str).to_numpy(dtype=object) for c in ("source", "author", "url", "file")},
        "duplicate_of": df["duplicate_of"], "converted": df["converted"].to_numpy(bool)})
    schema = pa.schema([("article_id", pa.int64()), ("row", pa.int64()), ("id", pa.int64()), ("date", pa.date32()),
                        ("source", pa.string()), ("author", pa.string()), ("url", pa.string()),
                        ("file", pa.string()), ("duplicate_of", pa.int64()), ("converted", pa.bool_())])
    articles = pa.Table.from_pandas(meta, schema=schema, preserve_index=False)
    text = pa.table({"article_id": meta["article_id"].to_numpy(),
                     "title": pa.array(df["title"].astype(str).tolist(), pa.string()),
                     "body": pa.array(df["body"].astype(str).tolist(), pa.string())})
    by_id = pd.Series(meta["article_id"].to_numpy(), index=meta["id"].to_numpy())
    dup = df["duplicate_of"]
    has = dup.notna().to_numpy()
    group = np.full(len(df), -1, dtype=np.int64)
    group[has] = by_id.reindex(dup[has].astype("int64").to_numpy()).fillna(-1).astype(np.int64).to_numpy()
    originals = set(group[group >= 0].tolist())
    members = has & (group >= 0)
    ids = meta["article_id"].to_numpy()
    is_orig = np.fromiter((i in originals for i in ids.tolist()), dtype=bool, count=len(ids))
    group[is_orig] = ids[is_orig]
    keep = members | is_orig
    duplicates = pa.table({"article_id": ids[keep], "group_id": group[keep]})
    return {"articles": articles, "article_text": text, "duplicates": duplicates}


def batches(table: pa.Table, rows: int = BATCH_ROWS) -> list[pa.RecordBatch]:
    """``table`` cut into record batches of at most ``rows`` rows (in order)."""
    return table.combine_chunks().to_batches(max_chunksize=max(1, rows)) if table.num_rows else []


def build_tables(articles: pd.DataFrame, spec: AnalysisSpec, runner=None, *, batch_rows: int = BATCH_ROWS,
                 on_event: Callable[[Event], None] = _noop) -> dict[str, pa.Table]:
    """Every store table of ``articles`` (see the module docstring); the tokenizing and agency matching run
    on ``runner`` (default: this process) in batches of ``batch_rows`` articles."""
    df = keyed_articles(articles)
    base = article_tables(df)
    work = pa.table({"article_id": base["article_text"]["article_id"], "title": base["article_text"]["title"],
                     "body": base["article_text"]["body"], "source": base["articles"]["source"]})
    runner = runner or LocalRunner(1)
    parts = runner.map(analyze_batch, batches(work, batch_rows), spec, stage="analyze", on_event=on_event)
    derived = combine(parts)
    n_tokens = derived.pop("n_tokens")["n_tokens"]
    arts = base["articles"].append_column("n_tokens", n_tokens)
    return {"articles": arts, "article_text": base["article_text"], "duplicates": base["duplicates"], **derived}
