"""My work stays mine (issue 13 item 3), in real Chromium with a persistent profile: after an upload of a real
corpus file (the Hebei 工业和信息化厅 产业政策 CSV) and a filter, closing the browser and opening the *bare*
address in the same profile shows the same library, dataset and filter; a reload does too; the share link
carries the workspace; another profile sees none of it."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.harness import CHROMIUM_ARGS, VIEWPORT, act, wait_run


def query_shown(page, timeout: float = 15_000) -> None:
    """Wait until the query field shows the restored 碳达峰: the sidebar's count (6 / 31) can be drawn a moment
    before the text field's value (seen once in three CI runs); a field that never shows it still fails."""
    page.wait_for_function(
        "() => document.querySelector('.st-key-wj_f_query input')?.value === '碳达峰'", timeout=timeout)

pytestmark = pytest.mark.e2e

FILE = "corpora/hebei_gov/6工业和信息化厅-政府信息公开__产业政策.csv"
NAME = "6工业和信息化厅-政府信息公开__产业政策.csv"


def open_profile(p, browser_path: str, profile: Path):
    return p.chromium.launch_persistent_context(
        str(profile), executable_path=browser_path, headless=True, args=CHROMIUM_ARGS,
        viewport=VIEWPORT)


def sidebar_text(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text()


def test_closing_the_browser_and_opening_the_bare_address_brings_back_library_dataset_and_filter(
        server, playwright, browser_path, shared, tmp_path):
    data = shared / FILE
    profile = tmp_path / "profile"
    opened = []

    def open_profile_(folder: Path):
        opened.append(open_profile(playwright, browser_path, folder))
        return opened[-1]

    try:
        ctx = open_profile_(profile)
        page = ctx.new_page()
        page.goto(server)
        wait_run(page, 0)
        act(page, lambda: page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
            str(data)), timeout=300_000)
        assert "筛选后 31 / 31 篇" in sidebar_text(page)
        query = page.locator(".st-key-wj_f_query input")
        query.fill("碳达峰")
        act(page, lambda: query.press("Enter"))
        assert "筛选后 6 / 31 篇" in sidebar_text(page)
        cookies = {c["name"]: c["value"] for c in ctx.cookies()}
        assert "wj_ws" in cookies and f"ws={cookies['wj_ws']}" in page.url
        token = cookies["wj_ws"]

        # a reload of the same address: dataset and filter are back (not the sample)
        page.reload()
        wait_run(page, 0)
        assert f"当前: {NAME} — 31 篇" in sidebar_text(page)
        query_shown(page)
        assert page.locator(".st-key-wj_f_query input").input_value() == "碳达峰"
        assert "筛选后 6 / 31 篇" in sidebar_text(page)

        # the share link gives this workspace's ?ws= link on purpose
        page.locator('[data-testid="stSidebar"] [data-testid="stPopover"] button').click()
        link = page.locator('[data-testid="stPopoverBody"] code').inner_text()
        assert link.endswith(f"?ws={token}") and link.startswith(server)
        ctx.close()

        # the browser closed; the same profile opens the bare address
        ctx = open_profile_(profile)
        page = ctx.new_page()
        page.goto(server)
        wait_run(page, 0)
        text = sidebar_text(page)
        assert f"当前: {NAME} — 31 篇" in text and "筛选后 6 / 31 篇" in text
        assert not [a for a in page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').all_inner_texts()
                    if "示例数据" in a]
        query_shown(page)
        assert page.locator(".st-key-wj_f_query input").input_value() == "碳达峰"
        assert f"ws={token}" in page.url
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        assert f"{NAME} (31)" in page.get_by_role("option").all_inner_texts()     # the same library
        page.keyboard.press("Escape")
        ctx.close()

        # another profile (another user) gets its own empty workspace and the sample
        ctx = open_profile_(tmp_path / "stranger")
        page = ctx.new_page()
        page.goto(server)
        wait_run(page, 0)
        assert "当前: 示例数据集" in sidebar_text(page)
        assert token not in page.url
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        options = page.get_by_role("option").all_inner_texts()
        assert not [o for o in options if o.startswith(NAME)], options
        ctx.close()
    finally:
        for ctx in opened:     # closing a closed context does nothing
            ctx.close()
