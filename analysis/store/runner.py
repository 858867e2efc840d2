"""Runners of the batch pipeline: where :mod:`analysis.store.batch` functions run.

- :class:`LocalRunner` (default): this process for one worker or one item, else a local process pool
  (``spawn`` start method: no fork of a threaded server; each worker builds the tokenizer and the agency
  matcher once from picklable settings).
- :class:`DaskRunner`: a Dask distributed cluster (``WENJIAN_DASK_SCHEDULER`` or ``--scheduler
  tcp://host:8786``; ``dask scheduler`` / ``dask worker`` start one — see the README). Workers need this
  project importable (same code and data folder) and, for ingest of files, the input paths readable.

Both call ``fn(item, *args)`` for every item and return the results **in item order**, calling
``on_event(Event)`` after each finished item — the progress events of the app's bar and the CLI — and, when
given, ``on_result(index, result)`` first (in this process, in finishing order: the caller can start its own
work on a finished item while the workers run the others).
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing as mp
import os
import pickle
import sys
import types
from pathlib import Path
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any

from analysis.errors import InvalidOption

#: Environment variable: the Dask scheduler address used when no ``--scheduler`` is given.
ENV_SCHEDULER = "WENJIAN_DASK_SCHEDULER"


@dataclass(frozen=True)
class Event:
    """Progress: ``done`` of ``total`` items of ``stage`` finished (``stage``: read / analyze / write …)."""

    stage: str
    done: int
    total: int


def no_progress(event: Event) -> None:
    """The default ``on_event`` of every runner and store build: ignores the progress ``event`` (returns None).

    Pass your own ``Callable[[Event], None]`` to show progress (the CLI's ``ingest`` prints one line per
    event)."""
    return None


#: In a local pool worker: the unpickled shared arguments of the current ``map`` call (key → args).
_SHARED: dict[str, tuple] = {}


def shared_key(blob: bytes) -> str:
    """The key of pickled shared arguments ``blob`` (a digest of the bytes): equal arguments, equal key."""
    return hashlib.blake2b(blob, digest_size=16).hexdigest()


def _call_shared(item: Any, fn: Callable, key: str, blob: bytes) -> Any:
    """``fn(item, *args)`` in a pool worker, ``args`` unpickled from ``blob`` once per worker and distinct
    arguments (``key = shared_key(blob)``): the ingest's analysis settings pickle to ≈ 7 MB (the tokenizer's
    word list), ≈ 0.05 s to unpickle (``scripts/bench_upload_workers.py`` prints the rest of a worker's CPU),
    which every task paid before — and, keyed by content, the next upload with the same settings does not pay
    it again (the worker keeps the same settings object, so its tokenizer's check is an identity test)."""
    args = _SHARED.get(key)
    if args is None:
        _SHARED.clear()
        args = _SHARED[key] = pickle.loads(blob)
    # no cyclic garbage collection during the task (a pool worker runs one at a time; the collector is on again
    # after it, as before): ≈ 130 collections of the objects a CCTV upload's batch creates — the agency matcher's
    # mentions, the tokenizer's caches — cost its 2 workers ≈ 0.09 CPU-s (gc.callbacks, /tmp/tokperf2/gcprobe.py)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return fn(item, *args)
    finally:
        if was_enabled:
            gc.enable()


class LocalRunner:
    """This machine: ``workers`` processes (default: the CPU count); 1 runs everything in this process.

    The process pool is started by the first ``map`` that needs it and kept for the next ones (the workers
    keep their tokenizer and agency matcher), until :meth:`close`."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, int(workers or os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable, items: Sequence, *args: Any, stage: str = "analyze",
            on_event: Callable[[Event], None] = no_progress,
            on_result: Callable[[int, Any], None] | None = None) -> list:
        n = len(items)
        if self.workers == 1 or n <= 1:
            out = []
            for i, item in enumerate(items):
                out.append(fn(item, *args))
                if on_result is not None:
                    on_result(i, out[-1])
                on_event(Event(stage, i + 1, n))
            return out
        starting = self._pool is None
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=mp.get_context("spawn"))
        results: list = [None] * n
        blob = pickle.dumps(args, protocol=pickle.HIGHEST_PROTOCOL)  # pickled once per map
        key = shared_key(blob)
        # the workers start during the first map's submits: without the parent's main script (bare_main)
        with bare_main() if starting else contextlib.nullcontext():
            futures = {self._pool.submit(_call_shared, item, fn, key, blob): i for i, item in enumerate(items)}
        try:
            for done, fut in enumerate(as_completed(futures), 1):
                results[futures[fut]] = fut.result()
                if on_result is not None:
                    on_result(futures[fut], results[futures[fut]])
                on_event(Event(stage, done, n))
        except BaseException:
            for fut in futures:
                fut.cancel()
            raise
        return results

    @property
    def started(self) -> bool:
        """True when the process pool is running (its workers started by an earlier ``map``)."""
        return self._pool is not None

    def close(self) -> None:
        """Stop the process pool (the runner stays usable: a later ``map`` starts a new one)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskRunner:
    """A Dask distributed cluster at ``address`` (``tcp://host:port``), or an existing ``distributed.Client``."""

    name = "dask"

    def __init__(self, address: str | None = None, *, client: Any = None, timeout: float = 20) -> None:
        try:
            from distributed import Client
        except ImportError as exc:  # pragma: no cover - dask[distributed] is a requirement
            raise InvalidOption.of("dask.not_installed") from exc
        self._own = client is None
        if client is None:
            try:
                client = Client(address, timeout=timeout)
            except (OSError, TimeoutError) as exc:
                raise InvalidOption.of("dask.unreachable", address=address, exc=exc) from None
        self.client = client
        self._checked = False

    def check_code(self, timeout: float = 60) -> None:
        """Check once that the scheduler and every worker import this project's code, the same files as here
        (:func:`code_digest`): the scheduler unpickles the task graph and the workers run the tasks, so both
        need the project on their Python path. Raises ``InvalidOption`` (``dask.no_code`` when one of them
        cannot import it, ``dask.other_code`` when one runs other files, ``dask.no_workers`` when none is
        connected) — never a traceback from deep inside the cluster, never a wait for a worker that cannot
        run anything (tester s14 D1)."""
        if self._checked:
            return
        here = code_digest()
        try:
            scheduler = self.client.run_on_scheduler(code_digest)
            workers = self.client.run(code_digest)
        except Exception as exc:  # noqa: BLE001 - any failure to unpickle/run the probe: the code is missing
            raise InvalidOption.of("dask.no_code", exc=_first_line(exc)) from None
        if not workers:
            raise InvalidOption.of("dask.no_workers")
        other = sorted(addr for addr, digest in {"scheduler": scheduler, **workers}.items() if digest != here)
        if other:
            raise InvalidOption.of("dask.other_code", where=", ".join(other))
        self._checked = True

    def map(self, fn: Callable, items: Sequence, *args: Any, stage: str = "analyze",
            on_event: Callable[[Event], None] = no_progress,
            on_result: Callable[[int, Any], None] | None = None) -> list:
        from distributed import as_completed as dask_completed

        n = len(items)
        if n == 0:
            return []
        self.check_code()
        # the arguments every task shares go to each worker once (the analysis settings are ≈ 7 MB: sent
        # inside every task they went through the scheduler and were unpickled 100 times at 1M articles)
        shared = self.client.scatter(list(args), broadcast=True, hash=False) if args else []
        futures = [self.client.submit(fn, item, *shared, pure=False) for item in items]
        index = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * n
        for done, (fut, result) in enumerate(dask_completed(futures, with_results=True), 1):
            i = index[fut.key]
            results[i] = result
            fut.release()  # the worker may drop its copy now
            if on_result is not None:
                on_result(i, result)
            on_event(Event(stage, done, n))
        return results

    def close(self) -> None:
        if self._own:
            self.client.close()


@contextlib.contextmanager
def bare_main() -> Iterator[None]:
    """While new ``spawn`` workers start: ``multiprocessing`` re-runs the parent's main script in each new
    process (``spawn.prepare``: the ``__file__`` of ``sys.modules["__main__"]``) — under Streamlit ``app.py``
    (the whole app, a second warm-up), under a test runner whatever script ran last (an AppTest's temporary
    script failed a pool's start with ``NameError: __args``: CI dry run, 30 Nov). A bare ``__main__`` module (no
    file, no spec) gives the workers nothing to re-run; the functions they run are imported by name."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def code_digest() -> str:
    """A digest of this project's Python files under ``analysis/`` and its ``data/`` files (names and bytes):
    equal on every machine running the same version of the project. Run on the Dask scheduler and workers by
    :meth:`DaskRunner.check_code`."""
    root = Path(__file__).resolve().parents[2]
    h = hashlib.blake2b(digest_size=12)
    for p in sorted([*(root / "analysis").rglob("*.py"), *(root / "data").glob("*")]):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def _first_line(exc: BaseException) -> str:
    """``Type: message`` of ``exc``, its first line only (a cluster's errors carry whole tracebacks)."""
    text = f"{type(exc).__name__}: {exc}".strip()
    return text.splitlines()[0][:300] if text else type(exc).__name__


def make_runner(scheduler: str | None = None, workers: int | None = None, *,
                timeout: float = 20) -> LocalRunner | DaskRunner:
    """:class:`DaskRunner` when ``scheduler`` (or ``$WENJIAN_DASK_SCHEDULER``) is set, else :class:`LocalRunner`
    (``timeout``: seconds to wait for the scheduler)."""
    address = (scheduler or os.environ.get(ENV_SCHEDULER, "")).strip()
    return DaskRunner(address, timeout=timeout) if address else LocalRunner(workers)
