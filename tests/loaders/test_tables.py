"""Tables: CSV/TSV in Chinese encodings, XLSX, JSON, JSONL; column mapping and overrides; real corpora."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis.errors import ColumnMappingError, LoadError
from analysis.loaders import LoadOptions, load_files, load_paths, map_columns
from analysis.loaders.columns import normalize_header
from analysis.loaders.tables import read_delimited, read_json, read_jsonl

BODY = "市场监管总局召开全国标准化工作会议，部署下一阶段计量和检验检测重点任务。"


def _load(name: str, data: bytes, **opts):
    return load_files([(name, data)], LoadOptions(**opts))


# --- column mapping ---------------------------------------------------------------------------------

@pytest.mark.parametrize("columns, expected", [
    (["标题", "日期", "内容", "所属一级类别", "来源网站", "访问地址"],
     {"title": "标题", "date": "日期", "source": "来源网站", "url": "访问地址", "body": "内容"}),
    (["序号", "标题", "发文日期", "效力状态", "内容", "主题"], {"title": "标题", "date": "发文日期", "body": "内容"}),
    (["标题", "时间", "内容", "一级类别", "来源网站", "访问地址", "附件链接"],
     {"title": "标题", "date": "时间", "source": "来源网站", "url": "访问地址", "body": "内容"}),
    (["urlsource", "title", "date", "source", "article", "attachment"],
     {"title": "title", "date": "date", "source": "source", "url": "urlsource", "body": "article"}),
    (["\ufeffTitle ", "Publish Time", "AUTHOR", "Content", "Link"],
     {"title": "\ufeffTitle ", "date": "Publish Time", "author": "AUTHOR", "url": "Link", "body": "Content"}),
    (["题目", "发布时间", "发布机构", "作者", "全文", "网址"],
     {"title": "题目", "date": "发布时间", "source": "发布机构", "author": "作者", "url": "网址", "body": "全文"}),
    (["headline", "publish_time", "text", "附件链接"], {"title": "headline", "date": "publish_time", "body": "text"}),
    (["新闻标题", "发布日期", "正文内容"], {"title": "新闻标题", "date": "发布日期", "body": "正文内容"}),
    (["标题", "摘要", "内容"], {"title": "标题", "body": "内容"}),  # 摘要 only when there is no 内容
    (["标题", "摘要"], {"title": "标题", "body": "摘要"}),
    (["ａｂｃ", "ｘ"], {}),
])
def test_map_columns(columns, expected):
    assert map_columns(columns) == expected


def test_normalize_header_folds_case_space_bom_and_full_width():
    assert normalize_header("\ufeff Publish_Time ") == "publishtime"
    assert normalize_header("ＴＩＴＬＥ") == "title"
    assert normalize_header("来源\u200b网站") == "来源网站"


def test_override_for_all_tables_and_blocking():
    assert map_columns(["标题", "备注", "内容"], {"body": "备注"}) == {"title": "标题", "body": "备注"}
    assert map_columns(["标题", "内容"], {"title": ""}) == {"body": "内容"}
    # a column missing from this table is ignored for the all-tables mapping ...
    assert map_columns(["标题", "内容"], {"author": "记者名"}) == {"title": "标题", "body": "内容"}
    # ... and an error for a per-file mapping
    with pytest.raises(ColumnMappingError, match="记者名"):
        map_columns(["标题", "内容"], {"author": "记者名"}, strict_override=True)


def test_file_mappings_override_one_file_only():
    a = "标题,备注,内容\n甲,备注甲,正文甲\n".encode()
    b = "标题,备注,内容\n乙,备注乙,正文乙\n".encode()
    res = load_files([("a.csv", a), ("b.csv", b)], LoadOptions(file_mappings={"a.csv": {"body": "备注"}}))
    assert res.articles["body"].tolist() == ["备注甲", "正文乙"]
    assert res.report.files[0].column_mapping == {"title": "标题", "body": "备注"}
    assert res.report.files[1].column_mapping == {"title": "标题", "body": "内容"}
    assert res.report.files[0].columns == ["标题", "备注", "内容"]


def test_file_mapping_naming_a_missing_column_fails_that_file():
    a = "标题,内容\n甲,正文甲\n".encode()
    b = "标题,内容\n乙,正文乙\n".encode()
    res = load_files([("a.csv", a), ("b.csv", b)], LoadOptions(file_mappings={"a.csv": {"body": "正文"}}))
    assert res.articles["title"].tolist() == ["乙"]
    assert "'正文'" in res.report.files[0].error and "['标题', '内容']" not in res.report.files[0].error
    assert "[标题, 内容]" in res.report.files[0].error


def test_url_sources_become_host_names_unless_mapped_by_hand():
    data = f"标题,来源网站,正文\n甲,https://kjt.hebei.gov.cn/www/1.html,{BODY}\n乙,,{BODY}乙\n".encode()
    assert _load("s.csv", data).articles["source"].tolist() == ["kjt.hebei.gov.cn", ""]
    res = _load("s.csv", data, column_mapping={"source": "来源网站"})
    assert res.articles["source"].tolist() == ["https://kjt.hebei.gov.cn/www/1.html", ""]


def test_no_text_column_is_a_column_mapping_error_listing_the_columns():
    data = "编号,数量\n1,2\n".encode()
    with pytest.raises(LoadError) as exc:
        _load("n.csv", data)
    assert "n.csv" in str(exc.value) and "[编号, 数量]" in str(exc.value)
    res = load_files([("n.csv", data), ("ok.csv", f"标题,内容\n甲,{BODY}\n".encode())])
    assert res.report.files[0].error.startswith("找不到正文或标题列;表的列: [编号, 数量]")
    assert len(res.articles) == 1


# --- CSV / TSV ----------------------------------------------------------------------------------------

CSV_TEXT = ('标题,时间,内容,来源网站\n'
            '"关于印发""十四五""规划的通知",2024年08月01日,"第一段。\n\n第二段，含逗号, 和引号""。",河北省科技厅\n'
            '无正文的标题,2024-07-08,,\n'
            ',,,\n'
            '第三篇,2024/7/9 10:00,正文三,\n')


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"), ("gb18030", "gb18030"),
])
def test_csv_in_chinese_encodings(encoding, expected):
    res = _load("a.csv", CSV_TEXT.encode(encoding))
    arts = res.articles
    assert res.report.files[0].encoding == expected
    assert arts["title"].tolist() == ['关于印发"十四五"规划的通知', "无正文的标题", "第三篇"]
    assert arts["body"].tolist() == ['第一段。\n第二段，含逗号, 和引号"。', "", "正文三"]
    assert arts["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-08-01", "2024-07-08", "2024-07-09"]
    assert arts["source"].tolist() == ["河北省科技厅", "", ""]
    assert res.report.files[0].skipped_rows == 1
    assert res.report.files[0].column_mapping == {"title": "标题", "date": "时间", "source": "来源网站", "body": "内容"}


def test_big5_csv():
    text = "標題,內容\n臺灣地區標準檢驗局公告,經濟部標準檢驗局發布商品檢驗新規定，自明年起實施。\n"
    res = _load("tw.csv", text.encode("big5"))
    assert res.report.files[0].encoding == "big5"
    assert res.articles["title"].tolist() == ["臺灣地區標準檢驗局公告"]
    res = _load("tw.csv", text.encode("big5"), to_simplified=True)
    assert res.articles["title"].tolist() == ["台湾地区标准检验局公告"]
    assert res.articles["converted"].tolist() == [True]
    assert res.report.converted == 1


def test_tsv_and_tab_sniffing():
    data = f"标题\t日期\t正文\n甲\t2024-05-02\t{BODY}\n".encode()
    for name in ("a.tsv", "a.txt", "a.csv"):
        res = _load(name, data)
        assert res.articles["title"].tolist() == ["甲"], name
        assert res.report.files[0].format == "tsv"


def test_rows_longer_than_header_are_noted():
    table = read_delimited("标题,内容\n甲,乙,多余1,多余2\n丙,丁\n")
    assert table.rows == [["甲", "乙"], ["丙", "丁"]]
    assert table.notes == ["1 行的字段多于表头,多出的字段未读取 / 1 row had more fields than the header; the extra "
                           "fields were ignored"]


def test_huge_quoted_field_is_read():
    big = "字" * 300_000  # over the csv module's default 131,072-character field limit
    res = _load("big.csv", f'标题,内容\n甲,"{big}"\n'.encode())
    assert len(res.articles["body"][0]) == 300_000


# --- XLSX ---------------------------------------------------------------------------------------------

def _xlsx(rows_by_sheet: dict[str, list[list[object]]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in rows_by_sheet.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _patch_sheet(data: bytes, part: str, old: str, new: str) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == part:
                assert old.encode() in content
                content = content.replace(old.encode(), new.encode())
            out.writestr(info, content)
    return buf.getvalue()


def test_xlsx_sheets_dates_and_formulas():
    import datetime as dt

    data = _xlsx({
        "新闻": [["标题", "发布日期", "正文", "作者"],
               ["第一篇", dt.datetime(2024, 5, 2, 9, 30), BODY, "张三"],
               ["第二篇", "2024年5月3日", "=HYPERLINK(\"http://x\")", None],
               [None, None, None, None],
               ["=1+1", 20240504, "正文四", "李四"]],
        "说明": [["备注"], ["无关"]],
    })
    # give the =1+1 cell a cached value that is NOT what evaluating it would give
    data = _patch_sheet(data, "xl/worksheets/sheet1.xml", '<c r="A5"><f>1+1</f><v></v></c>',
                        '<c r="A5" t="str"><f>1+1</f><v>缓存的标题</v></c>')
    res = _load("news.xlsx", data)
    arts = res.articles
    # formulas are never evaluated: the cached value is read; without one the cell is empty
    assert arts["title"].tolist() == ["第一篇", "第二篇", "缓存的标题"]
    assert arts["body"].tolist() == [BODY, "", "正文四"]
    assert arts["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-02", "2024-05-03", "2024-05-04"]
    assert arts["author"].tolist() == ["张三", "", "李四"]
    rep = res.report.files[0]
    assert rep.format == "xlsx" and rep.articles == 3 and rep.error == ""
    assert rep.column_mapping == {"title": "标题", "date": "发布日期", "author": "作者", "body": "正文"}
    assert rep.notes[0].startswith("工作表 说明: 找不到正文或标题列")
    assert rep.columns == ["标题", "发布日期", "正文", "作者", "备注"]


def test_xlsx_parse_report_names_each_sheets_column_mapping():
    """tester-s15 U11: two sheets with text and different column names — the report named only the last sheet's
    columns (``date←[Sheet2] 日期``) although the first sheet gave 2 of the 3 articles."""
    data = _xlsx({"新闻": [["标题", "发布时间", "正文"], ["甲", "2024-06-01", BODY], ["乙", "2024-06-02", BODY]],
                  "Sheet2": [["标题", "日期", "内容", "作者"], ["丙", "2024-06-03", BODY, "张三"]],
                  "说明": [["备注"], ["无关"]]})
    res = _load("news.xlsx", data)
    assert res.articles["title"].tolist() == ["甲", "乙", "丙"]
    assert res.articles["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-06-01", "2024-06-02", "2024-06-03"]
    rep = res.report.files[0]
    assert rep.articles == 3
    assert rep.column_mapping == {"title": "[新闻] 标题; [Sheet2] 标题", "date": "[新闻] 发布时间; [Sheet2] 日期",
                                  "body": "[新闻] 正文; [Sheet2] 内容", "author": "[Sheet2] 作者"}
    assert res.report.files_frame()["columns"][0] == ("title←[新闻] 标题; [Sheet2] 标题, date←[新闻] 发布时间; "
                                                      "[Sheet2] 日期, body←[新闻] 正文; [Sheet2] 内容, author←[Sheet2] 作者")


def test_xlsx_without_text_column_fails_with_columns():
    res = load_files([("a.xlsx", _xlsx({"S": [["数量"], [1]]})), ("b.csv", f"标题\n{BODY}\n".encode())])
    assert res.report.files[0].error.startswith("没有工作表含正文或标题列;列: [数量]")
    assert len(res.articles) == 1


# --- JSON / JSONL -------------------------------------------------------------------------------------

def test_json_array_object_and_single():
    recs = [{"title": "甲", "content": "正文甲", "pubdate": "2024-05-02"}, {"title": "乙", "content": "正文乙"}]
    for doc in (recs, {"code": 0, "data": recs}, {"result": {"total": 2, "items": recs}}):
        res = _load("a.json", json.dumps(doc, ensure_ascii=False).encode())
        assert res.articles["title"].tolist() == ["甲", "乙"]
        assert res.articles["date"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2024-05-02", ""]
    res = _load("one.json", json.dumps({"title": "单篇", "body": "正文"}, ensure_ascii=False).encode())
    assert res.articles["body"].tolist() == ["正文"]


def test_json_values_of_other_types():
    doc = [{"title": 123, "body": ["段一", "段二"], "source": None, "date": 1714608000}]
    res = _load("a.json", json.dumps(doc, ensure_ascii=False).encode())
    a = res.articles.iloc[0]
    assert (a["title"], a["body"], a["source"]) == ("123", '["段一", "段二"]', "")
    assert a["date"] == pd.Timestamp("2024-05-02")


def test_truncated_json_array_keeps_complete_records():
    text = json.dumps([{"title": "甲", "body": "一"}, {"title": "乙", "body": "二"}], ensure_ascii=False)
    res = _load("t.json", text[:-12].encode())
    assert res.articles["title"].tolist() == ["甲"]
    assert res.report.files[0].notes == [
        "JSON 在第 1 行第 46 列中断(Unterminated string starting at),只读取了前 1 条完整记录 / the JSON breaks "
        "at line 1 column 46 (Unterminated string starting at); the first 1 complete records were read"]


def test_read_json_errors():
    with pytest.raises(LoadError, match="JSON 无效或被截断"):
        read_json('{"title": "甲", "body"')
    with pytest.raises(LoadError, match="JSON 数组中没有对象"):
        read_json("[1, 2, 3]")
    with pytest.raises(LoadError, match="嵌套层数过深"):
        read_json("[" * 20_000 + "]" * 20_000)


def test_jsonl_skips_and_counts_bad_lines():
    lines = ['{"title": "甲", "body": "一"}', '{"title": "乙", "bo', "", '{"title": "丙", "body": "三"}']
    table = read_jsonl("\n".join(lines))
    assert [r["title"] for r in table.records] == ["甲", "丙"]
    assert table.notes == ["1 行不是有效的 JSON,已跳过(第 2 行)/ 1 invalid JSON line skipped (line 2)"]
    with pytest.raises(LoadError, match="没有有效的行"):
        read_jsonl("{bad\n{bad")


def test_jsonl_blank_and_whitespace_lines_are_not_records():
    table = read_jsonl('{"title": "甲"}\n   \n\t\n\u3000\n{"title": "乙"}\r\n\n')
    assert [r["title"] for r in table.records] == ["甲", "乙"] and table.notes == []
    with pytest.raises(LoadError, match="jsonl|JSON"):
        read_jsonl(" \n[1, 2]\n")


# --- real corpora -------------------------------------------------------------------------------------

def _expected_rows(path: Path) -> tuple[int, int, int]:
    """(rows with a title or body, rows without, repeated header rows) counted independently with csv."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    t, b = header.index("标题"), header.index("内容")
    repeats = sum(1 for r in rows[1:] if r == header)
    good = sum(1 for r in rows[1:] if r != header and r and (r[t].strip() or (len(r) > b and r[b].strip())))
    return good, len(rows) - 1 - good - repeats, repeats


@pytest.mark.shared
def test_hebei_all_csvs(shared):
    folder = shared / "corpora" / "hebei_gov"
    files = sorted(folder.glob("*.csv"))
    assert len(files) == 29
    res = load_paths([folder])
    reports = {r.name: r for r in res.report.files}
    assert len(reports) == 29
    total = 0
    for path in files:
        rep = reports[path.name]
        good, bad, repeats = _expected_rows(path)
        assert (rep.error, rep.articles, rep.skipped_rows) == ("", good, bad), path.name
        if repeats:
            rows = "row" if repeats == 1 else "rows"  # English singular/plural (tester L3)
            assert f"{repeats} 行是重复的表头,已跳过 / {repeats} repeated header {rows} skipped" in rep.notes
        assert {"title", "body"} <= set(rep.column_mapping), path.name
        total += good
        header = next(csv.reader(open(path, encoding="utf-8-sig", newline="")))
        if {"日期", "时间", "发文日期"} & set(header):
            assert "date" in rep.column_mapping, path.name
    assert len(res.articles) == total == 2716
    # the only file without a date column is 政府规章 (203 rows); every other date parses. Since issue 12
    # the headnote in its 摘要 column dates 186 of them (date_source "headnote"); the other 17 headnotes
    # state only a 令 number and the 施行 date, so they stay undated (analysis.policy.metadata)
    assert res.report.missing["date"] == 17
    assert res.report.date_sources["headnote"] == 186
    arts = res.articles.set_index("file")
    edu = arts.loc["7教育厅-政府信息公开__政策解读.csv"]
    assert edu["date"].iloc[0] == pd.Timestamp("2024-08-01")
    # 来源网站 holds listing-page URLs: the site's host name is the source
    assert set(arts.loc["5科学技术厅-政府信息公开__政策解读.csv", "source"]) == {"kjt.hebei.gov.cn"}
    assert "the source column 来源网站 holds URLs" in reports["5科学技术厅-政府信息公开__政策解读.csv"].notes[-1]
    assert res.articles["id"].tolist() == list(range(1, 2717))


@pytest.mark.shared
def test_bjtcm_notices(shared):
    res = load_paths([shared / "corpora" / "bjtcm" / "notices.json"])
    arts = res.articles
    raw = json.loads((shared / "corpora" / "bjtcm" / "notices.json").read_text(encoding="utf-8"))
    assert len(arts) == len(raw) == 104
    assert not arts["body"].str.contains(r"<[a-zA-Z/]", regex=True).any()
    assert not arts["body"].str.contains("&nbsp;").any()
    assert arts["body"].iloc[0].startswith("一、总体情况\n2020年，北京市深入贯彻落实")
    assert not arts["source"].str.contains("[\u200b\u3000\ufeff]").any()
    assert (arts["source"] == arts["source"].str.strip()).all()
    assert (arts["source"] == "").sum() == sum(1 for r in raw if r["source"] is None) == 59
    assert set(arts["source"]) >= {"北京市中医管理局"}
    assert arts["date"].min() == pd.Timestamp("2009-06-30") and arts["date"].max() == pd.Timestamp("2021-04-29")
    assert arts["url"].iloc[0] == raw[0]["urlsource"]
