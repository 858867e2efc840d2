"""Normalisation: exact outputs for the cases the loader meets, and the vectorised form equals the scalar one."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.normalize import (
    html_to_text, looks_like_html, normalize_series, normalize_text, simplify_series, to_simplified,
)


@pytest.mark.parametrize("raw, multiline, expected", [
    ("\u200b北京市中医管理局", False, "北京市中医管理局"),                       # bjtcm: zero-width prefix
    ("北京市中医管理局　", False, "北京市中医管理局"),                           # bjtcm: trailing full-width space
    (None, False, ""),
    (float("nan"), True, ""),
    ("ＧＢ／Ｔ　１９０００－２０１６", False, "GB/T 19000-2016"),                # full-width letters/digits/symbols
    ("增长５％，达到１２３亿元（同比）。", True, "增长5%，达到123亿元（同比）。"),  # Chinese punctuation kept
    ("“标题”：《通知》！？；、", False, "“标题”：《通知》！？；、"),
    ("第一段\r\n\r\n\r\n  第二段  \n\t第三段", True, "第一段\n第二段\n第三段"),
    ("第一段\r\n第二段", False, "第一段 第二段"),
    ("　　一、总体情况　　二、主要做法", True, "一、总体情况\n二、主要做法"),      # 2× U+3000 = paragraph indent
    ("甲　乙", True, "甲 乙"),
    ("a\u00a0\u2003b\u202fc", False, "a b c"),
    ("\u202e\u2066标题\u2069\u200d\ufeff\u00ad", False, "标题"),               # bidi controls, joiners, BOM
    ("x\x00y\x07z\x1b", True, "xyz"),
    ("行一\u2028行二", True, "行一\n行二"),
    ("a\ud800b", False, "ab"),                                                  # lone surrogate
    ("<p>　　第一段&nbsp;内容</p><p>第二段<br>第三行</p>", True, "第一段 内容\n第二段\n第三行"),
    ("<div>正文<script>alert(1)</script><style>p{}</style><!-- 注释 --></div>", True, "正文"),
    ("<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td></tr></table>", True, "甲 乙\n丙"),
    ("当 a<b 且 c>d 时", True, "当 a<b 且 c>d 时"),
    ("A &amp; B", False, "A & B"),
    ("AT&T 公司", False, "AT&T 公司"),
])
def test_normalize_text(raw, multiline, expected):
    assert normalize_text(raw, multiline=multiline) == expected
    assert normalize_series(pd.Series([raw], dtype=object), multiline=multiline).tolist() == [expected]


def test_looks_like_html():
    assert looks_like_html('<p class="x">a</p>') and looks_like_html("a&nbsp;b") and looks_like_html("<br/>")
    assert not looks_like_html("a<b 且 c>d") and not looks_like_html("x < y > z") and not looks_like_html("<<>>")


def test_html_to_text_keeps_block_structure():
    text = html_to_text("<h1>标题</h1><ul><li>一</li><li>二</li></ul>")
    assert text.split() == ["标题", "一", "二"] and normalize_text(text) == "标题\n一\n二"


def test_series_keeps_index_and_does_not_mutate():
    s = pd.Series([" a ", "b\u200b"], index=[10, 20])
    out = normalize_series(s, multiline=False)
    assert out.index.tolist() == [10, 20] and out.tolist() == ["a", "b"]
    assert s.tolist() == [" a ", "b\u200b"]
    assert normalize_series(pd.Series([], dtype=object)).tolist() == []


def test_to_simplified():
    assert to_simplified("國家發展和改革委員會") == "国家发展和改革委员会"
    assert to_simplified("国家发展和改革委员会") == "国家发展和改革委员会"
    out, changed = simplify_series(pd.Series(["臺灣", "台湾", ""]))
    assert out.tolist() == ["台湾", "台湾", ""] and changed.tolist() == [True, False, False]


TEXT = st.text(alphabet=st.sampled_from(list("ab甲乙 　\u3000\n\r\t\u200b\u00a0ＡＢ１２，。<>&p/\x00\u2028")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.one_of(st.none(), TEXT, st.text(max_size=30)), max_size=8), multiline=st.booleans())
def test_series_equals_scalar(values, multiline):
    expected = [normalize_text(v, multiline=multiline) for v in values]
    assert normalize_series(pd.Series(values, dtype=object), multiline=multiline).tolist() == expected


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=80), multiline=st.booleans())
def test_idempotent_and_clean(value, multiline):
    once = normalize_text(value, multiline=multiline)
    assert normalize_text(once, multiline=multiline) == once
    assert once == once.strip()
    assert "  " not in once and "\u200b" not in once and "\r" not in once
    if not multiline:
        assert "\n" not in once
    else:
        assert "\n\n" not in once and " \n" not in once and "\n " not in once


def test_traditional_share_counts_texts_with_chinese_characters_only():
    from analysis.normalize import traditional_share

    texts = ["國務院發佈通知", "国务院发布通知", "", "no Chinese here", "中华人民共和国國", "𠁞國家"]
    # 國務院發佈通知: 4 of 7 traditional; 国务院…: 0; "" and Latin text skipped; 中华人民共和国國: 1 of 8 ≥ 5 %;
    # 𠁞國家 (𠁞 beyond U+9FFF: not counted as Chinese): 1 of 2 — 3 traditional of 4 texts with Chinese
    assert traditional_share(texts) == 0.75
    assert traditional_share(texts, limit=2) == 0.5           # the first two texts with Chinese characters
    assert traditional_share(iter(texts), limit=1) == 1.0     # read once, as far as needed
    assert traditional_share(["abc", ""]) == 0.0 and traditional_share([]) == 0.0
    assert traditional_share(["\ud800國"]) == 1.0             # a lone surrogate neither breaks nor counts
    assert traditional_share(["一二三四五六七八九十" * 2 + "國"]) == 0.0   # 1 of 21 < 5 %


def test_traditional_share_reads_a_generator_only_as_far_as_needed():
    from analysis.normalize import traditional_share

    read = []

    def texts():
        for i in range(10_000):
            read.append(i)
            yield "國" if i % 2 else "国"

    assert traditional_share(texts(), limit=4) == 0.5
    assert read == [0, 1, 2, 3]


def test_squeeze_collapses_runs_on_positions():
    from analysis.normalize import _squeeze

    def run(text, multiline):
        codes = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16).copy()
        return _squeeze(codes, multiline).tobytes().decode("utf-16-le")

    assert run("a  b \n c\x00 d \x00\n\ne\n\n", True) == "a b\nc\x00d\x00e"
    assert run(" \n \n ", True) == ""
    assert run("a b", True) == "a b"                 # nothing to change: the same array
    assert run("a   b\x00  c  ", False) == "a b\x00c"
    assert run("", True) == "" and run("\x00", False) == "\x00"


def test_unit_map_marks_removed_characters_and_surrogates():
    from analysis.normalize import _DROP16, _SURROGATE16, _unit_map

    multi, single = _unit_map(True), _unit_map(False)
    assert multi.dtype == np.uint16 and len(multi) == 0x10000
    assert multi[0x200B] == _DROP16 and multi[0xD800] == _SURROGATE16 and multi[0xDFFF] == _SURROGATE16
    assert multi[0xFF21] == ord("A") and multi[0x3000] == 32 and multi[0x0D] == 10 and multi[0] == 0
    assert single[0x0D] == 32 and single[10] == 32 and single[0x2028] == 32 and multi[0x2028] == 10
    assert multi[ord("中")] == ord("中") and multi[0xFFFF] == 0xFFFF


@pytest.mark.parametrize("values, multiline, expected", [
    (["😀 ａ\u200b  b", "𠀀\n\n甲"], True, ["😀 a b", "𠀀\n甲"]),       # beyond the BMP: the code-point path
    (["a\udc00 b", None, 3], False, ["a b", "", "3"]),                 # a lone surrogate goes; None, a number
    (["", "", ""], True, ["", "", ""]),
    ([float("nan"), "\u200b"], False, ["", ""]),
])
def test_series_beyond_bmp_and_odd_values(values, multiline, expected):
    assert normalize_series(pd.Series(values, dtype=object), multiline=multiline).tolist() == expected
