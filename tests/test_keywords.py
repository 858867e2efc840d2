"""analysis.keywords: the tokenized corpus, top terms with exact counts, breakdowns, stacking, word cloud."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from analysis import keywords
from analysis.errors import InvalidOption
from analysis.figures.keywords import cjk_font_path, top_terms_figure, word_cloud, word_cloud_png
from analysis.keywords import stack_corpora, terms_by, tokenize_corpus
from analysis.tokenizer import build_tokenizer
from tests.keyword_data import articles

ARTS = articles()


@pytest.fixture(scope="module")
def tk():
    return build_tokenizer(agencies=False)


@pytest.fixture(scope="module")
def corpus(tk):
    return tokenize_corpus(ARTS, tk)


def test_document_term_matrix(corpus):
    assert corpus.dtm.shape == (4, 18)
    assert corpus.doc_lengths.tolist() == [14, 7, 8, 3]
    assert corpus.term_vector("计量").tolist() == [2, 1, 0, 1]
    assert corpus.term_vector("总局").tolist() == [2, 0, 0, 0]
    assert corpus.term_vector("不存在的词").tolist() == [0, 0, 0, 0]
    assert corpus.term_vector("的").tolist() == [0, 0, 0, 0]  # stopwords are not in the vocabulary
    assert corpus.index["计量"] == corpus.vocab.index("计量")
    assert corpus.dtm.sum(axis=1).A1.tolist() == corpus.doc_lengths.tolist()
    assert corpus.offsets.tolist() == [0, 22, 32, 42, 46]


def test_top_terms_exact(corpus):
    top = corpus.top_terms(n=5)
    assert list(top.columns) == ["term", "count", "documents", "tfidf"]
    assert top.to_dict("list") == {
        "term": ["标准化", "计量", "推进", "工作", "质量基础设施"], "count": [4, 4, 3, 3, 2],
        "documents": [3, 3, 3, 2, 2], "tfidf": [4.8926, 4.8926, 3.6694, 4.5325, 3.0217]}
    # tfidf = count * (ln((1 + N) / (1 + documents)) + 1), N = 4 selected articles
    assert top["tfidf"].iat[0] == round(4 * (np.log(5 / 4) + 1), 4)
    assert len(corpus.top_terms(n=100)) == 18 and corpus.top_terms(n=0).empty


def test_top_terms_follow_a_mask(corpus):
    mask = np.array([False, True, True, False])
    assert corpus.top_terms(mask, 3).to_dict("list") == {
        "term": ["标准化", "推进", "发展"], "count": [3, 2, 2], "documents": [2, 2, 1], "tfidf": [3.0, 2.0, 2.8109]}
    assert corpus.top_terms(np.zeros(4, dtype=bool)).empty
    with pytest.raises(InvalidOption, match="mask"):
        corpus.top_terms(np.ones(3, dtype=bool))
    with pytest.raises(InvalidOption, match="'n'|n "):
        corpus.top_terms(n=-1)


def test_synonyms_merge_and_term_vector_finds_both_names():
    tk = build_tokenizer(synonyms=[("市场监督管理", "市场监管")], agencies=False)
    c = tokenize_corpus(ARTS, tk)
    assert "市场监督管理" not in c.index
    assert c.term_vector("市场监督管理").tolist() == c.term_vector("市场监管").tolist() == [2, 0, 0, 0]


def test_parallel_tokenization_equals_serial(tk, corpus, monkeypatch):
    monkeypatch.setattr(keywords, "PARALLEL_MIN_CHARS", 0)
    par = tokenize_corpus(ARTS, tk, workers=2)  # article 1 here, articles 2-4 in a worker process
    assert par.vocab == corpus.vocab
    assert (par.dtm != corpus.dtm).nnz == 0
    assert par.sequence.tolist() == corpus.sequence.tolist() and par.offsets.tolist() == corpus.offsets.tolist()
    with pytest.raises(InvalidOption, match="workers"):
        tokenize_corpus(ARTS, tk, workers=0)


def test_empty_and_blank_articles(tk):
    empty = tokenize_corpus(ARTS.iloc[:0], tk)
    assert empty.dtm.shape == (0, 0) and empty.top_terms().empty
    blank = tokenize_corpus(pd.DataFrame({"title": ["", "的。"], "body": ["", "2024"]}), tk)
    assert blank.doc_lengths.tolist() == [0, 0] and blank.top_terms().empty


def test_stack_corpora(corpus, tk):
    other = tokenize_corpus(ARTS.iloc[[2]], tk)
    big = stack_corpora([corpus, other, corpus])
    assert big.n_docs == 9
    assert big.term_vector("高质量").tolist() == [0, 0, 2, 0, 2, 0, 0, 2, 0]
    assert big.top_terms(n=1).to_dict("list")["count"] == [9]  # 标准化: 4 + 1 + 4


def test_terms_by_source_and_period(corpus):
    by_source = terms_by(ARTS, corpus, "source", n=3)
    assert by_source.to_dict("list") == {
        "group": ["乙"] * 3 + ["甲"] * 3, "term": ["标准化", "计量", "推进"] * 2,
        "count": [3, 1, 2, 1, 3, 1], "documents": [2, 1, 2, 1, 2, 1]}
    by_month = terms_by(ARTS, corpus, "period", freq="month", terms=["推进", "计量"])  # undated row 4 left out
    assert by_month.to_dict("list") == {"group": ["2024-01", "2024-01", "2024-02", "2024-02"],
                                        "term": ["推进", "计量"] * 2, "count": [1, 2, 2, 1],
                                        "documents": [1, 1, 2, 1]}
    with pytest.raises(InvalidOption, match="freq"):
        terms_by(ARTS, corpus, "period", freq="fortnight")
    with pytest.raises(InvalidOption, match="by"):
        terms_by(ARTS, corpus, "author")


def test_figure_and_word_cloud(corpus):
    top = corpus.top_terms(n=5)
    fig = top_terms_figure(top)
    assert list(fig.data[0].y) == list(top["term"][::-1]) and fig.layout.template.layout.paper_bgcolor == "white"
    png = word_cloud_png(top, width=160, height=80)  # one render: word clouds cost ≈ 1-5 s
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    img = np.asarray(Image.open(io.BytesIO(png)))
    assert img.shape == (80, 160, 3) and (img < 250).any()
    assert word_cloud({}, width=20, height=10).min() == 255  # nothing to draw: a white image


def test_cjk_font_has_chinese_glyphs():
    from PIL import ImageFont

    font = ImageFont.truetype(cjk_font_path(), 40)
    assert font.getbbox("计")[2] > 20  # a real glyph, not a zero-width box


def test_split_gives_this_process_a_larger_share():
    # the worker first starts Python and rebuilds the tokenizer, so this process takes 60 % of 2 parts
    assert keywords._split(["ab"] * 10, 2) == [(0, 6), (6, 10)]
    assert keywords._split(["ab"] * 10, 1) == [(0, 10)]
    assert keywords._split(["ab"] * 10, 3) == [(0, 4), (4, 7), (7, 10)]


def test_top_terms_figure_carries_the_term_for_drill_down():
    import pandas as pd

    top = pd.DataFrame({"term": ["计量", "标准化"], "count": [5, 3], "documents": [2, 1], "tfidf": [1.0, 0.5]})
    fig = top_terms_figure(top)
    assert [list(c) for c in fig.data[0].customdata] == [["标准化", 1], ["计量", 2]]
    assert list(fig.data[0].y) == ["标准化", "计量"]


def test_group_table_keeps_integer_counts_and_orders():
    from analysis.keywords import group_table
    long = pd.DataFrame({"group": ["2024-02", "2024-02", "2024-01"], "term": ["计量", "标准", "标准"],
                         "count": [3, 1, 2], "documents": [2, 1, 1]})
    wide = group_table(long)
    assert wide.columns.tolist() == ["group", "计量", "标准"]          # the long table's term order
    assert wide["group"].tolist() == ["2024-02", "2024-01"]            # and group order
    assert wide["计量"].tolist() == [3, 0] and wide["标准"].tolist() == [1, 2]
    assert all(str(wide[c].dtype) == "int64" for c in ("计量", "标准"))
    empty = long.iloc[:0]
    assert group_table(empty).equals(empty) and group_table(empty) is not empty
