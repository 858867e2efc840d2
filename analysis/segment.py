"""Segmenting a corpus into term-id sequences (``tokenize_chunk``), in this process or in a worker process
started with the same tokenizer settings (``start_worker``: a fresh Python, no fork of the threaded Streamlit
server; the result comes back pickled over a pipe). ``analysis.keywords.tokenize_corpus`` and the store's
batches (``analysis.store.batch``) call it; the tokenizer itself is ``analysis.tokenizer``."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import numpy as np

from analysis.tokenizer import BREAK, TokenizerSettings, WenjianTokenizer, clean_text

__all__ = ["tokenize_chunk", "start_worker"]

_WORKER_TOKENIZER: WenjianTokenizer | None = None


def tokenize_chunk(tk: WenjianTokenizer | TokenizerSettings, texts: Sequence[str]):
    """Segment ``texts``; returns (local vocabulary, term-id sequence with BREAKs, per-text offsets)."""
    global _WORKER_TOKENIZER
    if isinstance(tk, TokenizerSettings):  # in a worker process: build (once) from the settings
        if _WORKER_TOKENIZER is None or _WORKER_TOKENIZER.settings != tk:
            _WORKER_TOKENIZER = WenjianTokenizer(tk)
        tk = _WORKER_TOKENIZER
    cut, term_of = tk.cut, tk.term_of
    raw_ids: dict[str, int] = {}
    term_ids: dict[str, int] = {}
    raw_get = raw_ids.get
    seq = array("i")
    lengths = np.zeros(len(texts), dtype=np.int64)
    for k, text in enumerate(texts):
        toks = cut(clean_text(text))
        ids = list(map(raw_get, toks))
        if None in ids:  # tokens not seen before in this chunk: decide once
            for p, i in enumerate(ids):
                if i is None:
                    tok = toks[p]
                    i = raw_ids.get(tok)
                    if i is None:
                        t = term_of(tok)
                        i = BREAK if t is None else term_ids.setdefault(t, len(term_ids))
                        raw_ids[tok] = i
                    ids[p] = i
        seq.extend(cast("list[int]", ids))  # every None was replaced above
        lengths[k] = len(ids)
    arr = np.frombuffer(seq, dtype=np.int32) if len(seq) else np.zeros(0, dtype=np.int32)
    # collapse runs of BREAK and drop a BREAK that starts a text: [B, a, B, B, b, B] -> [a, B, b, B]
    starts = np.zeros(len(arr), dtype=bool)
    bounds = np.cumsum(lengths)[:-1]
    starts[bounds[bounds < len(arr)]] = True
    if len(arr):
        starts[0] = True
    prev_break = np.empty(len(arr), dtype=bool)
    prev_break[1:] = arr[:-1] == BREAK
    prev_break[starts] = True
    keep = ~((arr == BREAK) & prev_break)
    kept_before = np.concatenate([[0], np.cumsum(keep)])
    offsets = kept_before[np.concatenate([[0], np.cumsum(lengths)])].astype(np.int64)
    return list(term_ids), arr[keep].copy(), offsets


def _worker_main() -> None:
    """Entry point of a worker process: pickled ``(settings, texts)`` on stdin, pickled chunk on stdout."""
    settings, texts = pickle.load(sys.stdin.buffer)
    result = tokenize_chunk(settings, texts)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


class _Worker:
    """One segmentation job in a fresh ``python`` process (see :func:`start_worker`)."""

    def __init__(self, settings: TokenizerSettings, texts: Sequence[str]) -> None:
        self.settings, self.texts = settings, texts
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[1])
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        try:
            self.proc: subprocess.Popen | None = subprocess.Popen(
                [sys.executable, "-c", "from analysis.segment import _worker_main; _worker_main()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError:
            self.proc = None
            return
        payload = pickle.dumps((settings, list(texts)), protocol=pickle.HIGHEST_PROTOCOL)
        self._writer = threading.Thread(target=self._write, args=(payload,), daemon=True)
        self._writer.start()

    def _write(self, payload: bytes) -> None:
        proc = self.proc
        if proc is None or proc.stdin is None:
            return
        try:
            proc.stdin.write(payload)
            proc.stdin.close()
        except OSError:  # the worker died; result() redoes the work in-process
            pass

    def result(self):
        if self.proc is not None:
            try:
                out = self.proc.stdout.read()
                self._writer.join()
                if self.proc.wait() == 0 and out:
                    return pickle.loads(out)
            except (OSError, pickle.UnpicklingError, EOFError):
                pass
            finally:
                if self.proc.poll() is None:
                    self.proc.kill()
        return tokenize_chunk(self.settings, self.texts)


def start_worker(settings: TokenizerSettings, texts: Sequence[str]) -> _Worker:
    """Start segmenting ``texts`` in a fresh Python process; ``.result()`` waits for the chunk.

    A plain subprocess rather than ``multiprocessing``: forking the threaded Streamlit server can deadlock,
    and ``spawn`` re-runs the caller's main script when it lacks an ``if __name__ == "__main__"`` guard.
    """
    return _Worker(settings, texts)
