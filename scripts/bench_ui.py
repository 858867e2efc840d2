"""Browser-driven timings of the dashboard with a real corpus (default: the CCTV corpus in ../shared).

Starts ``streamlit run app.py`` with an empty temporary library, drives headless Chromium with Playwright and
prints, in seconds: the upload (parse + save + warm-up), every page switch (first and second visit), filter
changes, reopening the dataset from the library in a new session (same server) and after a server restart,
and the server's peak memory (RSS of the server process and its children, sampled every 0.2 s).
A "render" is timed from the click to the end of the rerun with every chart drawn (``#wj-run`` counter).

First, the upload until every page is usable (upload, then the first visit of every page) is timed on the
project as of ``--baseline-ref`` (default: the commit before uploads went through the store — today's pages
computing their analyses in the page run), exported with ``git archive`` into a temporary folder, and on this
checkout, in the same run: wall seconds and CPU seconds of the server's process tree (server + its runner
workers, ``psutil``), with the ratio and the 1-minute load average when each upload started.
``--skip-baseline`` leaves the old path out.

    .venv/bin/python scripts/bench_ui.py [--corpus PATH] [--keep-library DIR] [--baseline-ref REF]

Numbers depend on the machine's load (2 shared cores here): run it on a quiet machine for targets.
"""
from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import tarfile
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.harness import CHROMIUM_ARGS, act, chromium_path, start_server, stop_server, wait_run  # noqa: E402

PAGES = ["关键词", "机构", "时间线", "文章", "数据", "概览"]
#: The last commit before an upload went through the store's batch pipeline (issue 10 item 5): the old path.
BASELINE_REF = "1697a71"


class RssSampler(threading.Thread):
    """Peak RSS of a process tree."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.proc = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()

    def current(self) -> int:
        try:
            procs = [self.proc, *self.proc.children(recursive=True)]
            return sum(p.memory_info().rss for p in procs if p.is_running())
        except psutil.Error:
            return 0

    def run(self) -> None:
        while not self.stop.is_set():
            self.peak = max(self.peak, self.current())
            time.sleep(0.2)


def tree_cpu(proc: psutil.Process) -> float:
    """CPU seconds (user + system) of a process, its live children and the children it has waited for."""
    return sum(split_cpu(proc))


def split_cpu(proc: psutil.Process) -> tuple[float, float]:
    """CPU seconds of the process itself, and of its children (live ones + those it has waited for)."""
    own = kids = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        if p is proc:
            own, kids = t.user + t.system, kids + t.children_user + t.children_system
        else:
            kids += t.user + t.system
    return own, kids


def upload_until_usable(corpus: Path, browser: str, tmp: Path, label: str, cwd: Path | None = None) -> dict:
    """Start the app (from ``cwd``, default this checkout) with an empty library, wait for its warm-up, upload
    ``corpus`` and visit every page once: wall seconds of the upload and of upload + pages, and the server
    tree's CPU seconds over the same span."""
    from playwright.sync_api import sync_playwright

    env = {"WENJIAN_USER_DIR": str(tmp / f"user-{label}")}
    proc, url = start_server(tmp / f"library-{label}", log=tmp / f"server-{label}.log", env=env,
                             script=(cwd / "app.py") if cwd else None, cwd=cwd)
    server = psutil.Process(proc.pid)
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(tmp / f"profile-{label}"), executable_path=browser,
                                                       headless=True, args=CHROMIUM_ARGS,
                                                       viewport={"width": 1400, "height": 1000})
            page, _ = open_page(ctx, url)
            _settle(server)
            out["load"] = psutil.getloadavg()[0]
            cpu0, t0 = split_cpu(server), time.perf_counter()
            upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
            out["upload"] = timed(page, lambda: upload.set_input_files(str(corpus)))
            for title in PAGES:
                timed(page, nav(page, title))
            out["usable"] = time.perf_counter() - t0
            cpu1 = split_cpu(server)
            out["cpu_server"], out["cpu_children"] = cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]
            out["cpu"] = out["cpu_server"] + out["cpu_children"]
            ctx.close()
    finally:
        stop_server(proc)
    return out


def _settle(server: psutil.Process, quiet: float = 1.0, limit: float = 120.0) -> None:
    """Wait until the server tree has used < 5 % CPU for ``quiet`` seconds (its warm-up is over)."""
    deadline = time.time() + limit
    last = tree_cpu(server)
    while time.time() < deadline:
        time.sleep(quiet)
        now = tree_cpu(server)
        if now - last < 0.05 * quiet:
            return
        last = now


def export_ref(ref: str, dest: Path) -> Path:
    """The project's files at git ``ref`` (``git archive``) in ``dest``."""
    data = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True).stdout
    dest.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def timed(page, action) -> float:
    t0 = time.perf_counter()
    act(page, action, timeout=600_000)
    elapsed = time.perf_counter() - t0
    print(f"  … {elapsed:.2f}", file=sys.stderr, flush=True)
    return elapsed


def nav(page, title: str):
    return lambda: page.locator('[data-testid="stTopNavLink"]', has_text=title).click()


def pick_dataset(page, label_start: str):
    def go() -> None:
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option").filter(has_text=label_start).first.click()
    return go


def open_page(ctx, url: str):
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    wait_run(page, 0, timeout=600_000)
    return page, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl")
    ap.add_argument("--screenshots", type=Path, default=None, help="save a screenshot of every page here")
    ap.add_argument("--keep-library", type=Path, default=None, help="library folder to use (kept afterwards)")
    ap.add_argument("--baseline-ref", default=BASELINE_REF, help="git ref of the old upload path (baseline)")
    ap.add_argument("--skip-baseline", action="store_true", help="time only this checkout's upload")
    ap.add_argument("--upload-only", action="store_true", help="stop after the upload comparison")
    ap.add_argument("--new-first", action="store_true", help="time this checkout before the old path")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    browser = chromium_path()
    if browser is None:
        sys.exit("no Chromium found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="wenjian-bench-"))
    print(f"load average before: {', '.join(f'{x:.1f}' for x in psutil.getloadavg())}", flush=True)
    runs = {}
    order = ["new", "old"] if args.new_first else ["old", "new"]
    for which in order:   # (the load of a shared machine drifts: alternate the order between runs)
        if which == "old" and not args.skip_baseline:
            runs[f"old path ({args.baseline_ref})"] = upload_until_usable(
                args.corpus, browser, tmp, "old", cwd=export_ref(args.baseline_ref, tmp / "old-code"))
        elif which == "new":
            runs["new path (this checkout)"] = upload_until_usable(args.corpus, browser, tmp, "new")
    runs = dict(sorted(runs.items(), key=lambda kv: not kv[0].startswith("old")))   # old first in the table
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 2**20:.1f} MB)")
    print(f"{'upload of the corpus':32s} {'upload s':>9s} {'+ every page s':>15s} {'server CPU s':>13s} "
          f"{'(process':>9s} {'+ workers)':>10s} {'load 1 min':>11s}")
    for name, r in runs.items():
        print(f"{name:32s} {r['upload']:9.2f} {r['usable']:15.2f} {r['cpu']:13.2f} {r['cpu_server']:9.2f} "
              f"{r['cpu_children']:10.2f} {r['load']:11.1f}")
    if len(runs) == 2:
        old, new = runs.values()
        print(f"{'ratio new / old':32s} {new['upload'] / old['upload']:9.2f} {new['usable'] / old['usable']:15.2f} "
              f"{new['cpu'] / old['cpu']:13.2f}")
    print(f"load average after: {', '.join(f'{x:.1f}' for x in psutil.getloadavg())}", flush=True)
    if args.upload_only:
        return
    library = args.keep_library or tmp / "library"
    proc, url = start_server(library, log=tmp / "server.log")
    rss = RssSampler(proc.pid)
    rss.start()
    results: dict[str, float | list[float]] = {}
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=browser, headless=True,
                                                       args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
            page, results["first start (sample)"] = open_page(ctx, url)
            upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
            results["upload (parse+save+warm-up)"] = timed(page, lambda: upload.set_input_files(str(args.corpus)))
            for rnd in ("first", "second"):
                for title in PAGES:
                    results[f"page {title} ({rnd} visit)"] = timed(page, nav(page, title))
                    if args.screenshots and rnd == "second":
                        args.screenshots.mkdir(parents=True, exist_ok=True)
                        page.set_viewport_size({"width": 1400, "height": 2400})
                        page.wait_for_timeout(500)
                        page.screenshot(path=str(args.screenshots / f"{PAGES.index(title)}-{title}.png"))
                        page.set_viewport_size({"width": 1400, "height": 1000})
            sidebar = page.locator('[data-testid="stSidebar"]')
            query = page.locator(".st-key-wj_f_query input")
            results["filter: query 经济"] = timed(page, lambda: (query.fill("经济"), query.press("Enter")))
            results["filter: query 经济 OR 科技 NOT 会议"] = timed(
                page, lambda: (query.fill("经济 OR 科技 NOT 会议"), query.press("Enter")))
            results["filter: clear query"] = timed(page, lambda: (query.fill(""), query.press("Enter")))
            results["filter: reposts toggle"] = timed(page, lambda: sidebar.get_by_text("转载只计一次").click())
            results["filter: reposts toggle back"] = timed(page, lambda: sidebar.get_by_text("转载只计一次").click())

            def start_year_2025() -> None:
                sidebar.get_by_role("spinbutton", name="year, 日期范围 start date").click()
                page.keyboard.type("2025")
                page.keyboard.press("Enter")
                sidebar.get_by_text("筛选后").click()
            results["filter: date from 2025"] = timed(page, start_year_2025)
            for title in ("关键词", "机构", "时间线", "概览"):
                results[f"page {title} (filtered)"] = timed(page, nav(page, title))
            results["clear filters"] = timed(page, lambda: sidebar.get_by_text("清除筛选").click())
            # a new browser session on the same server and workspace (?ws= of the first session's URL): the
            # library entry, opened from the picker
            ws_url = url.rstrip("/") + "/?" + page.url.split("?", 1)[1]
            page2, _ = open_page(ctx, ws_url)
            results["reopen from library (new session)"] = timed(page2, pick_dataset(page2, args.corpus.name))
            ctx.close()
        results["server RSS peak (MB)"] = rss.peak / 2**20
        rss.stop.set()
        stop_server(proc)
        # a server restart: nothing cached, the dataset comes back from the library on disk
        proc, url = start_server(library, log=tmp / "server2.log")
        rss = RssSampler(proc.pid)
        rss.start()
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(tmp / "profile2"), executable_path=browser, headless=True,
                                                       args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
            page, _ = open_page(ctx, url.rstrip("/") + "/?" + ws_url.split("?", 1)[1])
            results["reopen from library (after restart)"] = timed(page, pick_dataset(page, args.corpus.name))
            results["page 关键词 (after restart)"] = timed(page, nav(page, "关键词"))
            results["page 概览 (after restart)"] = timed(page, nav(page, "概览"))
            ctx.close()
        results["server RSS peak after restart (MB)"] = rss.peak / 2**20
    finally:
        rss.stop.set()
        stop_server(proc)
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 2**20:.1f} MB)")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in psutil.getloadavg())} on {psutil.cpu_count()} CPUs")
    for name, value in results.items():
        print(f"{name:45s} {value:10.2f}")
    switches = [v for k, v in results.items() if k.startswith("page ") and "second visit" in k]
    filters = [v for k, v in results.items() if k.startswith("filter:")]
    print(f"{'page switch, second visit: median / max':45s} {statistics.median(switches):10.2f} {max(switches):.2f}")
    print(f"{'filter change: median / max':45s} {statistics.median(filters):10.2f} {max(filters):.2f}")


if __name__ == "__main__":
    main()
