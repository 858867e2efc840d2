"""Chinese word segmentation with jieba semantics and the project's dictionaries.

``build_tokenizer()`` returns a :class:`WenjianTokenizer`: one dedicated segmenter instance (never jieba's
global one, never ``jieba.set_dictionary``) that knows

- every agency name and alias (``analysis.agency_table.tokenizer_words()``, or ``data/agencies.csv`` until that
  module exists), so 国家发展和改革委员会 stays one token instead of 国家/发展/和/改革/委员会;
- the domain terms of ``data/domain_terms.txt`` (质量基础设施, 检验检测, 海南自贸港 …);
- the user's own words, stopwords and synonyms (``analysis.user_dict``).

Two engines give the same tokens: **rjieba** (the jieba-rs binding, ≈ 20× faster; its ``add_word`` computes
the same suggested frequency as jieba's) is the fast path, **jieba** precise mode is the reference and the
fallback (used when rjieba is not installed, or with ``engine="jieba"``). ``scripts/bench_keywords.py``
measures their agreement on the CCTV corpus.

``cut(text)`` gives the raw precise-mode tokens; ``terms(text)`` the analysis terms: URLs and e-mail
addresses removed, then stopwords, punctuation, numbers and (by default) single characters dropped, and
synonyms replaced by their canonical form.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from analysis import agency_table
from analysis.errors import invalid_option

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
DOMAIN_TERMS_FILE = DATA_DIR / "domain_terms.txt"

BREAK = -1  # in term-id sequences: one or more filtered tokens stood here
Engine = Literal["auto", "rjieba", "jieba"]
ENGINES: tuple[str, ...] = ("auto", "rjieba", "jieba")

# URLs, e-mail addresses and bare domains carry no keywords but break into many junk tokens.
_URL_RE = re.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+@]*|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
                     r"|\b[a-zA-Z0-9\-]+(?:\.[a-zA-Z0-9\-]+)*\.(?:cn|com|org|net|gov)(?:/[\w\-./?%&=#]*)?",
                     re.ASCII)
# A number: digits (ASCII or full-width) with separators, a percentage, or a Chinese numeral run.
_NUMBER_RE = re.compile(r"^[\d０-９.,，．%％:：/\-+×xX~～]+$|^[〇零一二两三四五六七八九十百千万亿]+$|^第[\d〇零一二三四五六七八九十百千]+$")


def _is_symbolic(token: str) -> bool:
    """True when no character of ``token`` is a letter (CJK or Latin) or a digit: punctuation, symbols, spaces."""
    return not any(unicodedata.category(ch)[0] in "LN" for ch in token)


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
def _base_dictionary(agencies: bool = True) -> tuple[tuple[str, ...], frozenset[str]]:
    """(project words, project stopwords), read once per process."""
    words = tuple(dict.fromkeys((agency_words() if agencies else []) + read_word_list(DOMAIN_TERMS_FILE)))
    return words, frozenset(read_word_list(STOPWORDS_FILE))


@dataclass(frozen=True)
class TokenizerSettings:
    """Everything that decides the tokens; picklable, so worker processes rebuild the same tokenizer."""

    words: tuple[str, ...]
    stopwords: frozenset[str]
    synonyms: tuple[tuple[str, str], ...] = ()
    min_length: int = 2
    engine: Engine = "auto"

    @property
    def version(self) -> str:
        """A digest of the settings: the cache key of anything tokenized with them."""
        h = hashlib.blake2b(digest_size=12)
        for part in (self.words, tuple(sorted(self.stopwords)), self.synonyms, (str(self.min_length), self.engine)):
            h.update("\x1f".join("\x1e".join(p) if isinstance(p, tuple) else p for p in part).encode())
            h.update(b"\x1d")
        return h.hexdigest()


@dataclass
class WenjianTokenizer:
    """A dedicated segmenter with the project's dictionaries. Build it with :func:`build_tokenizer`.

    Attributes: ``engine`` (``"rjieba"`` or ``"jieba"``, the one actually used), ``stopwords`` (project +
    user), ``synonyms`` (variant → canonical), ``min_length`` (terms shorter than this are dropped; 1 keeps
    single characters), ``version`` (settings digest, a cache key).
    """

    settings: TokenizerSettings
    engine: str = field(init=False)
    stopwords: frozenset[str] = field(init=False)
    synonyms: dict[str, str] = field(init=False)
    min_length: int = field(init=False)

    def __post_init__(self) -> None:
        s = self.settings
        self.stopwords = s.stopwords
        self.synonyms = dict(s.synonyms)
        self.min_length = s.min_length
        self._seg, self.engine = _make_segmenter(s.words, s.engine)
        self._keep: dict[str, str | None] = {}
        self._whole, self._whole_form = _whole_words(s.words)

    @property
    def version(self) -> str:
        return self.settings.version

    def __getstate__(self) -> dict:  # the segmenter itself is rebuilt from the settings
        return {"settings": self.settings}

    def __setstate__(self, state: dict) -> None:
        self.settings = state["settings"]
        self.__post_init__()

    def cut(self, text: str) -> list[str]:
        """Precise-mode tokens of ``text`` (HMM on for unknown words), nothing removed."""
        if not text:
            return []
        if self._whole is None:
            return self._seg(text)
        # dictionary words jieba cannot keep whole (GB/T 19001-2016, ISO 9001) are cut out first
        out: list[str] = []
        pos = 0
        for m in self._whole.finditer(text):
            if m.start() > pos:
                out.extend(self._seg(text[pos:m.start()]))
            out.append(m.group(0))
            pos = m.end()
        if pos == 0:
            return self._seg(text)
        if pos < len(text):
            out.extend(self._seg(text[pos:]))
        return out

    def term_of(self, token: str) -> str | None:
        """The analysis term for one raw token, or ``None`` when the token is filtered out."""
        try:
            return self._keep[token]
        except KeyError:
            pass
        word = token.strip()
        if self._whole_form and word:
            word = self._whole_form.get(_whole_key(word), word)
        word = self.synonyms.get(word, word)
        if (not word or len(word) < self.min_length or word in self.stopwords or _is_symbolic(word)
                or _NUMBER_RE.match(word)):
            result = None
        else:
            result = word
        if len(self._keep) < 2_000_000:
            self._keep[token] = result
        return result

    def terms(self, text: str) -> list[str]:
        """The analysis terms of ``text``: URLs/e-mails removed, stopwords, punctuation, numbers and tokens
        shorter than ``min_length`` dropped, synonyms merged to their canonical form."""
        return [t for t in self.term_sequence(text) if t is not None]

    def term_sequence(self, text: str) -> list[str | None]:
        """Like :meth:`terms` but with ``None`` where tokens were dropped (runs collapsed to one ``None``),
        so adjacent terms can be told from terms that only became neighbours by filtering (used for phrases)."""
        out: list[str | None] = []
        term_of = self.term_of
        for tok in self.cut(clean_text(text)):
            t = term_of(tok)
            if t is None and (not out or out[-1] is None):
                continue
            out.append(t)
        return out

    def canonical(self, term: str) -> str:
        """The canonical form of a user-typed term (synonyms applied)."""
        term = term.strip()
        return self.synonyms.get(term, term)


# jieba (and rjieba) cut text into runs of these characters before looking words up, so a dictionary word
# holding any other character (a space, "/", "·", "（") can never come out whole (jieba's ``re_han_default``)
_JIEBA_RUN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9+#&._%]+$")
_OUTSIDE_RUN = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9+#&._%\n]")
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]")


_WHOLE_FOLD = str.maketrans({"－": "-", "‐": "-", "‑": "-", "–": "-", "／": "/"})


def _whole_key(word: str) -> str:
    """The lookup key of a whole-word match: spaces collapsed, hyphen/slash variants folded, case-folded."""
    return " ".join(word.translate(_WHOLE_FOLD).split()).casefold()


def _outside_runs(words: Sequence[str]) -> list[str]:
    """The non-empty words holding a character outside jieba's runs (``not _JIEBA_RUN.match(w)``), found by one
    regex scan of the words joined by line breaks instead of one match per word (≈ 270k words: ≈ 5× less CPU):
    each hit of ``_OUTSIDE_RUN`` names the word around it. Words holding a line break themselves (never from the
    project's lists) are checked one by one, as is everything when any word does."""
    joined = "\n".join(words)
    if joined.count("\n") != max(len(words) - 1, 0):
        return [w for w in words if w and not _JIEBA_RUN.match(w)]
    out, end = [], -1
    for m in _OUTSIDE_RUN.finditer(joined):
        if m.start() < end:
            continue  # another character of the word just taken
        start = joined.rfind("\n", 0, m.start()) + 1
        end = joined.find("\n", m.start())
        end = len(joined) if end < 0 else end
        out.append(joined[start:end])
    return out


def _whole_words(words: Sequence[str]) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """``(pattern, forms)`` for the dictionary words the segmenter cannot keep whole: words with spaces,
    ``/`` or ``-`` (standard numbers ``GB/T 19001-2016``, ``ISO 9001``) or other characters outside
    jieba's runs. The pattern finds them longest first, case-insensitive, any run of spaces for a space,
    full-width ``／`` and ``－`` (and typographic hyphens) for ``/`` and ``-``,
    never inside a longer Latin/digit run (``ISO 90011`` is not ``ISO 9001``); ``forms`` maps each match
    (``_whole_key``) to the word as the dictionary spells it. ``(None, {})`` when there are none."""
    special = sorted({w for w in _outside_runs(words) if len(w) <= 100}, key=lambda w: (-len(w), w))
    if not special:
        return None, {}
    parts = []
    for w in special:
        body = r"\s+".join(re.escape(p) for p in w.split())
        body = body.replace(r"\-", "[-－‐‑–]").replace("/", "[/／]")   # full-width and typographic variants
        if _ASCII_ALNUM.match(w[0]):
            body = r"(?<![A-Za-z0-9])" + body
        if _ASCII_ALNUM.match(w[-1]):
            body += r"(?![A-Za-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts), re.IGNORECASE), {_whole_key(w): w for w in special}


def clean_text(text: str) -> str:
    """``text`` with URLs, domains and e-mail addresses replaced by a space."""
    if not text or ("." not in text and "@" not in text):  # no URL possible: skip the regex
        return text or ""
    return _URL_RE.sub(" ", text)


def _make_segmenter(words: Sequence[str], engine: str):
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


def build_tokenizer(user_words: Iterable[str] = (), user_stopwords: Iterable[str] = (),
                    synonyms: Iterable[tuple[str, str]] = (), *, min_length: int = 2,
                    engine: Engine = "auto", agencies: bool = True) -> WenjianTokenizer:
    """A :class:`WenjianTokenizer` with the project's dictionaries plus the user's additions.

    ``user_words`` are added to the dictionary (kept whole); ``user_stopwords`` are dropped from terms;
    ``synonyms`` are ``(variant, canonical)`` pairs: the variant is counted as the canonical term (both are
    added to the dictionary so neither is split). ``min_length=1`` keeps single characters. ``engine``:
    ``"auto"`` (rjieba when installed, else jieba), ``"rjieba"`` or ``"jieba"`` (the reference).
    ``agencies=False`` leaves out the ≈ 150k agency names (domain terms only: for tests and quick tools).
    Building costs ≈ 2.5 s with rjieba (1.5 s of it reading the agency table), ≈ 50 s with jieba the first
    time (then cached on disk); callers should keep the result (the UI caches it).
    """
    if not isinstance(min_length, int) or min_length < 1:
        raise invalid_option("min_length", min_length, "an integer ≥ 1")
    base_words, base_stop = _base_dictionary(agencies)
    syn = tuple((str(a).strip(), str(b).strip()) for a, b in synonyms if str(a).strip() and str(b).strip())
    extra = [w.strip() for w in user_words if w and w.strip()]
    extra += [w for pair in syn for w in pair]
    user_stop = {w.strip() for w in user_stopwords if w and w.strip()}
    stop = base_stop | frozenset(user_stop)
    # a word the user added on purpose is never a stopword unless the user also listed it as one
    extra_set = set(extra)
    stop = frozenset(w for w in stop if w not in extra_set or w in user_stop)
    # long stopwords (portal names, 版权所有 …) must be cut whole to be recognised, so they join the dictionary
    long_stop = sorted(w for w in stop if len(w) >= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in w))
    words = tuple(dict.fromkeys(base_words + tuple(long_stop) + tuple(extra)))
    settings = TokenizerSettings(words=words, stopwords=stop, synonyms=syn, min_length=min_length, engine=engine)
    return WenjianTokenizer(settings)
