"""Benchmark the keyword-side views of a large dataset (``analysis.store.query_terms``) on an existing store.

    .venv/bin/python scripts/bench_large_terms.py STORE_FOLDER [--repeat 3] [--threads 2] [--memory 1GB]

Opens the store read-only with ``DuckBackend(threads, memory_limit)`` and times, under the selection kinds of
``scripts/bench_scale.py`` (all, whole months, inside months, one source, a query, one agency), what the
时间线 and 关键词 pages of a large dataset compute (``ui.large_terms``):

- term series of the 3 most frequent terms, month, ``count`` and ``per_1000`` (+ spike detection) and their
  totals (the page's caption);
- agency series of the 3 most mentioned agencies, month, ``mentions``;
- keyness (G²) of two sides: the selection's first two sources; and its dates before / from the median month;
- terms per group (the 15 top terms) by source and by month;
- phrases of the selection when it has at most ``PHRASE_MAX_ARTICLES`` articles (else the page asks to narrow
  it: printed as "narrow");
- and, as the baseline in the same run, ``query.top_terms(100)`` (an operation of issue 10's accepted list).

Per operation: median and max wall time of ``--repeat`` runs after a warm-up, the CPU seconds of the median
run's process (``resource.getrusage``: wall time on the shared 2-core box mostly measures the other
processes) and the ratio of its CPU seconds to the baseline's under the same selection. The load average is
printed at the start and the end. Nothing is written into the store folder.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.filters import Filters  # noqa: E402
from analysis.spikes import spike_rows  # noqa: E402
from analysis.store import query as Q, query_terms as QT, query_vocab as QV  # noqa: E402
from scripts.bench_scale import selection_filters  # noqa: E402


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def timed(fn, repeat: int) -> tuple[float, float, float, float]:
    """``(first wall, median wall, max wall, median CPU)`` seconds of ``fn`` (one warm-up + ``repeat`` runs)."""
    t, c = time.perf_counter(), cpu()
    fn()
    first = time.perf_counter() - t
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    return first, statistics.median(walls), max(walls), statistics.median(cpus)


def operations(be, f: Filters, terms: list[str], agencies: list[str]) -> dict:
    sel = be.select(f)
    mask = Q.selection_mask(be, sel)
    srcs = Q.sources(be, sel)["source"].tolist()
    days = be.row_days()
    dated = mask & (days != np.iinfo(np.int64).min)
    mid = int(np.median(days[dated])) if dated.any() else 0
    ops = {"baseline: top terms (100)": lambda: Q.top_terms(be, sel, 100)}

    def series(measure):
        def run():
            corpus = QT.StoreTermVectors(be)   # one per page run, shared by the series and the caption
            tl = QT.term_series(be, sel, terms, "month", measure=measure, mask=mask, corpus=corpus)
            QT.term_counts(be, sel, terms, mask=mask, corpus=corpus)
            return [spike_rows(tl.counts[c], tl.exposure) for c in tl.series]
        return run

    ops["term series ×3 count"] = series("count")
    ops["term series ×3 per_1000"] = series("per_1000")
    ops["agency series ×3"] = lambda: QT.agency_series(be, mask, agencies, "month")
    if len(srcs) >= 2:
        light = be.query("SELECT row, source FROM articles")
        by_src = np.empty(be.store.n_articles, dtype=object)
        by_src[light["row"].to_numpy()] = light["source"].to_numpy(dtype=object)
        a, b = mask & (by_src == srcs[0]), mask & (by_src == srcs[1])
        ops["keyness 2 sources"] = lambda: QV.keyness(be, a, b)
    before, after = dated & (days < mid), dated & (days >= mid)
    ops["keyness before/after median"] = lambda: QV.keyness(be, before, after)
    ops["terms by source (15)"] = lambda: QV.terms_by(be, sel, "source", n=15, mask=mask)
    ops["terms by month (15)"] = lambda: QV.terms_by(be, sel, "period", freq="month", n=15, mask=mask)
    if mask.sum() <= QV.PHRASE_MAX_ARTICLES:
        ops["phrases (100)"] = lambda: QV.phrases(be, mask, n=100)
    return ops


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--memory", default="1GB")
    ap.add_argument("--only", default="", help="comma-separated selection kinds (default: all)")
    args = ap.parse_args()
    from analysis.store.store import Store

    print(f"== load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    store = Store(args.store)
    be = Q.DuckBackend(store, threads=args.threads, memory_limit=args.memory)
    everything = be.select(Filters())
    terms = Q.top_terms(be, everything, 3)["term"].tolist()
    agencies = Q.agency_summary(be, everything, aliases=False)["agency"].head(3).tolist()
    srcs = Q.sources(be, everything)["source"].tolist()
    print(f"== {store.n_articles:,} articles; terms {terms}; agencies {agencies}", flush=True)
    kinds = selection_filters(srcs, agencies[0])
    wanted = [k for k in args.only.split(",") if k] or list(kinds)
    rows = []
    for kind in wanted:
        f = kinds[kind]
        n_sel = Q.count(be, be.select(f))
        base_cpu = None
        for name, fn in operations(be, f, terms, agencies).items():
            first, med, mx, c = timed(fn, args.repeat)
            base_cpu = c if base_cpu is None else base_cpu
            ratio = c / base_cpu if base_cpu > 0 else float("nan")
            rows.append((kind, n_sel, name, first, med, mx, c, ratio))
            print(f"  {kind:<20} ({n_sel:>9,} art.) {name:<28} median {med * 1000:8.1f} ms  max {mx * 1000:8.1f} ms  "
                  f"cpu {c:6.3f} s  ×baseline {ratio:5.2f}  (first {first * 1000:8.1f} ms)", flush=True)
        if n_sel > QV.PHRASE_MAX_ARTICLES:
            print(f"  {kind:<20} ({n_sel:>9,} art.) phrases: narrow (more than {QV.PHRASE_MAX_ARTICLES:,})",
                  flush=True)
    table = pd.DataFrame(rows, columns=["selection", "articles", "operation", "first", "median", "max", "cpu",
                                        "x_baseline"])
    mine = table[~table["operation"].str.startswith("baseline")]
    print(f"== slowest median {mine['median'].max() * 1000:.1f} ms ({mine.loc[mine['median'].idxmax(), 'operation']}),"
          f" slowest max {mine['max'].max() * 1000:.1f} ms; over targets (median > 1 s or max > 2 s): "
          f"{int(((mine['median'] > 1) | (mine['max'] > 2)).sum())} of {len(mine)}")
    print(f"== peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB; load average at end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
