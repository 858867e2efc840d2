"""Agency defects A4, A5 and R2 of the fresh tester's report tester-s14: bodies invented from a clause glued to a
name (a verb or conjunction inside it: 围绕, 要求, 调整为, 公布, 联合, 和, 因; a building: 国防部大楼; a foreign place
cut: 明尼苏达州 → 达州), bare 市中医管理局 in Beijing documents dropped silently (bjtcm), and the reader listing a
foreign body. Short excerpts in the style of the cited CCTV lines (2311, 11095, 6922, 12450, 9896, 7908, 17090,
15289, 2793, 9930) and bjtcm ids 25 and 64; each rule has its negative (what must stay as it was)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_glue import CLAUSE_IN_NAME, clause_cut, foreign_cut, local_units
from analysis.agency_table import load_agencies
from ui.reader import listed_mentions


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    """The project's table only (a user's edits under data/user must not change these results)."""
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher, body: str, title: str = "", source: str = "") -> list[tuple[str, str]]:
    """(surface, agency) of each mention in the body, in order."""
    return [(m.surface, m.agency) for m in matcher.match_article(title, body, source) if m.field == "body"]


# --- A4: a clause glued to a body's name -------------------------------------------------------------------
@pytest.mark.parametrize("body,expected", [
    ("十三届全国人大常委会围绕中心、服务大局，依法履职。", [("十三届全国人大常委会", "全国人民代表大会常务委员会")]),
    ("文化和旅游部公布第二批国家级古籍修复中心名单。", [("文化和旅游部", "文化和旅游部")]),
    ("工业和信息化部联合国家标准化管理委员会印发指南。",
     [("工业和信息化部", "工业和信息化部"), ("国家标准化管理委员会", "国家标准化管理委员会")]),
    ("香港特区政府推进国际金融中心建设。", [("香港特区政府", "香港特别行政区政府")]),
])
def test_a_verb_after_a_body_is_no_sub_unit(matcher, body, expected):
    assert found(matcher, body) == expected


def test_real_sub_units_and_joint_groups_stay(matcher):
    assert found(matcher, "商务部联合工作组赴当地调查。") == [("商务部联合工作组", "商务部联合工作组"), ("商务部", "商务部")]
    assert found(matcher, "香港特区政府入境事务处表示。") == [
        ("香港特区政府入境事务处", "香港特别行政区政府入境事务处"), ("香港特区政府", "香港特别行政区政府")]
    assert found(matcher, "国务院推进职能转变协调小组办公室印发。") == [
        ("国务院推进职能转变协调小组办公室", "国务院推进职能转变协调小组办公室"), ("国务院", "国务院")]
    assert found(matcher, "工业和信息化部会同国家标准委印发。") == [
        ("工业和信息化部", "工业和信息化部"), ("国家标准委", "国家标准化管理委员会")]


def test_a_command_starts_after_the_clause_verb(matcher):
    assert found(matcher, "辽河流域防汛抗旱协调领导小组调整为辽河防汛抗旱总指挥部。") == [
        ("辽河防汛抗旱总指挥部", "辽河防汛抗旱总指挥部")]
    assert found(matcher, "根据广州市海珠区疫情防控指挥部通告，") == [
        ("广州市海珠区疫情防控指挥部", "广州市海珠区疫情防控指挥部")]
    assert found(matcher, "河北省人民政府办公厅关于调整河北省防汛抗旱指挥部组成人员的通知") == [
        ("河北省人民政府办公厅", "河北省人民政府办公厅"), ("河北省防汛抗旱指挥部", "河北省防汛抗旱指挥部")]
    assert found(matcher, "长江防汛抗旱总指挥部要求各地加强防范。") == [("长江防汛抗旱总指挥部", "长江防汛抗旱总指挥部")]


def test_the_commands_of_the_provinces_concerned_are_a_class(matcher):
    assert found(matcher, "水利部安排部署黄河防凌工作，要求相关省份防汛抗旱指挥部提前落实各项措施。") == [("水利部", "水利部")]


def test_a_list_ending_in_a_generic_station_is_no_station(matcher):
    assert found(matcher, "民警分布在刑侦、经侦和基层派出所等多个岗位。") == [("派出所", "")]  # unresolved, reported
    assert found(matcher, "，东风派出所民警赶到。") == [("东风派出所", "东风派出所")]


def test_a_foreign_place_cut_is_no_chinese_city(matcher):
    assert found(matcher, "美国明尼苏达州因移民与海关执法局人员暴力执法引发抗议。") == []
    assert found(matcher, "美国佛罗里达州警方7日说，当地3名少年被捕。") == []  # not 达州市公安局
    assert found(matcher, "俄罗斯库尔斯克州政府当天表示。") == [("俄罗斯库尔斯克州政府", "俄罗斯库尔斯克州政府")]
    assert found(matcher, "四川达州警方通报案情。") == [("四川达州警方", "达州市公安局")]
    assert found(matcher, "美国总统访问北京，北京市政府接待。") == [("北京市政府", "北京市人民政府")]
    assert foreign_cut("美国明尼苏达州因", 5, 7) and foreign_cut("俄罗斯库尔斯克州政府", 6, 8)
    assert not foreign_cut("北京至老挝跨境旅游列车启程，记者从国铁北京局了解到", 19, 21)  # a railway bureau: 北京
    assert not foreign_cut("四川达州警方", 2, 4)  # 川: no foreign country in the sentence


def test_a_ministry_building_is_no_mention(matcher):
    assert found(matcher, "以军袭击目标还包括位于萨那的国防部大楼和胡塞武装发言人办公室。") == []
    assert found(matcher, "国防部新闻发言人答记者问。") == [("国防部", "国防部")]


def test_clause_words():
    assert CLAUSE_IN_NAME.search("围绕中心") and CLAUSE_IN_NAME.search("联合国家标准化管理委员会")
    assert not CLAUSE_IN_NAME.search("联合工作组") and not CLAUSE_IN_NAME.search("国家基因库管理中心")
    assert clause_cut("辽河流域防汛抗旱协调领导小组调整为辽河") == len("辽河流域防汛抗旱协调领导小组调整")  # 为: COMMAND_LEAD
    assert clause_cut("长江") == 0


# --- A5: a bare form of a local table body ----------------------------------------------------------------
BJ_TITLE = "北京中医药重点学科管理办法"


def test_bare_local_table_unit_takes_the_documents_region(matcher):
    body = "重点学科由市财政局和市中医管理局共同管理。专项经费资助是指市中医管理局安排的经费。"
    assert found(matcher, body, "北京市中医管理局关于印发北京中医药重点学科管理办法的通知") == [
        ("市财政局", "北京市财政局"), ("市中医管理局", "北京市中医管理局"), ("市中医管理局", "北京市中医管理局")]
    # the region from the source when the title names none (bjtcm id 64)
    assert found(matcher, "自2010年起，市中医管理局在参与制定标准。", "医师资格考试收费标准", "北京市中医管理局") == [
        ("市中医管理局", "北京市中医管理局")]


def test_bare_local_unit_elsewhere_is_reported_unresolved(matcher):
    # Hebei has no 河北省中医管理局: never invented, an unresolved mention (listed by --unresolved)
    ms = matcher.match_article("河北省卫生健康委员会通知", "报市中医管理局备案。", "")
    assert [(m.surface, m.agency, m.resolved) for m in ms if m.field == "body"] == [("市中医管理局", "", False)]
    # an unknown bureau after a bare level word is still no mention (as before)
    assert found(matcher, "由市中药材管理局负责。", BJ_TITLE, "北京市中医管理局") == []


def test_local_units():
    units = local_units({"北京市中医管理局": ("provincial", "北京市"), "国家中医药管理局": ("national", "全国"),
                         "北京市": ("provincial", "北京市"), "河北省财政厅": ("provincial", "")})
    assert units == frozenset({"中医管理局"})


# --- R2: the reader lists no foreign body --------------------------------------------------------------------
def test_reader_leaves_foreign_bodies_out():
    mine = pd.DataFrame({"agency": ["巴黎警方", "法国交管部门", "国务院", "", "新华通讯社"],
                         "surface": ["巴黎警方", "法国交管部门", "国务院", "省政府", "新华社"],
                         "level": ["foreign", "foreign", "national", "", "national"]})
    assert listed_mentions(mine) == (["国务院", "新华通讯社"], ["国务院", "新华社", "国务院", "新华通讯社"])


def test_reader_on_the_matchers_mentions(matcher):
    ms = matcher.match_article("", "巴黎警方称，法国交管部门已经封闭道路，国务院高度重视。", "")
    mine = pd.DataFrame([{"agency": m.agency, "surface": m.surface, "level": m.level} for m in ms])
    assert set(mine["level"]) == {"foreign", "national"}
    assert listed_mentions(mine) == (["国务院"], ["国务院", "国务院"])


def test_jingxin_bureau_is_named_as_written(matcher):
    # CCTV line 15048: Chengdu's 经信局 is 成都市经济和信息化局 (template eit), never 成都市工业和信息化局
    assert found(matcher, "成都市发展改革委、经信局联合发布通知。") == [
        ("成都市发展改革委", "成都市发展和改革委员会"), ("经信局", "成都市经济和信息化局")]
    assert found(matcher, "四川省经信厅表示。") == [("四川省经信厅", "四川省经济和信息化厅")]
    assert found(matcher, "河北省工信厅表示。") == [("河北省工信厅", "河北省工业和信息化厅")]
    # a short region name + a short unit with one full form: the region's full name and the full unit
    assert found(matcher, "北京经信局发布通知。") == [("北京经信局", "北京市经济和信息化局")]
    assert found(matcher, "上海银监局发布。") == [("上海银监局", "上海银监局")]  # no full form: as written


def test_reader_caption_names_no_foreign_body():
    """The reader as the 文章 page draws it (``render_record``): the 提及机构 caption of an article naming 法国交管部门
    and 国务院 lists 国务院 only (tester-s14 R2: the caption was 提及机构: 法国交管部门)."""
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd
        from ui.reader import listed_mentions, render_record
        art = pd.Series({"title": "巴黎发生交通事故", "date": pd.Timestamp("2024-05-01"), "source": "新华网", "author": "",
                         "duplicate_of": pd.NA, "body": "法国交管部门封闭道路，国务院高度重视。", "url": ""})
        mine = pd.DataFrame({"agency": ["法国交管部门", "国务院"], "surface": ["法国交管部门", "国务院"],
                             "level": ["foreign", "national"]})
        render_record(art, *listed_mentions(mine), [])

    at = AppTest.from_function(page, default_timeout=60).run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert any(c.endswith("国务院") and ("提及机构" in c or "Agencies mentioned" in c) for c in captions), captions
    assert not any("法国交管部门" in c for c in captions), captions
