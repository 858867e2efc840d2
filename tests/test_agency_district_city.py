"""Tester s15 A7 and P17 (30 Nov). A7: a city's district is named with its city (``analysis.agency_naming.with_city``,
``NamingRules.label``) — 国家税务总局天津市河北区税务局, never a bare 河北区… that reads like a Hebei body — and the same body
written with or without its city is one agency. P17: 总后勤部卫生部 (the PLA's health department, 2016 reorganised) is a
body of the table, and a joint issuer keeps 卫生部 before it."""
from __future__ import annotations

import json
from datetime import date

import pytest

from analysis.agency_history import AgencyHistory, load_history
from analysis.agency_naming import with_city
from analysis.cli import main
from analysis.policy.issuers import IssuerResolver
from tests.test_agency_kinds import matcher, no_user_table  # noqa: F401 - the project table, no user table


def found(matcher, body: str, title: str = "") -> list[tuple[str, str]]:
    return [(m["surface"], m["agency"]) for m in matcher.match_article(title, body)]


def region(matcher, name: str, city: str = "") -> int:
    """Index of the region called ``name`` (inside the city / province of code prefix ``city``)."""
    return next(i for i, r in enumerate(matcher.regions) if r.name == name and r.code.startswith(city))


# --- A7: the tester's sentence and the district's other written forms -----------------------------------------
def test_the_tianjin_district_tax_bureau_keeps_its_city(matcher):
    got = matcher.match_article("丁薛祥在天津调研", "丁薛祥还来到国家税务总局天津市河北区税务局")
    assert [(m["surface"], m["agency"], m["level"], m["region"]) for m in got] == [
        ("国家税务总局", "国家税务总局", "national", "全国"),
        ("天津市河北区税务局", "国家税务总局天津市河北区税务局", "county", "河北区")]  # the 地区 facet: 河北区


@pytest.mark.parametrize("title, body, expected", [
    # without its city: in a Tianjin article, after a boundary, and after the national body's name
    ("天津动态", "河北区税务局开展宣传。", [("河北区税务局", "国家税务总局天津市河北区税务局")]),
    ("", "河北区税务局开展宣传。", [("河北区税务局", "国家税务总局天津市河北区税务局")]),
    ("", "国家税务总局河北区税务局开展宣传。", [("国家税务总局河北区税务局", "国家税务总局天津市河北区税务局"),
                                         ("国家税务总局", "国家税务总局")]),
    ("", "天津市河北区人民政府、河北区政府", [("天津市河北区人民政府", "天津市河北区人民政府"),
                                       ("河北区政府", "天津市河北区人民政府")]),
    # 河北 + 区委 is no province's body: the district's party committee
    ("", "河北区委召开全会。天津市河北区委书记讲话", [("河北区委", "中共天津市河北区委员会"),
                                             ("天津市河北区委", "中共天津市河北区委员会")]),
    ("", "河北省委召开全会", [("河北省委", "中共河北省委员会")]),
])
def test_hebei_district_of_tianjin_with_and_without_its_city(matcher, title, body, expected):
    assert found(matcher, body, title) == expected


@pytest.mark.parametrize("body, expected", [
    # a 直辖市's district and county
    ("北京市海淀区市场监督管理局检查。海淀区市场监管局表示。", [
        ("北京市海淀区市场监督管理局", "北京市海淀区市场监督管理局"), ("海淀区市场监管局", "北京市海淀区市场监督管理局")]),
    ("重庆市巫山县人民政府。巫山县政府", [("重庆市巫山县人民政府", "重庆市巫山县人民政府"),
                                    ("巫山县政府", "重庆市巫山县人民政府")]),
    # a prefecture city's district
    ("河北省石家庄市裕华区教育局。裕华区教育局", [("河北省石家庄市裕华区教育局", "石家庄市裕华区教育局"),
                                          ("裕华区教育局", "石家庄市裕华区教育局")]),
    # counties, 旗 and county-level cities go by their own name, written with their city or not
    ("石家庄市正定县教育局。正定县教育局", [("石家庄市正定县教育局", "正定县教育局"), ("正定县教育局", "正定县教育局")]),
    ("辛集市教育局", [("辛集市教育局", "辛集市教育局")]),
    ("乌审旗旗委", [("乌审旗旗委", "中共乌审旗委员会")]),
    # a name several regions share is read from the article, as before
    ("长春市召开会议。朝阳区政府表示", [("朝阳区政府", "长春市朝阳区人民政府")]),
])
def test_districts_carry_their_city_counties_do_not(matcher, body, expected):
    assert found(matcher, body) == expected


def test_a_bare_district_form_takes_the_documents_district_with_its_city(matcher):
    assert found(matcher, "区教育局发布通知。", title="石家庄市裕华区召开会议") == [("区教育局", "石家庄市裕华区教育局")]


def test_district_police_branches_merge_with_the_districts_bureau(matcher):
    assert found(matcher, "北京市公安局海淀分局通报。海淀区公安分局民警到场。") == [
        ("北京市公安局海淀分局", "北京市公安局海淀分局"), ("北京市公安局", "北京市公安局"),
        ("海淀区公安分局", "北京市公安局海淀分局")]
    assert found(matcher, "海淀区公安分局民警到场。") == [("海淀区公安分局", "北京市海淀区公安局")]  # no branch named


@pytest.mark.parametrize("name, city, named_with_city, label", [
    ("河北区", "12", True, "天津市河北区"),
    ("海淀区", "11", True, "北京市海淀区"),
    ("巫山县", "50", True, "重庆市巫山县"),          # a county of a 直辖市
    ("裕华区", "13", True, "石家庄市裕华区"),
    ("正定县", "13", False, "正定县"),
    ("辛集市", "13", False, "辛集市"),              # a county-level city
    ("六枝特区", "52", False, "六枝特区"),           # a county-level 特区 of its own
    ("神农架林区", "42", False, "神农架林区"),       # under its province, no city
    ("石家庄高新技术产业开发区", "13", False, "石家庄高新技术产业开发区"),  # a development zone (code 7x)
    ("中西区", "81", False, "中西区"),               # Hong Kong
    ("朝阳区", "22", True, "长春市朝阳区"),          # a district, and a name 北京 shares
    ("和县", "34", False, "和县"),                  # a county
])
def test_which_regions_are_named_with_their_city(matcher, name, city, named_with_city, label):
    i = region(matcher, name, city)
    assert with_city(matcher.regions[i]) is named_with_city
    assert matcher.label(i) == label


def test_a_districts_former_bodies_keep_the_city_in_their_successors():
    h = AgencyHistory(load_history(), as_of=date(2026, 1, 1))
    assert h.successor("天津市河北区地方税务局", "county") == "国家税务总局天津市河北区税务局"
    assert h.successor("石家庄市裕华区卫生局", "county") == "石家庄市裕华区卫生健康局"


def test_cli_agencies_on_a_small_file(tmp_path, capsys):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"title": "丁薛祥在天津调研", "date": "2023-05-01", "body": "丁薛祥还来到国家税务总局天津市河北区税务局。"},
        {"title": "天津动态", "date": "2023-05-02", "body": "河北区税务局开展宣传。河北区委召开全会。"},
        {"title": "北京", "date": "2023-05-03", "body": "海淀区市场监管局检查。正定县人民政府发文。"},
    ]) + "\n", encoding="utf-8")
    assert main(["agencies", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "agency,mentions,documents,aliases",
        "国家税务总局天津市河北区税务局,2,2,天津市河北区税务局|河北区税务局",
        "中共天津市河北区委员会,1,1,河北区委",
        "北京市海淀区市场监督管理局,1,1,海淀区市场监管局",
        "国家税务总局,1,1,国家税务总局",
        "正定县人民政府,1,1,正定县人民政府",
    ]


# --- P17: 总后勤部卫生部 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("卫生部国家中医药管理局总后勤部卫生部", "卫生部|国家中医药管理局|总后勤部卫生部"),   # bjtcm 36's header
    ("卫生部 国家中医药管理局 总后勤部卫生部", "卫生部|国家中医药管理局|总后勤部卫生部"),  # its signature
    ("国家税务总局河北省税务局", "国家税务总局河北省税务局"),   # a head of its branch's name is no issuer of its own
    ("河北省财政厅国家税务总局河北省税务局", "河北省财政厅|国家税务总局河北省税务局"),
])
def test_the_pla_health_department_signs_with_the_ministry(matcher, text, expected):
    assert IssuerResolver(matcher)(text, "") == expected


def test_the_pla_health_department_is_a_historical_body(matcher):
    h = AgencyHistory(load_history(), as_of=date(2026, 1, 1))
    assert h.is_historical("总后勤部卫生部") and not h.is_historical("中央军委后勤保障部卫生局")
    assert h.successor("总后勤部卫生部") == "中央军委后勤保障部卫生局"
    assert found(matcher, "中国人民解放军总后勤部卫生部、中央军委后勤保障部卫生局所属机构") == [
        ("中国人民解放军总后勤部卫生部", "总后勤部卫生部"), ("中央军委后勤保障部卫生局", "中央军委后勤保障部卫生局")]


@pytest.mark.shared
def test_bjtcm_36_issuer(shared):
    from analysis.loaders import load_paths

    a = load_paths([shared / "corpora" / "bjtcm" / "notices.json"]).articles.set_index("id")
    assert a.loc[36, "issuer"] == "卫生部|国家中医药管理局|总后勤部卫生部"
    assert a.loc[36, "doc_number"] == "卫医政发〔2011〕11号"
