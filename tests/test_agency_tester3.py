"""Agency defects from the fresh tester's report on main 2d1af4f (/work/notes/tester.md, items A0–A11): words
glued to a name, generic phrases, foreign courts, one body in two rows. Sentences are in the style of the CCTV
and Hebei corpora; each kind has its negative (the glued or generic form gives no agency)."""
from __future__ import annotations

import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_table import load_agencies


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    """The project's table only (a user's edits under data/user must not change these results)."""
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher, body: str, title: str = "", source: str = "") -> list[tuple[str, str]]:
    """(surface, agency) of each mention in the body, in order."""
    return [(m["surface"], m["agency"]) for m in matcher.match_article(title, body, source) if m["field"] == "body"]


# --- A0: a ministry's name followed by a word continuing its 部 (部署, 部际, 部门, 部分) ---------------------------
@pytest.mark.parametrize("body", [
    "李强在支持“两重”建设部署动员视频会上讲话。",
    "会议研究了重大法治建设部署。",
    "社会信用体系建设部际联席会议印发通知。",
    "根据国家统一平台建设部署，推进工作。",
    "各级建设部门要加强监管。",
    "其中国防部分的预算另行安排。",
])
def test_ministry_word_glue_gives_no_ministry(matcher, body):
    assert found(matcher, body) == []


def test_ministry_before_its_own_deployment_is_kept(matcher):
    assert found(matcher, "按照公安部部署，建设部和教育部联合开展检查。") == [
        ("公安部", "公安部"), ("建设部", "建设部"), ("教育部", "教育部")]


# --- A1/A7/A8: words before a name read as a place; generic 设区的市; 雄安新区 is its own body -----------------
HEBEI = "河北省人民政府"


def test_verb_huitong_is_no_county(matcher):
    # 会同 ("together with") is also 会同县's short name (Hunan): no county without the article naming Hunan
    assert found(matcher, "三是充分发挥企业主体作用。会同国资委、总工会等单位，召开座谈会。", source=HEBEI) == [
        ("国资委", "河北省人民政府国有资产监督管理委员会")]
    assert found(matcher, "湖南省怀化市会同县。会同县公安局通报案情。") == [("会同县公安局", "会同县公安局")]


@pytest.mark.parametrize("body", [
    "严格限制在重点海湾、重点河口区建设海岸工程，沿海设区的市人民政府负责监督。",
    "由设区的市人民政府申请动用省级储备，加强与北京市、天津市有关部门的沟通。",
    "按行政建制设立的市（以下统称城市）和县人民政府所在地镇。",
])
def test_generic_city_and_county_governments_give_no_body(matcher, body):
    assert [a for _s, a in found(matcher, body, source=HEBEI) if a] == []


def test_list_after_generic_city_is_no_body(matcher):
    assert found(matcher, "完成片区所在地设区的市党委、人民政府和雄安新区党工委、管委会备案。", source=HEBEI) == [
        ("雄安新区党工委", "中共雄安新区工作委员会")]


@pytest.mark.parametrize("body, expected", [
    ("会议指出，雄安新区党工委党群工作部负责。", [("雄安新区党工委", "中共雄安新区工作委员会")]),
    ("雄安新区公安局、公共服务局开展检查。", [("雄安新区公安局", "雄安新区公安局")]),
    ("各市、县和雄安新区税务局要做好工作。", [("雄安新区税务局", "国家税务总局雄安新区税务局")]),
    ("安新县公安局开展检查。", [("安新县公安局", "安新县公安局")]),
])
def test_xiongan_bodies_are_not_anxin_county(matcher, body, expected):
    assert found(matcher, body, source=HEBEI) == expected


def test_hexian_named_with_its_province_is_kept(matcher):
    assert found(matcher, "安徽省马鞍山市和县人民政府召开会议。") == [("安徽省马鞍山市和县人民政府", "和县人民政府")]


# --- A10: another country's supreme court --------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "巴西前总统博索纳罗的支持者8日闯入巴西国会、联邦最高法院和总统府等国家权力机构所在地。",
    "以色列议会24日表决通过一项法案，剥夺最高法院以“不合理”为由驳回政府决策的权力。",
    "特朗普随后宣布依据美国《1974年贸易法》征收关税，以取代被最高法院认定违法的关税。",
])
def test_foreign_supreme_court_is_not_china(matcher, body):
    assert "最高人民法院" not in [a for _s, a in found(matcher, body)]


def test_china_supreme_court_kept(matcher):
    assert found(matcher, "最高法院发布司法解释。最高法发布典型案例。") == [
        ("最高法", "最高人民法院"), ("最高法", "最高人民法院")]


# --- A2/A6/A8: verbs, clauses and generic phrases glued to a body ---------------------------------------------
@pytest.mark.parametrize("body, expected", [
    ("遇有重大旱情，应当并及时报告国家防汛抗旱总指挥部。", [("国家防汛抗旱总指挥部", "国家防汛抗旱总指挥部")]),
    ("各地要严格遵守当地疫情防控指挥部门要求。", []),
    ("长江防汛抗旱总指挥部发布通知。", [("长江防汛抗旱总指挥部", "长江防汛抗旱总指挥部")]),
    ("村民委员会协助乡人民政府开展工作。", []),
    ("可以委托街道办事处、乡（镇）人民政府办理。", []),
    ("到居住地街道办事处申请。", []),
    ("应当指导街道办事处、乡(镇)人民政府开展工作。", []),
    ("刘小蓉是一名街道党工委书记。", []),
    ("建制镇人民政府应当指定人员。", []),
    ("大良街道党工委召开会议。", [("大良街道党工委", "大良街道党工委")]),
    ("全国政协紧紧围绕党和国家中心任务建言资政。", [("全国政协", "中国人民政治协商会议全国委员会")]),
    ("民航局督导航空公司、机场最大限度增加运力。", [("民航局", "中国民用航空局")]),
])
def test_glued_clauses_give_only_the_real_body(matcher, body, expected):
    assert found(matcher, body) == expected


def test_signature_line_bureaus_are_not_sub_units(matcher):
    got = found(matcher, "科技部 生态环境部 住房和城乡建设部气象局林草局")
    assert ("住房和城乡建设部气象局", "住房和城乡建设部气象局") not in got
    assert got[:3] == [("科技部", "科学技术部"), ("生态环境部", "生态环境部"), ("住房和城乡建设部", "住房和城乡建设部")]


def test_real_sub_units_kept(matcher):
    assert found(matcher, "住房和城乡建设部住房保障司发布通知。")[0] == ("住房和城乡建设部住房保障司", "住房和城乡建设部住房保障司")


def test_generic_police_stations_and_embassies_give_no_body(matcher):
    assert found(matcher, "到居住地公安派出所办理。基层派出所民警走访群众。", source=HEBEI) == [
        ("派出所", ""), ("派出所", "")]  # unresolved, never 河北省派出所
    assert found(matcher, "东风派出所民警走访群众。") == [("东风派出所", "东风派出所")]
    for body in ("中国驻多国使馆发布提醒。", "中国驻当地使馆提醒。", "中国驻非洲各国使馆提醒。", "中国驻多国和国际组织使馆举行活动。"):
        assert found(matcher, body) == []
    assert found(matcher, "中国驻法国使馆举办招待会。") == [("中国驻法国使馆", "中国驻法国使馆")]


# --- A3/A4/A10: one body, one name -----------------------------------------------------------------------------
def test_city_short_name_sharing_its_level_word(matcher):
    assert found(matcher, "石家庄市场监管局开展检查。石家庄市市场监督管理局今天开展检查。") == [
        ("石家庄市场监管局", "石家庄市市场监督管理局"), ("石家庄市市场监督管理局", "石家庄市市场监督管理局")]
    assert found(matcher, "武汉市国土房产局发布通知。") == [("武汉市国土房产局", "武汉市国土房产局")]


def test_district_police_takes_the_branch_name_the_article_writes(matcher):
    got = found(matcher, "江门蓬江警方破获案件，蓬江公安通报。江门市公安局蓬江区分局通报。")
    assert [a for _s, a in got].count("江门市公安局蓬江区分局") == 3
    assert found(matcher, "蓬江警方破获案件。") == [("蓬江警方", "江门市蓬江区公安局")]  # no branch named: the district's bureau


def test_hong_kong_bodies(matcher):
    assert found(matcher, "香港特区国安委召开会议。香港特别行政区维护国家安全委员会召开会议。") == [
        ("香港特区国安委", "香港特别行政区维护国家安全委员会"),
        ("香港特别行政区维护国家安全委员会", "香港特别行政区维护国家安全委员会")]
    assert found(matcher, "香港特区政府入境事务处和香港金融管理局。") == [
        ("香港特区政府入境事务处", "香港特别行政区政府入境事务处"), ("香港特区政府", "香港特别行政区政府"),
        ("香港金融管理局", "香港金融管理局")]


# --- A5/A9: missed mentions -------------------------------------------------------------------------------------
def test_department_after_he_belongs_to_the_same_ministry(matcher):
    assert found(matcher, "市场监管总局认证监管司和标准技术管理司。") == [
        ("市场监管总局认证监管司", "国家市场监督管理总局认证监管司"), ("市场监管总局", "国家市场监督管理总局"),
        ("标准技术管理司", "国家市场监督管理总局标准技术管理司")]
    assert found(matcher, "住房公积金监管司发布通知。") == [("住房公积金监管司", "")]


def test_lead_body_after_yi(matcher):
    src = "河北省人民政府办公厅"
    assert found(matcher, "2、以省工商局为主，省农业、质监部门配合。", source=src)[0] == ("省工商局", "河北省工商行政管理局")
    assert found(matcher, "2、以省质监局为主，省卫生部门配合。", source=src)[0] == ("省质监局", "河北省质量技术监督局")
    assert found(matcher, "所以省里决定。", source=src) == []


# --- A11: issuers (发文机关) from signature lines written without a break ---------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("人力资源社会保障部中央综治办", "人力资源和社会保障部|中央综治办"),
    ("工商总局发改委人力资源社会保障部统计局国务院法制办公室",
     # was "…|发改委|…|统计局|…" (short forms left as written); tester report s13 P14 asks for the canonical names
     "国家工商行政管理总局|国家发展和改革委员会|人力资源和社会保障部|国家统计局|国务院法制办公室"),
    ("人力资源社会保障部办公厅", "人力资源和社会保障部办公厅"),  # a real sub-unit stays one issuer
    ("河北省工商业联合会河北企业联合会", "河北省工商业联合会|河北企业联合会"),
    ("河北省财政厅国家税务总局河北省税务局", "河北省财政厅|国家税务总局河北省税务局"),
])
def test_issuers_from_glued_signatures(matcher, text, expected):
    from analysis.policy.issuers import IssuerResolver

    assert IssuerResolver(matcher)(text, "") == expected


# --- N1: the store's batches read the issuer with the source, as find_mentions does -----------------------------
def test_store_mentions_read_the_issuer_like_the_file_path(matcher, tmp_path):
    import pandas as pd

    from analysis.agencies import find_mentions
    from analysis.schema import coerce_articles
    from analysis.store import query as Q
    from analysis.store.batch import AnalysisSpec
    from analysis.store.store import build_store
    from analysis.tokenizer import build_tokenizer

    arts = coerce_articles(pd.DataFrame({"title": ["政府信息公开年报"], "body": ["科技厅充分发挥门户网站作用。"],
                                         "date": ["2016-05-26"], "source": ["kjt.hebei.gov.cn"], "file": ["a.csv"]}))
    arts["issuer"] = "河北省科学技术厅"
    direct = find_mentions(arts, matcher)
    assert direct["agency"].tolist() == ["河北省科学技术厅"]
    spec = AnalysisSpec(tokenizer=build_tokenizer(agencies=False).settings, agency_user_path="")
    stored = Q.MemoryBackend.from_store(build_store(tmp_path / "s", arts, spec)).mentions
    assert stored["agency"].tolist() == ["河北省科学技术厅"]


def test_zone_committees_written_as_a_clause_or_list(matcher):
    assert found(matcher, "雄安片区管理委员会为雄安新区管理委员会。") == [
        ("雄安片区管理委员会", "雄安片区管理委员会"), ("雄安新区管理委员会", "河北雄安新区管理委员会")]  # its official
    # name since the committee is the region's own body (tester report 2026-11-30 #2; test_agency_xiongan.py)
    assert found(matcher, "雄安新区和各国家高新区管委会科技管理部门。") == []
    assert found(matcher, "石家庄高新区管委会发布通知。") == [("石家庄高新区管委会", "石家庄高新区管委会")]


def test_long_joint_signature_is_not_cut_inside_a_name():
    from analysis.policy.headnotes import signer

    body = ("引导更多青年和用人单位主动参与见习活动。河北省人力资源和社会保障厅河北省教育厅河北省科技厅河北省工业和信息化厅"
            "河北省民政厅河北省财政厅河北省商务厅河北省人民政府国有资产监督管理委员会共青团河北省委员会河北省工商业联合会\n2021年6月1日")
    assert signer(body).startswith("河北省人力资源和社会保障厅河北省教育厅")
    assert signer("为做好工作，特制定本办法。具体内容详见附件，请认真贯彻执行。\n国务院办公厅\n2015年3月2日") == "国务院办公厅"
