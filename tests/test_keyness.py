"""analysis.keyness: log-likelihood G² and log-odds with an informative prior, exact rows."""
from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.errors import InvalidOption
from analysis.keyness import keyness, log_likelihood, log_odds_prior
from analysis.keywords import tokenize_corpus
from analysis.tokenizer import build_tokenizer
from tests.keyword_data import articles

ARTS = articles()
A = ARTS["source"].eq("甲").to_numpy()  # articles 1 and 4: 17 terms
B = ARTS["source"].eq("乙").to_numpy()  # articles 2 and 3: 15 terms


@pytest.fixture(scope="module")
def corpus():
    return tokenize_corpus(ARTS, build_tokenizer(agencies=False))


def test_log_likelihood_by_hand():
    # 总局: 2 of 17 terms in A, 0 of 15 in B
    e_a, e_c, e_d = 17 * 2 / 32, 17 * 30 / 32, 15 * 30 / 32
    g2 = 2 * (2 * math.log(2 / e_a) + 15 * math.log(15 / e_c) + 15 * math.log(15 / e_d))
    assert log_likelihood(np.array([2]), np.array([0]), 17, 15)[0] == pytest.approx(g2)
    assert log_likelihood(np.array([0]), np.array([2]), 15, 17)[0] == pytest.approx(-g2)  # signed: B side
    assert log_likelihood(np.array([3]), np.array([3]), 10, 10)[0] == 0.0


def test_llr_rows_exact(corpus):
    out = keyness(corpus, A, B, n=2, min_count=1)
    assert out.to_dict("list") == {
        "term": ["总局", "质量基础设施", "发展", "高质量"], "side": ["A", "A", "B", "B"],
        "count_a": [2, 2, 0, 0], "count_b": [0, 0, 2, 2],
        "per_10k_a": [1176.471, 1176.471, 0.0, 0.0], "per_10k_b": [0.0, 0.0, 1333.333, 1333.333],
        "score": [2.6475, 2.6475, -3.1824, -3.1824]}


def test_min_count_and_log_odds(corpus):
    # terms seen 3+ times: 计量 (3 vs 1) leans to A; 标准化 (1 vs 3), 工作 and 推进 (1 vs 2) to B
    out = keyness(corpus, A, B, n=50, min_count=3)
    assert out[["term", "side"]].values.tolist() == [["计量", "A"], ["标准化", "B"], ["工作", "B"], ["推进", "B"]]
    lo = keyness(corpus, A, B, n=1, measure="logodds", min_count=1)
    assert lo["side"].tolist() == ["A", "B"]
    prior = corpus.counts()[0].astype(float)
    ca, cb = corpus.counts(A)[0], corpus.counts(B)[0]
    z = log_odds_prior(ca, cb, prior)
    assert lo["score"].tolist() == [round(z.max(), 4), round(z.min(), 4)]
    assert lo["term"].iat[0] == corpus.vocab[int(np.argmax(z))]


def test_bad_options(corpus):
    with pytest.raises(InvalidOption, match="measure.*'chi2'"):
        keyness(corpus, A, B, measure="chi2")
    with pytest.raises(InvalidOption, match="mask"):
        keyness(corpus, A[:2], B)
