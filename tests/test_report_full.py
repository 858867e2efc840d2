"""The complete report (issue 13): every page's default views for a selection, labelled in one language, a
caption under every item; rendered as HTML, Word (.docx: pictures and Word tables) and ZIP (full tables as
CSV + XLSX, charts as PNG + SVG); and ``python -m analysis report``."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import lxml.html
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import report_content
from analysis.agencies import find_mentions
from analysis.errors import InvalidOption
from analysis.export import csv_bytes, find_chromium
from analysis.filters import Filters, filter_mask
from analysis.keywords import tokenize_corpus
from analysis.report import MAX_TABLE_ROWS, Section, items_in_order, render_html
from analysis.report_content import Report, build_content, describe_filters
from analysis.report_docx import render_docx
from analysis.report_zip import render_zip
from analysis.spikes import MIN_HISTORY, WINDOW
from analysis.tokenizer import build_tokenizer
from labels.report import LABELS, report_words
from tests.keyword_data import articles

WHEN = dt.datetime(2026, 11, 29, 12, 0, tzinfo=dt.timezone.utc)
ARTS = articles()
CHROMIUM = find_chromium() is not None
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def parts():
    tk = build_tokenizer(agencies=False)
    return tokenize_corpus(ARTS, tk), find_mentions(ARTS)


def content(parts, filters=Filters(sources=("甲",)), lang="zh", **kw) -> Report:
    corpus, mentions = parts
    mask = filter_mask(ARTS, filters, mentions)
    return build_content(ARTS, mask, corpus=corpus, mentions=mentions, dataset="测试集", filters=filters,
                         lang=lang, words=report_words(lang), generated=WHEN, **kw)


def outline(report: Report) -> list[tuple[str, list[str]]]:
    return [(s.heading, [s.captions.get(i, type(it).__name__) for i, it in enumerate(s.items)]) for s in report.sections]


def test_every_page_default_view_with_labels_and_captions(parts):
    r = content(parts)
    assert r.title == "文鉴分析报告 — 测试集"
    assert outline(r) == [
        ("概览", ["所选文章概况", "高频关键词(前 15 个)", "提及最多的机构(前 15 个)", "发文趋势", "主要来源(前 12 个)"]),
        ("关键词", ["高频词(前 40 个)", "高频词与 TF-IDF(前 100 个)", "短语(两词搭配,按对数似然比 G² 排序,至少出现 5 次)"]),
        ("机构", ["机构提及排行(前 20 个)", "机构提及表(全部)", "机构共现网络(前 30 个)", "共现机构对"]),
        ("时间线", ["str", "发文量(每日)", "发文量数据表", "发文量突增", "高频词趋势(每日出现次数)", "高频词趋势数据表",
                 "高频词突增", "机构提及趋势(每日)", "机构提及趋势数据表", "机构提及突增"])]
    # one caption (dataset, filters, count, date range, generated) under every chart and table; article 4 is undated
    caption = "数据集:测试集 · 筛选:来源 甲 · 2 篇文章 · 2024-01-05 至 2024-01-05 · 生成于 2026-11-29 12:00 UTC"
    for s in r.sections:
        assert {i: s.notes.get(i) for i, it in enumerate(s.items) if not isinstance(it, str)} == \
            {i: caption for i, it in enumerate(s.items) if not isinstance(it, str)}
    summary = r.sections[0].items[0]
    assert summary.values.tolist() == [["文章", "2"], ["来源", "1"], ["最早日期", "2024-01-05"], ["最晚日期", "2024-01-05"],
                                       ["无日期文章", "1"], ["转载(已只计一次)", "0"]]
    top = r.sections[1].items[1]
    assert list(top.columns) == ["词", "出现次数", "文章数", "TF-IDF"]
    assert top.head(2).values.tolist() == [["计量", 3, 2, 3.0], ["质量基础设施", 2, 2, 2.0]]
    assert r.sections[2].items[1][["机构", "提及次数", "文章数"]].values.tolist() == [["国家市场监督管理总局", 2, 1]]
    assert r.settings == {"数据集": "测试集", "数据集文章总数": "4", "筛选后文章数": "2", "筛选条件": "来源 甲",
                          "日期范围": "2024-01-05 – 2024-01-05", "生成时间": "2026-11-29 12:00 UTC",
                          "分词器": r.settings["分词器"], "关键词排名去掉的常用词": "无"}   # news-like: register none


def test_english_report_has_no_chinese_outside_data(parts):
    r = content(parts, Filters(date_from=pd.Timestamp("2024-02-01")), lang="en")
    data_values = set(parts[0].vocab) | set(parts[1]["agency"])   # terms and agencies head their own columns
    assert [s.heading for s in r.sections] == ["Overview", "Keywords", "Agencies", "Timeline"]
    assert r.caption == ("Dataset: 测试集 · filters: dates 2024-02-01 to … · 2 articles · 2024-02-10 to 2024-02-20 · "
                         "generated 2026-11-29 12:00 UTC")
    for s in r.sections:
        for i, item in enumerate(s.items):
            assert not CJK.search(s.captions.get(i, "")), s.captions.get(i)
            if isinstance(item, pd.DataFrame):
                assert not CJK.search(" ".join(str(c) for c in item.columns if c not in data_values)), list(item.columns)
            if isinstance(item, go.Figure):
                assert not CJK.search(item.layout.title.text or ""), item.layout.title.text
                # axis titles, legend names and tooltip words are in English too (chart images follow the language)
                axes = [ax.title.text or "" for ax in (item.layout.xaxis, item.layout.yaxis)]
                words = axes + [tr.name or "" for tr in item.data] + [tr.hovertemplate or "" for tr in item.data]
                leftover = [w for w in words if CJK.search(re.sub(r"%\{[^}]*\}", "", w))
                            and not any(v in w for v in data_values)]
                assert leftover == [], (s.captions.get(i), leftover)
    assert list(r.settings)[:3] == ["Dataset", "Articles in the dataset", "Articles after filters"]
    # every label exists in both languages, and no heading is a raw id such as agency_summary or kwic_应当
    assert all(zh and en for zh, en in LABELS.values())
    assert not [t for _, titles in outline(r) for t in titles if re.fullmatch(r"[a-z_]+(_\S+)?", t) and t != "str"]


def test_chart_words_follow_the_report_language(parts):
    zh, en = content(parts), content(parts, lang="en")
    titles = lambda r: [it.layout.xaxis.title.text for s in r.sections for it in s.items  # noqa: E731
                        if isinstance(it, go.Figure) and it.layout.xaxis.title.text]
    assert "出现次数" in titles(zh) and "Occurrences" in titles(en)
    assert not [t for t in titles(en) if CJK.search(t)] and not [t for t in titles(zh) if " / " in t]


def test_document_types_in_the_report_language():
    """tester L4: the English report kept 文种 in Chinese (办法, 意见 …) while roles were translated."""
    from analysis.policy.numbers import DOC_TYPES
    from analysis.report_content import column_labels
    from labels.columns import DOC_TYPES as TYPE_LABELS

    assert set(TYPE_LABELS) == {canonical for _, canonical in DOC_TYPES}  # every type the library gives
    df = pd.DataFrame({"doc_type": ["办法", "措施", "意见", "", "其他"], "status": ["有效"] * 5})
    en = column_labels(df, report_words("en"))
    assert en["Document type"].tolist() == ["Measures (办法)", "Measures (措施)", "Opinions (意见)", "", "其他"]
    assert column_labels(df, report_words("zh"))["文种"].tolist() == ["办法", "措施", "意见", "", "其他"]
    assert df["doc_type"].tolist()[0] == "办法"  # the data stay Chinese


def test_filters_in_words():
    assert describe_filters(Filters(), report_words("zh")) == "无"
    assert describe_filters(Filters(date_to=pd.Timestamp("2024-03-31"), sources=("甲", "乙"), query="计量 OR 标准",
                                    agencies=("海关总署",), dedupe=False), report_words("en")) == \
        "dates … to 2024-03-31; sources 甲、乙; query “计量 OR 标准”; agencies 海关总署; reposts counted"


def test_empty_selection_and_bad_input(parts):
    r = content(parts, Filters(query="不存在的词"))
    assert outline(r) == [("概览", ["所选文章概况", "str"])]
    assert r.sections[0].items[1] == "当前筛选下没有文章。"
    corpus, mentions = parts
    with pytest.raises(InvalidOption, match="lang"):
        build_content(ARTS, None, corpus=corpus, mentions=mentions, dataset="x", lang="fr")
    with pytest.raises(InvalidOption, match="mask"):
        build_content(ARTS, np.ones(3, dtype=bool), corpus=corpus, mentions=mentions, dataset="x")


def test_policy_hook(parts, monkeypatch):
    """The 政策 section holds what ``analysis.policy.report_tables`` returns; none when it returns nothing
    (a news selection)."""
    monkeypatch.setattr(report_content, "report_tables",
                        lambda arts, mask, lang: [("文号与发文机关", pd.DataFrame({"文号": ["冀政发〔2024〕1号"]}))])
    r = content(parts)
    assert outline(r)[-1] == ("政策文件", ["文号与发文机关"])
    monkeypatch.setattr(report_content, "report_tables", lambda arts, mask, lang: [])  # no tables: no section
    assert outline(content(parts))[-1][0] == "时间线"


def test_html_is_one_language_with_captions(parts):
    doc = lxml.html.fromstring(render_html(content(parts, lang="en")))
    assert doc.get("lang") == "en"
    assert [h.text_content() for h in doc.xpath("//h2")] == ["Settings", "Overview", "Keywords", "Agencies", "Timeline"]
    assert len(doc.xpath("//div[@class='figure']")) == 10 and len(doc.xpath("//div[@class='table']")) == 11
    assert len(doc.xpath("//p[@class='caption']")) == 21
    # one time format in a report: the note, the settings table and the captions (tester L3; was ISO here)
    assert doc.xpath("string(//p[@class='note'])").startswith("Generated: 2026-11-29 12:00 UTC")
    text = doc.text_content()
    assert "12:00:00" not in text and text.count("2026-11-29 12:00 UTC") == 1 + 1 + 21  # note, settings, captions


def big_report() -> Report:
    """A hand-made report: a 250-row table (more than the Word/HTML cap) and one chart."""
    table = pd.DataFrame({"词": [f"w{i}" for i in range(250)], "次数": range(250),
                          "日期": pd.date_range("2024-01-01", periods=250), "值": np.linspace(0, 1, 250)})
    fig = go.Figure(go.Bar(x=["甲", "乙"], y=[1, 2]))
    sec = Section("第一节", [table, fig, "说明文字"], captions={0: "大表/../x", 1: "图一"}, notes={0: "注一", 1: "注二"})
    return Report(title="报告", sections=[sec], settings={"数据集": "x"}, lang="zh", generated=WHEN, caption="注",
                  words=report_words("zh"))


def test_docx_has_word_tables_pictures_and_captions():
    docx = pytest.importorskip("docx")
    r = big_report()
    doc = docx.Document(io.BytesIO(render_docx(r)))
    assert doc.core_properties.title == "报告"
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [("Title", "报告"), ("Heading 1", "第一节"), ("Heading 2", "大表/../x"), ("Heading 2", "图一")]
    settings, table = doc.tables
    assert [c.text for c in settings.rows[0].cells] == ["数据集", "x"]
    assert len(table.rows) == MAX_TABLE_ROWS + 1
    assert [c.text for c in table.rows[0].cells] == ["词", "次数", "日期", "值"]
    assert [c.text for c in table.rows[2].cells] == ["w1", "1", "2024-01-02", "0.004016"]
    texts = [p.text for p in doc.paragraphs]
    assert "仅列出前 200 行,共 250 行;完整表格见 ZIP 中的 CSV/XLSX。" in texts and "说明文字" in texts
    assert [p.text for p in doc.paragraphs if p.style.name == "Caption"] == ["注一", "注二"]
    if CHROMIUM:
        assert len(doc.inline_shapes) == 1 and doc.inline_shapes[0].width > 0
    else:
        assert len(doc.inline_shapes) == 0 and any("Chromium" in t for t in texts)


def test_a_docx_title_longer_than_words_core_properties_take():
    """netfig s15: the CLI's default title (every input file) over 255 characters crashed the .docx writer."""
    import dataclasses

    docx = pytest.importorskip("docx")
    title = "河北省政策文件" * 40                                       # 280 characters
    doc = docx.Document(io.BytesIO(render_docx(dataclasses.replace(big_report(), title=title))))
    assert len(doc.core_properties.title) == 255 and doc.core_properties.title == title[:254] + "…"
    assert doc.paragraphs[0].text == title                              # the heading keeps all of it


def test_cli_report_default_title_names_three_files_then_counts(tmp_path):
    from tests.test_cli_keywords import run

    paths = []
    for i in range(5):
        p = tmp_path / f"{'很长的文件名' * 10}{i}.jsonl"
        p.write_text(json.dumps({"title": f"标题{i}", "date": "2024-01-05", "source": "甲",
                                 "body": f"第{i}篇正文，国家市场监督管理总局部署计量工作，内容足够长。"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
        paths.append(str(p))
    res = run("report", *paths, "-o", str(tmp_path / "r.docx"))
    assert res.returncode == 0, res.stderr
    doc = pytest.importorskip("docx").Document(str(tmp_path / "r.docx"))
    assert doc.core_properties.title.endswith(" … (+2)") and doc.core_properties.title.count(".jsonl") == 3


def test_zip_names_are_cut_at_a_word_boundary():
    """tester L4: ``tables/08_Phrases_(two-term_collocations_by_log-likelihood_G2_at_least.csv``."""
    from analysis.report_zip import file_title

    en, zh = report_words("en")["kw.phrases"], report_words("zh")["kw.phrases"]
    assert file_title(en) == "Phrases"
    assert file_title(zh) == zh  # 30 characters: whole
    assert file_title("Agency mentions per quarter and source, counted over all the selected articles") == \
        "Agency mentions per quarter and source"
    assert file_title("一" * 50) == "一" * 40  # no boundary: the first 40 characters
    sec = Section("Keywords", [pd.DataFrame({"a": [1]})], captions={0: en})
    r = Report(title="R", sections=[sec], settings={}, lang="en", generated=WHEN, caption="", words=report_words("en"))
    with zipfile.ZipFile(io.BytesIO(render_zip(r))) as zf:
        assert [n for n in zf.namelist() if n.startswith("tables/")] == ["tables/01_Phrases.csv", "tables/01_Phrases.xlsx"]


def test_zip_holds_every_table_in_full_and_every_chart():
    r = big_report()
    with zipfile.ZipFile(io.BytesIO(render_zip(r))) as zf:
        names = zf.namelist()
        table = r.sections[0].items[0]
        assert zf.read("tables/01_大表_.._x.csv") == csv_bytes(table)      # all 250 rows
        book = pd.read_excel(io.BytesIO(zf.read("tables/01_大表_.._x.xlsx")))
        assert len(book) == 250 and book["词"].iloc[-1] == "w249"
        assert zf.read("report.docx")[:2] == b"PK" and b"<h1>" in zf.read("report.html")
        if CHROMIUM:
            assert names == ["report.html", "report.docx", "settings.json", "tables/01_大表_.._x.csv",
                             "tables/01_大表_.._x.xlsx", "charts/02_图一.png", "charts/02_图一.svg"]
            assert zf.read("charts/02_图一.png")[:8] == b"\x89PNG\r\n\x1a\n"
            assert b"<svg" in zf.read("charts/02_图一.svg")[:200]
        else:
            assert "README.txt" in names and "Chromium" in zf.read("README.txt").decode("utf-8")
    assert [n for n, _, _ in items_in_order(r)] == [1, 2]


def test_cli_report_writes_each_format(tmp_path):
    from tests.test_cli_keywords import ROWS, run

    src = tmp_path / "news.jsonl"
    src.write_text("".join(pd.Series(ROWS).map(lambda r: pd.io.json.ujson_dumps(r, ensure_ascii=False) + "\n")),
                   encoding="utf-8")
    out = tmp_path / "r.html"
    res = run("report", str(src), "-o", str(out), "--source", "甲", "--lang", "en")
    assert res.returncode == 0, res.stderr
    assert "report: 1 / 3 篇 / articles after filters" in res.stderr
    doc = lxml.html.fromstring(out.read_bytes())
    assert doc.findtext(".//title") == "Wenjian analysis report — news.jsonl"
    assert "filters: sources 甲 · 1 article · 2024-01-05 to 2024-01-05" in doc.xpath("string(//p[@class='caption'])")
    res = run("report", str(src), "-o", str(tmp_path / "r.docx"), "--from", "2024-02-01")
    assert res.returncode == 0 and (tmp_path / "r.docx").read_bytes()[:2] == b"PK"
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("args, message", [
    ((), "report needs -o FILE.docx|.html|.zip"),
    (("-o", "r.pdf"), "the file must end in .docx, .html or .zip"),
    (("-o", "r.zip", "--to", "2024-02-30"), "--to '2024-02-30': 日期格式应为 YYYY-MM-DD"),
])
def test_cli_report_usage_errors(tmp_path, args, message):
    from tests.test_cli_keywords import run

    res = run("report", str(tmp_path / "none.jsonl"), *args)
    assert res.returncode == 2 and message in res.stderr


def test_cli_report_bad_filters_exit_1(tmp_path):
    from tests.test_cli_keywords import ROWS, run

    src = tmp_path / "news.jsonl"
    src.write_text("\n".join(pd.io.json.ujson_dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    res = run("report", str(src), "-o", str(tmp_path / "r.html"), "--from", "2024-03-01", "--to", "2024-01-01")
    assert res.returncode == 1 and "--from is after --to" in res.stderr
    res = run("report", str(src), "-o", str(tmp_path / "r.html"), "--query", '"计量')
    assert res.returncode == 1 and "query syntax error" in res.stderr
    assert not (tmp_path / "r.html").exists()


def test_code_cells_and_statistics_are_words_in_the_report_language():
    roles = pd.DataFrame({"role": ["basis", "repeal", "total"], "citations": [43, 5, 48],
                          "in_corpus": [True, False, True]})
    zh = report_content.column_labels(roles, report_words("zh"))
    assert zh.columns.tolist() == ["引用类型", "引用次数", "在语料内"]
    assert zh["引用类型"].tolist() == ["依据", "废止", "合计"] and zh["在语料内"].tolist() == ["是", "否", "是"]
    en = report_content.column_labels(roles, report_words("en"))
    assert en["Role"].tolist() == ["basis", "repeal", "total"] and en["In corpus"].tolist() == ["yes", "no", "yes"]
    assert roles["role"].tolist() == ["basis", "repeal", "total"]            # the input is not changed
    # the volume's series code is a word; a term that happens to be a code word stays data
    series = pd.DataFrame({"series": ["articles", "total", "企业"]})
    assert report_content.column_labels(series, report_words("zh"))["序列"].tolist() == ["文章数", "total", "企业"]
    spikes = pd.DataFrame({"series": ["企业", "企业"], "start": pd.to_datetime(["2021-02-01", "2021-05-01"]),
                           "end": pd.to_datetime(["2021-02-28", "2021-05-31"]), "baseline": [0.0, 2.345],
                           "ratio": [np.inf, 3.456], "score": [300.0, 4.5678], "p_value": [0.0, 2.7e-5]})
    out = report_content._spike_table(spikes)
    assert out["ratio"].tolist() == ["∞", "3.46"] and out["p_value"].tolist() == ["< 1e-15", "2.7e-05"]
    assert out["score"].tolist() == [300.0, 4.57] and out["start"].tolist() == ["2021-02-01", "2021-05-01"]


def test_spike_note_names_the_parameters_the_test_uses():
    note = report_content.label("tl.spike_note", report_words("zh"), w=WINDOW, h=MIN_HISTORY)
    assert f"最多 {WINDOW} 个时段" in note and f"前 {MIN_HISTORY} 个时段" in note
    assert f"the first {MIN_HISTORY} periods" in report_content.label("tl.spike_note", report_words("en"), w=WINDOW, h=MIN_HISTORY)


def test_docx_tables_repeat_their_header_row():
    docx = pytest.importorskip("docx")
    from docx.oxml.ns import qn

    doc = docx.Document(io.BytesIO(render_docx(big_report())))
    k = next(i for i, t in enumerate(doc.tables) if t.rows[0].cells[0].text == "词")   # the 250-row table
    assert doc.tables[k].rows[1].cells[0].text == "w0" and len(doc.tables[k].rows) == MAX_TABLE_ROWS + 1
    trs = doc.element.body.findall(qn("w:tbl"))[k].findall(qn("w:tr"))
    flags = [tr.find(qn("w:trPr")) is not None and tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
             for tr in trs]
    assert flags[0] and not any(flags[1:])
