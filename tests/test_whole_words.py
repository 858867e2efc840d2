"""User-dictionary words with ``/``, spaces and ``-`` (standard numbers) stay whole (issue 11, BR-2-10)."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis.kwic import kwic
from analysis.schema import coerce_articles
from analysis.tokenizer import build_tokenizer

TEXTS = [
    "各地要重点检查依据GB/T 19001-2016开展的质量管理体系认证活动。对未按GB/T 19001-2016要求实施审核的机构依法查处。",
    "质量管理体系认证以GB/T 19001-2016为依据，通过ISO 9001认证的企业须符合GB/T 19001－2016。",
    "本标准参照 gb/t  19001-2016 编写，与GB/T 19001-20160无关，ISO 90011 也不是 ISO 9001。",
]
WORDS = ["GB/T 19001-2016", "ISO 9001", "GB 2760-2014"]


@pytest.fixture(scope="module")
def tk():
    return build_tokenizer(user_words=WORDS, agencies=False)


@pytest.mark.parametrize("text, terms", [
    (TEXTS[0], ["GB/T 19001-2016", "GB/T 19001-2016"]),
    (TEXTS[1], ["GB/T 19001-2016", "ISO 9001", "GB/T 19001-2016"]),     # full-width － too
    # my own: lower case, two spaces (matched, counted as the dictionary's spelling); longer numbers are not it
    (TEXTS[2], ["GB/T 19001-2016", "ISO 9001"]),
    ("食品添加剂使用标准GB 2760-2014规定", ["GB 2760-2014"]),
    ("没有标准号的句子", []),
])
def test_user_words_with_slash_space_hyphen_match_whole(tk, text, terms):
    assert [t for t in tk.terms(text) if t in WORDS] == terms
    assert ("GB" in tk.terms(text)) is ("GB/T 19001-20160" in text)
    assert "".join(tk.cut(text)) == text          # tokens still concatenate back to the text (KWIC offsets)


def test_keywords_and_kwic_agree(tk):
    from analysis.keywords import tokenize_corpus

    arts = coerce_articles(pd.DataFrame({"title": ["甲", "乙"], "body": TEXTS[:2]}))
    top = tokenize_corpus(arts, tk, workers=1).top_terms(n=1000).set_index("term")
    assert (top.loc["GB/T 19001-2016", "count"], top.loc["GB/T 19001-2016", "documents"]) == (4, 2)
    assert (top.loc["ISO 9001", "count"], top.loc["ISO 9001", "documents"]) == (1, 1)
    assert "GB" not in top.index and "ISO" not in top.index
    rows = kwic(arts, "GB/T 19001-2016", width=4, tokenizer=tk)
    assert rows[["id", "left", "term", "right"]].values.tolist() == [
        [1, "检查依据", "GB/T 19001-2016", "开展的质"], [1, "。对未按", "GB/T 19001-2016", "要求实施"],
        [2, "系认证以", "GB/T 19001-2016", "为依据，"], [2, "业须符合", "GB/T 19001－2016", "。"]]


def test_without_the_user_word_the_code_is_split():
    plain = build_tokenizer(agencies=False)
    assert "GB/T 19001-2016" not in plain.terms(TEXTS[0])


def test_anchors_of_whole_words():
    """Each whole word's longest run, in its first part, of characters the pattern matches exactly (no case, not
    white space, not ``-``/``/``) and the run's offset; ``None`` when a word has none or there are too many."""
    from analysis.tokenizer import _MAX_ANCHORS, _anchors

    assert _anchors(["中央党校（国家行政学院）", "双随机、一公开"]) == (("中央党校（国家行政学院）", 0), ("双随机、一公开", 0))
    assert _anchors(["x国标-1 Ab", "国标", "Ｋ国家局", "ß国", "a/b-国x 9001"]) == (
        ("国标", 1), ("国标", 0), ("国家局", 1), ("国", 1), ("国", 4))
    assert _anchors(["12国标", "12国标 更长的部分"]) == (("12国标", 0),)   # (the first part only; once)
    assert _anchors(WORDS) is None      # GB/T, ISO: no caseless character before the first space
    assert _anchors(["ISO"]) is None and _anchors(["国标", "ÉTÉ"]) is None
    assert _anchors([f"标准{i}号" for i in range(_MAX_ANCHORS + 1)]) is None
    assert len(_anchors([f"标准{i}号" for i in range(_MAX_ANCHORS)])) == _MAX_ANCHORS


@pytest.mark.parametrize("words", [WORDS, ["中央党校（国家行政学院）", "双随机、一公开"], ["9001 ISO", "x国标-1 Ab"],
                                   ["国标", "国标-1", "标-1号", "a国标"]])
def test_whole_words_found_from_anchors_equal_the_scan(words):
    """The cut that tries the pattern at the anchors' occurrences only equals the cut that scans every position,
    on texts with the whole words in other cases, spacing and hyphen/slash forms, next to each other,
    overlapping, after a Latin letter, with only an anchor, and with none."""
    tk = build_tokenizer(user_words=words, agencies=False)
    assert (tk._anchors is None) is (words == WORDS)
    texts = [*TEXTS, "没有标准号的句子", "", "参照ＧＢ／Ｔ 19001－2016执行", "iso\t\t9001认证", "ISO9001", "9001",
             "中央党校（国家行政学院）举办", "中央党校(国家行政学院)", "推行双随机、一公开监管", "双随机一公开",
             "双随机、一公开双随机、一公开，双随机、一公开", "9001 iso 9001  ISO", "X国标－1\u3000ab", "x国标-1ab",
             "国标-1号", "国标国标-1", "a国标-1", "b国标", "标-1号国标", "国", "国标-1 AB"]
    got = [tk.cut(t) for t in texts]
    anchors, tk._anchors = tk._anchors, None
    assert got == [tk.cut(t) for t in texts]
    assert any(len(g) != len(tk._seg(t)) for g, t in zip(got, texts))   # a whole word was cut out somewhere
    if anchors is not None:
        tk._anchors = anchors
        assert [m.span() for t in texts for m in tk._whole_matches(t)] == [
            m.span() for t in texts for m in tk._whole.finditer(t)]
