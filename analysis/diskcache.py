"""A small on-disk cache of derived structures (tokenized corpora, agency mentions), so that reopening a saved
dataset after a server restart does not re-tokenize 20,000 articles.

Entries are keyed on the dataset's content digest plus everything that decides the result (dictionary
version, agency table digest, a digest of the code that computes it), so a stale entry is never read: a
change of any part is a new key. Writes are atomic (temp file, fsync, ``os.replace``); a damaged entry is
deleted and rebuilt; the cache keeps itself under a size budget by dropping the least recently used files.

Entries are pickles written by this server into its own data folder — never files from users.
Settings: ``WENJIAN_CACHE`` (folder; default ``<library root>/cache``; ``off`` disables),
``WENJIAN_CACHE_MAX_MB`` (default 2048).
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from analysis.library import default_root

T = TypeVar("T")
log = logging.getLogger(__name__)
ENV_DIR = "WENJIAN_CACHE"
ENV_MAX_MB = "WENJIAN_CACHE_MAX_MB"


def source_digest(*paths: str | os.PathLike) -> str:
    """A digest of files' bytes (the code and data a cached result depends on)."""
    h = hashlib.blake2b(digest_size=8)
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()


class DiskCache:
    def __init__(self, root: str | os.PathLike, max_bytes: int = 2048 * 1024 * 1024) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes

    @staticmethod
    def key(*parts: object) -> str:
        h = hashlib.blake2b(digest_size=16)
        for part in parts:
            h.update(repr(part).encode())
            h.update(b"\x1f")
        return h.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.root / f"{kind}-{key}.pickle"

    def get(self, kind: str, key: str) -> object | None:
        path = self._path(kind, key)
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a damaged entry is dropped and rebuilt
            log.warning("dropping unreadable cache entry %s", path, exc_info=True)
            path.unlink(missing_ok=True)
            return None
        os.utime(path)  # least recently used goes first
        return value

    def put(self, kind: str, key: str, value: object) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self._path(kind, key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._trim()

    def get_or_build(self, kind: str, key: str, build: Callable[[], T]) -> T:
        value = self.get(kind, key)
        if value is None:
            value = build()
            try:
                self.put(kind, key, value)
            except OSError:  # a full disk must not break the analysis
                log.warning("could not write cache entry %s-%s", kind, key, exc_info=True)
        return value  # type: ignore[return-value]

    def _trim(self) -> None:
        files = sorted((p for p in self.root.glob("*.pickle") if not p.name.startswith(".tmp-")),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        total = 0
        for p in files:
            total += p.stat().st_size
            if total > self.max_bytes:
                p.unlink(missing_ok=True)


def default_cache() -> DiskCache | None:
    """The cache configured by the environment (None when ``WENJIAN_CACHE=off``)."""
    where = os.environ.get(ENV_DIR, "").strip()
    if where.lower() == "off":
        return None
    mb = os.environ.get(ENV_MAX_MB, "").strip()
    max_bytes = int(float(mb) * 1024 * 1024) if mb else 2048 * 1024 * 1024
    return DiskCache(Path(where) if where else default_root() / "cache", max_bytes)
