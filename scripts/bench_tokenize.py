"""Benchmark tokenizing on the CCTV 《新闻联播》 corpus: the old code (a git ref) and this checkout, back to back in
the same run.

    nice -n 10 .venv/bin/python scripts/bench_tokenize.py [--ref 86f5cc4] [--limit N] [--repeat 2]
        [--path ../shared/corpora/cctv_xwlb/articles.jsonl]

The old code is unpacked from ``git archive`` as in ``scripts/bench_agencies.py``; each code runs in its own
child process (one core), alternating old / new ``--repeat`` times. Each child measures, in CPU-seconds:

- ``build``: the first ``tokenize_chunk(settings, [""])`` — what a fresh worker process of the store's upload / ingest pays
  to rebuild the tokenizer (rjieba + ≈ 270k dictionary words) from its picklable settings, after this process
  built it once (``build_tokenizer``: so disk caches the build may keep are warm, as for a worker);
- ``batches``: ``analysis.segment.tokenize_chunk(settings, …)`` over every article's ``title + "\\n" + body`` in
  batches of 5,000 — the store's batch path (``analysis.store.batch.tokenize_batch``);
- ``corpus``: ``analysis.keywords.tokenize_corpus(articles, tokenizer, workers=1)`` — the file path;
- ``cut``: the tokenizer's ``cut`` alone over the same texts (rjieba's share of the above).

Printed per code: the smallest of each over the runs, CPU-ms per article, and a digest of the batches' output
(vocabulary, ids, offsets) — equal for old and new — then the ratios old / new. The load average is printed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_agencies import old_and_new, read_articles

BATCH = 5_000


def child(code: str, path: str, limit: int) -> dict:
    """Run in a child process with ``code`` first on ``sys.path``."""
    articles = read_articles(code, path, limit)
    from analysis.keywords import tokenize_corpus
    from analysis.segment import tokenize_chunk
    from analysis.tokenizer import build_tokenizer, clean_text
    texts = [f"{t}\n{b}" for t, b in zip(articles["title"].tolist(), articles["body"].tolist())]
    tk = build_tokenizer()
    c0 = time.process_time()
    tokenize_chunk(tk.settings, [""])  # a worker's first batch: the tokenizer rebuilt from the settings
    build = time.process_time() - c0
    c0 = time.process_time()
    h = hashlib.blake2b(digest_size=12)
    for i in range(0, len(texts), BATCH):
        vocab, seq, offsets = tokenize_chunk(tk.settings, texts[i:i + BATCH])
        h.update("\x1f".join(vocab).encode() + seq.astype("<i4").tobytes() + offsets.astype("<i8").tobytes())
    batches = time.process_time() - c0
    c0 = time.process_time()
    tokenize_corpus(articles, tk, workers=1)
    corpus = time.process_time() - c0
    c0 = time.process_time()
    for t in texts:
        tk.cut(clean_text(t))
    cut = time.process_time() - c0
    return {"articles": len(texts), "build": build, "batches": batches, "corpus": corpus, "cut": cut,
            "digest": h.hexdigest()}


def main(argv: list[str] | None = None) -> int:
    runs = old_and_new(__file__, child, argv, __doc__)
    best = {}
    for name, rs in runs.items():
        b = {k: min(r[k] for r in rs) for k in ("build", "batches", "corpus", "cut")}
        best[name] = b
        n = rs[0]["articles"]
        print(f"{name:22s} build {b['build']:.2f} CPU-s | batches {b['batches']:.2f} CPU-s "
              f"= {1000 * b['batches'] / n:.3f} CPU-ms/article | corpus {b['corpus']:.2f} CPU-s "
              f"= {1000 * b['corpus'] / n:.3f} CPU-ms/article | cut alone {b['cut']:.2f} CPU-s | "
              f"digest {rs[0]['digest']}{'' if len({r['digest'] for r in rs}) == 1 else ' (runs differ!)'}")
    old, new = best.values()
    same = {r["digest"] for rs in runs.values() for r in rs}
    print(f"articles: {n:,}")
    print("old / new CPU: " + ", ".join(f"{k} {old[k] / new[k]:.2f}x" for k in ("build", "batches", "corpus"))
          + f"; batch outputs {'identical' if len(same) == 1 else 'DIFFER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
