"""Slicing the way researchers do (issue 13 item 5) and the small fixes of item 6, under AppTest with the whole
app: (无来源) selectable, agency level / region / type filters, "not an agency here" with counts updating,
comparing two files and two saved datasets, and traditional text detected with a one-click conversion."""
from __future__ import annotations

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.schema import coerce_articles
from tests.ui.test_app import APP, count_caption, library_dir, workspace_library  # noqa: F401
from ui.state import DATASET_KEY, Dataset

ROWS = [("海南省市场监督管理局开展计量检查", "甲报", "a.csv", "海南省市场监督管理局组织开展加油机计量检查。"),
        ("国家市场监督管理总局发布标准", "", "a.csv", "国家市场监督管理总局发布一批国家标准。"),
        ("广东省市场监督管理局通报抽查", "乙报", "b.csv", "广东省市场监督管理局通报产品质量抽查结果。"),
        ("计量日活动举行", "", "b.csv", "各地举行计量日活动,宣传计量知识。")]


def small() -> Dataset:
    arts = coerce_articles(pd.DataFrame({"title": [r[0] for r in ROWS], "source": [r[1] for r in ROWS],
                                         "file": [r[2] for r in ROWS], "body": [r[3] for r in ROWS],
                                         "date": ["2024-01-05", "2024-02-10", "2024-03-01", "2024-03-02"]}))
    return Dataset(name="small", articles=arts)


def app(ds: Dataset | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["ws"] = "test-workspace-0001"
    at.session_state[DATASET_KEY] = ds or small()
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def test_missing_sources_are_selectable_as_no_source():
    at = app()
    sources = at.multiselect(key="wj_f_sources")
    assert sources.options == ["乙报", "甲报", "(无来源)"]
    sources.set_value([""]).run()
    assert count_caption(at) == "筛选后 2 / 4 篇"


def test_agency_level_region_and_type_filters():
    at = app()
    assert at.multiselect(key="wj_f_levels").options == ["国家级", "省级"]
    at.multiselect(key="wj_f_levels").set_value(["provincial"]).run()
    assert count_caption(at) == "筛选后 2 / 4 篇"
    at.multiselect(key="wj_f_regions").set_value(["海南省"]).run()
    assert count_caption(at) == "筛选后 1 / 4 篇"
    at.multiselect(key="wj_f_regions").set_value(["全国"]).run()      # provincial and national: none
    assert count_caption(at) == "筛选后 0 / 4 篇"
    at.multiselect(key="wj_f_levels").set_value([]).run()
    assert count_caption(at) == "筛选后 1 / 4 篇"
    at.multiselect(key="wj_f_regions").set_value([]).run()
    types = at.multiselect(key="wj_f_types")
    assert "国务院直属机构" in types.options
    types.set_value(["国务院直属机构"]).run()
    assert count_caption(at) == "筛选后 1 / 4 篇"
    # an explicit agency and a level: the agency only if it has that level
    at.multiselect(key="wj_f_types").set_value([]).run()
    at.multiselect(key="wj_f_agencies").set_value(["海南省市场监督管理局"]).run()
    at.multiselect(key="wj_f_levels").set_value(["national"]).run()
    assert count_caption(at) == "筛选后 0 / 4 篇"


def summary_agencies(at: AppTest) -> list[str]:
    table = next(d.value for d in at.dataframe if list(d.value.columns[:2]) == ["agency", "mentions"])
    return table["agency"].tolist()


def test_not_an_agency_here_updates_every_count_and_can_be_undone(tmp_path, monkeypatch, library_dir):  # noqa: F811
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))
    at = app(page="views/agencies.py")
    assert sorted(summary_agencies(at)) == ["国家市场监督管理总局", "广东省市场监督管理局", "海南省市场监督管理局"]
    at.multiselect(key="wj_f_agencies").set_value(["广东省市场监督管理局"]).run()
    assert count_caption(at) == "筛选后 1 / 4 篇"
    at.multiselect(key="ag_not_pick").set_value(["广东省市场监督管理局"]).run()
    at.button(key="ag_not_save").click().run()
    assert not at.exception
    assert sorted(summary_agencies(at)) == ["国家市场监督管理总局", "海南省市场监督管理局"]
    assert "广东省市场监督管理局" not in at.multiselect(key="wj_f_agencies").options
    assert at.multiselect(key="wj_f_agencies").value == []            # the filter on it is dropped
    assert count_caption(at) == "筛选后 4 / 4 篇"
    assert any(s.value == "已排除 1 个名称" for s in at.success)
    # the marks are a setting of the workspace (issue 10 item 5; was the server-wide $WENJIAN_USER_DIR)
    settings = library_dir / "workspaces" / "test-workspace-0001" / "settings"
    saved = json.loads((settings / "not_agencies.json").read_text(encoding="utf-8"))
    assert saved == {small().digest: ["广东省市场监督管理局"]}
    assert not (tmp_path / "user" / "not_agencies.json").exists()
    # undo: keep nothing in the excluded list and restore
    at.multiselect(key="ag_not_list").set_value([]).run()
    at.button(key="ag_not_restore").click().run()
    assert sorted(summary_agencies(at)) == ["国家市场监督管理总局", "广东省市场监督管理局", "海南省市场监督管理局"]


def keyness_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("A:"))


def test_compare_two_files_and_two_saved_datasets(library_dir):  # noqa: F811
    at = app(page="views/keywords.py")
    at.radio(key="kw_view").set_value("compare").run()
    at.radio(key="kw_cmp_mode").set_value("files").run()
    assert at.multiselect(key="kw_cmp_a_file").value == ["a.csv"]
    assert at.multiselect(key="kw_cmp_b_file").value == ["b.csv"]
    assert keyness_caption(at) == "A:2 篇 · B:2 篇"
    # sources: the missing source is a side of its own
    at.radio(key="kw_cmp_mode").set_value("sources").run()
    at.multiselect(key="kw_cmp_b_source").set_value([""]).run()
    assert keyness_caption(at) == "A:1 篇 · B:2 篇"
    # two saved datasets
    at.radio(key="kw_cmp_mode").set_value("datasets").run()
    assert any("至少需要两个数据集" in i.value for i in at.info)
    lib = workspace_library(library_dir)
    arts = small().articles
    lib.save("前两篇", arts.iloc[:2].reset_index(drop=True))
    lib.save("后两篇加一篇", pd.concat([arts.iloc[1:]]).reset_index(drop=True))
    at.run()
    assert not at.exception
    assert keyness_caption(at) in ("A:2 篇 · B:3 篇", "A:3 篇 · B:2 篇")
    table = next(d.value for d in at.dataframe if list(d.value.columns[:2]) == ["term", "side"])
    assert set(table["side"]) <= {"A", "B"} and len(table) > 0


def test_one_source_dataset_says_why_compare_is_empty():
    arts = small().articles.assign(source="甲报")
    at = app(Dataset(name="one", articles=arts), page="views/keywords.py")
    at.radio(key="kw_view").set_value("compare").run()
    assert keyness_caption(at) == "A:4 篇 · B:0 篇"
    assert [i.value for i in at.info] == ["A 和 B 都需要至少一篇文章。当前筛选只有一个来源;可改为按文件、时间或查询比较。"]


def test_traditional_text_is_detected_and_converted_in_one_click(library_dir):  # noqa: F811
    arts = coerce_articles(pd.DataFrame({
        "title": ["海南省市場監督管理局開展計量檢查", "國家市場監督管理總局發布標準"],
        "body": ["海南省市場監督管理局組織開展加油機計量檢查。", "國家市場監督管理總局發布一批國家標準。"],
        "source": ["甲報", "乙報"], "date": ["2024-01-05", "2024-02-10"]}))
    at = app(Dataset(name="繁体.csv", articles=arts), page="views/agencies.py")
    assert any("繁体中文" in w.value for w in at.warning)
    assert [i.value for i in at.info][0].startswith("当前筛选下没有找到机构名称。文本像是繁体中文")
    at.button(key="ag_convert").click().run()
    assert not at.exception
    ds = at.session_state[DATASET_KEY]
    assert ds.name == "繁体.csv(简体)" and ds.library_id
    assert ds.articles["title"].tolist() == ["海南省市场监督管理局开展计量检查", "国家市场监督管理总局发布标准"]
    assert ds.articles["source"].tolist() == ["甲报", "乙报"]
    assert any(s.value == "已转换 2 篇文章为简体并打开。" for s in at.success)
    assert sorted(summary_agencies(at)) == ["国家市场监督管理总局", "海南省市场监督管理局"]
    assert not any("繁体中文" in w.value for w in at.warning)
    assert [i.name for i in workspace_library(library_dir).list()] == ["繁体.csv(简体)"]
