"""Benchmark of the keyword analysis against the notebook baseline, measured in the same run.

    .venv/bin/python scripts/bench_keywords.py [--quick] [--corpus PATH] [--no-agreement] [--no-app]

Prints:
1. baseline — what a user writes in a notebook: read the JSONL, then for each article
   ``jieba.lcut(title + body)`` (jieba's global dictionary) and words of ≥ 2 characters into a Counter;
2. ours, first analysis end to end from the file: read the JSONL, build the tokenizer (project dictionaries,
   ≈ 150k agency names), tokenize with both cores, top-100 with document counts; and the same through the
   app's loader (``load_paths``: cleaning, dates, duplicate detection) for reference;
3. top-100 after a filter change (date range / source): CCTV, and a 200k-article corpus built by stacking
   perturbed copies of the CCTV document-term matrix (no re-tokenizing);
4. peak memory of the app with the CCTV corpus loaded and analysed (a child process renders the 关键词 page
   in Streamlit's AppTest: loader, tokenizer, corpus, top terms, phrases, KWIC, keyness);
5. segmenter agreement rjieba vs jieba precise mode (same dictionary additions): % of documents with
   identical token lists, and token-level agreement (share of token spans both produce).

The machine is shared: timings are noisy; the script reports the median of repeated filter-change timings.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.filters import Filters, filter_mask  # noqa: E402
from analysis.keywords import TokenizedCorpus, tokenize_corpus  # noqa: E402
from analysis.tokenizer import build_tokenizer  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the segmentation workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def read_jsonl(path: Path, limit: int | None) -> pd.DataFrame:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    df = pd.DataFrame(rows)
    for c in ("title", "body", "source"):
        df[c] = df[c].fillna("").astype(str) if c in df else ""
    df["date"] = pd.to_datetime(df.get("date"), errors="coerce")
    df["duplicate_of"] = pd.array([pd.NA] * len(df), dtype="Int64")
    df["id"] = np.arange(1, len(df) + 1)
    return df


def baseline(path: Path, limit: int | None) -> tuple[float, collections.Counter, list[int]]:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    t = time.perf_counter()
    arts = read_jsonl(path, limit)
    counter: collections.Counter = collections.Counter()
    digests = []  # only a hash of each document's tokens is kept (for the agreement check), not the tokens
    for title, body in zip(arts["title"], arts["body"]):
        tokens = jieba.lcut(title + body)
        digests.append(hash(tuple(tokens)))
        counter.update(w for w in tokens if len(w) >= 2)
    return time.perf_counter() - t, counter, digests


def ours(path: Path, limit: int | None) -> tuple[float, dict, TokenizedCorpus, pd.DataFrame]:
    t0 = time.perf_counter()
    arts = read_jsonl(path, limit)
    t1 = time.perf_counter()
    tk = build_tokenizer()
    t2 = time.perf_counter()
    corpus = tokenize_corpus(arts, tk, workers=2)
    t3 = time.perf_counter()
    top = corpus.top_terms(filter_mask(arts, Filters()), 100)
    t4 = time.perf_counter()
    assert len(top) == 100 or len(top) == len(corpus.vocab)
    return t4 - t0, {"read": t1 - t0, "tokenizer": t2 - t1, "tokenize": t3 - t2, "top100": t4 - t3}, corpus, arts


def filter_timings(corpus: TokenizedCorpus, arts: pd.DataFrame, repeats: int = 15) -> list[float]:
    """Median-able timings of (filter mask + top-100 with document counts) over random date ranges/sources."""
    rng = np.random.default_rng(0)
    dates = arts["date"].dropna().sort_values().to_numpy()
    sources = [s for s in arts["source"].unique() if s]
    out = []
    for i in range(repeats):
        a, b = sorted(rng.integers(0, len(dates), 2))
        f = Filters(date_from=pd.Timestamp(dates[a]), date_to=pd.Timestamp(dates[b]),
                    sources=tuple(rng.choice(sources, size=max(1, len(sources) // 2), replace=False)) if
                    (i % 2 and len(sources) > 1) else ())
        t = time.perf_counter()
        mask = filter_mask(arts, f)
        top = corpus.top_terms(mask, 100)
        out.append(time.perf_counter() - t)
        assert len(top) <= 100
    return out


def big_corpus(corpus: TokenizedCorpus, arts: pd.DataFrame, n_target: int) -> tuple[TokenizedCorpus, pd.DataFrame]:
    """``n_target`` articles: copies of the CCTV rows with perturbed counts (each stored count ±1, ≈ 5 % of
    entries dropped), dates shifted by whole years and 20 made-up sources — no re-tokenizing."""
    rng = np.random.default_rng(1)
    copies = -(-n_target // corpus.n_docs)
    blocks, frames = [], []
    for k in range(copies):
        m = corpus.dtm.copy()
        data = m.data.astype(np.int64) + rng.integers(-1, 2, size=m.nnz)
        data[rng.random(m.nnz) < 0.05] = 0
        m.data = np.maximum(data, 0).astype(np.int32)
        m.eliminate_zeros()
        blocks.append(m)
        f = arts[["id", "date", "source", "duplicate_of"]].copy()
        f["date"] = f["date"] + pd.DateOffset(years=k)
        f["source"] = [f"来源{(i * 7 + k) % 20}" for i in range(len(f))]
        frames.append(f)
    dtm = sp.vstack(blocks, format="csr")[:n_target]
    meta = pd.concat(frames, ignore_index=True).iloc[:n_target].reset_index(drop=True)
    meta["id"] = np.arange(1, len(meta) + 1)
    meta["title"] = meta["body"] = ""
    big = TokenizedCorpus(vocab=corpus.vocab, index=corpus.index, dtm=dtm,
                          doc_lengths=np.asarray(dtm.sum(axis=1)).ravel(), synonyms=corpus.synonyms)
    return big, meta


def spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for t in tokens:
        out.add((pos, pos + len(t)))
        pos += len(t)
    return out


def agreement(arts: pd.DataFrame, fast, ref) -> dict[str, float]:
    """rjieba vs jieba on ``title + "\\n" + body``: identical documents, token-span agreement, and the same on
    the filtered analysis terms."""
    same_docs = same_terms = 0
    shared = total_fast = total_ref = 0
    for title, body in zip(arts["title"], arts["body"]):
        text = title + "\n" + body
        a, b = fast.cut(text), ref.cut(text)
        same_docs += a == b
        sa, sb = spans(a), spans(b)
        shared += len(sa & sb)
        total_fast += len(sa)
        total_ref += len(sb)
        same_terms += fast.terms(text) == ref.terms(text)
    n = max(len(arts), 1)
    return {"docs_identical_pct": 100 * same_docs / n, "docs_identical_terms_pct": 100 * same_terms / n,
            "token_agreement_pct": 100 * 2 * shared / max(total_fast + total_ref, 1),
            "tokens_fast": total_fast, "tokens_ref": total_ref}


APP_CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
from streamlit.testing.v1 import AppTest
from analysis.loaders import load_paths, LoadOptions
from ui.state import DATASET_KEY, Dataset
t = time.perf_counter()
res = load_paths([{path!r}], LoadOptions())
ds = Dataset(name="cctv", articles=res.articles if {limit} is None else res.articles.iloc[:{limit}].reset_index(drop=True))
t_load = time.perf_counter() - t
at = AppTest.from_file({page!r}, default_timeout=1800)
at.session_state[DATASET_KEY] = ds
t = time.perf_counter()
at.run()
t_page = time.perf_counter() - t
assert not at.exception, at.exception
t = time.perf_counter()
for view in at.radio(key="kw_view").options:  # every view of the page, on the whole corpus
    at.radio(key="kw_view").set_value(view).run()
    assert not at.exception, (view, at.exception)
t_views = time.perf_counter() - t
print(f"{{t_load:.2f}} {{t_page:.2f}} {{t_views:.2f}}")
"""


def app_memory(path: Path, limit: int | None, user_dir: str) -> dict[str, float]:
    """Run the app child; sample every 0.1 s the summed RSS of it and its descendants (the segmentation
    worker). ``ru_maxrss`` cannot be used: on Linux a child inherits the parent's high-water mark."""
    import psutil

    code = APP_CHILD.format(root=str(ROOT), path=str(path), limit=limit, page=str(ROOT / "views" / "keywords.py"))
    env = dict(os.environ, WENJIAN_USER_DIR=user_dir)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    ps = psutil.Process(proc.pid)
    peak = peak_main = 0
    while proc.poll() is None:
        try:
            main_rss = ps.memory_info().rss
            total = main_rss + sum(c.memory_info().rss for c in ps.children(recursive=True))
        except psutil.Error:
            continue
        peak, peak_main = max(peak, total), max(peak_main, main_rss)
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(err[-2000:])
    load, page, views = map(float, out.split()[-3:])
    return {"load_s": load, "page_s": page, "views_s": views, "peak_mb": peak / 2**20,
            "peak_main_mb": peak_main / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--quick", action="store_true", help="first 3,000 articles, 30k-article big corpus")
    ap.add_argument("--no-agreement", action="store_true", help="skip the rjieba/jieba agreement (slow)")
    ap.add_argument("--no-app", action="store_true", help="skip the app peak-memory child process")
    args = ap.parse_args()
    limit = 3000 if args.quick else None
    n_big = 30_000 if args.quick else 200_000
    print(f"corpus: {args.corpus} ({'first 3,000 articles' if limit else 'all'}); cores: {os.cpu_count()}; "
          f"load average now: {os.getloadavg()[0]:.2f} (shared machine: timings are noisy)")

    c = cpu_seconds()
    t_base, counter, base_tokens = baseline(args.corpus, limit)
    c_base = cpu_seconds() - c
    print(f"\n[1] baseline (read + jieba.lcut per article + Counter of ≥2-char words): {t_base:.2f} s "
          f"(CPU {c_base:.2f} s); top: {', '.join(w for w, _ in counter.most_common(8))}")

    c = cpu_seconds()
    t_ours, parts, corpus, arts = ours(args.corpus, limit)
    c_ours = cpu_seconds() - c
    print(f"[2] ours, first analysis end to end from the file: {t_ours:.2f} s  → {t_base / t_ours:.1f}× faster "
          f"(target ≥ 3×, goal 10×); CPU {c_ours:.2f} s over both cores → {c_base / c_ours:.1f}× less CPU work")
    print("    " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items())
          + f"; engine {corpus.engine}; {corpus.n_docs:,} docs × {len(corpus.vocab):,} terms, "
          f"{corpus.dtm.nnz:,} stored counts, {int(corpus.doc_lengths.sum()):,} terms kept")
    print("    top 10: " + ", ".join(corpus.top_terms(n=10)["term"]))

    tf = filter_timings(corpus, arts)
    print(f"[3] filter change → top-100 with document counts, {arts.shape[0]:,} articles: median "
          f"{1000 * statistics.median(tf):.1f} ms, max {1000 * max(tf):.1f} ms (target ≤ 200 ms)")
    t = time.perf_counter()
    big, meta = big_corpus(corpus, arts, n_big)
    t_build = time.perf_counter() - t
    tb = filter_timings(big, meta)
    print(f"    {big.n_docs:,}-article corpus (stacked+perturbed, built in {t_build:.1f} s, "
          f"{big.dtm.nnz:,} stored counts): median {1000 * statistics.median(tb):.1f} ms, "
          f"max {1000 * max(tb):.1f} ms (target ≤ 1 s)")
    bench_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    del big, meta

    if not args.no_app:
        import tempfile

        with tempfile.TemporaryDirectory() as user_dir:
            m = app_memory(args.corpus, limit, user_dir)
        print(f"[4] app (AppTest, 关键词 page, every view) with the corpus loaded and analysed: peak RSS "
              f"{m['peak_mb']:.0f} MB with the segmentation worker, {m['peak_main_mb']:.0f} MB the app process alone "
              f"(target ≤ 1,500 MB); loader {m['load_s']:.1f} s, first page run {m['page_s']:.1f} s "
              f"(tokenizer + corpus + top terms), all 7 views {m['views_s']:.1f} s")
    print(f"    this benchmark process peaked at {bench_mb:.0f} MB (baseline's jieba + the 200k-article corpus)")

    if not args.no_agreement:
        fast = build_tokenizer(engine="rjieba")
        t = time.perf_counter()
        ref = build_tokenizer(engine="jieba")
        t_ref = time.perf_counter() - t
        a = agreement(arts, fast, ref)
        print(f"[5] rjieba vs jieba precise mode, project dictionary ({len(fast.settings.words):,} words added; "
              f"jieba build {t_ref:.1f} s): identical token lists in {a['docs_identical_pct']:.2f} % of documents, "
              f"identical term lists in {a['docs_identical_terms_pct']:.2f} %, token-span agreement "
              f"{a['token_agreement_pct']:.3f} % ({a['tokens_fast']:,} vs {a['tokens_ref']:,} tokens)")
        import rjieba

        plain = rjieba.Jieba()
        same = sum(hash(tuple(plain.cut(t + b, True))) == d for t, b, d in zip(arts["title"], arts["body"], base_tokens))
        print(f"    default dictionaries (baseline tokens vs rjieba): identical in {100 * same / len(arts):.2f} % of "
              "documents")


if __name__ == "__main__":
    main()
