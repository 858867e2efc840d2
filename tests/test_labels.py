"""The label catalogue (issue 14 item 6): the library returns codes, the edges word them from ``labels/``."""
from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.agency_history import HISTORY_COLUMNS, validate_history
from analysis.agency_table import load_agencies, validate_agencies
from analysis.commands.messages import error_line, report_lines
from analysis.errors import InvalidOption, LimitExceeded, LoadError, WenjianError, invalid_option, note
from analysis.figures.agencies import ranking_figure
from analysis.figures.keywords import top_terms_figure
from analysis.loaders.report import FileReport, ParseReport
from labels import TEXTS, both, pick, words
from labels.errors import ERRORS, error_message
from labels.notes import NOTES
from labels.report import report_words

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u3400-\u9fff]")
#: the command line: the edge of ``python -m analysis`` (may word codes from the catalogue)
CLI_EDGE = ("analysis/cli.py", "analysis/__main__.py", "analysis/commands/")


def imported(path: Path) -> set[str]:
    """Top-level package names ``path`` imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_dependency_direction():
    for path in sorted((ROOT / "analysis").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        names = imported(path)
        assert not names & {"ui", "views", "streamlit"}, rel
        if "labels" in names:
            assert rel.startswith(CLI_EDGE) or rel == "analysis/errors.py", rel
    for path in sorted((ROOT / "labels").rglob("*.py")):
        assert not imported(path) & {"analysis", "ui", "views", "streamlit"}, path.name


def test_pairs_and_words():
    assert pick(("甲", "A"), "zh") == "甲" and pick(("甲", "A"), "en") == "A" and pick(("甲", "A"), "fr") == "甲"
    assert both(("{n} 篇", "{n} articles"), n=3) == "3 篇 / 3 articles"
    assert words({"kwf.count": ("出现次数", "Occurrences"), "kw.x": ("x", "y")}, "en", "kwf.") == {"count": "Occurrences"}
    assert all(zh and en for zh, en in TEXTS.values())


def test_report_words_cover_both_languages_alike():
    zh, en = report_words("zh"), report_words("en")
    assert set(zh) == set(en) and zh["sec.overview"] == "概览" and en["sec.overview"] == "Overview"
    assert zh["col.doc_number"] == "文号" and en["val.basis"] == "basis" and zh["yes"] == "是"
    assert zh["policy.unknown"] == "(未知)" and en["docx.empty"] == "(empty table)"
    assert en["fig.timeline.measure.share"] == "Share of articles" and zh["html.settings"] == "设置"
    # the one Chinese in English words: a document type's own name in brackets after its translation (data)
    assert not [k for k, v in en.items() if CJK.search(v) and not k.startswith("doctype.")]
    assert all(v.endswith(f" ({k[8:]})") and not CJK.search(v[:-len(k) + 6])
               for k, v in en.items() if k.startswith("doctype."))


def test_figures_without_words_show_codes():
    top = pd.DataFrame({"term": ["计量"], "count": [3], "documents": [2]})
    fig = top_terms_figure(top)
    assert fig.layout.xaxis.title.text == "count" and fig.layout.title.text is None
    bar = ranking_figure(pd.DataFrame({"agency": ["甲局"], "mentions": [2], "documents": [1]}))
    assert bar.layout.xaxis.title.text == "mentions"
    assert bar.data[0].hovertemplate == "%{y}<br>mentions %{x}<br>documents %{customdata[1]}<extra></extra>"


def test_cli_parse_report_lines_exact():
    report = ParseReport(
        files=[FileReport(name="a.csv", format="csv", articles=3, column_mapping={"title": "标题"}, skipped_rows=2,
                          notes=["第 5 行重复 / row 5 repeated"]),
               FileReport(name="b.zip", error="损坏 / broken")],
        articles=3, missing={"title": 0, "date": 2}, duplicates=1, duplicate_groups=1, converted=2,
        notes=["已达上限 / limit reached"], date_sources={"column": 1})
    assert report_lines(report) == [
        "已读取 3 篇文章,来自 1 个文件;1 个文件失败 / 3 articles from 1 file; 1 failed",  # was "1 files"
        "缺失字段 / missing: date 2",
        "日期来源 / dates by source: column 1",
        "重复/转载 1 篇(归入 1 组)/ 1 duplicate in 1 group",  # was "1 duplicates in 1 groups"
        "繁体转简体 2 篇 / 2 converted to simplified",
        "a.csv: title←标题",
        "a.csv: 跳过 2 行(无正文与标题)/ skipped 2 rows without text",
        "a.csv: 第 5 行重复 / row 5 repeated",
        "已达上限 / limit reached",
        "失败 / failed: b.zip: 损坏 / broken",
    ]
    assert report_lines(ParseReport()) == ["已读取 0 篇文章,来自 0 个文件;0 个文件失败 / 0 articles from 0 files; 0 failed"]
    assert error_line("a\nb") == "错误 / error: a b"


def test_every_raised_code_is_in_the_catalogue_and_renders_the_bilingual_message():
    used = set()
    for path in (ROOT / "analysis").rglob("*.py"):
        used |= set(re.findall(r'\.of\(\s*"([\w.]+)"', path.read_text(encoding="utf-8")))
    assert used - {"query.ends_with_not"} and not used - set(ERRORS)
    err = invalid_option("freq", "x", ("day", "week"))
    assert (err.code, err.params) == ("option.invalid", {"name": "freq", "value": "x", "allowed": ("day", "week")})
    assert str(err) == "选项 freq 的值无效: 'x';可选: ('day', 'week') / invalid freq 'x'; allowed: ('day', 'week')"
    assert isinstance(err, ValueError) and isinstance(err, InvalidOption)
    # after a closing bracket the halves join with "/ " (the project's typography), else " / "
    assert str(LoadError.of("table.no_articles", rows=3)) == \
        "表格中没有文章(共 3 行,均无标题和正文)/ no articles in the table (3 rows, none with a title or body)"
    assert str(LoadError.of("page.empty", file="a.html")) == "a.html: 页面是空的 / the page is empty"
    assert error_message("page.empty", {}, "en") == "the page is empty"
    assert str(LoadError.of("load.nothing_read", files="a: x")) == "没有读到任何文章 / nothing could be read — a: x"
    assert str(WenjianError("ready message")) == "ready message" and WenjianError("m").code == ""
    try:
        LoadError.of("no.such_code")
    except KeyError as exc:
        assert "labels/errors.py" in str(exc)
    else:
        raise AssertionError("an unknown code must fail")


def test_errors_keep_code_and_parameters_across_processes():
    err = pickle.loads(pickle.dumps(LimitExceeded.of("zip.too_deep", file="a.zip", limit=3)))
    assert type(err) is LimitExceeded and (err.code, err.params, err.file) == ("zip.too_deep", {"limit": 3}, "a.zip")
    assert str(err) == "a.zip: 压缩包嵌套超过 3 层 / archives nested more than 3 levels deep"


def test_parse_report_notes_come_from_the_catalogue():
    used = set()
    for path in (ROOT / "analysis").rglob("*.py"):
        used |= set(re.findall(r'\bnote\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    assert used and not used - set(NOTES)
    assert note("zip_read", n=3) == "压缩包内读取 3 个文件 / 3 files read from the archive"
    assert note("bad_json_lines", n=2, lines="4, 9") == "2 行不是有效的 JSON,已跳过(第 4, 9 行)/ 2 invalid JSON lines skipped (lines 4, 9)"
    assert note("over_limit", total=12_000, limit=10_000) == \
        "共 12,000 篇,超过上限 10,000,其余未载入 / 12,000 articles, over the limit of 10,000; the rest were not loaded"


def test_english_plurals():
    """tester L3: "1 repeated header rows skipped", "203 articles from 1 files"."""
    from analysis.errors import note
    from labels import fill

    assert note("repeated_headers", n=1) == "1 行是重复的表头,已跳过 / 1 repeated header row skipped"
    assert note("repeated_headers", n=4) == "4 行是重复的表头,已跳过 / 4 repeated header rows skipped"
    assert report_lines(ParseReport(articles=1, files=[FileReport(name="a.csv", format="csv", articles=1)]))[0] == \
        "已读取 1 篇文章,来自 1 个文件;0 个文件失败 / 1 article from 1 file; 0 failed"
    assert fill("{n} {n:|file|files}, {x:,}", n=0, x=12345) == "0 files, 12,345"
    assert note("bad_json_lines", n=1, lines="4") == "1 行不是有效的 JSON,已跳过(第 4 行)/ 1 invalid JSON line skipped (line 4)"
    assert report_lines(ParseReport(articles=2, duplicates=1, duplicate_groups=1))[1:] == \
        ["重复/转载 1 篇(归入 1 组)/ 1 duplicate in 1 group"]


def test_agency_table_and_history_errors_name_file_and_row_in_each_language():
    with pytest.raises(InvalidOption) as exc:
        validate_agencies(pd.DataFrame([{"canonical": "甲局", "aliases": "局"}]), name="mine.csv")
    err = exc.value
    assert (err.code, err.params) == ("agencies.name_too_short", {"name": "mine.csv", "row": 2, "alias": "局"})
    assert error_message(err.code, err.params, "zh") == "mine.csv 第 2 行: 名称 '局' 太短(至少 2 个字)"
    assert error_message(err.code, err.params, "en") == \
        "mine.csv row 2: name '局' is too short to match safely (2+ characters)"
    # the bilingual form is the message as it always was (" / " after the bracket, the file named once)
    assert str(err) == "mine.csv 第 2 行: 名称 '局' 太短(至少 2 个字) / row 2: name '局' is too short to match " \
        "safely (2+ characters)"
    rows = [{"name": "{r}质量技术监督局", "scope": "local", "valid_to": "2018", "successor": "@market"}]
    with pytest.raises(InvalidOption) as exc:
        validate_history(pd.DataFrame([{c: "" for c in HISTORY_COLUMNS} | r for r in rows]), load_agencies(user_path=""),
                         name="t.csv")
    err = exc.value
    assert err.code == "history.no_rule"
    assert error_message(err.code, err.params, "en") == "t.csv row 2: no department rule 'market' in data/agency_templates.csv"
    assert error_message(err.code, err.params, "zh") == "t.csv row 2: 部门规则 '@market' 不存在"


def test_every_count_meets_its_noun_in_english():
    """Issue 10 / state B2: "· 1 articles ·", "1 rows had" — each kind of count-noun text, at 1 and at 2, in the
    dashboard (``fill``), the library's formatting of given words (``Template.format``: the report, figures),
    the notes, the errors and the CLI."""
    from analysis.commands.messages import say
    from analysis.errors import note
    from analysis.report_content import label
    from labels import Template, fill
    from labels.errors import error_message

    en = {key: pair[1] for key, pair in TEXTS.items()}
    assert fill(en["ar.found"], n=1) == "1 article" and fill(en["ar.found"], n="2") == "2 articles"
    assert fill(en["kw.summary"], articles="1", tokens="1,234", distinct=1, engine="jieba") == \
        "1 article · 1,234 tokens · 1 distinct term (tokenizer: jieba)"
    assert fill(en["kw.ab_count"], a=1, b=2) == "A: 1 article · B: 2 articles"
    assert fill(en["ag.summary"], n=1, m=1) == "1 agency · 1 mention (titles and bodies)"
    assert fill(en["tl.calendar_undated"], n=1) == "1 article without a date is not shown."
    assert fill(en["tl.calendar_undated"], n=3) == "3 articles without a date are not shown."
    assert fill(en["tl.single_doc"], n=1).startswith("1 spike comes mostly from one article")
    assert fill(en["kwic.found"], n=1, docs=1, how="x") == "1 occurrence in 1 article · match: x"
    assert fill(en["po.caption"], n=1, numbered=0, issued=0, refs=1, inside=0) == \
        "1 document · 0 with a document number · 0 with an issuer · 1 reference (0 inside the corpus)"
    # words handed to the library format with plurals (report captions, figure hovers)
    words_en = report_words("en")
    assert isinstance(words_en["caption"], Template)
    assert label("caption", words_en, dataset="d", filters="f", n="1", first="a", last="b", generated="g") == \
        "Dataset: d · filters: f · 1 article · a to b · generated g"
    assert words(TEXTS, "en", "tl.fig.")["day_hover"].format(date="d", weekday="Mon", n=1) == "d Mon: 1 article"
    # notes (verb agreement too), errors, the CLI
    assert note("long_rows", n=1).endswith("/ 1 row had more fields than the header; the extra fields were ignored")
    assert note("not_objects", n=1).endswith("/ 1 item was not an object and was ignored")
    assert note("not_objects", n=2).endswith("/ 2 items were not objects and were ignored")
    assert note("bodies_cut", n=1, limit=1000).endswith("/ 1 body longer than 1,000 characters was truncated")
    assert note("zip_unsafe", n=1, paths="../a").endswith("/ skipped 1 entry with unsafe paths (.. or absolute): ../a")
    assert error_message("table.no_articles", {"rows": 1}, "en") == "no articles in the table (1 row, none with a " \
                                                                    "title or body)"
    assert say("ingest.done", name="n", id="i", articles=1, store="s") == "数据集 / dataset: n (i), 1 article, store s"
    assert say("report.selected", selected=1, total=1, items=1, sections=1) == \
        "report: 1 / 1 篇 / articles after filters; 1 item in 1 section"
