"""Agency defects of the fresh tester's report of 2026-11-30 (items 2–5, /work/notes/tester.md): 雄安新区's
committee, classes of bodies written with 各…, the 人行 / 改发局 short forms, and a facility's or hospital's
centre read as a government body. Each kind is tested on news/policy-style sentences with exact canonical names,
and near-misses."""
from __future__ import annotations

import pytest

from analysis.agency_matcher import AgencyMatcher
from analysis.agency_table import load_agencies


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    """The project's table only (a user's edits under data/user must not change these results)."""
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher, body: str, source: str = "") -> list[tuple[str, str]]:
    """(surface, agency) of each mention in the body, in order ("" = unresolved bare form)."""
    return [(m["surface"], m["agency"]) for m in matcher.match_article("", body, source) if m["field"] == "body"]


XIONGAN = "河北雄安新区管理委员会"


# --- #2: 雄安新区管委会 is the region's own committee -------------------------------------------------------------
@pytest.mark.parametrize("body, surface", [
    ("雄安新区管委会印发《关于支持企业创新发展的若干措施》。", "雄安新区管委会"),
    ("经雄安新区管理委员会同意，现印发实施。", "雄安新区管理委员会"),
    ("河北雄安新区管委会办公室：", "河北雄安新区管委会"),
    ("河北雄安新区管理委员会2024年1月5日", "河北雄安新区管理委员会"),
    ("河北省雄安新区管委会相关负责人介绍。", "河北省雄安新区管委会"),
])
def test_xiongan_committee_has_one_canonical_name(matcher, body, surface):
    assert found(matcher, body)[0] == (surface, XIONGAN)


def test_xiongan_committee_next_to_its_party_committee_and_bureaus(matcher):
    body = "雄安新区党工委、雄安新区管委会和雄安新区公共服务局联合发文。"
    assert found(matcher, body) == [("雄安新区党工委", "中共雄安新区工作委员会"), ("雄安新区管委会", XIONGAN),
                                    ("雄安新区公共服务局", "雄安新区公共服务局")]


def test_a_bureau_written_after_the_committee_is_the_regions_bureau(matcher):
    assert found(matcher, "雄安新区管委会公共服务局、雄安新区管委会改发局：") == [
        ("雄安新区管委会公共服务局", "雄安新区公共服务局"), ("雄安新区管委会", XIONGAN),
        ("雄安新区管委会改发局", "雄安新区改革发展局"), ("雄安新区管委会", XIONGAN)]
    # near-misses: a clause or another body after the committee is no bureau of it
    assert found(matcher, "雄安新区管委会负责落实。") == [("雄安新区管委会", XIONGAN)]
    assert found(matcher, "雄安新区管委会会同省公安局推进。", source="河北省人民政府") == [
        ("雄安新区管委会", XIONGAN), ("省公安局", "河北省公安厅")]


def test_other_zone_committees_keep_their_written_names(matcher):
    # near-misses: a zone that is no region of the table, and a list of zones
    assert found(matcher, "石家庄高新区管委会发布通知。") == [("石家庄高新区管委会", "石家庄高新区管委会")]
    assert found(matcher, "雄安新区和各国家高新区管委会科技管理部门。") == []
    assert found(matcher, "雄安新区加快建设。") == []


# --- #3: a class of bodies (各市…, 所在地市…) gives no body; a bare 市 is never 雄安新区's ---------------------------
@pytest.mark.parametrize("body", [
    "试点高新区、各市工信局、各市人民银行分管领导为专班成员。",
    "各级人民银行要加强数字人民币宣传。",
    "各省、市人民银行要按季报送。",
])
def test_a_class_of_branches_of_a_national_body_is_no_mention_of_it(matcher, body):
    assert [a for _s, a in found(matcher, body) if a == "中国人民银行"] == []


def test_a_national_body_named_alone_still_counts(matcher):
    # near-misses: 人民银行 after an ordinary word / a city (no 各), and 中国人民银行 named in full
    assert found(matcher, "会同人民银行开展检查。") == [("人民银行", "中国人民银行")]
    assert found(matcher, "各地要配合中国人民银行做好工作。") == [("中国人民银行", "中国人民银行")]
    assert found(matcher, "北京市人民银行营业网点。") == [("人民银行", "中国人民银行")]


def test_the_city_where_each_school_is_is_no_city(matcher):
    body = "高等学校附属中学招生，由所在地市教育局统一管理。"
    assert found(matcher, body, source="河北省教育厅") == []
    # near-miss: 所在 + a county's own name is still that county (not a class)
    assert found(matcher, "所在地保定市教育局负责。") == [("保定市教育局", "保定市教育局")]


def test_bare_city_forms_are_never_xiongan_bodies(matcher):
    src = "河北省工业和信息化厅"
    body = "雄安新区改革发展局负责推进。经市政府审定后报省工业和信息化厅。"
    assert found(matcher, body, source=src) == [("雄安新区改革发展局", "雄安新区改革发展局"), ("市政府", ""),
                                                 ("省工业和信息化厅", "河北省工业和信息化厅")]
    body = "雄安新区公共服务局：经市教育局审核批准后报省教育厅备案。"
    assert found(matcher, body, source="河北省教育厅") == [("雄安新区公共服务局", "雄安新区公共服务局"),
                                                         ("市教育局", ""), ("省教育厅", "河北省教育厅")]
    # near-miss: a city named in the text still gives its bare 市 forms their city
    assert found(matcher, "保定市召开会议，市政府主要负责同志出席。") == [("市政府", "保定市人民政府")]


def test_members_listed_after_a_class_are_no_context(matcher):
    body = "各市（含定州、辛集市）教育局：各市教育局要制定办法，经市教育局审核批准后报省教育厅备案。"
    # (教育局 after the list: a bare form left unresolved, as before — it counts for no body)
    assert found(matcher, body, source="河北省教育厅") == [("教育局", ""), ("市教育局", ""), ("省教育厅", "河北省教育厅")]
    # near-miss: 辛集市 named outside a class list is context as before
    assert found(matcher, "辛集市召开会议，市政府主要负责同志出席。")[-1] == ("市政府", "石家庄市人民政府")


# --- #4: short forms 人行 + region + branch, 改发局 -------------------------------------------------------------
@pytest.mark.parametrize("body, surface, agency", [
    ("省工信厅、人行河北省分行分管负责同志任组长。", "人行河北省分行", "中国人民银行河北省分行"),
    ("人行石家庄中心支行召开座谈会。", "人行石家庄中心支行", "中国人民银行石家庄中心支行"),
    ("人行北京营业管理部发布通知。", "人行北京营业管理部", "中国人民银行北京营业管理部"),
])
def test_pboc_short_form_with_a_branch(matcher, body, surface, agency):
    got = found(matcher, body)
    assert (surface, agency) in got
    assert ("人行", "中国人民银行") in got  # its parent, as for the full name (kind parent)


@pytest.mark.parametrize("body", ["行人走人行道上。", "人行横道线前礼让行人。", "人行河北调研。"])
def test_renxing_alone_is_no_bank(matcher, body):
    assert found(matcher, body) == []


def test_gaifaju_is_the_reform_and_development_bureau(matcher):
    assert found(matcher, "雄安新区改发局、雄安新区改革发展局：") == [
        ("雄安新区改发局", "雄安新区改革发展局"), ("雄安新区改革发展局", "雄安新区改革发展局")]


# --- #5: a station's or a hospital's centre is no government body -----------------------------------------------
@pytest.mark.parametrize("body", [
    "检查组先后来到雄安科创中心、白洋淀生态清淤四期工程、雄安城际站调度指挥中心。",
    "北京大学人民医院雄安健康管理中心正式启用。",
    "北京大兴机场运行管理中心开展演练。",
])
def test_facility_and_hospital_centres_are_no_bodies(matcher, body):
    assert found(matcher, body) == []


def test_government_centres_are_still_bodies(matcher):
    assert found(matcher, "北京市疾病预防控制中心发布提示。") == [("北京市疾病预防控制中心", "北京市疾病预防控制中心")]
    assert found(matcher, "杭州市土地整理储备中心公告。") == [("杭州市土地整理储备中心", "杭州市土地整理储备中心")]
    assert found(matcher, "雄安新区应急指挥中心启动响应。") == [("雄安新区应急指挥中心", "雄安新区应急指挥中心")]
