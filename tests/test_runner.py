"""``analysis.store.runner``: the shared arguments of a pool ``map`` are unpickled once per worker and distinct
arguments (keyed by a digest of their bytes), so a later map with the same settings reuses them."""
from __future__ import annotations

import pickle

from analysis.store import runner as R


def _args_of(item, *args):
    return item, args


def test_shared_key_is_a_digest_of_the_bytes():
    a = pickle.dumps(({"words": ("国务院", "商务部")},))
    assert R.shared_key(a) == R.shared_key(bytes(a))
    assert len(R.shared_key(a)) == 32
    assert R.shared_key(a) != R.shared_key(pickle.dumps(({"words": ("国务院",)},)))


def test_equal_arguments_are_unpickled_once(monkeypatch):
    monkeypatch.setattr(R, "_SHARED", {})
    blob = pickle.dumps((["设置"], 7))
    key = R.shared_key(blob)
    item, first = R._call_shared(1, _args_of, key, blob)
    assert (item, first) == (1, (["设置"], 7))
    _, again = R._call_shared(2, _args_of, R.shared_key(pickle.dumps((["设置"], 7))), pickle.dumps((["设置"], 7)))
    assert again[0] is first[0]  # the next map with the same arguments: not unpickled again
    other_blob = pickle.dumps((["别的"], 8))
    _, other = R._call_shared(3, _args_of, R.shared_key(other_blob), other_blob)
    assert other == (["别的"], 8) and other[0] is not first[0]
    assert list(R._SHARED) == [R.shared_key(other_blob)]  # only the current arguments are kept


def test_a_pool_map_returns_results_in_item_order():
    runner = R.LocalRunner(2)
    try:
        got = runner.map(_args_of, [3, 1, 2], "共享")
        assert got == [(3, ("共享",)), (1, ("共享",)), (2, ("共享",))]
        assert runner.map(_args_of, [5], "共享") == [(5, ("共享",))]
    finally:
        runner.close()
