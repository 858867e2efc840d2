"""Benchmark: load the CCTV JSONL end to end through ``load_paths`` vs a plain ``pandas.read_json``.

    .venv/bin/python scripts/bench_load.py [PATH] [--repeat N]

Each measurement runs in its own fresh process (so peak RSS is that run's own, imports included) and
prints wall seconds and peak RSS; the loader's time is split into its stages. Targets: ≤ 5 s, ≤ 1 GB.
Numbers on a shared machine are noisy: run it when the machine is idle, and use --repeat to take the best;
CPU seconds (this process only) are printed too, as they suffer less from other processes' load.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _child(kind: str, path: str) -> None:
    sys.path.insert(0, str(ROOT))
    start, cpu_start = time.perf_counter(), time.process_time()
    stages: dict[str, float] = {}
    if kind == "pandas":
        import pandas as pd

        df = pd.read_json(path, lines=True)
        rows = len(df)
    else:
        from analysis import dedup
        from analysis.loaders import load_paths

        original = dedup.find_duplicates

        def timed(*args, **kwargs):  # the dedup stage's own time
            t = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                stages["dedup_s"] = round(time.perf_counter() - t, 3)

        dedup.find_duplicates = timed
        res = load_paths([path])
        rows = len(res.articles)
        stages["duplicates"] = res.report.duplicates
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(json.dumps({"kind": kind, "rows": rows, "seconds": round(elapsed, 3), "cpu_seconds": round(cpu, 3),
                      "peak_rss_mb": round(_peak_mb(), 1), **stages}))


def _measure(kind: str, path: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, path], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest is reported")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.path)
        return
    if not Path(args.path).exists():
        sys.exit(f"not found: {args.path}")
    best = {}
    for _ in range(max(1, args.repeat)):
        for kind in ("pandas", "loader"):
            r = _measure(kind, args.path)
            if kind not in best or r["seconds"] < best[kind]["seconds"]:
                best[kind] = r
    for kind in ("pandas", "loader"):
        r = best[kind]
        extra = f", dedup {r['dedup_s']} s, {r['duplicates']} duplicates" if kind == "loader" else ""
        print(f"{kind:7s} {r['rows']:>7,} rows  {r['seconds']:6.2f} s wall  {r['cpu_seconds']:6.2f} s CPU  "
              f"peak RSS {r['peak_rss_mb']:7.1f} MB{extra}")
    lo, pd_ = best["loader"], best["pandas"]
    print(f"ratio loader/pandas: wall {lo['seconds'] / pd_['seconds']:.2f}x, CPU "
          f"{lo['cpu_seconds'] / pd_['cpu_seconds']:.2f}x, memory {lo['peak_rss_mb'] / pd_['peak_rss_mb']:.2f}x")
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} CPUs" + (" — wall times are inflated by other processes"
                                                                 if load > (os.cpu_count() or 1) else ""))
    for label, secs in (("wall", lo["seconds"]), ("CPU", lo["cpu_seconds"])):
        ok = secs <= 5 and lo["peak_rss_mb"] <= 1024
        print(f"targets (≤ 5 s, ≤ 1 GB) by {label} time: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
