"""An upload in the app goes through the store's batch pipeline: the store is written into the workspace's
library and every page reads corpus, mentions and query texts from it (nothing recomputed in the page run)."""
from __future__ import annotations

from pathlib import Path

import pytest

import ui.cache
import ui.library
from analysis.store.store import Store
from tests.ui.test_app import PAGES, app, count_caption, library_dir, metric, needs_loaders, upload, workspace_library  # noqa: F401
from ui.state import DATASET_KEY

# the bodies quoted: their commas are text (unquoted, the loader cut them and said so in an upload warning)
CSV = ("标题,日期,来源,正文\n"
       "国家市场监督管理总局部署计量工作,2023-03-01,新华网,\"国家市场监督管理总局召开会议,部署计量工作。\"\n"
       "海南省市场监督管理局通知,2023-03-09,海南日报,\"海南省市场监督管理局发布通知,推进标准化工作。\"\n"
       "国务院常务会议,2023-04-02,人民网,\"国务院常务会议研究经济工作,国家发展改革委部署稳增长措施。\"\n"
       "财政部公告,2023-05-20,新华网,\"财政部、税务总局联合发布公告,支持小微企业。\"\n").encode("utf-8")


def _fail(*args, **kwargs):
    raise AssertionError("recomputed in the page run instead of read from the store")


@needs_loaders
def test_upload_builds_the_store_and_pages_read_it(library_dir, monkeypatch):
    at = app()   # the sample (not saved: analysed in the page run)
    monkeypatch.setattr(ui.cache, "tokenize_corpus", _fail)
    monkeypatch.setattr(ui.cache, "find_mentions", _fail)
    monkeypatch.setattr(ui.cache, "search_texts", _fail)
    upload(at, ("store.csv", CSV, "text/csv"))
    assert not at.exception
    assert any(s.value == "已载入 4 篇文章" for s in at.sidebar.success)
    ui.cache.wait_for_writes(30)   # the store's files are written in the background
    [info] = workspace_library(library_dir).list()
    [folder] = (workspace_library(library_dir).root / "store").iterdir()
    store = Store(folder)
    assert store.meta["dataset"] == info.id and store.meta["version"] == info.version
    assert store.meta["tables"]["articles"] == 4 and not store.has("bigrams")
    ds = at.session_state[DATASET_KEY]
    assert ds.library_id == info.id
    monkeypatch.setattr(ui.library, "library", lambda: workspace_library(library_dir))
    assert ui.cache.stored_folder(ds, ui.cache.keyword_settings()) == str(folder)
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception and not at.error, page
    at.sidebar.text_input(key="wj_f_query").set_value("计量").run()   # the query filter reads the store's texts
    assert count_caption(at) == "筛选后 1 / 4 篇"
    mentions = ui.cache.mentions_for(ds)
    assert sorted(set(mentions["agency"])) == sorted(set(store.read("agencies")["agency"].to_pylist()) - {""}) or \
        set(mentions["agency"]) <= set(store.read("agencies")["agency"].to_pylist())
    assert "国家市场监督管理总局" in set(mentions["agency"])


@needs_loaders
def test_pages_work_while_the_store_is_written_and_after_a_failed_write(library_dir, monkeypatch):
    import threading

    import analysis.store.upload as U

    release = threading.Event()

    def write(folder, tables, meta):   # held while the pages run, then the disk is full
        assert release.wait(30)
        raise OSError(28, "No space left on device")

    at = app()
    monkeypatch.setattr(U, "write_store", write)
    monkeypatch.setattr(ui.cache, "tokenize_corpus", _fail)
    monkeypatch.setattr(ui.cache, "find_mentions", _fail)
    monkeypatch.setattr(ui.cache, "search_texts", _fail)
    upload(at, ("store.csv", CSV, "text/csv"))
    assert not at.exception and any(s.value == "已载入 4 篇文章" for s in at.sidebar.success)
    ds = at.session_state[DATASET_KEY]
    monkeypatch.setattr(ui.library, "library", lambda: workspace_library(library_dir))
    folder = ui.cache.stored_folder(ds, ui.cache.keyword_settings())
    assert folder is not None and not (Path(folder) / "meta.json").exists()   # not written yet: from memory
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception and not at.error, page
    at.sidebar.text_input(key="wj_f_query").set_value("计量").run()
    assert count_caption(at) == "筛选后 1 / 4 篇"
    assert not at.sidebar.warning
    release.set()
    ui.cache.wait_for_writes(30)
    assert isinstance(ui.cache.store_write_error(ds), OSError)
    at.run()   # the next run says it; the pages still read the tables in memory
    assert [w.value for w in at.sidebar.warning] == [
        "本次会话的分析结果可用,但未能写入数据存储:[Errno 28] No space left on device(下次打开该数据集时会重新分析)"]
    assert count_caption(at) == "筛选后 1 / 4 篇" and not at.exception
    assert ui.cache.stored_folder(ds, ui.cache.keyword_settings()) == folder
    assert not (Path(folder) / "meta.json").exists()
    ui.cache._PENDING.pop(folder, None)   # (this server's memory of the failed store: not for later tests)


def test_progress_texts_name_the_stage():
    from analysis.store.runner import Event
    from ui.upload import progress_text, progress_value

    assert progress_value(Event("analyze", 0, 4)) == pytest.approx(0.75)
    assert progress_value(Event("analyze", 2, 4)) == pytest.approx(0.85)
    assert progress_value(Event("write", 1, 1)) == pytest.approx(1.0)
    assert progress_text(Event("analyze", 2, 4)) == "分词与机构识别 2/4 批"
    assert progress_text(Event("write", 0, 1)) == "写入数据存储…"


@needs_loaders
def test_same_upload_twice_is_one_dataset_and_says_so(library_dir):
    """tester M2: the same files uploaded twice gave two picker entries with the same label."""
    upload(app(), ("twice.csv", CSV, "text/csv"))
    at = upload(app(), ("twice.csv", CSV, "text/csv"))  # a second browser session, the same file
    assert not at.exception
    assert [i.name for i in workspace_library(library_dir).list()] == ["twice.csv"]
    assert [s.value for s in at.sidebar.info if "Same" in s.value or "同名" in s.value] == \
        ["这些文件与数据集库中的同名数据集内容相同:已打开该数据集,未另存一份"]
    ui.cache.wait_for_writes(120)   # the store's files are written in the background
    assert len(list((workspace_library(library_dir).root / "store").iterdir())) == 1


def test_the_workers_are_warmed_for_a_new_visitors_settings(tmp_path, monkeypatch):
    from analysis.user_dict import UserDict, save_user_dict

    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path))
    save_user_dict(UserDict(words=("计量强国",), stopwords=("工作",)))   # the server's own dictionary
    warmed = []
    monkeypatch.setattr(ui.cache, "warm_workers", lambda runner, spec: warmed.append(spec))
    monkeypatch.setattr(ui.cache, "runner", lambda: None)
    monkeypatch.setattr(ui.library, "shared_library", lambda: False)   # private workspaces: start empty
    ui.cache.warm_runner()
    assert warmed[-1].agency_user_path == "" and warmed[-1].tokenizer == ui.cache.tokenizer().settings
    assert "计量强国" not in warmed[-1].tokenizer.words and "工作" not in warmed[-1].tokenizer.stopwords
    monkeypatch.setattr(ui.library, "shared_library", lambda: True)    # one library: the server's settings
    ui.cache.warm_runner()
    assert warmed[-1].tokenizer == ui.cache.tokenizer(("计量强国",), ("工作",), ()).settings
    assert warmed[-1].agency_user_path == str(tmp_path / "agencies.csv")
