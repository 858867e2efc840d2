"""Cost of resolving the citations at store build (``analysis.store.cite_resolve``) on real corpora, with the
baseline of main's code in the same run:

    .venv/bin/python scripts/bench_cite_resolve.py PATH... [--repeat 3]

Per corpus (``PATH``: files or folders the loader reads, e.g. ../shared/corpora/hebei_gov):

- build: ``analysis.store.build.policy_tables`` of the whole table with ``resolved=False`` (what main computed:
  the references and keys only) vs ``True`` (+ ``resolved_id`` over the whole table) — CPU s per run and ratio;
- query (DuckDB backend over a store built here, all articles): ``query_citations.citations`` without text, which
  reads the stored targets, vs the baseline of main's query-time resolution of the same rows (the citing
  documents' years from the saved table, the index over the documents answering to a looked-up key,
  ``CorpusIndex.resolve`` per distinct reference: the steps main's ``_duck_citations`` took before finishing
  the rows) added to the same read — CPU s per run and ratio;
- the check: the targets read equal those resolved at query time (every row).

The app shows a corpus of this size (below ``MEMORY_MAX_ARTICLES``) from memory (``find_citations``: unchanged);
the DuckDB numbers are those of the same code at 1M, where ``scripts/bench_policy.py`` times the page.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_policy import timed  # noqa: E402
from analysis.filters import Filters  # noqa: E402
from analysis.library import Library  # noqa: E402
from analysis.loaders import load_paths  # noqa: E402
from analysis.store import query_citations as QC  # noqa: E402
from analysis.store.backends import DuckBackend  # noqa: E402
from analysis.store.build import keyed_articles, policy_tables  # noqa: E402
from analysis.store.cite_resolve import own_fields, resolve, store_index, until_years  # noqa: E402
from analysis.store.store import dataset_store, default_spec  # noqa: E402


def cpu_per_run(fn, repeat: int) -> tuple[float, float, object]:
    """(CPU s per run, median wall s, last result): ``bench_policy.timed``."""
    med, _, cpu, out = timed(fn, repeat)
    return cpu, med, out


def query_time_targets(duck, data) -> np.ndarray:
    """main's query-time resolution of every stored reference (its ``_duck_citations`` before the finishing
    steps): the target ``article_id`` per row in row, ``seq`` order, -1 = none."""
    got = duck.query("""SELECT a.row, c.cited_title, c.cited_doc_number, c.self FROM citations c
      JOIN articles a ON a.article_id = c.article_id ORDER BY a.row, c.seq""")
    pre = got["self"].to_numpy(bool)
    rows = got["row"].to_numpy(np.int64)
    until = np.full(len(got), -1, dtype=np.int64)
    if (~pre).any():
        fields = own_fields(duck.con, data, rows[~pre])
        years = dict(zip(fields.index.tolist(), until_years(fields).tolist()))
        until[~pre] = [years[int(r)] for r in rows[~pre]]
    return resolve(got["cited_title"].tolist(), got["cited_doc_number"].tolist(), pre, until,
                   lambda pairs: store_index(duck.con, data, pairs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for path in args.paths:
        arts = load_paths([path]).articles
        df = keyed_articles(arts)
        old_cpu, old_wall, old = cpu_per_run(lambda: policy_tables(df, resolved=False), args.repeat)
        new_cpu, new_wall, new = cpu_per_run(lambda: policy_tables(df), args.repeat)
        assert new["citations"].drop_columns(["resolved_id"]).equals(old["citations"])
        n_res = int(new["citations"]["resolved_id"].is_valid().to_numpy(zero_copy_only=False).sum())
        print(f"== {path}: {len(df):,} articles, {old['citations'].num_rows:,} stored references "
              f"({n_res:,} resolved to a document)")
        print(f"  build policy_tables: main (no resolved_id) {old_cpu:.2f} CPU s ({old_wall:.2f} s wall); with "
              f"resolved_id {new_cpu:.2f} CPU s ({new_wall:.2f} s wall) = {new_cpu / old_cpu:.2f}×", flush=True)
        with tempfile.TemporaryDirectory(prefix="wj-bench-cite-") as tmp:
            lib = Library(Path(tmp))
            info = lib.save(Path(path).name, arts)
            store = dataset_store(lib, info.id, default_spec())
            data = lib.data_file(info.id)
            with contextlib.closing(DuckBackend(store, threads=2, memory_limit="1GB")) as duck:
                sel = duck.select(Filters(dedupe=False))
                c_new, w_new, own = cpu_per_run(lambda: QC.citations(duck, sel, data, text=False), args.repeat)
                c_res, w_res, target = cpu_per_run(lambda: query_time_targets(duck, data), args.repeat)
                stored = duck.query("""SELECT coalesce(c.resolved_id, -1) AS t FROM citations c
                  JOIN articles a ON a.article_id = c.article_id ORDER BY a.row, c.seq""")["t"].to_numpy(np.int64)
                assert (stored == target).all(), "stored targets differ from the query-time resolution"
                print(f"  query all ({len(own):,} references, no text): reading the stored targets {c_new:.2f} CPU s "
                      f"({w_new:.2f} s wall); main = the same + query-time resolution ({c_res:.2f} CPU s, "
                      f"{w_res:.2f} s wall) ≈ {c_new + c_res:.2f} CPU s; new / main = "
                      f"{c_new / (c_new + c_res):.2f}×; stored targets = query-time targets: {len(target):,} rows "
                      f"equal", flush=True)


if __name__ == "__main__":
    main()
