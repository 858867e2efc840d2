"""Benchmark what the runner's workers do for an upload of the CCTV 《新闻联播》 corpus: the old code (a git ref)
and this checkout, back to back in the same run.

    nice -n 10 .venv/bin/python scripts/bench_upload_workers.py [--ref 9de9442] [--repeat 2] [--rows 10000]
        [--workers 2] [--limit N] [--path ../shared/corpora/cctv_xwlb/articles.jsonl]

The corpus is read with the project's loader (``analysis.loaders.load_paths``) and cut into batches exactly as
the app's upload cuts it (``analysis.store.upload.upload_batches(work, --rows, --workers)``: with the default
10,000 rows and 2 workers, two batches of ≈ equal text length). Each worker is simulated by a fresh child
process (like a ``spawn`` pool worker; one after the other so they do not compete for the CPU, or with
``--parallel`` at the same time, as in the app):
it warms up as the app's pool does (``analysis.store.upload.warm_worker``: tokenizer and agency matcher built
from the picklable spec), then runs ``analysis.store.batch.analyze_batch`` on its batches (worker ``w`` of
``k`` takes batches ``w, w + k, …``) and pickles each result (what the pool sends back to the server).

Printed per code, in CPU-seconds (the smallest total over ``--repeat`` alternating runs): ``warm`` (start-up
of all workers, not part of an upload: the app warms its pool at start), ``tokenize`` (``tokenize_batch``),
``match`` (``match_batch``), ``pickle`` (the results) and ``total`` = tokenize + match + pickle summed over the
workers — the workers' CPU of one upload; the result size in MB and a digest of every result (equal for old
and new: byte-identical outputs); then the ratios old / new. The load average is printed too.
``--against-rows N`` compares this checkout at ``--rows`` with this checkout at ``N`` rows per batch instead
(what more, smaller batches cost the workers; the digests differ there, the batches do).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

from bench_agencies import alternate

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"
#: The last commit of main before this benchmark's speed work (the old code).
OLD_REF = "9de9442"
PARTS = ("tokenize", "match", "pickle")


def result_digest(h, out: dict) -> None:
    """Feed every value of one ``analyze_batch`` result into the hash ``h`` (arrays as bytes, lists as reprs)."""
    h.update(out["article_id"].astype("<i8").tobytes())
    tok = out["tokens"]
    h.update("\x1f".join(tok["vocab"]).encode())
    for k in ("doc", "term", "n", "n_tokens", "seq", "offsets"):
        h.update(k.encode() + tok[k].tobytes() + str(tok[k].dtype).encode())
    for k, v in out["mentions"].items():
        h.update(k.encode() + "\x1f".join(map(repr, v)).encode())


def child(code: str, path: str, limit: int, rows: int, workers: int, worker: int) -> dict:
    """In a fresh process with ``code`` first on ``sys.path``: worker ``worker`` of ``workers`` — warm up, then
    analyse its batches of the upload's cut; CPU-seconds per part."""
    sys.path.insert(0, code)
    import numpy as np

    from analysis.loaders import load_paths
    from analysis.schema import coerce_articles
    from analysis.store import batch as B
    from analysis.store.build import work_table
    from analysis.store.store import default_spec
    from analysis.store.upload import upload_batches, warm_worker

    df = coerce_articles(load_paths([path]).articles)
    if limit:
        df = df.head(limit)
    items = upload_batches(work_table(df, np.arange(len(df), dtype=np.int64)), rows, workers)
    spec = pickle.loads(pickle.dumps(default_spec()))  # as the pool's workers get it
    c0 = time.process_time()
    warm_worker(0, spec)
    out = {"warm": time.process_time() - c0, "batches": len(items), "articles": len(df), "bytes": 0,
           **{k: 0.0 for k in PARTS}}
    h = hashlib.blake2b(digest_size=12)
    for i in range(worker, len(items), workers):
        batch = items[i]
        c0 = time.process_time()
        ids = batch.column("article_id").to_numpy(zero_copy_only=False).astype(np.int64)
        tok = B.tokenize_batch(batch, spec.tokenizer)
        c1 = time.process_time()
        men = B.match_batch(batch, spec.agency_user_path)
        c2 = time.process_time()
        res = {"article_id": ids, "tokens": tok, "mentions": men}
        blob = pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL)
        c3 = time.process_time()
        out["tokenize"] += c1 - c0
        out["match"] += c2 - c1
        out["pickle"] += c3 - c2
        out["bytes"] += len(blob)
        result_digest(h, res)
    out["digest"] = h.hexdigest()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--ref", default=OLD_REF, help=f"git ref of the old code (default {OLD_REF})")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each code, alternating (the smallest total counts)")
    ap.add_argument("--rows", type=int, default=10_000, help="UPLOAD_BATCH_ROWS: articles per batch (default 10,000)")
    ap.add_argument("--workers", type=int, default=2, help="pool workers (default 2, the app's on this machine)")
    ap.add_argument("--parallel", action="store_true",
                    help="run the workers' children at the same time (as the app's pool does) instead of one by one")
    ap.add_argument("--against-rows", type=int, default=0,
                    help="compare this checkout at --rows with this checkout at N rows per batch (not old vs new)")
    ap.add_argument("--child", nargs=2, type=int, help=argparse.SUPPRESS)
    ap.add_argument("--code", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.code, args.path, args.limit, args.rows, *args.child)))
        return 0

    def run(code: Path, rows: int = args.rows) -> dict:
        cmds = [[sys.executable, __file__, "--child", str(args.workers), str(w), "--code", str(code), "--path",
                 args.path, "--limit", str(args.limit), "--rows", str(rows)] for w in range(args.workers)]
        if args.parallel:  # all at once; each child times its own CPU
            procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT))
                     for c in cmds]
            outs = [(p.communicate(), p.returncode) for p in procs]
        else:
            outs = []
            for c in cmds:
                r = subprocess.run(c, capture_output=True, text=True, cwd=str(ROOT))
                outs.append(((r.stdout, r.stderr), r.returncode))
        parts = []
        for (stdout, stderr), code_ in outs:
            if code_:
                raise SystemExit(f"the benchmark of {code} failed:\n{stderr}")
            parts.append(json.loads(stdout.strip().splitlines()[-1]))
        total = {k: sum(p[k] for p in parts) for k in ("warm", "bytes", *PARTS)}
        total["total"] = sum(total[k] for k in PARTS)
        total["digest"] = "/".join(p["digest"] for p in parts)
        total["batches"], total["articles"] = parts[0]["batches"], parts[0]["articles"]
        return total

    if args.against_rows:  # this checkout, two batch sizes: does cutting more batches cost the workers more?
        runs = {f"rows {args.rows:,}": [], f"rows {args.against_rows:,}": []}
        for _ in range(max(1, args.repeat)):
            for name, rows in zip(runs, (args.rows, args.against_rows)):
                runs[name].append(run(ROOT, rows))
    else:
        runs = alternate(args.ref, args.repeat, run)
    best = {}
    for name, rs in runs.items():
        r = best[name] = min(rs, key=lambda x: x["total"])
        print(f"{name:22s} warm {r['warm']:.2f} | tokenize {r['tokenize']:.2f} + match {r['match']:.2f} + "
              f"pickle {r['pickle']:.2f} = total {r['total']:.2f} CPU-s (runs: "
              f"{', '.join(format(x['total'], '.2f') for x in rs)}) | results {r['bytes'] / 1e6:.1f} MB | "
              f"digest {r['digest']}{'' if len({x['digest'] for x in rs}) == 1 else ' (runs differ!)'}")
    old, new = best.values()
    print(f"articles: {new['articles']:,} in {old['batches']} / {new['batches']} batches on {args.workers} "
          f"worker(s), {'at the same time' if args.parallel else 'one after the other'}")
    first, second = runs
    print(f"{first} / {second} CPU: " + ", ".join(f"{k} {old[k] / new[k]:.2f}x" for k in (*PARTS[:2], "total"))
          + ("" if args.against_rows else f"; outputs {'identical' if old['digest'] == new['digest'] else 'DIFFER'}"))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
