"""Agency defects A1–A3 of the tester's report tester-s13 (Hebei policy CSVs): items of an addressee list headed by
a class of bodies (各市（含定州、辛集市）…, 各级…) read as the province's bodies, signature blocks written without
separators glued into invented bodies, and bodies missed after 教育部 + 分别 or a person's name in a list of
officials. Short excerpts in the style of the cited documents (ids 34, 31, 2587, 1625, 191, 38, 112, 139, 335);
each rule has its negative (what must stay as it was). An item of a class list is an unresolved mention
(agency ""), as the list's first item always was."""
from __future__ import annotations

from collections import Counter

import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_glue import in_class_list
from analysis.agency_table import load_agencies

HEBEI_TITLE = "河北省人力资源和社会保障厅关于印发《河北省加快数字人才培育行动实施方案》的通知"


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    """The project's table only (a user's edits under data/user must not change these results)."""
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher, body: str, title: str = "", source: str = "", field: str = "body") -> list[tuple[str, str]]:
    """(surface, agency) of each mention in one field, in order."""
    return [(m["surface"], m["agency"]) for m in matcher.match_article(title, body, source) if m["field"] == field]


# --- A1: items of a list headed by a class of bodies ------------------------------------------------------------
def test_every_item_after_each_city_is_no_provincial_body(matcher):
    body = ("各市（含定州、辛集市）人力资源社会保障局、组织部、网信办、发展改革局、教育局、科技局、工业和信息化主管部门、"
            "财政局、国资委、数政局，雄安新区党群工作部：\n现将方案印发给你们。河北省教育厅、河北省科学技术厅配合。")
    assert found(matcher, body, HEBEI_TITLE) == [
        ("人力资源社会保障局", ""), ("网信办", ""), ("发展改革局", ""), ("教育局", ""), ("科技局", ""),
        ("河北省教育厅", "河北省教育厅"), ("河北省科学技术厅", "河北省科学技术厅")]


def test_bracketed_items_after_each_city_are_no_bodies(matcher):
    body = ("各市（含定州、辛集市）人力资源和社会保障局、公安局、住房公积金管理中心、卫生健康委员会、数据和政务服务局"
            "（行政审批局、数据局）、医疗保障局：\n请遵照执行。")
    assert found(matcher, body, HEBEI_TITLE) == [
        ("人力资源和社会保障局", ""), ("卫生健康委员会", ""), ("行政审批局", ""), ("数据局", ""), ("医疗保障局", "")]


def test_each_city_list_with_development_commission(matcher):
    body = "各市（含定州、辛集市）教育局、编办、发展改革委、财政局、人力资源社会保障局，雄安新区管委会：\n现印发。"
    assert found(matcher, body, "河北省教育厅关于印发《河北省教师教育振兴行动计划》的通知") == [
        ("教育局", ""), ("发展改革委", ""), ("财政局", ""), ("人力资源社会保障局", ""),
        ("雄安新区管委会", "河北雄安新区管理委员会")]


def test_every_level_list_gives_no_provincial_bureaus(matcher):
    body = "各级发展改革委工业局、统计局、财政局、税务局、研究室、行业协会要加强监测。"
    assert found(matcher, body, "河北省人民政府办公厅转发省发展改革委意见的通知") == [
        ("发展改革委", ""), ("统计局", ""), ("财政局", ""), ("税务局", "")]


def test_province_list_after_a_class_is_kept(matcher):
    """A list of the province's own bodies (written with 省) in a clause that starts with 各市 stays theirs."""
    body = "各市要会同省财政厅、教育局抓好落实。"
    assert Counter(a for _s, a in found(matcher, body, HEBEI_TITLE)) == Counter(
        {"河北省财政厅": 1, "河北省教育厅": 1})


def test_class_list_ends_at_the_clause(matcher):
    """After the addressee line (ended by ： or ，) a bare 财政局 is read as before."""
    body = "各市（含定州、辛集市）人力资源社会保障局：\n省财政厅、省教育厅负责。"
    assert found(matcher, body, HEBEI_TITLE) == [("人力资源社会保障局", ""), ("省财政厅", "河北省财政厅"),
                                                ("省教育厅", "河北省教育厅")]


@pytest.mark.parametrize("text, pos, expected", [
    ("各市（含定州、辛集市）教育局、科技局", 11, True),
    ("各市（含定州、辛集市）教育局、科技局", 15, True),
    ("各级发展改革委工业局、统计局", 11, True),
    ("各市要会同省财政厅、教育局", 10, False),    # 省 in the list: the province's
    ("各级财政部门要会同税务局", 9, False),       # after a verb, not after a separator
    ("各市教育局，财政局", 6, False),             # another clause
    ("教育局、科技局", 4, False),                 # no class word
])
def test_in_class_list(text, pos, expected):
    assert in_class_list(text, pos) is expected


# --- A2: signature blocks without separators -------------------------------------------------------------------
def test_signature_block_without_separators_is_split(matcher):
    title = "河北省人力资源和社会保障厅河北省财政厅国家税务总局河北省税务局关于对受汛情影响企业缓缴社会保险费的通知"
    body = "请遵照执行。\n河北省人力资源和社会保障厅河北省财政厅国家税务总局河北省税务局2023年11月20日"
    mentions = found(matcher, body, title) + found(matcher, body, title, field="title")
    assert Counter(a for _s, a in mentions) == Counter({
        "河北省人力资源和社会保障厅": 2, "河北省财政厅": 2, "国家税务总局河北省税务局": 2, "国家税务总局": 2})
    assert found(matcher, "", title, field="title") == [
        ("河北省人力资源和社会保障厅", "河北省人力资源和社会保障厅"), ("河北省财政厅", "河北省财政厅"),
        ("国家税务总局河北省税务局", "国家税务总局河北省税务局"), ("国家税务总局", "国家税务总局")]


@pytest.mark.parametrize("body, expected", [
    ("河北省科学技术厅国家税务总局河北省税务局2022年3月1日",
     ["河北省科学技术厅", "国家税务总局河北省税务局", "国家税务总局"]),
    ("河北省水利厅中国银行保险监督管理委员会河北监管局2021年5月6日",
     ["河北省水利厅", "中国银行保险监督管理委员会河北监管局", "中国银行保险监督管理委员会"]),
    ("中共河北省委办公厅省政府办公厅2020年1月2日", ["中共河北省委员会办公室", "河北省人民政府办公厅"]),
])
def test_other_glued_signatures(matcher, body, expected):
    got = [a for _s, a in found(matcher, body, HEBEI_TITLE)]
    assert got == expected
    assert not any(a.endswith(("国家税务总局", "中国银行保险监督管理委员会", "省政府办")) and a.startswith("河北省")
                   for a in got)


def test_signature_lines_of_bare_forms_are_split(matcher):
    body = "河北省公费师范生本研衔接培养实施办法\n省教育厅省委编办省发展改革委省财政厅\n省人力资源社会保障厅"
    """id 2410: 省教育厅 + 省委编办 is no sub-unit 河北省教育厅省委编办. (省委编办 itself is not in the table and is
    read as 省委 — a known limitation, as it was before — and 省发展改革委 after 编办 is still missed.)"""
    got = found(matcher, body, "河北省教育厅等五部门关于印发实施办法的通知")
    assert got[0] == ("省教育厅", "河北省教育厅")
    assert ("省财政厅", "河北省财政厅") in got and ("省人力资源社会保障厅", "河北省人力资源和社会保障厅") in got
    assert not any("编办" in a for _s, a in got)


def test_open_name_with_an_inner_unit_is_kept(matcher):
    """An open name whose inner 局 is followed by its own words (no other body) is one body as before."""
    assert found(matcher, "河北省财政厅国库支付中心发布通知。") == [("河北省财政厅国库支付中心", "河北省财政厅国库支付中心"),
                                                               ("河北省财政厅", "河北省财政厅")]


# --- A3: misses --------------------------------------------------------------------------------------------------
def test_ministry_followed_by_fenbie(matcher):
    body = "人力资源社会保障部、教育部分别负责管理监督考核院校外、院校内职业技能等级证书的实施。"
    assert found(matcher, body) == [("人力资源社会保障部", "人力资源和社会保障部"), ("教育部", "教育部")]


@pytest.mark.parametrize("body", ["其中国防部分的预算另行安排。", "教育部分管领导出席。"])
def test_ministry_bufen_still_no_ministry(matcher, body):
    assert [a for _s, a in found(matcher, body)] == []


def test_body_after_a_name_in_a_list_of_officials(matcher):
    body = ("党晓龙省发展改革委主任高云霄省财政厅厅长宋立民省人力资源社会保障厅厅长金洪钧省市场监管局局长"
            "李博省政务服务管理办公室主任")
    got = Counter(a for _s, a in found(matcher, body, "河北省人民政府办公厅关于印发实施方案的通知"))
    assert got["河北省财政厅"] == 1
    assert got["河北省市场监督管理局"] == 1


def test_body_after_a_name_and_a_grade(matcher):
    body = ("副厅长刘文洲省财政厅二级巡视员苗冰松省农业农村厅副厅长庞彦须省市场监管局副局长、"
            "一级主任科员李宗豪省市场监管局登记注册处四级主任科员")
    assert found(matcher, body, HEBEI_TITLE) == [
        ("省财政厅", "河北省财政厅"), ("省农业农村厅", "河北省农业农村厅"), ("省市场监管局", "河北省市场监督管理局"),
        ("省市场监管局", "河北省市场监督管理局")]


def test_level_word_after_ordinary_words_stays_generic(matcher):
    """A bare 省 right after ordinary words (no post + name before it) is no mention, as before."""
    assert found(matcher, "培育经济增长新动能省财政厅负责。", HEBEI_TITLE) == []


@pytest.mark.parametrize("body, surface", [
    ("严格按照省财政厅关于预决算公开的要求执行。", "省财政厅"),
    ("具体奖励办法由省卫生厅商省财政厅另行制定。", "省财政厅"),
    ("省教育厅将牵头，组织省财政厅等部门开展督查。", "省财政厅"),
    ("目前省财政厅、省人社厅正在重新制定办法。", "省财政厅"),
])
def test_bare_form_after_a_verb_taking_a_body(matcher, body, surface):
    assert (surface, "河北省财政厅") in found(matcher, body, HEBEI_TITLE)

