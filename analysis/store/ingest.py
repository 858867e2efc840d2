"""Ingest: files → a saved dataset in the library + its store, on a local process pool or a Dask cluster.

Stages (each reports progress ``Event``s through ``on_event``):

1. **read** — input files are cut into groups (in path order, about equal bytes); each group is read and
   normalised by the loader (``analysis.loaders.load_paths``, without duplicate marking) on the runner;
2. **dedup** — the groups are concatenated in order, ``id`` numbered 1..n and duplicates marked over the
   whole collection (``analysis.library.merge_articles``: ``analysis.dedup.find_duplicates``, candidate pairs
   → connected components), ``article_id`` assigned (``analysis.ids``); this step runs in this process;
3. **save** — the article table and the parse report are saved as a library dataset;
4. **analyze / write** — tokenizing and agency matching in batches on the runner, the store written
   (``analysis.store.store.dataset_store``).

Loader limits (``WENJIAN_MAX_*``) apply per read group; the article limit applies to the whole ingest.
With a Dask scheduler the workers must see the input paths and run this project's code (see the README).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa

from analysis.errors import LimitExceeded, LoadError
from analysis.loaders.report import FileReport, ParseReport
from analysis.store.batch import AnalysisSpec
from analysis.store.runner import Event, LocalRunner, _noop

#: Read groups per runner worker slot (more groups = finer progress and load balance).
GROUPS_PER_WORKER = 4


def read_group(files: Sequence[tuple[str, str]], options) -> tuple[pa.Table, ParseReport]:
    """The read step for one group of ``(path, name)`` files: the loader's article table (as Arrow; ``file``
    = ``name``, as ``load_paths`` names files inside a folder) and parse report. Duplicate marking is left to
    the global dedup step."""
    from analysis.loaders import load_files

    opt = dataclasses.replace(options, mark_duplicates=False, progress=None)
    failed, loaded = [], []
    for path, name in files:
        p = Path(path)
        if not p.is_file():
            failed.append(FileReport(name=name, error="文件不存在或不是普通文件 / no such regular file"))
        elif p.stat().st_size > opt.max_file_bytes:
            failed.append(FileReport(name=name, error=f"文件超过单文件上限 {opt.max_file_bytes:,} 字节 / over the "
                                                      f"per-file limit of {opt.max_file_bytes:,} bytes"))
        else:
            loaded.append((name, p.read_bytes()))
    try:
        res = load_files(loaded, opt)
    except LoadError as exc:  # no article in this group: its file reports still count
        return pa.table({}), ParseReport(files=failed or [FileReport(name=n, error=exc.message) for n, _ in loaded])
    res.report.files = failed + res.report.files
    return pa.Table.from_pandas(res.articles, preserve_index=False), res.report


def input_files(paths: Sequence[str | Path]) -> list[tuple[str, str, int]]:
    """``(path, name, bytes)`` of every input file (folders walked recursively, hidden files skipped, sorted;
    ``name`` as ``load_paths`` shows it); a path that does not exist is kept (reported as failed)."""
    from analysis.loaders.core import walk_path

    out = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            out.append((str(raw), str(raw), 0))
            continue
        for full, name in walk_path(p):
            out.append((str(full), name, full.stat().st_size if full.is_file() else 0))
    return out


def groups(files: list[tuple[str, str, int]], n_groups: int) -> list[list[tuple[str, str]]]:
    """Consecutive groups of ``(path, name)`` with about equal bytes (at most ``n_groups``; none empty)."""
    total = sum(s for _, _, s in files) or 1
    target = total / max(1, n_groups)
    out: list[list[tuple[str, str]]] = [[]]
    acc = 0
    for path, name, size in files:
        if out[-1] and acc >= target * len(out):
            out.append([])
        out[-1].append((path, name))
        acc += size
    return [g for g in out if g]


def read_articles(paths: Sequence[str | Path], runner=None, options=None, *,
                  on_event: Callable[[Event], None] = _noop) -> tuple[pd.DataFrame, ParseReport]:
    """Stages 1–2: the deduplicated, keyed article table of ``paths`` and its parse report.
    Raises ``LoadError`` when nothing could be read (naming the files and what is wrong)."""
    from analysis.ids import with_article_ids
    from analysis.library import merge_articles
    from analysis.loaders import LoadOptions

    runner = runner or LocalRunner(1)
    options = options or LoadOptions.from_env()
    files = input_files(paths)
    slots = getattr(runner, "workers", 2)
    parts = runner.map(read_group, groups(files, slots * GROUPS_PER_WORKER), options, stage="read",
                       on_event=on_event)
    reports = [r for _, r in parts]
    report = ParseReport(files=[f for r in reports for f in r.files],
                         notes=[n for r in reports for n in r.notes])
    frames = [t.to_pandas() for t, _ in parts if t.num_rows]
    if not frames:
        problems = [f"{f.name}: {f.error}" for f in report.files if f.error] or ["没有文章 / no articles"]
        raise LoadError(f"没有读到任何文章 / nothing could be read — {'; '.join(problems[:5])}")
    total = sum(len(f) for f in frames)
    if total > options.max_articles:
        raise LimitExceeded(f"共 {total:,} 篇,超过上限 {options.max_articles:,}(WENJIAN_MAX_ARTICLES)/ {total:,} "
                            f"articles, over the limit of {options.max_articles:,} (raise WENJIAN_MAX_ARTICLES)")
    on_event(Event("dedup", 0, 1))
    articles = merge_articles(frames) if options.mark_duplicates else _concat(frames)
    articles = with_article_ids(articles)
    on_event(Event("dedup", 1, 1))
    report.count(articles)
    return articles, report


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    from analysis.schema import coerce_articles

    df = coerce_articles(pd.concat(frames, ignore_index=True))
    df["id"] = range(1, len(df) + 1)
    df["duplicate_of"] = pd.array([pd.NA] * len(df), dtype="Int64")
    return df


def ingest(paths: Sequence[str | Path], name: str, *, library=None, runner=None, spec: AnalysisSpec | None = None,
           options=None, on_event: Callable[[Event], None] = _noop):
    """Read, deduplicate, save and analyse ``paths`` as the library dataset ``name``; returns
    ``(DatasetInfo, Store)``. ``runner``: ``LocalRunner`` (default: one process per CPU) or ``DaskRunner``."""
    from analysis.library import Library
    from analysis.store.store import dataset_store, default_spec

    library = library or Library()
    runner = runner or LocalRunner()
    spec = spec or default_spec()
    articles, report = read_articles(paths, runner, options, on_event=on_event)
    on_event(Event("save", 0, 1))
    info = library.save(name, articles, report)
    on_event(Event("save", 1, 1))
    return info, dataset_store(library, info.id, spec, runner, articles=articles, on_event=on_event)
