"""Agency defects a fresh tester found on 30 Nov (tester-s15): A8 — another country's ministry counted as China's
when a title or a list stands between the country and the ministry, or when the ministry is named again after
the country's (analysis.agency_glue.foreign_ministry)."""
from __future__ import annotations

import pytest

from analysis.agencies import AgencyMatcher
from tests.test_agency_kinds import matcher, no_user_table  # noqa: F401 - the project table, no user table


def chinese(matcher: AgencyMatcher, text: str) -> list[str]:
    """The table bodies (China's) a text names: canonical names of mentions with no foreign country in them."""
    return [m["agency"] for m in matcher.match_article("", text)
            if m["agency"] in {"财政部", "司法部", "国防部", "外交部", "国务院", "商务部"}]


@pytest.mark.parametrize("text", [
    "国务院总理李强16日在京会见新加坡副总理兼财政部长黄循财。",        # the tester's file, sentences 2, 5, 6, 8, 9
    "据报道，美国司法部计划就两起空难事故对波音公司提起刑事诉讼。目前，司法部已经向波音公司发出通知。",
    "法国经济和财政部长勒梅尔表示，欧盟考虑采取报复措施。",
    "委内瑞拉内政和司法部长卡贝洛表示，供电已经恢复。",
    "波兰副总理兼国防部长布瓦什恰克表示，将向乌克兰提供坦克。",
    "王毅同巴基斯坦副总理兼外交部长达尔举行会谈。",                      # /tmp/t15/h/foreign2.jsonl
    "习近平会见来访的新西兰总理和外交部长。",
    "韩国外交部当天发表声明。外交部同时表示欢迎。",
    "美国国务院和司法部17日拒绝对此发表评论。",
    "美国土安全部长和司法部长分别在今年3月和4月离职。",
])
def test_another_countrys_ministry_is_not_chinas(matcher, text):
    assert chinese(matcher, text) == (["国务院"] if text.startswith("国务院") else [])


@pytest.mark.parametrize("text, expected", [
    ("中共中央政治局委员、外交部长王毅会见新加坡外交部长维文。", ["外交部"]),   # China's minister first
    ("美国国务卿布林肯会见外交部长王毅。", ["外交部"]),                      # 会见: another predicate
    ("美国财政部长耶伦与中国财政部长蓝佛安通话。", ["财政部"]),              # 中国 again
    ("财政部长蓝佛安与美国财长耶伦举行视频通话。", ["财政部"]),              # the country after
    ("针对美国国防部报告，国防部新闻发言人吴谦表示坚决反对。", ["国防部"]),  # China's spokesman answers
    ("美国司法部起诉该公司。\n司法部召开全国司法行政工作会议。", ["司法部"]),   # a new paragraph
    ("商务部新闻发言人表示，美方做法违反世贸规则。", ["商务部"]),
])
def test_chinas_ministries_stay(matcher, text, expected):
    assert chinese(matcher, text) == expected
