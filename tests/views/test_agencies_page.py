"""The 机构 page (views/agencies.py) under Streamlit's AppTest, with a small dataset in session state."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.filters import Filters
from analysis.schema import coerce_articles
from ui.state import DATASET_KEY, FILTERS_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[2] / "views" / "agencies.py")


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))
    return tmp_path / "user"


def dataset() -> Dataset:
    arts = coerce_articles(pd.DataFrame({
        "title": ["海南省市场监管局签约", "计量院成果", "通知", "热作所"],
        "body": ["海南省市场监管局与中国计量科学研究院签约。中国标准化研究院参加。",
                 "中国计量科学研究院发布成果。海南省市场监督管理局出席。",
                 "省市场监管局发文。",
                 "海南省热带作物研究所与海南省市场监管局合作。"],
        "source": ["甲", "乙", "甲", "乙"], "date": ["2024-01-05", "2024-02-10", None, "2024-03-01"]}))
    return Dataset(name="t", articles=arts)


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state[DATASET_KEY] = dataset()
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


#: st.dataframe keys are not visible to AppTest unless a selection is enabled: find tables by their columns
SIGNATURES = {"ag_summary": ["agency", "mentions", "documents", "aliases"],
              "ag_unresolved": ["surface", "level", "mentions", "documents"],
              "ag_pairs": ["a", "b", "articles"],
              "ag_review_done": ["candidate", "status", "canonical", "aliases"]}


VIEWS = ["ranking", "network", "timeline", "aliases", "review"]      # views/agencies.py VIEWS (codes)
LABELS = ["排行", "共现网络", "时间线", "别名表", "待审"]                     # as shown in Chinese


def show(at: AppTest, view: int) -> AppTest:
    """Pick one of the page's views (one is computed at a time)."""
    at.radio(key="ag_view").set_value(VIEWS[view]).run()
    assert not at.exception
    return at


def table(at: AppTest, key: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if list(d.value.columns) == SIGNATURES[key])


def test_ranking_network_timeline_and_tables():
    at = page()
    assert not at.exception
    assert at.radio(key="ag_view").options == LABELS and at.radio(key="ag_view").value == VIEWS[0]
    assert len(at.get("plotly_chart")) == 1          # only the open view is drawn
    s = table(at, "ag_summary")
    assert s[["agency", "mentions", "documents"]].values.tolist() == [
        ["海南省市场监督管理局", 4, 3], ["中国计量科学研究院", 2, 2], ["中国标准化研究院", 1, 1]]
    assert table(at, "ag_unresolved")["surface"].tolist() == ["省市场监管局"]
    show(at, 1)
    assert len(at.get("plotly_chart")) == 1
    assert table(at, "ag_pairs").values.tolist() == [["中国计量科学研究院", "海南省市场监督管理局", 2],
                                                     ["中国标准化研究院", "中国计量科学研究院", 1],
                                                     ["中国标准化研究院", "海南省市场监督管理局", 1]]
    show(at, 2)
    assert at.multiselect(key="ag_tl_agencies").value == ["海南省市场监督管理局", "中国计量科学研究院", "中国标准化研究院"]


def test_follows_the_global_filters():
    at = page(**{FILTERS_KEY: Filters(sources=("乙",))})
    assert not at.exception
    assert table(at, "ag_summary")[["agency", "mentions"]].values.tolist() == [
        ["海南省市场监督管理局", 2], ["中国计量科学研究院", 1]]


def test_same_sentence_network():
    at = show(page(), 1)
    at.toggle(key="ag_same_sentence").set_value(True).run()
    assert table(at, "ag_pairs").values.tolist() == [["中国计量科学研究院", "海南省市场监督管理局", 1]]


def test_review_list_and_decisions(user_dir):
    at = show(page(), 4)
    # no decisions yet: said in words, not an empty grid (it was `table(at, "ag_review_done").empty`)
    assert not [d for d in at.dataframe if list(d.value.columns) == SIGNATURES["ag_review_done"]]
    assert "还没有审核记录。在上表中接受或否决候选名称后会列在这里。" in [i.value for i in at.info]
    from analysis.agency_table import review_candidate

    review_candidate("海南省热带作物研究所", "accepted", aliases="热作所")
    at.run()
    assert not at.exception
    assert table(at, "ag_review_done")["status"].tolist() == ["accepted"]
    show(at, 0)
    s = table(at, "ag_summary")
    assert s[s["agency"] == "海南省热带作物研究所"][["mentions", "aliases"]].values.tolist() == [
        [2, "海南省热带作物研究所|热作所"]]  # the title's 热作所 counts once the alias is known


def test_upload_a_table(user_dir):
    at = show(page(), 3)
    csv = "canonical,aliases,level\n海南省市场监督管理局,海南局|省市场监管局,provincial\n".encode("utf-8-sig")
    at.file_uploader(key="ag_upload").set_value(("my.csv", csv, "text/csv")).run()
    at.button(key="ag_import").click().run()
    assert not at.exception
    assert (user_dir / "agencies.csv").is_file()
    assert "已导入" in at.success[0].value


def test_foreign_media_and_successor_toggles():
    arts = coerce_articles(pd.DataFrame({
        "title": ["住房", "会议"],
        "body": ["建设部发布通知。住房和城乡建设部解读。国家安全监管总局部署。",
                 "中央广播电视总台与人民日报社签署协议。美国国务院发言人表示。住房和城乡建设部出席。"],
        "source": ["甲", "乙"], "date": ["2007-01-05", "2024-02-10"]}))
    at = AppTest.from_file(PAGE, default_timeout=90)
    at.session_state[DATASET_KEY] = Dataset(name="h", articles=arts)
    at.run()
    assert not at.exception
    assert [at.toggle(key=k).value for k in ("ag_foreign", "ag_media", "ag_successors")] == [False, False, False]
    assert table(at, "ag_summary")[["agency", "mentions"]].values.tolist() == [
        ["住房和城乡建设部", 2], ["国家安全生产监督管理总局", 1], ["建设部", 1]]
    at.toggle(key="ag_successors").set_value(True).run()
    assert table(at, "ag_summary")[["agency", "mentions", "aliases"]].values.tolist() == [
        ["住房和城乡建设部", 3, "住房和城乡建设部|建设部"], ["应急管理部", 1, "国家安全监管总局"]]
    at.toggle(key="ag_media").set_value(True).run()
    at.toggle(key="ag_foreign").set_value(True).run()
    assert not at.exception
    assert table(at, "ag_summary")["agency"].tolist() == ["住房和城乡建设部", "中央广播电视总台", "人民日报社", "应急管理部",
                                                          "美国国务院"]
