"""Fixtures for browser tests: one dashboard server with its own empty library and one headless Chromium for
the whole run; each test gets a fresh browser context (its own cookies and storage, so its own Streamlit
session and workspace: the server keeps private workspaces, ``WENJIAN_SHARED_LIBRARY=0``).
Skips (with the reason) when no Chromium or no Playwright is installed."""
from __future__ import annotations

import pytest

from tests.e2e.harness import CHROMIUM_ARGS, VIEWPORT, chromium_path, start_server, stop_server


@pytest.fixture(scope="session")
def browser_path() -> str:
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (requirements-dev.txt)")
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium found (apt-get install chromium; or set WENJIAN_CHROMIUM)")
    return path


@pytest.fixture(scope="session")
def playwright(browser_path):
    """The one Playwright driver of the run (a second ``sync_playwright()`` cannot start inside the first):
    tests that need a browser of their own (a persistent profile, a locale) launch it from here."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def chromium(playwright, browser_path):
    """One headless Chromium for the run; tests open their own contexts in it."""
    b = playwright.chromium.launch(executable_path=browser_path, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def server(browser_path, tmp_path_factory):
    """One ``streamlit run app.py`` for every browser test (each test's context is its own session and
    workspace, so what one test uploads or filters no other test sees)."""
    tmp = tmp_path_factory.mktemp("e2e")
    proc, url = start_server(tmp / "library", log=tmp / "server.log")
    yield url
    stop_server(proc)


@pytest.fixture()
def browser(chromium):
    """A fresh browser context of the shared Chromium: no cookies, no storage, downloads accepted."""
    ctx = chromium.new_context(accept_downloads=True, viewport=VIEWPORT)
    try:
        yield ctx
    finally:
        ctx.close()
