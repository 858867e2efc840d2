"""The query layer's row-level answers: the text of selected articles, never counts — one page of the
selected articles (:func:`article_rows`, the 文章 and 数据 pages of a large dataset), one article with its agency
mentions (:func:`article_at`, the reader) and the KWIC lines of a term (:func:`kwic`). On both backends of
``analysis.store.backends`` with identical results (``tests/test_store.py``, ``tests/test_store_pages.py``); the
SQL backend reads only the row groups holding the rows it returns (:func:`~analysis.store.backends.read_text_rows`).

The counting aggregations over a selection (top terms, agencies, volume, sources, the 概览 numbers) are in
``analysis.store.query``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.errors import invalid_option
from analysis.kwic import kwic as kwic_rows, left_out_reason
from analysis.store.backends import Selection, read_text_rows
from analysis.store.selection import check_selection


#: The columns :func:`article_rows` returns (the article lists of the 文章 and 数据 pages; no body).
ROW_COLUMNS = ("row", "id", "title", "date", "source", "author", "url", "file", "duplicate_of")


def article_rows(backend, sel: Selection, *, limit: int, offset: int = 0, order: str = "newest",
                 body: bool = False, rows: np.ndarray | None = None) -> pd.DataFrame:
    """One page of the selected articles: :data:`ROW_COLUMNS` (``row`` = dataset row; plus ``body`` with
    ``body=True``) in ``order`` — ``newest`` (by date, newest first, undated last, then ``id``), ``oldest``
    (oldest first, undated last, then ``id``) or ``row`` (dataset order: a page is one stretch of the store's
    row groups, the cheap order for a large dataset) — rows ``offset`` … ``offset + limit - 1`` of that order.
    The SQL backend pages the ``articles`` table (``LIMIT``/``OFFSET``) and reads only those rows' text
    (:func:`read_text_rows`). ``rows``: only these dataset rows of the selection (a drill-down: the articles
    behind a bar). Raises ``InvalidOption`` for a negative ``limit`` or ``offset`` or an unknown ``order``."""
    check_selection(backend, sel)
    if limit < 0 or offset < 0:
        raise invalid_option("limit/offset", f"{limit}/{offset}", "integers ≥ 0")
    if order not in ("newest", "oldest", "row"):
        raise invalid_option("order", order, "newest, oldest or row")
    cols = [*ROW_COLUMNS, *(["body"] if body else [])]
    if backend.kind == "memory":
        assert sel.mask is not None  # memory selections carry their mask
        keep = sel.mask.copy()
        if rows is not None:
            keep &= np.isin(np.arange(len(keep)), np.asarray(rows, dtype=np.int64))
        arts = backend.articles.assign(row=np.arange(len(backend.articles)))[keep]
        if order != "row":
            arts = arts.sort_values(["date", "id"], ascending=[order == "oldest", True], na_position="last",
                                    kind="stable")
        out = arts.iloc[offset:offset + limit][cols].reset_index(drop=True)
    else:
        where = sel.where
        if rows is not None:
            name = f"_page_rows_{id(rows)}"
            backend.con.register(name, pa.table({"row": np.asarray(rows, dtype=np.int64)}))
            where = f"({where}) AND a.row IN (SELECT row FROM {name})"
        by = "a.row" if order == "row" else f"a.date {'DESC' if order == 'newest' else 'ASC'} NULLS LAST, a.id"
        try:
            out = backend.query(f"""SELECT a.row, a.id, a.date, a.source, a.author, a.url, a.file, a.duplicate_of
              FROM articles a WHERE {where} ORDER BY {by} LIMIT {int(limit)} OFFSET {int(offset)}""", sel.params)
        finally:
            if rows is not None:
                backend.con.unregister(name)
        out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
        titles, bodies = _texts(backend.store, out["row"].to_numpy(np.int64), body)
        out["title"] = titles
        if body:
            out["body"] = bodies
        out = out[cols]
    out["duplicate_of"] = pd.array(out["duplicate_of"], dtype="Int64")
    return out.astype({"row": "int64", "id": "int64", **{c: "str" for c in cols
                                                         if c in ("title", "source", "author", "url", "file", "body")}})


def _texts(store, rows: np.ndarray, body: bool) -> tuple[list[str], list[str] | None]:
    """Titles (and bodies) of dataset ``rows`` in the given order, read from the row groups holding them."""
    order = np.argsort(rows, kind="stable")
    titles: list = [""] * len(rows)
    bodies: list | None = [""] * len(rows) if body else None
    for idx, t, b in read_text_rows(store, rows[order], body=body):
        for k, pos in enumerate(order[idx].tolist()):
            titles[pos] = t[k]
            if bodies is not None and b is not None:
                bodies[pos] = b[k]
    return titles, bodies


def article_at(backend, row: int) -> tuple[pd.Series, pd.DataFrame]:
    """The article at dataset row ``row`` (:data:`ROW_COLUMNS` + ``body``) and its named agency mentions
    (``agency, surface, level``, one row per mention ordered by field and position: what the reader highlights;
    ``level`` lets it leave foreign bodies out like every other view, ``analysis.agency_counts.government_mentions``).
    Raises ``InvalidOption`` for a row outside the dataset."""
    n = len(backend.articles) if backend.kind == "memory" else backend.store.n_articles
    if not 0 <= row < n:
        raise invalid_option("row", row, f"a row of the dataset (0 … {n - 1})")
    if backend.kind == "memory":
        art = backend.articles.iloc[row]
        art = pd.Series({"row": row, **{c: art[c] for c in ROW_COLUMNS if c != "row"}, "body": art["body"]})
        m = backend.mentions
        m = m[(m["row"] == row) & (m["agency"] != "")].sort_values(["field", "start"], kind="stable")
        return art, m[["agency", "surface", "level"]].astype(str).reset_index(drop=True)
    one = backend.query("""SELECT a.row, a.id, a.date, a.source, a.author, a.url, a.file, a.duplicate_of,
      a.article_id FROM articles a WHERE a.row = ?""", [int(row)])
    rec = one.iloc[0].copy()
    titles, bodies = _texts(backend.store, np.array([row], dtype=np.int64), True)
    rec["title"], rec["body"] = titles[0], (bodies or [""])[0]
    art = pd.Series({c: rec[c] for c in (*ROW_COLUMNS, "body")})
    art["row"], art["id"] = int(art["row"]), int(art["id"])
    art["date"] = pd.Timestamp(rec["date"]) if pd.notna(rec["date"]) else pd.NaT
    art["duplicate_of"] = int(rec["duplicate_of"]) if pd.notna(rec["duplicate_of"]) else pd.NA
    m = backend.query("""SELECT g.agency, m.surface, m.level FROM mentions m JOIN agencies g USING (agency_id)
      WHERE m.article_id = ? AND g.agency <> '' ORDER BY m.field, m.start""", [int(rec["article_id"])])
    return art, m.astype(str).reset_index(drop=True)


def kwic(backend, sel: Selection, term: str, *, tokenizer=None, width: int = 20, sort: str = "position",
         limit: int | None = None) -> pd.DataFrame:
    """Concordance of ``term`` in the selection (``id, file, left, term, right``: ``analysis.kwic.kwic``).
    The SQL backend reads the text of candidate articles only: those whose ``doc_terms`` hold the term
    (with a tokenizer) or whose text contains it (substring mode)."""
    check_selection(backend, sel)

    if backend.kind == "memory":
        return kwic_rows(backend.articles, term, width, sel.mask, tokenizer=tokenizer, sort=sort, limit=limit)
    t = (term or "").strip()
    if not t:
        return kwic_rows(pd.DataFrame(columns=["id", "file", "title", "body"]), term, width, tokenizer=tokenizer)
    # a stopword / single character has no doc_terms of its own (kwfix): its candidates are the texts that hold
    # it, matched as whole words by the tokenizer
    in_table = tokenizer is not None and left_out_reason(t, tokenizer) is None
    if in_table:
        return _kwic_by_term(backend, sel, term, tokenizer, width=width, sort=sort, limit=limit)
    if backend.bigrams and len(t) >= 2 and "\n" not in t:  # candidates from the bigram index, then their text
        return _kwic_by_term(backend, sel, term, tokenizer, width=width, sort=sort, limit=limit, by_bigrams=True)
    cand = "(contains(t.title || chr(10) || t.body, ?))"
    extra = [t]
    sql = f"""SELECT a.row, a.id, a.file, t.title, t.body FROM articles a
      JOIN article_text t USING (article_id) WHERE {sel.where} AND {cand} AND a.row > ? ORDER BY a.row"""
    if limit is None or sort != "position":
        sub = backend.query(sql, [*sel.params, *extra, -1])
        return kwic_rows(sub.drop(columns=["row"]), term, width, tokenizer=tokenizer, sort=sort, limit=limit)
    # position order with a limit: read candidate articles page by page until the limit is reached
    parts, rows, after = [], 0, -1
    while rows < limit:
        sub = backend.query(f"{sql} LIMIT {int(limit) - rows}", [*sel.params, *extra, after])
        if sub.empty:
            break
        after = int(sub["row"].iloc[-1])
        part = kwic_rows(sub.drop(columns=["row"]), term, width, tokenizer=tokenizer, limit=limit - rows)
        parts.append(part)
        rows += len(part)
    if not parts:
        return kwic_rows(pd.DataFrame(columns=["id", "file", "title", "body"]), term, width, tokenizer=tokenizer)
    return pd.concat(parts, ignore_index=True)


def _kwic_by_term(backend, sel: Selection, term: str, tokenizer, *, width: int, sort: str,
                  limit: int | None, by_bigrams: bool = False) -> pd.DataFrame:
    """KWIC of a dictionary term on the SQL backend: the candidate articles are those whose ``doc_terms`` hold
    the term (``doc_terms`` parts are sorted by ``term_id``: DuckDB reads the row groups of that term only), or
    with ``tokenizer=None`` (substring mode) those the bigram index gives;
    their text is read part by part in row order (``meta.json["parts"]``), only until ``limit`` rows are found
    in position order. ``by_bigrams``: the bigram index's candidates although a ``tokenizer`` matches the rows
    (a term the term table leaves out, ``analysis.kwic.left_out_reason``)."""

    if tokenizer is None or by_bigrams:  # substring mode: the rows whose lower-cased text holds the term (a superset of
        # the case-sensitive matches kwic_rows keeps): the bigram index's candidates, whose text is read only
        # until ``limit`` occurrences are found
        hits = backend.bigram_candidates(term.strip().lower())
        name = f"_kwic_rows_{id(hits)}"
        backend.con.register(name, pa.table({"row": hits.astype(np.int64)}))
        try:
            cand = backend.query(f"""SELECT a.row, a.id, a.file FROM articles a WHERE {sel.where}
              AND a.row IN (SELECT row FROM {name}) ORDER BY a.row""", sel.params)
        finally:
            backend.con.unregister(name)
    else:
        target = tokenizer.canonical(term.strip())
        tid = backend.query("SELECT term_id FROM terms WHERE term = ?", [target])["term_id"].tolist()
        cand = backend.query(f"""SELECT a.row, a.id, a.file FROM articles a WHERE {sel.where} AND a.article_id IN
          (SELECT d.article_id FROM doc_terms d WHERE d.term_id = ?) ORDER BY a.row""",
                             [*sel.params, int(tid[0]) if tid else -1])
    rows = cand["row"].to_numpy(np.int64)
    frames, found = [], 0
    paged = limit is not None and sort == "position"
    for idx, titles, bodies in read_text_rows(backend.store, rows):  # only the row groups holding candidates
        frame = pd.DataFrame({"id": cand["id"].to_numpy()[idx], "file": cand["file"].to_numpy()[idx],
                              "title": titles, "body": bodies})
        if paged and limit is not None:
            part = kwic_rows(frame, term, width, tokenizer=tokenizer, limit=limit - found)
            frames.append(part)
            found += len(part)
            if found >= limit:
                break
        else:
            frames.append(frame)
    if paged:
        if frames:
            return pd.concat(frames, ignore_index=True)
        return kwic_rows(pd.DataFrame(columns=["id", "file", "title", "body"]), term, width, tokenizer=tokenizer)
    sub = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id", "file", "title", "body"])
    return kwic_rows(sub, term, width, tokenizer=tokenizer, sort=sort, limit=limit)
