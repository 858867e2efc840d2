"""Segmenting a corpus into term-id sequences (``tokenize_chunk``), with a tokenizer object or — in a worker
of the batch runner (``analysis.store.runner``) — one built once from picklable settings.
``analysis.keywords.tokenize_corpus`` and the store's batches (``analysis.store.batch``) call it; the tokenizer
itself is ``analysis.tokenizer``."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa

from analysis.tokenizer import BREAK, JOIN, TokenizerSettings, WenjianTokenizer, clean_text

__all__ = ["sorted_runs", "tokenize_chunk"]

_WORKER_TOKENIZER: WenjianTokenizer | None = None
#: Texts cut per step of :func:`_raw_tokens` (their UTF-8 bytes and token offsets are built a step at a time).
STEP_TEXTS = 1_000


def tokenize_chunk(tk: WenjianTokenizer | TokenizerSettings, texts: Sequence[str]):
    """Segment ``texts``; returns (local vocabulary, term-id sequence with BREAKs, per-text offsets)."""
    global _WORKER_TOKENIZER
    if isinstance(tk, TokenizerSettings):  # in a worker process: build (once) from the settings
        if _WORKER_TOKENIZER is None or _WORKER_TOKENIZER.settings != tk:
            _WORKER_TOKENIZER = WenjianTokenizer(tk)
        tk = _WORKER_TOKENIZER
    tokens, lengths = _raw_tokens(tk, texts)
    # each distinct raw token decided once, in order of first appearance (local term ids numbered as the terms
    # first appear, as the per-token loop this replaces did): Arrow's hash table over the tokens' bytes, not
    # one Python dict lookup per token
    enc = tokens.dictionary_encode()
    raws = [raw.decode("utf-8", "surrogatepass") for raw in enc.dictionary.to_pylist()]
    terms_of = getattr(tk, "terms_of", None)  # all at once (WenjianTokenizer), else one by one
    terms = terms_of(raws) if terms_of is not None else [tk.term_of(raw) for raw in raws]
    term_ids: dict[str, int] = {}
    new_id = term_ids.setdefault
    to_id = np.fromiter((BREAK if t is None else new_id(t, len(term_ids)) for t in terms),
                        dtype=np.int32, count=len(terms))
    arr = to_id[enc.indices.to_numpy(zero_copy_only=False)] if len(to_id) else np.zeros(0, dtype=np.int32)
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


def _raw_tokens(tk: WenjianTokenizer, texts: Sequence[str]) -> tuple[pa.LargeBinaryArray, np.ndarray]:
    """Every raw token of ``texts`` (after ``clean_text``) as one Arrow ``large_binary`` array of UTF-8 bytes
    (lone surrogates kept, ``surrogatepass``), and the number of tokens per text (int64).

    The segmenter's tokens are consecutive slices of the text (``"".join(tokens) == text``, checked): so the
    array is the texts' UTF-8 bytes with the token ends as offsets — computed from the tokens' lengths and each
    character's UTF-8 width with numpy, not by encoding millions of tokens one by one. A tokenizer whose
    ``joins_texts`` is true cuts a step's texts in one call (:func:`_joined_sizes`); otherwise, or when that
    call's tokens fail its checks, one call per text. A text whose tokens are not such a cut (never seen with
    jieba or rjieba) has its step encoded token by token."""
    arrays: list[pa.Array] = []
    lengths = np.zeros(len(texts), dtype=np.int64)
    joins = getattr(tk, "joins_texts", False)
    for lo in range(0, len(texts), STEP_TEXTS):
        cleaned = [clean_text(t) for t in texts[lo:lo + STEP_TEXTS]]
        sizes = _joined_sizes(tk.cut, cleaned, lengths, lo) if joins else None
        if sizes is None:
            sizes = _sizes_one_by_one(tk.cut, cleaned, lengths, lo)
        if sizes is None:
            arrays.append(_encoded_one_by_one(tk.cut, cleaned, lengths, lo))
            continue
        whole = "".join(cleaned)
        code = np.frombuffer(whole.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        width = (code >= 0x80).astype(np.int64) + (code >= 0x800) + (code >= 0x10000) + 1  # UTF-8 bytes
        byte_at = np.zeros(len(code) + 1, dtype=np.int64)
        np.cumsum(width, out=byte_at[1:])
        char_at = np.zeros(len(sizes) + 1, dtype=np.int64)
        np.cumsum(sizes, out=char_at[1:])
        arrays.append(pa.Array.from_buffers(pa.large_binary(), len(sizes), [
            None, pa.py_buffer(byte_at[char_at]), pa.py_buffer(whole.encode("utf-8", "surrogatepass"))]))
    if not arrays:
        return pa.array([], pa.large_binary()), lengths
    return pa.concat_arrays(arrays), lengths


def _joined_sizes(cut: Callable[[str], list[str]], cleaned: list[str], lengths: np.ndarray,
                  lo: int) -> np.ndarray | None:
    """The length in characters of every token of ``cleaned`` (texts ``lo …`` of the chunk), in order, from one
    ``cut`` of the texts joined by ``JOIN``; fills ``lengths``. ``None`` (nothing filled) unless the tokens are a
    cut of the joined text with each ``JOIN`` of the join a token of its own — then, by the engines' rule
    (``WenjianTokenizer.joins_texts``), the tokens between two of them are those of one text. A text holding
    ``JOIN`` itself sends the step to the per-text path."""
    joined = JOIN.join(cleaned)
    n = len(cleaned)
    if joined.count(JOIN) != n - 1:
        return None
    toks = cut(joined)
    if "".join(toks) != joined:
        return None
    sizes = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
    starts = np.cumsum(sizes) - sizes
    # the JOIN after text k stands at the characters of texts 0…k plus the k JOINs before it
    at = np.cumsum(np.fromiter(map(len, cleaned), dtype=np.int64, count=n))[:-1] + np.arange(n - 1)
    idx = np.searchsorted(starts, at)
    if (idx >= len(toks)).any() or (starts[np.minimum(idx, len(toks) - 1)] != at).any() \
            or (sizes[np.minimum(idx, len(toks) - 1)] != 1).any():
        return None
    bounds = np.concatenate([[-1], idx, [len(toks)]])
    lengths[lo:lo + n] = np.diff(bounds) - 1
    keep = np.ones(len(toks), dtype=bool)
    keep[idx] = False
    return sizes[keep]


def _sizes_one_by_one(cut: Callable[[str], list[str]], cleaned: list[str], lengths: np.ndarray,
                      lo: int) -> np.ndarray | None:
    """Like :func:`_joined_sizes` with one ``cut`` per text; ``None`` when a text's tokens are not a cut of it."""
    sizes: list[int] = []  # characters per token
    for k, text in enumerate(cleaned, lo):
        toks = cut(text)
        if "".join(toks) != text:
            return None
        sizes += map(len, toks)
        lengths[k] = len(toks)
    return np.asarray(sizes, dtype=np.int64)


def _encoded_one_by_one(cut: Callable[[str], list[str]], cleaned: list[str], lengths: np.ndarray,
                        lo: int) -> pa.Array:
    """The tokens of ``cleaned`` (texts ``lo …`` of the chunk) encoded one by one; fills ``lengths``."""
    out: list[bytes] = []
    for k, text in enumerate(cleaned, lo):
        toks = cut(text)
        out += (t.encode("utf-8", "surrogatepass") for t in toks)
        lengths[k] = len(toks)
    return pa.array(out, pa.large_binary())


def sorted_runs(sorted_values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct values of a sorted 1-d array (ascending, as given) and how many times each occurs (int64) —
    ``np.unique(values, return_counts=True)`` once the values are sorted. Used by ``analysis.phrases`` and
    ``analysis.store.batch.tokenize_batch``."""
    if not len(sorted_values):
        return sorted_values, np.zeros(0, dtype=np.int64)
    new = np.empty(len(sorted_values), dtype=bool)
    new[0] = True
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    return sorted_values[starts], np.diff(np.append(starts, len(sorted_values)))
