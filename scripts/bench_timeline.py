"""Benchmark: recompute every series of the 时间线 page after a filter change, on the CCTV corpus.

    .venv/bin/python scripts/bench_timeline.py [--path ../shared/corpora/cctv_xwlb/articles.jsonl] [--repeat 7]

One "recompute" = what the page needs after the global filters change: articles per period (automatic
frequency), the same by source (top 8 + 其他), 3 term series, 3 agency series, and spike detection on all of
them (8 series). Target ≤ 200 ms. It is timed for several filter changes (the mask itself is timed apart:
``filter_mask`` belongs to the sidebar, not to this page), at the automatic frequency (month for this corpus)
and at day frequency (≈1,430 periods, the worst case for spike detection).

A plain pandas baseline runs in the same process: ``groupby(dates.dt.to_period(...))`` for volume, volume by
source, the 3 term vectors and the 3 agencies' mentions (no complete index, no spikes). The one-time work —
loading, tokenizing, finding mentions — is printed separately and excluded. Numbers are noisy on a shared
2-core machine: the median and the maximum of ``--repeat`` runs are printed.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agencies import AgencyMatcher, find_mentions  # noqa: E402
from analysis.filters import Filters, filter_mask  # noqa: E402
from analysis.keywords import tokenize_corpus  # noqa: E402
from analysis.loaders import load_paths  # noqa: E402
from analysis.tokenizer import build_tokenizer  # noqa: E402
from analysis.timeline import (  # noqa: E402
    agency_choices, agency_series, auto_freq, find_spikes, term_series, volume,
)

DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"
TERMS = ("经济", "标准化", "计量")
FILTERS = {
    "default (dedupe)": Filters(),
    "2024 only": Filters(date_from=pd.Timestamp("2024-01-01"), date_to=pd.Timestamp("2024-12-31")),
    "query 经济 OR 发展": Filters(query="经济 OR 发展"),
    "keep duplicates": Filters(dedupe=False),
}


def recompute(articles, corpus, mentions, agencies, mask, freq: str) -> int:
    """Every series of the page for one mask; returns the number of spikes (so nothing is optimised away)."""
    freq = auto_freq(articles["date"][mask]) if freq == "auto" else freq
    total = volume(articles, mask, freq)
    by_source = volume(articles, mask, freq, by="source")
    terms = term_series(articles, corpus, TERMS, mask, freq)
    ags = agency_series(articles, mentions, agencies, mask, freq)
    spikes = [find_spikes(total), find_spikes(terms), find_spikes(ags)]
    return sum(len(s) for s in spikes) + len(by_source.table)


def pandas_baseline(articles, corpus, mentions, agencies, mask, freq: str) -> int:
    code = {"day": "D", "week": "W-SUN", "month": "M", "quarter": "Q", "year": "Y"}[freq]
    sel = articles[mask]
    period = sel["date"].dt.to_period(code)
    a = sel.groupby(period).size()
    b = sel.groupby([period, sel["source"]]).size()
    tv = pd.DataFrame({t: corpus.term_vector(t)[mask] for t in TERMS}, index=sel.index)
    c = tv.groupby(period).sum()
    rows = np.flatnonzero(mask)
    m = mentions[mentions["agency"].isin(agencies) & np.isin(mentions["row"].to_numpy(), rows)]
    d = m.groupby([articles["date"].to_numpy()[m["row"].to_numpy()], m["agency"]]).size()
    d = d.reset_index().assign(p=lambda x: pd.to_datetime(x["level_0"]).dt.to_period(code)).groupby(["p", "agency"])[0].sum()
    return len(a) + len(b) + len(c) + len(d)


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """Median and maximum wall-clock ms, and median CPU ms of this process (less sensitive to other load)."""
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), max(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    articles = load_paths([args.path]).articles
    t1 = time.perf_counter()
    corpus = tokenize_corpus(articles, build_tokenizer())
    t2 = time.perf_counter()
    mentions = find_mentions(articles, AgencyMatcher.default())
    t3 = time.perf_counter()
    agencies = agency_choices(mentions, None, limit=3)
    print(f"corpus: {args.path}: {len(articles):,} articles, {len(mentions):,} agency mentions")
    print(f"one-time (excluded): load {t1 - t0:.2f} s, tokenize {t2 - t1:.2f} s, mentions {t3 - t2:.2f} s")
    print(f"series: volume, volume by source, terms {', '.join(TERMS)}, agencies {', '.join(agencies)}; "
          f"spikes on all; wall median / max and CPU median of {args.repeat} runs (ms)")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
          + f" on {os.cpu_count()} cores")
    worst = worst_cpu = 0.0
    for freq in ("auto", "day"):
        for name, filters in FILTERS.items():
            t = time.perf_counter()
            mask = filter_mask(articles, filters)
            mask_ms = (time.perf_counter() - t) * 1000
            f = auto_freq(articles["date"][mask]) if freq == "auto" else freq
            med, mx, cpu = timed(lambda: recompute(articles, corpus, mentions, agencies, mask, freq), args.repeat)
            bmed, _, bcpu = timed(lambda: pandas_baseline(articles, corpus, mentions, agencies, mask, f),
                                  args.repeat)
            worst, worst_cpu = max(worst, med), max(worst_cpu, cpu)
            print(f"  {freq:>4} ({f:<5}) {name:<18} {int(mask.sum()):>6} rows  timeline {med:6.1f} / {mx:6.1f}"
                  f" cpu {cpu:5.1f}   pandas groupby baseline {bmed:6.1f} cpu {bcpu:5.1f}   "
                  f"(filter_mask {mask_ms:.1f})")
    verdict = "OK" if worst <= 200 else "OVER (see the load average: wall time counts other processes' load)"
    print(f"worst median recompute: wall {worst:.1f} ms, CPU {worst_cpu:.1f} ms (target ≤ 200 ms: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
