"""``analysis.store.batch.tokenize_batch`` and ``analysis.segment.sorted_runs`` (its counts): exact terms, counts
and sequences of small batches, compared with the tokenizer's own per-text path (``WenjianTokenizer.term_sequence``)."""
from __future__ import annotations

import collections

import numpy as np
import pyarrow as pa
import pytest

from analysis.segment import sorted_runs
from analysis.store.batch import name_order, tokenize_batch
from analysis.tokenizer import BREAK, build_tokenizer


@pytest.mark.parametrize("key", [[], [7], [3, 3, 3], [5, 1, 5, 2, 1, 5], [0, 2, 1, 0, 2**31 - 1, 2**31 - 1],
                                 list(range(10, 0, -1)) * 3])
@pytest.mark.parametrize("dtype", [np.int32, np.int64])
def test_sorted_runs_of_a_stable_sort_equal_numpy_unique(key, dtype):
    arr = np.array(key, dtype=dtype)
    got, counts = sorted_runs(np.sort(arr, kind="stable"))
    want, want_counts = np.unique(arr, return_counts=True)
    assert got.tolist() == want.tolist() and counts.tolist() == want_counts.tolist()
    assert got.dtype == dtype
    assert sorted_runs(np.array([1, 1, 2, 5, 5, 5], dtype=dtype))[1].tolist() == [2, 1, 3]


def test_tokenize_batch_equals_the_per_text_terms():
    tk = build_tokenizer(agencies=False)
    titles = ["国务院召开常务会议", None, "", "质量基础设施", "😀"]
    bodies = ["研究部署食品安全工作。国务院常务会议指出，\n要推进质量基础设施建设。", "只有正文：计量、标准化", None, "", "。。。"]
    batch = pa.record_batch({"title": pa.array(titles, pa.string()), "body": pa.array(bodies, pa.string())})
    out = tokenize_batch(batch, tk.settings)
    vocab = out["vocab"]
    seqs = [tk.term_sequence(f"{t or ''}\n{b or ''}") for t, b in zip(titles, bodies)]
    for i, want in enumerate(seqs):
        got = out["seq"][out["offsets"][i]:out["offsets"][i + 1]].tolist()
        assert [None if x == BREAK else vocab[x] for x in got] == want
    pairs = [(d, vocab[t], n) for d, t, n in zip(out["doc"].tolist(), out["term"].tolist(), out["n"].tolist())]
    want_pairs = [(d, term, n) for d, s in enumerate(seqs)
                  for term, n in sorted(collections.Counter(x for x in s if x is not None).items())]
    assert pairs == want_pairs
    assert out["n_tokens"].tolist() == [sum(x is not None for x in s) for s in seqs]
    assert out["n_tokens"].tolist()[2:] == [0, 1, 0] and ("国务院", 2) in [(t, n) for d, t, n in pairs if d == 0]
    assert [out[k].dtype for k in ("doc", "term", "n", "n_tokens", "seq", "offsets")] == [
        np.int32, np.int32, np.int32, np.int64, np.int32, np.int64]


@pytest.mark.parametrize("names", [[], ["b"], ["国务院", "国", "", "Z", "a", "😀", "\uffff", "é", "e\u0301", "国务",
                                            "𠀀", "ａ", "A", "\x00", "ab", "aa"],
                                   ["b", "\ud800", "a", "\udfff国"]])
def test_name_order_is_pythons_sort(names):
    got = name_order(names)
    assert got.dtype == np.int64
    assert got.tolist() == sorted(range(len(names)), key=names.__getitem__)


def test_splice_mentions_replaces_the_rows_matched_again_in_row_order():
    from analysis.store.batch import splice_mentions

    old = {"doc": [0, 0, 2, 3, 3, 5], "agency": ["甲", "乙", "丙", "丁", "戊", "己"], "start": [1, 5, 2, 0, 9, 4]}
    # rows 2 and 3 again: 2 now has two mentions, 3 none; row 1 (none before) gains one
    new = {"doc": [1, 2, 2], "agency": ["庚", "辛", "壬"], "start": [7, 3, 8]}
    out = splice_mentions(old, [1, 2, 3], new)
    assert out == {"doc": [0, 0, 1, 2, 2, 5], "agency": ["甲", "乙", "庚", "辛", "壬", "己"], "start": [1, 5, 7, 3, 8, 4]}
    assert old["doc"] == [0, 0, 2, 3, 3, 5]                                  # not mutated
    assert splice_mentions(old, [], {"doc": [], "agency": [], "start": []}) == old
    empty = {"doc": [], "agency": [], "start": []}
    assert splice_mentions(old, [0, 2, 3, 5], empty) == empty                 # every row lost its mentions
    assert splice_mentions(empty, [4], {"doc": [4], "agency": ["甲"], "start": [0]}) == {
        "doc": [4], "agency": ["甲"], "start": [0]}
