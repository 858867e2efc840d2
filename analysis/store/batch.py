"""Pure batch functions of the ingest pipeline: Arrow record batches in, small tables out.

Every function here is a pure function of its arguments (no globals besides per-process caches of the
tokenizer and the agency matcher, rebuilt from picklable settings), so the runner may call them in this
process, in a local process pool or on Dask workers and the result is the same byte for byte.

- :func:`analyze_batch` — tokenize (``analysis.segment.tokenize_chunk``, the same segmentation as
  ``analysis.keywords.tokenize_corpus``) and match agencies (``AgencyMatcher.match_article``, as
  ``analysis.agencies.find_mentions``) for one batch of articles; term and agency *names* stay local to the
  batch;
- :func:`combine` — the reduce step: global ``term_id`` / ``agency_id`` are the ranks of the sorted names (so
  they do not depend on how the rows were batched), batch results concatenated in batch order.
"""
from __future__ import annotations

import bisect
import functools
import hashlib
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis.agencies import AgencyMatcher, SOURCE_FILES
from analysis.agency_mentions import sentence_bounds
from analysis.agency_table import load_agencies, table_digest, user_dir
from analysis.segment import sorted_runs, tokenize_chunk
from analysis.store.citations import SOURCE_FILES as CITATION_FILES
from analysis.tokenizer import BREAK, TokenizerSettings

#: Mention attributes stored per mention (besides keys and offsets).
MENTION_TEXT = ("surface", "level", "region", "kind", "parent")


@dataclass(frozen=True)
class AnalysisSpec:
    """Everything that decides the derived tables; picklable (sent to workers).

    ``tokenizer``: the tokenizer's settings; ``agency_user_path``: the user's agency table merged over the
    project's (``""`` = the project's table only, ``None`` = the default user folder)."""

    tokenizer: TokenizerSettings
    agency_user_path: str | None = ""

    def digest(self) -> str:
        """Tokenizer version + agency table digest + a digest of the code and data files that compute the
        tables: the store's cache key (a change of any part is a new store)."""

        here = Path(__file__).resolve().parents[1]
        h = hashlib.blake2b(digest_size=10)
        h.update(self.tokenizer.version.encode())
        h.update(self.agency_table_digest().encode())
        for rel in ("store/batch.py", "store/build.py", "tokenizer.py", "segment.py", *SOURCE_FILES, "ids.py",
                    "dedup.py", *CITATION_FILES, "../data/agency_templates.csv", "../data/regions.csv", "../data/foreign_places.csv"):
            p = here / rel
            if p.exists():
                h.update(p.read_bytes())
        return h.hexdigest()


    def agency_table_digest(self) -> str:
        """``analysis.agency_table.table_digest`` of the agency table the spec matches with (the project's
        table merged with the user's table at ``agency_user_path`` as that file is now)."""
        return table_digest(_agency_table(self.agency_user_path))

    def settings_meta(self) -> dict[str, str]:
        """The analysis settings a store records in its ``meta.json`` (besides the full ``spec`` digest):
        ``tokenizer`` (``TokenizerSettings.version``: dictionaries, stopwords, synonyms, minimum length,
        engine) and ``agency_table`` (:meth:`agency_table_digest`) — what the user decides, without the
        digest of the code files (``analysis.store.store.settings_differ`` compares these)."""
        return {"tokenizer": self.tokenizer.version, "agency_table": self.agency_table_digest()}


def _agency_table(user_path: str | None):
    return load_agencies(user_path=user_path)


def _matcher(user_path: str | None) -> AgencyMatcher:
    """The matcher of the project's table merged with the user's table at ``user_path`` as that file is now
    (a long-lived worker sees an edited table: the cache key holds the file's size and change time)."""
    stamp = _stamp(user_path)
    # no user table there: the project's table whatever the path (one matcher for every such path)
    return _matcher_of(user_path if stamp is not None else "", stamp)


def _stamp(user_path: str | None) -> tuple[int, int] | None:
    p = user_dir() / "agencies.csv" if user_path is None else (Path(user_path) if user_path else None)
    try:
        st = p.stat() if p is not None else None
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns) if st is not None else None


@functools.lru_cache(maxsize=4)
def _matcher_of(user_path: str | None, stamp: tuple[int, int] | None) -> AgencyMatcher:
    table = _agency_table(user_path)
    return AgencyMatcher.from_table(table, key=table_digest(table))


def sentence_span(text: str, bounds: list[int], start: int, end: int) -> tuple[int, int]:
    """Offsets ``[lo, hi)`` in ``text`` of the sentence around ``[start, end)``, stripped of white space —
    ``text[lo:hi]`` equals the ``sentence`` column of ``analysis.agencies.find_mentions``."""
    i = bisect.bisect_left(bounds, start)
    lo = bounds[i - 1] + 1 if i > 0 else 0
    j = bisect.bisect_left(bounds, end)
    hi = bounds[j] + 1 if j < len(bounds) else len(text)
    seg = text[lo:hi]
    return lo + len(seg) - len(seg.lstrip()), hi - (len(seg) - len(seg.rstrip()))


def _texts(batch: pa.RecordBatch) -> tuple[list[str], list[str]]:
    return batch.column("title").to_pylist(), batch.column("body").to_pylist()


def name_order(names: list[str]) -> np.ndarray:
    """The positions of distinct ``names`` in the order of Python's ``sorted`` (int64): Arrow's sort of their
    UTF-8 bytes — the byte order of UTF-8 is the code point order, as in :func:`sorted_distinct` — ≈ 0.03
    CPU-s less than ``sorted(range(n), key=names.__getitem__)`` for the ≈ 60k terms of a 10k-article CCTV batch.
    Names that are not UTF-8 (a lone surrogate) are sorted by Python."""
    try:
        arr = pa.array(names, pa.string())
    except (UnicodeEncodeError, pa.ArrowException):
        return np.array(sorted(range(len(names)), key=names.__getitem__), dtype=np.int64)
    return pc.sort_indices(arr).to_numpy(zero_copy_only=False).astype(np.int64)


def tokenize_batch(batch: pa.RecordBatch, settings: TokenizerSettings) -> dict:
    """Terms per article: ``{"vocab": [term, ...], "doc": int32, "term": int32 (into vocab), "n": int32,
    "n_tokens": int64 per row, "seq": int32, "offsets": int64}`` — rows are positions in ``batch``; pairs
    sorted by (doc, term name); ``seq[offsets[i]:offsets[i + 1]]`` is row ``i``'s terms in text order (``BREAK``
    where filtered tokens stood), what phrases need (``TokenizedCorpus.sequence``)."""
    titles, bodies = _texts(batch)
    texts = [f"{t or ''}\n{b or ''}" for t, b in zip(titles, bodies)]
    vocab, seq, offsets = tokenize_chunk(settings, texts)
    width = max(len(vocab), 1)
    # (doc, term rank) pairs as one key: int32 when it fits (≈ 10k articles × 70k terms: 40 % less to sort)
    kt = np.int32 if len(texts) * width < 2**31 else np.int64
    rows = np.repeat(np.arange(len(texts), dtype=kt), np.diff(offsets))
    keep = seq != BREAK
    rows, cols = rows[keep], seq[keep]
    # sort local ids by name so pairs come out in (doc, term name) order: independent of the batching
    by_name = name_order(vocab)
    rank = np.empty(len(vocab), dtype=kt)
    rank[by_name] = np.arange(len(vocab), dtype=kt)
    key = rows * kt(width) + rank[cols]
    # sorted with kind="stable" (timsort): the keys come in runs ascending by doc, which it merges ≈ 35 % faster
    # than np.unique's quicksort (a batch of 10,000 CCTV articles: ≈ 1.5 M keys)
    uniq, counts = sorted_runs(np.sort(key, kind="stable"))
    doc = uniq // kt(width)
    term = by_name[uniq % kt(width)] if len(uniq) else np.zeros(0, dtype=np.int64)
    return {"vocab": vocab, "doc": doc.astype(np.int32), "term": term.astype(np.int32),
            "n": counts.astype(np.int32), "n_tokens": np.bincount(rows, minlength=len(texts)).astype(np.int64),
            "seq": seq, "offsets": offsets}


def match_batch(batch: pa.RecordBatch, agency_user_path: str | None = "") -> dict[str, list]:
    """Agency mentions of every article of ``batch`` (rows = positions in the batch), in the order
    ``find_mentions`` lists them, with sentence offsets instead of sentence copies."""
    matcher = _matcher(agency_user_path)
    titles, bodies = _texts(batch)
    sources = batch.column("source").to_pylist()
    match = matcher.match_article
    rows: list[int] = []
    found: list = []  # every Mention of the batch, in order
    spans: list[tuple[int, int]] = []
    for row, (title, body, source) in enumerate(zip(titles, bodies, sources)):
        ms = match(title or "", body or "", source or "")
        if not ms:
            continue
        bounds: dict[str, list[int]] = {}
        upto: dict[str, int] = {}  # the last mention end per field: sentence ends after it are not needed
        for m in ms:
            if m.end > upto.get(m.field, -1):
                upto[m.field] = m.end
        for m in ms:
            text = (title if m.field == "title" else body) or ""
            b = bounds.get(m.field)
            if b is None:
                b = bounds[m.field] = sentence_bounds(text, upto[m.field])
            spans.append(sentence_span(text, b, m.start, m.end))
        rows += [row] * len(ms)
        found += ms
    # column by column (attribute reads of the Mention dataclass, not one ``m[column]`` call per value)
    col = {k: list(map(attrgetter(k), found)) for k in ("field", "start", "end", "agency", "resolved", *MENTION_TEXT)}
    return {"doc": rows, "field": col["field"], "start": col["start"], "end": col["end"],
            "sent_start": [lo for lo, _ in spans], "sent_end": [hi for _, hi in spans], "agency": col["agency"],
            "resolved": col["resolved"], **{k: col[k] for k in MENTION_TEXT}}


def splice_mentions(mentions: dict[str, list], rows: np.ndarray, new: dict[str, list]) -> dict[str, list]:
    """A :func:`match_batch` result ``mentions`` with the mentions of its batch's ``rows`` (row positions in that
    batch) replaced by ``new`` — the mentions of those rows matched again (``new["doc"]`` are rows of the same
    batch) — in the order :func:`match_batch` gives them (by row; a row's mentions in the matcher's order).
    Used when a row's source changed after its batch was matched (``analysis.store.upload.EarlyAnalysis``)."""
    old_doc = np.asarray(mentions["doc"], dtype=np.int64)
    keep = np.flatnonzero(~np.isin(old_doc, np.asarray(rows, dtype=np.int64)))
    docs = np.concatenate([old_doc[keep], np.asarray(new["doc"], dtype=np.int64)])
    order = np.argsort(docs, kind="stable").tolist()   # a row's mentions all come from one side: order kept
    kept = keep.tolist()
    out: dict[str, list] = {"doc": docs[order].tolist()}
    for k, col in mentions.items():
        if k != "doc":
            merged = [col[i] for i in kept] + list(new[k])
            out[k] = [merged[i] for i in order]
    return out


def analyze_batch(batch: pa.RecordBatch, spec: AnalysisSpec) -> dict:
    """The map step: ``{"article_id": int64[], "tokens": tokenize_batch(...), "mentions": match_batch(...)}``."""
    return {"article_id": batch.column("article_id").to_numpy(zero_copy_only=False).astype(np.int64),
            "tokens": tokenize_batch(batch, spec.tokenizer),
            "mentions": match_batch(batch, spec.agency_user_path)}


def sorted_distinct(arrays: list[pa.Array]) -> pa.Array:
    """The distinct strings of Arrow ``string`` arrays (no nulls), in the order of Python's ``sorted`` — Arrow
    compares UTF-8 bytes, and the byte order of UTF-8 is the code point order — as one ``string`` array.
    The global term names of :func:`combine` (≈ 0.05 CPU-s less than a Python set and sort for the 82k
    terms of the 20k CCTV corpus)."""
    if not arrays:
        return pa.array([], pa.string())
    distinct = pc.unique(pa.chunked_array(arrays, pa.string()))
    return distinct.take(pc.sort_indices(distinct))


def combine(parts: list[dict]) -> dict[str, pa.Table]:
    """The reduce step over :func:`analyze_batch` results in batch order: ``terms``, ``doc_terms``,
    ``term_seq`` (``article_id, terms``: global term ids in text order, -1 = break), ``agencies``,
    ``mentions`` and ``n_tokens`` (``article_id, n_tokens``) as Arrow tables."""
    locals_ = [pa.array(p["tokens"]["vocab"], pa.string()) for p in parts]
    vocab = sorted_distinct(locals_)
    agencies = sorted({a for p in parts for a in p["mentions"]["agency"]})
    a_index = {a: i for i, a in enumerate(agencies)}
    dt_cols: dict[str, list] = {"article_id": [], "term_id": [], "n": []}
    m_cols: dict[str, list] = {"article_id": [], "agency_id": []}
    m_rest: dict[str, list] = {}
    n_tok: dict[str, list] = {"article_id": [], "n_tokens": []}
    seqs: list[pa.Array] = []
    for p, local in zip(parts, locals_):
        ids, tok, men = p["article_id"], p["tokens"], p["mentions"]
        # hash lookups (Arrow's): numpy string searchsorted was 3 s per 10k articles
        to_global = pc.index_in(local, value_set=vocab).to_numpy(zero_copy_only=False).astype(np.int32)
        dt_cols["article_id"].append(ids[tok["doc"]])
        dt_cols["term_id"].append(to_global[tok["term"]] if len(tok["term"]) else np.zeros(0, dtype=np.int32))
        dt_cols["n"].append(tok["n"])
        n_tok["article_id"].append(ids)
        n_tok["n_tokens"].append(tok["n_tokens"])
        gseq = np.append(to_global, np.int32(BREAK))[tok["seq"]]   # (BREAK = -1: the last entry, BREAK itself)
        seqs.append(pa.ListArray.from_arrays(pa.array(tok["offsets"].astype(np.int32)),
                                             pa.array(gseq.astype(np.int32), pa.int32())))
        m_cols["article_id"].append(ids[np.asarray(men["doc"], dtype=np.int64)])
        m_cols["agency_id"].append(np.array([a_index[a] for a in men["agency"]], dtype=np.int32))
        for k in ("field", "start", "end", "sent_start", "sent_end", "resolved", *MENTION_TEXT):
            m_rest.setdefault(k, []).extend(men[k])

    def cat(chunks, dtype):
        return np.concatenate(chunks).astype(dtype) if chunks else np.zeros(0, dtype=dtype)

    doc_terms = pa.table({"article_id": cat(dt_cols["article_id"], np.int64),
                          "term_id": cat(dt_cols["term_id"], np.int32), "n": cat(dt_cols["n"], np.int32)})
    mentions = {"article_id": cat(m_cols["article_id"], np.int64)}
    for k in ("field", "start", "end", "sent_start", "sent_end"):
        mentions[k] = m_rest.get(k, [])
    mentions["agency_id"] = cat(m_cols["agency_id"], np.int32)
    for k in ("resolved", *MENTION_TEXT):
        mentions[k] = m_rest.get(k, [])
    schema = pa.schema([("article_id", pa.int64()), ("field", pa.string()), ("start", pa.int32()),
                        ("end", pa.int32()), ("sent_start", pa.int32()), ("sent_end", pa.int32()),
                        ("agency_id", pa.int32()), ("resolved", pa.bool_()),
                        *[(k, pa.string()) for k in MENTION_TEXT]])
    return {"terms": pa.table({"term_id": np.arange(len(vocab), dtype=np.int32), "term": vocab}),
            "doc_terms": doc_terms,
            "agencies": pa.table({"agency_id": np.arange(len(agencies), dtype=np.int32),
                                  "agency": pa.array(agencies, pa.string())}),
            "mentions": pa.table(mentions, schema=schema),
            "n_tokens": pa.table({"article_id": cat(n_tok["article_id"], np.int64),
                                  "n_tokens": cat(n_tok["n_tokens"], np.int64)}),
            "term_seq": pa.table({"article_id": cat(n_tok["article_id"], np.int64),
                                  "terms": pa.chunked_array(seqs, pa.list_(pa.int32())).combine_chunks()
                                  if seqs else pa.array([], pa.list_(pa.int32()))})}
