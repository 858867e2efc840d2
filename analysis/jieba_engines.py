"""The segmentation engines of ``analysis.tokenizer`` and the project's word lists they are built with.

- the word lists: ``data/stopwords.txt``, ``data/domain_terms.txt`` (:func:`read_word_list`) and every agency
  name and alias (:func:`agency_words`, cached on disk); :func:`base_dictionary` gives both, read once per process;
- the engines: :func:`make_segmenter` builds a dedicated **rjieba** (the jieba-rs binding, the fast path) or
  **jieba** (precise mode, the reference and fallback) segmenter with a word list added (never jieba's global
  one, never ``jieba.set_dictionary``); both add each word with jieba's suggested frequency, so they give the
  same tokens (``scripts/bench_keywords.py`` measures the agreement). The frequencies are cached in the temp
  folder, which a fresh worker process reads instead of computing them.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from array import array
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis import agency_table
from analysis.errors import invalid_option

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
DOMAIN_TERMS_FILE = DATA_DIR / "domain_terms.txt"

Engine = Literal["auto", "rjieba", "jieba"]
ENGINES: tuple[str, ...] = ("auto", "rjieba", "jieba")


def read_word_list(path: Path) -> list[str]:
    """Lines of a UTF-8 word list; ``#`` starts a comment line; blank lines ignored; order kept."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        word = line.strip()
        if word:
            out.append(word)
    return out


def agency_words() -> list[str]:
    """Every agency name and alias for the dictionary.

    ``analysis.agency_table.tokenizer_words()`` (≈ 1.5 s: it generates ≈ 150k regional names), cached in the temp
    folder keyed by the size and mtime of the agency module and of every file in ``data/`` and the user folder
    it may read, so worker processes and later runs read ≈ 3 MB of text instead.
    """
    sources = [Path(agency_table.__file__)] + sorted(DATA_DIR.glob("*.csv"))
    if agency_table.user_dir().is_dir():
        sources += sorted(agency_table.user_dir().glob("*.csv"))
    h = hashlib.blake2b(digest_size=10)
    for p in sources:
        st = p.stat()
        h.update(f"{p}\x1f{st.st_size}\x1f{st.st_mtime_ns}\x1e".encode())
    cache = Path(tempfile.gettempdir()) / f"wenjian_agency_words_{h.hexdigest()}.txt"
    try:
        return cache.read_text(encoding="utf-8").split("\n")
    except OSError:
        pass
    words = [w for w in agency_table.tokenizer_words() if w and "\n" not in w]
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".wenjian_agency_words.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(words))
        os.replace(tmp, cache)
    except OSError:
        pass
    return words


@lru_cache(maxsize=2)
def base_dictionary(agencies: bool = True) -> tuple[tuple[str, ...], frozenset[str]]:
    """(project words, project stopwords), read once per process."""
    words = tuple(dict.fromkeys((agency_words() if agencies else []) + read_word_list(DOMAIN_TERMS_FILE)))
    return words, frozenset(read_word_list(STOPWORDS_FILE))


def auto_engine() -> str:
    """The engine ``engine="auto"`` uses in this process: ``rjieba`` when it is installed, else ``jieba``."""
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


def make_segmenter(words: Sequence[str], engine: str):
    """``(cut, engine used)``: ``cut(text) -> list[str]`` gives the precise-mode tokens (HMM on) of a dedicated
    segmenter with ``words`` added. ``engine``: ``"auto"`` (rjieba when installed, else jieba), ``"rjieba"``
    (raises ``ImportError`` when it is not installed) or ``"jieba"``; anything else raises ``InvalidOption``."""
    if engine not in ENGINES:
        raise invalid_option("engine", engine, ENGINES)
    if engine in ("auto", "rjieba"):
        try:
            import rjieba
        except ImportError:
            if engine == "rjieba":
                raise
        else:
            seg = _rjieba_with_words(rjieba.Jieba(), words)
            return (lambda text: seg.cut(text, True)), "rjieba"
    tk = _jieba_with_words(words)
    return (lambda text: tk.lcut(text, HMM=True)), "jieba"


def _rjieba_with_words(seg, words: Sequence[str]):
    """``seg`` (a fresh ``rjieba.Jieba``) with ``words`` added in order, each with jieba's suggested frequency.

    ``add_word(w, None, None)`` computes that frequency from the dictionary as it is then (``suggest_freq``) and
    returns it; ``add_word(w, freq, None)`` with the returned numbers replays the very same additions without
    computing them (jieba-rs: ``freq.unwrap_or_else(|| self.suggest_freq(word))``, tag "" either way), ≈ 30 %
    less CPU for the ≈ 270k words — what every fresh worker process pays. The numbers are cached in the temp
    folder keyed by a digest of the word list and the rjieba version (its built-in dictionary); a missing,
    unreadable or wrong-sized cache means the words are added the slow way (and the cache written)."""
    from importlib.metadata import version

    h = hashlib.blake2b("\n".join(words).encode(), digest_size=10)
    h.update(version("rjieba").encode())
    cache = Path(tempfile.gettempdir()) / f"wenjian_rjieba_{h.hexdigest()}.freq"
    freqs = array("q")
    try:
        freqs.frombytes(cache.read_bytes())
    except (OSError, ValueError):
        freqs = array("q")
    if len(freqs) == len(words):
        for w, f in zip(words, freqs):
            seg.add_word(w, f, None)
        return seg
    freqs = array("q", [seg.add_word(w, None, None) for w in words])
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".wenjian_rjieba.")
        with os.fdopen(fd, "wb") as fh:
            fh.write(freqs.tobytes())
        os.replace(tmp, cache)
    except OSError:  # no writable temp folder: just slower next time
        pass
    return seg


def _jieba_with_words(words: Sequence[str]):
    """A dedicated ``jieba.Tokenizer`` with ``words`` added (``add_word`` with jieba's suggested frequency).

    Adding 150k agency names costs ≈ 50 s in pure Python, so the resulting (FREQ, total) is cached in the temp
    folder keyed by a digest of the word list (like jieba's own dictionary cache); later builds take ≈ 1 s.
    """
    import logging
    import marshal

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()  # dedicated instance with jieba's default dictionary
    digest = hashlib.blake2b("\n".join(words).encode(), digest_size=10).hexdigest()
    cache = Path(tempfile.gettempdir()) / f"wenjian_jieba_{digest}.cache"
    try:
        with cache.open("rb") as fh:
            tk.FREQ, tk.total = marshal.load(fh)
        tk.initialized = True
        return tk
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tk.initialize()
    for w in words:
        tk.add_word(w)
    try:
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".wenjian_jieba.")
        with os.fdopen(fd, "wb") as fh:
            marshal.dump((tk.FREQ, tk.total), fh)
        os.replace(tmp, cache)
    except OSError:  # no writable temp folder: just slower next time
        pass
    return tk
