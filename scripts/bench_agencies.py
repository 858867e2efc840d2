"""Benchmark agency mention finding on the CCTV 《新闻联播》 corpus (one core).

    .venv/bin/python scripts/bench_agencies.py [--limit N] [--path ../shared/corpora/cctv_xwlb/articles.jsonl]

Prints the matcher build time, characters scanned (title + body), seconds for ``find_mentions`` and
characters per second (target ≥ 200,000/s) by wall clock and per CPU-second, plus the mention count. Wall
numbers are noisy on a shared machine: run it twice and quote the slower.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agencies import AgencyMatcher, agency_summary, find_mentions  # noqa: E402
from analysis.agency_table import load_agencies  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    args = ap.parse_args(argv)
    articles = pd.read_json(args.path, lines=True, dtype=False)
    if args.limit:
        articles = articles.head(args.limit)
    articles = articles.fillna("")
    articles["id"] = range(1, len(articles) + 1)
    chars = int(articles["title"].str.len().sum() + articles["body"].str.len().sum())
    t0 = time.perf_counter()
    matcher = AgencyMatcher.from_table(load_agencies(user_path=""))
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = find_mentions(articles, matcher)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    summary = agency_summary(mentions)
    print(f"articles: {len(articles):,}  characters: {chars:,}")
    print(f"matcher build: {build:.2f} s")
    print(f"find_mentions: {secs:.2f} s wall  →  {chars / secs:,.0f} characters/second (target ≥ 200,000)")
    print(f"               {cpu:.2f} s CPU   →  {chars / cpu:,.0f} characters per CPU-second (one core; less "
          "sensitive to other load on the machine)")
    print(f"mentions: {len(mentions):,} ({int((~mentions['resolved']).sum()):,} unresolved); "
          f"agencies: {len(summary):,}")
    print(summary.head(15).to_string(index=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
