"""The store's citation tables (full builds only: ``query_indexes=True`` and ``python -m analysis ingest``):
the references every body makes, found once at ingest, resolved against the whole corpus once the store's
parts are all written (``resolved_id``: ``analysis.store.cite_resolve``) and read by the 政策 queries
(``analysis.store.query_citations``).

- ``citations``: one row per :class:`analysis.policy.citations.Pending` of an article
  (:func:`~analysis.policy.citations.extract_citations` of its title, body and 文号): ``article_id, seq`` (its
  position in the article's list), ``kind`` (``title`` / ``number``), ``cited_title, cited_doc_number, role,
  self, written, start, sentence, cover_self, cover_other`` — and in the store ``resolved_id`` (the cited
  document's ``article_id`` or null, added by :mod:`analysis.store.cite_resolve`);
- ``doc_keys``: ``article_id, key`` — every key a corpus document answers to in
  :class:`analysis.policy.citation_index.CorpusIndex` (its title keys, its 关于 subject, its 文号 key) as a
  64-bit hash (:func:`key_hash`), so a query fetches only the documents a selection's references may name.

Both (before ``resolved_id``) are pure functions of one article each (a batch of rows in, a table out): the same
rows whatever the batching. Source of the rules: ``analysis.policy.citations`` / ``citation_index`` (the 政策 page's own code).
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pyarrow as pa

from analysis.policy.citation_index import CorpusIndex, normalize_title, number_parts
from analysis.policy.citations import Pending, extract_citations, has_references
from analysis.policy.numbers import doc_number_key

#: Code whose change changes these tables (part of the store key: ``analysis.store.batch.AnalysisSpec.digest``).
SOURCE_FILES = ("store/citations.py", "store/cite_resolve.py", "policy/citations.py", "policy/citation_index.py",
                "policy/numbers.py", "policy/citation_forms.py", "policy/repeal_lists.py")

CITATION_SCHEMA = pa.schema([("article_id", pa.int64()), ("seq", pa.int32()), ("kind", pa.string()),
                             ("cited_title", pa.string()), ("cited_doc_number", pa.string()), ("role", pa.string()),
                             ("self", pa.bool_()), ("written", pa.string()), ("start", pa.int32()),
                             ("sentence", pa.string()), ("cover_self", pa.list_(pa.int32())),
                             ("cover_other", pa.list_(pa.int32()))])
#: The tables of this module (a light store, ``query_indexes=False``, has neither).
TABLES = ("citations", "doc_keys")
KEY_SCHEMA = pa.schema([("article_id", pa.int64()), ("key", pa.int64())])


def key_hash(text: str) -> int:
    """A signed 64-bit hash of a matching key (blake2b, 8 bytes): stable across processes and versions.
    A collision only adds a document to the candidates a query reads, never changes a resolution."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def number_key(number: str) -> str:
    """The text of the key :class:`CorpusIndex` files a 文号 under (``number_parts``, else ``doc_number_key``)."""
    parts = number_parts(number)
    return "#" + repr(parts or (doc_number_key(number),))


def document_keys(title: str, number: str) -> set[str]:
    """Every key a corpus document (``title``, 文号 ``number``) is found under by :meth:`CorpusIndex.resolve`:
    its title keys, its 关于 subject and its 文号 key."""
    keys = set(CorpusIndex.title_keys(title))
    subject = CorpusIndex.subject(title)
    if subject:
        keys.add(subject)
    if number:
        keys.add(number_key(number))
    return keys


def lookup_keys(cited_title: str, cited_number: str) -> set[str]:
    """The keys :meth:`CorpusIndex.resolve` looks up for a reference (its normalised title, its 关于 subject,
    its 文号 key): a superset of what the documents it may resolve to answer to."""
    keys = set()
    if cited_title:
        keys.add(normalize_title(cited_title))
        subject = CorpusIndex.subject(cited_title)
        if subject:
            keys.add(subject)
    if cited_number:
        keys.add(number_key(cited_number))
    return keys


def citation_tables(article_id: np.ndarray, titles: Sequence[str | None], bodies: Sequence[str | None],
                    numbers: Sequence[str | None]) -> dict[str, pa.Table]:
    """``{"citations": ..., "doc_keys": ...}`` of a batch of articles (equal-length sequences; ``None`` = ``""``),
    rows in article then text order."""
    cols: dict[str, list] = {k: [] for k in CITATION_SCHEMA.names}
    key_ids: list[int] = []
    keys: list[int] = []
    for aid, title, body, number in zip(np.asarray(article_id, dtype=np.int64).tolist(), titles, bodies, numbers):
        title, body, number = title or "", body or "", number or ""
        for k in sorted(document_keys(title, number)):
            key_ids.append(aid)
            keys.append(key_hash(k))
        if not has_references(body):
            continue
        found: list[Pending] = extract_citations(title, body, number)
        for seq, p in enumerate(found):
            cols["article_id"].append(aid)
            cols["seq"].append(seq)
            for f in Pending._fields:
                cols[f].append(list(getattr(p, f)) if f.startswith("cover_") else getattr(p, f))
    return {"citations": pa.table(cols, schema=CITATION_SCHEMA),
            "doc_keys": pa.table({"article_id": pa.array(key_ids, pa.int64()), "key": pa.array(keys, pa.int64())},
                                 schema=KEY_SCHEMA)}
