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
