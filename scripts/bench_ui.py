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
workers, ``psutil``), with the ratio and the 1-minute load average when each upload started; then the CPU
seconds of the upload step alone, split into the server process, its workers and the browser (Chromium): on a
2-core machine the upload is CPU-bound, so these sums say more than one noisy wall time.
``--skip-baseline`` leaves the old path out.

    .venv/bin/python scripts/bench_ui.py [--corpus PATH] [--keep-library DIR] [--baseline-ref REF]

``--dataset NAME --library DIR`` times a dataset already saved in a library instead (e.g. the 1,000,000-article
one ``scripts/bench_scale.py --keep`` leaves in ``<workdir>/lib-local``; above ``MEMORY_MAX_ARTICLES`` its pages
query the store with DuckDB): the library is mirrored read-only (a new folder of symbolic links to its files,
so the app writes nothing into DIR), the dataset is opened from the picker, every page visited (a screenshot
each with ``--screenshots``), filters changed, and each interaction's wall seconds and the server's CPU seconds
printed, with the server's peak RSS.

    .venv/bin/python scripts/bench_ui.py --dataset NAME --library DIR [--screenshots DIR] [--port N]

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

from tests.e2e.harness import (CHROMIUM_ARGS, act, chromium_path, run_count, start_server, stop_server,  # noqa: E402
                               wait_run)

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


def browser_cpu() -> float:
    """CPU seconds (user + system) of the Chromium processes this script's Playwright started (descendants of
    this process named ``chrom…``)."""
    total = 0.0
    for p in psutil.Process().children(recursive=True):
        try:
            if "chrom" in p.name().lower():
                t = p.cpu_times()
                total += t.user + t.system
        except psutil.Error:
            continue
    return total


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
            cpu0, b0, t0 = split_cpu(server), browser_cpu(), time.perf_counter()
            upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
            out["upload"] = timed(page, lambda: upload.set_input_files(str(corpus)))
            cpu_up = split_cpu(server)
            out["up_server"], out["up_workers"] = cpu_up[0] - cpu0[0], cpu_up[1] - cpu0[1]
            out["up_browser"] = browser_cpu() - b0
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


ALL_PAGES = [*PAGES, "政策"]


def mirror_library(source: Path, dest: Path) -> Path:
    """A folder at ``dest`` with the manifest of the library ``source`` copied and every other file a symbolic
    link to the original (the app may add, rename or delete entries of the mirror: the originals stay as they
    are). Temporary and lock files are left out."""
    import shutil

    dest.mkdir(parents=True)
    shutil.copy2(source / "manifest.json", dest / "manifest.json")
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if rel.name in ("manifest.json", ".lock") or any(part.startswith(".tmp") for part in rel.parts):
            continue
        if path.is_dir():
            (dest / rel).mkdir(parents=True, exist_ok=True)
        elif path.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).symlink_to(path)
    return dest


def dataset_mode(args, browser: str) -> None:
    """``--dataset``: open a saved dataset, visit every page and change filters (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="wenjian-bench-ds-"))
    library = mirror_library(args.library, tmp / "library")
    load = ", ".join(f"{x:.1f}" for x in psutil.getloadavg())
    proc, url = start_server(library, port=args.port, log=tmp / "server.log", env={"WENJIAN_SHARED_LIBRARY": "1"})
    server = psutil.Process(proc.pid)
    rss = RssSampler(proc.pid)
    rss.start()
    rows: list[tuple[str, float, float]] = []

    def step(name: str, page, action) -> None:
        cpu = tree_cpu(server)
        try:
            before = run_count(page)
            t0 = time.perf_counter()
            action()
            wait_run(page, before, timeout=args.step_timeout * 1000)
            wall = time.perf_counter() - t0
        except Exception as exc:  # noqa: BLE001 - a step that never finished is printed as such, the run goes on
            print(f"  {name}: did not finish ({type(exc).__name__})", file=sys.stderr, flush=True)
            wall = float("nan")
        print(f"  {name}: {wall:.2f}", file=sys.stderr, flush=True)
        rows.append((name, wall, tree_cpu(server) - cpu))

    def shot(page, name: str) -> None:
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            page.set_viewport_size({"width": 1400, "height": 2400})
            page.wait_for_timeout(800)
            page.screenshot(path=str(args.screenshots / f"{name}.png"))
            page.set_viewport_size({"width": 1400, "height": 1000})

    try:
        _settle(server)
        idle = rss.current()
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=browser, headless=True,
                                                       args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
            page, first = open_page(ctx, url)
            rows.append(("first start (sample)", first, 0.0))
            step(f"open {args.dataset} from the library", page, pick_dataset(page, args.dataset))
            for i, title in enumerate(ALL_PAGES):
                step(f"page {title}", page, nav(page, title))
                shot(page, f"{i}-{title}")
            sidebar = page.locator('[data-testid="stSidebar"]')
            query = page.locator(".st-key-wj_f_query input")
            step("filter: query 经济", page, lambda: (query.fill("经济"), query.press("Enter")))
            shot(page, "f1-query-概览")
            for i, title in enumerate(("关键词", "机构", "时间线", "文章", "数据")):
                step(f"page {title} (query 经济)", page, nav(page, title))
                shot(page, f"f2-query-{i}-{title}")
            step("filter: query 经济 OR 科技 NOT 会议", page,
                 lambda: (query.fill("经济 OR 科技 NOT 会议"), query.press("Enter")))
            step("filter: clear query", page, lambda: (query.fill(""), query.press("Enter")))
            step("filter: reposts toggle", page, lambda: sidebar.get_by_text("转载只计一次").click())
            step("filter: reposts toggle back", page, lambda: sidebar.get_by_text("转载只计一次").click())

            def source() -> None:
                sidebar.locator(".st-key-wj_f_sources").click()
                page.get_by_role("option").first.click()
                page.keyboard.press("Escape")
            step("filter: first source", page, source)

            def agency() -> None:
                sidebar.locator(".st-key-wj_f_agencies").click()
                page.get_by_role("option").first.click()
                page.keyboard.press("Escape")
            step("filter: first agency", page, agency)

            def start_year() -> None:
                sidebar.get_by_role("spinbutton", name="year, 日期范围 start date").click()
                page.keyboard.type(args.year)
                page.keyboard.press("Enter")
                sidebar.get_by_text("筛选后").click()
            step(f"filter: date from {args.year}", page, start_year)
            for i, title in enumerate(("概览", "关键词", "机构", "时间线", "文章", "数据")):
                step(f"page {title} (filtered)", page, nav(page, title))
                shot(page, f"f3-filtered-{i}-{title}")
            step("clear filters", page, lambda: sidebar.get_by_text("清除筛选").click())
            ctx.close()
    finally:
        rss.stop.set()
        stop_server(proc)
    print(f"dataset: {args.dataset} in {args.library} (mirrored read-only into {library})")
    print(f"load average before: {load}; at the end: {', '.join(f'{x:.1f}' for x in psutil.getloadavg())} "
          f"on {psutil.cpu_count()} CPUs")
    print(f"{'interaction':45s} {'wall s':>8s} {'server CPU s':>13s}")
    for name, wall, cpu in rows:
        print(f"{name:45s} {wall:8.2f} {cpu:13.2f}")
    steps = [r for r in rows[2:] if r[1] == r[1]]   # (a step that did not finish is left out, and printed above)
    print(f"{'interactions after opening: median / max wall':45s} {statistics.median(r[1] for r in steps):8.2f} "
          f"{max(r[1] for r in steps):.2f}")
    print(f"{'  … server CPU s: median / max':45s} {statistics.median(r[2] for r in steps):8.2f} "
          f"{max(r[2] for r in steps):.2f}")
    print(f"{'server RSS idle after start (MB)':45s} {idle / 2**20:8.0f}")
    print(f"{'server RSS peak (MB)':45s} {rss.peak / 2**20:8.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl")
    ap.add_argument("--screenshots", type=Path, default=None, help="save a screenshot of every page here")
    ap.add_argument("--keep-library", type=Path, default=None, help="library folder to use (kept afterwards)")
    ap.add_argument("--baseline-ref", default=BASELINE_REF, help="git ref of the old upload path (baseline)")
    ap.add_argument("--skip-baseline", action="store_true", help="time only this checkout's upload")
    ap.add_argument("--upload-only", action="store_true", help="stop after the upload comparison")
    ap.add_argument("--new-first", action="store_true", help="time this checkout before the old path")
    ap.add_argument("--dataset", default=None, help="time this dataset (name as the picker shows it) of --library")
    ap.add_argument("--library", type=Path, default=None, help="the library holding --dataset (never written)")
    ap.add_argument("--year", default="2022", help="--dataset: the date filter's start year")
    ap.add_argument("--port", type=int, default=None, help="the server's port (default: a free one)")
    ap.add_argument("--step-timeout", type=float, default=120.0, help="--dataset: seconds before a step counts as stuck")
    args = ap.parse_args()
    if args.dataset:
        if args.library is None or not (args.library / "manifest.json").is_file():
            sys.exit(f"--dataset needs --library DIR with a manifest.json (got {args.library})")
        browser = chromium_path()
        if browser is None:
            sys.exit("no Chromium found (apt-get install chromium)")
        return dataset_mode(args, browser)
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
          f"{'(process':>9s} {'+ workers)':>10s} {'load 1 min':>11s}   CPU s of the upload alone: server, workers, "
          f"browser")
    for name, r in runs.items():
        print(f"{name:32s} {r['upload']:9.2f} {r['usable']:15.2f} {r['cpu']:13.2f} {r['cpu_server']:9.2f} "
              f"{r['cpu_children']:10.2f} {r['load']:11.1f}   {r['up_server']:.2f} {r['up_workers']:.2f} "
              f"{r['up_browser']:.2f}")
    if len(runs) == 2:
        old, new = runs.values()
        print(f"{'ratio new / old':32s} {new['upload'] / old['upload']:9.2f} {new['usable'] / old['usable']:15.2f} "
              f"{new['cpu'] / old['cpu']:13.2f}{'':34s}   {new['up_server'] / old['up_server']:.2f} "
              f"{new['up_workers'] / old['up_workers']:.2f} {new['up_browser'] / max(old['up_browser'], 1e-9):.2f}")
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
