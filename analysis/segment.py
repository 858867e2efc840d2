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
#: Texts cut per step of :func:`_token_keys` (one ``cut`` of the step's texts joined, their keys built at once).
STEP_TEXTS = 1_000


def tokenize_chunk(tk: WenjianTokenizer | TokenizerSettings, texts: Sequence[str]):
    """Segment ``texts``; returns (local vocabulary, term-id sequence with BREAKs, per-text offsets): the terms
    (``term_of`` of each raw token of ``clean_text(text)``) numbered in order of first appearance, ``seq``
    (int32) every text's term ids in text order with one ``BREAK`` for each run of filtered tokens (none at a
    text's start), ``offsets`` (int64, ``len(texts) + 1``): text ``i`` is ``seq[offsets[i]:offsets[i + 1]]``."""
    global _WORKER_TOKENIZER
    if isinstance(tk, TokenizerSettings):  # in a worker process: build (once) from the settings
        if _WORKER_TOKENIZER is None or _WORKER_TOKENIZER.settings != tk:
            _WORKER_TOKENIZER = WenjianTokenizer(tk)
        tk = _WORKER_TOKENIZER
    keys, lengths, longs = _token_keys(tk, texts)
    # each distinct raw token decided once, in order of first appearance (local term ids numbered as the terms
    # first appear, as the per-token loop this replaces did): Arrow's hash table over the tokens' integer keys
    # (one key per distinct token: :func:`_token_keys`), not one Python dict lookup per token
    enc = pa.array(keys, pa.uint64()).dictionary_encode()
    raws = _key_strings(enc.dictionary.to_numpy(zero_copy_only=False), longs)
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


#: Separates the tokens of a step in the string :func:`_spans` encodes (a character no token holds: checked).
SEP = "\x01"
#: The low 16 bits of a token's key are its first UTF-16 unit, never 0 in a short key: keys ``id << 16`` are free
#: for the tokens numbered by a dict (``_token_keys``).
_MASKS = np.array([0, 0xFFFF, 0xFFFF_FFFF, 0xFFFF_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFF], dtype=np.uint64)


def _token_keys(tk: WenjianTokenizer, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every raw token of ``texts`` (after ``clean_text``), in order, as a ``uint64`` key — equal keys, equal
    tokens — the number of tokens per text (int64) and the tokens numbered by a dict (``longs[i]`` has key
    ``i << 16``).

    A token of 1–4 characters, all in the Basic Multilingual Plane, none NUL nor a surrogate (≈ 99 % of the
    CCTV corpus's tokens) is its own key: its UTF-16 units, the first in the low 16 bits, zeros above the last
    (read as 8 bytes of the step's encoded tokens, :func:`_spans`, and masked to the token's length — numpy
    over all tokens at once, no Python call per token). Its first unit is not 0, so no such key is a multiple
    of 2¹⁶; every other token is numbered by a dict, first seen first, and its key is ``number << 16``.

    A tokenizer whose ``joins_texts`` is true cuts a step's texts in one call (:func:`_joined_keys`); otherwise,
    or when that call's tokens fail its checks, one call per text (:func:`_keys_one_by_one`)."""
    parts: list[np.ndarray] = []
    longs: dict[str, int] = {}
    lengths = np.zeros(len(texts), dtype=np.int64)
    joins = getattr(tk, "joins_texts", False)
    for lo in range(0, len(texts), STEP_TEXTS):
        cleaned = [clean_text(t) for t in texts[lo:lo + STEP_TEXTS]]
        keys = _joined_keys(tk.cut, cleaned, lengths, lo, longs) if joins else None
        if keys is None:
            keys = _keys_one_by_one(tk.cut, cleaned, lengths, lo, longs)
        parts.append(keys)
    keys = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    return keys, lengths, list(longs)


def _spans(toks: list[str]) -> tuple[bytes, np.ndarray, np.ndarray, np.ndarray] | None:
    """``(buf, units, starts, sizes)``: ``units`` = ``buf`` read as UTF-16 units (``surrogatepass``; a padding
    of 3 NUL units after them) of ``SEP + SEP.join(toks) + SEP``; token ``i`` is ``units[starts[i]:starts[i] +
    sizes[i]]``. ``None`` when a token holds ``SEP`` (the ``SEP`` units would not be the separators: their count
    is checked). One ``str.join`` and numpy, instead of one ``len`` per token."""
    buf = (SEP + SEP.join(toks) + SEP + "\0\0\0").encode("utf-16-le", "surrogatepass")
    units = np.frombuffer(buf, dtype=np.uint16)[:-3]
    at = np.flatnonzero(units == 1)
    if len(at) != len(toks) + 1:
        return None
    return buf, units, at[:-1] + 1, np.diff(at) - 1


def _keys_of(buf: bytes, units: np.ndarray, starts: np.ndarray, sizes: np.ndarray, toks: list[str],
             longs: dict[str, int], which: np.ndarray | None = None) -> np.ndarray:
    """The keys (:func:`_token_keys`) of the tokens at ``starts``/``sizes`` of ``units`` (:func:`_spans` of
    ``toks``); tokens not short numbered by ``longs``. ``which``: the tokens' positions in ``toks`` when the
    caller dropped the ``JOIN`` tokens (then, checked by the caller, the only NUL units), else ``None`` (all)."""
    window = np.ndarray((len(units),), dtype="<u8", buffer=buf, strides=(2,))  # 4 units from each position
    keys = window[starts] & _MASKS[np.minimum(sizes, 4)]
    long = (sizes > 4) | (sizes == 0)
    bad = (units & 0xF800) == 0xD800  # a surrogate (an astral character is two)
    if which is None:
        bad |= units == 0
    if bad.any():
        before = np.concatenate([[0], np.cumsum(bad)])
        long |= before[starts + sizes] > before[starts]
    if long.any():
        pos = np.flatnonzero(long)
        got = [toks[i] for i in (pos if which is None else which[pos]).tolist()]
        for tok in dict.fromkeys(got):  # new ones numbered in order of first appearance
            if tok not in longs:
                longs[tok] = len(longs)
        keys[pos] = np.fromiter(map(longs.__getitem__, got), dtype=np.uint64, count=len(got)) << np.uint64(16)
    return keys


def _joined_keys(cut: Callable[[str], list[str]], cleaned: list[str], lengths: np.ndarray, lo: int,
                 longs: dict[str, int]) -> np.ndarray | None:
    """The keys (:func:`_token_keys`) of every token of ``cleaned`` (texts ``lo …`` of the chunk), in order, from
    one ``cut`` of the texts joined by ``JOIN``; fills ``lengths``. ``None`` (nothing filled) unless the tokens
    are a cut of the joined text with each ``JOIN`` a token of its own — then, by the engines' rule
    (``WenjianTokenizer.joins_texts``), the tokens between two of them are those of one text. A text holding
    ``JOIN`` itself sends the step to the per-text path.

    Why the checks prove it, on the units of :func:`_spans` (``SEP`` + the tokens joined by ``SEP`` + ``SEP``):
    ``_spans`` counted one ``SEP`` unit more than there are tokens, so no token holds one and the units that
    are not ``SEP`` are the tokens' concatenation — they must equal the joined text's units (then the tokens are
    a cut of it: ``"".join(tokens) == joined``). The joined text holds exactly ``n - 1`` NULs, the ``JOIN``s, so
    those units are the ``JOIN``s, and a ``SEP`` on both sides of each makes it a token of its own."""
    joined = JOIN.join(cleaned)
    n = len(cleaned)
    if joined.count(JOIN) != n - 1:
        return None
    toks = cut(joined)
    if not toks:
        if joined:
            return None
        lengths[lo:lo + n] = 0
        return np.zeros(0, dtype=np.uint64)
    spans = _spans(toks)
    if spans is None:
        return None
    buf, units, starts, sizes = spans
    if not np.array_equal(units[units != 1], np.frombuffer(joined.encode("utf-16-le", "surrogatepass"), np.uint16)):
        return None
    nul = np.flatnonzero(units == 0)  # (never the first or the last unit: those are SEPs)
    if (units[nul - 1] != 1).any() or (units[nul + 1] != 1).any():
        return None
    idx = np.searchsorted(starts, nul)  # the JOIN tokens (each starts at its NUL)
    bounds = np.concatenate([[-1], idx, [len(toks)]])
    lengths[lo:lo + n] = np.diff(bounds) - 1
    keep = np.ones(len(toks), dtype=bool)
    keep[idx] = False
    which = np.flatnonzero(keep)
    return _keys_of(buf, units, starts[which], sizes[which], toks, longs, which)


def _keys_one_by_one(cut: Callable[[str], list[str]], cleaned: list[str], lengths: np.ndarray, lo: int,
                     longs: dict[str, int]) -> np.ndarray:
    """Like :func:`_joined_keys` with one ``cut`` per text. The keys come from the tokens themselves, so the
    tokens need not be a cut of the text; when one holds ``SEP``, every token of the step is numbered by
    ``longs``."""
    toks: list[str] = []
    for k, text in enumerate(cleaned, lo):
        got = cut(text)
        toks += got
        lengths[k] = len(got)
    spans = _spans(toks) if toks else None
    if spans is None:
        for tok in toks:
            longs.setdefault(tok, len(longs))
        return np.fromiter(map(longs.__getitem__, toks), dtype=np.uint64, count=len(toks)) << np.uint64(16)
    buf, units, starts, sizes = spans
    return _keys_of(buf, units, starts, sizes, toks, longs)


def _key_strings(keys: np.ndarray, longs: list[str]) -> list[str]:
    """The token of each key (:func:`_token_keys`): a short key's units as characters (numpy's ``U4`` drops the
    NUL units above the last), a multiple of 2¹⁶ the token ``longs[key >> 16]``."""
    units = np.stack([(keys >> np.uint64(s)) & np.uint64(0xFFFF) for s in (0, 16, 32, 48)], axis=1)
    out: list[str] = units.astype("<u4").view("<U4").ravel().tolist()
    for i in np.flatnonzero(units[:, 0] == 0).tolist():
        out[i] = longs[int(keys[i]) >> 16]
    return out


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
