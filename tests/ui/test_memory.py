"""My work stays mine (issue 13 item 3) under AppTest: a new session of the same browser (same token) gets its
last dataset, filters and language back; a deleted dataset leaves the sample; a loopback-only server shares one
library; the share link carries the token. The cookie itself is tested in real Chromium (tests/e2e/test_memory.py)."""
from __future__ import annotations

from datetime import date

import pytest

from tests.ui.test_app import CSV, WS, app, count_caption, library_dir, metric, upload, workspace_library  # noqa: F401
from ui.state import DATASET_KEY


def test_a_new_session_of_the_same_browser_reopens_the_last_dataset_filters_and_language(library_dir):
    at = upload(app(), ("news.csv", CSV, "text/csv"))
    at.text_input(key="wj_f_query").input("计量").run()
    at.sidebar.date_input(key="wj_f_dates").set_value((date(2024, 3, 1), date(2024, 4, 30))).run()
    assert count_caption(at) == "筛选后 1 / 3 篇"
    at.radio(key="wj_lang").set_value("en").run()

    fresh = app()
    assert not fresh.exception
    assert fresh.session_state[DATASET_KEY].name == "news.csv"
    assert fresh.text_input(key="wj_f_query").value == "计量"
    assert fresh.sidebar.date_input(key="wj_f_dates").value == (date(2024, 3, 1), date(2024, 4, 30))
    assert fresh.radio(key="wj_lang").value == "en"
    assert "1 of 3 articles after filters" in [c.value for c in fresh.sidebar.caption]
    # another browser starts on the sample
    other = app(ws="another-workspace-02")
    assert other.session_state[DATASET_KEY].sample
    assert metric(other, "文章") == "29"


def test_a_deleted_dataset_leaves_the_sample_and_a_vanished_source_is_dropped(library_dir):
    at = upload(app(), ("news.csv", CSV, "text/csv"))
    at.multiselect(key="wj_f_sources").set_value(["新华网"]).run()
    assert count_caption(at) == "筛选后 1 / 3 篇"
    state_file = library_dir / "browsers" / f"{WS}.json"
    assert state_file.is_file()
    text = state_file.read_text(encoding="utf-8").replace("新华网", "不存在的来源")
    state_file.write_text(text, encoding="utf-8")
    fresh = app()
    assert fresh.multiselect(key="wj_f_sources").value == []
    assert count_caption(fresh) == "筛选后 3 / 3 篇"
    [info] = workspace_library(library_dir).list()
    workspace_library(library_dir).delete(info.id)
    fresh = app()
    assert not fresh.exception
    assert fresh.session_state[DATASET_KEY].sample


def test_a_corrupt_state_file_is_ignored(library_dir):
    (library_dir / "browsers").mkdir(parents=True)
    (library_dir / "browsers" / f"{WS}.json").write_text("{not json", encoding="utf-8")
    at = app()
    assert not at.exception
    assert at.session_state[DATASET_KEY].sample


def test_a_loopback_only_server_shares_one_library_unless_told_otherwise(library_dir, monkeypatch):
    import ui.library

    at = upload(app(ws=None), ("news.csv", CSV, "text/csv"))
    monkeypatch.setattr(ui.library, "local_single_user", lambda: True)
    monkeypatch.delenv("WENJIAN_SHARED_LIBRARY", raising=False)
    at = upload(app(ws=None), ("local.csv", CSV, "text/csv"))
    assert not at.exception
    stranger = app(ws=None)                 # any browser on this machine: the one library is simply there
    assert "local.csv (3)" in stranger.selectbox(key="wj_ds_pick").options
    assert not [o for o in stranger.selectbox(key="wj_ds_pick").options if o.startswith("news.csv")]
    assert not stranger.sidebar.code          # no share link: there is nothing private to share
    monkeypatch.setenv("WENJIAN_SHARED_LIBRARY", "0")
    private = app(ws=None)
    assert private.selectbox(key="wj_ds_pick").options == ["示例数据集(内置)"]
    [link] = [c.value for c in private.sidebar.code]
    assert link == f"/?ws={private.query_params['ws']}" and len(link) > 20


@pytest.mark.parametrize("raw, shared", [("1", True), ("yes", True), ("0", False), ("", False)])
def test_shared_library_setting(monkeypatch, raw, shared):
    import ui.library

    monkeypatch.setenv("WENJIAN_SHARED_LIBRARY", raw)
    monkeypatch.setattr(ui.library, "local_single_user", lambda: False)
    assert ui.library.shared_library() is shared
