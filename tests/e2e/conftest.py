"""Fixtures for browser tests: a dashboard server with its own empty library and a headless Chromium.
Skips (with the reason) when no Chromium or no Playwright is installed."""
from __future__ import annotations

import pytest

from tests.e2e.harness import CHROMIUM_ARGS, chromium_path, start_server, stop_server


@pytest.fixture(scope="module")
def browser_path() -> str:
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (requirements-dev.txt)")
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium; or set WENJIAN_CHROMIUM)")
    return path


@pytest.fixture(scope="module")
def server(browser_path, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    proc, url = start_server(tmp / "library", log=tmp / "server.log")
    yield url
    stop_server(proc)


@pytest.fixture()
def browser(browser_path, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=browser_path, headless=True, accept_downloads=True,
            args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 1000})
        try:
            yield ctx
        finally:
            ctx.close()


