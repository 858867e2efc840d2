"""Benchmark: build the complete report (issue 13) on the CCTV corpus, in every format.

    .venv/bin/python scripts/bench_report.py [--path ../shared/corpora/cctv_xwlb/articles.jsonl] [--lang zh]
        [--from 2024-01-01]

Prints the time of each step: the one-time work the app has already done when a user clicks "build" (load,
tokenize, agency mentions — cached per dataset there), then the report itself: content (every page's
default views), HTML, chart images (PNG, then SVG; server-side via kaleido + Chromium), Word and ZIP. The
baseline in the same run is the tokenizing of the corpus (what an upload costs), printed as a ratio. Image
export uses one shared browser, started on the first image (its 3–7 s start is part of the PNG time).
Numbers are noisy on a shared 2-core machine.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.agencies import find_mentions  # noqa: E402
from analysis.export import image_export_status  # noqa: E402
from analysis.filters import Filters, filter_mask  # noqa: E402
from analysis.keywords import tokenize_corpus  # noqa: E402
from analysis.loaders import LoadOptions, load_paths  # noqa: E402
from analysis.report import render_html, render_images  # noqa: E402
from analysis.report_zip import render_zip  # noqa: E402
from analysis.report_content import build_content  # noqa: E402
from analysis.report_docx import render_docx  # noqa: E402
from analysis.tokenizer import build_tokenizer  # noqa: E402
from labels.report import report_words  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", default=str(DEFAULT))
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--from", dest="date_from", default=None)
    args = ap.parse_args()
    times: dict[str, float] = {}

    def timed(name, fn):
        t0 = time.perf_counter()
        out = fn()
        times[name] = time.perf_counter() - t0
        print(f"{name:<32} {times[name]:7.2f} s", flush=True)
        return out

    arts = timed("load", lambda: load_paths([args.path], LoadOptions()).articles)
    tk = timed("build tokenizer", build_tokenizer)
    corpus = timed("tokenize (baseline)", lambda: tokenize_corpus(arts, tk))
    mentions = timed("agency mentions", lambda: find_mentions(arts))
    filters = Filters(date_from=pd.Timestamp(args.date_from) if args.date_from else None)
    mask = filter_mask(arts, filters, mentions)
    print(f"articles: {len(arts):,}, selected: {int(mask.sum()):,}")
    print("--- the report (what the build button does) ---")
    report = timed("content (every page's views)", lambda: build_content(
        arts, mask, corpus=corpus, mentions=mentions, dataset=Path(args.path).name, filters=filters, lang=args.lang,
        words=report_words(args.lang)))
    n_fig = sum(1 for s in report.sections for i in s.items if hasattr(i, "layout"))
    n_tab = sum(1 for s in report.sections for i in s.items if isinstance(i, pd.DataFrame))
    print(f"items: {n_fig} charts, {n_tab} tables")
    html = timed("HTML", lambda: render_html(report))
    missing = timed("PNG images", lambda: render_images(report, ("png",)))
    timed("SVG images", lambda: render_images(report, ("png", "svg")))
    docx = timed("Word (.docx)", lambda: render_docx(report))
    zipped = timed("ZIP (tables CSV+XLSX, reuse)", lambda: render_zip(report, docx=docx, html=html))
    print(f"sizes: HTML {len(html) / 1e6:.1f} MB, DOCX {len(docx) / 1e6:.1f} MB, ZIP {len(zipped) / 1e6:.1f} MB; "
          f"images missing: {missing} ({image_export_status()})")
    base = times["tokenize (baseline)"]
    for fmt, steps in {"HTML": ["content (every page's views)", "HTML"],
                       "Word": ["content (every page's views)", "PNG images", "Word (.docx)"],
                       "ZIP": ["content (every page's views)", "PNG images", "SVG images", "HTML", "Word (.docx)",
                               "ZIP (tables CSV+XLSX, reuse)"]}.items():
        total = sum(times[s] for s in steps)
        print(f"report as {fmt:<5}: {total:6.2f} s  = {total / base:.2f} × tokenizing the corpus ({base:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
