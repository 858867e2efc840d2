"""Benchmark the corpus store at scale (issue 10): ingest, store size, dashboard-operation latencies.

    .venv/bin/python scripts/bench_scale.py [--n 1000000] [--repeat 5] [--skip-dask] [--workdir /tmp/wenjian-scale]

1. **Corpus**: ``--n`` articles built from the real corpora in ``../shared`` (CCTV 新闻联播, Hebei policy CSVs,
   BJTCM notices) as perturbed copies — each copy gets its date shifted by up to ±3 years, a different source
   (``<source>·<k>``) and its body's sentences shuffled — written as JSONL files of ``--per-file`` articles
   into ``--workdir`` (outside the project; deleted at the end unless ``--keep``).
2. **Ingest** (``analysis.store.ingest.ingest``): read → global dedup → save → tokenize + agency matching →
   store, with the local runner (2 processes) and with a 2-worker Dask ``LocalCluster``; time, throughput
   (MB/s of input), and equality of the two stores' tables.
3. **Store size** on disk vs the input's UTF-8 size (the JSONL files; and title+body+source+url alone).
4. **Dashboard operations** through ``analysis.store.query`` (the query layer the pages are to call) on the
   DuckDB backend at ``--n``, under every selection kind (:data:`SELECTIONS`: all, a date range of whole
   months, a date range inside months, one source, a query, one agency): the filter change (select + count),
   top terms, agency ranking and network (co-occurrence), monthly timeline with spike detection, KWIC for one
   term (first 500 rows); reopen (new process-like session: open the store + first count). Median and max of
   ``--repeat`` runs, printed as a table.
5. **Baseline at 20k (CCTV)**: the same operations on today's in-memory path (the objects the pages hold
   now: ``tokenize_corpus``, ``find_mentions``, ``filter_mask``…, through ``MemoryBackend``) and on the DuckDB
   store of the same corpus, in the same run, with the ratio.

Peak RSS of this process and of its child processes is printed (``resource.getrusage``), and the CPU seconds
an ingest used (wall time on a loaded machine mostly measures the other processes). The machine is a shared
2-core box: absolute numbers are noisy; the ratios in the same run are the claim.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.filters import Filters  # noqa: E402
from analysis.store import query as Q, query_rows as QR  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"
TERM = "经济"


def base_articles() -> pd.DataFrame:
    """The real corpora, loaded once with the project's loader."""
    from analysis.loaders import LoadOptions, load_paths

    paths = [SHARED / "cctv_xwlb" / "articles.jsonl", SHARED / "hebei_gov", SHARED / "bjtcm" / "notices.json"]
    res = load_paths([str(p) for p in paths if p.exists()], LoadOptions(mark_duplicates=False))
    return res.articles


def perturbed(base: pd.DataFrame, n: int, seed: int = 7):
    """Yield ``n`` article dicts: copy ``k`` of base row ``i`` (k = index // len(base))."""
    rng = random.Random(seed)
    titles, bodies = base["title"].tolist(), base["body"].tolist()
    sources, urls = base["source"].tolist(), base["url"].tolist()
    dates = base["date"].dt.strftime("%Y-%m-%d").fillna("").tolist()
    m = len(base)
    for j in range(n):
        i, k = j % m, j // m
        date = dates[i]
        if date and k:
            date = (pd.Timestamp(date) + pd.Timedelta(days=rng.randint(-1095, 1095))).strftime("%Y-%m-%d")
        body = bodies[i]
        if k:
            parts = [p for p in body.split("。") if p]
            rng.shuffle(parts)
            body = "。".join(parts) + ("。" if parts else "")
        yield {"title": titles[i], "date": date, "source": f"{sources[i] or '未知'}·{k}" if k else sources[i],
               "url": f"{urls[i]}#copy{k}" if k else urls[i], "body": body}


def write_corpus(base: pd.DataFrame, n: int, folder: Path, per_file: int) -> tuple[list[str], int, int]:
    """JSONL files of the perturbed corpus; returns (paths, file bytes, UTF-8 bytes of the text fields)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, fh, text_bytes = [], None, 0
    for j, row in enumerate(perturbed(base, n)):
        if j % per_file == 0:
            if fh:
                fh.close()
            paths.append(str(folder / f"part{len(paths):05d}.jsonl"))
            fh = open(paths[-1], "w", encoding="utf-8")
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        text_bytes += sum(len(row[c].encode("utf-8")) for c in ("title", "body", "source", "url"))
    if fh:
        fh.close()
    return paths, sum(Path(p).stat().st_size for p in paths), text_bytes


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), max(times), out


SELECTIONS = ("all", "date: whole months", "date: inside months", "source", "query", "agency")
OPS = ("filter (select + count)", "top terms (100)", "agency ranking", "agency network", "monthly timeline + spikes",
       f"KWIC {TERM} (500 rows)")


def selection_filters(sources: list[str], agency: str) -> dict[str, Filters]:
    """The selection kinds a dashboard user makes: everything, a date range of whole months (the roll-ups
    answer it), a date range with both ends inside months, one source, a query, one agency."""
    return {
        "all": Filters(),
        "date: whole months": Filters(date_from=pd.Timestamp("2020-01-01"), date_to=pd.Timestamp("2021-12-31")),
        "date: inside months": Filters(date_from=pd.Timestamp("2020-01-15"), date_to=pd.Timestamp("2021-12-10")),
        "source": Filters(sources=tuple(sources[:1])),
        "query": Filters(query=f"{TERM} 发展"),
        "agency": Filters(agencies=(agency,)),
    }


def operations(be, tk, f: Filters) -> dict[str, callable]:
    """The dashboard operations under one selection ``f``, each a zero-argument function over backend ``be``:
    the filter change itself (select + count), then what the pages compute on the selection."""
    sel = be.select(f)

    def timeline():
        from analysis.spikes import spike_rows

        vol, _ = Q.volume(be, sel, "month")
        return spike_rows(vol["articles"].to_numpy())

    return dict(zip(OPS, (
        lambda: Q.count(be, be.select(f)),
        lambda: Q.top_terms(be, sel, 100),
        lambda: Q.agency_summary(be, sel),
        lambda: Q.cooccurrence(be, sel),
        timeline,
        lambda: QR.kwic(be, sel, TERM, tokenizer=tk, limit=500),
    )))


def run_ops(label: str, be, tk, repeat: int, results: dict) -> None:
    """Every operation under every selection kind on backend ``be``: median and max of ``repeat`` runs
    (after one warm-up run) into ``results[(selection, op)][label]``."""
    srcs = Q.sources(be, be.select(Filters()))["source"].tolist()
    ag = Q.agency_summary(be, be.select(Filters()), aliases=False)["agency"].iloc[0]
    for kind, f in selection_filters(srcs, ag).items():
        n_sel = Q.count(be, be.select(f))
        for name, fn in operations(be, tk, f).items():
            first, _, _ = timed(fn, 1)  # warm-up, timed apart (first read of files, lazy loads of indexes)
            med, mx, _ = timed(fn, repeat)
            results.setdefault((kind, name), {})[label] = (med, mx)
            print(f"  {label:>14} {kind:<20} ({n_sel:>8,} art.) {name:<26} median {med * 1000:8.1f} ms   "
                  f"max {mx * 1000:8.1f} ms   (first call {first * 1000:8.1f} ms)", flush=True)


def print_table(results: dict, labels: list[str]) -> None:
    """One line per (selection, operation): median / max in ms per backend label, and the ratio of the first
    two labels' medians (DuckDB / in-memory at 20k when both ran)."""
    head = "".join(f" {lab:>22}" for lab in labels)
    print(f"  {'selection':<20} {'operation':<26}{head}   ratio", flush=True)
    for (kind, name), r in results.items():
        cells = "".join(f" {r[lab][0] * 1000:9.1f} /{r[lab][1] * 1000:9.1f}" if lab in r else f" {'-':>22}"
                        for lab in labels)
        ratio = (f"{r[labels[1]][0] / max(r[labels[0]][0], 1e-9):6.2f}×"
                 if len(labels) > 1 and all(lab in r for lab in labels[:2]) else "")
        print(f"  {kind:<20} {name:<26}{cells}   {ratio}", flush=True)


def rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def ingest_timed(paths, name, lib_root: Path, runner, spec) -> tuple[float, object, dict]:
    from analysis.library import Library
    from analysis.store.ingest import ingest

    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    last = [t0]

    def on_event(ev):
        now = time.perf_counter()
        stages[ev.stage] = stages.get(ev.stage, 0.0) + now - last[0]
        last[0] = now

    cpu0 = _cpu()
    info, store = ingest(paths, name, library=Library(lib_root), runner=runner, spec=spec, on_event=on_event)
    stages["cpu s (this process + local pool)"] = _cpu() - cpu0
    return time.perf_counter() - t0, store, stages


def ingest_cli(folder: Path, name: str, lib_root: Path, n: int, extra: list[str]):
    """``python -m analysis ingest FOLDER --name NAME`` in a new process (its own peak RSS), library at
    ``lib_root``; returns (wall seconds, the store)."""
    import csv
    import io
    import os

    from analysis.store.store import Store

    env = {**os.environ, "WENJIAN_LIBRARY": str(lib_root), "WENJIAN_MAX_ARTICLES": str(max(n, 500_000)),
           "WENJIAN_LIBRARY_MAX_MB": "0"}
    print(f"  load average before ingest {name}: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "analysis", "ingest", str(folder), "--name", name, "--quiet", *extra],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t
    if res.returncode:
        raise SystemExit(f"ingest failed ({res.returncode}): {res.stderr[-2000:]}")
    row = next(csv.DictReader(io.StringIO(res.stdout)))
    print(f"  load average after ingest {name}: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    return secs, Store(row["store"])


def stores_equal(a, b) -> bool:
    """Every table of two stores equal, part file by part file (a 1M table is not read whole), and the
    ``doc_rows`` arrays equal."""
    import pyarrow.parquet as pq

    for name in a.meta["tables"]:
        fa, fb = a.files(name), b.files(name)
        if [f.name for f in fa] != [f.name for f in fb]:
            return False
        for x, y in zip(fa, fb):
            if not pq.read_table(x).equals(pq.read_table(y)):
                print(f"  tables differ: {name} {x.name}", flush=True)
                return False
    ra, rb = a.doc_rows() or [], b.doc_rows() or []
    return len(ra) == len(rb) and all(np.array_equal(i, k) and np.array_equal(j, m) for (i, j), (k, m) in zip(ra, rb))


def print_stages(store) -> None:
    """The ingest's own account per stage (``meta.json["ingest"]``): wall s, CPU s of the ingest process and of
    the workers (local pool or Dask)."""
    info = dict(store.meta.get("ingest", {}))
    rss = info.pop("peak_rss_mb", None)
    for stage, v in info.items():
        print(f"    {stage:<8} wall {v['wall_s']:7.1f} s   ingest-process CPU {v['cpu_s']:7.1f} s   "
              f"workers CPU {v['worker_cpu_s']:7.1f} s", flush=True)
    if "citations_cpu_s" in store.meta:
        n = max(store.n_articles, 1)
        print(f"    of which citations stage (workers CPU, in analyze): {store.meta['citations_cpu_s']:.1f} s = "
              f"{store.meta['citations_cpu_s'] / n * 1000:.3f} ms per article", flush=True)
    if rss:
        print(f"    peak RSS: ingest process {rss['ingest_process']:,} MB, largest worker process "
              f"{rss['largest_worker']:,} MB", flush=True)


def _cpu() -> float:
    """User + system CPU seconds of this process and its finished children (the local pool's processes;
    Dask workers are not children of this process and are not counted)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="articles in the scaled corpus (default 1,000,000)")
    ap.add_argument("--per-file", type=int, default=20_000, help="articles per JSONL input file")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-dask", action="store_true", help="leave out the 2-worker Dask LocalCluster ingest")
    ap.add_argument("--skip-baseline", action="store_true", help="leave out the 20k CCTV comparison")
    ap.add_argument("--workdir", default="/tmp/wenjian-scale")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and libraries")
    ap.add_argument("--reuse-input", action="store_true",
                    help="reuse the corpus a previous --keep run wrote into --workdir (same --n and --per-file)")
    ap.add_argument("--skip-local", action="store_true",
                    help="leave out the local ingest: use the store a previous --keep run left in --workdir/lib-local "
                         "(for the Dask comparison and the queries)")
    ap.add_argument("--queries-only", metavar="STORE", default=None,
                    help="only time the dashboard operations (and reopen) on an existing store folder")
    args = ap.parse_args()
    if args.queries_only:
        from analysis.store.store import Store, default_spec
        from analysis.tokenizer import WenjianTokenizer

        tk = WenjianTokenizer(default_spec().tokenizer)
        t = time.perf_counter()
        store = Store(args.queries_only)
        duck = Q.DuckBackend(store)
        n_sel = Q.count(duck, duck.select(Filters()))
        print(f"== {store.n_articles:,}-article store {store.path.name}: {store.size() / 2**20:.1f} MiB; "
              f"reopen (open + first count of {n_sel:,}): {time.perf_counter() - t:.2f} s", flush=True)
        label = f"duckdb {store.n_articles // 1000}k"
        results: dict = {}
        run_ops(label, duck, tk, args.repeat, results)
        print(f"== median / max ms at {store.n_articles:,} articles (targets: median ≤ 1000, max ≤ 2000):")
        print_table(results, [label])
        worst = max(r[label][1] for r in results.values())
        print(f"== slowest max {worst * 1000:.1f} ms; slowest median "
              f"{max(r[label][0] for r in results.values()) * 1000:.1f} ms")
        own, _ = rss_mb()
        import os

        print(f"== peak RSS of this query process: {own:,.0f} MB; load average now: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    import os

    os.environ.setdefault("WENJIAN_MAX_ARTICLES", str(max(args.n, 500_000)))
    from analysis.store.runner import LocalRunner
    from analysis.store.store import default_spec

    work = Path(args.workdir)
    stamp = work / "corpus.json"
    want = {"n": args.n, "per_file": args.per_file}
    reuse = args.reuse_input and stamp.is_file() and {k: json.loads(stamp.read_text())[k] for k in want} == want
    if work.exists():
        for p in work.iterdir():
            if not (reuse and p.name in ("input", "corpus.json")) and not (args.skip_local and p.name == "lib-local"):
                shutil.rmtree(p) if p.is_dir() else p.unlink()
    spec = default_spec()
    from analysis.tokenizer import WenjianTokenizer

    tk = WenjianTokenizer(spec.tokenizer)
    results: dict[str, dict] = {}

    # ---------------------------------------------------------------- baseline at 20k (CCTV)
    if not args.skip_baseline:
        from analysis.agencies import AgencyMatcher, find_mentions
        from analysis.ids import with_article_ids
        from analysis.keywords import tokenize_corpus
        from analysis.loaders import load_paths

        cctv = SHARED / "cctv_xwlb" / "articles.jsonl"
        print(f"== 20k baseline: {cctv.name}", flush=True)
        t = time.perf_counter()
        arts = with_article_ids(load_paths([str(cctv)]).articles)
        corpus = tokenize_corpus(arts, tk)
        mentions = find_mentions(arts, AgencyMatcher.default())
        print(f"  in-memory path one-time work (load + tokenize + mentions): {time.perf_counter() - t:.1f} s")
        mem = Q.MemoryBackend(arts, corpus, mentions)
        t, store20, stages = ingest_timed([str(cctv)], "cctv", work / "lib20", LocalRunner(2), spec)
        print(f"  store ingest (local, 2 processes): {t:.1f} s  stages {{{', '.join(f'{k}: {v:.1f}' for k, v in stages.items())}}}")
        duck20 = Q.DuckBackend(store20)
        run_ops("in-memory 20k", mem, tk, args.repeat, results)
        run_ops("duckdb 20k", duck20, tk, args.repeat, results)
        print("  median / max ms (ratio = duckdb / in-memory medians):")
        print_table(results, ["in-memory 20k", "duckdb 20k"])
        duck20.close()
        del mem, corpus, mentions, arts

    # ---------------------------------------------------------------- the scaled corpus
    print(f"== scaled corpus: {args.n:,} articles", flush=True)
    t = time.perf_counter()
    if reuse:
        info = json.loads(stamp.read_text())
        paths, in_bytes, text_bytes = info["paths"], info["in_bytes"], info["text_bytes"]
        print(f"  reused {len(paths)} files from an earlier run (--reuse-input): {in_bytes / 2**20:.1f} MiB JSONL, "
              f"{text_bytes / 2**20:.1f} MiB of title+body+source+url")
    else:
        base = base_articles()
        paths, in_bytes, text_bytes = write_corpus(base, args.n, work / "input", args.per_file)
        print(f"  built from {len(base):,} real articles in {time.perf_counter() - t:.1f} s: {len(paths)} files, "
              f"{in_bytes / 2**20:.1f} MiB JSONL (UTF-8), {text_bytes / 2**20:.1f} MiB of title+body+source+url")
        del base
        stamp.write_text(json.dumps({**want, "paths": paths, "in_bytes": in_bytes, "text_bytes": text_bytes}))

    import gc

    gc.collect()
    if args.skip_local:
        from analysis.store.store import Store

        found = sorted((work / "lib-local" / "store").glob("*-v*-*"))
        if not found:
            raise SystemExit(f"--skip-local: no store in {work / 'lib-local'} (run once with --keep first)")
        store = Store(found[-1])
        print(f"  local ingest skipped (--skip-local): store of an earlier run, {store.path}")
    else:
        secs, store = ingest_cli(work / "input", "scale-local", work / "lib-local", args.n, ["--workers", "2"])
        print(f"  ingest local (CLI, 2 processes): {secs:.1f} s = {args.n / secs:,.0f} articles/s, "
              f"{in_bytes / 2**20 / secs:.2f} MB/s", flush=True)
    print_stages(store)
    size = store.size()
    lib_file = sum(p.stat().st_size for p in (work / "lib-local" / "data").iterdir())
    print(f"  store size {size / 2**20:.1f} MiB = {size / in_bytes:.2f}× the JSONL input, "
          f"{size / text_bytes:.2f}× the text fields; + library article file {lib_file / 2**20:.1f} MiB "
          f"(store + library file = {(size + lib_file) / in_bytes:.2f}× input)")
    print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in store.meta["tables"].items()))

    if not args.skip_dask:
        import distributed

        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster:
            secs_d, store_d = ingest_cli(work / "input", "scale-dask", work / "lib-dask", args.n,
                                         ["--scheduler", cluster.scheduler_address])
        same = stores_equal(store, store_d)
        print(f"  ingest Dask LocalCluster (CLI --scheduler, 2 workers): {secs_d:.1f} s = {args.n / secs_d:,.0f} "
              f"articles/s, {in_bytes / 2**20 / secs_d:.2f} MB/s; tables identical to local: {same}", flush=True)
        print_stages(store_d)

    # ---------------------------------------------------------------- queries at scale, in a new process
    print(f"== dashboard operations at {args.n:,} (new process: reopen + queries)", flush=True)
    subprocess.run([sys.executable, __file__, "--queries-only", str(store.path), "--repeat", str(args.repeat)],
                   check=True)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
