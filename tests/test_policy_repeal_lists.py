"""A repeal decision's appendix list of repealed documents (tester s13 P1, Hebei id 1764 科学技术部令第14号): each
item is a ``repeal`` citation of its title and 文号, never the decision's own 文号/issuer. Bodies built in code in
the shape of Hebei ids 1761, 1764, 1766 and 2069; one test reads the real 1764 through ``shared``."""
from __future__ import annotations

import pandas as pd

from analysis.policy.citations import citation_role, extract_citations, find_citations
from analysis.policy.metadata import document_metadata
from analysis.policy.repeal_lists import in_repeal_list, repeal_items, repeal_sections
from tests.test_store_pages import spec  # noqa: F401 (the store's analysis spec)

TITLE = "科学技术部令第14号《科学技术部关于对部分规范性文件予以废止或宣布失效的决定》"
HEAD = ("科学技术部令第14号《科学技术部关于对部分规范性文件予以废止或宣布失效的决定》\n"
        "《科学技术部关于对部分规范性文件予以废止或宣布失效的决定》已经科学技术部2011年度第2次部务会议审议通过，现予公布，自公布之日起施行。\n"
        "部长万钢\n二O一一年一月二十六日\n"
        "现决定对《科技开发企业审批登记暂行办法》等3件规范性文件予以废止，对《二十三种大型精密仪器管理试行办法》等1件规范性文件宣布失效（见附件）。\n"
        "附件：科学技术部决定废止或宣布失效的规范性文件目录\n")
LIST = ("一、决定废止的规范性文件目录（3件）\n"
        "1.科技开发企业审批登记暂行办法\n"
        "发文单位：国家科学技术委员会国家工商行政管理局\n发文时间：1987年11月2日\n文号：（87）国科发综字0810号\n"
        "说明：统一适用《公司法》和《公司登记管理条例》（国务院令第451号）的规定。\n"
        "2.《关于在国家高技术产业开发区创办高新技术股份有限公司若干问题的暂行规定》的几点说明\n"
        "发文单位：国家科学技术委员会国家经济体制改革委员会\n发文时间：1993年3月19日\n文号：（93）国科发改字198号\n"
        "3.关于落实中办发[1999]30号文件精神调整科技期刊结构的通知\n"
        "发文单位：科学技术部\n发文时间：1999年12月22日\n文号：国科发财字[1999]614号\n"
        "二、决定宣布失效的规范性文件目录（1件）\n"
        "1.二十三种大型精密仪器管理试行办法\n"
        "发布时间、机关与文号：1989年12月6日国家科委、国家保密局令第6号\n")
BODY = HEAD + LIST


def test_repeal_items_of_a_list_with_their_numbers():
    items = repeal_items(BODY)
    assert [(i.title, i.number) for i in items] == [
        ("科技开发企业审批登记暂行办法", "〔87〕国科发综字0810号"),
        ("〈关于在国家高技术产业开发区创办高新技术股份有限公司若干问题的暂行规定〉的几点说明", "〔93〕国科发改字198号"),
        ("关于落实中办发[1999]30号文件精神调整科技期刊结构的通知", "国科发财字〔1999〕614号"),
        ("二十三种大型精密仪器管理试行办法", "国家科委、国家保密局令第6号"),
    ]
    first = items[0]
    assert BODY[first.start:first.end] == "科技开发企业审批登记暂行办法" and first.line == "1.科技开发企业审批登记暂行办法"
    assert BODY[first.number_span[0]:first.number_span[1]] == "（87）国科发综字0810号"
    # the section runs from the 附件 heading naming 废止 to the end of the body
    assert repeal_sections(BODY) == [(len(HEAD) - len("附件：科学技术部决定废止或宣布失效的规范性文件目录\n"), len(BODY))]


def test_the_decision_keeps_its_own_number_issuer_and_date():
    meta = document_metadata(TITLE, BODY)
    assert (meta["doc_number"], meta["issuer"], str(meta["written_date"])[:10]) == (
        "科学技术部令第14号", "科学技术部", "2011-01-26")


def test_every_item_is_a_repeal_citation_and_its_number_no_row_of_its_own():
    arts = pd.DataFrame({"id": [1764], "title": [TITLE], "body": [BODY], "doc_number": ["科学技术部令第14号"]})
    c = find_citations(arts)
    rows = list(zip(c["cited_title"], c["cited_doc_number"], c["role"], c["self"]))
    assert [r for r in rows if not r[3]] == [
        ("科技开发企业审批登记暂行办法", "", "repeal", False),            # 现决定对《…》等3件…予以废止
        ("二十三种大型精密仪器管理试行办法", "", "repeal", False),        # …等1件规范性文件宣布失效
        ("科技开发企业审批登记暂行办法", "〔87〕国科发综字0810号", "repeal", False),
        ("公司法", "", "other", False),                                  # 说明 line: what replaces it, own role
        ("公司登记管理条例", "国务院令第451号", "other", False),
        ("〈关于在国家高技术产业开发区创办高新技术股份有限公司若干问题的暂行规定〉的几点说明", "〔93〕国科发改字198号", "repeal",
         False),
        ("关于落实中办发[1999]30号文件精神调整科技期刊结构的通知", "国科发财字〔1999〕614号", "repeal", False),
        ("二十三种大型精密仪器管理试行办法", "国家科委、国家保密局令第6号", "repeal", False),
    ]
    # the decision never cites itself through an item, and its own 文号 is a self row only
    assert set(c.loc[c["self"], "cited_doc_number"]) == {"科学技术部令第14号"}
    assert (c["role"].eq("repeal") & ~c["self"]).sum() == 6


def test_a_second_number_on_an_items_line_keeps_its_own_role():
    body = ("科技部决定废止的规章目录\n2、社会力量设立科学技术奖管理办法\n发文单位：科技部\n"
            "发文时间与文号：1999年12月26日科学技术部令第3号发布，2006年2月5日科学技术部令第10号修改\n")
    rows = extract_citations("科学技术部令第17号《科技部关于对部分规章和文件予以废止的决定》", body, "科学技术部令第17号")
    assert [(r.kind, r.cited_title, r.cited_doc_number, r.role) for r in rows] == [
        ("title", "社会力量设立科学技术奖管理办法", "科学技术部令第3号", "repeal"),
        ("number", "", "科学技术部令第10号", "amendment"),
    ]


def test_a_list_written_on_its_headings_line_and_the_next_list_heading():
    body = ("（一）继续有效规范性文件目录序号文件名称文号1《河北省技术转移机构管理办法》冀科成市规〔2020〕1号\n"
            "（二）限期修改规范性文件目录序号文件名称文号1《河北省科技企业贷款风险补偿实施细则》冀科资规〔2020〕2号\n"
            "（三）予以废止规范性文件目录序号文件名称文号1《关于公布部门规范性文件清理结果的通知》冀科政规〔2022〕2号\n"
            "河北省科学技术厅\n2023年6月1日")
    rows = extract_citations("关于公布部门规范性文件清理结果的通知（2023）", body, "")
    assert [(r.cited_title, r.cited_doc_number, r.role) for r in rows] == [
        ("河北省技术转移机构管理办法", "", "other"), ("河北省科技企业贷款风险补偿实施细则", "", "amendment"),  # 限期修改
        ("关于公布部门规范性文件清理结果的通知", "", "repeal"),
        ("", "冀科成市规〔2020〕1号", "other"), ("", "冀科资规〔2020〕2号", "amendment"), ("", "冀科政规〔2022〕2号", "repeal")]
    start = body.index("（三）")
    assert repeal_sections(body) == [(start, body.index("\n河北省科学技术厅"))]
    assert repeal_items(body) == []


def test_a_list_written_without_line_breaks_gives_the_same_items():
    # Hebei id 1781: the text of 1766 in one run (no line breaks at all)
    glued = BODY.replace("\n", "")
    assert [(i.title, i.number) for i in repeal_items(glued)] == [(i.title, i.number) for i in repeal_items(BODY)]
    rows = extract_citations(TITLE, glued, "科学技术部令第14号")
    assert [(r.cited_title, r.role) for r in rows if not r.self and r.kind == "title"] == [
        ("科技开发企业审批登记暂行办法", "repeal"), ("二十三种大型精密仪器管理试行办法", "repeal"),
        ("科技开发企业审批登记暂行办法", "repeal"), ("公司法", "other"), ("公司登记管理条例", "other"),
        ("〈关于在国家高技术产业开发区创办高新技术股份有限公司若干问题的暂行规定〉的几点说明", "repeal"),
        ("关于落实中办发[1999]30号文件精神调整科技期刊结构的通知", "repeal"), ("二十三种大型精密仪器管理试行办法", "repeal")]
    # right after a 文号 or a bracket an item number is cut even before a digit: …230号5.863计划…
    run = ("决定废止的规范性文件目录（2件）4.863计划主题项目管理主体主要职责发布时间、机关与文号：2002年7月22日科技部国科发计字[2002]230号"
           "5.863计划滚动支持课题立项原则和程序发布时间、机关与文号：2003年4月16日科技部国科发计字[2003]104号")
    assert [(i.title, i.number) for i in repeal_items(run)] == [
        ("863计划主题项目管理主体主要职责", "国科发计字〔2002〕230号"), ("863计划滚动支持课题立项原则和程序", "国科发计字〔2003〕104号")]


def test_near_misses_are_no_repeal_list():
    # a numbered list without 发文单位/文号 lines under a 废止 heading: no items (an attachment list, not entries)
    body = "附件：1.科技部决定废止的规章目录\n2.科技部决定废止的政策性文件目录\n"
    assert repeal_items(body) == []
    # numbered items with 文号 lines under a list of documents that stay in force: not repealed
    kept = "继续有效的规范性文件目录\n1.河北省科学技术奖励办法\n文号：冀政〔2021〕4号\n"
    assert repeal_sections(kept) == [] and repeal_items(kept) == []
    rows = extract_citations("关于公布清理结果的通知", kept, "")
    assert [(r.cited_doc_number, r.role) for r in rows] == [("冀政〔2021〕4号", "other")]
    # a sentence that names 废止 and 目录 but cites inside 《》 first is prose, not a heading
    prose = "对《X目录》予以废止的目录调整。\n1.某办法\n文号：冀政〔2021〕4号\n"
    assert repeal_sections(prose) == []
    # a 说明 line and an item's own field line inside a list are not themselves repealed
    assert not in_repeal_list(BODY, repeal_sections(BODY), BODY.index("《公司法》"))
    assert in_repeal_list(BODY, repeal_sections(BODY), BODY.index("1.科技开发企业"))
    assert repeal_sections("") == [] and repeal_items("正文。") == []
    # Hebei id 144: its 附件 list names a 废止 list the body does not hold; the 修改 list after it is no repeal
    notice = ("现将清理结果公布如下：一、对21件省政府规范性文件予以废止；三、对8件省政府规范性文件予以修改。"
              "附件：1.废止的省政府规范性文件目录2.宣布失效的省政府规范性文件目录3.予以修改的省政府规范性文件河北省人民政府"
              "2018年10月6日附件3予以修改的省政府规范性文件（8件）一、河北省人民政府关于振兴中医药事业的决定（冀政〔2011〕99号）"
              "删除第十条。二、关于印发《河北省经营服务性收费管理办法》的通知（冀政函〔2011〕18号）删除第十四条。")
    assert repeal_sections(notice) == []
    rows = extract_citations("河北省人民政府关于公布省政府规范性文件清理结果的通知", notice, "")
    assert [(r.cited_title, r.cited_doc_number, r.role) for r in rows] == [   # the roles main gives them
        ("河北省经营服务性收费管理办法", "", "other"), ("", "冀政〔2011〕99号", "amendment"), ("", "冀政函〔2011〕18号", "other")]


def test_declared_void_is_a_repeal_role():
    assert citation_role("本办法自发布之日起施行。", "（冀工信科〔2012〕546号）同时失效。") == "repeal"
    assert citation_role("对", "等28件规范性文件宣布失效（见附件）。") == "repeal"
    assert citation_role("根据", "的规定，有效期五年，期满失效。") == "basis"   # a term's expiry is no repeal


def test_hebei_1764_lists_its_96_repealed_documents(shared):
    from analysis.loaders import load_paths

    arts = load_paths([shared / "corpora" / "hebei_gov" / "5科学技术厅-政府信息公开__国家政策文件.csv"]).articles
    row = arts[arts["title"].str.startswith("科学技术部令第14号")].iloc[0]
    assert (row["doc_number"], row["issuer"]) == ("科学技术部令第14号", "科学技术部")
    c = find_citations(arts)
    mine = c[c["id"] == row["id"]]
    items = mine[mine["role"].eq("repeal") & mine["sentence"].str.match(r"^\d+\.")]
    assert len(items) == 96
    assert items.iloc[0][["cited_title", "cited_doc_number"]].tolist() == ["科技开发企业审批登记暂行办法", "〔87〕国科发综字0810号"]
    assert items.iloc[-1]["cited_title"] == "关于加强技术交易会管理的通知"
    assert (items["cited_doc_number"] != "").all()
    assert not mine.loc[~mine["self"], "cited_doc_number"].eq("科学技术部令第14号").any()


def test_the_store_gives_the_pages_rows(spec, tmp_path):  # noqa: F811
    """The store's citation tables (extracted at ingest, resolved at query time) give the page's rows for a repeal
    list whose item resolves by its 文号 and for a digits-vs-Chinese 主席令 number, on both backends."""
    import contextlib

    from analysis.filters import Filters
    from analysis.library import Library
    from analysis.policy.metadata import add_policy_columns
    from analysis.schema import coerce_articles
    from analysis.store import query as Q
    from analysis.store import query_citations as QC
    from analysis.store.store import dataset_store

    arts = add_policy_columns(coerce_articles(pd.DataFrame({
        "title": [TITLE, "关于调整科技期刊结构的通知", "中华人民共和国社会保险法", "关于做好参保工作的通知"],
        "body": [BODY, "国科发财字[1999]614号\n各有关单位：现通知如下。\n科学技术部\n1999年12月22日",
                 "中华人民共和国主席令第三十五号《中华人民共和国社会保险法》已由…通过，现予公布。",
                 "根据《社会保险法》（主席令第35号）的规定，现通知如下。"],
        "date": ["2011-01-26", "1999-12-22", "2010-10-28", "2012-01-05"], "source": ["甲"] * 4})))
    arts["duplicate_of"] = pd.array([pd.NA] * 4, dtype="Int64")
    lib = Library(tmp_path / "lib")
    info = lib.save("废止", arts)
    store = dataset_store(lib, info.id, spec)
    own = find_citations(arts.assign(id=range(1, 5)))
    with contextlib.closing(Q.DuckBackend(store)) as duck:
        mem = Q.MemoryBackend.from_store(store)
        for be in (mem, duck):
            got = QC.citations(be, be.select(Filters()), lib.data_file(info.id))
            pd.testing.assert_frame_equal(got, own)
    resolved = own[~own["self"] & own["resolved_id"].notna()]
    assert resolved[["id", "cited_title", "cited_doc_number", "role"]].values.tolist() == [
        [1, "关于落实中办发[1999]30号文件精神调整科技期刊结构的通知", "国科发财字〔1999〕614号", "repeal"],
        [4, "社会保险法", "主席令第35号", "basis"]]
    assert resolved["resolved_id"].tolist() == [2, 3]
