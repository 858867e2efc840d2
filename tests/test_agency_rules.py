"""Agency matching rules of issues 15 and 11 (analysis/agencies.py, data/agency_templates.csv): full local
names outside the templates, courts and police in everyday forms, party bodies, historical department names,
sub-units, bare forms without a region, same-named districts, real names only, short place names inside
ordinary words, and the CLUENER evaluation script's rules. Sentences are from news of the kinds CLUENER2020
and the shared cases hold; each expects the exact canonical name."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, discover_candidates, find_mentions, unresolved_summary
from analysis.agency_table import load_agencies
from analysis.schema import coerce_articles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def found(matcher, body: str, title: str = "", source: str = "") -> list[tuple[str, str]]:
    return [(m["surface"], m["agency"]) for m in matcher.match_article(title, body, source)]


def rows(matcher, body: str, title: str = "", source: str = "") -> list[tuple]:
    return [(m["surface"], m["agency"], m["resolved"], m["kind"], m["parent"])
            for m in matcher.match_article(title, body, source)]


# --- full local names with departments outside the templates ------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("据武汉市国土房产局介绍，今年新开工保障房", [("武汉市国土房产局", "武汉市国土房产局")]),
    ("广州市房管局昨日表示", [("广州市房管局", "广州市房管局")]),
    ("石家庄市住房保障和房产管理局发布通知", [("石家庄市住房保障和房产管理局", "石家庄市住房保障和房产管理局")]),
    ("乌审旗建设局局长介绍", [("乌审旗建设局", "乌审旗建设局")]),
    ("槐荫区卫生局接到举报后", [("槐荫区卫生局", "济南市槐荫区卫生局")]),
    ("上海银监局有关人士称", [("上海银监局", "上海银监局")]),  # kept as written: no 上海市银监局 invented
    ("北京市教工委书记出席", [("北京市教工委", "中共北京市委员会教育工作委员会")]),
    ("杭州市建设工程质量安全监督总站的负责人说", [("杭州市建设工程质量安全监督总站", "杭州市建设工程质量安全监督总站")]),
    ("武汉市住房保障管理中心主任表示", [("武汉市住房保障管理中心", "武汉市住房保障管理中心")]),
    ("广州市住房保障办公布名单", [("广州市住房保障办", "广州市住房保障办公室")]),
])
def test_full_local_names(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("江苏省无锡市崇安区法院审理了此案", [("江苏省无锡市崇安区法院", "无锡市崇安区人民法院")]),  # merged 2015
    ("宣武法院一审判决", [("宣武法院", "北京市宣武区人民法院")]),
    ("北京高级法院终审判决", [("北京高级法院", "北京市高级人民法院")]),
    ("北京市第一中级人民法院受理", [("北京市第一中级人民法院", "北京市第一中级人民法院")]),
    ("他被送往海淀看守所", [("海淀看守所", "北京市海淀区看守所")]),
    ("南京车管所提醒车主", [("南京车管所", "南京车管所")]),
    ("东风派出所民警赶到", [("东风派出所", "东风派出所")]),
    ("督院街派出所接警", [("督院街派出所", "督院街派出所")]),
    ("被带往辖区淮海路派出所接受处理", [("淮海路派出所", "淮海路派出所")]),
    ("在四所村派出所民警的监督下", [("四所村派出所", "四所村派出所")]),
    ("福州市公安局经侦支队立案", [("福州市公安局经侦支队", "福州市公安局经侦支队"), ("福州市公安局", "福州市公安局")]),
    ("杭州市公安局西湖分局通报", [("杭州市公安局西湖分局", "杭州市公安局西湖分局"), ("杭州市公安局", "杭州市公安局")]),
])
def test_courts_procuratorates_and_police_in_everyday_forms(matcher, text, expected):
    assert found(matcher, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("宜春市邮政局表示", [("宜春市邮政局", "宜春市邮政局")]),          # not 政局 (a political situation)
    ("南昌铁路公安局回应", [("南昌铁路公安局", "南昌铁路公安局")]),
    ("央行上海总部发布", [("央行上海总部", "中国人民银行上海总部"), ("央行", "中国人民银行")]),
    ("杭州市房改办通知", [("杭州市房改办", "杭州市住房制度改革办公室")]),
    ("上海商委表示", [("上海商委", "上海市商务委员会")]),
    ("张家口崇礼县政府表示", [("张家口崇礼县政府", "张家口市崇礼区人民政府")]),  # 崇礼县 became 崇礼区 in 2016
    ("崇礼县政府表示", [("崇礼县政府", "张家口市崇礼区人民政府")]),               # alone: the former county, not 礼县 (甘肃)
    ("张家口市召开会议。崇礼县政府表示", [("崇礼县政府", "张家口市崇礼区人民政府")]),  # its city named in the article
    ("特拉华州高等法院裁决", []),                                        # not a bare 法院 after 等
])
def test_more_everyday_forms(matcher, text, expected):
    assert found(matcher, text) == expected


def test_police_unit_is_attached_to_its_parent(matcher):
    assert rows(matcher, "福建省公安厅经侦总队") == [
        ("福建省公安厅经侦总队", "福建省公安厅经侦总队", True, "nested", "福建省公安厅"),
        ("福建省公安厅", "福建省公安厅", True, "parent", "")]


# --- party bodies of every level ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("中共乌审旗旗委、旗政府", [("中共乌审旗旗委", "中共乌审旗委员会")]),
    ("仙游县委宣传部", [("仙游县委宣传部", "中共仙游县委员会宣传部")]),
    ("厦门市委常委会召开会议", [("厦门市委常委会", "中共厦门市委员会常务委员会")]),
    ("北京市石景山区区委召开全会", [("北京市石景山区区委", "中共北京市石景山区委员会")]),
    ("该县县委书记", []),                                              # 县委 after 县 is no 县区委
])
def test_party_bodies(matcher, text, expected):
    assert found(matcher, text) == expected


def test_bare_party_committees_resolve_like_governments(matcher):
    assert found(matcher, "乌审旗召开会议，县委常委出席。", source="内蒙古乌审旗人民政府") == [
        ("县委常委", "中共乌审旗委员会常务委员会")]
    assert found(matcher, "宁夏回族自治区召开大会，自治区党委、自治区政府主要负责同志出席。") == [
        ("自治区党委", "中共宁夏回族自治区委员会"), ("自治区政府", "宁夏回族自治区人民政府")]
    assert found(matcher, "仙游县举行会议，县委办通知") == [("县委办", "中共仙游县委员会办公室")]


# --- historical department names, typed historical in the templates -------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("广东省质监局和广州市工商局", [("广东省质监局", "广东省质量技术监督局"), ("广州市工商局", "广州市工商行政管理局")]),
    ("北京市建委、广州市国土房管局", [("北京市建委", "北京市建设委员会"), ("广州市国土房管局", "广州市国土房管局")]),
    ("郯城县卫生局与山东省卫生厅", [("郯城县卫生局", "郯城县卫生局"), ("山东省卫生厅", "山东省卫生厅")]),
    ("浙江省食药监局、杭州市安监局", [("浙江省食药监局", "浙江省食品药品监督管理局"),
                                ("杭州市安监局", "杭州市安全生产监督管理局")]),
    ("渝中区劳动局", [("渝中区劳动局", "重庆市渝中区劳动局")]),  # a 直辖市's district carries its city (A7)
])
def test_historical_local_names(matcher, text, expected):
    assert found(matcher, text) == expected


def test_historical_templates_are_typed_historical():
    from analysis.agency_table import load_templates
    t = load_templates().set_index("key")
    for key in ("saic", "aqsiq", "cfda", "safety", "health_h", "construction_c", "realestate", "land"):
        assert t.loc[key, "type"] == "历史机构", key
    assert t.loc["housing_c", "type"] == "政府组成部门"  # 北京市住房和城乡建设委员会 is a current name


# --- sub-units attached to their parent -------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("住房和城乡建设部住房保障司司长", ("住房和城乡建设部住房保障司", "住房和城乡建设部住房保障司", True, "nested",
                                   "住房和城乡建设部")),
    ("国家体育总局体育彩票管理中心公告", ("国家体育总局体育彩票管理中心", "国家体育总局体育彩票管理中心", True, "nested",
                                    "国家体育总局")),
    ("民航华东地区管理局通报", ("民航华东地区管理局", "中国民用航空华东地区管理局", True, "nested", "中国民用航空局")),
    ("长江防汛抗旱总指挥部学校防控组", ("长江防汛抗旱总指挥部学校防控组", "长江防汛抗旱总指挥部学校防控组", True, "nested",
                                    "长江防汛抗旱总指挥部")),
])
def test_sub_units(matcher, text, expected):
    assert rows(matcher, text)[0] == expected


@pytest.mark.parametrize("text, expected", [
    ("槐荫区卫生局医政科", ("槐荫区卫生局医政科", "济南市槐荫区卫生局医政科", True, "nested", "济南市槐荫区卫生局")),
    ("人民银行成都分行征信管理处", ("人民银行成都分行征信管理处", "中国人民银行成都分行征信管理处", True, "nested",
                                "中国人民银行成都分行")),
    ("中国人民银行金融研究局", ("中国人民银行金融研究局", "中国人民银行金融研究局", True, "nested", "中国人民银行")),
])
def test_sections_and_bank_units(matcher, text, expected):
    assert rows(matcher, text)[0] == expected


def test_sub_unit_after_a_bare_form(matcher):
    assert rows(matcher, "福建省召开会议，省公安厅经侦总队总队长介绍") == [
        ("省公安厅经侦总队", "福建省公安厅经侦总队", True, "nested", "福建省公安厅"),
        ("省公安厅", "福建省公安厅", True, "parent", "")]
    assert rows(matcher, "市住保办政策计划处处长介绍") == [("市住保办政策计划处", "", False, "bare", "")]


def test_bare_level_word_with_a_department_outside_the_templates(matcher):
    assert found(matcher, "武汉市召开会议，市土地整理储备中心表示") == [("市土地整理储备中心", "武汉市土地整理储备中心")]
    assert found(matcher, "市土地整理储备中心表示") == [("市土地整理储备中心", "")]
    assert found(matcher, "该市场监管局") == [("市场监管局", "")]  # 市场 is no bare 市


def test_two_levels_of_sub_units(matcher):
    assert rows(matcher, "住房和城乡建设部政策研究中心住宅与房地产研究处") == [
        ("住房和城乡建设部政策研究中心住宅与房地产研究处", "住房和城乡建设部政策研究中心住宅与房地产研究处", True,
         "nested", "住房和城乡建设部政策研究中心"),
        ("住房和城乡建设部", "住房和城乡建设部", True, "parent", ""),
        ("住房和城乡建设部政策研究中心", "住房和城乡建设部政策研究中心", True, "parent", "住房和城乡建设部")]


@pytest.mark.parametrize("text", ["国家统计局局长宁吉喆表示", "财政部多处发文", "教育部副部长在会上说",
                                  "党中央高度重视科技创新", "国家文物局重点科研基地", "党中央修订纪律处分条例",
                                  "陕西省纪委监委快查严处", "国务院派工作组赶赴现场"])
def test_no_sub_unit_from_a_clause(matcher, text):
    assert all(m["kind"] != "nested" for m in matcher.match_article("", text))


# --- sub-bodies and committees (issue 11) -----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("洪泽湖管理局发布通告", [("洪泽湖管理局", "洪泽湖管理局")]),
    ("政协北京市第五届委员会第三次会议", [("政协北京市第五届委员会", "中国人民政治协商会议北京市委员会")]),
    ("北京市新冠肺炎疫情防控指挥部学校防控组", [("北京市新冠肺炎疫情防控指挥部学校防控组",
                                      "北京市新冠肺炎疫情防控指挥部学校防控组"),
                                     ("北京市新冠肺炎疫情防控指挥部", "北京市新冠肺炎疫情防控指挥部")]),
])
def test_sub_bodies_and_committees(matcher, text, expected):
    assert found(matcher, text) == expected


# --- bare forms with no region in reach -------------------------------------------------------------------------
@pytest.mark.parametrize("text, surface", [
    ("市住建委表示，将加强监管", "市住建委"), ("教育局要求各校", "教育局"), ("统计局公布的数据显示", "统计局"),
    ("房管局工作人员称", "房管局"), ("当事人告上法院", "法院"), ("他到派出所报案", "派出所"), ("当地教育局回应", "教育局"),
])
def test_bare_forms_are_kept_unresolved(matcher, text, surface):
    assert rows(matcher, text) == [(surface, "", False, "bare", "")]


@pytest.mark.parametrize("text, expected", [
    ("万一她当个十年八年教育局一把手", [("教育局", "")]),      # after any word: still a bare form, never dropped
    ("县里农业农村局还提供金融支持", [("农业农村局", "")]),
    ("瑞典检察院当天宣布", []), ("美疾控中心的报告指出", []),  # a foreign body is no Chinese bare form
    ("国家统计局发布", [("国家统计局", "国家统计局")]),
])
def test_bare_forms_after_other_words(matcher, text, expected):
    assert found(matcher, text) == expected


def test_bare_forms_in_a_list_stay_listed(matcher):
    assert found(matcher, "卫生局、食药监局、安监局联合检查") == [("卫生局", ""), ("食药监局", ""), ("安监局", "")]
    assert found(matcher, "诚信办理安监局、建设厅、质监局的手续") == [("安监局", ""), ("建设厅", ""), ("质监局", "")]
    assert found(matcher, "欢迎市民拨打市住房保障办电话") == [("市住房保障办", "")]


def test_bare_forms_resolve_to_the_documents_own_region(matcher):
    assert found(matcher, "教育局要求各校开学前完成排查", title="石家庄市教育局关于开学工作的通知") == [
        ("石家庄市教育局", "石家庄市教育局"), ("教育局", "石家庄市教育局")]
    assert found(matcher, "市住建委表示", source="北京市人民政府") == [("市住建委", "北京市住房和城乡建设委员会")]
    # a province's document: 教育局 is no province's 教育厅, so it stays unresolved (never guessed)
    assert found(matcher, "教育局要求", title="河北省教育工作要点") == [("教育局", "")]


def test_issuer_column_resolves_bare_forms(matcher):
    a = coerce_articles(pd.DataFrame({"title": ["关于加强管理的通知"], "body": ["市住建委负责监督。"], "source": [""],
                                      "date": [None], "file": ["a.csv"]}))
    assert find_mentions(a, matcher)["agency"].tolist() == [""]
    a["issuer"] = ["石家庄市人民政府"]
    m = find_mentions(a, matcher)
    assert m[["surface", "agency"]].values.tolist() == [["市住建委", "石家庄市住房和城乡建设委员会"]]


def test_unresolved_bare_forms_are_listed(matcher):
    a = coerce_articles(pd.DataFrame({"title": ["", ""], "body": ["统计局公布数据。市住建委表示", "统计局称"],
                                      "source": ["", ""], "date": [None, None], "file": ["a.txt", "b.txt"]}))
    u = unresolved_summary(find_mentions(a, matcher))
    assert u.to_dict("records") == [
        {"surface": "统计局", "level": "", "mentions": 2, "documents": 2},
        {"surface": "市住建委", "level": "municipal", "mentions": 1, "documents": 1}]


# --- same-named districts (issue 11, BR-2-12) ------------------------------------------------------------------
def test_same_named_districts_carry_their_city(matcher):
    assert found(matcher, "北京市朝阳区市场监管局联合区应急局检查") == [
        ("北京市朝阳区市场监管局", "北京市朝阳区市场监督管理局"), ("区应急局", "北京市朝阳区应急管理局")]
    assert found(matcher, "长春市朝阳区市场监管局组织检定") == [("长春市朝阳区市场监管局", "长春市朝阳区市场监督管理局")]
    assert found(matcher, "朝阳市市场监管局召开会议") == [("朝阳市市场监管局", "朝阳市市场监督管理局")]


def test_a_shared_district_name_alone_is_resolved_from_the_article_or_left_unresolved(matcher):
    assert found(matcher, "鼓楼区市场监管局开展检查") == [("鼓楼区市场监管局", "")]
    assert found(matcher, "鼓楼区市场监管局开展检查", source="南京市人民政府") == [
        ("鼓楼区市场监管局", "南京市鼓楼区市场监督管理局")]


@pytest.mark.parametrize("joiner", ["联合", "会同", "与", "和", "、"])
def test_bare_form_after_a_joiner_is_never_dropped(matcher, joiner):
    got = rows(matcher, f"北京市朝阳区市场监管局{joiner}区应急局检查")
    assert got[-1][:3] == ("区应急局", "北京市朝阳区应急管理局", True)


# --- real names, not invented ones --------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("北京市朝阳区发改委", [("北京市朝阳区发改委", "北京市朝阳区发展和改革委员会")]),   # still a 委员会
    ("北京市朝阳区卫健委", [("北京市朝阳区卫健委", "北京市朝阳区卫生健康委员会")]),
    ("北京市海淀区消防支队", [("北京市海淀区消防支队", "北京市海淀区消防救援支队")]),          # a 直辖市 district: 支队
    ("德清县消防大队", [("德清县消防大队", "德清县消防救援大队")]),
    ("德清县发改委", [("德清县发改委", "德清县发展和改革委员会")]),                     # written 委 stays 委员会
    ("德清县发改局", [("德清县发改局", "德清县发展和改革局")]),
    ("广东省计量科学研究院", [("广东省计量科学研究院", "广东省计量科学研究院")]),        # not 计量测试研究院
    ("上海市计量测试技术研究院", [("上海市计量测试技术研究院", "上海市计量测试技术研究院")]),
    ("北京市教委", [("北京市教委", "北京市教育委员会")]),
])
def test_real_names_only(matcher, text, expected):
    assert found(matcher, text) == expected


# --- short place names inside ordinary words (issue 11) ----------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("城市和县人民政府应当加强管理", [("县人民政府", "")]),          # not 和县 (安徽)
    ("审核人和县教育局盖章", [("县教育局", "")]),
    ("推进创新和政府职能转变", []),                                 # not 新和县
    ("民和县人民政府", [("民和县人民政府", "民和回族土族自治县人民政府")]),  # not 和县
    ("安徽省和县教育局", [("安徽省和县教育局", "和县教育局")]),        # with its province: the county
    ("在和县人民政府门前", [("和县人民政府", "和县人民政府")]),          # a boundary before it
    ("公安县人民政府", [("公安县人民政府", "公安县人民政府")]),          # a place holding a department word
    ("黔东南州政府", [("黔东南州政府", "黔东南苗族侗族自治州人民政府")]),
])
def test_short_place_names_need_a_boundary_or_support(matcher, text, expected):
    assert found(matcher, text) == expected


def test_a_false_county_no_longer_steers_bare_forms(matcher):
    body = "城市和县人民政府应当加强管理。省人民政府、市人民政府负责监督。"
    got = found(matcher, body, title="河北省城乡规划条例")
    assert got == [("县人民政府", ""), ("省人民政府", "河北省人民政府"), ("市人民政府", "")]
    assert found(matcher, body.replace("城市和县", "马鞍山市和县"), title="") [0] == (
        "马鞍山市和县人民政府", "和县人民政府")


# --- open names never from clauses or titles ------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "北京举办大型活动", "北京成功申办冬奥会", "北京出席中哈企业家委员会会议", "河南制定省委文件", "北京大学人民医院管理中心",
    "上海全市社区卫生服务中心", "台湾岛东北部局地有暴雨", "北京一公安局民警", "乌鲁木齐专门听取新疆维吾尔自治区党委汇报",
    "印发《河北省科学技术奖励办法》的通知",
])
def test_open_names_are_not_cut_from_clauses(matcher, text):
    assert all(m["kind"] not in ("regional", "nested") or m["surface"] in ("新疆维吾尔自治区党委",)
               for m in matcher.match_article("", text)), matcher.match_article("", text)


def test_discovery_never_proposes_pieces_of_titles(matcher):
    a = coerce_articles(pd.DataFrame({"title": ["通知"], "body": ["印发《河北省科学技术奖励办法》。河北省科学技术奖励办法规定"],
                                      "source": [""], "date": [None], "file": ["a.txt"]}))
    c = discover_candidates(a, find_mentions(a, matcher), matcher, use_jieba=False)
    assert c["candidate"].tolist() == []


# --- the CLUENER evaluation script ------------------------------------------------------------------------
def test_eval_cluener_rules_and_counts(tmp_path, matcher):
    from scripts.eval_cluener import Rules, evaluate, load_examples

    r = Rules()
    assert [r.reason(s) for s in ("美国国防部", "美军", "央视", "监管部门", "中国房地产业协会", "乌审旗建设局",
                                  "朝阳公安分局", "法院", "内蒙古人民政府")] == [
        "foreign", "foreign", "media", "generic", "non-government", "", "", "", ""]
    examples = [
        {"text": "据武汉市国土房产局介绍，美军和市住建委表示", "label": {"government": {
            "武汉市国土房产局": [[1, 8]], "美军": [[12, 13]], "市住建委": [[15, 18]]}}},
        {"text": "中共乌审旗旗委召开会议，工作组进驻", "label": {"government": {"乌审旗旗委": [[2, 6]]}}},
        {"text": "国家统计局局长说", "label": {}},
    ]
    p = tmp_path / "train.json"
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False, indent=2) for x in examples), encoding="utf-8")
    got = evaluate(load_examples(p), matcher)
    assert (got["gold"], got["found"], got["exact"], got["tp"], got["fp"]) == (3, 3, 2, 3, 1)
    assert dict(got["excluded"]) == {"foreign": 1}
    assert dict(got["false"]) == {"国家统计局": 1}


@pytest.mark.parametrize("content, message", [
    (None, "no such file"), ("{not json", "not CLUENER JSON"), ('{"label": {}}', "has no 'text'"), ("", "holds no examples"),
])
def test_eval_cluener_bad_input(tmp_path, content, message):
    from scripts.eval_cluener import load_examples

    p = tmp_path / "x.json"
    if content is not None:
        p.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit, match=message):
        load_examples(p)
