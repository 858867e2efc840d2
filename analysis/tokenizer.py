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
measures their agreement on the CCTV corpus. The engines and the project's word lists they are built with are in
``analysis.jieba_engines``.

``cut(text)`` gives the raw precise-mode tokens; ``terms(text)`` the analysis terms: URLs and e-mail
addresses removed, then stopwords, punctuation, numbers and (by default) single characters dropped, and
synonyms replaced by their canonical form.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cached_property
from dataclasses import dataclass, field
from typing import cast

from analysis.errors import invalid_option
from analysis.jieba_engines import Engine, base_dictionary, make_segmenter

BREAK = -1  # in term-id sequences: one or more filtered tokens stood here
#: Joins texts cut in one call (``analysis.segment``; :attr:`WenjianTokenizer.joins_texts` says when the tokens of
#: the joined texts are the tokens of each text with one ``JOIN`` token between two texts).
JOIN = "\x00"

# URLs, e-mail addresses and bare domains carry no keywords but break into many junk tokens.
_URL_RE = re.compile(r"(?:https?://|www\.)[\w\-./?%&=#:~+@]*|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
                     r"|\b[a-zA-Z0-9\-]+(?:\.[a-zA-Z0-9\-]+)*\.(?:cn|com|org|net|gov)(?:/[\w\-./?%&=#]*)?",
                     re.ASCII)
# Every match of _URL_RE holds one of these (its alternatives start with http:// or https:// or www., hold an @,
# or end in .cn .com .org .net .gov; case-sensitive): a text holding none has nothing to replace.
_URL_MARKS = ("@", "http", "www.", ".cn", ".com", ".org", ".net", ".gov")
# A number: digits (ASCII or full-width) with separators, a percentage, or a Chinese numeral run.
_NUMBER_RE = re.compile(r"^[\d０-９.,，．%％:：/\-+×xX~～]+$|^[〇零一二两三四五六七八九十百千万亿]+$|^第[\d〇零一二三四五六七八九十百千]+$")


_UNSEEN = object()  # WenjianTokenizer.terms_of: a token not in the cache yet


def _is_symbolic(token: str) -> bool:
    """True when no character of ``token`` is a letter (CJK or Latin) or a digit: punctuation, symbols, spaces."""
    return not any(unicodedata.category(ch)[0] in "LN" for ch in token)


@dataclass(frozen=True)
class TokenizerSettings:
    """Everything that decides the tokens; picklable, so worker processes rebuild the same tokenizer."""

    words: tuple[str, ...]
    stopwords: frozenset[str]
    synonyms: tuple[tuple[str, str], ...] = ()
    min_length: int = 2
    engine: Engine = "auto"

    @cached_property
    def version(self) -> str:
        """A digest of the settings: the cache key of anything tokenized with them. Computed once per settings
        object (≈ 0.05–0.09 CPU-s: it hashes the ≈ 550k dictionary words; an upload asked for it in the store's
        settings after its workers were done)."""
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
    single characters), ``version`` (settings digest, a cache key), ``joins_texts`` (see below).

    ``joins_texts`` is True when, for texts holding no ``JOIN`` character, ``cut(JOIN.join(texts))`` is the
    tokens of ``cut(text)`` for each text in turn with one token ``JOIN`` between two texts, so that many texts
    are cut in one call (``analysis.segment``: ≈ 15 % less CPU of rjieba on the CCTV corpus than one call per
    text). Why: jieba (``jieba.Tokenizer.cut``: ``re_han_default``, ``re_skip_default``) and jieba-rs
    (``cut_internal``) split a text into maximal runs of CJK ideographs, ASCII letters and digits and
    ``+#&._%-``, cut each run on its own (no state goes from one run to the next), and give every other
    character as a token of its own, except ``\r\n`` (one token). ``JOIN`` (NUL) is such a character and not
    ``\n``: it ends the run before it, starts none and stays one token. The whole-word pass (:meth:`cut`) cannot
    match across it either, unless a whole-kept dictionary word holds it — then ``joins_texts`` is False.
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
        self._seg, self.engine = make_segmenter(s.words, s.engine)
        self._keep: dict[str, str | None] = {}
        self._whole, self._whole_form = _whole_words(s.words)
        self.joins_texts = not any(JOIN in w for w in self._whole_form.values())

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

    def terms_of(self, tokens: Iterable[str]) -> list[str | None]:
        """``[self.term_of(t) for t in tokens]`` — the same results, cached the same way — with the per-token work
        inlined (no call per token; a word of letters only, ``str.isalpha()``, is never symbolic and its
        ``_whole_key`` is its ``casefold()``): what ``analysis.segment.tokenize_chunk`` asks for the distinct
        raw tokens of a chunk (≈ 97k in the CCTV corpus), ≈ 40 % less CPU for tokens not yet cached."""
        keep = self._keep
        whole_form, synonyms, stopwords, min_length = self._whole_form, self.synonyms, self.stopwords, self.min_length
        number = _NUMBER_RE.match
        out: list[str | None] = []
        add = out.append
        for token in tokens:
            cached = keep.get(token, _UNSEEN)
            if cached is not _UNSEEN:
                add(cast("str | None", cached))
            else:
                word = token.strip()
                if whole_form and word:  # letters only: no space nor hyphen/slash to fold, the key is casefold()
                    word = whole_form.get(word.casefold() if word.isalpha() else _whole_key(word), word)
                if synonyms:
                    word = synonyms.get(word, word)
                if (not word or len(word) < min_length or word in stopwords
                        or (not word.isalpha() and _is_symbolic(word)) or number(word)):
                    result = None
                else:
                    result = word
                if len(keep) < 2_000_000:
                    keep[token] = result
                add(result)
        return out

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
    if not any(mark in text for mark in _URL_MARKS):  # ≈ 5,600 CCTV texts hold a ".", 4 of them a mark
        return text
    return _URL_RE.sub(" ", text)


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
    base_words, base_stop = base_dictionary(agencies)
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
