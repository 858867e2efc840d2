"""Plural fields (``{n:|one|many}``) of the label catalogue are only ever filled with ``labels.fill`` /
``labels.Template`` — never with plain ``str.format``, which raises ``ValueError: Invalid format specifier``
(tester report #7: English 时间线 → Calendar crashed on ``tl.fig.day_hover``)."""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pandas as pd
import pytest

import ui.i18n as i18n
from analysis.commands.messages import error_line, report_lines
from analysis.figures.timeline import calendar_figure
from analysis.loaders.report import FileReport, ParseReport
from labels import TEXTS, Template, both, fill, words
from labels.cli import ERROR_LINE, MESSAGES, PARSE_REPORT, USAGE_ERRORS
from labels.errors import ERRORS
from labels.notes import NOTES
from labels.report import report_words

ROOT = Path(__file__).resolve().parents[1]
#: every catalogue text of the project, as (where, text)
CATALOGUE: list[tuple[str, str]] = [
    *((f"TEXTS[{k}][{i}]", pair[i]) for k, pair in TEXTS.items() for i in (0, 1)),
    *((f"report_words({lang})[{k}]", v) for lang in ("zh", "en") for k, v in report_words(lang).items()),
    *((f"PARSE_REPORT[{k}]", v) for k, v in PARSE_REPORT.items()),
    *((f"MESSAGES[{k}]", v) for k, v in MESSAGES.items()),
    *((f"USAGE_ERRORS[{k}]", v) for k, v in USAGE_ERRORS.items()),
    ("ERROR_LINE", ERROR_LINE),
    *((f"ERRORS[{k}][{i}]", v) for k, texts in ERRORS.items() for i, v in enumerate(texts)),
    *((f"NOTES[{k}][{i}]", v) for k, texts in NOTES.items() for i, v in enumerate(texts)),
]


def fields(text: str) -> dict[str, str]:
    """The format fields of ``text``: name -> format spec."""
    return {name: spec for _, name, spec, _ in string.Formatter().parse(text) if name}


def plural(text: str) -> bool:
    return any(spec.startswith("|") for spec in fields(text).values())


def sample(text: str, n: int) -> dict[str, object]:
    return {name: pd.Timestamp("2024-01-02") if "%" in spec else n for name, spec in fields(text).items()}


def test_the_catalogue_has_plural_fields():
    plurals = [where for where, text in CATALOGUE if plural(text)]
    assert "TEXTS[tl.fig.day_hover][1]" in plurals and "MESSAGES[kwic.counts]" in plurals
    assert len(plurals) >= 50


@pytest.mark.parametrize("where,text", CATALOGUE, ids=[w for w, _ in CATALOGUE])
def test_every_label_fills_with_sample_parameters(where, text):
    """Every text of every catalogue fills with ``fill`` for one and for many (no stray field, no bad spec)."""
    one, many = fill(text, **sample(text, 1)), fill(text, **sample(text, 2))
    assert isinstance(one, str) and isinstance(many, str)
    if plural(text):
        assert one != many


def test_dashboard_texts_are_templates_in_english(monkeypatch):
    """``ui.i18n.t(key)`` (no parameters), ``ui.i18n.words`` and ``timeline_words`` hand out plural texts as
    ``Template``: the library formats them with ``.format`` later (figure hovers, captions)."""
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    keys = [k for k, pair in TEXTS.items() if plural(pair[1])]
    assert "tl.fig.day_hover" in keys and "ds.current" in keys
    for key in keys:
        text = i18n.t(key)
        assert isinstance(text, Template), key
        assert text.format(**sample(text, 1)) == fill(text, **sample(text, 1))
    assert i18n.t("tl.fig.day_hover").format(date="2024-01-02", weekday="Tue", n=1) == "2024-01-02 Tue: 1 article"
    assert i18n.t("tl.fig.day_hover").format(date="2024-01-02", weekday="Tue", n=3) == "2024-01-02 Tue: 3 articles"
    assert i18n.timeline_words()["day_hover"].format(date="d", weekday="Mon", n=2) == "d Mon: 2 articles"
    assert i18n.words("kw.")["cloud_caption"].format(n=1) == "Top 1 term"
    # a text without a plural stays a plain str; with parameters t() fills
    assert type(i18n.t("tl.title")) is str
    assert i18n.t("tl.calendar_undated", n=1) == "1 article without a date is not shown."


def test_report_words_are_templates():
    for lang in ("zh", "en"):
        for key, text in report_words(lang).items():
            if plural(text):
                assert isinstance(text, Template), (lang, key)
    assert report_words("en")["caption"].format(dataset="d", filters="f", n=1, first="a", last="b",
                                                generated="g") == "Dataset: d · filters: f · 1 article · a to b · generated g"


def test_english_calendar_figure_hover_texts(monkeypatch):
    """The code path of the crash: the calendar with the dashboard's English figure words."""
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    arts = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-01-03"])})
    fig = calendar_figure(arts, labels=i18n.timeline_words())
    texts = {t for row in fig.data[0].text for t in row if t}
    assert "2024-01-02 Tue: 1 article" in texts
    assert "2024-01-03 Wed: 2 articles" in texts
    assert "2024-01-04 Thu:  articles" in texts   # a day without data inside the year: no count


def test_cli_lines_fill_plurals():
    rep = ParseReport(articles=1, files=[FileReport(name="a.csv", articles=1, skipped_rows=1, notes=["x"])],
                      duplicates=1, duplicate_groups=1)
    lines = report_lines(rep)
    assert lines[0].endswith("/ 1 article from 1 file; 0 failed")
    assert "a.csv: 跳过 1 行(无正文与标题)/ skipped 1 row without text" in lines
    assert error_line("boom") == "错误 / error: boom"
    assert both(("{n} 篇", "{n} {n:|article|articles}"), n=1) == "1 篇 / 1 article"
    assert words(TEXTS, "en", "tl.fig.")["day_hover"].format(date="d", weekday="Mon", n=1) == "d Mon: 1 article"


#: the catalogues' names: a ``.format`` straight on one of their entries is plain ``str.format``
CATALOGUE_NAMES = {"TEXTS", "PAGES", "SHELL", "PARSE_REPORT", "MESSAGES", "USAGE_ERRORS", "ERROR_LINE", "ERRORS",
                   "NOTES", "LABELS", "COLUMN_LABELS", "FIGURE_WORDS"}


def _root_name(node: ast.AST) -> str | None:
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def test_no_catalogue_entry_is_formatted_with_str_format():
    """No module formats a catalogue entry (``MESSAGES[code].format(...)``, ``TEXTS[k][1].format``, a
    ``pick(...)``) with plain ``str.format``: ``fill`` or a ``Template`` only."""
    bad = []
    for path in [*ROOT.glob("analysis/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("views/*.py"),
                 *ROOT.glob("labels/*.py"), ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
                recv = node.func.value
                if _root_name(recv) in CATALOGUE_NAMES or (
                        isinstance(recv, ast.Call) and getattr(recv.func, "id", "") == "pick"):
                    bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert bad == []


def test_page_numbers_have_thousands_separators(monkeypatch):
    """Tester report #18: one number format on pages and captions — ``975,084`` in the caption as in the metric."""
    import numpy as np
    assert i18n.t("f.count", n=975084, total=1000000) == "筛选后 975,084 / 1,000,000 篇"
    assert i18n.t("ds.current", name="scale-local", n=np.int64(1000000)) == "当前: **scale-local** — 1,000,000 篇"
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert i18n.t("f.count", n=1, total=1) == "1 of 1 article after filters"
    assert i18n.t("f.count", n=1234, total=1234) == "1,234 of 1,234 articles after filters"
    assert i18n.t("tl.calendar_left_out", max=20, first="2003", last="2004", n=3).startswith(
        "The calendar draws the latest 20 years at most: 2003–2004 (3 articles)")


def test_tokenizer_is_named_for_a_stored_corpus():
    """Tester report #13: "(分词器:)" blank on the 关键词 page, "—" in the dashboard report's settings."""
    import importlib.util

    from analysis.keywords import TokenizedCorpus, tokenizer_name
    from analysis.jieba_engines import auto_engine
    import numpy as np
    import scipy.sparse as sp
    expected = "rjieba" if importlib.util.find_spec("rjieba") else "jieba"
    assert auto_engine() == expected
    stored = TokenizedCorpus(vocab=["企业"], index={"企业": 0}, dtm=sp.csr_matrix(np.ones((1, 1), dtype=np.int32)),
                             doc_lengths=np.array([1]))
    assert stored.engine == "" and tokenizer_name(stored) == expected
    stored.engine = "jieba"
    assert tokenizer_name(stored) == "jieba"
