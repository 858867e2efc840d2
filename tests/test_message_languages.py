"""Every error and parse-report note in one language per half (tester report #9: "…请在列映射中指定正文列;
the table's columns: [a, b, c] — map one by hand" in the Chinese UI).

Each catalogue entry (labels.errors.ERRORS, labels.notes.NOTES) is filled with placeholder parameters; its
Chinese half may hold no ASCII word outside the parameters and quoted values except the names of formats,
programs, options and columns (``TECH`` below), its English half no Chinese outside the parameters. The
dashboard's rendering (ui.i18n.error_text) of each error — alone and as one file's error in the loaders'
composite "nothing could be read — file: …" — obeys the same rule."""
from __future__ import annotations

import re
import string

import pandas as pd
import pytest

from analysis.errors import LoadError
from labels import fill
from labels.errors import ERRORS, error_message
from labels.notes import NOTES
from ui import i18n

P = "Ⓟ"     # a string parameter's value: neither ASCII nor CJK, removed before the check
# names that stand in Chinese text as they are: formats, programs, options, column and file names
TECH = {"CSV", "TSV", "XLSX", "JSON", "JSONL", "Lines", "TXT", "HTML", "ZIP", "Excel", "xls", "xlsx", "xl",
        "Word", "PowerPoint", "UTF", "MB", "Dask", "dask", "distributed", "WENJIAN_MAX_ARTICLES", "NOT",
        "canonical", "valid_to", "valid_from", "agency_history", "csv", "charts", "MACOSX", "Chromium",
        "substring", "mode", "from", "to", "workers", "Y", "m", "d"}
_ASCII_WORD = re.compile(r"(?<![A-Za-z_-])[A-Za-z][A-Za-z_]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _params(*templates: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for template in templates:
        for _, field, spec, _ in string.Formatter().parse(template):
            if not field or field in out:
                continue
            spec = spec or ""
            if "%" in spec:
                out[field] = pd.Timestamp("2024-01-02")
            elif spec.endswith("f"):
                out[field] = 1.5
            elif spec.startswith((",", "|")) or spec == "d":
                out[field] = 7
            else:
                out[field] = P
    return out


def _strip(text: str) -> str:
    text = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`|“[^”]*”", "", text)
    text = re.sub(r"\{r\}[\u4e00-\u9fff]+", "", text)     # an example of a table's value: {r}质量技术监督局
    return text.replace(P, "")


def _ascii_words(text: str) -> list[str]:
    return [w for w in _ASCII_WORD.findall(_strip(text)) if w not in TECH]


CATALOGUE = [("error", code, entry) for code, entry in ERRORS.items()] + \
            [("note", code, entry) for code, entry in NOTES.items()]


@pytest.mark.parametrize("kind, code, entry", CATALOGUE, ids=[f"{k}:{c}" for k, c, _ in CATALOGUE])
def test_each_half_is_one_language(kind, code, entry):
    zh, en = entry[0], entry[1]
    params = _params(zh, en)
    assert _ascii_words(fill(zh, **params)) == [], (code, zh)
    assert not _CJK.search(_strip(fill(en, **params))), (code, en)


@pytest.mark.parametrize("code", sorted(ERRORS))
def test_dashboard_shows_each_error_in_one_language(monkeypatch, code):
    params = _params(*ERRORS[code][:2])
    alone = LoadError.of(code, **params)
    # the loaders' composite: each file's own bilingual error after its name (analysis.loaders.core._finish)
    composite = LoadError.of("load.nothing_read",
                             files=f"a.csv: {error_message(code, params)}; b.txt: {error_message(code, params)}")
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    for exc in (alone, composite):
        shown = i18n.error_text(exc).replace("a.csv", "").replace("b.txt", "")
        assert _ascii_words(shown) == [], shown
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    for exc in (alone, composite):
        assert not _CJK.search(_strip(i18n.error_text(exc))), i18n.error_text(exc)


def test_wrong_columns_upload_in_chinese(monkeypatch):
    """The tester's exact case: a CSV with columns a, b, c."""
    params = {"columns": "[a, b, c]"}
    exc = LoadError.of("load.nothing_read", files=f"wrongcols.csv: {error_message('columns.no_text', params)}")
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert i18n.error_text(exc).startswith("没有读到任何文章 — wrongcols.csv: 找不到正文或标题列;表的列: [a, b, c]。")
    assert "map one by hand" not in i18n.error_text(exc)
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert i18n.error_text(exc).startswith("nothing could be read — wrongcols.csv: no text column (title or body) "
                                           "found; the table's columns: [a, b, c]")


def test_renamed_headers_as_the_no_text_message_says_load():
    """tester #10: the no-text-column message asks for an action that exists — renaming the headers works."""
    from analysis.loaders import load_files

    for header in ("正文", "body", "content"):
        res = load_files([("fixed.csv", f"编号,{header}\n1,会议部署了下一阶段的计量工作。\n".encode())])
        assert res.articles["body"].tolist() == ["会议部署了下一阶段的计量工作。"], header


def test_large_dataset_note_names_what_exists(monkeypatch):
    """tester #11: no "save a smaller dataset" (no such control); the command named takes these options."""
    from analysis.cli import build_parser

    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    zh = i18n.t("lg.not_here", what="一键报告", n="200,000")
    assert "另存" not in zh
    assert "python -m analysis report --dataset 数据集名称 --query 关键词 -o 报告.docx" in zh
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert "save a smaller" not in i18n.t("lg.not_here", what="report", n="200,000")
    args = build_parser().parse_args(["report", "--dataset", "x", "--query", "计量", "--from", "2024-01-01",
                                      "--to", "2024-02-01", "--agency", "财政部", "-o", "r.docx"])
    assert (args.dataset, args.query, args.output) == ("x", "计量", "r.docx")
    for command in ("keywords", "kwic", "agencies", "timeline", "policy"):
        assert build_parser().parse_args([command, "--dataset", "x"] + (["--term", "计量"] if command == "kwic" else [])).dataset == "x"
