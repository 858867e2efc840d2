"""ui/convert.py: the one-click conversion gives what a load with conversion gives (tester s15 D2); the
traditional-Chinese share of a dataset reads its texts block by block, only as far as
``traditional_share`` needs (the first 500 texts with Chinese characters), and gives the whole table's answer."""
from __future__ import annotations

import pandas as pd

from analysis.ids import KEY, with_article_ids

from analysis.loaders import LoadOptions, load_files
from analysis.normalize import traditional_share
from analysis.store.store import STORE_DIR, Store
from tests.ui.test_app import library_dir, workspace_library  # noqa: F401 - the fixture: an empty library
from tests.ui.test_slicing import app, count_caption
from ui import cache
from ui.convert import _texts
from ui.state import DATASET_KEY, Dataset


def test_texts_are_title_space_body_in_row_order_block_by_block():
    arts = pd.DataFrame({"title": ["甲", None, "丙"], "body": ["一", "二", None]})
    assert list(_texts(arts, block=2)) == ["甲 一", " 二", "丙 "]
    assert list(_texts(arts.iloc[:0])) == []


def test_share_from_the_blocks_equals_the_share_of_the_whole_table():
    titles = ["國務院通知" if i % 3 == 0 else "国务院通知" for i in range(2500)]
    arts = pd.DataFrame({"title": titles, "body": ["正文"] * 2500})
    whole = (arts["title"] + " " + arts["body"]).tolist()
    assert traditional_share(_texts(arts, block=300)) == traditional_share(whole) == 167 / 500


# --- the one-click conversion (tester s15 D2) ------------------------------------------------------------------
TRADSIMP = ("标题,日期,正文\n"
            "國家市場監督管理總局發布新規,2024-05-01,國家市場監督管理總局今天發布計量新規，推動高質量發展。\n"
            "国家市场监督管理总局发布新规,2024-05-02,国家市场监督管理总局今天发布计量新规，推动高质量发展。\n"
            "臺灣地區標準化,2024-05-03,標準化工作與計量發展密切相關，發展很重要。\n").encode()


def test_one_click_conversion_equals_a_load_with_conversion_reposts_store_and_all(library_dir):  # noqa: F811
    plain = load_files([("tradsimp.csv", TRADSIMP)])
    fresh = load_files([("tradsimp.csv", TRADSIMP)], LoadOptions(to_simplified=True))
    at = app(Dataset(name="tradsimp.csv", articles=plain.articles, report=plain.report), page="views/data.py")
    assert count_caption(at) == "筛选后 3 / 3 篇"                 # before: the traditional twin is not a repost
    at.button(key="da_convert").click().run()
    assert not at.exception
    assert any(s.value == "已转换 2 篇文章为简体并打开。" for s in at.success)
    ds = at.session_state[DATASET_KEY]
    assert ds.name == "tradsimp.csv(简体)" and ds.library_id
    pd.testing.assert_frame_equal(ds.articles, fresh.articles)
    assert ds.articles["duplicate_of"].tolist() == [pd.NA, 1, pd.NA]
    assert (ds.report.duplicates, ds.report.converted, ds.report.articles) == (1, 2, 3)
    assert plain.report.duplicates == 0                          # the original's report is left alone
    assert count_caption(at) == "筛选后 2 / 3 篇"
    # the saved version: the converted table with the keys a fresh load gets
    lib = workspace_library(library_dir)
    saved, report, _ = lib.load(ds.library_id, keys=True)
    assert saved[KEY].tolist() == with_article_ids(fresh.articles)[KEY].tolist()
    pd.testing.assert_frame_equal(saved.drop(columns=[KEY]), fresh.articles)
    assert report is not None and report.duplicates == 1
    # its store: built like an upload's, mentions of the repost left out of the counts
    cache.wait_for_writes()
    folders = [f for f in (lib.root / STORE_DIR).glob(f"{ds.library_id}-v1-*") if (f / "meta.json").is_file()]
    assert len(folders) == 1
    store = Store(folders[0])
    keys = with_article_ids(fresh.articles)[KEY].tolist()
    assert store.n_articles == 3
    assert store.read("articles").column("article_id").to_pylist() == keys
    assert sorted(set(store.read("doc_terms").column("article_id").to_pylist())) == sorted(keys)
    dups = store.read("duplicates").to_pandas()
    assert dups[["article_id", "group_id"]].values.tolist() == [[keys[0], keys[0]], [keys[1], keys[0]]]
    mentions = store.read("mentions").to_pandas()
    agencies = store.read("agencies").column("agency").to_pylist()
    assert agencies == ["国家市场监督管理总局"]
    assert sorted(mentions["article_id"].tolist()) == sorted([keys[0]] * 2 + [keys[1]] * 2)   # 2 per twin
    at.switch_page("views/agencies.py").run()
    assert any(c.value.startswith("1 个机构 · 2 次提及") for c in at.caption)
