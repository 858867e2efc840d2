"""ui/text.py: user text is escaped before any highlight markup is added."""
from __future__ import annotations

from ui.text import highlight_html, match_spans, md_escape


def test_script_and_img_render_as_text():
    out = highlight_html('<script>alert(1)</script><img src=x onerror="alert(2)">计量', ["计量"])
    assert out == ('<p>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;'
                   '<mark class="wj-q">计量</mark></p>')
    assert "<script" not in out and "<img" not in out


def test_terms_and_agencies_marked_and_paragraphs_split():
    out = highlight_html("海南省市场监督管理局开展计量检查。\n\n第二段计量", ["计量"], ["海南省市场监督管理局"])
    assert out == ('<p><mark class="wj-a">海南省市场监督管理局</mark>开展<mark class="wj-q">计量</mark>检查。</p>'
                   '<p>第二段<mark class="wj-q">计量</mark></p>')


def test_term_never_splits_an_entity():
    # "amp" occurs in the raw text only as a word; the escaped "&amp;" of "&" is never touched
    assert highlight_html("A & B amp", ["amp"]) == '<p>A &amp; B <mark class="wj-q">amp</mark></p>'
    assert highlight_html("a<b", ["lt"]) == "<p>a&lt;b</p>"


def test_longer_term_wins_overlap_case_insensitive():
    assert match_spans("市场监管总局 and ABC", ["市场监管", "市场监管总局", "abc"]) == [
        (0, 6, "市场监管总局"), (11, 14, "abc")]
    assert match_spans("", ["x"]) == [] and match_spans("abc", [""]) == []


def test_md_escape():
    assert md_escape("**粗** [链接](javascript:x) <b>\n# 标题") == (
        r"\*\*粗\*\* \[链接\]\(javascript\:x\) \<b\> \# 标题")
