"""A download clicked while the page reruns delivers its file (issue 13: it silently did nothing and the server
logged ``MediaFileStorageError``). Real Chromium on ``download_page.py`` (the app's own table widget after a
slow step): the number is changed twice, so the first slow run is interrupted before it reaches the table, and
the table's CSV button — still the one the browser shows — is clicked while the next run is still busy. With
``ui.downloads.keep_deferred_downloads`` (as app.py runs) the CSV arrives with the rows the page showed; the
same clicks on Streamlit's own behaviour get no file and the button's English error, which is what the fix is
for (so this test can fail)."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.e2e.harness import start_server, stop_server, wait_run

pytestmark = pytest.mark.e2e
PAGE = Path(__file__).with_name("download_page.py")


def set_number(page, value: int) -> None:
    field = page.locator(".st-key-n input")
    field.fill(str(value))
    field.press("Enter")


@pytest.mark.parametrize("patched", [True, False], ids=["app", "streamlit-alone"])
def test_a_download_clicked_during_a_rerun_gets_its_file(browser, tmp_path, patched):
    env = {} if patched else {"WENJIAN_TEST_PLAIN_DOWNLOADS": "1"}
    proc, url = start_server(tmp_path / "library", log=tmp_path / "server.log", env=env, script=PAGE)
    try:
        page = browser.new_page()
        page.goto(url)
        wait_run(page, 0)
        button = page.locator(".st-key-dl_squares button")
        button.wait_for()
        set_number(page, 4)          # run 2 starts: 2 s of work before the table
        time.sleep(0.5)
        set_number(page, 5)          # run 3 starts (8 s); run 2 stops at the table, before its buttons
        time.sleep(3.5)              # run 2 has ended (its ids collected), run 3 is still busy
        assert page.locator("#wj-run").get_attribute("data-run") == "1"   # the browser still shows run 1
        if patched:
            with page.expect_download(timeout=10_000) as download:
                button.click()
            data = Path(download.value.path()).read_bytes().decode("utf-8-sig")
            assert download.value.suggested_filename == "squares.csv"
            assert data.splitlines() == ["row,square", "1,1", "2,4", "3,9"]    # what run 1 showed
        else:
            button.click()
            error = page.locator('[data-testid="stDownloadButtonError"]')
            error.wait_for(timeout=10_000)
            assert "Failed" in error.inner_text()
        wait_run(page, 1)            # run 3 completes: the page shows 5 rows and its own buttons
        with page.expect_download(timeout=10_000) as download:
            page.locator(".st-key-dl_squares button").click()
        assert len(Path(download.value.path()).read_bytes().decode("utf-8-sig").splitlines()) == 6
    finally:
        stop_server(proc)
    log = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    assert ("MediaFileStorageError" in log) is (not patched)
