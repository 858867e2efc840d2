"""analysis.policy.citations: roles (real sentences from the Hebei corpus), self-references, 文号 and title
resolution, and the summaries."""
import pandas as pd
import pytest

from analysis.policy.citation_index import normalize_title
from analysis.policy.citations import (citation_edges, citing_sentences, document_counts, find_citations,
                                       in_attachment_list, is_form_title, role_counts, top_cited)


def _arts(rows):
    df = pd.DataFrame(rows, columns=["id", "title", "body", "doc_number"])
    df["duplicate_of"] = pd.array([pd.NA] * len(df), dtype="Int64")
    return df


@pytest.mark.parametrize("sentence, cited, role", [
    ("为了奖励在本省科学技术进步活动中做出突出贡献的个人、组织，根据《国家科学技术奖励条例》《河北省科学技术进步条例》等法律、法规，"
     "结合本省实际，制定本办法。", "国家科学技术奖励条例", "basis"),
    ("本细则自2004年11月1日起施行。1995年9月16日公布的《河北省计划生育条例实施细则》同时废止。",
     "河北省计划生育条例实施细则", "repeal"),
    ("为进一步加强农业科技园区规范化建设与管理，对《河北省农业科技园区管理办法》（冀科农〔2018〕15号）进行了修订。",
     "河北省农业科技园区管理办法", "amendment"),
    ("为认真贯彻《国务院关于推行终身职业技能培训制度的意见》（国发〔2018〕11号）精神，全面提高劳动者素质。",
     "国务院关于推行终身职业技能培训制度的意见", "implementation"),
    ("近日，中共中央办公厅、国务院办公厅印发《关于加强科技伦理治理的意见》。", "关于加强科技伦理治理的意见", "other"),
])
def test_roles_from_real_sentences(sentence, cited, role):
    c = find_citations(_arts([(1, "某文件", sentence, "")]))
    row = c[c["cited_title"] == cited].iloc[0]
    assert row["role"] == role
    assert row["sentence"] == sentence.split("。")[0] + "。" if role != "repeal" else True


def test_title_inside_the_citation_is_not_its_role():
    c = find_citations(_arts([(1, "某文件", "近日印发了《国务院关于修改〈社会力量设立科学技术奖管理办法〉的决定》。", "")]))
    assert c["role"].tolist() == ["other"]


def test_number_after_title_and_bare_number():
    body = "为认真贯彻《国务院关于推行终身职业技能培训制度的意见》（国发〔2018〕11号）精神。另按冀政办字[2019]５号执行。"
    c = find_citations(_arts([(1, "某通知", body, "")]))
    assert c[["cited_title", "cited_doc_number", "role"]].values.tolist() == [
        ["国务院关于推行终身职业技能培训制度的意见", "国发〔2018〕11号", "implementation"],
        ["", "冀政办字〔2019〕5号", "basis"]]


def test_self_references_resolve_to_the_document():
    body = ("现将《河北省重点实验室建设与运行管理办法》（以下简称《办法》）印发给你们。《办法》自公布之日起施行。"
            "根据《河北省人口与计划生育条例》（以下简称《条例》）的规定，《条例》第五条适用。")
    arts = _arts([(7, "关于印发《河北省重点实验室建设与运行管理办法》的通知", body, "冀科平规〔2022〕1号"),
                  (8, "河北省人口与计划生育条例", "……", "")])
    c = find_citations(arts)
    got = c[["written", "self", "resolved_id"]].astype(object).values.tolist()
    assert got == [["《河北省重点实验室建设与运行管理办法》", True, 7], ["《办法》", True, 7], ["《办法》", True, 7],
                   ["《河北省人口与计划生育条例》", False, 8], ["《条例》", False, 8], ["《条例》", False, 8]]
    # the abbreviation of another document keeps that document's title
    assert c["cited_title"].tolist()[-1] == "河北省人口与计划生育条例"
    # self-references are not counted as citations
    assert role_counts(c).set_index("role").loc["total", "citations"] == 3


def test_bare_type_name_means_the_document_itself():
    c = find_citations(_arts([(3, "河北省科学技术奖励办法", "《办法》所称科学技术奖，是指省人民政府设立的奖项。", "")]))
    assert c[["self", "resolved_id"]].astype(object).values.tolist() == [[True, 3]]


def test_resolution_by_number_first_then_normalised_title():
    arts = _arts([
        (1, "国务院关于推行终身职业技能培训制度的意见", "……", "国发〔2018〕11号"),
        (2, "中华人民共和国科学技术进步法", "……", ""),
        (3, "关于印发《河北省科技型中小企业认定管理办法》的通知", "……", "冀科企〔2013〕13号"),
        (4, "引用者", "贯彻《关于推行职业技能培训的意见》（国发[2018]第011号）精神，根据《科学技术进步法》和"
                    "《河北省科技型中小企业认定管理办法》，参照《中华人民共和国安全生产法》。", ""),
    ])
    c = find_citations(arts)
    c4 = c[c["id"] == 4]
    assert c4["resolved_id"].fillna(-1).tolist() == [1, 2, 3, -1]
    counts = document_counts(c, arts)
    assert counts["cited_by"].tolist() == [1, 1, 1, 0] and counts["citing"].tolist() == [0, 0, 0, 4]
    edges = citation_edges(c)
    assert edges[["source", "target"]].values.tolist() == [[4, 1], [4, 2], [4, 3]]
    assert citing_sentences(c, arts, 2)["id"].tolist() == [4]
    top = top_cited(c, arts, 10)
    assert sorted(top["in_corpus"].tolist()) == [False, True, True, True]  # one citing document each
    assert top_cited(c, arts, 10, inside=False)["title"].tolist() == ["中华人民共和国安全生产法"]


@pytest.mark.parametrize("a, b", [
    ("《中华人民共和国安全生产法》", "安全生产法"),
    ("河北省实施〈残疾预防和残疾人康复条例〉办法", "河北省实施《残疾预防和残疾人康复条例》办法"),
    ("中华人民共和国科学技术进步法（2021年修订）", "科学技术进步法"),
    ("国家 科学技术奖励条例", "国家科学技术奖励条例"),
])
def test_normalize_title(a, b):
    assert normalize_title(a) == normalize_title(b)


def test_no_citations_gives_typed_empty_table():
    c = find_citations(_arts([(1, "标题", "没有引用。", "")]))
    assert c.empty and str(c["resolved_id"].dtype) == "Int64"
    assert role_counts(c)["citations"].tolist() == [0, 0, 0, 0, 0, 0]
    assert top_cited(c, _arts([(1, "标题", "", "")])).empty


def test_resolution_through_issuing_notices_orders_and_subjects():
    arts = _arts([
        (1, "国务院办公厅关于印发职业技能提升行动方案（2019—2021年）的通知", "……", ""),
        (2, "科学技术部令第21号人类遗传资源管理条例实施细则", "……", ""),
        (3, "国务院关于做好当前和今后一个时期促进就业工作的若干意见", "……", ""),
        (4, "引用者", "根据《职业技能提升行动方案（2019—2021年）》《人类遗传资源管理条例实施细则》和"
                    "《关于做好当前和今后一个时期促进就业工作的若干意见》，制定本方案。", ""),
    ])
    c = find_citations(arts)
    assert c.loc[c["id"] == 4, "resolved_id"].tolist() == [1, 2, 3]
    assert c.loc[c["id"] == 4, "role"].tolist() == ["basis"] * 3


def test_filter_documents():
    from analysis.errors import InvalidOption
    from analysis.policy.documents import documents_table, filter_documents

    arts = _arts([(1, "河北省用水管理办法", "……", "河北省人民政府令〔2022〕第3号"),
                  (2, "关于做好工作的通知", "根据《河北省用水管理办法》执行。", "冀政办字〔2023〕5号")])
    arts["issuer"] = ["河北省人民政府", "河北省人民政府办公厅|河北省财政厅"]
    arts["date"] = pd.to_datetime(["2022-08-12", "2023-05-02"])
    arts["written_date"] = pd.to_datetime([None, "2023-04-28"])
    arts["effective_date"] = pd.to_datetime([None, None])
    arts["status"], arts["doc_type"] = ["有效", ""], ["办法", "通知"]
    table = documents_table(arts, find_citations(arts))
    assert table[["id", "citing", "cited_by"]].values.tolist() == [[1, 0, 1], [2, 1, 0]]
    ids = lambda **kw: filter_documents(table, **kw)["id"].tolist()  # noqa: E731
    assert ids(text="冀政办字") == [2] and ids(text="用水") == [1]
    assert ids(issuers=["河北省财政厅"]) == [2]
    assert ids(statuses=["有效"]) == [1] and ids(types=["通知"]) == [2]
    assert ids(min_cited_by=1) == [1] and ids(min_citing=1) == [2]
    assert ids(years=(2023, 2023)) == [2] and ids(date_column="written_date", years=(2022, 2022)) == []
    with pytest.raises(InvalidOption):
        filter_documents(table, date_column="published")


def _dated(rows):
    """(id, title, body, doc_number, date) rows, no reposts."""
    df = pd.DataFrame(rows, columns=["id", "title", "body", "doc_number", "date"])
    df["date"] = pd.to_datetime(df["date"])
    df["duplicate_of"] = pd.array([pd.NA] * len(df), dtype="Int64")
    return df


_VERSIONS = [  # the Hebei 奖励办法 versions (ids 590 / 1954) and a 2024 细则 citing the 2024 令 (id 1805)
    (590, "河北省科学技术奖励办法", "第一条 为了奖励……", "河北省人民政府令〔2001〕第15号", "2001-09-25"),
    (1954, "河北省科学技术奖励办法", "第一条 为了奖励……", "", "2021-12-02"),
]


@pytest.mark.parametrize("body, resolved", [
    ("《河北省科学技术奖励办法》（省政府令〔2024〕第1号）已经公布。", None),  # 2024 version not in the corpus
    ("《河北省科学技术奖励办法》（省政府令〔2021〕第4号）已经公布。", 1954),  # the 2021 version, by its year
    ("《河北省科学技术奖励办法》（省政府令〔2001〕第15号）已经公布。", 590),  # 文号 spelled otherwise
    ("《河北省科学技术奖励办法（2021年修订）》已经公布。", 1954),  # version note
    ("《河北省科学技术奖励办法（2024年修订）》已经公布。", None),
    ("《河北省科学技术奖励办法》已经公布。", 590),  # no 文号, no year: the title names the first
])
def test_a_cited_number_or_version_picks_that_version(body, resolved):
    arts = _dated(_VERSIONS + [(1805, "《河北省科学技术奖励办法实施细则》政策解读", body, "", "2024-08-01")])
    c = find_citations(arts)
    row = c[(c["id"] == 1805) & (c["cited_title"].str.startswith("河北省科学技术奖励办法"))].iloc[0]
    assert (None if pd.isna(row["resolved_id"]) else int(row["resolved_id"])) == resolved


def test_another_number_of_the_only_copy_is_another_document():
    arts = _dated([
        (68, "工伤保险条例", "第一条……", "中华人民共和国国务院令第586号", "2010-12-20"),
        (1602, "某通知", "依据《工伤保险条例》（国务院令第375号）执行。另按《工伤保险条例》（国务院令第586号）。"
                       "见《事业单位人事管理条例》（国务院令第652号）。", "", "2019-01-01"),
        (65, "事业单位人事管理条例", "第一条……", "中华人民共和国国务院令第652号", "2014-04-25"),
        (1988, "某意见", "按照《关于进一步完善中央财政科研项目资金管理等政策的若干意见》（中办发〔2016〕50号）。", "",
         "2019-01-01"),
        (1738, "关于进一步完善中央财政科研项目资金管理等政策的若干意见", "……", "", "2018-03-13"),
    ])
    c = find_citations(arts)
    assert c.loc[c["id"] == 1602, "resolved_id"].tolist() == [pd.NA, 68, 65]
    # one copy without 文号, posted after the cited number's year: the same document
    assert c.loc[c["id"] == 1988, "resolved_id"].tolist() == [1738]


def test_revision_note_in_the_corpus_title_is_not_part_of_it():
    """P9: id 1939 of the Hebei corpus."""
    title = "国家科学技术奖励条例（2020年10月7日中华人民共和国国务院令第731号第三次修订）"
    assert normalize_title(title) == "国家科学技术奖励条例"
    arts = _dated([(1939, title, "第一条……", "", "2020-10-07"),
                   (157, "某办法", "根据《国家科学技术奖励条例》，制定本办法。", "", "2021-01-01")])
    assert find_citations(arts)["resolved_id"].tolist() == [1939]


def test_reposts_are_never_targets_with_or_without_them_in_the_table():
    """P8: the 政策 page passes reposts (and keeps their rows out of its tables), the CLI drops them first;
    both resolve alike because a repost is never a target."""
    arts = _dated([
        (2433, "关于印发《考试方案（2024年修订）》的通知", "链接", "", "2024-01-12"),
        (2434, "关于印发《现场测试办法（2024年修订）》的通知", "链接", "", "2024-01-12"),
        (2464, "某通知", "按照《现场测试办法（2024年修订）》和《考试方案（2024年修订）》执行。", "", "2024-02-01"),
    ])
    arts["duplicate_of"] = pd.array([pd.NA, 2433, pd.NA], dtype="Int64")
    page = find_citations(arts)
    cli = find_citations(arts[arts["duplicate_of"].isna()].reset_index(drop=True))
    assert page[page["id"] == 2464]["resolved_id"].tolist() == [pd.NA, 2433]
    assert cli["resolved_id"].tolist() == page[page["id"] == 2464]["resolved_id"].tolist()


def test_forms_certificates_and_attachments_are_not_citations():
    """P6: id 268 of the Hebei corpus (a 参保登记 notice) cites forms and lists its attachments."""
    body = ("按照《社会保险法》规定，填写《社会保险登记表》和《机关事业单位工作人员参保登记名册》，持《事业单位法人证书》"
            "办理，领取《社会保险登记证》。按照《代码表值》填写。按《行政许可告知承诺书（示范文本）》（以下简称《承诺书》）"
            "签署《承诺书》。\n附件：1.《信息采集指标和填写说明》2.《代码表值》\n"
            "附件：《人力资源社会保障部关于职业院校毕业生参加事业单位公开招聘有关问题的通知》")
    c = find_citations(_arts([(268, "关于开展机关事业单位养老保险集中参保登记工作的通知", body, "")]))
    assert c["cited_title"].tolist() == ["社会保险法",
                                         "人力资源社会保障部关于职业院校毕业生参加事业单位公开招聘有关问题的通知"]


@pytest.mark.parametrize("title, form", [
    ("社会保险登记表", True), ("机关事业单位退休人员参保登记名册", True), ("事业单位法人证书", True),
    ("社会保险登记证", True), ("代码表值", True), ("研发支出辅助账模板", True), ("信息表（样表）", True),
    ("（企业名称）年度研究开发异议项目目录", True), ("医疗机构执业许可证", True), ("河北省科普示范基地申报书", True),
    ("国家职业资格目录", False), ("市场准入负面清单（2020年版）", False), ("河北省科学技术奖励办法", False),
    ("人大代表", False), ("科研项目可行性论证", False), ("", False),
])
def test_form_titles(title, form):
    assert is_form_title(title) is form


@pytest.mark.parametrize("before, listed", [
    ("附件：1.《信息采集指标和填写说明》2.", True), ("附件:", True), ("附件：《a》、《b》、", True), ("附件2 ", True),
    ("附件：《X》二○一二年八月十日附件：X第一条根据", False), ("附件1失业保险金申领登记表(略)附件2", False),
    ("根据", False), ("", False),
])
def test_attachment_lists(before, listed):
    assert in_attachment_list(before) is listed


def test_citing_counts_references_cited_by_counts_documents():
    """tester s15 Q2: the units of document_counts (the 政策 page heads them 引用处数 / 被引文件数)."""
    arts = _arts([
        (1, "河北省甲管理办法", "……", "冀政字〔2020〕1号"),
        (2, "关于乙的通知", "根据《河北省甲管理办法》制定。按照《河北省甲管理办法》执行。《河北省甲管理办法》第三条适用。"
                        "参照《中华人民共和国安全生产法》。", ""),
        (3, "关于丙的通知", "依据《河北省甲管理办法》和冀政字〔2020〕1号。", ""),
    ])
    c = find_citations(arts)
    counts = document_counts(c, arts).set_index("id")
    # document 2: 4 references (3 to the same document, 1 outside the corpus); document 3: 2 to document 1
    assert counts["citing"].tolist() == [0, 4, 2]
    # document 1 is cited by 2 documents (5 references)
    assert counts["cited_by"].tolist() == [2, 0, 0]
    assert int((c["resolved_id"] == 1).sum()) == 5


def test_policy_count_headers_say_their_unit():
    from labels.columns import COLUMN_HELP, COLUMNS

    assert COLUMNS["citing"] == ("引用处数", "References made")
    assert COLUMNS["cited_by"] == ("被引文件数", "Cited by (documents)")
    assert COLUMN_HELP["citing"][0] == "本文件中引用其他文件的处数(同一文件被引用几次算几处,含语料外的文件)"
    assert COLUMN_HELP["cited_by"][0] == "语料中引用本文件的文件篇数(一篇文件引用多次只算一篇)"
