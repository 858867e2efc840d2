"""The keyword-side views of a large dataset (``ui.large_terms``; threshold lowered to 5 as in
``test_large_dataset``): the 时间线 page's term and agency series and the 关键词 page's phrases, comparison and
breakdown read from the store give the tables the in-memory pages give on the same dataset."""
from __future__ import annotations

import pandas as pd
import pytest

import ui.cache
import ui.library
from analysis.library import Library
from tests.ui.test_app import app, library_dir  # noqa: F401 (fixture)
from tests.ui.test_large_dataset import _open, large  # noqa: F401 (fixture)
from ui.sidebar_picker import PICK_KEY
from ui.state import DATASET_KEY


#: what ``_open`` replaces by a failure (nothing may be read into memory on a large dataset)
ORIGINALS = {"load": Library.load, **{name: getattr(ui.cache, name)
                                      for name in ("tokenize_corpus", "find_mentions", "search_texts", "article_texts")}}


def _small(info, monkeypatch):
    """The same dataset opened in memory: the threshold back to its value, the table loaded again."""
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", 200_000)
    monkeypatch.setattr(Library, "load", ORIGINALS["load"])
    for name, fn in ORIGINALS.items():
        if name != "load":
            monkeypatch.setattr(ui.cache, name, fn)
    ui.library._open.clear()
    at = app()
    at.sidebar.selectbox(key=PICK_KEY).set_value(info.id).run()
    assert not at.exception and not at.session_state[DATASET_KEY].large
    return at


def _frames(at) -> list[pd.DataFrame]:
    return [d.value.reset_index(drop=True) for d in at.dataframe]


def _timeline(at, view: str, **widgets):
    at.switch_page("views/timeline.py").run()
    at.selectbox(key="tl_freq").set_value("month")
    at.radio(key="tl_view").set_value(view).run()
    for key, value in widgets.items():
        (at.text_input(key=key) if key == "tl_terms" else at.multiselect(key=key) if key == "tl_agencies"
         else at.radio(key=key)).set_value(value).run()
    assert not at.exception and not at.error, [e.value for e in at.exception]
    return at


def test_term_series_of_a_large_dataset_equal_the_small_pages(large, monkeypatch):
    at = _open(large, monkeypatch)
    assert at.session_state[DATASET_KEY].large
    from ui import session
    _timeline(at, "terms", **{session.TL_TERMS: "计量 标准化", "tl_term_measure": "count"})
    captions = [c.value for c in at.caption]
    # reposts counted once (row 4 left out); the dataset's tokenizer knows 中国计量科学研究院 as one word, so
    # 计量 is once in row 0 (部署计量工作) and once in row 2 (计量标准); 标准化 in rows 1 and 10
    assert "计量:2 处 · 2 篇 · 标准化:2 处 · 2 篇" in captions
    big = _frames(at)
    assert big[0]["计量"].tolist() == [1, 1, 0, 0] and big[0]["标准化"].tolist() == [1, 0, 0, 1]
    at.radio(key="tl_term_mode").set_value("substring").run()
    assert any("整词" in i.value for i in at.info)   # said: whole words only above the threshold
    at.radio(key="tl_term_mode").set_value("token").run()
    at.text_input(key="tl_terms").set_value("计量 推进标准化").run()   # a phrase of two words: said, left out
    assert not at.exception and not at.error
    captions = [c.value for c in at.caption]   # (markdown-escaped)
    assert any(c.startswith("不是词典中的一个词") and "推进标准化\\(推进 \\| 标准化\\)" in c for c in captions)
    assert _frames(at)[0].columns.tolist()[3:] == ["计量"]
    at.text_input(key="tl_terms").set_value("").run()
    assert not at.exception and not at.error
    at.text_input(key="tl_terms").set_value("计量 标准化").run()
    small = _timeline(_small(large, monkeypatch), "terms", **{session.TL_TERMS: "计量 标准化",
                                                             "tl_term_measure": "count"})
    pd.testing.assert_frame_equal(_frames(small)[0], big[0])


def test_agency_series_of_a_large_dataset_equal_the_small_pages(large, monkeypatch):
    at = _open(large, monkeypatch)
    names = ["国务院", "海南省市场监督管理局"]
    _timeline(at, "agencies", tl_agencies=names, tl_agency_measure="articles")
    big = _frames(at)
    assert big[0]["海南省市场监督管理局"].tolist() == [1, 0, 0, 0]   # row 1 (its repost row 4 counted once)
    small = _timeline(_small(large, monkeypatch), "agencies", tl_agencies=names, tl_agency_measure="articles")
    pd.testing.assert_frame_equal(_frames(small)[0], big[0])
    assert at.multiselect(key="tl_agencies").options == small.multiselect(key="tl_agencies").options


def _keywords(at, view: str, **radios):
    at.switch_page("views/keywords.py").run()
    at.radio(key="kw_view").set_value(view).run()
    if view == "phrases":
        at.number_input(key="kw_phr_min").set_value(2).run()
    for key, value in radios.items():
        at.radio(key=key).set_value(value).run()
    assert not at.exception and not at.error, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("view,radios", [
    ("compare", {"kw_cmp_mode": "sources", "kw_cmp_measure": "llr"}),
    ("compare", {"kw_cmp_mode": "periods", "kw_cmp_measure": "logodds"}),
    ("group", {"kw_by": "source"}),
    ("group", {"kw_by": "period"}),
    ("phrases", {"kw_phr_order": "count"}),
])
def test_keyword_views_of_a_large_dataset_equal_the_small_pages(large, monkeypatch, view, radios):
    at = _keywords(_open(large, monkeypatch), view, **radios)
    big = _frames(at)
    assert big and len(big[0])
    small = _keywords(_small(large, monkeypatch), view, **radios)
    pd.testing.assert_frame_equal(_frames(small)[0], big[0])


def test_keyword_views_exact_values_and_limits(large, monkeypatch):
    import analysis.store.query_vocab as QV
    at = _keywords(_open(large, monkeypatch), "compare", kw_cmp_mode="query")
    at.text_input(key="kw_cmp_q").set_value("计量").run()
    # A = the articles whose text holds 计量 (rows 0, 2 and 6: 计量器具 too, as the query filter matches text)
    assert "A:3 篇 · B:10 篇" in [c.value for c in at.caption]
    table = _frames(at)[0]   # terms seen at least 3 times on both sides together (计量 is a word twice only)
    assert table["term"].tolist() == ["增长", "通知", "标题", "工作", "部署"]
    assert table["side"].tolist() == ["A", "B", "B", "B", "B"]
    assert table["count_a"].tolist() == [1, 3, 3, 1, 1] and table["count_b"].tolist() == [2, 11, 10, 4, 3]
    at.radio(key="kw_cmp_mode").set_value("datasets").run()
    # comparing two saved datasets (once said "not offered above the threshold"): one saved, a second asked for
    assert [i.value for i in at.info] == [NEED_TWO] and not at.dataframe
    monkeypatch.setattr(QV, "PHRASE_MAX_ARTICLES", 10)
    at.radio(key="kw_view").set_value("phrases").run()
    assert not at.dataframe and any("不超过 10 篇" in i.value and "13 篇" in i.value for i in at.info)


def test_article_search_of_a_large_dataset_finds_the_small_pages_articles(large, monkeypatch):
    at = _open(large, monkeypatch)
    at.switch_page("views/articles.py").run()
    at.text_input(key="ar_search").set_value("标准化 OR 部署").run()
    assert not at.exception and not at.error
    # rows 0, 1, 3, 7, 10 (row 4, 标准化 too, is a repost of row 1): listed in dataset order
    assert at.caption[0].value.startswith("5 篇文章 · 第 1–5 篇")
    big = _frames(at)[0]
    assert big.iloc[:, 0].tolist() == [1, 2, 4, 8, 11]   # the id column
    at.text_input(key="ar_search").set_value('"标准化').run()   # an unclosed quote: said, the search ignored
    assert not at.exception and any("引号" in w.value for w in at.warning)
    assert at.caption[0].value.startswith("第 1–13 篇")
    small = _small(large, monkeypatch)
    small.switch_page("views/articles.py").run()
    small.text_input(key="ar_search").set_value("标准化 OR 部署").run()
    ids = _frames(small)[0].iloc[:, 0].tolist()
    assert sorted(ids) == [1, 2, 4, 8, 11]


NEED_TWO = "数据集库中至少需要两个数据集。"


def test_two_saved_datasets_compared_on_a_large_dataset_equal_the_small_page(large, library_dir, monkeypatch):
    from analysis.store.batch import AnalysisSpec
    from analysis.store.store import dataset_store
    from analysis.tokenizer import build_tokenizer
    from tests.test_query_agencies import ARTS as OTHER
    from tests.ui.test_app import workspace_library

    lib = workspace_library(library_dir)
    other = lib.save("另一个", OTHER)
    dataset_store(lib, other.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    tables = {}
    for which, at in (("large", _open(large, monkeypatch)), ("small", None)):
        if at is None:
            at = _small(large, monkeypatch)
        at = _keywords(at, "compare", kw_cmp_mode="datasets")
        for measure in ("llr", "logodds"):
            at.radio(key="kw_cmp_measure").set_value(measure).run()
            assert not at.exception and not at.error
            tables[which, measure] = (_frames(at)[0], [c.value for c in at.caption if c.value.startswith("A:")])
        assert at.session_state[DATASET_KEY].large == (which == "large")
    for measure in ("llr", "logodds"):
        pd.testing.assert_frame_equal(tables["large", measure][0], tables["small", measure][0])
        assert tables["large", measure][1] == tables["small", measure][1]
    assert tables["large", "llr"][1] == ["A:16 篇 · B:13 篇"]   # A = 另一个 (listed first); reposts left out
    got = tables["large", "llr"][0]
    assert got[got["term"] == "财政部"][["side", "count_a", "count_b"]].values.tolist() == [["A", 5, 2]]
