"""ui/i18n.py: every key used in the UI exists in both languages, and formatting works."""
from __future__ import annotations

import re
from pathlib import Path

from analysis.errors import LoadError, WenjianError
from ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def test_every_used_key_is_defined():
    used: set[str] = set()
    for path in [ROOT / "app.py", *(ROOT / "ui").glob("*.py"), *(ROOT / "views").glob("*.py")]:
        used |= set(re.findall(r'\bt\("([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used, "no t() calls found"
    assert sorted(used - set(i18n.TEXTS)) == []


def test_both_languages_have_the_same_placeholders():
    for key, (zh, en) in i18n.TEXTS.items():
        assert zh and en, key
        assert set(re.findall(r"\{(\w+)\}", zh)) <= set(re.findall(r"\{(\w+)\}", en)) | {"n", "more"}, key


def test_t_defaults_to_chinese_outside_a_session_and_formats():
    assert i18n.lang() == "zh"
    assert i18n.t("f.count", n=3, total=30) == "筛选后 3 / 30 篇"
    assert i18n.t("no.such_key") == "no.such_key"


import pytest  # noqa: E402


@pytest.mark.parametrize("stored, zh, en", [
    ("a.csv 等 6 个文件", "a.csv 等 6 个文件", "a.csv and 5 more files"),
    ("a.csv and 5 more files", "a.csv 等 6 个文件", "a.csv and 5 more files"),
    ("河北 产业政策.csv 等 2 个文件(简体)", "河北 产业政策.csv 等 2 个文件(简体)", "河北 产业政策.csv and 1 more files (simplified)"),
    ("b.xlsx (simplified)", "b.xlsx(简体)", "b.xlsx (simplified)"),
    ("示例数据集 / Sample", "示例数据集(内置)", "Sample dataset (built-in)"),
    # names a user chose, or file names that only look similar: unchanged
    ("我的数据 / 第二版", "我的数据 / 第二版", "我的数据 / 第二版"),
    ("等 6 个文件", "等 6 个文件", "等 6 个文件"),
    ("news.csv", "news.csv", "news.csv"),
])
def test_dataset_names_built_by_the_app_follow_the_language(monkeypatch, stored, zh, en):
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert i18n.dataset_name(stored) == zh
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert i18n.dataset_name(stored) == en


def test_not_articles_error_is_one_language(monkeypatch):
    """tester L1: a binary file renamed .csv — its message ends in a bracket, so the halves are joined by "/ "
    (labels.errors.joiner), which the split did not know: both languages were shown in each UI."""
    from labels.errors import error_message

    one = error_message("load.not_articles", {"zh": "程序", "en": "program"})
    coded = LoadError.of("load.nothing_read", files=f"binary.csv: {one}")
    plain = LoadError(f"没有读到任何文章 / nothing could be read — binary.csv: {one}")  # analysis.store.ingest's
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    want = "没有读到任何文章 — binary.csv: 这是程序,不是文章集(支持 CSV/TSV、XLSX、JSON、JSONL、TXT、HTML、ZIP)"
    assert i18n.error_text(coded) == i18n.error_text(plain) == want
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    want = ("nothing could be read — binary.csv: this is a program, not an article collection (supported: "
            "CSV/TSV, XLSX, JSON, JSONL, TXT, HTML, ZIP)")
    assert i18n.error_text(coded) == i18n.error_text(plain) == want


@pytest.mark.parametrize("text, zh, en", [
    ("无法读取 / cannot read: not a workbook", "无法读取", "cannot read: not a workbook"),
    # a name in both halves is data (seen on the Hebei files: the parse report stayed bilingual in English)
    ("来源列 来源网站 是网址,取其域名作为来源 / the source column 来源网站 holds URLs; their domain is the source",
     "来源列 来源网站 是网址,取其域名作为来源", "the source column 来源网站 holds URLs; their domain is the source"),
    # Chinese on the right that the left does not hold: not a translation, left whole
    ("文件 甲 / the file 乙", "文件 甲 / the file 乙", "文件 甲 / the file 乙"),
    ("甲 / 乙", "甲 / 乙", "甲 / 乙"),
    # the loaders' composite message: each file's own error in one language too, file names kept
    ("没有读到任何文章 / nothing could be read — empty.csv: 文件为空 / the file is empty; 坏.csv: 无法读取 / cannot read",
     "没有读到任何文章 — empty.csv: 文件为空; 坏.csv: 无法读取",
     "nothing could be read — empty.csv: the file is empty; 坏.csv: cannot read"),
])
def test_one_language(monkeypatch, text, zh, en):
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert i18n.one_language(text) == zh
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert i18n.one_language(text) == en


def test_error_text_words_a_coded_error_in_the_current_language(monkeypatch):
    nothing = LoadError.of("load.nothing_read", files="a.csv: 文件为空 / the file is empty; b.zip: 损坏 / broken")
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert i18n.error_text(nothing) == "没有读到任何文章 — a.csv: 文件为空; b.zip: 损坏"
    assert i18n.error_text(LoadError.of("page.empty", file="p.html")) == "p.html: 页面是空的"
    assert i18n.error_text(WenjianError("甲 / A")) == "甲"
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert i18n.error_text(nothing) == "nothing could be read — a.csv: the file is empty; b.zip: broken"
    assert i18n.error_text(LoadError.of("zip.too_many_entries", entries=12_000, limit=10_000)) == \
        "the ZIP holds 12,000 files, over the limit of 10,000; nothing was expanded"
    assert i18n.error_text(ValueError("甲 / A")) == "A"


def test_review_decision_labels(monkeypatch):
    """tester #15: the 待审 table's decision column showed "None" in every row (an untouched cell is None)."""
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    assert [i18n.decision(v) for v in (None, "", "undecided", "accepted", "rejected")] == \
        ["未决定", "未决定", "未决定", "接受", "拒绝"]
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    assert [i18n.decision(v) for v in (None, "", i18n.UNDECIDED, "accepted", "rejected")] == \
        ["undecided", "undecided", "undecided", "accept", "reject"]
