"""Driving the real dashboard in a browser, for the end-to-end tests and ``scripts/bench_ui.py``:
``streamlit run app.py`` on a free port with its own dataset library, headless Debian Chromium via
Playwright, and waiting for a rerun to complete (app.py ends every run with a hidden ``#wj-run`` counter)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: the window size of every test's browser context (what the screenshots and chart sizes assume)
VIEWPORT = {"width": 1400, "height": 1000}
#: app.py ends every run with a hidden ``#wj-run`` counter; the run is complete once it passes ``before``
#: and every chart on the page is drawn
RUN_DONE_JS = """(before) => {
  const marker = document.getElementById('wj-run');
  return !!marker && Number(marker.dataset.run) > before
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => c.querySelector('.main-svg'));
}"""


def chromium_path() -> str | None:
    for candidate in (os.environ.get("WENJIAN_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class PortTaken(RuntimeError):
    """The port given to streamlit was taken by the time it started."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(library: Path, port: int | None = None, log: Path | None = None,
                 env: dict[str, str] | None = None, script: Path | None = None,
                 cwd: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start the app (or another ``script`` run the same way, from the folder ``cwd``: default this project) on
    127.0.0.1; returns (process, base URL) once ``/_stcore/health`` answers. Private workspaces stay on (``WENJIAN_SHARED_LIBRARY=0``: a loopback server
    would otherwise share one library) unless ``env`` says otherwise."""
    if port is None:   # a free port can be taken by another process before streamlit binds it: try another
        for attempt in range(3):
            try:
                return start_server(library, free_port(), log, env, script, cwd)
            except PortTaken:
                if attempt == 2:
                    raise
    env = {**os.environ, "WENJIAN_SHARED_LIBRARY": "0", **(env or {}), "WENJIAN_LIBRARY": str(library)}
    out = open(log, "wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script or ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=cwd or ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            if log and b" is not available" in Path(log).read_bytes():   # streamlit 1.67: "Port N is not available"
                raise PortTaken(f"port {port} is already in use")
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy in 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_count(page) -> int:
    """The session's completed runs as shown by the page (-1 before the first)."""
    return page.evaluate("() => Number(document.getElementById('wj-run')?.dataset.run ?? -1)")


def wait_run(page, before: int, timeout: float = 90_000) -> None:
    """Wait until a run after ``before`` has completed and its charts are drawn."""
    page.wait_for_function(RUN_DONE_JS, arg=before, timeout=timeout, polling=50)


def act(page, action, timeout: float = 90_000) -> None:
    """Do ``action()`` (a click, a key press...) and wait for the rerun it causes to complete."""
    before = run_count(page)
    action()
    wait_run(page, before, timeout)
