"""The dataset library: uploads saved on the server, so they survive a browser refresh and a server restart.

Layout under the root (default ``data/library/``, or ``$WENJIAN_LIBRARY``)::

    manifest.json          {"format": 1, "generation": N, "datasets": {id: {...}}}  — the one source of truth
    data/<id>-<n>.parquet  one Parquet file per dataset *version* (never rewritten in place); the parse
                           report is stored in its footer metadata, so the manifest stays small
    .lock                  fcntl lock file (exclusive for writes, shared for reads)

Why it is crash safe: every file is written to a temporary name in the same directory, flushed and
``fsync``-ed, then ``os.replace``-d over its final name and the directory is ``fsync``-ed. A new version's
Parquet file is complete on disk *before* the manifest that points to it is replaced, and an old version's
file is deleted only *after* the new manifest is durable. A SIGKILL at any moment therefore leaves a manifest
whose every entry points to a complete file: the last complete version of every dataset. Leftovers (temporary
files, data files no manifest entry points to) are removed whenever a ``Library`` is opened.

Why it is concurrency safe: writes in one process are serialised by a ``threading.Lock`` per root, and across
processes by an exclusive ``fcntl.flock``; readers take a shared ``flock`` so a writer never deletes a file
being read. The manifest is re-read on every call, so two server processes see each other's changes.

User-given names are only *displayed* (after :func:`clean_name`); files are named by generated ids.
"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import os
import secrets
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.durable import TMP_PREFIX, atomic_write
from analysis.errors import InvalidOption, LimitExceeded, LoadError
from analysis.ids import KEY, with_article_ids
from analysis.loaders.report import ParseReport, report_from_dict, report_to_dict
from analysis.merge import merge_articles
from analysis.schema import ARTICLE_COLUMNS, coerce_articles

#: Environment variable that moves the library (e.g. onto a persistent volume).
ENV_ROOT = "WENJIAN_LIBRARY"
DEFAULT_ROOT = Path(__file__).resolve().parents[1] / "data" / "library"
MANIFEST = "manifest.json"
FORMAT = 1
#: Display names are cut to this many characters.
MAX_NAME_CHARS = 80
#: Environment variable: the most disk the library's data files may use, in MB (0 = no limit).
ENV_MAX_MB = "WENJIAN_LIBRARY_MAX_MB"
DEFAULT_MAX_MB = 2048
# Format characters (zero-width, bidi overrides/isolates...) and controls are removed from display names.
_STRIP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}

_process_locks: dict[Path, threading.Lock] = {}
_process_locks_guard = threading.Lock()


def default_root() -> Path:
    """``$WENJIAN_LIBRARY`` when set, else ``data/library`` inside the project."""
    env = os.environ.get(ENV_ROOT, "").strip()
    return Path(env) if env else DEFAULT_ROOT


def max_bytes() -> int:
    """The library's disk budget in bytes from ``$WENJIAN_LIBRARY_MAX_MB`` (default 2048 MB; 0 = none)."""
    raw = os.environ.get(ENV_MAX_MB, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024) if mb > 0 else 0


def clean_name(name: object, *, default: str = "未命名数据集") -> str:
    """A user-given dataset name made safe to *display*: control, zero-width and bidi-override characters
    removed, whitespace collapsed, cut to :data:`MAX_NAME_CHARS`. (Names never become file paths; HTML
    escaping is still the renderer's job.)"""
    text = unicodedata.normalize("NFC", str(name if name is not None else ""))
    text = "".join(" " if ch in "\t\n\r\f\v" else ch for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _STRIP_CATEGORIES)
    text = " ".join(text.split())
    return text[:MAX_NAME_CHARS].strip() or default


def articles_digest(articles: pd.DataFrame) -> str:
    """A content digest over every contract column (row order included): equal tables, equal digests.
    Stored at save time and checked against the data read back.

    BLAKE2b-128 of pandas' per-row hashes (``hash_pandas_object``) of the columns. They are hashed without
    ``categorize`` (the same values — categorizing only saves work on repeated values — but on mostly unique
    texts it costs a dictionary encoding: 0.095 instead of 0.14 CPU-s on the CCTV corpus)."""
    df = coerce_articles(articles)
    if df.empty:
        return "empty"
    cols = list(ARTICLE_COLUMNS)
    h = pd.util.hash_pandas_object(df[cols], index=False, categorize=False)
    return hashlib.blake2b(h.to_numpy().tobytes(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class DatasetInfo:
    """One library entry as listed (the data itself is read by :meth:`Library.open`)."""

    id: str
    name: str
    created: str          # ISO 8601, UTC
    updated: str          # ISO 8601, UTC
    articles: int
    digest: str           # :func:`articles_digest` of the stored table
    size: int             # bytes of the Parquet file
    version: int = 1
    file: str = ""        # relative path of the current Parquet file (internal)
    reused: bool = False  # save() found this same content under this name and kept it (not stored)

    def as_row(self) -> dict[str, object]:
        """The public fields, for a table of datasets."""
        return {"id": self.id, "name": self.name, "articles": self.articles, "created": self.created,
                "updated": self.updated, "size": self.size, "digest": self.digest}


_REPORT_KEY = b"wenjian.parse_report"


def _stored_report(metadata: dict | None, entry: dict) -> ParseReport | None:
    raw = (metadata or {}).get(_REPORT_KEY)
    if raw is not None:
        return report_from_dict(json.loads(raw))
    return report_from_dict(entry.get("report"))  # libraries written before reports moved into the file


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


class Library:
    """A folder of saved datasets. Safe for many threads of one server and for several processes."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()
        self.data_dir = self.root / "data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._manifest_path = self.root / MANIFEST
        self._lock_path = self.root / ".lock"
        with _process_locks_guard:
            self._tlock = _process_locks.setdefault(self.root.resolve(), threading.Lock())
        with self._write():
            self._collect_garbage(self._read_manifest())

    # ---------------------------------------------------------------- locking and the manifest
    @contextlib.contextmanager
    def _flock(self, mode: int) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, mode)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        with self._tlock, self._flock(fcntl.LOCK_EX):
            yield

    def _read_manifest(self) -> dict:
        try:
            data = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"format": FORMAT, "generation": 0, "datasets": {}}
        except (OSError, ValueError) as exc:  # only possible if someone edited the file by hand
            raise LoadError.of("library.bad_manifest", path=self._manifest_path, exc=exc) from exc
        data.setdefault("datasets", {})
        return data

    def _write_manifest(self, manifest: dict) -> None:
        manifest["format"] = FORMAT
        manifest["generation"] = int(manifest.get("generation", 0)) + 1
        for entry in manifest["datasets"].values():
            entry.setdefault("seq", manifest["generation"])
        payload = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self._manifest_path, lambda fh: fh.write(payload))

    def _collect_garbage(self, manifest: dict) -> None:
        """Remove temporary files and data files no entry points to (both only exist after a crash or
        between a manifest commit and the old version's deletion). Caller holds the write lock."""
        live = {e["file"] for e in manifest["datasets"].values()}
        for folder in (self.root, self.data_dir):
            for p in folder.iterdir():
                rel = p.relative_to(self.root).as_posix()
                stale_tmp = p.name.startswith(TMP_PREFIX)
                orphan = folder == self.data_dir and rel not in live
                if p.is_file() and (stale_tmp or orphan):
                    with contextlib.suppress(OSError):
                        p.unlink()

    @staticmethod
    def _info(entry: dict) -> DatasetInfo:
        fields = {f.name for f in dataclasses.fields(DatasetInfo)}
        return DatasetInfo(**{k: v for k, v in entry.items() if k in fields})

    def _entry(self, manifest: dict, dataset_id: str) -> dict:
        entry = manifest["datasets"].get(dataset_id) if isinstance(dataset_id, str) else None
        if entry is None:
            raise InvalidOption.of("library.no_dataset", dataset=dataset_id)
        return entry

    # ---------------------------------------------------------------- reading
    def list(self) -> list[DatasetInfo]:
        """Every dataset, most recently updated first."""
        with self._flock(fcntl.LOCK_SH):
            manifest = self._read_manifest()
        infos = [self._info(e) for e in manifest["datasets"].values()]
        seq = {i: int(e.get("seq", 0)) for i, e in manifest["datasets"].items()}
        return sorted(infos, key=lambda i: (seq[i.id], i.updated), reverse=True)

    def info(self, dataset_id: str) -> DatasetInfo:
        """The entry of one dataset (:class:`InvalidOption` when there is none)."""
        with self._flock(fcntl.LOCK_SH):
            return self._info(self._entry(self._read_manifest(), dataset_id))

    def open(self, dataset_id: str) -> pd.DataFrame:
        """The stored article table, typed by :func:`coerce_articles`."""
        return self.load(dataset_id)[0]

    def report(self, dataset_id: str) -> ParseReport | None:
        """The parse report stored with the dataset (``None`` when it was saved without one). Read from the
        Parquet footer only, not the data."""
        with self._flock(fcntl.LOCK_SH):
            entry = self._entry(self._read_manifest(), dataset_id)
            schema = self._read(entry, pq.read_schema)
        return _stored_report(schema.metadata, entry)

    def _read(self, entry: dict, reader):
        try:
            return reader(self.root / entry["file"])
        except (OSError, pa.ArrowException) as exc:
            raise LoadError.of("library.unreadable", name=entry["name"], exc=exc) from exc

    def load(self, dataset_id: str, *, keys: bool = False) -> tuple[pd.DataFrame, ParseReport | None, DatasetInfo]:
        """Table, parse report and entry of one dataset, read consistently under one shared lock.

        ``keys=True`` adds the stable ``article_id`` column (``analysis.ids``; datasets saved before keys
        existed get them computed from their content); by default the table is exactly what was saved."""
        with self._flock(fcntl.LOCK_SH):
            entry = self._entry(self._read_manifest(), dataset_id)
            table = self._read(entry, pq.read_table)
        df = coerce_articles(table.to_pandas())
        df = with_article_ids(df) if keys else df.drop(columns=[KEY], errors="ignore")
        return df, _stored_report(table.schema.metadata, entry), self._info(entry)

    def data_file(self, dataset_id: str) -> Path:
        """The Parquet file of the dataset's current version (read it by column: e.g. the policy fields of a
        large dataset, ``analysis.store.query_policy``)."""
        with self._flock(fcntl.LOCK_SH):
            return self.root / self._entry(self._read_manifest(), dataset_id)["file"]

    def article_ids(self, dataset_id: str) -> pd.Series:
        """The stable ``article_id`` of every row of a dataset, in row order (``int64``)."""
        return self.load(dataset_id, keys=True)[0][KEY]

    # ---------------------------------------------------------------- writing
    def _write_version(self, dataset_id: str, version: int, articles: pd.DataFrame,
                       report: ParseReport | None) -> tuple[str, int]:
        rel = f"data/{dataset_id}-{version}.parquet"
        table = pa.Table.from_pandas(articles, preserve_index=False)
        if report is not None:  # the report travels in the file's footer: one atomic file per version
            meta = dict(table.schema.metadata or {})
            meta[_REPORT_KEY] = json.dumps(report_to_dict(report), ensure_ascii=False).encode("utf-8")
            table = table.replace_schema_metadata(meta)
        atomic_write(self.root / rel, lambda fh: pq.write_table(table, fh, compression="zstd"))
        return rel, (self.root / rel).stat().st_size

    def save(self, name: str, articles: pd.DataFrame, report: ParseReport | None = None, *,
             dataset_id: str | None = None) -> DatasetInfo:
        """Store ``articles`` as a new dataset called ``name``, or — with ``dataset_id`` — as a new version
        of that dataset (its name is then replaced by ``name``). Returns the new entry.

        Each article keeps its stable ``article_id`` (``analysis.ids``; computed from its content when the
        table has none)."""
        df = with_article_ids(coerce_articles(articles))
        digest = articles_digest(df)
        return self._commit(name, dataset_id, len(df), digest,
                            lambda new_id, version: self._write_version(new_id, version, df, report))

    def save_parts(self, name: str, parts, *, articles: int, digest: str, report: ParseReport | None = None,
                   dataset_id: str | None = None) -> DatasetInfo:
        """:meth:`save` for a table too large for memory: ``parts`` is an iterable of Arrow tables (the
        article table as :meth:`save` would store it — ``coerce_articles`` columns + ``article_id`` — cut
        into consecutive row ranges, all with the first part's schema), written to the version's Parquet file
        one after the other; ``articles`` and ``digest`` (:func:`articles_digest` of the whole table, which
        the caller computes part by part: it is a hash of per-row hashes) are stored as given."""
        def write(new_id: str, version: int) -> tuple[str, int]:
            rel = f"data/{new_id}-{version}.parquet"

            def fill(fh) -> None:
                writer = None
                for table in parts:
                    if writer is None:
                        schema = table.schema
                        if report is not None:
                            meta = dict(schema.metadata or {})
                            meta[_REPORT_KEY] = json.dumps(report_to_dict(report), ensure_ascii=False).encode()
                            schema = schema.with_metadata(meta)
                        writer = pq.ParquetWriter(fh, schema, compression="zstd")
                    writer.write_table(table.cast(writer.schema))
                if writer is None:
                    raise LoadError.of("library.nothing_to_save")
                writer.close()

            atomic_write(self.root / rel, fill)
            return rel, (self.root / rel).stat().st_size

        return self._commit(name, dataset_id, articles, digest, write)

    def _commit(self, name: str, dataset_id: str | None, n: int, digest: str, write) -> DatasetInfo:
        """Write a new version (``write(id, version) -> (relative path, bytes)``) under the write lock, check
        the disk budget, and point the manifest at it. A new dataset (no ``dataset_id``) with the name and
        content digest of an existing one is that one: nothing is written, it becomes the most recent and its
        info comes back with ``reused=True`` (uploading the same files twice gave two entries with one label)."""
        with self._write():
            manifest = self._read_manifest()
            same = [e for e in manifest["datasets"].values()
                    if dataset_id is None and e.get("digest") == digest and e.get("name") == clean_name(name)]
            if same:  # the same upload again: one picker entry (and one store), moved to the top of the list
                entry = same[0]
                entry["updated"] = _now()
                entry.pop("seq", None)  # _write_manifest gives it the newest sequence number
                self._write_manifest(manifest)
                return dataclasses.replace(self._info(entry), reused=True)
            old = self._entry(manifest, dataset_id) if dataset_id is not None else None
            new_id = dataset_id if old else secrets.token_hex(6)
            version = int(old.get("version", 1)) + 1 if old else 1
            rel, size = write(new_id, version)
            budget = max_bytes()
            used = sum(int(e.get("size", 0)) for i, e in manifest["datasets"].items() if i != new_id)
            if budget and used + size > budget:
                (self.root / rel).unlink()
                raise LimitExceeded.of("library.full", used=used / 2**20, size=size / 2**20, budget=budget / 2**20)
            now = _now()
            entry = {"id": new_id, "name": clean_name(name), "created": old["created"] if old else now,
                     "updated": now, "articles": n, "digest": digest, "size": size, "version": version,
                     "file": rel}  # "seq" is set by _write_manifest
            manifest["datasets"][new_id] = entry
            self._write_manifest(manifest)
            if old and old["file"] != rel:
                with contextlib.suppress(OSError):
                    (self.root / old["file"]).unlink()
        return self._info(entry)

    def rename(self, dataset_id: str, name: str) -> DatasetInfo:
        """Give a dataset a new display name (its data is untouched)."""
        with self._write():
            manifest = self._read_manifest()
            entry = self._entry(manifest, dataset_id)
            entry["name"] = clean_name(name)
            entry["updated"] = _now()
            entry.pop("seq", None)
            self._write_manifest(manifest)
        return self._info(entry)

    def delete(self, dataset_id: str) -> None:
        """Remove a dataset (manifest first, then its file: a crash in between leaves only an orphan file,
        removed at the next open)."""
        with self._write():
            manifest = self._read_manifest()
            entry = self._entry(manifest, dataset_id)
            del manifest["datasets"][dataset_id]
            self._write_manifest(manifest)
            with contextlib.suppress(OSError):
                (self.root / entry["file"]).unlink()

    def merge(self, dataset_ids: Sequence[str], name: str) -> DatasetInfo:
        """A new dataset with the articles of ``dataset_ids`` in that order (the originals stay).

        ``id`` (the CLI's row number) is renumbered 1..n; the stable key ``article_id`` of every article is
        kept (``analysis.ids``: only a second copy of the very same article gets a new one). Duplicate marks
        are recomputed over the merged table with the loader's ``analysis.dedup.find_duplicates`` (so a story
        reposted in two datasets is marked across them, with the same rules as a single upload)."""
        ids = list(dict.fromkeys(dataset_ids))
        if len(ids) < 2:
            raise InvalidOption.of("library.merge_two")
        frames, reports = [], []
        for i in ids:
            df, rep, _ = self.load(i, keys=True)
            frames.append(df)
            reports.append(rep)
        merged = merge_articles(frames)
        report = ParseReport(files=[f for r in reports if r for f in r.files])
        report.count(merged)
        return self.save(name, merged, report)
