"""Timings of the 机构 page's views on a large store (``analysis.store.query_agencies``) over DuckDB, under the
selection kinds of ``scripts/bench_scale.py`` (everything, whole months, dates inside months, one source, a
query, one agency), with the page's ranking table (``query.agency_counts``, already answered before) as the
baseline measured in the same run: median and max wall ms of ``--repeat`` runs after one warm-up, the CPU
seconds of this process per run, and the ratio to the baseline's median. Prints the one-off cost of reading
the mentions into arrays (the first view of a session's server) and the peak RSS.

    .venv/bin/python scripts/bench_agency_views.py STORE [--repeat 3] [--data-file PARQUET] [--only TEXT]

The store is opened read-only (``Store(folder)`` + ``DuckBackend(threads=2, memory_limit="1GB")``, the
dashboard's settings); targets at 1,000,000 articles (issue 10): median ≤ 1 s, max ≤ 2 s per operation.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.filters import Filters  # noqa: E402
from analysis.store import query as Q  # noqa: E402
from analysis.store import query_agencies as QA  # noqa: E402
from analysis.store.agency_arrays import mention_arrays  # noqa: E402
from analysis.store import query_policy as QP  # noqa: E402
from analysis.store import query_review as QRV  # noqa: E402
from analysis.store.store import Store  # noqa: E402
from scripts.bench_scale import selection_filters  # noqa: E402

BASELINE = "ranking (query.agency_counts)"


def operations(be, f: Filters, top: list[str], data_file: str | None = None) -> dict:
    """The 机构 page's operations under ``f`` (each a zero-argument function); with ``data_file`` (the
    dataset's saved table) the 政策 page's two answers too."""
    def sel():
        return be.select(f)

    policy = {} if data_file is None else {
        "policy: caption counts": lambda: QP.policy_summary(be, sel(), data_file),
        "policy: issuer × year": lambda: QP.issuer_year(be, sel(), data_file, top=25),
    }
    return {
        BASELINE: lambda: Q.agency_counts(be, sel(), aliases=True),
        "table + successors": lambda: QA.agency_table(be, sel(), successors=True),
        "by source": lambda: QA.agency_by(be, sel(), "source"),
        "by file": lambda: QA.agency_by(be, sel(), "file"),
        "unresolved": lambda: QA.unresolved(be, sel()),
        "timeline month (3 agencies)": lambda: QA.agency_periods(be, sel(), "month", agencies=top),
        "pairs (same article)": lambda: QA.agency_pairs(be, sel()),
        "pairs (same sentence)": lambda: QA.agency_pairs(be, sel(), same_sentence=True),
        "pairs (same sentence) + successors": lambda: QA.agency_pairs(be, sel(), same_sentence=True,
                                                                      successors=True),
        "review list (first 500 articles)": lambda: QRV.review_candidates(be, sel()),
        "review list + jieba nt": lambda: QRV.review_candidates(be, sel(), use_jieba=True),
        **policy,
    }


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """(median wall s, max wall s, median CPU s of this process) of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        c, t = time.process_time(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), max(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", help="a store folder (read only)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data-file", default=None, metavar="PARQUET",
                    help="the dataset's saved table (<library>/data/<id>-<version>.parquet): time the 政策 answers too")
    ap.add_argument("--only", default=None, metavar="TEXT", help="only the operations whose name contains TEXT")
    args = ap.parse_args()
    store = Store(args.store)
    be = Q.DuckBackend(store, threads=2, memory_limit="1GB")
    print(f"== {store.n_articles:,}-article store {store.path.name}; load average {os.getloadavg()}", flush=True)
    c, t = time.process_time(), time.perf_counter()
    arrays = mention_arrays(be)
    print(f"== one-off: mentions read into arrays ({len(arrays['row']):,} mentions, "
          f"{sum(v.nbytes for v in arrays.values() if hasattr(v, 'nbytes')) / 2**20:.0f} MiB): "
          f"{time.perf_counter() - t:.2f} s wall, {time.process_time() - c:.2f} CPU s", flush=True)
    srcs = Q.sources(be, be.select(Filters()))["source"].tolist()
    ranking = Q.agency_counts(be, be.select(Filters()))
    top = ranking["agency"].head(3).tolist()
    rows = []
    for kind, f in selection_filters(srcs, top[0]).items():
        n_sel = Q.count(be, be.select(f))
        base = None
        for name, fn in operations(be, f, top, args.data_file).items():
            if args.only and args.only not in name and name != BASELINE:
                continue
            c, t = time.process_time(), time.perf_counter()
            fn()   # warm-up (first reads, per-frequency caches)
            first = time.perf_counter() - t
            med, mx, cpu = timed(fn, args.repeat)
            base = med if name == BASELINE else base
            rows.append((kind, name, med, mx))
            print(f"  {kind:<20} ({n_sel:>9,} art.) {name:<36} median {med * 1000:8.1f} ms  max {mx * 1000:8.1f} ms"
                  f"  CPU {cpu:6.2f} s  ×{med / max(base, 1e-9):5.2f} of baseline  (first {first * 1000:8.1f} ms)",
                  flush=True)
    worst = max(rows, key=lambda r: r[3])
    slow = max(rows, key=lambda r: r[2])
    print(f"== slowest max {worst[3] * 1000:.1f} ms ({worst[0]}: {worst[1]}); slowest median {slow[2] * 1000:.1f} ms "
          f"({slow[0]}: {slow[1]}); over target (median > 1000 or max > 2000 ms): "
          f"{sum(1 for r in rows if r[2] > 1 or r[3] > 2)} of {len(rows)}")
    print(f"== peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB; "
          f"load average now {os.getloadavg()}")


if __name__ == "__main__":
    main()
