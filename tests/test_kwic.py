"""analysis.kwic: every occurrence with exact left/right context, sorting, masks, token vs substring mode."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.errors import InvalidOption
from analysis.kwic import kwic
from analysis.tokenizer import build_tokenizer
from tests.keyword_data import articles

ARTS = articles()


@pytest.fixture(scope="module")
def tk():
    return build_tokenizer(agencies=False)


def test_substring_rows_exact():
    out = kwic(ARTS, "计量", width=4)
    assert out.to_dict("list") == {
        "id": [1, 1, 2, 4], "file": ["a.txt", "a.txt", "b.txt", "d.txt"],
        "left": ["总局推进", "量工作。", "化工作和", ""], "term": ["计量"] * 4,
        "right": ["工作。计", "是质量基", "工作协同", "标准化 "]}  # the title/body line break shows as a space


def test_token_mode_counts_whole_tokens_and_synonyms(tk):
    assert len(kwic(ARTS, "监管")) == 1  # substring: inside 市场监管总局
    assert kwic(ARTS, "监管", tokenizer=tk).empty  # never a token of its own
    syn = build_tokenizer(synonyms=[("市场监督管理", "市场监管")], agencies=False)
    out = kwic(ARTS, "市场监管", width=2, tokenizer=syn)
    assert out[["id", "left", "term", "right"]].values.tolist() == [
        [1, "", "市场监管", "总局"], [1, "国家", "市场监督管理", "总局"]]


def test_mask_sort_and_limit():
    mask = np.array([True, True, False, False])
    assert kwic(ARTS, "计量", width=4, mask=mask)["id"].tolist() == [1, 1, 2]
    assert kwic(ARTS, "计量", width=4, sort="right")["right"].tolist() == ["工作。计", "工作协同", "是质量基", "标准化 "]
    # left context read right to left, so the nearest character decides first: "" < 。(U+3002) < 和 < 进
    assert kwic(ARTS, "计量", width=4, sort="left")["left"].tolist() == ["", "量工作。", "化工作和", "总局推进"]
    assert len(kwic(ARTS, "计量", limit=2)) == 2
    assert list(kwic(ARTS, "不存在").columns) == ["id", "file", "left", "term", "right"]


def test_bad_input():
    with pytest.raises(InvalidOption, match="term"):
        kwic(ARTS, "  ")
    with pytest.raises(InvalidOption, match="width"):
        kwic(ARTS, "计量", width=-1)
    with pytest.raises(InvalidOption, match="sort.*'middle'"):
        kwic(ARTS, "计量", sort="middle")
    with pytest.raises(InvalidOption, match="mask"):
        kwic(ARTS, "计量", mask=np.ones(2, dtype=bool))


# --- modes (issue 13): whole word, token sequence, substring, regex -------------------------------------------
def test_split_phrase_found_as_token_sequence(tk):
    from analysis.kwic import effective_mode, pieces

    assert pieces("高质量发展", tk) == ["高质量", "发展"]
    assert effective_mode("高质量发展", "token", tk) == "sequence"
    assert effective_mode("计量", "token", tk) == "token"
    out = kwic(ARTS, "高质量发展", width=2, tokenizer=tk, mode="token")
    assert out[["id", "left", "term", "right"]].values.tolist() == [[3, "推进", "高质量发展", ",高"],
                                                                    [3, "展,", "高质量发展", "离不"]]
    # a sequence must start and end on token boundaries: 量工 inside 计量|工作 is no occurrence
    assert kwic(ARTS, "量工", tokenizer=tk, mode="token").empty
    assert kwic(ARTS, "量工", mode="substring")["id"].tolist() == [1, 2]


def test_counts_side_by_side(tk):
    from analysis.kwic import match_counts, occurrences

    assert match_counts(ARTS, "质量", tokenizer=tk) == {
        "term": "质量", "word_mode": "token", "pieces": ["质量"], "left_out": None, "token": 0, "token_docs": 0,
        "substring": 4, "substring_docs": 3}
    assert occurrences(ARTS, "质量", "substring").tolist() == [1, 0, 2, 1]
    mask = np.array([True, False, True, False])
    assert occurrences(ARTS, "计量", "token", tokenizer=tk, mask=mask).tolist() == [2, 0, 0, 0]
    c = match_counts(ARTS, "计量", tokenizer=tk, mask=mask, token_vector=np.array([9, 9, 9, 9]))
    assert (c["token"], c["token_docs"], c["substring"]) == (18, 2, 2)  # the given vector is used, masked


def test_regex_mode():
    out = kwic(ARTS, "计量|标准化", width=1, mode="regex")
    assert out["term"].tolist() == ["计量", "计量", "标准化", "标准化", "计量", "标准化", "计量", "标准化"]
    assert out["id"].tolist() == [1, 1, 2, 2, 2, 3, 4, 4]
    assert kwic(ARTS, "x*", mode="regex").empty          # empty matches are no occurrences
    with pytest.raises(InvalidOption, match="正则表达式无效.*missing \\)"):
        kwic(ARTS, "(计量", mode="regex")
    with pytest.raises(InvalidOption, match="mode.*'fuzzy'"):
        kwic(ARTS, "计量", mode="fuzzy")
    with pytest.raises(InvalidOption, match="tokenizer"):
        kwic(ARTS, "计量", mode="token")


def test_details_and_date_sort(tk):
    rev = ARTS.iloc[::-1].reset_index(drop=True)
    out = kwic(rev, "标准化", width=1, mode="substring", details=True)
    assert list(out.columns) == ["id", "title", "date", "source", "file", "left", "term", "right", "url"]
    assert out["id"].tolist() == [4, 3, 2, 2]
    by_date = kwic(rev, "标准化", width=1, mode="substring", details=True, sort="date")
    assert by_date["id"].tolist() == [2, 2, 3, 4]
    assert by_date["date"].dt.strftime("%Y-%m-%d").fillna("—").tolist() == ["2024-02-10", "2024-02-10", "2024-02-20", "—"]
    assert by_date[["title", "source", "url"]].values.tolist()[2] == ["", "乙", ""]
    assert list(kwic(rev, "无此词", details=True).columns)[:4] == ["id", "title", "date", "source"]


def test_matched_corpus_charts_split_phrases(tk):
    from analysis.keywords import tokenize_corpus
    from analysis.kwic import MatchedCorpus
    from analysis.timeline import term_series

    corpus = tokenize_corpus(ARTS, tk)
    assert not term_series(ARTS, corpus, ["高质量发展"], freq="month").counts["高质量发展"].any()  # the old "not found"
    tl = term_series(ARTS, MatchedCorpus(ARTS, corpus, tk, "token"), ["高质量发展", "计量"], freq="month")
    assert tl.table[["period", "高质量发展", "计量"]].values.tolist() == [["2024-01", 0, 2], ["2024-02", 2, 1]]
    sub = term_series(ARTS, MatchedCorpus(ARTS, corpus, tk, "substring"), ["质量"], freq="month")
    assert sub.table["质量"].tolist() == [1, 2]   # the undated article's 质量 is counted apart
    with pytest.raises(InvalidOption, match="mode"):
        MatchedCorpus(ARTS, corpus, tk, "words")


# --- the real corpora (issue 13's numbers) ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def full_tk():
    return build_tokenizer()


def _load(path):
    from analysis.filters import Filters, filter_mask
    from analysis.kwic import article_texts
    from analysis.loaders import LoadOptions, load_paths

    arts = load_paths([str(path)], LoadOptions()).articles
    return arts, filter_mask(arts, Filters()), article_texts(arts)


def test_hebei_digital_renminbi_87(shared, full_tk):
    from analysis.kwic import match_counts

    arts, mask, texts = _load(shared / "corpora/hebei_gov/6工业和信息化厅-政府信息公开__产业政策.csv")
    # 数字人民币 is one dictionary word (data/domain_terms.txt) since session terms: one token, no longer the
    # sequence 数字 + 人民币 — the count stays the substring count
    assert len(kwic(arts, "数字人民币", mask=mask, tokenizer=full_tk, texts=texts)) == 87
    assert len(kwic(arts, "数字人民币", mask=mask, mode="substring", texts=texts)) == 87
    c = match_counts(arts, "数字人民币", tokenizer=full_tk, mask=mask, texts=texts)
    assert (c["word_mode"], c["pieces"], c["token"], c["substring"]) == ("token", ["数字人民币"], 87, 87)


def test_cctv_reform_and_sci_tech_innovation(shared, full_tk):
    from analysis.kwic import match_counts

    arts, mask, texts = _load(shared / "corpora/cctv_xwlb/articles.jsonl")
    c = match_counts(arts, "改革", tokenizer=full_tk, mask=mask, texts=texts)
    assert (c["word_mode"], c["token"], c["substring"], c["token_docs"], c["substring_docs"]) == \
        ("token", 2736, 5215, 1327, 2257)
    c = match_counts(arts, "科技创新", tokenizer=full_tk, mask=mask, texts=texts)
    assert (c["word_mode"], c["token"], c["substring"]) == ("sequence", 1756, 1791)
    # the 时间线 term view no longer says "not found": the split phrase is counted per period
    from analysis.kwic import MatchedCorpus
    from analysis.timeline import term_series

    for mode, total in (("token", 1756), ("substring", 1791)):
        tl = term_series(arts, MatchedCorpus(arts, None, full_tk, mode, texts), ["科技创新"], mask, "year")
        assert tl.table["科技创新"].sum() + tl.undated["科技创新"] == total


def test_containing_words_names_what_whole_words_leave_out(tk):
    from analysis.kwic import article_texts, containing_words

    texts = article_texts(ARTS)
    assert containing_words("质量", texts, tk) == ["质量基础设施", "高质量"]   # 2 each: by code point
    assert containing_words("质量", texts, tk, np.array([True, False, False, False])) == ["质量基础设施"]
    assert containing_words("计量", texts, tk) == []        # always a word of its own here
