"""Time the agencies' co-occurrence network figure: the old builder (a git ref, one plotly trace per pair and
every pair drawn) and this checkout, on the same tables, in the same run.

    nice -n 10 .venv/bin/python scripts/bench_network.py [--ref 1a09d22] [--path ../shared/corpora/cctv_xwlb/articles.jsonl]
        [--nodes 30 60 80] [--repeat 5]

The tables are the 机构 page's defaults (Chinese government bodies) counted from the corpus once. Printed per node
count: the smallest CPU-seconds of ``network_figure`` over ``--repeat`` calls for old and new (after one warm-up
call each), the ratio old / new, the lines drawn, and the label conflicts of the new figure
(``analysis.figures.layout.label_conflicts``: must be 0). CPU-seconds, not wall time: the machine is shared.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"


def old_module(ref: str) -> types.ModuleType:
    """``analysis/figures/agencies.py`` as it was at ``ref``, loaded as a module of its own."""
    src = subprocess.run(["git", "show", f"{ref}:analysis/figures/agencies.py"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    mod = types.ModuleType("old_agency_figures")
    exec(compile(src, f"{ref}:analysis/figures/agencies.py", "exec"), mod.__dict__)
    return mod


def best(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="1a09d22")
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--nodes", type=int, nargs="+", default=[30, 60, 80])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from analysis.agencies import agency_summary, cooccurrence, find_mentions, government_mentions
    from analysis.figures import agencies as new
    from analysis.figures.layout import label_conflicts
    from analysis.loaders.core import load_paths

    t0 = time.process_time()
    mentions = government_mentions(find_mentions(load_paths([args.path]).articles))
    summary, cooc = agency_summary(mentions), cooccurrence(mentions)
    print(f"tables: {len(summary)} agencies, {len(cooc)} pairs ({time.process_time() - t0:.1f} CPU-s to count)")
    old = old_module(args.ref)
    for n in args.nodes:
        t_old = best(lambda: old.network_figure(cooc, summary, n), args.repeat)
        t_new = best(lambda: new.network_figure(cooc, summary, n), args.repeat)
        plan = new.network_layout(cooc, summary, n)
        old_lines = len(old.network_figure(cooc, summary, n).data) - 1
        print(f"{n} nodes: old {t_old:.4f} CPU-s ({old_lines} lines), new {t_new:.4f} CPU-s "
              f"({len(plan['links'])} lines), old/new {t_old / t_new:.1f}x, "
              f"label conflicts {len(label_conflicts(plan['boxes'], plan['xy'], plan['radius']))}")


if __name__ == "__main__":
    main()
