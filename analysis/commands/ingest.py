"""``python -m analysis ingest PATH... --name NAME [--scheduler ADDR]``: files → a library dataset + its store.

Writes into the library (``$WENJIAN_LIBRARY``, default ``data/library``) the dataset the dashboard then
opens, and its store (``analysis.store``) for the project's dictionaries and agency table. Output (stdout):
one row ``id, name, articles, duplicates, store`` — ``id`` is what ``--dataset`` accepts, as is the name.
Progress goes to stderr. ``--scheduler tcp://host:8786`` (or ``$WENJIAN_DASK_SCHEDULER``) runs the work on
a Dask cluster, else a local process pool of ``--workers`` processes (default: the CPU count).

Also here: :func:`open_dataset`, what ``--dataset NAME`` on ``articles``/``keywords``/``kwic``/``agencies``/
``timeline`` uses — the stored tables, read instead of re-analysing.
"""
from __future__ import annotations

import argparse
import sys

import pandas as pd
import pyarrow.parquet as pq

from analysis.commands.messages import option_help, report_lines, say
from analysis.errors import InvalidOption
from analysis.library import MANIFEST, Library, clean_name, default_root
from analysis.loaders import LoadOptions
from analysis.policy.metadata import POLICY_COLUMNS
from analysis.store.batch import AnalysisSpec
from analysis.store.ingest import ingest
from analysis.store.query import MemoryBackend
from analysis.store.runner import make_runner
from analysis.store.store import dataset_store, default_spec
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import UserDict, load_user_dict

HELP = "导入文件为数据集并建立数据存储 / ingest files into a library dataset with its store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help=option_help("ingest.paths"))
    parser.add_argument("--name", required=True, help=option_help("ingest.name"))
    parser.add_argument("--scheduler", metavar="ADDR", default=None, help=option_help("ingest.scheduler"))
    parser.add_argument("--workers", type=int, default=None, metavar="N", help=option_help("ingest.workers"))
    parser.add_argument("--to-simplified", action="store_true", help=option_help("common.to_simplified"))
    parser.add_argument("--quiet", action="store_true", help=option_help("ingest.quiet"))


def _progress(quiet: bool):
    last: dict[str, int] = {}

    def on_event(ev) -> None:
        if quiet:
            return
        pct = int(100 * ev.done / ev.total) if ev.total else 100
        if last.get(ev.stage) == pct:
            return
        last[ev.stage] = pct
        print(f"[{ev.stage}] {ev.done}/{ev.total} ({pct}%)", file=sys.stderr, flush=True)

    return on_event


def run_ingest(args: argparse.Namespace) -> pd.DataFrame:
    if args.workers is not None and args.workers < 1:
        raise InvalidOption.of("cli.workers", workers=args.workers)
    runner = make_runner(args.scheduler, args.workers)
    try:
        info, store = ingest(args.paths, args.name, library=Library(), runner=runner,
                             spec=default_spec(agency_user_path=None),
                             options=LoadOptions.from_env(to_simplified=args.to_simplified),
                             on_event=_progress(args.quiet))
    finally:
        runner.close()
    report = Library().report(info.id)
    for line in report_lines(report) if report else []:
        print(line, file=sys.stderr)
    return pd.DataFrame([{"id": info.id, "name": info.name, "articles": info.articles,
                          "duplicates": report.duplicates if report else 0, "store": str(store.path)}])


def find_dataset(library, name: str):
    """The dataset whose id or display name is ``name`` (the most recent of equal names); ``InvalidOption``
    listing the datasets when there is none."""

    infos = library.list()
    for info in infos:
        if info.id == name:
            return info
    want = clean_name(name)
    for info in infos:  # most recently updated first
        if info.name == want:
            return info
    known = ", ".join(f"{i.name} ({i.id})" for i in infos[:10]) or "—"
    raise InvalidOption.of("cli.no_dataset", name=name, root=library.root, known=known)


def open_dataset(args: argparse.Namespace):
    """``--dataset NAME``: the stored article table and a ``MemoryBackend`` over the stored tables (corpus
    and mentions are read, not recomputed) for the command's analysis settings; built once per settings."""

    root = default_root()
    if not (root / MANIFEST).is_file():  # no library there: say so without creating one (a read-only lookup)
        raise InvalidOption.of("cli.no_dataset", name=args.dataset, root=root, known="—")
    lib = Library()
    info = find_dataset(lib, args.dataset)
    ud = load_user_dict() if getattr(args, "user_dict", False) else UserDict()
    # timeline's --term words are not settings of the store: it counts them from the stored tables
    tk = build_tokenizer(ud.words, ud.stopwords, ud.synonyms, min_length=getattr(args, "min_length", 2))
    store = dataset_store(lib, info.id, AnalysisSpec(tokenizer=tk.settings, agency_user_path=None))
    backend = MemoryBackend.from_store(store)
    print(say("ingest.done", name=info.name, id=info.id, articles=info.articles, store=store.path), file=sys.stderr)
    return with_saved_fields(backend.articles.drop(columns=["article_id"]), lib.data_file(info.id)), backend


#: The saved dataset's columns the store's ``articles`` table does not hold: the policy fields the load found
#: (文号, 发文机关 … also from the files' own metadata columns, which only the load reads) and that metadata.
SAVED_FIELDS = (*POLICY_COLUMNS, "meta")


def with_saved_fields(articles: pd.DataFrame, data_file) -> pd.DataFrame:
    """``articles`` (a dataset's stored ``articles`` with its texts) with the :data:`SAVED_FIELDS` of its saved
    table (the Parquet ``data_file``, read by column), so that ``policy --dataset`` gives the fields the load
    found — recomputed from the texts alone they lost every 文号 and 发文机关 that came from a CSV's own
    columns (tester s16 P1: 184 of 639 Hebei 文号). Rows are matched by ``id``; a saved table whose ids differ
    (another version) adds nothing (the fields are then recomputed, as before)."""
    schema = pq.read_schema(data_file)
    cols = [c for c in SAVED_FIELDS if c in schema.names and c not in articles]
    if not cols or "id" not in schema.names:
        return articles
    saved = pq.read_table(data_file, columns=["id", *cols]).to_pandas()
    if len(saved) != len(articles) or not (saved["id"].to_numpy() == articles["id"].to_numpy()).all():
        return articles
    out = articles.copy()
    for c in cols:
        out[c] = saved[c].to_numpy() if c != "meta" else saved[c].fillna("").astype(str).to_numpy()
    return out
