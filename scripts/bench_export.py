"""Time the library and the exports on a real corpus (default: the CCTV 新闻联播 corpus in ../shared).

    .venv/bin/python scripts/bench_export.py [PATH] [--images]

Prints one line per measurement (median of 3 runs unless said). Numbers depend on the machine's load.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402

from analysis.export import csv_bytes, figure_html, figure_png, figure_svg, xlsx_bytes  # noqa: E402
from analysis.figstyle import style  # noqa: E402
from analysis.library import Library  # noqa: E402
from analysis.loaders import LoadOptions, load_paths  # noqa: E402
from analysis.report import Section, build_report  # noqa: E402


def timed(fn, runs: int = 3):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(ROOT.parent / "shared/corpora/cctv_xwlb/articles.jsonl"))
    ap.add_argument("--images", action="store_true", help="also time server-side PNG/SVG (needs Chromium)")
    args = ap.parse_args()

    t = time.perf_counter()
    articles = load_paths([Path(args.path)], LoadOptions()).articles
    print(f"load {args.path}: {len(articles)} articles in {time.perf_counter() - t:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(tmp)
        sec, info = timed(lambda: lib.save("bench", articles), runs=1)
        print(f"library save: {sec:.2f} s, {info.size / 1e6:.1f} MB parquet")
        sec, _ = timed(lambda: lib.load(info.id))
        print(f"library open (read + coerce + report): {sec:.2f} s")
        sec, _ = timed(lambda: Library(tmp).list())
        print(f"library list (new Library object): {sec * 1000:.1f} ms")

    sec, data = timed(lambda: csv_bytes(articles))
    print(f"csv_bytes all articles: {sec:.2f} s, {len(data) / 1e6:.1f} MB")
    head = articles.head(5000)
    sec, data = timed(lambda: xlsx_bytes({"文章": head}), runs=1)
    print(f"xlsx_bytes 5,000 articles: {sec:.2f} s, {len(data) / 1e6:.1f} MB")
    counts = articles["source"].value_counts().rename_axis("来源").reset_index(name="篇数")
    sec, _ = timed(lambda: xlsx_bytes({"来源": counts, "文章": head.head(500)}))
    print(f"xlsx_bytes 2 sheets (sources + 500 articles): {sec:.2f} s")

    daily = articles.dropna(subset=["date"]).groupby("date").size()
    fig = style(go.Figure(go.Scatter(x=daily.index, y=daily.to_numpy())), "每日文章数")
    sec, data = timed(lambda: figure_html(fig))
    print(f"figure_html: {sec:.2f} s, {len(data) / 1e6:.1f} MB")
    sections = [Section("概览", [fig, counts.head(50)]), Section("文章", [articles.head(1000)])]
    sec, data = timed(lambda: build_report("报告", sections, {"数据集": "bench"}))
    print(f"build_report (1 chart, 2 tables): {sec:.2f} s, {len(data) / 1e6:.1f} MB")

    if args.images:
        sec, png = timed(lambda: figure_png(fig), runs=1)
        print(f"figure_png first (starts the browser): {sec:.2f} s -> {png is not None}")
        sec, _ = timed(lambda: figure_png(fig), runs=5)
        print(f"figure_png scale 3, warm: {sec:.2f} s")
        sec, _ = timed(lambda: figure_svg(fig), runs=5)
        print(f"figure_svg warm: {sec:.2f} s")


if __name__ == "__main__":
    main()
