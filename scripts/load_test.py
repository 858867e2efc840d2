"""Load test: several concurrent browser sessions working on one dashboard server (default: 5 sessions on the
CCTV corpus for 2 minutes). Not part of the test suite — it prints numbers.

Starts ``streamlit run app.py`` with an empty temporary library (``tests/e2e/harness.py``), opens one headless
Chromium with N separate browser contexts (N separate Streamlit sessions). Session 1 uploads the corpus (parse +
save to its workspace's library); the others open session 1's link (the same ``?ws=`` workspace, as a team
shares one upload) and pick the corpus in the dataset picker (``--all-upload``: every session uploads its own
copy instead). Then every session, for ``--seconds``, loops over random actions that change something: switch
page, set / clear the keyword query, toggle "count reposts once", clear the filters. Each action is timed from
the click to the end of the rerun with every chart drawn (the ``#wj-run`` counter in app.py).

Printed: per-action latency (n, median, p95, max), errors seen (any Streamlit exception element, traceback
text, the app's friendly error message, or an action that timed out), and the server's RSS (process and
children) every 10 s, with its peak.

    .venv/bin/python scripts/load_test.py [--sessions 5] [--seconds 120] [--corpus PATH] [--all-upload] [--root DIR]

Numbers depend on the machine's load: say how loaded it was (the load average is printed).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_ui import RssSampler  # noqa: E402
from tests.e2e import harness  # noqa: E402
from tests.e2e.harness import CHROMIUM_ARGS, RUN_DONE_JS, chromium_path, start_server, stop_server  # noqa: E402

PAGES = ["概览", "关键词", "机构", "时间线", "文章", "数据"]
QUERIES = ["经济", "科技", "会议", "经济 OR 科技", "发展 NOT 会议", "习近平", "农业"]
#: what counts as an error on a page: Streamlit's exception box, the app's friendly error, a traceback
ERROR_SELECTORS = ['[data-testid="stException"]', '[data-testid="stAlertContentError"]']
ACTION_TIMEOUT_MS = 180_000


class RssSeries(RssSampler):
    """The server's RSS sampled every ``every`` seconds, kept as a time series (``bench_ui`` keeps the peak)."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        super().__init__(pid)
        self.every = every
        self.samples: list[tuple[float, int]] = []
        self.t0 = time.perf_counter()

    def run(self) -> None:
        while not self.stop.is_set():
            rss = self.current()
            self.peak = max(self.peak, rss)
            self.samples.append((time.perf_counter() - self.t0, rss))
            time.sleep(self.every)


async def run_count(page) -> int:
    return await page.evaluate("() => Number(document.getElementById('wj-run')?.dataset.run ?? -1)")


async def act(page, action) -> None:
    before = await run_count(page)
    await action()
    await page.wait_for_function(RUN_DONE_JS, arg=before, timeout=ACTION_TIMEOUT_MS, polling=100)


async def errors_on(page) -> list[str]:
    found = []
    for sel in ERROR_SELECTORS:
        loc = page.locator(sel)
        for i in range(await loc.count()):
            found.append((await loc.nth(i).inner_text())[:200].replace("\n", " "))
    if "Traceback (most recent call last)" in await page.locator("body").inner_text():
        found.append("traceback text on the page")
    return found


class Session:
    def __init__(self, n: int, page, stats: dict, errors: list) -> None:
        self.n, self.page, self.stats, self.errors = n, page, stats, errors
        self.sidebar = page.locator('[data-testid="stSidebar"]')
        self.current_page = "概览"
        self.query = ""

    async def timed(self, name: str, action) -> None:
        t0 = time.perf_counter()
        try:
            await act(self.page, action)
        except Exception as exc:  # noqa: BLE001 - a timeout or a vanished element is an error to report
            self.errors.append((self.n, name, f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"))
            return
        self.stats[name].append(time.perf_counter() - t0)
        for text in await errors_on(self.page):
            self.errors.append((self.n, name, text))

    def nav(self, title: str):
        return lambda: self.page.locator('[data-testid="stTopNavLink"]', has_text=title).click()

    def set_query(self, text: str):
        async def go() -> None:
            box = self.page.locator(".st-key-wj_f_query input")
            await box.fill(text)
            await box.press("Enter")
        return go

    async def open_from_library(self, url: str, label: str) -> None:
        # a fresh session (the picker lists the library as of the session's last run)
        await self.page.goto(url)
        await self.page.wait_for_function(RUN_DONE_JS, arg=0, timeout=ACTION_TIMEOUT_MS, polling=100)

        async def go() -> None:
            await self.sidebar.locator('[data-testid="stSelectbox"]').first.click()
            await self.page.get_by_role("option").filter(has_text=label).first.click()
        await self.timed("open from library", go)

    async def loop(self, until: float, rng: random.Random) -> None:
        while time.perf_counter() < until:
            kind = rng.choices(["page", "query", "clear query", "reposts", "clear filters"], [6, 3, 1, 1, 1])[0]
            # only actions that change something: a no-op (same page, same query) causes no rerun to wait for
            if kind == "page":
                title = rng.choice([p for p in PAGES if p != self.current_page])
                await self.timed(f"page {title}", self.nav(title))
                self.current_page = title
            elif kind == "query":
                self.query = rng.choice([q for q in QUERIES if q != self.query])
                await self.timed("filter: query", self.set_query(self.query))
            elif kind == "clear query" and self.query:
                self.query = ""
                await self.timed("filter: clear query", self.set_query(""))
            elif kind == "reposts":
                await self.timed("filter: reposts toggle", lambda: self.sidebar.get_by_text("转载只计一次").click())
            elif kind == "clear filters":
                self.query = ""
                await self.timed("filter: clear all", lambda: self.sidebar.get_by_text("清除筛选").click())


async def drive(url: str, browser_path: str, args, stats: dict, errors: list) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=browser_path, headless=True, args=CHROMIUM_ARGS)
        sessions = []
        for n in range(args.sessions):
            ctx = await browser.new_context(viewport={"width": 1400, "height": 1000})
            page = await ctx.new_page()
            page.set_default_timeout(ACTION_TIMEOUT_MS)   # clicks wait as long as reruns on a loaded machine
            await page.goto(url)
            await page.wait_for_function(RUN_DONE_JS, arg=0, timeout=ACTION_TIMEOUT_MS, polling=100)
            sessions.append(Session(n + 1, page, stats, errors))

        async def upload(s: Session) -> None:
            files = s.page.locator('[data-testid="stFileUploader"] input[type="file"]')
            await s.timed("upload corpus", lambda: files.set_input_files(str(args.corpus)))

        if args.all_upload:
            await asyncio.gather(*(upload(s) for s in sessions))
        else:
            await upload(sessions[0])
            # the others open session 1's link: its workspace (?ws=…), where the upload was saved
            shared = sessions[0].page.url
            await asyncio.gather(*(s.open_from_library(shared, args.corpus.name) for s in sessions[1:]))
        for s in sessions:   # every session must show the whole corpus before the loop starts
            caption = await s.sidebar.get_by_text("已载入").count() + await s.sidebar.get_by_text(
                args.corpus.name).count()
            if caption == 0:
                errors.append((s.n, "setup", "the corpus is not the session's dataset"))
        until = time.perf_counter() + args.seconds
        await asyncio.gather(*(s.loop(until, random.Random(s.n)) for s in sessions))
        await browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "cctv_xwlb" / "articles.jsonl")
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--all-upload", action="store_true", help="every session uploads the corpus itself")
    ap.add_argument("--root", type=Path, default=None,
                    help="run app.py from this copy of the project (e.g. `git archive HEAD | tar -x -C DIR`), so "
                         "edits in the working tree during the run do not reach the server")
    args = ap.parse_args()
    if args.root is not None:
        harness.ROOT = args.root.resolve()
    # as in production: no file watcher (a changed source file would otherwise be re-imported mid-run,
    # leaving cached objects of the old classes behind)
    os.environ["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    browser_path = chromium_path()
    if browser_path is None:
        sys.exit("no Chromium found (apt-get install chromium)")
    tmp = Path(tempfile.mkdtemp(prefix="wenjian-load-"))
    proc, url = start_server(tmp / "library", log=tmp / "server.log")
    rss = RssSeries(proc.pid)
    rss.start()
    stats: dict[str, list[float]] = defaultdict(list)
    errors: list[tuple[int, str, str]] = []
    load_before = psutil.getloadavg()
    t0 = time.perf_counter()
    try:
        asyncio.run(drive(url, browser_path, args, stats, errors))
    finally:
        rss.stop.set()
        stop_server(proc)
    wall = time.perf_counter() - t0
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 2**20:.1f} MB); app {harness.ROOT}; {args.sessions} sessions, "
          f"{args.seconds:.0f} s loop, {wall:.0f} s in all; server log {tmp / 'server.log'}")
    print(f"load average before / after: {load_before[0]:.1f} / {psutil.getloadavg()[0]:.1f} "
          f"on {psutil.cpu_count()} CPUs")
    print(f"\n{'action':28s} {'n':>5s} {'median s':>9s} {'p95 s':>8s} {'max s':>8s}")
    everything = []
    for name in sorted(stats):
        xs = sorted(stats[name])
        everything += xs
        p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
        print(f"{name:28s} {len(xs):5d} {statistics.median(xs):9.2f} {p95:8.2f} {xs[-1]:8.2f}")
    loop = sorted(x for k, v in stats.items() if k.startswith(("page", "filter")) for x in v)
    if loop:
        p95 = loop[min(len(loop) - 1, int(round(0.95 * (len(loop) - 1))))]
        print(f"{'ALL loop actions':28s} {len(loop):5d} {statistics.median(loop):9.2f} {p95:8.2f} {loop[-1]:8.2f}")
    print(f"\nerrors: {len(errors)}")
    for n, action, text in errors[:30]:
        print(f"  session {n} after {action}: {text}")
    print("\nserver RSS (process + children), MB, every 10 s:")
    next_t = 0.0
    line = []
    for t, r in rss.samples:
        if t >= next_t:
            line.append(f"{t:4.0f}s {r / 2**20:6.0f}")
            next_t += 10
    for i in range(0, len(line), 6):
        print("  " + " | ".join(line[i:i + 6]))
    print(f"server RSS peak: {rss.peak / 2**20:.0f} MB; at the end: "
          f"{(rss.samples[-1][1] if rss.samples else 0) / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
