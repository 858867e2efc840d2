"""Benchmark agency mention finding on the CCTV 《新闻联播》 corpus: the old code (a git ref) and this checkout,
back to back in the same run.

    nice -n 10 .venv/bin/python scripts/bench_agencies.py [--ref 86f5cc4] [--limit N] [--repeat 2]
        [--path ../shared/corpora/cctv_xwlb/articles.jsonl]

The old code is ``git archive REF analysis data labels`` unpacked into a temporary folder (default ref: 86f5cc4, the
last commit before the speed work of issue 10); each code runs in its own child process (one core) that reads
the corpus, builds the matcher and times ``find_mentions`` over every article (title + body, source for
context), alternating old / new ``--repeat`` times. Printed per code: matcher build seconds, the smallest
``find_mentions`` CPU-seconds and CPU-milliseconds per article, characters per CPU-second, wall seconds, the
mention count and a digest of the whole mention frame (every column) — the two digests must be equal — then
the ratio old / new CPU. CPU-seconds are the measure (less sensitive to other load on this shared machine than
wall time); the load average is printed too.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"
OLD_REF = "86f5cc4"


def read_articles(code: str, path: str, limit: int):
    """In a child process: put ``code`` first on ``sys.path`` and read the corpus (the first ``limit`` rows)."""
    sys.path.insert(0, code)
    import pandas as pd

    articles = pd.read_json(path, lines=True, dtype=False)
    return (articles.head(limit) if limit else articles).fillna("")


def child(code: str, path: str, limit: int) -> dict:
    """Run in a child process with ``code`` first on ``sys.path``: time ``find_mentions`` there."""
    articles = read_articles(code, path, limit)
    from analysis.agencies import AgencyMatcher, find_mentions
    from analysis.agency_table import load_agencies
    articles["id"] = range(1, len(articles) + 1)
    chars = int(articles["title"].str.len().sum() + articles["body"].str.len().sum())
    t0 = time.process_time()
    matcher = AgencyMatcher.from_table(load_agencies(user_path=""))
    build = time.process_time() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = find_mentions(articles, matcher)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    h = hashlib.blake2b(digest_size=12)
    for col in mentions.columns:
        h.update(f"{col}\x1f{mentions[col].dtype}\x1e".encode())
        h.update("\x1f".join(map(repr, mentions[col].tolist())).encode())
    return {"articles": len(articles), "chars": chars, "build": build, "cpu": cpu, "wall": wall,
            "mentions": len(mentions), "unresolved": int((~mentions["resolved"]).sum()), "digest": h.hexdigest()}


def old_tree(ref: str, dest: Path) -> Path:
    """``analysis/``, ``data/`` and ``labels/`` of git ref ``ref`` unpacked under ``dest``."""
    tar = dest / "old.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(tar), ref, "analysis", "data", "labels"], check=True)
    with tarfile.open(tar) as tf:
        tf.extractall(dest / "code", filter="data")
    return dest / "code"


def alternate(ref: str, repeat: int, run) -> dict[str, list[dict]]:
    """``run(code folder)`` for the old tree of git ref ``ref`` and for this checkout, alternating, ``repeat``
    times (at least once): ``{"old (REF)": [results], "new (this checkout)": [results]}``."""
    with tempfile.TemporaryDirectory(prefix="wenjian-bench-") as tmp:
        codes = {f"old ({ref})": old_tree(ref, Path(tmp)), "new (this checkout)": ROOT}
        runs: dict[str, list[dict]] = {k: [] for k in codes}
        for _ in range(max(1, repeat)):
            for name, code in codes.items():
                runs[name].append(run(code))
    return runs


def old_and_new(script: str, child_fn, argv: list[str] | None, doc: str) -> dict[str, list[dict]]:
    """The shared driver of the old-vs-new benchmarks: parse ``--path --limit --ref --repeat``; as a child
    (``--child CODE``) print ``child_fn(CODE, path, limit)`` as JSON and exit; else run ``script`` as a child
    for the old tree and this checkout, alternating, ``--repeat`` times, print the load average and return
    ``{code name: [child results]}``."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--ref", default=OLD_REF, help=f"git ref of the old code (default {OLD_REF})")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each code, alternating (the smallest CPU counts)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child_fn(args.child, args.path, args.limit)))
        raise SystemExit(0)

    def run(code: Path) -> dict:
        out = subprocess.run([sys.executable, script, "--child", str(code), "--path", args.path,
                              "--limit", str(args.limit)], capture_output=True, text=True, cwd=str(ROOT))
        if out.returncode:
            raise SystemExit(f"the benchmark of {code} failed:\n{out.stderr}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    runs = alternate(args.ref, args.repeat, run)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return runs


def main(argv: list[str] | None = None) -> int:
    runs = old_and_new(__file__, child, argv, __doc__)
    best = {}
    for name, rs in runs.items():
        r = min(rs, key=lambda x: x["cpu"])
        best[name] = r
        print(f"{name:22s} build {r['build']:.2f} CPU-s | find_mentions {r['cpu']:.2f} CPU-s "
              f"(runs: {', '.join(format(x['cpu'], '.2f') for x in rs)}) = {1000 * r['cpu'] / r['articles']:.3f} "
              f"CPU-ms/article, {r['chars'] / r['cpu']:,.0f} chars/CPU-s, wall {r['wall']:.2f} s | "
              f"mentions {r['mentions']:,} ({r['unresolved']:,} unresolved) digest {r['digest']}")
    old, new = best.values()
    print(f"articles: {new['articles']:,}  characters: {new['chars']:,}")
    print(f"old / new CPU: {old['cpu'] / new['cpu']:.2f}x  mention frames "
          f"{'identical' if old['digest'] == new['digest'] else 'DIFFER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
