"""Kinds of bodies and the central table's coverage: historical central names and their abbreviations found
in real sentences, news organisations typed ``media``, and the one rule that leaves foreign and media bodies
out of the rankings (``government_mentions``, used by the CLI, the 机构 and 概览 pages and ``agency_counts``)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, agency_summary, find_mentions, government_mentions, mention_status
from analysis.agency_table import is_media, load_agencies, media_names, split_aliases
from analysis.overview import agency_counts
from analysis.schema import coerce_articles


@pytest.fixture(autouse=True)
def no_user_table(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher: AgencyMatcher, text: str) -> list[tuple[str, str]]:
    return [(m["surface"], m["agency"]) for m in matcher.match_article("", text)]


# --- central bodies of the 1998–2023 reforms -------------------------------------------------------------
def test_central_table_counts():
    t = load_agencies(user_path="")
    national = t[t["level"] == "national"]
    assert len(national) == 289  # 281 + the two liaison offices (香港中联办, 澳门中联办) added by matcher + 国家体彩中心, 中央电教馆 (recall) + 国家科学技术委员会, 国家农业委员会 (tester s15 A6) + 总后勤部卫生部, 中央军委后勤保障部卫生局 (tester s15 P17)
    # (历史机构 75 → 77: 国家科学技术委员会, 国家农业委员会 added, tester s15 A6; → 78: 总后勤部卫生部, P17)
    assert national["type"].value_counts()[["历史机构", "media", "牌子"]].tolist() == [78, 8, 22]


@pytest.mark.parametrize("canonical, aliases", [
    ("国家安全生产监督管理总局", {"国家安全监管总局", "安全监管总局", "安监总局", "国家安监总局"}),
    ("国土资源部", {"国土部"}),
    ("建设部", {"国家建设部"}),
    ("新闻出版总署", {"国家新闻出版总署"}),
    ("中国银行业监督管理委员会", {"银监会", "中国银监会"}),
    ("中国保险监督管理委员会", {"保监会", "中国保监会"}),
    ("中国证券监督管理委员会", {"证监会", "中国证监会"}),
    ("国家质量监督检验检疫总局", {"国家质检总局", "质检总局"}),
    ("国家工商行政管理总局", {"国家工商总局", "工商总局"}),
    ("国家食品药品监督管理总局", {"国家食药监总局", "国家食品药品监管总局"}),
    ("环境保护部", {"环保部"}),
    ("国家计划生育委员会", {"国家计生委"}),
    ("国家发展计划委员会", {"国家计委"}),
    ("国家科学技术委员会", {"国家科委"}),               # tester s15 A6: 180 mentions in 13 Hebei documents
    ("国家人口和计划生育委员会", {"国家人口计生委"}),
    ("国家电力监管委员会", {"电监会", "国家电监会"}),
    ("中国民用航空总局", {"民航总局"}),
    ("国家档案局", {"中央档案馆"}),                   # 牌子: one body, two names
    ("国家保密局", {"中央保密委员会办公室", "中央保密办"}),
    ("卫生部", {"中国卫生部"}),
    ("铁道部", {"国家铁道部"}),
    ("国务院新闻办公室", {"国新办", "国务院新闻办"}),
    ("香港金融管理局", {"香港金管局"}),               # bare 金管局 is left out: cities have 金管局 too
])
def test_historical_bodies_and_their_abbreviations(canonical, aliases):
    t = load_agencies(user_path="").set_index("canonical")
    assert set(split_aliases(t.loc[canonical, "aliases"])) >= aliases


@pytest.mark.parametrize("name", ["卫生部", "铁道部", "农业部", "文化部", "国家旅游局", "国家林业局", "交通部",
                                  "国家版权局", "中央机构编制委员会", "全国社会保障基金理事会", "国家自然科学基金委员会"])
def test_bodies_in_the_table(name):
    assert name in set(load_agencies(user_path="")["canonical"])


@pytest.mark.parametrize("text, expected", [
    # ../shared/cases BR-2-15 (a 2017 database export): the abbreviations as written
    ("根据原国家安全监管总局等部门联合印发的备忘录，江苏省应急管理厅公示。",
     [("国家安全监管总局", "国家安全生产监督管理总局"), ("江苏省应急管理厅", "江苏省应急管理厅")]),
    ("近年来，国土资源部多措并举，国土部还印发通知。",
     [("国土资源部", "国土资源部"), ("国土部", "国土资源部")]),
    # my own: a 2007 sentence and a 2012 sentence
    ("建设部、卫生部和铁道部联合检查，国家建设部有关负责人表示。",
     [("建设部", "建设部"), ("卫生部", "卫生部"), ("铁道部", "铁道部"), ("国家建设部", "建设部")]),
    ("新闻出版总署会同国家广播电影电视总局、银监会、保监会和证监会部署工作。",
     [("新闻出版总署", "新闻出版总署"), ("国家广播电影电视总局", "国家广播电影电视总局"),
      ("银监会", "中国银行业监督管理委员会"), ("保监会", "中国保险监督管理委员会"), ("证监会", "中国证券监督管理委员会")]),
    ("国家质检总局、国家工商总局、国家食药监总局、国家林业局和国家旅游局发布通知。",
     [("国家质检总局", "国家质量监督检验检疫总局"), ("国家工商总局", "国家工商行政管理总局"),
      ("国家食药监总局", "国家食品药品监督管理总局"), ("国家林业局", "国家林业局"), ("国家旅游局", "国家旅游局")]),
    ("1990年7月27日原国家科委印发的规定与1988年国家科学技术委员会令第2号。",
     [("国家科委", "国家科学技术委员会"), ("国家科学技术委员会", "国家科学技术委员会")]),
    ("发文单位：国家科学技术委员会国家农业委员会　　发文时间：1980年4月12日",   # a joint issuer without a separator
     [("国家科学技术委员会", "国家科学技术委员会"), ("国家农业委员会", "国家农业委员会")]),
    ("环保部、农业部、文化部、国家计生委和国家发展计划委员会召开会议。",
     [("环保部", "环境保护部"), ("农业部", "农业部"), ("文化部", "文化部"), ("国家计生委", "国家计划生育委员会"),
      ("国家发展计划委员会", "国家发展计划委员会")]),
])
def test_historical_names_in_sentences(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("公司人事部负责招聘。", []),           # bare 人事部 / 监察部 are company departments: not in the table
    ("集团纪检监察部开展检查。", []),
    ("坚持实事求是的原则。", []),           # 求是 alone is not 求是杂志社
    ("住房和城乡建设部发布通知。", ["住房和城乡建设部"]),  # 建设部 inside the current name is not the old ministry
])
def test_no_false_historical_matches(matcher, text, expected):
    assert [a for _, a in found(matcher, text)] == expected


# --- kinds of bodies ---------------------------------------------------------------------------------------
def test_media_names_and_endings():
    names = media_names(load_agencies(user_path=""))
    assert names == {"新华通讯社", "中央广播电视总台", "人民日报社", "光明日报社", "经济日报社", "中国日报社",
                     "求是杂志社", "中国新闻社"}
    assert is_media("中央广播电视总台", names) and is_media("石家庄市融媒体中心") and is_media("江门电视台")
    assert not is_media("国家广播电视总局", names) and not is_media("海南省广播电视局", names)


def mentions_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "row": [0, 0, 0, 1, 1, 1, 1],
        "agency": ["国务院", "美国国务院", "中央广播电视总台", "建设部", "石家庄市融媒体中心", "", "国务院"],
        "level": ["national", "foreign", "national", "national", "municipal", "provincial", "national"],
        "parent": [""] * 7,
        "resolved": [True, True, True, True, True, False, True],
    })


def test_mention_status():
    m = mentions_frame()
    assert mention_status(m).tolist() == ["current", "foreign", "media", "historical", "media", "", "current"]
    assert mention_status(m.iloc[:0]).tolist() == []


def test_government_mentions_is_the_one_rule():
    m = mentions_frame()
    assert government_mentions(m)["agency"].tolist() == ["国务院", "建设部", "", "国务院"]
    assert government_mentions(m, include_foreign=True)["agency"].tolist() == ["国务院", "美国国务院", "建设部", "",
                                                                               "国务院"]
    assert government_mentions(m, include_media=True)["agency"].tolist() == [
        "国务院", "中央广播电视总台", "建设部", "石家庄市融媒体中心", "", "国务院"]
    assert government_mentions(m, include_foreign=True, include_media=True) is m
    assert government_mentions(m.drop(columns="level"))["agency"].tolist() == ["国务院", "美国国务院", "建设部", "",
                                                                               "国务院"]
    # agency_counts (概览, sidebar) uses the same rule
    assert agency_counts(m, include_foreign=False, include_media=False).to_dict("list") == {
        "agency": ["国务院", "建设部"], "mentions": [2, 1], "documents": [2, 1]}
    assert agency_counts(m)["agency"].tolist() == ["国务院", "中央广播电视总台", "建设部", "石家庄市融媒体中心",
                                                   "美国国务院"]


def test_reporter_credit_and_media_in_a_news_item():
    articles = coerce_articles(pd.DataFrame({
        "title": ["国务院常务会议"],
        "body": ["央视网消息：中央广播电视总台与人民日报社签署合作协议。国务院常务会议研究部署工作。"
                 "国务院要求各地落实。"]}))
    mentions = find_mentions(articles)
    assert mention_status(mentions).tolist() == ["current", "media", "media", "current", "current"]
    assert agency_summary(government_mentions(mentions))[["agency", "mentions"]].values.tolist() == [["国务院", 3]]
    assert np.array_equal(government_mentions(mentions, include_media=True).index, mentions.index)


def test_local_branches_of_old_regulators_roll_up_with_their_branch():
    from analysis.agency_history import roll_up

    articles = coerce_articles(pd.DataFrame({"title": [""], "body": ["中国银监会河北监管局和中国保监会石家庄监管分局检查。"]}))
    mentions = find_mentions(articles)
    assert mentions[["agency", "parent"]].values.tolist() == [
        ["中国银行业监督管理委员会河北监管局", "中国银行业监督管理委员会"],
        ["中国银行业监督管理委员会", ""],
        ["中国保险监督管理委员会石家庄监管分局", "中国保险监督管理委员会"],
        ["中国保险监督管理委员会", ""]]
    assert mention_status(mentions).tolist() == ["historical"] * 4
    assert roll_up(mentions)["agency"].tolist() == ["国家金融监督管理总局河北监管局", "国家金融监督管理总局",
                                                    "国家金融监督管理总局石家庄监管分局", "国家金融监督管理总局"]
