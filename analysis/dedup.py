"""Exact and near-duplicate articles (the same story reposted by other portals) — grouped, never dropped.

Every article keeps its row; ``duplicate_of`` holds the ``id`` of the group's first article (in load order)
and ``<NA>`` for that first article and for articles without a twin.

How: each body is reduced to a fingerprint text (only CJK characters, letters and digits, lower case — so
punctuation, spacing and full-width/half-width differences do not matter; portal boilerplate is already
gone, the text/HTML page parsers strip it). Then

* **exact**: equal fingerprints (bodies of at least ``MIN_CHARS`` characters) are one story — below
  ``TITLED_CHARS`` only with similar titles (a one-line body such as a link's text is no proof); short bodies
  only match when title and body are both equal, empty bodies when title and date are (the CCTV corpus
  has a body-less 国内联播快讯 almost every day — those are different items);
* **near**: a content-defined sample of the 8-character shingles is kept — those starting with one of
  the "anchor" characters (1 in 4 of all characters, fixed) — so two copies of a text keep the same
  sample; they are hashed with numpy, and pairs of documents sharing sampled shingles are counted
  through an inverted index. A pair is the same story when the Jaccard similarity of the two samples is
  at least ``threshold`` (0.8 by default: a false merge hides a real article, which is worse than a
  missed repost), or when 90 % of the shorter text's sample is inside the longer one (a repost that
  added its own lead line or credits). Shingles present in more than ``MAX_POSTING`` documents (stock
  phrases) are ignored as evidence. Near matches also need similar titles (templated items — the
  Japanese and the Arabic edition of a book — share almost all text).
* a group's known dates span at most ``MAX_DAYS``: the same text a year later is the next year's notice,
  not a repost (checked on the CCTV corpus, where templated texts recur), and an undated article cannot
  chain two versions of a regulation ten years apart into one group.

Groups are the connected components of the matched pairs (union–find), best matches first. Everything
but the final union is array work: the CCTV corpus (19,876 articles, 10 M characters) takes ≈ 0.4 CPU-s
(``scripts/bench_dedup.py``; 0.8–1.0 before: only the repeated shingles are sorted, and pairs are formed only
between documents that can reach the Jaccard the rules need — ``_candidate_pairs``). datasketch's MinHash was not used: it hashes shingles one Python call per document, which
is the part that has to be vectorised to stay in seconds.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

import numpy as np
import pandas as pd

__all__ = ["find_duplicates", "fingerprint", "MIN_CHARS"]

MIN_CHARS = 50       # bodies shorter than this (after fingerprinting) are matched exactly on title+body+date
#: equal bodies shorter than this (after fingerprinting; one line, e.g. a link's text standing for the body) are
#: one story only when their titles are similar too, as near matches are: two Hebei notices (方案 / 现场测试办法,
#: ids 2433–2434 of the 29 CSVs) whose exported body is the same 66-character 政策解读 link text are different
#: documents (fresh tester, 30 Nov)
TITLED_CHARS = 100
SHINGLE = 8          # characters per shingle
SAMPLE_MOD = 4       # 1 character in SAMPLE_MOD is an anchor; shingles starting with one are sampled
MIN_SAMPLED = 8      # a document needs this many sampled shingles for near-duplicate matching
MAX_POSTING = 100    # shingles shared by more documents than this are not evidence
CONTAINMENT = 0.9    # or this share of the shorter text's sample inside the longer (and Jaccard >= 0.5)
MAX_DAYS = 14        # reposts appear within this many days of the original (when both dates are known)

_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def fingerprint(text: str) -> str:
    """The comparable core of a text: CJK characters, ASCII letters (lower case) and digits only."""
    return _NOT_WORD.sub("", text.lower())


_KEEP_RANGES = ((0x30, 0x39), (0x61, 0x7A), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@lru_cache(maxsize=1)
def _fold_table() -> np.ndarray:
    """BMP code point → its fingerprint code point (lower case ASCII, CJK, digits kept; 0xFFFF = drop)."""
    table = np.full(0x10000, 0xFFFF, dtype=np.uint16)  # BMP only: small enough to stay in cache
    for lo, hi in _KEEP_RANGES:
        table[lo:hi + 1] = np.arange(lo, hi + 1, dtype=np.uint16)
    table[0x41:0x5B] = np.arange(0x61, 0x7B, dtype=np.uint16)
    table[0] = 0
    return table


def fingerprint_units(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """:func:`fingerprint_codes` as ``uint16`` (every kept character is in the BMP): the texts go through
    UTF-16 (half the bytes of UTF-32), where a character beyond the BMP is a surrogate pair and, like a lone
    surrogate, is dropped — as ``fingerprint_codes`` drops it. Returns ``(codes, lens)``: the fingerprints
    concatenated and each document's length (``int64``)."""
    sep = "\x00"
    texts = [v.replace(sep, "") if sep in v else v for v in values.astype(str).tolist()]
    units = np.frombuffer(sep.join(texts).encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
    codes = _fold_table()[units]
    codes = codes[codes != 0xFFFF]
    seps = np.flatnonzero(codes == 0)
    bounds = np.concatenate(([-1], seps, [len(codes)]))
    lens = np.diff(bounds) - 1
    return codes[codes != 0], lens.astype(np.int64)


def fingerprint_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """All fingerprints as one array of code points (``uint32``) and each document's length (vectorised
    ``fingerprint`` over a column)."""
    codes, lens = fingerprint_units(values)
    return codes.astype(np.uint32), lens


class DatedUnionFind:
    """Groups of articles (union-find over row positions ``0..n-1``, the earliest row the root); a union is refused when the group's dates would span more than ``max_days``
    (so an undated article cannot chain the 2008 and the 2018 version of a regulation together)."""

    def __init__(self, days: list[int], undated: list[bool], max_days: int) -> None:
        n = len(days)
        self.parent = list(range(n))
        big = 1 << 60
        self.lo = [big if u else d for d, u in zip(days, undated)]
        self.hi = [-big if u else d for d, u in zip(days, undated)]
        self.max_days = max_days

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        lo, hi = min(self.lo[ra], self.lo[rb]), max(self.hi[ra], self.hi[rb])
        if hi - lo > self.max_days and hi >= lo:
            return False
        if rb < ra:  # the smaller index (earlier article) is the root
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.lo[ra], self.hi[ra] = lo, hi
        return True


@lru_cache(maxsize=1)
def _anchor_table() -> np.ndarray:
    """Code point → is an anchor character (about 1 in ``SAMPLE_MOD``), fixed across runs."""
    return np.random.default_rng(20240502).integers(0, SAMPLE_MOD, 0x10000) == 0  # fingerprints are BMP


def shingle_hashes(codes: np.ndarray, lens: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The sampled shingles of every document: their start positions in ``codes`` (ascending) and their 64-bit
    hashes. A shingle is sampled when its first character is an anchor and lies inside one document (it
    does not run over the end of it); ``codes``/``lens`` from :func:`fingerprint_codes` or
    :func:`fingerprint_units` (the same hashes)."""
    n = len(codes) - SHINGLE + 1
    if n <= 0:
        return np.empty(0, np.int64), np.empty(0, np.uint64)
    # content-defined sample: shingles whose first character is an "anchor" (1 character in SAMPLE_MOD,
    # chosen by a fixed random table), so both copies of a text sample the same shingles
    anchor = np.take(_anchor_table(), codes[:n])
    ends = np.cumsum(lens)
    for k in range(1, SHINGLE):  # a shingle starting 1..SHINGLE-1 characters before a document's end crosses it
        cut = ends - k
        anchor[cut[(cut >= 0) & (cut < n)]] = False
    sampled = np.flatnonzero(anchor)
    base = np.uint64(1_000_003)
    h = codes[sampled].astype(np.uint64)  # Horner's rule, in place: h = h * base + next code, mod 2**64
    at = np.empty_like(sampled)
    with np.errstate(over="ignore"):
        for j in range(1, SHINGLE):
            h *= base
            h += np.take(codes, np.add(sampled, j, out=at))
        h ^= h >> np.uint64(29)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(32)
    return sampled, h


def sampled_shingles(codes: np.ndarray, lens: np.ndarray, use: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique (doc index, shingle hash) pairs of the sampled shingles of the documents in ``use`` (a boolean
    array over documents), sorted by hash then document; ``codes``/``lens`` from :func:`fingerprint_codes`."""
    sampled, h = shingle_hashes(codes, lens)
    doc_of = np.searchsorted(np.cumsum(lens), sampled, side="right")
    keep = use[doc_of]
    docs = doc_of[keep]
    hashes = h[keep]
    order = np.argsort(hashes, kind="stable")  # docs ascend already: stable keeps them sorted per hash
    docs, hashes = docs[order], hashes[order]
    if len(docs):
        first = np.ones(len(docs), dtype=bool)
        first[1:] = (hashes[1:] != hashes[:-1]) | (docs[1:] != docs[:-1])
        docs, hashes = docs[first], hashes[first]
    return docs.astype(np.int64), hashes


def _repeated(hashes: np.ndarray) -> np.ndarray:
    """Positions in ``hashes`` of every value that may occur more than once — all those that do, and few
    others: a value alone in its bucket of 21–22 hash bits occurs once; three rounds on other bits (on the
    CCTV corpus 1.77 M → 860 k → 577 k → 511 k, all repeated). An O(n) filter (``np.bincount``) so that only
    the repeated shingles (≈ 1/3 on the CCTV corpus) are sorted."""
    sel = None
    for shift, bits in ((42, 22), (21, 21), (0, 21)):
        if sel is not None and len(sel) < 2:
            break
        part = hashes if sel is None else hashes[sel]
        bits = min(bits, max(8, int(len(part)).bit_length() + 1))
        bucket = ((part >> np.uint64(shift)) & np.uint64((1 << bits) - 1)).astype(np.intp)
        again = np.bincount(bucket, minlength=1 << bits)[bucket] >= 2
        sel = np.flatnonzero(again) if sel is None else sel[again]
    return np.arange(len(hashes)) if sel is None else sel


def shared_runs(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For hash-sorted shingles: each one's run id (equal hashes form one run, numbered from 0) and whether
    its run can pair documents — at least 2 entries and at most ``MAX_POSTING`` (a shingle in more documents
    is boilerplate, not a sign of the same story). Used by :func:`find_duplicates` and the store's marking."""
    new_run = np.ones(len(hashes), dtype=bool)
    new_run[1:] = hashes[1:] != hashes[:-1]
    run_id = np.cumsum(new_run) - 1
    run_len = np.bincount(run_id)
    keep = (run_len[run_id] >= 2) & (run_len[run_id] <= MAX_POSTING)
    return run_id, keep


def _candidate_pairs(codes: np.ndarray, lens: np.ndarray, use: np.ndarray,
                     threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(pair keys a*n+b with a<b, shared sampled shingles, sampled shingles per document)`` of the documents
    in ``use`` — every pair :func:`similar_pairs` can keep, and the counts it reads, equal to those of all
    pairs of :func:`sampled_shingles` (sorted by hash) sharing a shingle of :func:`shared_runs`.

    Only the shingles that occur more than once are sorted (:func:`_repeated`), and pairs are formed only
    between documents that can reach the Jaccard similarity ``similar_pairs`` needs (``min(threshold,
    0.5)``): ``jaccard = inter / union <= shared(a) / size(a)`` (``union >= size(a)``, ``inter <= shared(a)``:
    the document's shingles in runs of 2..``MAX_POSTING`` documents), so a document whose ``shared / size``
    is below it, or with fewer than ``MIN_SAMPLED`` shingles, is in no kept pair (on the CCTV corpus this
    leaves a few hundred of 2 million pair instances)."""
    n_docs = len(lens)
    sampled, h = shingle_hashes(codes, lens)
    ends = np.cumsum(lens)
    raw = np.searchsorted(sampled, ends) - np.searchsorted(sampled, ends - lens)  # sampled shingles per document
    raw[~use] = 0
    sel = _repeated(h)
    doc_of = np.searchsorted(ends, sampled[sel], side="right")
    keep = use[doc_of]
    docs, hashes = doc_of[keep], h[sel][keep]
    order = np.argsort(hashes, kind="stable")  # docs ascend already: stable keeps them sorted per hash
    docs, hashes = docs[order], hashes[order]
    first = np.ones(len(docs), dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (docs[1:] != docs[:-1])
    sizes = raw - np.bincount(docs[~first], minlength=n_docs)  # a shingle repeated inside a document counts once
    docs, hashes = docs[first], hashes[first]
    empty = np.empty(0, np.int64)
    if len(docs) < 2:
        return empty, empty, sizes
    run_id, shared = shared_runs(hashes)
    docs, run_id = docs[shared], run_id[shared]
    least = threshold if threshold < 0.5 else 0.5  # the Jaccard every kept pair reaches (NaN: 0.5)
    evidence = np.bincount(docs, minlength=n_docs)
    able = (sizes >= MIN_SAMPLED) & (evidence / np.maximum(sizes, 1) >= least)
    docs, run_id = docs[able[docs]], run_id[able[docs]]
    keys = []
    for k in range(1, MAX_POSTING):
        same = run_id[k:] == run_id[:-k]
        if not same.any():
            break
        a, b = docs[:-k][same], docs[k:][same]  # sorted by doc inside a run, so a < b
        keys.append(a * n_docs + b)
    if not keys:
        return empty, empty, sizes
    pair_keys, counts = np.unique(np.concatenate(keys), return_counts=True)
    return pair_keys, counts, sizes


def titles_similar(a: str, b: str) -> bool:
    """Titles of the same story: one empty, one inside the other, or one common run covering 80 % of the
    shorter (``标题_新华网`` / ``标题 - 人民网``). Two editions of a templated item differ in the middle
    (``…摘编》日文版出版发行`` / ``…摘编》阿拉伯文版出版发行``) and stay apart."""
    if not a or not b or a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= 0.8 * min(len(a), len(b))


def union_exact(uf: "DatedUnionFind", members: list[int], titled: bool, title_of) -> None:
    """Join the rows ``members`` (in collection order) of one exact-match group: all with the first, or — for a
    ``titled`` group (equal bodies shorter than :data:`TITLED_CHARS`) — each with the first earlier member
    whose title is similar (:func:`titles_similar` of ``title_of(row)``, the title fingerprints). The one rule
    of ``find_duplicates`` and the store's ``global_duplicates``."""
    if not titled:
        for i in members[1:]:
            uf.union(members[0], i)
        return
    for k, i in enumerate(members[1:], 1):
        for j in members[:k]:
            if titles_similar(title_of(j), title_of(i)):
                uf.union(j, i)
                break


def similar_pairs(pair_keys: np.ndarray, inter: np.ndarray, sizes: np.ndarray, undated: np.ndarray,
                  days: np.ndarray, max_days: int, threshold: float) -> tuple[list[int], list[int]]:
    """The candidate pairs that are the same story by their sampled shingles, best match (highest Jaccard)
    first, as two lists of row positions ``(firsts, seconds)`` — the one rule of ``find_duplicates`` and of
    the store's distributed marking (``analysis.store.signatures``).

    ``pair_keys``: ``a * n + b`` per candidate pair (``n = len(sizes)``); ``inter``: shingles the two share;
    ``sizes``: sampled shingles per document; ``undated``/``days``: per document. A pair is kept when its
    Jaccard similarity reaches ``threshold``, or one text lies inside the other (containment ≥
    ``CONTAINMENT``, Jaccard ≥ 0.5: a repost's own lead or credits added), both have at least
    ``MIN_SAMPLED`` shingles, and their dates (when both are known) are at most ``max_days`` apart."""
    n = len(sizes)
    a, b = pair_keys // n, pair_keys % n
    union = sizes[a] + sizes[b] - inter
    jaccard = inter / np.maximum(union, 1)
    containment = inter / np.maximum(np.minimum(sizes[a], sizes[b]), 1)
    similar = (jaccard >= threshold) | ((containment >= CONTAINMENT) & (jaccard >= 0.5))
    ok = similar & (sizes[a] >= MIN_SAMPLED) & (sizes[b] >= MIN_SAMPLED)
    ok &= undated[a] | undated[b] | (np.abs(days[a] - days[b]) <= max_days)
    order = np.argsort(-jaccard[ok], kind="stable")
    return a[ok][order].tolist(), b[ok][order].tolist()


def find_duplicates(articles: pd.DataFrame, *, threshold: float = 0.8, max_days: int = MAX_DAYS) -> pd.array:
    """``duplicate_of`` for an article table (needs ``id``, ``title``, ``body``; ``date`` optional).

    Two articles are the same story when their bodies match (exactly, or with sampled-shingle Jaccard
    ``>= threshold``), their dates are at most ``max_days`` apart (when both are known: the same text a
    year later is another year's notice, not a repost) and, for near matches, their titles are similar
    (two editions of a templated item, 日文版 / 阿拉伯文版, are different stories).

    Returns an ``Int64`` array aligned with the rows: the id of the first article of the row's group, or
    ``<NA>``. Never mutates ``articles``.
    """
    n = len(articles)
    if n == 0:
        return pd.array([], dtype="Int64")
    ids = articles["id"].to_numpy()
    codes, lens = fingerprint_units(articles["body"])
    titles: list[str] = []
    title_cache: dict[int, str] = {}

    def title_fp(i: int) -> str:  # only needed for short bodies and candidate pairs: computed lazily
        if i not in title_cache:
            if not titles:
                titles.extend(articles["title"].astype(str).tolist() if "title" in articles else [""] * n)
            title_cache[i] = fingerprint(titles[i])
        return title_cache[i]

    if "date" in articles:
        days = (articles["date"].to_numpy("datetime64[D]").astype("int64")).copy()
        undated = articles["date"].isna().to_numpy()
    else:
        days, undated = np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    day_list, undated_list = days.tolist(), undated.tolist()

    uf = DatedUnionFind(day_list, undated_list, max_days)
    long_mask = lens >= MIN_CHARS
    # exact: long bodies by fingerprint; short ones by title + body; empty ones by title + date
    raw, width = codes.tobytes(), codes.itemsize
    ends = np.cumsum(lens).tolist()
    groups: dict = {}
    key: object
    start = 0
    for i, (end, is_long) in enumerate(zip(ends, long_mask.tolist())):
        b = raw[width * start:width * end]
        start = end
        if is_long:
            key = b
        elif b:
            key = (title_fp(i), b)
        elif not undated_list[i] and title_fp(i):
            key = (title_fp(i), day_list[i])
        else:
            continue
        groups.setdefault(key, []).append(i)
    for key, members in groups.items():
        if len(members) > 1:
            union_exact(uf, members, isinstance(key, bytes) and len(key) < TITLED_CHARS * width, title_fp)
    # near: sampled shingles of the long bodies
    if long_mask.sum() > 1:
        pair_keys, inter, sizes = _candidate_pairs(codes, lens, long_mask, threshold)
        if len(pair_keys):
            for x, y in zip(*similar_pairs(pair_keys, inter, sizes, undated, days, max_days, threshold)):
                if titles_similar(title_fp(x), title_fp(y)):
                    uf.union(x, y)
    roots = np.array(uf.parent)
    while True:  # every row's root (the parents of a union–find point to earlier rows, towards the root)
        up = roots[roots]
        if np.array_equal(up, roots):
            break
        roots = up
    dup = roots != np.arange(n)
    return pd.arrays.IntegerArray(np.where(dup, ids[roots], 0).astype(np.int64), ~dup)
