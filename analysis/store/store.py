"""The store on disk: one folder of Parquet tables per dataset version and analysis settings.

Layout under the library root (``analysis.library``)::

    store/<dataset id>-v<version>-<key>/   key = digest of (dataset content digest, AnalysisSpec.digest())
        meta.json                           {"format", "dataset", "version", "digest", "spec", "articles",
                                             "synonyms", "tables": {name: rows}}
        articles.parquet  article_text.parquet  terms.parquet  doc_terms.parquet  term_seq.parquet
        agencies.parquet  mentions.parquet      duplicates.parquet

A table is one Parquet file, or — when ``python -m analysis ingest`` wrote it part by part — a folder of that
name holding ``part-00000.parquet``, ``part-00001.parquet`` … in row order (the Spark/Hive layout;
``meta.json`` then lists each part's first row under ``"parts"``).

A store folder is written under a temporary name and renamed into place when complete (so a reader never sees
half a store), and never changed afterwards: a new dataset version, dictionary, agency table or code gives a
new key, i.e. a new folder (folders of older versions of the dataset are removed after the new one is in place).
Stores built by ``python -m analysis ingest`` live in the same place and are what the CLI's ``--dataset`` and
the app read.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.errors import LoadError
from analysis.schema import coerce_articles
from analysis.store.batch import AnalysisSpec
from analysis.store.build import build_tables, doc_rows, write_doc_rows
from analysis.store.runner import Event, no_progress
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import UserDict, load_user_dict

FORMAT = 1
TABLES: tuple[str, ...] = ("articles", "article_text", "terms", "doc_terms", "term_seq", "agencies", "mentions",
                           "duplicates", "term_cells", "term_totals", "agency_cells", "agency_docs", "pair_cells",
                           "bigrams", "agency_aliases", "agency_rows", "agency_pairs", "citations", "doc_keys")
#: Tables a store written by an earlier version may lack (``term_seq``: then phrases are not available from it;
#: the roll-ups of ``analysis.store.build``: then every query reads the base tables; ``citations`` / ``doc_keys``
#: of ``analysis.store.citations``: full builds only, the 政策 page of a large dataset then asks for a re-ingest).
OPTIONAL: frozenset[str] = frozenset({"term_seq", "term_cells", "term_totals", "agency_cells", "agency_docs",
                                      "pair_cells", "bigrams", "agency_aliases", "agency_rows", "agency_pairs",
                                      "citations", "doc_keys"})
STORE_DIR = "store"
#: Rows per Parquet row group of ``article_text``: KWIC reads only the groups holding its candidate articles.
TEXT_ROW_GROUP = 1_000
#: Row group sizes other than the default 256k: small groups where a query reads one key's rows (DuckDB skips
#: the groups whose min/max exclude it).
ROW_GROUPS: dict[str, int] = {"article_text": TEXT_ROW_GROUP, "doc_terms": 64_000, "bigrams": 64_000}
#: Parquet writer options per table besides zstd and the row group size: the bigram index is sorted by key,
#: then row, so delta encoding stores it in ≈ ⅔ of the bytes of dictionary + zstd and writes faster
#: (measured on 10,000 bench articles: 7.9 vs 11.8 MiB, 0.78 vs 1.23 s).
WRITE_OPTIONS: dict[str, dict] = {"bigrams": {"use_dictionary": False, "column_encoding": {
    "key": "DELTA_BINARY_PACKED", "row": "DELTA_BINARY_PACKED"}}}
#: Folder of the ``doc_rows`` arrays (``analysis.store.build.doc_rows``: ``doc_terms`` by article row, NumPy
#: files one pair per part); optional (stores written before it lack it: selections then read ``doc_terms``).
DOC_ROWS = "doc_rows"
_TMP = ".tmp-"


class Store:
    """A complete store folder (read-only). ``Store(path)`` checks it is complete."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise LoadError.of("store.damaged", path=self.path, exc=exc) from None
        missing = [t for t in TABLES if t not in OPTIONAL and not (self.path / f"{t}.parquet").exists()]
        if missing:
            raise LoadError.of("store.missing_tables", tables=", ".join(missing), path=self.path)
        with contextlib.suppress(OSError):  # "last used" for drop_unused_stores (a read-only library: skipped)
            os.utime(self.path / "meta.json")

    def file(self, name: str) -> Path:
        """The table's path: a Parquet file or a folder of part files."""
        return self.path / f"{name}.parquet"

    def has(self, name: str) -> bool:
        return self.file(name).exists()

    def doc_rows(self) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """The ``doc_rows`` parts (``analysis.store.build.doc_rows``) as ``(indptr, packed)`` memory-mapped
        read-only (the pages a selection touches are read), in row order — ``None`` when the store lacks them."""
        folder = self.path / DOC_ROWS
        if not folder.is_dir():
            return None
        idx = sorted(folder.glob("part-*.idx.npy"))
        return [(np.load(f, mmap_mode="r"), np.load(f.with_name(f.name.replace(".idx", "")), mmap_mode="r"))
                for f in idx]

    def files(self, name: str) -> list[Path]:
        """The Parquet files of a table in row order (one, or the parts of a folder)."""
        path = self.file(name)
        return sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]

    def read(self, name: str, columns: list[str] | None = None) -> pa.Table:
        """One table (optionally only ``columns``), parts concatenated in row order; every column nullable
        (DuckDB writes some as required, pyarrow does not: the same table either way)."""
        files = self.files(name)
        t = pq.read_table(files[0], columns=columns) if len(files) == 1 else \
            pa.concat_tables([pq.read_table(f, columns=columns) for f in files])
        return t.cast(pa.schema([f.with_nullable(True) for f in t.schema], metadata=t.schema.metadata))

    @property
    def n_articles(self) -> int:
        return int(self.meta["articles"])

    @property
    def synonyms(self) -> dict[str, str]:
        return dict(self.meta.get("synonyms", {}))

    def size(self) -> int:
        """Bytes on disk of every file of the store."""
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def articles(self, *, text: bool = True) -> pd.DataFrame:
        """The article table as the pages use it (``analysis.schema`` columns + ``article_id`` and
        ``n_tokens``), in dataset row order."""

        meta = self.read("articles").to_pandas()
        if text:
            t = self.read("article_text").to_pandas()
            # the columns as pandas holds them (Arrow-backed ``str`` in pandas ≥ 3): no round trip through
            # Python strings here and back to Arrow in ``coerce_articles`` (≈ 0.3 CPU-s of the 20k CCTV corpus)
            meta["title"], meta["body"] = t["title"].array, t["body"].array
        meta["date"] = pd.to_datetime(meta["date"])
        return coerce_articles(meta.drop(columns=["row"]))


def store_meta(tables: dict[str, pa.Table], meta: dict) -> dict:
    """The ``meta.json`` content :func:`write_store` writes for ``tables``: ``meta`` plus the store ``format``
    and the row count of every table written (every name of :data:`TABLES` but the absent optional ones)."""
    names = [t for t in TABLES if t in tables or t not in OPTIONAL]
    return {**meta, "format": FORMAT, "tables": {t: tables[t].num_rows for t in names}}


def write_store(path: Path | str, tables: dict[str, pa.Table], meta: dict) -> Store:
    """Write ``tables`` (every name of :data:`TABLES`; those of :data:`OPTIONAL` may be left out) and ``meta``
    as a complete store folder at ``path`` (atomically: a temporary folder renamed into place; an existing
    folder at ``path`` is kept). Raises ``KeyError`` for a missing table that is not optional."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=_TMP, dir=path.parent))
    try:
        names = [t for t in TABLES if t in tables or t not in OPTIONAL]
        for name in names:
            pq.write_table(tables[name], tmp / f"{name}.parquet", compression="zstd",
                           row_group_size=ROW_GROUPS.get(name, 256_000), **WRITE_OPTIONS.get(name, {}))
        if "bigrams" in tables:  # with the query indexes (analysis.store.build): doc_rows too
            arts, dt = tables["articles"], tables["doc_terms"]
            rows = pd.Index(arts["article_id"].to_numpy()).get_indexer(dt["article_id"].to_numpy())
            write_doc_rows(tmp / DOC_ROWS, 0, *doc_rows(rows, dt["term_id"].to_numpy(), dt["n"].to_numpy(),
                                                        arts.num_rows, tables["terms"].num_rows))
        meta = store_meta(tables, meta)
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        for p in tmp.rglob("*"):
            if p.is_dir():
                continue
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())
        try:
            os.rename(tmp, path)
        except OSError:  # someone else finished the same store first: theirs is as good as ours
            if not (path / "meta.json").is_file():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Store(path)


def store_key(content_digest: str, spec: AnalysisSpec, *, spec_digest: str | None = None) -> str:
    """The key of a store: dataset content digest + analysis spec digest (``spec_digest``: ``spec.digest()``
    when the caller has it already — it reads the code and the agency table, ≈ 0.06–0.1 CPU-s)."""
    sd = spec.digest() if spec_digest is None else spec_digest
    return hashlib.blake2b(f"{content_digest}\x1f{sd}".encode(), digest_size=8).hexdigest()


def settings_differ(meta: dict, spec: AnalysisSpec) -> bool:
    """Was the store whose ``meta.json`` is ``meta`` built with other analysis settings than ``spec`` — another
    tokenizer (dictionaries, stopwords, synonyms, minimum length: ``TokenizerSettings.version``) or another
    agency table (``AnalysisSpec.agency_table_digest``)? The code files are not compared: the store key
    (:func:`store_key`) changes with any edit of them (even a new helper function), which says nothing about
    the user's settings.

    A store written before the table digest was recorded (no ``agency_table`` in ``meta``) was built by
    ``python -m analysis ingest`` or an upload with the agency table of its time: taken as the project's
    table, so only a session with its own agency table edits is told its settings differ."""
    if meta.get("tokenizer") != spec.tokenizer.version:
        return True
    stored = meta.get("agency_table")
    if stored is None:
        return spec.agency_table_digest() != AnalysisSpec(spec.tokenizer, "").agency_table_digest()
    return stored != spec.agency_table_digest()


def store_folder(root: Path | str, dataset_id: str, version: int, key: str) -> Path:
    return Path(root) / STORE_DIR / f"{dataset_id}-v{version}-{key}"


def build_store(path: Path | str, articles: pd.DataFrame, spec: AnalysisSpec, runner=None, *,
                meta: dict | None = None, on_event: Callable[[Event], None] = no_progress, **kwargs) -> Store:
    """Build every table of ``articles`` (``analysis.store.build.build_tables``) and write the store."""
    tables = build_tables(articles, spec, runner, on_event=on_event, **kwargs)
    on_event(Event("write", 0, 1))
    info = {"articles": tables["articles"].num_rows, "spec": spec.digest(),
            **spec.settings_meta(), "synonyms": dict(spec.tokenizer.synonyms), **(meta or {})}
    store = write_store(path, tables, info)
    on_event(Event("write", 1, 1))
    return store


def dataset_store(library, dataset_id: str, spec: AnalysisSpec, runner=None, *, articles: pd.DataFrame | None = None,
                  on_event: Callable[[Event], None] = no_progress) -> Store:
    """The store of a saved dataset for ``spec``: opened when it exists, else built from ``articles`` (default:
    the dataset read back with its keys) (and older stores of
    older versions of the same dataset removed; of this version's stores for other settings the
    ``STORES_KEPT - 1`` most recently used stay: :func:`drop_unused_stores`). ``library``: an ``analysis.library.Library``."""
    info = library.info(dataset_id)
    folder = store_folder(library.root, dataset_id, info.version, store_key(info.digest, spec))
    if (folder / "meta.json").is_file():
        return Store(folder)
    if articles is None:  # ``articles``: the table just saved (ingest), to spare reading it back
        articles = library.load(dataset_id, keys=True)[0]
    store = build_store(folder, articles, spec, runner, on_event=on_event,
                        meta={"dataset": dataset_id, "version": info.version, "digest": info.digest,
                              "name": info.name})
    drop_older_stores(folder.parent, dataset_id, info.version)
    drop_unused_stores(folder.parent, dataset_id, info.version, folder)
    return store


def drop_older_stores(root: Path | str, dataset_id: str, version: int) -> None:
    """Remove the store folders under ``root`` of versions of ``dataset_id`` older or newer than ``version``
    (stores of other settings of ``version`` stay); a folder that cannot be removed is left."""
    for old in Path(root).glob(f"{dataset_id}-v*"):
        if not old.name.startswith(f"{dataset_id}-v{version}-"):
            with contextlib.suppress(OSError):
                shutil.rmtree(old)


#: Stores kept per dataset version, the one just built included: each is the version analysed with other
#: settings (the dictionary before a change, the command line's project dictionaries). See drop_unused_stores.
STORES_KEPT = 3


def drop_unused_stores(root: Path | str, dataset_id: str, version: int, keep: Path | str,
                       kept: int = STORES_KEPT) -> list[str]:
    """Remove the stores under ``root`` of version ``version`` of ``dataset_id`` beyond the ``kept`` most
    recently used (``keep`` — the store just built or opened — always stays and counts as one); returns the
    names removed. "Used" is the time a ``Store`` last opened the folder (its ``meta.json``'s modification
    time). Why not only the current settings' store: a store stays useful for the command line (built with
    the project's dictionaries), for a dictionary change undone, and for a session that opened it before the
    change; so the most recent few stay and only those nobody opened since are removed — without this a
    dataset gained one full store (29–51 MB on CCTV) per dictionary change (tester M2). A folder that cannot
    be removed is left."""
    keep = Path(keep)
    others = [p for p in Path(root).glob(f"{dataset_id}-v{version}-*")
              if p.name != keep.name and (p / "meta.json").is_file()]

    def last_used(p: Path) -> float:
        try:
            return (p / "meta.json").stat().st_mtime
        except OSError:
            return 0.0

    others.sort(key=last_used, reverse=True)
    removed = []
    for old in others[max(kept - 1, 0):]:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)
            removed.append(old.name)
    return removed


def default_spec(*, user_dict: bool = False, agency_user_path: str | None = "") -> AnalysisSpec:
    """The analysis settings of the CLI: the project's dictionaries (plus the user's saved dictionary with
    ``user_dict=True``) and the project's agency table (``agency_user_path=None``: plus the user's edits)."""

    ud = load_user_dict() if user_dict else UserDict()
    tk = build_tokenizer(ud.words, ud.stopwords, ud.synonyms)
    return AnalysisSpec(tokenizer=tk.settings, agency_user_path=agency_user_path)


#: Below this many articles ``analysis.store.backends.open_backend`` keeps everything in memory (numpy; today's page speed), above
#: it queries the Parquet files with DuckDB (bounded memory). ``scripts/bench_scale.py`` prints both at 20k.
MEMORY_MAX_ARTICLES = 200_000

