"""ui/builtins.py: Streamlit's own English widget texts replaced in Chinese (uploader button, size line, drag
overlay, the Enter hints), Streamlit's English kept in English. What the browser then shows is checked in
tests/e2e/test_language_browser.py."""
from __future__ import annotations

import re

from ui import builtins, i18n


def rules(css: str) -> dict[str, str]:
    """selector of each ``::after`` rule -> its content."""
    return {m[1]: m[2] for m in re.finditer(r'([^{}]+)::after\{content:"((?:[^"\\]|\\.)*)"', css)}


def test_chinese_replaces_every_english_text(monkeypatch):
    monkeypatch.setattr(i18n, "lang", lambda: "zh")
    monkeypatch.setattr(builtins, "lang", lambda: "zh")
    css = builtins.stylesheet(500)
    after = rules(css)
    assert after['[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'] == "上传"
    assert after['[data-testid="stFileUploaderDropzone"] [data-testid="stFileUploaderDropzoneInstructions"] span'] \
        == "每个文件最大 500MB"
    assert after['.st-key-ag_upload [data-testid="stFileUploaderDropzone"] '
                 '[data-testid="stFileUploaderDropzoneInstructions"] span'] == "每个文件最大 500MB · CSV"
    assert after['.stTextInput [data-testid="InputInstructions"] > span'] == "按回车键生效"
    # tester #14: a multiselect's "Select all" in the Chinese UI
    assert after['[role="option"][data-key="__select_all__"] [data-item-hl]'] == "全选"
    assert after['[role="option"][data-key="__select_matches__"] [data-item-hl]'] == "选择全部匹配项"
    assert after['[data-testid="stForm"] .stTextArea [data-testid="InputInstructions"] > span'] == "按 Ctrl+回车 提交"
    # tester-s15 U12: the link the first Tab shows, the top navigation's "2 more" in a narrow window
    assert after['a[data-testid="stSkipToContent"]:focus-visible'] == "跳到正文"
    assert after['[data-testid="stTopNavSection"] [data-testid="stMarkdownContainer"] p'] == "更多页面"
    # each replaced text is drawn at size 0 (only the text: the widget stays visible and clickable)
    for selector, _ in builtins.REPLACED + builtins.BUTTONS:
        assert f"{selector}{{font-size:0}}" in css
    assert "visibility" not in css
    assert not re.search(r"[A-Za-z]{3,}", "".join(v for v in after.values() if "CSV" not in v).replace("Ctrl", ""))


def test_english_keeps_streamlits_own_texts(monkeypatch):
    monkeypatch.setattr(builtins, "lang", lambda: "en")
    assert builtins.stylesheet(500) == ""


def test_quotes_in_a_text_are_escaped():
    assert builtins._css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'


def test_no_multiselect_offers_streamlits_english_bulk_row():
    """tester-s15 U12 (and F1): every multiselect of the pages and the sidebar passes ``select_all=False`` — the
    bulk row ("Select all", "Select 3 matches" while typing) is Streamlit's English for a screen reader, and
    Enter after typing takes it (every match chosen instead of the first)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    calls, missing = 0, []
    for path in sorted([*root.glob("views/*.py"), *root.glob("ui/*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "multiselect":
                calls += 1
                given = {k.arg: k.value for k in node.keywords}
                if not (isinstance(given.get("select_all"), ast.Constant) and given["select_all"].value is False):
                    missing.append(f"{path.relative_to(root)}:{node.lineno}")
    assert calls == 20 and missing == []
