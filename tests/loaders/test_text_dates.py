"""Dates on scraped text pages (issue 11, BR-2-08): the forms and places a page states its date in."""
from __future__ import annotations

import pytest

from analysis.meta_lines import is_publish_label_line, parse_meta_line
from analysis.loaders.text import parse_text_page

BODY = "某局召开会议，部署全年重点工作，要求各单位抓好落实，确保各项任务按期完成。"


def _page(*lines: str) -> str:
    return "\n".join(["某市门户网站", "首页 新闻中心 政务公开", *lines, BODY, "版权所有：某市人民政府"])


# (lines between the menu and the body, title, date, source, date_source, written_date)
CASES = [
    (["某局召开全年工作会议", "发布时间：2023 05 06 来源：某局"], "某局召开全年工作会议", "2023-05-06", "某局", "label", None),
    (["某局召开全年工作会议", "发布日期：20230506"], "某局召开全年工作会议", "2023-05-06", "", "label", None),
    (["某局召开全年工作会议", "来源：新华网 2021-11-25 16:26:07"], "某局召开全年工作会议", "2021-11-25", "新华网",
     "label", None),
    (["某局召开全年工作会议", "来源：人民网  2021年11月25日"], "某局召开全年工作会议", "2021-11-25", "人民网", "label", None),
    (["某署召開全年工作會議", "發布日期：112-05-06 資料來源：某署"], "某署召開全年工作會議", "2023-05-06", "某署", "label", None),
    (["某署召開全年工作會議", "發佈時間：民國112年5月6日"], "某署召開全年工作會議", "2023-05-06", "", "label", None),
    # a publish label whose value cannot be read is still a metadata line: never the title
    (["某局召开全年工作会议", "发布时间：待定", "来源：某局"], "某局召开全年工作会议", None, "某局", "", None),
    (["发布时间：未知", "某局召开全年工作会议", "2023-05-06 来源：某局"], "某局召开全年工作会议", "2023-05-06", "某局",
     "label", None),
    (["某局召开全年工作会议", "發布日期：--", "來源：某局"], "某局召开全年工作会议", None, "某局", "", None),
    # 政府信息公开: both 成文日期 and 发布日期 — date is the 发布日期
    (["关于印发某某办法的通知", "索引号：000014349/2023-00010", "发文机关：某市人民政府", "成文日期：2023年05月04日",
      "发布日期：2023年05月06日"], "关于印发某某办法的通知", "2023-05-06", "", "label", "2023-05-04"),
    (["关于印发某某办法的通知", "成文日期：2023-05-04 发布日期：2023-05-06"], "关于印发某某办法的通知", "2023-05-06", "",
     "label", "2023-05-04"),
]


@pytest.mark.parametrize("lines,title,date,source,date_source,written", CASES, ids=[c[0][-1][:12] for c in CASES])
def test_text_page_dates(lines, title, date, source, date_source, written):
    art = parse_text_page(_page(*lines), "p.txt", extras=True)
    got = {k: (v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else v) for k, v in art.items()}
    assert (got["title"], got["date"], got["source"], got["date_source"], got["written_date"]) == (
        title, date, source, date_source, written)
    # a 政府信息公开 block stays at the body's head (analysis.policy reads 文号/发文机关 from it)
    assert got["body"] == BODY or (got["body"].endswith(BODY) and got["body"].startswith("索引号"))


@pytest.mark.parametrize("line, is_publish", [
    ("发布时间：待定", True), ("發布日期：--", True), ("【发布日期：】", True), ("发布时间:2999-01-01", True),
    ("发布时间表明确了各项任务。", False), ("时间：待定", False), ("某局发布时间：2023-05-06", False),
])
def test_publish_label_lines(line, is_publish):
    assert is_publish_label_line(line) is is_publish


def test_unreadable_publish_value_is_a_meta_line_but_a_refused_day_is_not():
    assert parse_meta_line("发布时间：待定") is not None
    assert parse_meta_line("发布时间：2999-01-01") is None      # stays in the body for the reader to see
    assert parse_meta_line("发布时间表明确了各项任务，要求按期完成。") is None
