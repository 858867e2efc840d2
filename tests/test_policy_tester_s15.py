"""Tester report s15: P15 (a repeal sentence's date taken as 成文日期; the ``令2000年第11号`` form missed), P16 (a
fee table's 收费依据 number taken as the 文号), P17 (issuers of a joint header without separators and of an
unparenthesised 通过 headnote). Bodies are built in code from the shapes of ../shared/corpora/bjtcm."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.policy.citation_index import number_parts, same_number
from analysis.policy.citations import find_citations
from analysis.policy.headnotes import leading_headnote, signature_date
from analysis.policy.issuers import issuer_text_from_body
from analysis.policy.metadata import document_metadata
from analysis.policy.numbers import doc_number_key, find_doc_numbers
from analysis.policy.own_number import header_number, own_number_in_body
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

# --- P15 ---------------------------------------------------------------------------------------------------

ORDER_2000 = "中华人民共和国对外贸易经济合作部令2000年第11号"
REPEAL_BODY = (f"{ORDER_2000}\n第一章 总则\n第一条 为加强对中外合资、合作医疗机构的管理，根据《医疗机构管理条例》制定本办法。\n"
               "第三十八条 本规定自2000年7月1日起实施。\n"
               "一九八九年二月十日颁布的卫医字[89]第3号文和一九九七年四月三十日颁布的[1997]外经贸发第292号文同时废止。")


def test_order_number_with_a_year_in_nian_form_is_found():
    assert find_doc_numbers(ORDER_2000 + "\n第一章") == [(0, 26, ORDER_2000)]
    assert find_doc_numbers("根据商务部科技部令2009年第1号，") == [(2, 17, "商务部科技部令2009年第1号")]
    # the other 令 forms keep their spelling
    assert [n for _, _, n in find_doc_numbers("河北省人民政府令（2023）第10号和主席令第十六号")] == [
        "河北省人民政府令〔2023〕第10号", "主席令第十六号"]
    assert doc_number_key(ORDER_2000) == "中华人民共和国对外贸易经济合作部令2000年11号"
    assert number_parts(ORDER_2000) == ("对外贸易经济合作部令", 2000, 11)
    assert number_parts("财政部税务总局公告2022年第28号") == ("财政部税务总局公告", 2022, 28)
    assert same_number(ORDER_2000, "对外贸易经济合作部令2000年第11号")
    assert not same_number(ORDER_2000, "对外贸易经济合作部令2001年第11号")


def test_a_repealed_documents_date_is_not_the_written_date():
    assert signature_date(REPEAL_BODY) is None
    # the same sentence with a signature under it: the signature's date
    signed = REPEAL_BODY + "\n对外贸易经济合作部\n二〇〇〇年五月十五日"
    assert signature_date(signed) == pd.Timestamp("2000-05-15")
    # a citing clause before a date: 根据…1990年…
    assert signature_date("第十条 本办法自发布之日起施行。\n根据1990年12月24日国务院发布的条例") is None
    # a flattened signature followed by the next text's 根据 stays a signature (Hebei id 815's shape)
    flat = "各市人民政府，省政府各部门：现将《全省县域科技创新能力监测评价结果》印发给你们。请认真落实。河北省人民政府办公厅2023年12月22日根据《河北省县域科技创新跃升计划》要求，我省组织了评价"
    assert signature_date(flat) == pd.Timestamp("2023-12-22")


def test_repeal_body_metadata():
    meta = document_metadata("中外合资、合作医疗机构管理暂行办法", REPEAL_BODY)
    assert meta["doc_number"] == ORDER_2000
    assert meta["written_date"] is None
    assert meta["issuer"] == "对外贸易经济合作部"


# --- P16 ---------------------------------------------------------------------------------------------------

FEE_TABLE = ("医师资格（中医类）考试收费标准\n收费项目\n计费单位\n收费标准（元）\n收费对象\n收费依据\n"
             + "".join(f"医师资格考试考务费\n（{kind}）\n人次\n{fee}\n参加考试考生\n京发改〔2021〕190号\n"
                       for kind, fee in (("医师", 120), ("助理医师", 100), ("实践技能", 272), ("确有专长", 100))))


def test_a_fee_tables_basis_column_is_not_the_documents_number():
    assert header_number(FEE_TABLE) == ""
    assert own_number_in_body(FEE_TABLE) == ""
    meta = document_metadata("医师资格（中医类）考试收费标准", FEE_TABLE)
    assert meta["doc_number"] == ""
    # the basis column's numbers are citations of another document (four rows, none a self-reference)
    articles = pd.DataFrame({"id": [65], "title": ["医师资格（中医类）考试收费标准"], "body": [FEE_TABLE],
                             "doc_number": [meta["doc_number"]]})
    cites = find_citations(articles)
    assert cites["cited_doc_number"].tolist() == ["京发改〔2021〕190号"] * 4
    assert cites["self"].tolist() == [False] * 4
    # a number in a header without such a column is still the document's own
    assert header_number("关于调整收费标准的通知\n京发改〔2021〕190号\n各区：") == "京发改〔2021〕190号"
    assert header_number("收费依据说明\n京发改〔2021〕190号\n") == "京发改〔2021〕190号"  # not a column header line


# --- P17 ---------------------------------------------------------------------------------------------------

JOINT_HEADER = ("卫生部国家中医药管理局总后勤部卫生部关于印发《医疗机构药事管理规定》的通知\n卫医政发〔2011〕11号\n"
                "各省、自治区、直辖市卫生厅局：\n为加强医疗机构药事管理，现将《医疗机构药事管理规定》印发给你们。")


def test_joint_header_without_separators_gives_each_issuer():
    assert issuer_text_from_body(JOINT_HEADER, "医疗机构药事管理规定") == "卫生部国家中医药管理局总后勤部卫生部"
    # only when the first line is a formal title naming the document's own title
    assert issuer_text_from_body(JOINT_HEADER, "医疗机构药事管理暂行规定") == ""
    assert issuer_text_from_body("为加强管理，卫生部关于印发《规定》的通知", "规定") == ""
    meta = document_metadata("医疗机构药事管理规定", JOINT_HEADER)
    assert meta["doc_number"] == "卫医政发〔2011〕11号"
    assert meta["issuer"] == "卫生部|国家中医药管理局|总后勤部卫生部"  # (agfix6: 总后勤部卫生部 is in the table)


LAW_HEAD = ("1999年4月29日第九届全国人民代表大会常务委员会第九次会议通过\n1999年4月29日中华人民共和国主席令第十六号公布\n"
            "自1999年10月1日起施行\n第一章 总 则\n第一条 为了防止和纠正违法的或者不当的具体行政行为，制定本法。")


def test_unparenthesised_headnote_lines_give_the_issuer():
    assert leading_headnote(LAW_HEAD) == ("1999年4月29日第九届全国人民代表大会常务委员会第九次会议通过，"
                                          "1999年4月29日中华人民共和国主席令第十六号公布，自1999年10月1日起施行")
    assert leading_headnote("第一条 为了……1999年4月29日通过") == ""
    assert leading_headnote("自1999年10月1日起施行\n第一条") == ""  # a 施行 line alone is no headnote
    meta = document_metadata("中华人民共和国行政复议法", LAW_HEAD)
    assert meta["issuer"] == "全国人民代表大会常务委员会"
    assert meta["doc_number"] == "中华人民共和国主席令第十六号"
    assert meta["effective_date"] == pd.Timestamp("1999-10-01")
    assert meta["date"] == pd.Timestamp("1999-04-29") and meta["date_source"] == "headnote"


@pytest.mark.shared
def test_bjtcm_rows_of_the_report(shared):
    from analysis.loaders import load_paths

    a = load_paths([shared / "corpora" / "bjtcm" / "notices.json"]).articles.set_index("id")
    assert a.loc[22, "doc_number"] == ORDER_2000
    assert pd.isna(a.loc[22, "written_date"])
    assert a.loc[65, "doc_number"] == ""
    assert a.loc[36, "issuer"] == "卫生部|国家中医药管理局|总后勤部卫生部"  # (agfix6: 总后勤部卫生部 is in the table)
    assert a.loc[51, "issuer"] == "全国人民代表大会常务委员会"


# --- C3 ----------------------------------------------------------------------------------------------------

AD_2006 = ("国家工商行政管理总局 卫生部令第26号\n《医疗广告管理办法》已经决定修改，现予公布，自2007年1月1日起施行。\n"
           "第一条 为加强医疗广告管理，制定本办法。\n第二十三条 本办法自2007年1月1日起施行。\n国家工商行政管理总局\n2006年11月10日")
CITING_2000 = REPEAL_BODY.replace("第三十八条", "第二十七条 医疗广告按照《中华人民共和国广告法》、《医疗广告管理办法》办理。\n第三十八条")
CITING_2010 = "关于加强医疗广告监管的通知\n京中医〔2010〕5号\n各区：根据《医疗广告管理办法》，现通知如下。"
C3_ARTICLES = pd.DataFrame({
    "id": [1, 2, 3],
    "title": ["医疗广告管理办法", "中外合资、合作医疗机构管理暂行办法", "关于加强医疗广告监管的通知"],
    "body": [AD_2006, CITING_2000, CITING_2010],
    "date": pd.to_datetime(["2009-06-30", "2009-06-30", "2010-03-01"]),
    "source": ["甲", "甲", "甲"]})


def _ad_rows(cites: pd.DataFrame) -> list:
    rows = cites[(cites["written"] == "《医疗广告管理办法》") & ~cites["self"]]
    return rows[["id", "resolved_id"]].astype(object).values.tolist()


def test_a_citation_never_resolves_to_a_later_version():
    from analysis.policy.citation_index import written_by
    from analysis.policy.metadata import add_policy_columns
    from analysis.schema import coerce_articles

    arts = add_policy_columns(coerce_articles(C3_ARTICLES))
    assert arts["written_date"].tolist()[0] == pd.Timestamp("2006-11-10")
    assert written_by("中外合资、合作医疗机构管理暂行办法", ORDER_2000, None, "2009-06-30") == 2000
    assert written_by("X办法（2019年修订）", "", "2021-01-01", None) == 2019
    assert written_by("X", "冀政发〔2015〕3号", "2016-01-01", None) == 2015
    assert written_by("X", "", pd.NaT, pd.Timestamp("2009-06-30")) == 2009
    assert written_by("X", "", None, None) is None
    # the 2000 regulation does not cite the 2006 revision (its own version is not in the corpus); 2010 does
    assert _ad_rows(find_citations(arts)) == [[2, pd.NA], [3, 1]]
    # a 1993 version in the corpus is the one the 2000 regulation means
    v1993 = pd.DataFrame({"id": [4], "title": ["医疗广告管理办法"], "body": ["第一条 为加强医疗广告管理，制定本办法。"],
                          "date": pd.to_datetime(["1993-09-27"]), "source": ["甲"]})
    more = add_policy_columns(coerce_articles(pd.concat([C3_ARTICLES, v1993], ignore_index=True)))
    assert _ad_rows(find_citations(more)) == [[2, 4], [3, 1]]


def test_a_citation_to_a_later_version_stays_unresolved_in_the_store(tmp_path, spec):  # noqa: F811
    import contextlib

    from analysis.filters import Filters
    from analysis.library import Library
    from analysis.policy.metadata import add_policy_columns
    from analysis.schema import coerce_articles
    from analysis.store import query as Q
    from analysis.store import query_citations as QC
    from analysis.store.store import dataset_store

    arts = add_policy_columns(coerce_articles(C3_ARTICLES.drop(columns="id")))
    lib = Library(tmp_path)
    info = lib.save("c3", arts)
    store = dataset_store(lib, info.id, spec)
    page = find_citations(arts.assign(id=[1, 2, 3]))
    assert _ad_rows(page) == [[2, pd.NA], [3, 1]]
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        mem = Q.MemoryBackend.from_store(store)
        for be in (mem, duck):
            got = QC.citations(be, be.select(Filters()), lib.data_file(info.id))
            pd.testing.assert_frame_equal(got, page)


def test_the_documents_own_attachments_are_not_citations():
    body = ("关于开展参保登记工作的通知\n各单位：用人单位按照《信息采集指标和填写说明》（附件1）和《代码表值》（附件2）的指标项目填写，"
            "按照《社会保险法》办理，并参照《人力资源社会保障部关于参保登记的通知》（附件3）执行。"
            "现将《参保登记工作方案》（附件4）印发给你们。")
    arts = pd.DataFrame({"id": [268], "title": ["关于印发《参保登记工作方案》的通知"], "body": [body], "doc_number": [""]})
    c = find_citations(arts)
    # 附件1/2 are the document's own; another body's 关于 notice it attaches stays; its own title stays a self-reference
    assert c[["written", "self"]].values.tolist() == [
        ["《社会保险法》", False], ["《人力资源社会保障部关于参保登记的通知》", False], ["《参保登记工作方案》", True]]
    from analysis.policy.citation_forms import is_own_attachment
    assert [is_own_attachment(t) for t in ("（附件1）", "(见附件)", "（附件十）", "（附表1）", "（试行）")] == [
        True, True, True, False, False]


@pytest.mark.shared
def test_bjtcm_and_hebei_citations_of_the_report(shared):
    from analysis.loaders import load_paths

    bj = load_paths([shared / "corpora" / "bjtcm" / "notices.json"]).articles
    c = find_citations(bj)
    assert _ad_rows(c[c["id"] == 22]) == [[22, pd.NA]]
    hb = load_paths([shared / "corpora" / "hebei_gov"]).articles
    c = find_citations(hb[hb["id"] == 268])
    assert "《信息采集指标和填写说明》" not in c["written"].tolist()
