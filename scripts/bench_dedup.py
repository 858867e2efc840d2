"""Benchmark what the server process does beside the workers during an upload — duplicate marking
(``analysis.dedup.find_duplicates``), the stable keys (``analysis.store.build.keyed_articles``) and the library
save (``analysis.library.Library.save``) — for the old code (a git ref) and this checkout in the same run, and
check that every result is identical.

    nice -n 10 .venv/bin/python scripts/bench_dedup.py [--ref 961b47a] [--repeat 3] [--quick]

Input sets (read-only, ``../shared``), each parsed once with this checkout's loader
(``analysis.loaders.load_paths`` without duplicate marking) and pickled, so old and new code get the very same
table: ``cctv`` (the CCTV JSONL, 19,876 articles), each of the 29 Hebei policy CSVs alone (``hebei/<file>``), the
29 together (``hebei``), ``bjtcm``, ``realpages`` (the folder of saved pages) and ``all`` (every file above in one
table) and ``cctv+reposts`` (the CCTV table with edited copies of every 10th article appended:
:func:`with_reposts`). ``--quick``: ``cctv`` and ``cctv+reposts`` only.

The old code is ``git archive REF analysis data labels`` unpacked into a temporary folder (as
``scripts/bench_agencies.py``); each code runs in its own child process, alternating old / new ``--repeat`` times.
Printed: per code the smallest CPU-seconds of ``find_duplicates`` on ``cctv`` (and the sum over every set),
``keyed_articles`` and ``Library.save`` of ``cctv`` (a fresh temporary library), the old / new ratios; then per
input set whether ``duplicate_of`` (every article), the keys (``article_id``), the library's content digest
and the saved table are identical, with the number of articles marked. CPU-seconds (``time.process_time``)
are the measure: they are less sensitive than wall time to the other load of this shared machine (the load
average is printed too).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_agencies import ROOT, old_tree  # noqa: E402

SHARED = ROOT.parent / "shared"
OLD_REF = "961b47a"


def input_sets(quick: bool) -> dict[str, list[Path]]:
    """The input sets by name: lists of files or folders under ``../shared``."""
    cctv = [SHARED / "corpora" / "cctv_xwlb" / "articles.jsonl"]
    if quick:
        return {"cctv": cctv, "cctv+reposts": cctv}
    hebei = sorted((SHARED / "corpora" / "hebei_gov").glob("*.csv"))
    bjtcm, pages = [SHARED / "corpora" / "bjtcm" / "notices.json"], [SHARED / "realpages"]
    sets = {"cctv": cctv, **{f"hebei/{p.stem[:24]}": [p] for p in hebei}, "hebei": hebei, "bjtcm": bjtcm,
            "realpages": pages, "all": cctv + hebei + bjtcm + pages, "cctv+reposts": cctv}
    return sets


def with_reposts(articles):
    """``articles`` and, appended, an edited copy of every 10th one (a stress set for the near-duplicate rules:
    the CCTV corpus alone has one duplicate). Copy ``k`` of article ``i`` (the ``k``-th copy made), by ``k % 6``:
    0 the same text 3 days later; 1 the first tenth of the body cut, a day later; 2 a lead line and credits
    added, 20 days later (beyond ``MAX_DAYS``); 3 every 40th character replaced, undated; 4 the same body under
    another title; 5 the second half of the body only, the same day."""
    import pandas as pd

    src = articles.iloc[::10].reset_index(drop=True)
    rows = []
    for k, a in enumerate(src.to_dict("records")):
        a = dict(a)
        body, kind = str(a["body"]), k % 6
        day = pd.Timedelta(days=(3, 1, 20, 0, 0, 0)[kind])
        a["date"] = pd.NaT if kind == 3 else a["date"] + day
        if kind == 1:
            a["body"] = body[len(body) // 10:]
        elif kind == 2:
            a["body"] = "本台消息：据新华社报道，" + body + "（记者 王某 李某 报道）"
        elif kind == 3:
            a["body"] = "".join("某" if j % 40 == 39 else ch for j, ch in enumerate(body))
        elif kind == 4:
            a["title"] = f"第{k}条另一则新闻的标题"
        elif kind == 5:
            a["body"] = body[len(body) // 2:]
        rows.append(a)
    out = pd.concat([articles, pd.DataFrame(rows).astype(articles.dtypes.to_dict())], ignore_index=True)
    out["id"] = range(1, len(out) + 1)
    return out


def prepare(sets: dict[str, list[Path]], folder: Path) -> dict[str, int]:
    """Parse every input set with this checkout's loader (no duplicate marking) into ``folder/<i>.pkl``."""
    sys.path.insert(0, str(ROOT))
    from analysis.loaders import LoadOptions, load_paths

    sizes = {}
    for i, (name, paths) in enumerate(sets.items()):
        if name == "cctv+reposts":
            articles = with_reposts(load_paths([str(p) for p in paths], LoadOptions(mark_duplicates=False)).articles)
        else:
            articles = load_paths([str(p) for p in paths], LoadOptions(mark_duplicates=False)).articles
        with open(folder / f"{i}.pkl", "wb") as fh:
            pickle.dump(articles, fh)
        sizes[name] = len(articles)
    return sizes


def _digest(values) -> str:
    return hashlib.blake2b(repr(list(values)).encode(), digest_size=12).hexdigest()


def child(code: str, folder: str, names: list[str]) -> dict:
    """In a child process with ``code`` first on ``sys.path``: time and digest every step on every set."""
    sys.path.insert(0, code)
    import pandas as pd
    import pyarrow.parquet as pq

    from analysis.dedup import find_duplicates
    from analysis.library import Library
    from analysis.store.build import keyed_articles

    out: dict = {"sets": {}}
    lib = Library(tempfile.mkdtemp(prefix="wenjian-bench-lib-"))
    for i, name in enumerate(names):
        with open(Path(folder) / f"{i}.pkl", "rb") as fh:
            articles = pickle.load(fh)
        if i == 0:  # warm up (lazy tables, imports) on a few rows
            find_duplicates(articles.head(50))
        c0 = time.process_time()
        dup = find_duplicates(articles)
        cpu_dup = time.process_time() - c0
        articles["duplicate_of"] = dup
        marked = [None if pd.isna(v) else int(v) for v in dup]
        row = {"dup_cpu": cpu_dup, "dup": _digest(marked), "marked": sum(v is not None for v in marked)}
        c0 = time.process_time()
        keyed = keyed_articles(articles)
        row["keyed_cpu"] = time.process_time() - c0
        row["keys"] = _digest(keyed["article_id"].tolist())
        c0 = time.process_time()
        info = lib.save(f"set {i}", keyed)
        row["save_cpu"] = time.process_time() - c0
        table = pq.read_table(lib.root / info.file)
        row["saved"] = hashlib.blake2b(
            str(table.schema.remove_metadata()).encode() + repr(table.to_pydict()).encode(), digest_size=12).hexdigest()
        row["library_digest"] = info.digest
        out["sets"][name] = row
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default=OLD_REF, help=f"git ref of the old code (default {OLD_REF})")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each code, alternating (the smallest CPU counts)")
    ap.add_argument("--quick", action="store_true", help="the CCTV corpus only")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    ap.add_argument("--names", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], json.loads(args.names))))
        return 0
    sets = input_sets(args.quick)
    names = list(sets)
    with tempfile.TemporaryDirectory(prefix="wenjian-bench-") as tmp:
        folder = Path(tmp) / "tables"
        folder.mkdir()
        sizes = prepare(sets, folder)
        codes = {f"old ({args.ref})": old_tree(args.ref, Path(tmp)), "new (this checkout)": ROOT}
        runs: dict[str, list[dict]] = {k: [] for k in codes}
        for _ in range(max(1, args.repeat)):
            for label, code in codes.items():
                res = subprocess.run([sys.executable, __file__, "--child", str(code), str(folder),
                                      "--names", json.dumps(names)], capture_output=True, text=True, cwd=str(ROOT))
                if res.returncode:
                    raise SystemExit(f"the benchmark of {code} failed:\n{res.stderr}")
                runs[label].append(json.loads(res.stdout.strip().splitlines()[-1]))
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    best: dict[str, dict[str, float]] = {}
    for label, rs in runs.items():
        cctv = [r["sets"]["cctv"] for r in rs]
        best[label] = {k: min(c[k] for c in cctv) for k in ("dup_cpu", "keyed_cpu", "save_cpu")}
        best[label]["dup_all"] = min(sum(s["dup_cpu"] for s in r["sets"].values()) for r in rs)
        b = best[label]
        print(f"{label:22s} cctv ({sizes['cctv']:,} articles): find_duplicates {b['dup_cpu']:.3f} CPU-s (runs: "
              f"{', '.join(format(c['dup_cpu'], '.3f') for c in cctv)}) | keyed_articles {b['keyed_cpu']:.3f} "
              f"(runs: {', '.join(format(c['keyed_cpu'], '.3f') for c in cctv)}) | Library.save {b['save_cpu']:.3f} "
              f"(runs: {', '.join(format(c['save_cpu'], '.3f') for c in cctv)}) | find_duplicates over all "
              f"{len(names)} sets {b['dup_all']:.3f}")
    old, new = best.values()
    print("old / new CPU: " + ", ".join(f"{k} {old[k] / max(new[k], 1e-9):.2f}x"
                                         for k in ("dup_cpu", "keyed_cpu", "save_cpu", "dup_all")))
    print(f"old - new, cctv (the three steps): {sum(old[k] - new[k] for k in ('dup_cpu', 'keyed_cpu', 'save_cpu')):.3f} CPU-s")
    ro, rn = (rs[0]["sets"] for rs in runs.values())
    differ = 0
    for name in names:
        items = [k for k in ("dup", "keys", "library_digest", "saved") if ro[name][k] != rn[name][k]]
        differ += bool(items)
        print(f"  {name:32s} {sizes[name]:6,} articles, {rn[name]['marked']:5,} marked: "
              f"{'identical' if not items else 'DIFFER: ' + ', '.join(items)}")
    print("every set identical" if not differ else f"{differ} sets DIFFER")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
