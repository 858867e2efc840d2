"""Hand-checked sample of 30 Hebei policy documents (issue 12): 文号, issuer, dates and status exact.

How the sample was drawn: all 29 CSVs of ../shared/corpora/hebei_gov loaded in one call (ids 1..2716 in
file-name order); one document per CSV with ``numpy.random.default_rng(12)`` (``integers(len(file))`` in
sorted file order), then 3 more from the 政府规章 / 省政府政策文件 / 人社 / 规范性文件 files with the same
generator (``choice(ids, 3, replace=False)``), the first 30 kept. Each row was read by hand against the
document's table cells and text (headnote, first lines, signature); the labels below are that reading,
including what is *not* stated (``""``). Only labels and short keys are stored here, no document text.
Columns: id, file (short), title (start), doc_number, issuer, date, written_date, effective_date, status.
"""
import pandas as pd
import pytest

SAMPLE = [
    (361, "2人力资源", "关于转发《国务院办公厅关于发展众创空间", "", "国务院办公厅", "2015-03-02", "2015-03-02", "", ""),
    (640, "3人民政府", "河北省房屋建筑和市政基础设施工程标准管理办法", "河北省人民政府令〔2019〕第3号", "河北省人民政府",
     "2019-03-11", "", "2019-05-01", ""),
    (1653, "3人民政府", "河北省人民政府办公厅转发省政府纠正行业不正之风", "", "河北省人民政府办公厅", "2004-06-03", "", "",
     "有效"),
    (1784, "5科学技术厅", "中华人民共和国科学技术部令", "中华人民共和国科学技术部令第10号", "科学技术部", "2008-06-22",
     "2006-02-05", "2006-02-05", ""),
    (1791, "5科学技术厅", "河北省科学技术厅2023年政府信息公开工作年度报", "", "河北省科学技术厅", "2024-01-29", "", "", ""),
    (1827, "5科学技术厅", "《河北省重点实验室建设与运行管理办法》解读", "", "", "2023-01-05", "", "", ""),
    (1938, "5科学技术厅", "中华人民共和国科学技术进步法", "", "全国人民代表大会常务委员会", "2021-12-25", "", "2022-01-01", ""),
    (1968, "5科学技术厅", "中国（河北）自由贸易试验区管理办法", "", "", "2019-11-25", "", "", ""),
    (2146, "5科学技术厅", "关于印发《中国（河北）自由贸易试验区实验动物", "冀科平函〔2020〕1号", "河北省科学技术厅", "2020-01-03",
     "2020-01-03", "", ""),
    (2224, "5科学技术厅", "关于印发《河北省农业科技园区管理办法》的通知", "冀科农规〔2021〕1号", "河北省科学技术厅", "2021-04-12",
     "2021-04-12", "", ""),
    (2271, "6工业和信息化厅", "河北省技术创新示范企业认定管理办法", "", "河北省工业和信息化厅", "2021-03-26", "2021-03-23", "",
     ""),
    (2288, "6工业和信息化厅", "关于印发《河北省资助工业设计成果转化操作规程》", "", "河北省工业和信息化厅", "2023-12-11",
     "2023-06-08", "", ""),
    (2345, "6工业和信息化厅", "河北省电子信息产业“十三五”发展规划", "", "河北省工业和信息化厅", "2015-12-28", "2015-12-25", "",
     ""),
    (2365, "6工业和信息化厅", "河北省食品工业高质量发展工作计划", "", "", "2019-12-12", "", "", ""),
    (2382, "6工业和信息化厅", "河北省工业和信息化厅关于2019年法治政府建设情况", "", "河北省工业和信息化厅", "2020-01-03",
     "2020-01-02", "", ""),
    (2388, "7教育厅", "河北省教育厅2023年度政府网站工作年度报表", "", "河北省教育厅", "2024-01-26", "", "", ""),
    (2413, "7教育厅", "河北省教育厅 河北省财政厅关于做好河北省2024年", "", "河北省教育厅|河北省财政厅", "2024-06-19",
     "2024-06-19", "", "有效"),
    (2513, "7教育厅", "幼儿园建设工程实施方案政策解读", "", "", "2019-12-12", "", "", ""),
    (2521, "7教育厅", "河北省教育厅关于沧州医学高等专科学校与日本学校", "", "河北省教育厅", "2022-07-15", "2022-07-15", "", ""),
    (2551, "7教育厅", "关于提前下达2018年支持学前教育发展省级专项资金", "", "", "2018-01-29", "", "", ""),
    (2569, "7教育厅", "河北省学生资助政策简介（2019年）", "", "", "2019-06-24", "", "", ""),
    (2573, "7教育厅", "河北省教育厅关于组织开展全省中小学思政课教师", "", "河北省教育厅", "2023-10-30", "", "", ""),
    (2610, "7教育厅", "河北省教育厅关于命名河北省第二批", "", "河北省教育厅", "2020-08-21", "", "", ""),
    (2628, "7教育厅", "河北省实施《中华人民共和国未成年人保护法》办法", "", "河北省人民代表大会常务委员会", "2009-06-02",
     "", "", ""),
    (2635, "7教育厅", "河北省教育厅关于学习宣传和贯彻落实", "", "河北省教育厅", "2021-11-25", "", "", ""),
    (2643, "7教育厅", "全省农村小学生营养改善计划实施情况", "", "", "2019-12-09", "", "", ""),
    (2680, "7教育厅", "河北省教育厅关于印发《河北省深化“双师双证”", "", "河北省教育厅", "2020-09-11", "2020-09-09", "", ""),
    (2686, "7教育厅", "河北省语言文字工作委员会河北省教育厅转发", "", "河北省语言文字工作委员会|河北省教育厅", "2023-01-05",
     "", "", ""),
    (2702, "7教育厅", "关于2018年度普通高等学校本科专业申报工作的通知", "", "", "2018-06-28", "", "", ""),
    (702, "3人民政府", "河北省生活饮用水卫生监督管理办法", "河北省人民政府令〔2013〕第14号", "河北省人民政府", "", "",
     "2014-02-01", ""),
]
FIELDS = ("doc_number", "issuer", "date", "written_date", "effective_date", "status")


@pytest.fixture(scope="module")
def hebei(shared):
    from analysis.loaders import load_paths

    return load_paths([shared / "corpora" / "hebei_gov"]).articles.set_index("id")


def test_sample_is_thirty_distinct_documents():
    assert len(SAMPLE) == 30 and len({row[0] for row in SAMPLE}) == 30


@pytest.mark.parametrize("row", SAMPLE, ids=[str(r[0]) for r in SAMPLE])
def test_sample_labels(hebei, row):
    aid, file, title, *labels = row
    doc = hebei.loc[aid]
    assert doc["file"].startswith(file) and doc["title"].startswith(title)  # the key still names this document
    got = [doc["doc_number"], doc["issuer"]] + [
        doc[c].strftime("%Y-%m-%d") if pd.notna(doc[c]) else "" for c in ("date", "written_date", "effective_date")
    ] + [doc["status"]]
    assert dict(zip(FIELDS, got)) == dict(zip(FIELDS, labels))
