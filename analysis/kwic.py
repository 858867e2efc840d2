"""KWIC concordance: every occurrence of a term with its left and right context, linked to its article."""
from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.tokenizer import WenjianTokenizer

KWIC_COLUMNS = ("id", "file", "left", "term", "right")
SORTS = ("position", "left", "right")


def _occurrences(text: str, term: str, tokenizer: WenjianTokenizer | None) -> list[tuple[int, int]]:
    if tokenizer is None:  # plain substring search, non-overlapping, left to right
        out, start = [], text.find(term)
        while start >= 0:
            out.append((start, start + len(term)))
            start = text.find(term, start + len(term))
        return out
    target = tokenizer.canonical(term)
    out, pos = [], 0
    for tok in tokenizer.cut(text):  # tokens concatenate back to the text, so offsets add up
        if tokenizer.term_of(tok) == target:
            out.append((pos, pos + len(tok)))
        pos += len(tok)
    return out


def _flat(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def kwic(articles: pd.DataFrame, term: str, width: int = 20, mask: np.ndarray | None = None, *,
         tokenizer: WenjianTokenizer | None = None, sort: Literal["position", "left", "right"] = "position",
         limit: int | None = None) -> pd.DataFrame:
    """Every occurrence of ``term`` in ``title + "\\n" + body`` of the (masked) articles.

    Returns ``id, file, left, term, right``: ``left``/``right`` are up to ``width`` characters either side
    (line breaks shown as spaces), ``term`` the text as written. Without ``tokenizer`` occurrences are
    substring matches (Chinese has no spaces: 监管 also matches inside 市场监管); with a tokenizer only whole
    tokens whose term is ``term`` count — synonyms included — so the rows agree with the keyword counts.
    ``sort``: ``position`` (article order, then offset), ``right`` (by right context), ``left`` (by the left
    context read right to left, the concordance convention). ``limit`` caps the rows.
    """
    term = (term or "").strip()
    if not term:
        raise invalid_option("term", term, "a non-empty word")
    if width < 0:
        raise invalid_option("width", width, "an integer ≥ 0")
    if sort not in SORTS:
        raise invalid_option("sort", sort, SORTS)
    if mask is not None:
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (len(articles),):
            raise invalid_option("mask", f"length {mask.shape}", f"a boolean array of length {len(articles)}")
        articles = articles[mask]
    text = articles["title"].fillna("").astype(str) + "\n" + articles["body"].fillna("").astype(str)
    if tokenizer is None:
        candidates = text.str.contains(term, regex=False).to_numpy()
    else:
        candidates = np.ones(len(text), dtype=bool)
    ids = articles["id"].to_numpy()
    files = articles["file"].fillna("").astype(str).to_numpy() if "file" in articles else [""] * len(articles)
    rows: list[tuple] = []
    for k in np.flatnonzero(candidates):
        t = text.iat[k]
        for a, b in _occurrences(t, term, tokenizer):
            rows.append((int(ids[k]), files[k], _flat(t[max(0, a - width):a]), t[a:b], _flat(t[b:b + width]), k, a))
            if limit is not None and len(rows) >= limit:
                break
        if limit is not None and len(rows) >= limit:
            break
    out = pd.DataFrame(rows, columns=list(KWIC_COLUMNS) + ["_k", "_pos"])
    if sort == "right":
        out = out.sort_values(["right", "_k", "_pos"], kind="stable")
    elif sort == "left":
        out = out.assign(_rev=out["left"].str[::-1]).sort_values(["_rev", "_k", "_pos"], kind="stable")
    out = out[list(KWIC_COLUMNS)].reset_index(drop=True)
    return out.astype({"id": "int64"})
