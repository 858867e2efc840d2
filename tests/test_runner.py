"""``analysis.store.runner``: the shared arguments of a pool ``map`` are unpickled once per worker and distinct
arguments (keyed by a digest of their bytes), so a later map with the same settings reuses them."""
from __future__ import annotations

import gc
import pickle
import sys

import pytest

from analysis.errors import InvalidOption
from analysis.store import runner as R
from analysis.store.runner import DaskRunner, code_digest


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


def _gc_state(item, *args):
    if item == "fail":
        raise ValueError("任务失败")
    return gc.isenabled()


def test_a_task_runs_without_garbage_collection(monkeypatch):
    """The collector is off during a task and on again after it — after a failing task too — unless it was off
    before (then it stays off)."""
    monkeypatch.setattr(R, "_SHARED", {})
    blob = pickle.dumps(("设置",))
    assert gc.isenabled()
    assert R._call_shared("ok", _gc_state, R.shared_key(blob), blob) is False
    assert gc.isenabled()
    with pytest.raises(ValueError, match="任务失败"):
        R._call_shared("fail", _gc_state, R.shared_key(blob), blob)
    assert gc.isenabled()
    gc.disable()
    try:
        assert R._call_shared("ok", _gc_state, R.shared_key(blob), blob) is False
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_pool_map_returns_results_in_item_order():
    runner = R.LocalRunner(2)
    try:
        got = runner.map(_args_of, [3, 1, 2], "共享")
        assert got == [(3, ("共享",)), (1, ("共享",)), (2, ("共享",))]
        assert runner.map(_args_of, [5], "共享") == [(5, ("共享",))]
    finally:
        runner.close()


class _FakeClient:
    """What DaskRunner.check_code asks of a distributed.Client: the probe's result on the scheduler and workers."""

    def __init__(self, scheduler, workers, fail: BaseException | None = None) -> None:
        self.scheduler, self.workers, self.fail, self.calls = scheduler, workers, fail, 0

    def run_on_scheduler(self, fn):
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        return self.scheduler

    def run(self, fn):
        return self.workers


def test_code_digest_is_stable_and_covers_the_code():
    assert code_digest() == code_digest() and len(code_digest()) == 24


def test_dask_check_code_accepts_the_same_code_once():
    here = code_digest()
    client = _FakeClient(here, {"tcp://127.0.0.1:1": here, "tcp://127.0.0.1:2": here})
    runner = DaskRunner(client=client)
    runner.check_code()
    runner.check_code()
    assert client.calls == 1   # checked once per runner


@pytest.mark.parametrize("scheduler, workers, fail, code, text", [
    (None, {}, RuntimeError("Error during deserialization of the task graph.\nmore lines"), "dask.no_code",
     "RuntimeError: Error during deserialization of the task graph."),
    (None, {}, ModuleNotFoundError("No module named 'analysis'"), "dask.no_code",
     "ModuleNotFoundError: No module named 'analysis'"),
    ("HERE", {}, None, "dask.no_workers", "has no workers"),
    ("HERE", {"tcp://127.0.0.1:2": "OTHER", "tcp://127.0.0.1:1": "HERE"}, None, "dask.other_code", "tcp://127.0.0.1:2"),
    ("OTHER", {"tcp://127.0.0.1:1": "HERE"}, None, "dask.other_code", "runs on scheduler of"),
])
def test_dask_check_code_refuses_a_cluster_without_this_code(scheduler, workers, fail, code, text):
    here = code_digest()
    swap = {"HERE": here, "OTHER": "0" * 24}
    client = _FakeClient(swap.get(scheduler, scheduler), {a: swap[d] for a, d in workers.items()}, fail)
    with pytest.raises(InvalidOption) as err:
        DaskRunner(client=client).check_code()
    assert err.value.code == code and text in str(err.value)
    assert "Traceback" not in str(err.value) and "more lines" not in str(err.value)


def test_a_pool_starts_without_the_parents_main_script(tmp_path, monkeypatch):
    """A spawn worker re-runs the parent's ``__main__`` file: a script that cannot run there (an AppTest's
    temporary script did in a CI dry run) must not break the pool — its workers start with a bare main."""
    import types
    script = tmp_path / "main_script.py"
    script.write_text("raise SystemExit('the parent main script was re-run in a worker')\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    runner = R.LocalRunner(2)
    try:
        assert runner.map(_args_of, [2, 1], "共享") == [(2, ("共享",)), (1, ("共享",))]
    finally:
        runner.close()
    assert sys.modules["__main__"] is main   # restored
