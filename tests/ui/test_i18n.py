"""ui/i18n.py: every key used in the UI exists in both languages, and formatting works."""
from __future__ import annotations

import re
from pathlib import Path

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
