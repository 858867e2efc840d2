"""Real-world table inputs (issue 11): mixed encodings in one file, the header below row 1, nested JSON with
several lists of records, escaped HTML in cells. Inputs are built here as bytes; the right values are exact."""
from __future__ import annotations

import io
import json

import openpyxl
import pytest

from analysis.loaders import decode_bytes, load_files
from analysis.schema import dates_as_text

BODY1 = "4月12日，生态环境部部长主持召开部常务会议，审议并原则通过有关文件。"
BODY2 = "4月16日，我国成功发射大气环境监测卫星，减污降碳协同增效再添利器。"


def _load(name: str, data: bytes):
    res = load_files([(name, data)])
    return res.articles, res.report.files[0]


# --- mixed encodings (BR-2-03) ----------------------------------------------------------------------
HEADER = "标题,发布时间,来源,正文\r\n"
ROW1 = f"生态环境部召开部常务会议,2022-04-12,生态环境部,{BODY1}\r\n"
ROW2 = f"大气环境监测卫星成功发射,2022-04-16,生态环境部,{BODY2}\r\n"

MIXED = [
    # (name, bytes, titles, encoding, note)
    ("bom_gbk.csv", b"\xef\xbb\xbf" + HEADER.encode() + ROW1.encode("gbk") + ROW2.encode("gbk"),
     ["生态环境部召开部常务会议", "大气环境监测卫星成功发射"], "utf-8-sig",
     "混合编码:第 2–3 行按 gb18030 读取,其余按 utf-8 / mixed encodings: line(s) 2–3 read as gb18030, the rest as utf-8"),
    ("utf8_gbk.csv", HEADER.encode() + ROW1.encode() + ROW2.encode("gbk"),
     ["生态环境部召开部常务会议", "大气环境监测卫星成功发射"], "utf-8",
     "混合编码:第 3 行按 gb18030 读取,其余按 utf-8 / mixed encodings: line(s) 3 read as gb18030, the rest as utf-8"),
    # my own: GBK header, UTF-8 rows, then a GBK row again (a crawler restarted on another machine)
    ("gbk_utf8_gbk.csv", HEADER.encode("gbk") + ROW1.encode() + ROW2.encode("gbk"),
     ["生态环境部召开部常务会议", "大气环境监测卫星成功发射"], "utf-8",
     "混合编码:第 1, 3 行按 gb18030 读取,其余按 utf-8 / mixed encodings: line(s) 1, 3 read as gb18030, the rest as "
     "utf-8"),
]


@pytest.mark.parametrize("name,data,titles,encoding,note", MIXED, ids=[m[0] for m in MIXED])
def test_mixed_encodings_are_decoded_per_line(name, data, titles, encoding, note):
    arts, rep = _load(name, data)
    assert arts["title"].tolist() == titles
    assert arts["source"].tolist() == ["生态环境部"] * 2
    assert arts["body"].tolist() == [BODY1, BODY2]
    assert not arts.apply(lambda r: "\ufffd" in "".join(map(str, r.values)), axis=1).any()
    assert (rep.encoding, rep.notes) == (encoding, [note])


def test_bytes_no_encoding_reads_are_replaced_and_reported():
    data = b"\xef\xbb\xbf" + HEADER.encode() + ROW1.encode() + b"\xff\xfe\xff," + ROW2.encode()
    text, enc, notes = decode_bytes(data)
    assert enc == "utf-8-sig" and text.count("\ufffd") == 3
    assert notes == ["3 个无效字节已替换为 �(第 3 行,按 utf-8 读取)/ 3 invalid byte sequences replaced with � (line(s) 3, "
                     "read as utf-8)"]


def test_utf16_replacement_characters_are_reported():
    data = b"\xff\xfe" + "标题,正文\n甲,乙丙丁".encode("utf-16-le") + b"\x00\xd8"   # a lone surrogate at the end
    text, enc, notes = decode_bytes(data)
    assert (enc, text.count("\ufffd")) == ("utf-16", 1)
    assert notes == ["1 个无效字节已替换为 �(按 utf-16-le 读取)/ 1 invalid byte sequences replaced with � (read as utf-16-le)"]


# --- header not on row 1 (BR-2-05) ------------------------------------------------------------------
def _xlsx(rows: list[list[object]], merge: str | None = None) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "要闻"
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


DATA_ROWS = [[1, "生态环境部召开部常务会议", "2022-04-12", "生态环境部", BODY1],
             [2, "大气环境监测卫星成功发射", "2022-04-16", "生态环境部", BODY2]]
HEAD = ["序号", "标题", "发布日期", "来源", "正文"]

XLSX = [
    ("title_row.xlsx", _xlsx([["生态环境部要闻汇总（2022年4月）"], HEAD, *DATA_ROWS], merge="A1:E1"),
     "工作表 要闻: 表头在第 2 行;上方 1 行(标题或说明: 生态环境部要闻汇总（2022年4月）)未作为文章读取 / the header is on row 2; "
     "the 1 row(s) above it (title or notes: 生态环境部要闻汇总（2022年4月）) were not read as articles"),
    ("notes.xlsx", _xlsx([["生态环境部要闻汇总"], ["说明：本表由信息中心整理，仅供内部参考"], [], HEAD, *DATA_ROWS]),
     "工作表 要闻: 表头在第 3 行;上方 2 行(标题或说明: 生态环境部要闻汇总 / 说明：本表由信息中心整理，仅供内部参考)未作为文章读取 / the "
     "header is on row 3; the 2 row(s) above it (title or notes: 生态环境部要闻汇总 / 说明：本表由信息中心整理，仅供内部参考) were "
     "not read as articles"),
    # my own: two header rows — a group row (基本信息 | 内容) over the field names, merged cells left empty
    ("two_headers.xlsx", _xlsx([["基本信息", None, None, None, "内容"], HEAD, *DATA_ROWS], merge="A1:D1"),
     "工作表 要闻: 表头在第 2 行;上方 1 行(标题或说明: 基本信息 内容)未作为文章读取 / the header is on row 2; the 1 row(s) "
     "above it (title or notes: 基本信息 内容) were not read as articles"),
]


@pytest.mark.parametrize("name,data,note", XLSX, ids=[x[0] for x in XLSX])
def test_header_row_found_by_content(name, data, note):
    arts, rep = _load(name, data)
    assert arts["title"].tolist() == ["生态环境部召开部常务会议", "大气环境监测卫星成功发射"]
    assert dates_as_text(arts["date"]).tolist() == ["2022-04-12", "2022-04-16"]
    assert arts["source"].tolist() == ["生态环境部"] * 2
    assert arts["body"].tolist() == [BODY1, BODY2]
    assert rep.column_mapping == {"title": "标题", "date": "发布日期", "source": "来源", "body": "正文"}
    assert rep.notes == [note]


def test_csv_with_a_title_row_above_the_header():
    data = ("生态环境部要闻汇总（2022年4月）,,,,\n" + ",".join(HEAD) + "\n"
            + "".join(",".join(map(str, r)) + "\n" for r in DATA_ROWS)).encode("utf-8-sig")
    arts, rep = _load("title_row.csv", data)
    assert arts["title"].tolist() == ["生态环境部召开部常务会议", "大气环境监测卫星成功发射"]
    assert rep.notes[0].startswith("表头在第 2 行;上方 1 行(标题或说明: 生态环境部要闻汇总（2022年4月）)")


def test_header_on_row_1_is_unchanged_and_a_table_without_header_still_fails_clearly():
    arts, rep = _load("plain.xlsx", _xlsx([HEAD, *DATA_ROWS]))
    assert len(arts) == 2 and rep.notes == []
    with pytest.raises(Exception) as exc:
        load_files([("nohead.xlsx", _xlsx([["生态环境部要闻汇总"], ["甲", "乙"], ["丙", "丁"]]))])
    assert "没有工作表含正文或标题列" in str(exc.value)


# --- nested JSON, several lists (BR-2-07) -----------------------------------------------------------
def _rec(title: str, day: str, url: str) -> dict:
    return {"title": title, "pubtimeStr": day, "puborg": "国务院", "summary": f"{title}的摘要，印发给你们。", "url": url}


JSON_CASES = [
    ("catmap.json", {"code": 200, "searchVO": {"totalCount": 3, "catMap": {
        "gongwen": {"totalCount": 2, "listVO": [_rec("通知一", "2022.01.28", "http://a/1"), _rec("通知二", "2022.02.01", "http://a/2")]},
        "otherfile": {"totalCount": 1, "listVO": [_rec("纲要三", "2023.02.06", "http://a/3")]}}}},
     ["通知一", "通知二", "纲要三"],
     "JSON 中有 2 个文章列表,全部读取: searchVO.catMap.gongwen.listVO (2), searchVO.catMap.otherfile.listVO (1) / 2 lists of "
     "articles in the JSON, all read: searchVO.catMap.gongwen.listVO (2), searchVO.catMap.otherfile.listVO (1)"),
    # my own: sibling lists at the top plus a facet list that is no article list
    ("top.json", {"news": [_rec("新闻一", "2022.03.01", "http://b/1")], "policy": [_rec("政策二", "2022.03.02", "http://b/2")],
                  "facets": [{"name": "国务院", "count": 2}]},
     ["新闻一", "政策二"],
     "JSON 中有 2 个文章列表,全部读取: news (1), policy (1) / 2 lists of articles in the JSON, all read: news (1), policy (1)"),
]


@pytest.mark.parametrize("name,obj,titles,note", JSON_CASES, ids=[j[0] for j in JSON_CASES])
def test_every_list_of_records_is_read(name, obj, titles, note):
    arts, rep = _load(name, json.dumps(obj, ensure_ascii=False).encode())
    assert arts["title"].tolist() == titles
    assert arts["source"].tolist() == ["国务院"] * len(titles)
    assert rep.notes == [note]


def test_one_list_inside_an_object_gives_no_note():
    arts, rep = _load("one.json", json.dumps({"data": {"list": [_rec("甲文", "2022.01.01", "http://c/1")]}}).encode())
    assert arts["title"].tolist() == ["甲文"] and rep.notes == []


# --- escaped HTML in cells (BR-2-15 body) -----------------------------------------------------------
ESCAPED = [
    ("&lt;p style=&quot;text-indent: 2em; font-family: &amp;quot;Hiragino Sans GB&amp;quot;;&quot;&gt;近年来，"
     "国土资源部多措并举。&lt;/p&gt;&lt;p&gt;&lt;span style=&quot;font-weight: 700;&quot;&gt;简化要件降门槛"
     "&lt;/span&gt;&lt;/p&gt;", "近年来，国土资源部多措并举。\n简化要件降门槛"),
    ('<p style="margin: 0">根据原国家安全监管总局规定，予以公示。</p><p><span>第二段</span></p>',
     "根据原国家安全监管总局规定，予以公示。\n第二段"),
    # my own: escaped three times over, with a <br> and an &nbsp;
    ("&amp;amp;lt;div&amp;amp;gt;第一行&amp;amp;lt;br/&amp;amp;gt;第二行&amp;amp;amp;nbsp;结束&amp;amp;lt;/div&amp;amp;gt;",
     "第一行\n第二行 结束"),
    ("价格 a&lt;b 且 c&gt;d，不是标签", "价格 a<b 且 c>d，不是标签"),
    # escaped text that does not start with a document's markup is text about HTML: shown as written
    ("&quot;&gt;&lt;svg onload=alert(8)&gt;标题三", '"><svg onload=alert(8)>标题三'),
    ("&lt;iframe srcdoc=&quot;x&quot;&gt;&lt;/iframe&gt;中国计量", '<iframe srcdoc="x"></iframe>中国计量'),
]


@pytest.mark.parametrize("cell,body", ESCAPED)
def test_escaped_html_cells_become_plain_text(cell, body):
    data = ("title,content\n标题," + '"' + cell.replace('"', '""') + '"\n').encode()
    arts, _ = _load("db.csv", data)
    assert arts["body"].tolist() == [body]


def test_replacement_characters_already_in_the_file_are_reported():
    data = f"标题,正文\n生态环境部召开\ufffd\ufffd会议,{BODY1}\n第二篇,{BODY2}\n".encode()
    arts, rep = _load("garbled.csv", data)
    assert len(arts) == 2
    assert rep.notes == ["1 篇文章含 2 个替换字符 �(原文件中的乱码)/ 1 article holds 2 replacement characters � (garbled "
                         "in the file itself)"]
