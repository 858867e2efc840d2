"""Figures as files: standalone HTML, and PNG/SVG rendered server-side.

Server-side images (:func:`figure_png`, :func:`figure_svg`) use kaleido 1.x with a system Chromium. Kaleido's
shared ``start_sync_server`` hands results back through one queue shared by all callers (15 of 24 images went
to the wrong thread in a 4-thread test), so this module runs its *own* kaleido instance on a private event loop:
each export is submitted as its own coroutine and its result comes back through its own future — it cannot
reach another caller — and one process-wide lock serialises the exports on the single browser tab.

The service is started explicitly, never at import: :func:`start_image_service` (called once by the app at
start-up, by ``python -m analysis report``, and by :func:`figure_png` / :func:`figure_svg` when nobody has)
creates it and registers its shutdown at exit; :func:`stop_image_service` closes it. The browser itself
starts on the first export (3–7 s) and is reused (0.2–0.5 s per image). Without a Chromium the
functions return ``None`` and never raise; :func:`image_export_status` says why.

Environment: ``WENJIAN_CHROMIUM`` (browser executable; default: first of chromium, chromium-browser,
google-chrome on ``PATH``), ``WENJIAN_EXPORT_TIMEOUT`` (seconds per image, default 60).
"""
from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import html
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

log = logging.getLogger(__name__)

#: Plotly config for every exported/embedded figure (no "send to cloud", no logo).
PLOTLY_CONFIG: dict = {"showSendToCloud": False, "displaylogo": False}
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1000, 560


# ---------------------------------------------------------------------------------------------- figures
def figure_html(fig: go.Figure, *, title: str | None = None) -> bytes:
    """A standalone HTML page of ``fig`` with plotly.js inline (≈ 4.7 MB; works offline, no CDN)."""
    page = pio.to_html(fig, include_plotlyjs=True, full_html=True, config=PLOTLY_CONFIG, validate=False)
    if title:
        page = page.replace("<head>", f"<head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>", 1)
    return page.encode("utf-8")


def find_chromium() -> str | None:
    """The browser kaleido should drive: ``$WENJIAN_CHROMIUM`` or the first Chromium/Chrome on PATH."""
    env = os.environ.get("WENJIAN_CHROMIUM", "").strip()
    if env:
        return env if os.access(env, os.X_OK) else None
    for exe in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"):
        found = shutil.which(exe)
        if found:
            return found
    return None


def _ensure_cjk_fontconfig() -> None:
    """Make the pip-installed Noto Sans SC (``pylopdf-fonts-zh-cn``) visible to Chromium's fontconfig as a
    fallback, by a small ``FONTCONFIG_FILE`` that includes the system configuration first (system fonts such
    as Debian's fonts-noto-cjk keep working). Left alone when the user set ``FONTCONFIG_FILE``."""
    if os.environ.get("FONTCONFIG_FILE"):
        return
    try:
        import pylopdf_fonts_zh_cn
        font_dir = Path(pylopdf_fonts_zh_cn.sans_path()).parent
    except Exception:  # noqa: BLE001 - optional fallback font
        return
    system = next((p for p in ("/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf",
                               "/opt/homebrew/etc/fonts/fonts.conf") if Path(p).is_file()), None)
    include = f'<include ignore_missing="yes">{system}</include>' if system else ""
    conf_dir = Path(tempfile.mkdtemp(prefix="wenjian-fontconfig-"))
    conf = conf_dir / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                    f'{include}<dir>{font_dir}</dir><cachedir>{conf_dir}/cache</cachedir></fontconfig>\n',
                    encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(conf)


class ImageService:
    """One kaleido browser on a private event loop; every export holds ``self._lock`` (see the module
    docstring). ``status`` says whether images can be made and why not."""

    RETRY_AFTER = 300.0  # seconds before trying to start a browser again after a failed start

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self.status = "not started"
        #: why the last export gave no image: ``"unavailable"`` (no browser could start), ``"timeout"``,
        #: ``"failed"``; ``None`` after an export that worked (:func:`image_problem`)
        self.problem: str | None = None
        self._retry_at = 0.0

    def _timeout(self) -> float:
        try:
            return float(os.environ.get("WENJIAN_EXPORT_TIMEOUT", "60"))
        except ValueError:
            return 60.0

    def _start(self) -> bool:
        if time.monotonic() < self._retry_at:
            return False
        path = find_chromium()
        if path is None:
            self.status = "no Chromium/Chrome found (install Debian's chromium or set WENJIAN_CHROMIUM)"
            self._retry_at = time.monotonic() + self.RETRY_AFTER
            return False
        try:
            import kaleido
        except ImportError:
            self.status = "kaleido is not installed"
            self._retry_at = float("inf")
            return False
        _ensure_cjk_fontconfig()
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="wenjian-kaleido", daemon=True).start()

        async def open_browser():
            k = kaleido.Kaleido(n=1, mathjax=False, path=path, timeout=self._timeout())
            await k.open()
            return k

        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), self._loop).result(timeout=60)
        except Exception as exc:  # noqa: BLE001 - any start failure means "no server-side images"
            self.status = f"Chromium failed to start: {type(exc).__name__}: {exc}"
            self._retry_at = time.monotonic() + self.RETRY_AFTER
            log.warning("image export unavailable: %s", self.status)
            return False
        self.status = f"ready ({path})"
        return True

    def _stop(self) -> None:
        k, self._kaleido = self._kaleido, None
        if k is not None and self._loop is not None:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(k.close(), self._loop).result(timeout=10)

    def render(self, fig: go.Figure | dict, fmt: str, scale: float) -> bytes | None:
        """``fig`` as ``fmt`` (``png``/``svg``) bytes at ``scale`` × its layout size (default 1000×560), or
        None when no browser is available, or the export timed out or failed twice — after a timeout or a
        failure the browser is restarted and the chart tried once more (tester s16 R1: on a busy server one
        chart of a report timed out, the next ones were drawn). :attr:`problem` says why the last export gave
        nothing. Thread-safe: one export at a time."""
        fig_dict = json.loads(pio.to_json(fig, validate=False)) if not isinstance(fig, dict) else fig
        layout = fig_dict.get("layout", {})
        opts = {"format": fmt, "scale": scale, "width": layout.get("width") or DEFAULT_WIDTH,
                "height": layout.get("height") or DEFAULT_HEIGHT}
        with self._lock:
            for attempt in (1, 2):
                if self._kaleido is None and not self._start():
                    self.problem = "unavailable"
                    return None
                browser, loop = self._kaleido, self._loop
                if browser is None or loop is None:  # _start() sets both or returns False
                    self.problem = "unavailable"
                    return None
                future = asyncio.run_coroutine_threadsafe(browser.calc_fig(fig_dict, opts=opts), loop)
                try:
                    data = future.result(timeout=self._timeout() * 1.1 + 1)  # kaleido times out first
                except (concurrent.futures.TimeoutError, TimeoutError):
                    future.cancel()
                    self.status, self.problem = "last export timed out; browser restarted", "timeout"
                    self._stop()
                    continue
                except Exception as exc:  # noqa: BLE001 - an export failure must not break a page
                    log.warning("image export failed (attempt %d): %s", attempt, exc)
                    self.status = f"last export failed: {type(exc).__name__}; browser restarted"
                    self.problem = "failed"
                    self._stop()
                    continue
                self.problem = None
                return bytes(data) if data else None
        return None

    def close(self) -> None:
        """Close the browser (the service can start it again on the next export)."""
        with self._lock:
            self._stop()


_service: ImageService | None = None
_service_lock = threading.Lock()


def start_image_service() -> ImageService:
    """The process's image service, created on the first call (later calls return the same one) with its
    shutdown registered at exit. Cheap: the browser starts on the first export, not here."""
    global _service
    with _service_lock:
        if _service is None:
            _service = ImageService()
            atexit.register(_service.close)
        return _service


def stop_image_service() -> None:
    """Close the service's browser and forget the service (the next export starts a new one)."""
    global _service
    with _service_lock:
        service, _service = _service, None
    if service is not None:
        service.close()


def image_export_status() -> str:
    """Why server-side images are (un)available: ``"ready (...)"``, ``"not started"`` (no service or no
    export yet) or the reason."""
    return _service.status if _service is not None else "not started"


def image_problem() -> str | None:
    """Why the last server-side export gave no image: ``"unavailable"`` (no Chromium, no kaleido, or its browser
    would not start), ``"timeout"`` (over ``WENJIAN_EXPORT_TIMEOUT`` seconds, default 60, twice), ``"failed"``;
    ``None`` when the last export worked or none was tried."""
    return _service.problem if _service is not None else None


def figure_png(fig: go.Figure, scale: float = 3) -> bytes | None:
    """``fig`` as a PNG rendered server-side (``scale`` × the layout size, default 1000×560); ``None`` when no
    browser is available or the export failed (never raises)."""
    try:
        return start_image_service().render(fig, "png", scale)
    except Exception as exc:  # noqa: BLE001
        log.warning("PNG export failed: %s", exc)
        return None


def figure_svg(fig: go.Figure) -> bytes | None:
    """``fig`` as SVG rendered server-side; ``None`` when unavailable (never raises)."""
    try:
        return start_image_service().render(fig, "svg", 1)
    except Exception as exc:  # noqa: BLE001
        log.warning("SVG export failed: %s", exc)
        return None
