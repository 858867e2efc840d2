"""The sidebar's agency choices and query hint (``ui.filter_options``, tester-s15 F1 and F2) under AppTest with
the whole app: the agency filter offers the bodies the pages count (no foreign government bodies, no news
organisations unless the 机构 page's switches count them), has no "Select N matches" row for Enter to take, and
the query hint counts within the other filters."""
from __future__ import annotations

from datetime import date

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.schema import coerce_articles
from tests.ui.test_app import APP, count_caption, library_dir  # noqa: F401
from ui.state import DATASET_KEY, Dataset

#: the domestic 国家统计局 is named in rows 1, 2, 5 and (as the parent of its 服务业调查中心, as the matcher counts
#: it) row 4; row 3 names only 英国国家统计局 (foreign), row 5 also 新华通讯社 (a news organisation)
ROWS = [("国家统计局发布数据", "2024-01-05", "国家统计局今天发布1月份居民消费价格数据。"),
        ("统计数据解读", "2024-02-10", "国家统计局新闻发言人解读统计数据。"),
        ("英国通胀回落", "2024-03-01", "英国国家统计局公布的数据显示,通胀回落。"),
        ("采购经理指数", "2024-04-02", "国家统计局服务业调查中心和中国物流与采购联合会发布采购经理指数。"),
        ("季度数据", "2024-05-06", "新华通讯社与国家统计局联合发布季度数据。"),
        ("计量工作", "2024-06-07", "各地开展计量工作。")]


def dataset() -> Dataset:
    arts = coerce_articles(pd.DataFrame({"title": [r[0] for r in ROWS], "date": [r[1] for r in ROWS],
                                         "body": [r[2] for r in ROWS], "source": "甲"}))
    return Dataset(name="统计", articles=arts)


def app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["ws"] = "test-workspace-0001"
    at.session_state[DATASET_KEY] = dataset()
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def test_agency_filter_offers_only_the_bodies_the_pages_count():
    at = app()
    agencies = at.sidebar.multiselect(key="wj_f_agencies")
    assert agencies.options == ["国家统计局", "国家统计局服务业调查中心"]      # no 英国国家统计局, no 新华通讯社
    # no bulk "Select all" / "Select N matches" row: Enter after typing 国家统计局 chose all matching names
    assert agencies.proto.select_all == 0
    agencies.set_value(["国家统计局"]).run()
    assert count_caption(at) == "筛选后 4 / 6 篇"      # rows 1, 2, 4, 5; not row 3 (英国国家统计局)


def test_agency_filter_follows_the_agencies_page_switches():
    at = app("views/agencies.py")
    at.toggle(key="ag_foreign").set_value(True).run()
    assert at.sidebar.multiselect(key="wj_f_agencies").options == \
        ["国家统计局", "国家统计局服务业调查中心", "英国国家统计局"]
    at.sidebar.multiselect(key="wj_f_agencies").set_value(["英国国家统计局"]).run()
    assert count_caption(at) == "筛选后 1 / 6 篇"
    at.toggle(key="ag_media").set_value(True).run()
    assert at.sidebar.multiselect(key="wj_f_agencies").options == \
        ["国家统计局", "国家统计局服务业调查中心", "新华通讯社", "英国国家统计局"]
    # switched off again: the chosen foreign body stays chosen and offered (last), not dropped unseen
    at.toggle(key="ag_foreign").set_value(False).run()
    at.toggle(key="ag_media").set_value(False).run()
    assert not at.exception
    assert at.sidebar.multiselect(key="wj_f_agencies").options == \
        ["国家统计局", "国家统计局服务业调查中心", "英国国家统计局"]
    assert at.sidebar.multiselect(key="wj_f_agencies").value == ["英国国家统计局"]
    assert count_caption(at) == "筛选后 1 / 6 篇"


def test_agency_level_facet_offers_no_foreign_level_by_default():
    at = app()
    assert at.sidebar.multiselect(key="wj_f_levels").options == ["国家级"]


def hint(at: AppTest) -> str:
    return next(c.value for c in at.sidebar.caption if c.value.startswith("按文本匹配"))


def test_query_hint_counts_within_the_other_filters():
    at = app()
    at.sidebar.text_input(key="wj_f_query").set_value("国家统计局 OR 计量").run()
    assert hint(at) == "按文本匹配(不分词,含更长的词内部):国家统计局 5 篇(作为整词 5 篇); 计量 1 篇(作为整词 1 篇)"
    at.sidebar.date_input(key="wj_f_dates").set_value((date(2024, 2, 1), date(2024, 5, 6))).run()
    # rows 2-5 are in the range: 国家统计局 in all four (as text, also inside 英国国家统计局), 计量 in none
    assert hint(at) == ("按文本匹配(不分词,含更长的词内部):国家统计局 4 篇(作为整词 4 篇); 计量 0 篇(作为整词 0 篇)"
                        " —— 只计其他筛选条件选出的 4 篇")
    assert count_caption(at) == "筛选后 4 / 6 篇"
    at.sidebar.multiselect(key="wj_f_agencies").set_value(["国家统计局"]).run()
    # rows 2, 4, 5 (row 3 names only the foreign body)
    assert hint(at).endswith("国家统计局 3 篇(作为整词 3 篇); 计量 0 篇(作为整词 0 篇) —— 只计其他筛选条件选出的 3 篇")


def test_query_hint_in_english_names_the_counted_set():
    at = app()
    at.sidebar.text_input(key="wj_f_query").set_value("计量").run()
    at.sidebar.date_input(key="wj_f_dates").set_value((date(2024, 6, 1), date(2024, 6, 7))).run()
    at.sidebar.radio(key="wj_lang").set_value("en").run()
    assert ("Matches the text (no tokenizing, inside longer words too): 计量 1 article (1 as a whole word)"
            " — counted in the 1 article the other filters keep") in [c.value for c in at.sidebar.caption]


def test_sidebar_filters_have_no_english_help_buttons_or_bulk_rows():
    """tester-s15 U12: Streamlit names a field's "?" button "Help for <label>" and a list's bulk row "Select all" /
    "Select N matches" in English; the sidebar's date range and query carry no help= (the date rule is the apply
    button's tooltip, the query syntax a caption under the empty field) and no filter list has the bulk row."""
    at = app()
    assert at.sidebar.date_input(key="wj_f_dates").proto.help == ""
    assert at.sidebar.button(key="wj_f_dates_apply").proto.help == \
        "在日历中点选即生效;手动输入的日期在点“应用日期”或点击别处(日历关闭)时生效,只按回车不生效。"
    query = at.sidebar.text_input(key="wj_f_query")
    assert query.proto.help == "" and query.proto.placeholder == "例:计量 OR 标准化 NOT 广告"
    captions = [c.value for c in at.sidebar.caption]
    assert "空格 = 且(AND),OR = 或,NOT 或 -词 = 排除;例:计量 OR 标准化 NOT 广告" in captions
    for key in ("wj_f_sources", "wj_f_agencies", "wj_f_levels", "wj_f_regions", "wj_f_types"):
        assert at.sidebar.multiselect(key=key).proto.select_all == 0, key
    query.set_value("计量").run()      # the hint takes the syntax's place
    captions = [c.value for c in at.sidebar.caption]
    assert "空格 = 且(AND),OR = 或,NOT 或 -词 = 排除;例:计量 OR 标准化 NOT 广告" not in captions
    assert "按文本匹配(不分词,含更长的词内部):计量 1 篇(作为整词 1 篇)" in captions
