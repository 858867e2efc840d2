"""A dataset above the memory threshold (``MEMORY_MAX_ARTICLES``, lowered here to 5) opens from its store: the
session keeps the light columns only, every page renders from DuckDB with the numbers of the small path, and
neither the article table nor the in-memory corpus or mentions are built."""
from __future__ import annotations

from datetime import date

import pytest

import ui.cache
import ui.library
from analysis.library import Library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from analysis.tokenizer import build_tokenizer
from tests.test_store_pages import ARTICLES
from tests.ui.test_app import PAGES, app, count_caption, library_dir, metric, workspace_library  # noqa: F401
from ui.dataset import LIGHT_COLUMNS
from ui.sidebar_picker import PICK_KEY
from ui.state import DATASET_KEY

ALL_PAGES = [*PAGES, "views/policy.py"]


def _fail(*args, **kwargs):
    raise AssertionError("a large dataset was read into memory")


@pytest.fixture()
def large(library_dir, monkeypatch):
    lib = workspace_library(library_dir)
    info = lib.save("大数据集", ARTICLES)
    spec = AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path="")
    dataset_store(lib, info.id, spec)
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", 5)
    return info


def _open(info, monkeypatch):
    at = app()
    # from here on nothing may load the table, tokenize, match agencies or build search texts in memory
    monkeypatch.setattr(Library, "load", _fail)
    for name in ("tokenize_corpus", "find_mentions", "search_texts", "article_texts"):
        monkeypatch.setattr(ui.cache, name, _fail)
    at.sidebar.selectbox(key=PICK_KEY).set_value(info.id).run()
    assert not at.exception
    return at


def test_every_page_of_a_large_dataset_renders_from_its_store(large, monkeypatch):
    at = _open(large, monkeypatch)
    ds = at.session_state[DATASET_KEY]
    assert ds.large and tuple(ds.articles.columns) == LIGHT_COLUMNS and len(ds.articles) == 14
    assert count_caption(at) == "筛选后 13 / 14 篇"   # one repost counted once
    assert metric(at, "文章") == "13" and metric(at, "转载/重复") == "1"
    for page in ALL_PAGES:
        at.switch_page(page).run()
        assert not at.exception and not at.error, page
    at.switch_page("views/policy.py").run()
    assert any("超过" in i.value for i in at.info)   # said, not computed
    at.switch_page("views/articles.py").run()
    assert at.caption[0].value.startswith("第 1–13 篇(按数据集中的顺序),共 13 篇")
    # the first article is opened: row 0, its title and body read from the store
    assert "标题0 通知" in at.get("html")[0].proto.body and "部署计量工作" in at.get("html")[1].proto.body


def test_filters_on_a_large_dataset_give_the_small_paths_counts(large, monkeypatch):
    at = _open(large, monkeypatch)
    at.sidebar.multiselect(key="wj_f_sources").set_value(["乙"]).run()
    assert count_caption(at) == "筛选后 3 / 14 篇"   # rows 1, 7, 11 (row 4 is a repost)
    at.sidebar.text_input(key="wj_f_query").set_value("标准化").run()
    assert count_caption(at) == "筛选后 1 / 14 篇"   # row 1 (row 10 has it too, but is 丙)
    # the per-word hint is not counted at this size, and the sidebar says so (tester-s15 F2)
    assert "大数据集不统计各词的篇数(全文不在内存中);筛选后的篇数见下。" in [c.value for c in at.sidebar.caption]
    at.sidebar.text_input(key="wj_f_query").set_value("").run()
    at.sidebar.multiselect(key="wj_f_sources").set_value([]).run()
    at.sidebar.date_input(key="wj_f_dates").set_value((date(2021, 1, 1), date(2021, 1, 31))).run()
    assert count_caption(at) == "筛选后 5 / 14 篇"   # rows 2, 3, 5, 7, 8
    at.sidebar.multiselect(key="wj_f_agencies").set_value(["国务院"]).run()
    assert count_caption(at) == "筛选后 1 / 14 篇"   # row 3
    at.switch_page("views/agencies.py").run()
    assert not at.exception and not at.error
    at.switch_page("views/keywords.py").run()
    assert not at.exception and not at.error
