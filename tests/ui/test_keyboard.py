"""The keyboard path of every click (tester-s15 K3): a labelled select box under each article table
(打开文章) and under each chart with a drill-down, doing what a click on the row, bar, point or node does —
same articles, same reader. Driven under AppTest through the boxes (a plotly click cannot be sent by AppTest;
the box follows a click through ``ui.drill.synced_choice``, tested here with a stand-in for the click)."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from ui.drill import cited_document, figure_points, first_custom, network_document
from tests.views.test_agencies_page import dataset   # the 4 articles naming 海南省市场监管局 …
from tests.views.test_policy_page import dataset as policy_dataset   # 3 Hebei documents citing each other
from ui.state import DATASET_KEY

ROOT = Path(__file__).resolve().parents[2]


def page_file(name: str) -> str:
    return str(ROOT / "views" / f"{name}.py")


@pytest.fixture(autouse=True)
def user_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))
    monkeypatch.setenv("WENJIAN_LIBRARY", str(tmp_path / "library"))
    return tmp_path / "user"


def run(page: str, **state) -> AppTest:
    at = AppTest.from_file(page_file(page), default_timeout=180)
    at.session_state[DATASET_KEY] = dataset()
    for k, v in state.items():
        at.session_state[k] = v
    at.run()
    assert not at.exception
    return at


def reader_title(at: AppTest) -> str | None:
    """The title the reader shows (its ``<h3>``), None when no article is open."""
    for block in at.get("html"):
        body = block.proto.body
        if "<h3" in body:
            return re.sub(r"<[^>]+>", "", body.split("<h3", 1)[1].split(">", 1)[1].split("</h3>", 1)[0])
    return None


def drill_heading(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("所选项对应的文章")]


# --- 文章: the table's rows -------------------------------------------------------------------------------------------
def test_articles_page_opens_the_article_chosen_in_the_box():
    at = run("articles")
    box = at.selectbox(key="ar_open")
    assert box.label == "打开文章"
    # the table's order (newest first, undated last), each as date · title
    assert box.options == ["2024-03-01 · 热作所", "2024-02-10 · 计量院成果", "2024-01-05 · 海南省市场监管局签约", "通知"]
    assert box.value is None
    assert reader_title(at) == "热作所"                      # nothing chosen: the first row, as before
    box.set_value(2).run()                                   # id 2 = 计量院成果
    assert not at.exception
    assert reader_title(at) == "计量院成果"
    assert any(c.value.startswith("日期: 2024-02-10") for c in at.caption)
    at.selectbox(key="ar_open").set_value(3).run()           # the undated 通知
    assert reader_title(at) == "通知"


def test_articles_box_follows_the_search_and_forgets_a_title_no_longer_listed():
    at = run("articles")
    at.selectbox(key="ar_open").set_value(2).run()
    at.text_input(key="ar_search").set_value("热带").run()
    assert not at.exception
    box = at.selectbox(key="ar_open")
    assert box.options == ["2024-03-01 · 热作所"]
    assert box.value is None                                 # 计量院成果 is not listed any more
    assert reader_title(at) == "热作所"


def test_english_labels():
    at = run("articles", wj_lang="en")
    assert at.selectbox(key="ar_open").label == "Open article"
    assert at.selectbox(key="ar_open").placeholder == "Choose a title (or click a row of the table)"


# --- 概览: one box per chart ----------------------------------------------------------------------------------------
def test_overview_boxes_drill_down_like_a_click():
    at = run("overview")
    labels = {b.key: b.label for b in at.selectbox}
    assert labels == {"ov_kw_drill_pick": "查看含该词的文章", "ov_ag_drill_pick": "查看提及该机构的文章",
                      "ov_tl_drill_pick": "查看该时段的文章", "ov_src_drill_pick": "查看该来源的文章"}
    # the bars top to bottom: most mentioned first
    assert at.selectbox(key="ov_ag_drill_pick").options == ["海南省市场监督管理局", "中国计量科学研究院", "中国标准化研究院"]
    days = at.selectbox(key="ov_tl_drill_pick").options      # the sparkline's periods: every day, 01-05 … 03-01
    assert (days[0], days[-1], len(days)) == ("2024-01-05", "2024-03-01", 57)
    assert sorted(at.selectbox(key="ov_src_drill_pick").options) == ["乙", "甲"]
    assert not drill_heading(at)                             # nothing chosen: no drill-down
    at.selectbox(key="ov_ag_drill_pick").set_value("中国计量科学研究院").run()
    assert not at.exception
    assert drill_heading(at) == ["所选项对应的文章:中国计量科学研究院 — 2 篇文章"]
    opener = at.selectbox(key="ov_ag_drill_open")
    assert opener.label == "打开文章"
    assert opener.options == ["2024-01-05 · 海南省市场监管局签约", "2024-02-10 · 计量院成果"]
    assert reader_title(at) is None                          # a drill-down opens no article before one is chosen
    opener.set_value(2).run()
    assert reader_title(at) == "计量院成果"


def test_overview_period_and_source_boxes():
    at = run("overview")
    at.selectbox(key="ov_tl_drill_pick").set_value("2024-03-01").run()
    assert drill_heading(at) == ["所选项对应的文章:2024\\-03\\-01 — 1 篇文章"]   # (md_escape)
    assert at.selectbox(key="ov_tl_drill_open").options == ["2024-03-01 · 热作所"]
    at.selectbox(key="ov_tl_drill_pick").set_value(None).run()
    at.selectbox(key="ov_src_drill_pick").set_value("甲").run()
    assert drill_heading(at) == ["所选项对应的文章:甲 — 2 篇文章"]
    assert at.selectbox(key="ov_src_drill_open").options == ["2024-01-05 · 海南省市场监管局签约", "通知"]


def test_overview_keyword_box_lists_the_charts_terms():
    at = run("overview")
    box = at.selectbox(key="ov_kw_drill_pick")
    assert "海南省市场监督管理局" in box.options and "中国计量科学研究院" in box.options
    box.set_value("中国计量科学研究院").run()
    assert drill_heading(at) == ["所选项对应的文章:中国计量科学研究院 — 2 篇文章"]


# --- 机构: ranking bars and network nodes ----------------------------------------------------------------------------
def test_agencies_ranking_and_network_boxes():
    at = run("agencies")
    box = at.selectbox(key="ag_rank_drill_pick")
    assert box.label == "查看提及该机构的文章"
    assert box.options == ["海南省市场监督管理局", "中国计量科学研究院", "中国标准化研究院"]
    box.set_value("海南省市场监督管理局").run()
    assert not at.exception
    assert drill_heading(at) == ["所选项对应的文章:海南省市场监督管理局 — 3 篇文章"]
    at.selectbox(key="ag_rank_drill_articles_open").set_value(4).run()
    assert reader_title(at) == "热作所"
    at.radio(key="ag_view").set_value("network").run()
    net = at.selectbox(key="ag_net_drill_pick")
    assert sorted(net.options) == ["中国标准化研究院", "中国计量科学研究院", "海南省市场监督管理局"]
    net.set_value("中国标准化研究院").run()
    assert drill_heading(at) == ["所选项对应的文章:中国标准化研究院 — 1 篇文章"]


# --- 关键词: the top-terms bars ---------------------------------------------------------------------------------------
def test_keywords_box_lists_the_bars_in_ranking_order():
    at = run("keywords")
    box = at.selectbox(key="kw_fig_pick")
    table = next(d.value for d in at.dataframe if "tfidf" in d.value.columns)
    assert box.options == table["term"].head(40).tolist()
    box.set_value("中国计量科学研究院").run()               # an agency name is one word (ids 1 and 2)
    assert not at.exception
    assert drill_heading(at) == ["所选项对应的文章:中国计量科学研究院 — 2 篇文章"]
    at.selectbox(key="kw_fig_drill_open").set_value(1).run()
    assert reader_title(at) == "海南省市场监管局签约"


# --- 政策: the most-cited bars and the network nodes -------------------------------------------------------------------
def policy_page(view: str) -> AppTest:
    at = AppTest.from_file(page_file("policy"), default_timeout=180)
    at.session_state[DATASET_KEY] = policy_dataset()
    at.session_state["po_view"] = view
    at.run()
    assert not at.exception
    return at


def test_policy_network_box_opens_the_document_and_its_citers():
    at = policy_page("po.view_network")
    box = at.selectbox(key="po_net_pick")
    assert box.label == "查看该文件及引用它的句子"
    assert "河北省引黄工程运行管理规定(编号 1)" in box.options
    box.set_value((1, "河北省引黄工程运行管理规定")).run()
    assert not at.exception
    assert "引用《河北省引黄工程运行管理规定》的句子" in [m.value for m in at.markdown]
    assert drill_heading(at) == ["所选项对应的文章:河北省引黄工程运行管理规定 — 1 篇文章"]


def test_policy_most_cited_box_lists_only_documents_in_the_corpus():
    at = policy_page("po.view_cited")
    box = at.selectbox(key="po_cited_pick")
    assert box.label == "查看引用该文件的句子"
    # 《中华人民共和国水法》 is cited too, but is no document of the corpus: nothing to open, so not listed
    assert box.options == ["河北省引黄工程运行管理规定", "河北省用水管理办法"]
    box.set_value(("河北省引黄工程运行管理规定", "1")).run()
    assert "引用《河北省引黄工程运行管理规定》的句子" in [m.value for m in at.markdown]


# --- the click and the box are one choice ------------------------------------------------------------------------------
def synced_app():
    import streamlit as st

    from ui.drill import synced_choice

    options = st.session_state.get("options", ["甲", "乙", "丙"])
    got = synced_choice(st.session_state.get("click"), options, "box", "查看")
    st.write(f"chosen={got}")


def chosen(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("chosen="))


def test_a_click_sets_the_box_and_the_box_overrides_the_click():
    at = AppTest.from_function(synced_app).run()
    assert chosen(at) == "chosen=None"
    at.session_state["click"] = "乙"                        # a click on the bar 乙
    at.run()
    assert chosen(at) == "chosen=乙" and at.selectbox(key="box").value == "乙"
    at.selectbox(key="box").set_value("丙").run()           # then the keyboard: the box wins, the click stays
    assert chosen(at) == "chosen=丙"
    at.run()                                                # another rerun (e.g. a filter): still 丙
    assert chosen(at) == "chosen=丙"
    at.session_state["click"] = "甲"                        # a new click sets the box again
    at.run()
    assert chosen(at) == "chosen=甲"
    at.session_state["click"] = None                        # the click cleared (double click on the chart)
    at.run()
    assert chosen(at) == "chosen=None" and at.selectbox(key="box").value is None


def test_a_choice_no_longer_offered_is_dropped():
    at = AppTest.from_function(synced_app).run()
    at.selectbox(key="box").set_value("丙").run()
    at.session_state["options"] = ["甲", "乙"]              # the filters changed: 丙 is no bar any more
    at.run()
    assert not at.exception
    assert chosen(at) == "chosen=None"
    at.session_state["click"] = "丁"                        # a click on something not offered (not choosable)
    at.run()
    assert chosen(at) == "chosen=None"


# --- the figures' points as a click hands them back --------------------------------------------------------------------
def test_figure_points_in_reading_order():
    from analysis.figures.keywords import top_terms_figure
    from analysis.figures.overview import bar_figure

    top = pd.DataFrame({"term": ["计量", "标准", "认证"], "count": [9, 5, 2], "documents": [4, 3, 1]})
    points = figure_points(top_terms_figure(top))
    assert [first_custom(p) for p in points] == ["计量", "标准", "认证"]   # drawn bottom-up, read top-down
    assert points[0] == {"customdata": ["计量", 4], "x": 9, "y": "计量", "curve_number": 0, "point_number": 2}
    sources = pd.DataFrame({"source": ["甲", "乙"], "articles": [3, 1]})
    assert [first_custom(p) for p in figure_points(bar_figure(sources, "source", "articles", "t"))] == ["甲", "乙"]
    reversed_axis = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", customdata=[["a", "1"], ["b", ""]]))
    reversed_axis.update_yaxes(autorange="reversed")          # the most-cited chart: first bar on top already
    assert [cited_document(p) for p in figure_points(reversed_axis)] == [("a", "1"), None]
    assert figure_points(go.Figure()) == []


def test_network_points_only_nodes_are_choosable():
    fig = go.Figure([go.Scatter(x=[0, 1, None], y=[0, 1, None], mode="lines"),
                     go.Scatter(x=[0, 1], y=[0, 1], mode="markers", customdata=[[7, "规定", 2], [9, "办法", 1]])])
    assert [network_document(p) for p in figure_points(fig)] == [None, None, None, (7, "规定"), (9, "办法")]


# --- 时间线: every bar, not only the spikes --------------------------------------------------------------------------
def test_timeline_box_lists_the_spikes_then_every_other_bar():
    from tests.views.test_timeline_page import dataset as weekly

    at = AppTest.from_file(page_file("timeline"), default_timeout=180)
    at.session_state[DATASET_KEY] = weekly()
    at.session_state["tl_freq"] = "week"
    at.run()
    assert not at.exception
    box = at.selectbox(key="tl_pick_volume")
    weeks = [f"2024-W{w:02d}" for w in range(1, 13)]
    # the spike (W10: 15 articles against 3 a week) first and open, then the other eleven weeks in order
    assert box.options == ["文章 · 2024-W10"] + [f"文章 · {w}" for w in weeks if w != "2024-W10"]
    assert box.value == ("2024-W10", "articles")
    drilled = next(d.value for d in at.dataframe if "title" in d.value.columns)
    assert len(drilled) == 15
    box.set_value(("2024-W03", "articles")).run()              # a week without a spike, by keyboard
    assert not at.exception
    drilled = next(d.value for d in at.dataframe if "title" in d.value.columns)
    assert drilled["title"].tolist() == ["标题7", "标题8", "标题9"]
