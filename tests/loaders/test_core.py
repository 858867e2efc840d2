"""Loader core: encodings, format sniffing, folders, ids, report, limits, options; the CCTV corpus."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.errors import InvalidOption, LoadError
from analysis.loaders import DEFAULT_LIMITS, LoadOptions, decode_bytes, load_files, load_paths, sniff_format
from analysis.loaders.core import _count_replacement
from analysis.schema import ARTICLE_COLUMNS


def test_count_replacement_counts_in_strings_only():
    assert _count_replacement(["a\ufffd\ufffd", "", "\ufffdb"]) == 3
    assert _count_replacement(["\ufffd", None, 3, float("nan")]) == 1
    assert _count_replacement([]) == 0 and _count_replacement(["正文"]) == 0

TEXT = "关于进一步加强计量工作的通知：各省、自治区、直辖市市场监管局，为贯彻落实《计量发展规划》，现就有关事项通知如下。"


# --- encodings ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("data, text, encoding", [
    (TEXT.encode("utf-8"), TEXT, "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, "utf-8-sig"),
    (TEXT.encode("gbk"), TEXT, "gb18030"),
    (TEXT.encode("gb18030"), TEXT, "gb18030"),
    ("關於進一步加強計量工作的通知，各縣市政府請查照辦理。".encode("big5"), "關於進一步加強計量工作的通知，各縣市政府請查照辦理。", "big5"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), TEXT, "utf-16"),
    (TEXT.encode("utf-16-le"), TEXT, "utf-16-le"),
    (b"plain ascii, title", "plain ascii, title", "utf-8"),
])
def test_decode_bytes(data, text, encoding):
    got, enc, notes = decode_bytes(data)
    assert (got, enc, notes) == (text, encoding, [])


def test_mostly_utf8_with_a_broken_byte_stays_utf8():
    data = (TEXT * 20).encode("utf-8") + b"\xff" + TEXT.encode("utf-8")
    text, enc, notes = decode_bytes(data)
    assert enc == "utf-8" and text.count("\ufffd") == 1
    assert notes == ["1 个无效字节已替换为 �(按 utf-8 读取)/ 1 invalid byte sequences replaced with � (read as utf-8)"]


def test_gbk_that_would_also_decode_as_big5_is_read_as_gbk():
    text = "市场监管总局关于开展计量器具监督检查的通知"
    data = text.encode("gbk")
    assert decode_bytes(data)[:2] == (text, "gb18030")


def test_binary_is_refused():
    with pytest.raises(LoadError, match="二进制数据"):
        decode_bytes(bytes(range(256)) * 10)


# --- format sniffing ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text, fmt", [
    ("a.json", '[{"title": "x"}]', "json"),
    ("a.txt", '[{"title": "x"}]', "json"),
    ("a.jsonl", '{"title": "x"}', "jsonl"),
    ("a.json", '{"title": "x"}\n{"title": "y"}\n', "jsonl"),
    ("a.json", '{\n "data": []\n}', "json"),
    ("a.html", "<!DOCTYPE html><html><body>x</body></html>", "html"),
    ("a.txt", "<html><head><title>x</title></head></html>", "html"),
    ("a.csv", "标题,内容\n甲,乙\n", "csv"),
    ("a.txt", "标题,内容\n甲,乙\n", "csv"),
    ("noext", "title\tbody\nx\ty\n", "tsv"),
    ("a.tsv", "标题\t内容\n甲\t乙\n", "tsv"),
    ("a.txt", "坚持靠大做强\n时间：2024-05-02 来源：海南省市场监督管理局\n近日，……", "txt"),
    ("a.csv", "只有一列的文本\n第二行\n", "csv"),
    ("a.txt", "会议审议了工作内容,研究部署了下一步工作时间\n近日，……", "txt"),  # not a header: no exact names
    ("a.txt", "会议审议了工作内容，研究部署了下一步工作\n近日，……", "txt"),
    ("a.xlsx", "标题,内容\n甲,乙\n", "csv"),
])
def test_sniff_format(name, text, fmt):
    assert sniff_format(name, text) == fmt


def test_mislabelled_extension_is_read_by_content_with_a_note():
    res = load_files([("data.json", f"标题,正文\n甲,{TEXT}\n".encode())])
    rep = res.report.files[0]
    assert (rep.format, rep.articles) == ("csv", 1)
    assert rep.notes == ["扩展名为 .json,按内容读取为 csv / extension .json, read as csv from its content"]


# --- folders, ids, report -----------------------------------------------------------------------------

def test_load_paths_walks_folders_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.csv").write_text(f"标题,正文\n二,{TEXT}二\n", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text(json.dumps({"title": "一", "body": TEXT + "一", "date": "2024-05-02"},
                                                 ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / ".hidden.csv").write_text("标题,正文\n隐,藏\n", encoding="utf-8")
    res = load_paths([tmp_path, tmp_path / "missing.csv"])
    arts = res.articles
    assert list(arts.columns[:len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert arts["id"].tolist() == [1, 2]
    assert arts["title"].tolist() == ["一", "二"]
    assert arts["file"].tolist() == ["a.jsonl", "b/2.csv"]
    assert [f.name for f in res.report.files] == ["a.jsonl", "b/2.csv", str(tmp_path / "missing.csv")]
    assert res.report.files[2].error == "文件不存在 / no such file or folder"
    assert res.report.missing == {"title": 0, "date": 1, "source": 2, "author": 2, "url": 2, "body": 0}
    assert res.report.articles == 2


def test_nothing_readable_raises_naming_every_file():
    with pytest.raises(LoadError) as exc:
        load_files([("a.csv", b""), ("b.json", b"[1,")])
    msg = str(exc.value)
    assert msg.startswith("没有读到任何文章 / nothing could be read — a.csv: 文件为空 / the file is empty; b.json: ")


def test_duplicates_marked_and_counted():
    body = ("国家标准化管理委员会发布新一批国家标准，涉及消费品安全、智能制造和绿色低碳等领域，共计一百二十项。"
            "新标准将于明年一月一日起实施，有关部门要求各地市场监管部门做好宣传贯彻和实施监督工作，"
            "确保企业及时对标达标，切实提升产品质量和安全水平。")
    rows = [{"title": "国家标准委发布120项国家标准", "body": body},
            {"title": "国家标准委发布120项国家标准_某某网", "body": "【来源：某网】" + body},
            {"title": "另一篇", "body": "完全不同的内容：应急管理部部署防汛抗旱工作，要求各地加强值班值守与隐患排查。"}]
    res = load_files([("a.json", json.dumps(rows, ensure_ascii=False).encode())])
    assert res.articles["duplicate_of"].fillna(0).tolist() == [0, 1, 0]
    assert (res.report.duplicates, res.report.duplicate_groups) == (1, 1)
    res = load_files([("a.json", json.dumps(rows, ensure_ascii=False).encode())], LoadOptions(mark_duplicates=False))
    assert res.articles["duplicate_of"].isna().all()


# --- limits and options -------------------------------------------------------------------------------

def test_every_limit_has_a_default_and_help():
    opts = LoadOptions()
    for name, default, help_text in DEFAULT_LIMITS:
        assert getattr(opts, name) == default and help_text


@pytest.mark.parametrize("kwargs", [{"max_file_bytes": 0}, {"max_articles": -1}, {"max_total_bytes": "1"},
                                    {"column_mapping": {"标题": "title"}}])
def test_invalid_options(kwargs):
    with pytest.raises(InvalidOption):
        LoadOptions(**kwargs)


def test_per_file_and_total_byte_limits():
    small = f"标题,正文\n甲,{TEXT}\n".encode()
    big = small + b"x" * 1000
    res = load_files([("big.csv", big), ("small.csv", small)], LoadOptions(max_file_bytes=500))
    assert res.report.files[0].error == (f"文件有 {len(big):,} 字节,超过单文件上限 500 / the file has {len(big):,} "
                                         "bytes, over the per-file limit of 500")
    assert res.articles["file"].tolist() == ["small.csv"]
    limit = 2 * len(small) + 10
    res = load_files([("1.csv", small), ("2.csv", small), ("3.csv", small)], LoadOptions(max_total_bytes=limit))
    assert res.articles["file"].tolist() == ["1.csv", "2.csv"]
    assert res.report.files[2].error.startswith(f"超过本次载入总量上限 {limit:,} 字节,未读取")


def test_article_limit():
    rows = "\n".join(f"第{i}篇,{TEXT}{i}" for i in range(10))
    res = load_files([("a.csv", f"标题,正文\n{rows}\n".encode()), ("b.csv", f"标题,正文\n乙,{TEXT}\n".encode())],
                     LoadOptions(max_articles=4))
    assert res.articles["title"].tolist() == ["第0篇", "第1篇", "第2篇", "第3篇"]
    assert res.report.notes == ["共 11 篇,超过上限 4,其余未载入 / 11 articles, over the limit of 4; the rest were not loaded"]
    assert res.report.files[0].articles == 4 and res.report.files[1].articles == 0


def test_long_bodies_are_truncated_with_a_note():
    res = load_files([("a.csv", f"标题,正文\n甲,{'字' * 5000}\n乙,短\n".encode())], LoadOptions(max_chars_per_article=1000))
    assert res.articles["body"].str.len().tolist() == [1000, 1]
    assert res.report.files[0].notes == ["1 篇正文超过 1,000 字符,已截断 / 1 body longer than 1,000 characters was truncated"]


def test_to_simplified_records_conversion():
    rows = [{"title": "國務院辦公廳通知", "body": "請各部門認真貫徹執行。"}, {"title": "国务院", "body": "简体正文"}]
    res = load_files([("t.json", json.dumps(rows, ensure_ascii=False).encode())], LoadOptions(to_simplified=True))
    assert res.articles["title"].tolist() == ["国务院办公厅通知", "国务院"]
    assert res.articles["body"].tolist() == ["请各部门认真贯彻执行。", "简体正文"]
    assert res.articles["converted"].tolist() == [True, False]
    assert res.report.converted == 1


def test_inputs_are_not_mutated():
    data = bytearray(f"标题,正文\n甲,{TEXT}\n".encode())
    files = [("a.csv", data)]
    load_files(files)
    assert files == [("a.csv", data)] and bytes(data).startswith("标题".encode())


# --- real corpus: CCTV (one load) ---------------------------------------------------------------------

@pytest.mark.shared
def test_cctv_jsonl(shared):
    path = shared / "corpora" / "cctv_xwlb" / "articles.jsonl"
    with open(path, encoding="utf-8") as fh:
        first = json.loads(fh.readline())
        for line in fh:
            last = line
    last = json.loads(last)
    res = load_paths([path])
    arts = res.articles
    assert len(arts) == 19_876
    assert arts["title"].iloc[0] == first["title"] == "【领航中国】共护一江水 万里长江焕发新活力"
    assert arts["title"].iloc[-1] == last["title"].strip()
    assert arts["date"].iloc[0] == pd.Timestamp("2022-09-24")
    assert arts["date"].iloc[-1] == pd.Timestamp(last["date"])
    assert arts["date"].isna().sum() == 0
    assert (arts["date"].min(), arts["date"].max()) == (pd.Timestamp("2022-09-24"), pd.Timestamp("2026-08-22"))
    assert res.report.missing["body"] == 282
    assert res.report.files[0].column_mapping == {"title": "title", "date": "date", "source": "source",
                                                  "url": "url", "body": "body"}
    assert arts["file"].unique().tolist() == ["articles.jsonl"]
    # one repeat found, and it is real: the same item broadcast on two consecutive days. Templated items of
    # other years (烈士纪念日 2022/2023) and other editions (日文版/阿拉伯文版) are not merged.
    dups = arts[arts["duplicate_of"].notna()]
    assert dups["title"].tolist() == ["习近平抵达喀山出席金砖国家领导人第十六次会晤"]
    assert res.report.duplicates == res.report.duplicate_groups == 1
    by_id = arts.set_index("id")
    for _, row in dups.iterrows():
        orig = by_id.loc[int(row["duplicate_of"])]["body"]
        a = {orig[i:i + 4] for i in range(len(orig) - 3)}
        b = {row["body"][i:i + 4] for i in range(len(row["body"]) - 3)}
        assert len(a & b) / len(a | b) > 0.6, (row["title"], by_id.loc[int(row["duplicate_of"])]["title"])


def test_txt_page_starting_with_a_bracket_is_read_as_text_not_json():
    page = ("[地方快讯]市场监管局开展计量检查\n"
            "发布时间：2024-03-08 来源：示例市市场监督管理局\n"
            "近日，示例市市场监管局对全市加油站开展计量专项检查，共检查加油机120台。\n"
            "检查发现问题3起，已责令整改。\n").encode("utf-8")
    result = load_files([("page.txt", page)])
    assert len(result.articles) == 1
    art = result.articles.iloc[0]
    assert art["date"] == pd.Timestamp("2024-03-08")
    assert art["body"].startswith("近日")
    fr = result.report.files[0]
    assert fr.format == "txt" and fr.ok
    assert fr.notes == ["不是有效的 JSON,按文本页读取 / not valid JSON; read as a text page"]


def test_broken_json_named_json_still_fails():
    result = load_files([("a.json", b"[not json"), ("b.txt", "示例标题\n这是一段足够长的正文内容，用来确认另一个文件照常读取。".encode())])
    assert len(result.articles) == 1
    assert result.report.files[0].error.startswith("JSON 无效或被截断")


def test_limits_from_the_environment():
    opts = LoadOptions.from_env({"WENJIAN_MAX_ARTICLES": "2", "WENJIAN_MAX_ZIP_ENTRIES": "1_000"}, to_simplified=True)
    assert (opts.max_articles, opts.max_zip_entries, opts.to_simplified) == (2, 1000, True)
    assert opts.max_columns == DEFAULT_LIMITS[7][1]
    rows = "\n".join(json.dumps({"title": f"标题{i}", "body": f"正文内容第{i}篇"}, ensure_ascii=False) for i in range(5))
    result = load_files([("a.jsonl", rows.encode())], opts)
    assert result.articles["title"].tolist() == ["标题0", "标题1"]
    with pytest.raises(InvalidOption, match="WENJIAN_MAX_ARTICLES"):
        LoadOptions.from_env({"WENJIAN_MAX_ARTICLES": "many"})
    with pytest.raises(InvalidOption, match="max_articles"):
        LoadOptions.from_env({"WENJIAN_MAX_ARTICLES": "0"})


def test_progress_is_reported_per_file_then_for_duplicates():
    calls = []
    files = [("a.jsonl", json.dumps({"title": "甲", "body": "正文内容一"}, ensure_ascii=False).encode()),
             ("b.jsonl", json.dumps({"title": "乙", "body": "正文内容二"}, ensure_ascii=False).encode())]
    result = load_files(files, LoadOptions(progress=lambda frac, text: calls.append((round(frac, 3), text))))
    assert len(result.articles) == 2
    assert calls == [(0.0, "a.jsonl (1/2)"), (0.333, "b.jsonl (2/2)"),
                     (0.667, "合并与查重 / assembling and marking duplicates")]


def test_parse_report_count_is_the_one_home_of_the_statistics():
    """ParseReport.count: the loader, the library's merge and the store's ingest all fill the report with it."""
    from analysis.loaders.report import ParseReport
    from analysis.schema import coerce_articles
    arts = coerce_articles(pd.DataFrame({
        "title": ["甲", "", "丙", "丁"], "body": ["正文一", "正文二", "", "正文一"],
        "date": ["2024-05-02", None, "2024-05-03", "2024-05-04"], "source": ["", "s", "s", "s"],
        "date_source": ["column", "", "headnote", "column"]}))
    arts["duplicate_of"] = pd.array([pd.NA, pd.NA, pd.NA, 1], dtype="Int64")
    arts["converted"] = [True, False, False, True]
    report = ParseReport(notes=["kept"])
    report.count(arts)
    assert report.articles == 4 and report.notes == ["kept"]
    assert report.missing == {"title": 1, "date": 1, "source": 1, "author": 4, "url": 4, "body": 1}
    assert list(report.missing) == ["title", "date", "source", "author", "url", "body"]
    assert (report.duplicates, report.duplicate_groups, report.converted) == (1, 1, 2)
    assert report.date_sources == {"column": 2, "headnote": 1}
    report.count(arts.iloc[:0])
    assert (report.articles, report.duplicates, report.date_sources) == (0, 0, {})
