"""The 机构 page of a dataset above the memory threshold (``MEMORY_MAX_ARTICLES``, lowered here to 5): the
"other analysis settings" note shows only when the store's settings really differ from the workspace's."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ui.library
from analysis.library import Library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from analysis.tokenizer import build_tokenizer
from tests.test_query_agencies import ARTS as AGENCY_ARTICLES
from tests.test_store_pages import ARTICLES
from tests.ui.test_app import app, library_dir, workspace_library  # noqa: F401
from ui.sidebar_picker import PICK_KEY
from ui.state import DATASET_KEY

NOTE = "此大数据集的数据存储是用其他分析设置(词典或机构表)建立的"


def _saved(library_dir, monkeypatch, spec: AnalysisSpec):
    """A large dataset whose only store was built with ``spec`` by another code version (its folder key is
    not the one this code computes, as after any edit of the code files since ``python -m analysis ingest``)."""
    lib = workspace_library(library_dir)
    info = lib.save("大数据集", ARTICLES)
    folder = Path(dataset_store(lib, info.id, spec).path)
    folder.rename(folder.with_name(f"{info.id}-v{info.version}-{'0' * 16}"))
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", 5)
    return info


def _agencies_page(info):
    at = app()
    at.sidebar.selectbox(key=PICK_KEY).set_value(info.id).run()
    at.switch_page("views/agencies.py").run()
    assert not at.exception and not at.error
    return at


def _notes(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith(NOTE)]


def test_a_store_of_another_code_version_with_the_same_settings_has_no_note(library_dir, monkeypatch):
    info = _saved(library_dir, monkeypatch, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    assert _notes(_agencies_page(info)) == []


def test_a_store_built_with_another_dictionary_has_the_note(library_dir, monkeypatch):
    other = AnalysisSpec(tokenizer=build_tokenizer(user_words=("计量工作",)).settings, agency_user_path="")
    info = _saved(library_dir, monkeypatch, other)
    assert _notes(_agencies_page(info)) == [
        NOTE + ";修改设置后请用 python -m analysis ingest 重新导入。"]


# ------------------------------------------------------------------------------------------------ the views
def _tables(at) -> list[pd.DataFrame]:
    return [d.value.reset_index(drop=True) for d in at.dataframe]


def _opened(info, large_threshold: int | None, monkeypatch, **filters):
    """The app on the 机构 page of ``info`` (opened as large when ``large_threshold``), the sidebar's
    multiselects ``filters`` (key → values) set first."""
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", large_threshold or 200_000)
    ui.library._open.clear()
    at = app()
    at.sidebar.selectbox(key=PICK_KEY).set_value(info.id).run()
    assert at.session_state[DATASET_KEY].large == bool(large_threshold)
    for key, value in filters.items():
        at.sidebar.multiselect(key=key).set_value(value).run()
    at.switch_page("views/agencies.py").run()
    return at


def _page_views(info, large_threshold: int | None, monkeypatch) -> dict:
    """The 机构 page's tables in each view and option (the dataset opened as large when ``large_threshold``)."""
    at = _opened(info, large_threshold, monkeypatch)
    out = {}
    for successors in (False, True):
        at.toggle(key="ag_successors").set_value(successors).run()
        at.radio(key="ag_view").set_value("ranking").run()
        if large_threshold:   # the large page counts the three tables below the ranking only when switched on
            assert len(_tables(at)) == 1
            for key in ("ag_more_source", "ag_more_file", "ag_more_unresolved"):
                at.toggle(key=key).set_value(True).run()
        out[("ranking", successors)] = _tables(at)   # summary, by source, by file, unresolved
        at.radio(key="ag_view").set_value("network").run()
        for same in (False, True):
            at.toggle(key="ag_same_sentence").set_value(same).run()
            out[("network", successors, same)] = _tables(at)
        at.radio(key="ag_view").set_value("timeline").run()
        for freq in ("month", "year"):
            at.selectbox(key="ag_tl_freq").set_value(freq).run()
            out[("timeline", successors, freq)] = _tables(at)
    assert not at.exception and not at.error
    return out


def _stored(library_dir, articles):
    """``articles`` saved as 大数据集 in the workspace library, with its store (the project's settings)."""
    lib = workspace_library(library_dir)
    info = lib.save("大数据集", articles)
    dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    return info


@pytest.fixture()
def saved(library_dir):
    return _stored(library_dir, AGENCY_ARTICLES)


def test_the_agency_views_of_a_large_dataset_equal_the_in_memory_page(saved, monkeypatch):
    large = _page_views(saved, 5, monkeypatch)
    small = _page_views(saved, None, monkeypatch)
    assert large.keys() == small.keys()
    for key in small:
        assert len(large[key]) == len(small[key]), key
        for got, want in zip(large[key], small[key]):
            pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=str(key))
    # exact values of the large page (tests/test_query_agencies.py: the same articles)
    plain, rolled = large[("ranking", False)], large[("ranking", True)]
    assert plain[0].set_index("agency").loc["生态环境部"].tolist() == [2, 2, "生态环境部"]
    assert rolled[0].set_index("agency").loc["生态环境部"].tolist() == [3, 2, "生态环境部|环境保护部"]
    assert "环境保护部" not in set(rolled[0]["agency"])
    assert plain[3].values.tolist() == [["县卫生局", "county", 1, 1], ["市场监督管理局", "", 1, 1]]
    assert rolled[2][rolled[2]["agency"] == "应急管理部"].values.tolist() == [["应急管理部", "b.csv", 2, 1]]
    assert large[("network", True, True)][0].values.tolist() == [
        ["国务院", "财政部", 2], ["国务院", "国家发展和改革委员会", 1], ["国家税务总局", "财政部", 1]]
    year = large[("timeline", False, "year")][0]
    assert year[year["agency"] == "财政部"].values.tolist() == [["财政部", "2020", 0, 0], ["财政部", "2021", 2, 2],
                                                              ["财政部", "2022", 1, 1]]


# ------------------------------------------------------------------------------------------------ the review list
def _review(info, large_threshold: int | None, monkeypatch, **filters) -> dict:
    """The 待审 view's candidates and caption, with and without jieba (opened as large when ``large_threshold``)."""
    at = _opened(info, large_threshold, monkeypatch, **filters)
    at.radio(key="ag_view").set_value("review").run()
    out = {}
    for jieba in (False, True):
        at.toggle(key="ag_jieba").set_value(jieba).run()
        assert not at.exception and not at.error
        out[jieba] = ([c.value for c in at.caption if "候选" in c.value], _tables(at))
    return out


@pytest.fixture()
def saved_review(library_dir):
    from tests.test_query_review import ARTS as REVIEW_ARTICLES

    return _stored(library_dir, REVIEW_ARTICLES)


@pytest.mark.parametrize("filters", [{}, {"wj_f_sources": ["乙"]}])
def test_the_review_list_of_a_large_dataset_equals_the_in_memory_page(saved_review, monkeypatch, filters):
    large = _review(saved_review, 5, monkeypatch, **filters)
    small = _review(saved_review, None, monkeypatch, **filters)
    assert large.keys() == small.keys()
    for key in small:
        assert large[key][0] == small[key][0], key
        assert len(large[key][1]) == len(small[key][1]), key
        for got, want in zip(large[key][1], small[key][1]):
            pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=str(key))
    first = large[False][1][0]
    assert first[["candidate", "mentions", "documents"]].values.tolist() == (
        [["海南省热带作物研究所", 1, 1]] if filters else [["海南省热带作物研究所", 3, 2]])
    assert large[False][0] == ["1 个候选(前 500 篇)— 选择接受或拒绝"]


# ------------------------------------------------------------------------------------------------ sidebar facets
def _facets(info, large_threshold: int | None, monkeypatch) -> dict:
    """The sidebar's facet choices, and the selection and 机构 ranking after picking a level and a type."""
    at = _opened(info, large_threshold, monkeypatch)
    out = {key: at.sidebar.multiselect(key=key).options for key in ("wj_f_levels", "wj_f_regions", "wj_f_types")}
    at.sidebar.multiselect(key="wj_f_levels").set_value(["national"]).run()
    at.sidebar.multiselect(key="wj_f_types").set_value(["国务院组成部门"]).run()
    assert not at.exception and not at.error
    out["count"] = [c.value for c in at.sidebar.caption if c.value.startswith("筛选后")]
    out["ranking"] = _tables(at)[0]
    at.toggle(key="ag_foreign").set_value(True).run()     # the 机构 page counts foreign bodies: offered too
    out["foreign_levels"] = at.sidebar.multiselect(key="wj_f_levels").options
    out["foreign_regions"] = at.sidebar.multiselect(key="wj_f_regions").options
    return out


def test_the_sidebar_facets_of_a_large_dataset_equal_the_in_memory_ones(saved, monkeypatch):
    large = _facets(saved, 5, monkeypatch)
    small = _facets(saved, None, monkeypatch)
    for key in ("wj_f_levels", "wj_f_regions", "wj_f_types", "count", "foreign_levels", "foreign_regions"):
        assert large[key] == small[key], key
    pd.testing.assert_frame_equal(large["ranking"], small["ranking"], check_dtype=False)
    # tester-s15 F1: the facets offer the agencies the pages count — no foreign level or region unless the
    # 机构 page's switch counts foreign bodies (was ["国家级", "省级", "外国"] / ["全国", "海南省", "美国"] always)
    assert large["wj_f_levels"] == ["国家级", "省级"]
    assert large["wj_f_regions"] == ["全国", "海南省"]
    assert large["foreign_levels"] == ["国家级", "省级", "外国"]
    assert large["foreign_regions"] == ["全国", "海南省", "美国"]
    assert large["ranking"]["agency"].tolist()[:2] == ["财政部", "国务院"]   # (the articles naming a 国务院组成部门)
