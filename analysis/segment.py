"""Segmenting a corpus into term-id sequences (``tokenize_chunk``), with a tokenizer object or — in a worker
of the batch runner (``analysis.store.runner``) — one built once from picklable settings.
``analysis.keywords.tokenize_corpus`` and the store's batches (``analysis.store.batch``) call it; the tokenizer
itself is ``analysis.tokenizer``."""
from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import cast

import numpy as np

from analysis.tokenizer import BREAK, TokenizerSettings, WenjianTokenizer, clean_text

__all__ = ["tokenize_chunk"]

_WORKER_TOKENIZER: WenjianTokenizer | None = None


def tokenize_chunk(tk: WenjianTokenizer | TokenizerSettings, texts: Sequence[str]):
    """Segment ``texts``; returns (local vocabulary, term-id sequence with BREAKs, per-text offsets)."""
    global _WORKER_TOKENIZER
    if isinstance(tk, TokenizerSettings):  # in a worker process: build (once) from the settings
        if _WORKER_TOKENIZER is None or _WORKER_TOKENIZER.settings != tk:
            _WORKER_TOKENIZER = WenjianTokenizer(tk)
        tk = _WORKER_TOKENIZER
    cut, term_of = tk.cut, tk.term_of
    raw_ids: dict[str, int] = {}
    term_ids: dict[str, int] = {}
    raw_get = raw_ids.get
    seq = array("i")
    lengths = np.zeros(len(texts), dtype=np.int64)
    for k, text in enumerate(texts):
        toks = cut(clean_text(text))
        ids = list(map(raw_get, toks))
        if None in ids:  # tokens not seen before in this chunk: decide once
            for p, i in enumerate(ids):
                if i is None:
                    tok = toks[p]
                    i = raw_ids.get(tok)
                    if i is None:
                        t = term_of(tok)
                        i = BREAK if t is None else term_ids.setdefault(t, len(term_ids))
                        raw_ids[tok] = i
                    ids[p] = i
        seq.extend(cast("list[int]", ids))  # every None was replaced above
        lengths[k] = len(ids)
    arr = np.frombuffer(seq, dtype=np.int32) if len(seq) else np.zeros(0, dtype=np.int32)
    # collapse runs of BREAK and drop a BREAK that starts a text: [B, a, B, B, b, B] -> [a, B, b, B]
    starts = np.zeros(len(arr), dtype=bool)
    bounds = np.cumsum(lengths)[:-1]
    starts[bounds[bounds < len(arr)]] = True
    if len(arr):
        starts[0] = True
    prev_break = np.empty(len(arr), dtype=bool)
    prev_break[1:] = arr[:-1] == BREAK
    prev_break[starts] = True
    keep = ~((arr == BREAK) & prev_break)
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    offsets = kept_before[np.concatenate([[0], np.cumsum(lengths)])].astype(np.int64)
    return list(term_ids), arr[keep].copy(), offsets
