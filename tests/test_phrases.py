"""analysis.phrases: adjacent-term pairs, G² and PMI, exact rows."""
from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.errors import InvalidOption
from analysis.keywords import stack_corpora, tokenize_corpus
from analysis.phrases import bigram_pairs, phrases
from analysis.tokenizer import build_tokenizer
from tests.keyword_data import articles

ARTS = articles()


@pytest.fixture(scope="module")
def corpus():
    return tokenize_corpus(ARTS, build_tokenizer(agencies=False))


def test_pairs_only_between_adjacent_terms(corpus):
    codes, docs = bigram_pairs(corpus)
    v = len(corpus.vocab)
    pairs = [(corpus.vocab[c // v], corpus.vocab[c % v]) for c in codes]
    # article 2: 标准化 | 标准化 工作 和 计量 工作 协同 推进 — the title/body break and the stopword 和 stand
    # between terms that are therefore no pair
    assert [p for p, d in zip(pairs, docs) if d == 1] == [("标准化", "工作"), ("计量", "工作"), ("工作", "协同"),
                                                          ("协同", "推进")]
    assert np.bincount(docs).tolist() == [6, 4, 6, 1]


def test_phrase_rows_exact(corpus):
    out = phrases(corpus, min_count=2)
    assert out.to_dict("list") == {"phrase": ["高质量发展", "计量工作"], "first": ["高质量", "计量"],
                                   "second": ["发展", "工作"], "count": [2, 2], "documents": [1, 2],
                                   "llr": [12.3152, 4.82], "pmi": [3.0875, 1.9175]}
    # pmi of 高质量发展: N = 17 pairs, 高质量 starts 2, 发展 ends 2 → log2(17·2 / (2·2))
    assert out["pmi"].iat[0] == round(math.log2(17 * 2 / (2 * 2)), 4)


def test_mask_order_and_limits(corpus):
    assert phrases(corpus, np.array([True, True, False, False]), min_count=2)["phrase"].tolist() == ["计量工作"]
    assert phrases(corpus, np.array([True, False, False, False]), min_count=2).empty  # 计量工作 once there
    # by count both have 2: ties go by phrase (计 U+8BA1 before 高 U+9AD8), unlike the llr order above
    assert phrases(corpus, min_count=2, order="count", n=1)["phrase"].tolist() == ["计量工作"]
    assert phrases(corpus, min_count=3).empty
    with pytest.raises(InvalidOption, match="order"):
        phrases(corpus, order="tscore")
    with pytest.raises(InvalidOption, match="sequences"):
        phrases(stack_corpora([corpus]))
