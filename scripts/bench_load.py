"""Benchmark: load the CCTV JSONL end to end through ``load_paths`` vs a plain ``pandas.read_json``.

    .venv/bin/python scripts/bench_load.py [PATH] [--repeat N]
    .venv/bin/python scripts/bench_load.py [PATH ...] --ref REF [--repeat N]

With ``--ref`` it compares the **parse** of the project as of git ``REF`` (``git archive`` into a temporary
folder) with this checkout, in the same run: CPU seconds of ``load_files`` (the app's upload path) from its
start to ``LoadOptions.on_bodies`` (``on_texts`` in code before it) — the serial span before an upload's
workers can start — and of the whole
load, each the best of ``--repeat`` runs in fresh processes (old and new alternate), plus their ratio and a
digest of the article table (old = new: the parse gave the same table).

Each measurement runs in its own fresh process (so peak RSS is that run's own, imports included) and
prints wall seconds and peak RSS; the loader's time is split into its stages. Targets: ≤ 5 s, ≤ 1 GB.
Numbers on a shared machine are noisy: run it when the machine is idle, and use --repeat to take the best;
CPU seconds (this process only) are printed too, as they suffer less from other processes' load.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
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


def _parse_child(root: str, paths: list[str], repeat: int) -> None:
    """In a fresh process: CPU of ``load_files`` up to the hook the upload starts its workers from (``on_bodies``,
    before it existed ``on_texts``) and to its end (best of ``repeat``, after
    one warm-up run) with the project at ``root``; prints one JSON line."""
    sys.path.insert(0, root)
    from analysis.loaders import LoadOptions, load_files

    payload = [(Path(p).name, Path(p).read_bytes()) for p in paths]
    best: dict[str, float] = {}
    digest = ""
    for run in range(repeat + 1):
        mark: list[float] = []
        start = time.process_time()
        hook = "on_bodies" if "on_bodies" in LoadOptions.__dataclass_fields__ else "on_texts"   # the workers' start
        res = load_files(payload, LoadOptions(**{hook: lambda df: mark.append(time.process_time())}))
        end = time.process_time()
        df = res.articles
        digest = hashlib.blake2b((df.to_csv() + str(df.dtypes.to_dict())).encode(), digest_size=8).hexdigest()
        if run:   # the first run warms caches (agency table, regexes) as a server's earlier uploads do
            for key, value in (("parse", mark[0] - start), ("load", end - start)):
                best[key] = min(best.get(key, value), value)
    print(json.dumps({**best, "rows": len(df), "digest": digest}))


def _compare(paths: list[str], ref: str, repeat: int) -> None:
    """Old (git ``ref``) vs this checkout: the parse and load CPU, ratios and table digests."""
    with tempfile.TemporaryDirectory(prefix="wenjian-bench-load-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "analysis", "data", "labels"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        got: dict[str, dict] = {}
        for _ in range(max(1, repeat)):
            for label, root in ((ref, tmp), ("new", str(ROOT))):
                proc = subprocess.run([sys.executable, __file__, "--parse-child", root, *paths], capture_output=True,
                                      text=True, check=True)
                r = json.loads(proc.stdout.strip().splitlines()[-1])
                prev = got.get(label)
                got[label] = r if prev is None else {**r, "parse": min(prev["parse"], r["parse"]),
                                                      "load": min(prev["load"], r["load"])}
    old, new = got[ref], got["new"]
    print(f"{len(paths)} file(s), {new['rows']:,} articles; CPU seconds, best of {max(1, repeat)}×3 runs")
    for key, label in (("parse", "parse to workers"), ("load", "whole load_files")):
        print(f"{label:18s} {ref}: {old[key]:.3f}  new: {new[key]:.3f}  ratio new/old {new[key] / old[key]:.2f}")
    print(f"article table digest {ref}: {old['digest']}  new: {new['digest']}  "
          + ("identical" if old["digest"] == new["digest"] else "DIFFERENT"))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def _measure(kind: str, path: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, path], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="*", default=[str(DEFAULT)], help="input files (default: the CCTV JSONL)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest is reported")
    parser.add_argument("--ref", help="compare the parse with the project as of this git ref (CPU, same run)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--parse-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parse_child:
        _parse_child(args.parse_child, args.path, 3)
        return
    missing = [p for p in args.path if not Path(p).exists()]
    if missing:
        sys.exit(f"not found: {', '.join(missing)}")
    if args.ref:
        _compare(args.path, args.ref, args.repeat)
        return
    if len(args.path) != 1:
        sys.exit("give one file (or use --ref to compare the parse of several)")
    args.path = args.path[0]
    if args.child:
        _child(args.child, args.path)
        return
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
