"""The article's support read from the automaton's word indexes (speed, task matchperf2): which province and
city codes an article names (``NamingRules.supports`` of its title, body and source), answered one code at a
time from the set of words its texts hold, instead of building the whole set of codes for every article.
"""
from __future__ import annotations

from collections.abc import Set
from operator import itemgetter

#: The word (pattern) index of one raw automaton hit ``(index, start, end)``.
WORD = itemgetter(0)
_NONE: frozenset[int] = frozenset()


def word_index(codes_of_word: list[tuple[str, ...]]) -> tuple[dict[str, frozenset[int]], frozenset[int]]:
    """``(code -> indexes of the words whose hit adds that code, indexes of the words that add any code)`` for
    the per-word codes ``codes_of_word[i]`` (``NamingRules._support_codes`` of word ``i``)."""
    by_code: dict[str, set[int]] = {}
    for i, codes in enumerate(codes_of_word):
        for code in codes:
            by_code.setdefault(code, set()).add(i)
    return ({c: frozenset(ws) for c, ws in by_code.items()},
            frozenset(i for i, codes in enumerate(codes_of_word) if codes))


class WordSupport:
    """The set of codes an article names, as a container: ``code in support`` is True exactly when ``code`` is in
    ``extra`` (the source line's own support) or one of the article's ``words`` (automaton word indexes of its
    title and body hits) adds it — the same answer as the set ``NamingRules.supports`` builds; ``bool(support)``
    is whether that set is non-empty. Each code's answer is kept (an article asks for a few codes, often again)."""

    __slots__ = ("_words", "_extra", "_by_code", "_adding", "_known")

    def __init__(self, words: Set[int], extra: Set[str], index: tuple[dict[str, frozenset[int]], frozenset[int]]):
        self._words, self._extra = words, extra
        self._by_code, self._adding = index
        self._known: dict[str, bool] = {}

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False  # (a set of codes holds only strings)
        got = self._known.get(code)
        if got is None:
            got = self._known[code] = (code in self._extra
                                       or not self._by_code.get(code, _NONE).isdisjoint(self._words))
        return got

    def __bool__(self) -> bool:
        return bool(self._extra) or not self._adding.isdisjoint(self._words)


def units_re(units: tuple[str, ...]) -> str:
    """The regex ``(?:u1|u2|…)`` of ``units`` (tried in that order) behind a lookahead on their first characters:
    the same matches, but a position where no unit starts costs one character-class test instead of one test per
    unit (OPEN tried at each of up to 14 lengths: ≈ 1.7× less CPU per ``OPEN.match``)."""
    return "(?=[" + "".join(sorted({u[0] for u in units})) + "])(?:" + "|".join(units) + ")"
