"""Time the 政策 page's answers on a store (``analysis.store.query_citations``, ``query_policy``) through the
functions the large page (``ui/large_policy.py``) calls, and check them against the in-memory page's rows.

    .venv/bin/python scripts/bench_policy.py STORE DATA_FILE [--repeat 3] [--query 医疗保障 ...] [--skip-memory]
                                             [--skip-check]

``STORE``: a store folder (``<library>/store/<dataset>-v<version>-<key>``, opened read-only, DuckDB with the
app's 2 threads and 1 GB); ``DATA_FILE``: the dataset's saved table (``<library>/data/<id>-<version>.parquet``).

Selections: all articles, the year with most articles, the source with most articles, one query (``--query``,
the sidebar's search box). Per selection, median and max wall ms of ``--repeat`` runs and the CPU seconds of this
process per run (DuckDB's threads are in-process, so counted; wall time on a loaded machine mostly measures the
other processes):

- ``stored references`` (``stored_rows``: the page compares it with ``CITATION_MAX_ROWS``), ``caption``
  (``policy_summary``) and ``issuer × year`` — what the page shows for every selection;
- the references (``citations`` without and with their sentences), the documents table as the page reads it (the
  whole filtered table once, kept in the session for its pages; baseline in the same run: the two calls it made
  before, ``limit=0`` for the total then page 1), its filter choices and the most
  cited titles (``top_cited``) — what the page computes at or under the cap. Above the cap the page does not
  compute them (it asks to narrow the filters); they are timed anyway (``if allowed``).

``first view`` = what the page computes on opening (the 文件 view): under the cap caption + stored references +
references + filter choices + documents table; above the cap caption + stored references + issuer × year.
RSS: this process's resident MB after the selection's answers and the peak so far, and the size in memory of the
references frame the session keeps (``memory_usage(deep=True)``).

Check (unless ``--skip-check``): on the largest source, the store's references (with sentences) are compared
with the in-memory page's function, ``analysis.policy.citations.find_citations``, over the whole saved table
(every document in its index; only the source's bodies read, the others blank: a document's rows depend on its own
text and the index only), frame for frame (``assert_frame_equal``); the documents table and most cited of the
source likewise against ``documents_table`` / ``top_cited`` of the in-memory rows. Its CPU is the baseline: the
in-memory path's cost for the same source, timed once in the same run, with the store's ratio to it.
``--skip-memory`` (a store of ≤ 200k): also the in-memory page's one-time ``find_citations`` of the whole table.
Prints the citation stage's CPU at ingest, and the CPU of resolving every reference over the whole corpus at its
end (``analysis.store.cite_resolve``), when the store's ``meta.json`` has them. Old vs new: run main's copy of
this script on a store of main's code (its queries resolve at query time) beside this one, in the same run.
"""
from __future__ import annotations

import argparse
import os
import resource
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


def rss_mb() -> tuple[float, float]:
    """(resident MB now, peak resident MB of this process)."""
    with open("/proc/self/statm") as fh:
        now = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return now, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _no_citations() -> pd.DataFrame:
    """An empty references frame (``find_citations`` of no article)."""
    from analysis.policy.citations import find_citations

    return find_citations(pd.DataFrame({"id": [], "title": [], "body": [], "doc_number": []}))


def two_calls(duck, sel, data, own):
    """The documents table as the page asked for it before it kept the table: the total (``limit=0``), then
    page 1 of 1,000 rows (the baseline of the one call)."""
    total, _ = QC.documents(duck, sel, data, cites=own, limit=0)
    return total, QC.documents(duck, sel, data, cites=own, limit=1000)[1]


def in_memory_rows(duck, sel, data_file) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the selected documents with the policy columns, their references) by the in-memory page's functions:
    ``find_citations`` over the whole saved table (its index holds every document), the bodies of the
    selected documents only (a document's rows depend on its own text and the index, so the others' rows are
    not needed and their bodies are left blank)."""
    import pyarrow.parquet as pq

    from analysis.policy.citations import find_citations
    from analysis.policy.metadata import with_policy_columns

    cols = [c for c in pq.read_schema(data_file).names if c != "body"]
    arts = pd.read_parquet(data_file, columns=cols)
    rows = duck.query(f"SELECT a.row FROM articles a WHERE {sel.where} ORDER BY a.row", sel.params)["row"]
    bodies = duck.query(f"""SELECT file_row_number AS row, body FROM read_parquet({QC._quoted(data_file)},
      file_row_number = true) WHERE file_row_number IN (SELECT unnest(?::BIGINT[]))""",
                        [rows.astype("int64").tolist()]).set_index("row")["body"]
    arts["body"] = ""
    arts.loc[rows.to_numpy(), "body"] = bodies.reindex(rows.to_numpy()).fillna("").to_numpy()
    arts = with_policy_columns(arts)
    cites = find_citations(arts)
    shown = arts.iloc[rows.to_numpy()]
    return shown, cites[cites["id"].isin(set(shown["id"].tolist()))].reset_index(drop=True)


def check(duck, label: str, sel, data, repeat: int) -> None:
    """The store's rows = the in-memory page's rows on ``sel``; the in-memory cost as the baseline."""
    from pandas.testing import assert_frame_equal

    from analysis.policy.citations import top_cited
    from analysis.policy.documents import documents_table

    cpu, t = time.process_time(), time.perf_counter()
    shown, mem = in_memory_rows(duck, sel, data)
    mem_wall, mem_cpu = time.perf_counter() - t, time.process_time() - cpu
    med, worst, store_cpu, got = timed(lambda: QC.citations(duck, sel, data), repeat)
    assert_frame_equal(got, mem)
    docs = QC.documents(duck, sel, data, cites=got)[1]
    want = documents_table(shown, mem).reset_index(drop=True)
    assert_frame_equal(docs, want, check_dtype=False)
    named = pd.read_parquet(data, columns=["id", "title", "doc_number"])
    assert_frame_equal(QC.top_cited(duck, sel, data, 20, cites=got), top_cited(mem, named, 20))
    print(f"  check {label}: store = in-memory page: references {len(got):,} rows (resolved to a corpus document "
          f"{int(got['resolved_id'].notna().sum()):,}, self {int(got['self'].sum()):,}), documents table "
          f"{len(docs):,} rows, most cited 20 — all equal (assert_frame_equal)")
    print(f"    baseline, in-memory page (read the saved table + find_citations, its index over all "
          f"{len(named):,} documents, {len(shown):,} bodies): {mem_wall:.1f} s wall, {mem_cpu:.1f} CPU s; the "
          f"store's references with sentences: median {med * 1000:.0f} ms, max {worst * 1000:.0f} ms, "
          f"{store_cpu:.2f} CPU s = {store_cpu / mem_cpu:.3f}× the in-memory CPU", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("data_file")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--query", action="append", default=None,
                    help="a query selection (the sidebar's search box; repeatable; default 医疗保障)")
    ap.add_argument("--skip-memory", action="store_true",
                    help="leave out the in-memory page's find_citations of the whole table")
    ap.add_argument("--skip-check", action="store_true", help="leave out the store = in-memory check on a source")
    ap.add_argument("--only", default=None, help="time only the selections whose label starts with this")
    args = ap.parse_args()
    store = Store(args.store)
    duck = DuckBackend(store, threads=2, memory_limit="1GB")   # (the app's settings: ui/cache.py)
    data = args.data_file
    print(f"== store {store.path.name}: {store.n_articles:,} articles; citation tables: {QC.has_citations(duck)}; "
          f"cap {QC.CITATION_MAX_ROWS:,} stored references; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    if "citations_cpu_s" in store.meta:
        print(f"  ingest citation stage: {store.meta['citations_cpu_s']:.1f} workers CPU s = "
              f"{store.meta['citations_cpu_s'] / store.n_articles * 1000:.3f} ms per article; rows "
              f"citations {store.meta['tables'].get('citations', 0):,}, doc_keys {store.meta['tables'].get('doc_keys', 0):,}")
    if "citations_resolve_cpu_s" in store.meta:
        print(f"  ingest end, every reference resolved over the whole corpus: "
              f"{store.meta['citations_resolve_cpu_s']:.1f} CPU s (this process)")
    year = duck.query("SELECT year(date) AS y, count(*) AS n FROM articles WHERE date IS NOT NULL GROUP BY y "
                      "ORDER BY n DESC LIMIT 1")["y"].iloc[0]
    source = duck.query("SELECT source, count(*) AS n FROM articles GROUP BY source ORDER BY n DESC LIMIT 1")[
        "source"].iloc[0]
    selections = {"all": Filters(), f"year {year}": Filters(date_from=pd.Timestamp(f"{year}-01-01"),
                                                            date_to=pd.Timestamp(f"{year}-12-31")),
                  f"source {source}": Filters(sources=(source,)),
                  **{f"query {q}": Filters(query=q) for q in args.query or ["医疗保障"]}}
    has = QC.has_citations(duck)
    all_cpu = None
    for label, f in selections.items():
        if args.only and not label.startswith(args.only):
            continue
        sel = duck.select(f)
        n = int(duck.query(f"SELECT count(*) AS n FROM articles a WHERE {sel.where}", sel.params)["n"].iloc[0])
        ops: dict[str, tuple[float, float, float]] = {}
        ops["caption (policy_summary)"] = timed(lambda: QP.policy_summary(duck, sel, data), args.repeat)[:3]
        stored = 0
        if has:
            *ops["stored references (stored_rows)"], stored = timed(lambda: QC.stored_rows(duck, sel), args.repeat)
            med, worst, cpu, own = timed(lambda: QC.citations(duck, sel, data, text=False), args.repeat)
        else:   # a store built before the citation tables: the documents table's own cost, no counts
            med = worst = cpu = 0.0
            own = _no_citations()
        over = stored > QC.CITATION_MAX_ROWS
        if label == "all":
            all_cpu = cpu
        ops["issuer × year (matrix)"] = timed(lambda: QP.issuer_year(duck, sel, data, top=25), args.repeat)[:3]
        ops[f"references, no text ({len(own):,} rows)"] = (med, worst, cpu)
        *ops["references with sentences (citation list view)"], full = timed(
            lambda: QC.citations(duck, sel, data) if has else own, args.repeat)
        ops["document filter choices"] = timed(lambda: QC.document_choices(duck, sel, data), args.repeat)[:3]
        *ops["documents table (the page's one call, kept)"], (total, docs) = timed(
            lambda: QC.documents(duck, sel, data, cites=own), args.repeat)
        ops["  baseline: total + page 1 as 2 calls (before)"] = timed(
            lambda: two_calls(duck, sel, data, own), args.repeat)[:3]
        ops["documents page 1 by cited_by"] = timed(lambda: QC.documents(
            duck, sel, data, cites=own, limit=1000, sort="cited_by", descending=True), args.repeat)[:3]
        ops["most cited (20)"] = timed(lambda: QC.top_cited(duck, sel, data, 20, cites=own), args.repeat)[:3]
        first = (["caption", "stored references", "issuer × year"] if over else
                 ["caption", "stored references", "references, no text", "document filter", "documents table"])
        ops["FIRST VIEW (" + ("over the cap: caption + count + matrix" if over else
                              "caption + count + references + choices + documents") + ")"] = tuple(
            sum(v[i] for k, v in ops.items() if k.startswith(tuple(first))) for i in range(3))
        if over:
            ops["if allowed: first view under the cap's answers"] = tuple(
                sum(v[i] for k, v in ops.items() if k.startswith(tuple(
                    ["caption", "stored references", "references, no text", "document filter", "documents table"])))
                for i in range(3))
        now, peak = rss_mb()
        print(f"  {label:<24} ({n:,} articles, {stored:,} stored references"
              f"{' > cap: the page asks to narrow; the rest timed as if allowed' if over else ' ≤ cap'}; "
              f"{len(own):,} references, {total:,} documents)")
        for name, (m, w, c) in ops.items():
            print(f"    {name:<62} median {m * 1000:8.1f} ms   max {w * 1000:8.1f} ms   CPU {c:6.2f} s", flush=True)
        print(f"    RSS now {now:,.0f} MB, peak {peak:,.0f} MB; the session's references frames: no text "
              f"{own.memory_usage(deep=True).sum() / 2**20:,.1f} MiB, with sentences "
              f"{full.memory_usage(deep=True).sum() / 2**20:,.1f} MiB, documents table "
              f"{docs.memory_usage(deep=True).sum() / 2**20:,.1f} MiB", flush=True)
        del own, full, docs
    if has and not args.skip_check:
        check(duck, f"source {source}", duck.select(Filters(sources=(source,))), data, args.repeat)
        now, peak = rss_mb()
        print(f"    RSS after the check: now {now:,.0f} MB, peak {peak:,.0f} MB")
    if not args.skip_memory and all_cpu is not None:
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
