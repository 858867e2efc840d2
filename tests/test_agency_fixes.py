"""Agency defects found on real government documents (tester report 2026-11-29, items 1.1–1.6): generic plural
addressees, bare forms after 报 / 提交 / 第N条, signature lines without a break, names broken by a line end and
aliases of one body. Sentences are taken from the Hebei 产业政策 CSV and the bjtcm notices (small fixtures)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, agency_summary, find_mentions, unresolved_summary
from analysis.agency_rules import bare_ok, generic_start
from analysis.agency_table import load_agencies
from analysis.schema import coerce_articles

HEBEI_SOURCE = "河北省工业和信息化厅"
BJ_SOURCE = "北京市中医管理局"


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    """The project's table only (a user's edits under data/user must not change these results)."""
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher, body: str, title: str = "", source: str = "") -> list[tuple[str, str]]:
    """(surface, agency) of each mention in the body, in order."""
    return [(m["surface"], m["agency"]) for m in matcher.match_article(title, body, source) if m["field"] == "body"]


def summary(matcher, body: str, source: str) -> list[dict]:
    a = coerce_articles(pd.DataFrame({"title": [""], "body": [body], "source": [source], "date": [None],
                                      "file": ["f1.txt"]}))
    return agency_summary(find_mentions(a, matcher))[["agency", "mentions"]].to_dict("records")


# --- 1.3 / 1.5: a class of bodies is no body ----------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "第三条 各市、县政府负责园区的建设管理。",          # H art. 3
    "经市、县政府批准，可继续按原用途使用。",            # H art. 16
    "落实培育“领跑者”企业市、县政府属地责任。",          # H art. 14
])
def test_city_and_county_governments_are_no_county(matcher, body):
    # the addressee list names 辛集市 / 邱县 elsewhere: it was taken as the county of 县政府
    assert found(matcher, body + "各市（含定州、辛集市）、邱县", source=HEBEI_SOURCE) == []


def test_every_district_commission_is_no_district(matcher):
    body = "各区卫生健康委、各有关单位：\n北京市中医管理局科教处\n地址：西城区枣林前街70号"
    assert found(matcher, body, source=BJ_SOURCE) == [
        ("北京市中医管理局科教处", "北京市中医管理局科教处"), ("北京市中医管理局", "北京市中医管理局")]


def test_every_district_health_family_planning_commission_is_no_body(matcher):
    # 计生委 inside 卫生计生委 was read as 北京市人口和计划生育委员会
    assert found(matcher, "各区卫生计生委：\n依照《中华人民共和国中医药法》", source=BJ_SOURCE) == []
    assert found(matcher, "在征求各区卫生计生委和医疗机构的意见后", source=BJ_SOURCE) == []


def test_the_applicants_district_is_no_district(matcher):
    body = "属医院直接报送，其它机构以所在区卫生健康委或中医药社会团体名义推荐。西城区"
    assert found(matcher, body, source=BJ_SOURCE) == []


def test_a_region_in_a_street_address_resolves_nothing(matcher):
    body = "请区卫生健康委审核。北京市中医管理局科教处 西城区枣林前街70号"
    got = [(m["surface"], m["agency"], m["resolved"]) for m in matcher.match_article("", body, "")]
    assert got[0] == ("区卫生健康委", "", False)
    # a region named in the text (not an address) still resolves it
    assert found(matcher, "请区卫生健康委审核。西城区开展工作") == [("区卫生健康委", "北京市西城区卫生健康委员会")]


def test_regional_ethics_committee_is_no_district_body(matcher):
    body = "鼓励石家庄市成立创新药物、医疗器械临床实验的区域伦理委员会，推进伦理审查互认。沧州渤海新区"
    assert found(matcher, body, source=HEBEI_SOURCE) == []


@pytest.mark.parametrize("text, i, start", [
    ("各区卫生健康委", 1, 0), ("各市、县政府", 3, 0), ("经市、县政府批准", 3, 1), ("所在区卫生健康委", 2, 0),
    ("由省商务厅", 1, -1), ("石家庄市、县", 5, 3), ("各区县卫生局", 2, 0), ("由区县卫生局", 2, 1), ("由省市场监管局", 1, -1),
])
def test_generic_start(text, i, start):
    assert generic_start(text, i) == start


# --- 1.1 / 1.2: bare forms after 报 / 提交 / 第N条 and 药品监管局 ------------------------------------------------
def test_article_numbers_and_submitting_verbs_before_a_bare_form(matcher):
    body = ("第六条省工业和信息化厅每年发布申报通知。第九条省工业和信息化厅对申报项目进行审核。"
            "第十一条省工业和信息化厅组织专家评审。申报材料提交省工业和信息化厅。"
            "将有关情况报省工业和信息化厅。申报文件报送省工业和信息化厅，分报省发展改革委。")
    assert summary(matcher, body, HEBEI_SOURCE) == [
        {"agency": "河北省工业和信息化厅", "mentions": 6}, {"agency": "河北省发展和改革委员会", "mentions": 1}]


def test_bare_ok_boundaries():
    assert bare_ok("第六条省工业和信息化厅", 3)
    assert bare_ok("提交省财政厅", 2)
    assert bare_ok("河北省工业和信息化厅省发展改革委", 10)
    assert not bare_ok("社区卫生", 1)        # 社 + 区: part of a word
    assert not bare_ok("各市政府", 1)        # a class of bodies
    assert not bare_ok("市、县政府", 2)


def test_drug_administration_short_form(matcher):
    body = "（责任单位：省药品监管局、省卫生健康委、省发展改革委、省药品监管局）"
    assert summary(matcher, body, HEBEI_SOURCE) == [
        {"agency": "河北省药品监督管理局", "mentions": 2}, {"agency": "河北省卫生健康委员会", "mentions": 1},
        {"agency": "河北省发展和改革委员会", "mentions": 1}]


# --- 1.4: signature lines and line breaks ---------------------------------------------------------------------
def test_signature_lines_without_a_break_are_separate_bodies(matcher):
    body = "河北省工业和信息化厅河北省发展和改革委员会\n河北省科学技术厅河北省自然资源厅\n2023年5月11日"
    assert found(matcher, body) == [
        ("河北省工业和信息化厅", "河北省工业和信息化厅"), ("河北省发展和改革委员会", "河北省发展和改革委员会"),
        ("河北省科学技术厅", "河北省科学技术厅"), ("河北省自然资源厅", "河北省自然资源厅")]


def test_a_clause_after_a_body_is_no_sub_unit(matcher):
    body = "第五条河北省工业和信息化厅负责河北省工业设计中心的认定和管理工作。"
    assert found(matcher, body) == [("河北省工业和信息化厅", "河北省工业和信息化厅")]
    # a district's branch is still a sub-unit
    assert found(matcher, "北京市市场监督管理局朝阳区分局")[0] == (
        "北京市市场监督管理局朝阳区分局", "北京市市场监督管理局朝阳区分局")


def test_a_name_broken_by_a_line_end_is_one_body(matcher):
    body = ("河北省教育厅河北省科学技术厅\n中国人民银行石家庄中心支行中国银行保险监督管理\n委员会河北监管局\n"
            "2023年5月11日")
    got = found(matcher, body)
    assert ("中国银行保险监督管理\n委员会河北监管局", "中国银行保险监督管理委员会河北监管局") in got
    assert not any(a == "河北监管局" for _s, a in got)
    # a name that ends its line is not joined to the next line's name
    assert found(matcher, "国家税务总局\n河北省税务局")[0] == ("国家税务总局", "国家税务总局")


def test_unresolved_lists_no_generic_form(matcher):
    a = coerce_articles(pd.DataFrame({"title": [""], "body": ["各市、县政府负责。市政府负责。"], "source": [""],
                                      "date": [None], "file": ["f1.txt"]}))
    assert unresolved_summary(find_mentions(a, matcher)).to_dict("records") == [
        {"surface": "市政府", "level": "municipal", "mentions": 1, "documents": 1}]


# --- 1.6: aliases of one body ------------------------------------------------------------------------------------
def test_regulator_offices_are_named_with_the_short_province(matcher):
    body = "河北省证监局、省证监局、河北证监局、省银保监局、河北银保监局、北京银保监局、北京市银保监局、大连银保监局"
    assert summary(matcher, body, HEBEI_SOURCE) == [
        {"agency": "河北证监局", "mentions": 3}, {"agency": "北京银保监局", "mentions": 2},
        {"agency": "河北银保监局", "mentions": 2}, {"agency": "大连银保监局", "mentions": 1}]


def test_provincial_forestry_keeps_its_written_name(matcher):
    # 河北省林业和草原局 (2018 reform); others kept 林业局 (广东省林业局), cities differ too: no name is invented
    assert found(matcher, "（责任单位：省林业和草原局、省自然资源厅）", source=HEBEI_SOURCE) == [
        ("省林业和草原局", "河北省林业和草原局"), ("省自然资源厅", "河北省自然资源厅")]
    assert found(matcher, "广东省林业局发布通知") == [("广东省林业局", "广东省林业局")]
    assert found(matcher, "承德市林业和草原局发布通知") == [("承德市林业和草原局", "承德市林业和草原局")]


def test_beijing_tcm_bureau_short_name(matcher):
    body = "以官网“百姓心声”栏目、微博“北京中医局”、微信公众号等渠道。北京市中医管理局"
    assert summary(matcher, body, BJ_SOURCE) == [{"agency": "北京市中医管理局", "mentions": 2}]


def test_a_title_run_into_the_issuers_line(matcher):
    body = "河北省加快推进钢铁产业高质量发展的若干措施省工业和信息化厅 省发展改革委 省生态环境厅\n为深入贯彻"
    assert found(matcher, body, source=HEBEI_SOURCE) == [
        ("省工业和信息化厅", "河北省工业和信息化厅"), ("省发展改革委", "河北省发展和改革委员会"),
        ("省生态环境厅", "河北省生态环境厅")]


def test_aliases_show_a_broken_name_without_the_break(matcher):
    body = "中国人民银行石家庄中心支行中国银行保险监督管理\n委员会河北监管局\n中国银行保险监督管理委员会河北监管局"
    got = agency_summary(find_mentions(coerce_articles(pd.DataFrame(
        {"title": [""], "body": [body], "source": [""], "date": [None], "file": ["f1.txt"]})), matcher))
    row = got[got["agency"] == "中国银行保险监督管理委员会河北监管局"].iloc[0]
    assert (row["mentions"], row["aliases"]) == (2, "中国银行保险监督管理委员会河北监管局")


def test_every_district_and_county_is_no_body(matcher):
    # 计生委 inside 卫生计生委 after 各区县 was read as 北京市人口和计划生育委员会
    assert found(matcher, "各区县卫生计生委、各有关单位：", source=BJ_SOURCE) == []
    assert found(matcher, "（责任单位：省政务服务管理办公室，各市县政府）", source=HEBEI_SOURCE) == [
        ("省政务服务管理办公室", "河北省政务服务管理办公室")]


# --- session recall (issue 15, the two defects left by agfix): one Hebei office, 林草局 written out ----------------
def test_the_hebei_government_services_office_is_one_body(matcher):
    body = ("材料报送省政务服务管理办公室、省发展改革委。河北省政务服务管理办公室负责组织实施，"
            "省政务服务办负责督促检查，省政务服务办公室汇总。")
    assert summary(matcher, body, HEBEI_SOURCE)[:2] == [
        {"agency": "河北省政务服务管理办公室", "mentions": 4}, {"agency": "河北省发展和改革委员会", "mentions": 1}]
    # another province's office keeps its own written name (no rule invents 政务服务管理办公室 for it)
    assert found(matcher, "天津市政务服务办公室发布通知") == [("天津市政务服务办公室", "天津市政务服务办公室")]


def test_lincao_ju_is_written_out(matcher):
    assert found(matcher, "（责任单位：省林草局、省水利厅）", source=HEBEI_SOURCE) == [
        ("省林草局", "河北省林业和草原局"), ("省水利厅", "河北省水利厅")]
    assert found(matcher, "承德市林草局发布通知") == [("承德市林草局", "承德市林业和草原局")]
    assert found(matcher, "广东省林业局发布通知") == [("广东省林业局", "广东省林业局")]   # 林业局 stays 林业局


def test_a_national_body_glued_after_another_is_no_sub_unit(matcher):
    assert found(matcher, "国家林业和草原局国务院扶贫办关于印发通知") == [
        ("国家林业和草原局", "国家林业和草原局"), ("国务院扶贫办", "国务院扶贫开发领导小组办公室")]


# --- session terms: an ordinary noun + 区 inside a compound noun; a region setting a body up ---------------------
def test_an_estuary_area_is_no_district(matcher):
    """河北省海洋环境保护管理规定: 重点河口区建设 = building in key estuary areas (河口 = estuary), not 东营市河口区,
    so a bare 市政府 in the same text is not read as 东营市人民政府."""
    text = "严格限制在重点海湾、重点河口区建设海岸、海洋工程建设项目；确需建设的，报市政府批准。"
    assert matcher._context_regions(text, matcher.scan(text)) == []
    assert [(m["surface"], m["agency"], m["region"]) for m in matcher.match_article("", text)] == [("市政府", "", "")]
    # the district itself is still read: after its city, after a verb, and before its government
    for text in ("推进河口区建设，报市政府批准。", "东营市河口区建设，报市政府批准。"):
        assert [(m["surface"], m["agency"]) for m in matcher.match_article("", text)] == [("市政府", "东营市人民政府")]
    assert found(matcher, "河口区人民政府召开会议") == [("河口区人民政府", "东营市河口区人民政府")]


def test_a_region_setting_up_a_body_does_not_name_it(matcher):
    """Hebei notice: 雄安新区设立市级组委会 is Xiong'an setting up a committee, no body 雄安新区设立市级组委."""
    assert found(matcher, "河北省各市（含定州、辛集市）及雄安新区设立市级组委会，负责本地活动的宣传动员。") == []
    assert found(matcher, "各地组建专班，河北雄安新区管理委员会负责统筹。") == [
        ("河北雄安新区管理委员会", "河北雄安新区管理委员会")]
