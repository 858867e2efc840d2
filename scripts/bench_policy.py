"""Time the 政策 page's answers on a store (``analysis.store.query_citations``, ``query_policy``) and compare
with the in-memory page's path on the same data in the same run.

    .venv/bin/python scripts/bench_policy.py STORE DATA_FILE [--repeat 3] [--skip-memory]

``STORE``: a store folder (``<library>/store/<dataset>-v<version>-<key>``, opened read-only); ``DATA_FILE``: the
dataset's saved table (``<library>/data/<id>-<version>.parquet``). Operations, per selection (all, one year,
one source): the selection's references (resolved), the documents table's first page (dataset order and sorted
by cited_by), its filter choices, the most cited titles, the caption counts and issuer × year. Median and max
wall ms of ``--repeat`` runs and the CPU seconds of this process (wall time on a loaded machine mostly measures
the other processes). The page total is its first view (references without sentences, documents page 1, most
cited, caption and matrix); the citation list view reads the references with their sentences. Baseline: the in-memory page's one-time work — ``find_citations`` over the whole saved
table (what ``views/policy.py`` computes on first view) — timed once, with the ratio to the store's answer for
all articles. Prints the citation stage's CPU at ingest when the store's ``meta.json`` has it.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.filters import Filters  # noqa: E402
from analysis.store import query_citations as QC, query_policy as QP  # noqa: E402
from analysis.store.backends import DuckBackend  # noqa: E402
from analysis.store.store import Store  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, float, float, object]:
    """(median wall s, max wall s, CPU s per run, last result)."""
    walls, out = [], None
    cpu = time.process_time()
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        walls.append(time.perf_counter() - t)
    return statistics.median(walls), max(walls), (time.process_time() - cpu) / repeat, out


def _no_citations() -> pd.DataFrame:
    """An empty references frame (``find_citations`` of no article)."""
    from analysis.policy.citations import find_citations

    return find_citations(pd.DataFrame({"id": [], "title": [], "body": [], "doc_number": []}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("data_file")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-memory", action="store_true", help="leave out the in-memory baseline")
    args = ap.parse_args()
    store = Store(args.store)
    duck = DuckBackend(store, threads=2, memory_limit="1GB")
    data = args.data_file
    print(f"== store {store.path.name}: {store.n_articles:,} articles; citation tables: {QC.has_citations(duck)}; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    if "citations_cpu_s" in store.meta:
        print(f"  ingest citation stage: {store.meta['citations_cpu_s']:.1f} workers CPU s = "
              f"{store.meta['citations_cpu_s'] / store.n_articles * 1000:.3f} ms per article; rows "
              f"citations {store.meta['tables'].get('citations', 0):,}, doc_keys {store.meta['tables'].get('doc_keys', 0):,}")
    year = duck.query("SELECT year(date) AS y, count(*) AS n FROM articles WHERE date IS NOT NULL GROUP BY y "
                      "ORDER BY n DESC LIMIT 1")["y"].iloc[0]
    source = duck.query("SELECT source, count(*) AS n FROM articles GROUP BY source ORDER BY n DESC LIMIT 1")[
        "source"].iloc[0]
    selections = {"all": Filters(), f"year {year}": Filters(date_from=pd.Timestamp(f"{year}-01-01"),
                                                            date_to=pd.Timestamp(f"{year}-12-31")),
                  f"source {source}": Filters(sources=(source,))}
    all_cpu = None
    for label, f in selections.items():
        sel = duck.select(f)
        n = int(duck.query(f"SELECT count(*) AS n FROM articles a WHERE {sel.where}", sel.params)["n"].iloc[0])
        if QC.has_citations(duck):   # the page's first view reads them without their sentences
            med, worst, cpu, own = timed(lambda: QC.citations(duck, sel, data, text=False), args.repeat)
        else:   # a store built before the citation tables: the documents table's own cost, no counts
            med = worst = cpu = 0.0
            own = _no_citations()
        if label == "all":
            all_cpu = cpu
        ops = {f"references ({len(own):,} rows)": (med, worst, cpu)}
        for name, fn in {
            "references with sentences (citation list view)": lambda: QC.citations(duck, sel, data)
            if QC.has_citations(duck) else own,
            "documents page 1 (dataset order)": lambda: QC.documents(duck, sel, data, cites=own, limit=1000),
            "documents page 1 (by cited_by)": lambda: QC.documents(duck, sel, data, cites=own, limit=1000,
                                                                  sort="cited_by", descending=True),
            "document filter choices": lambda: QC.document_choices(duck, sel, data),
            "most cited (20)": lambda: QC.top_cited(duck, sel, data, 20, cites=own),
            "caption + issuer × year": lambda: (QP.policy_summary(duck, sel, data), QP.issuer_year(duck, sel, data)),
        }.items():
            ops[name] = timed(fn, args.repeat)[:3]
        ops["page total (references + documents + most cited + caption)"] = tuple(
            sum(ops[k][i] for k in ops if not k.startswith(("document filter", "documents page 1 (by", "references with")))
            for i in range(3))
        print(f"  {label:<24} ({n:,} articles)")
        for name, (m, w, c) in ops.items():
            print(f"    {name:<60} median {m * 1000:8.1f} ms   max {w * 1000:8.1f} ms   CPU {c:6.2f} s", flush=True)
    if not args.skip_memory:
        from analysis.policy.citations import find_citations
        from analysis.policy.metadata import with_policy_columns

        cpu = time.process_time()
        t = time.perf_counter()
        arts = with_policy_columns(pd.read_parquet(data))
        cites = find_citations(arts)
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        print(f"  in-memory page (read the table + find_citations of {len(arts):,} articles, {len(cites):,} rows): "
              f"{wall:.1f} s wall, {cpu:.1f} CPU s; the store's references of all articles: {all_cpu:.2f} CPU s "
              f"= {all_cpu / cpu:.2f}× the in-memory CPU")
    print(f"== load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    duck.close()


if __name__ == "__main__":
    main()
