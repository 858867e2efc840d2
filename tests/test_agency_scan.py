"""The speed helpers of the agency matcher (task matchperf2) give what the code they replace gave: the article's
support as a container (``analysis.agency_scan.WordSupport``) answers as the set ``supports`` builds, township
names come from the heads' positions as ``TOWNSHIP_NAME.finditer`` gives them, the unit regexes behind a
first-character lookahead match as the plain alternation, sentence bounds up to the last mention give the same
sentences, and a region item's weak flag is ``weak()`` of its word."""
from __future__ import annotations

import random
import re

import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_mentions import SENTENCE_END, sentence_bounds
from analysis.agency_patterns import township_names
from analysis.agency_rules import OPEN, OPEN_UNITS, SUB_UNITS, SUBUNIT, TOWNSHIP_NAME
from analysis.agency_scan import WordSupport, units_re, word_index


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.default()


def _sets(matcher, texts, source=""):
    """The old way: ``supports`` of every text's hits and the source's, united."""
    both = [matcher.supports(matcher.scan(t)) for t in texts]
    src = matcher.supports(matcher.scan(source))
    return set().union(*(b[0] for b in both), src[0]), set().union(*(b[1] for b in both), src[1])


@pytest.mark.parametrize("texts, source", [
    (["北京市朝阳区和河北的石家庄", "合作社"], ""),
    (["甘南州合作市", "和县"], "安徽省人民政府"),
    (["", ""], ""),
    (["会同县", "海淀区"], "河北省石家庄市"),
])
def test_article_support_answers_as_the_sets(matcher, texts, source):
    support, named = _sets(matcher, texts, source)
    src = matcher.supports(matcher.scan(source))
    got = matcher.article_support([matcher.scan_raw(t)[1] for t in texts], src[0], src[1])
    codes = {c for r in matcher.regions for c in (r.code, r.province, r.city)} | {"", "999999"}
    for want, container in zip((support, named), got):
        assert {c for c in codes if c in container} == want & codes
        assert bool(container) == bool(want)


def test_article_support_of_a_named_city_and_province(matcher):
    sup, named = matcher.article_support([matcher.scan_raw("石家庄市和河北")[1]], set(), set())
    assert "130100" in sup and "130000" in sup and "" in sup  # 石家庄市, 河北省 (a province adds city "")
    assert "130100" in named and "130000" in named  # 石家庄市 in full: its code, province and city
    sup, named = matcher.article_support([matcher.scan_raw("河北")[1]], set(), set())
    assert "130000" in sup and "130000" not in named and not named  # a short name is no full-name support
    assert "110000" not in sup and not WordSupport(set(), set(), word_index([]))
    assert "110000" in WordSupport(set(), {"110000"}, word_index([]))


def test_word_index_maps_codes_to_the_words_adding_them():
    by_code, adding = word_index([("1", "2"), (), ("2",)])
    assert by_code == {"1": frozenset({0}), "2": frozenset({0, 2})} and adding == frozenset({0, 2})


@pytest.mark.parametrize("text, want", [
    ("益庆乡益庆寺管委会", [(0, 3)]), ("大良街道党工委", [(0, 4)]), ("乡镇", []), ("城乡镇乡", [(0, 3)]),
    ("甲乙镇丙乡", [(0, 3)]), ("甲乙镇丙丁乡", [(0, 3), (3, 6)]), ("a镇乙丙乡", [(2, 5)]), ("", []),
    ("甲乙街道丙丁街道", [(0, 4), (4, 8)]), ("甲乙街", []),
])
def test_township_names_are_the_regex_matches(text, want):
    assert township_names(text) == want == [(m.start(), m.end()) for m in TOWNSHIP_NAME.finditer(text)]


def test_township_names_equal_the_regex_on_random_text():
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice("镇乡街道甲乙，a") for _ in range(rng.randint(0, 12)))
        assert township_names(text) == [(m.start(), m.end()) for m in TOWNSHIP_NAME.finditer(text)], text


def test_units_re_matches_as_the_plain_alternation():
    assert units_re(("局", "委员会", "办")) == "(?=[办委局])(?:局|委员会|办)"
    rng = random.Random(3)
    for units, guarded in ((OPEN_UNITS, OPEN), (SUB_UNITS, SUBUNIT)):
        lazy = guarded.pattern[:guarded.pattern.index("(?=")]
        plain = re.compile(lazy + "(?:" + "|".join(units) + ")")
        chars = "".join({ch for u in units for ch in u}) + "甲乙，"
        for _ in range(3000):
            text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 20)))
            for p in range(len(text) + 1):
                a, b = plain.match(text, p), guarded.match(text, p)
                assert (a and (a.span(), a.group("mid"))) == (b and (b.span(), b.group("mid"))), (text, p)


def test_sentence_bounds_up_to_the_last_mention_give_the_same_sentence_ends():
    text = "甲。乙！丙？\n丁；戊"
    every = [m.start() for m in SENTENCE_END.finditer(text)]
    assert sentence_bounds(text, 3) == [1, 3]  # every end before 3, then the first at or after it
    assert sentence_bounds(text, len(text)) == every
    assert every == [1, 3, 5, 6, 8] and sentence_bounds(text, 4) == [1, 3, 5]
    assert sentence_bounds(text, 9) == every  # no end at or after 9: the text's end bounds the last sentence
    assert sentence_bounds("无句末", 2) == []


def test_region_items_carry_weak_of_their_word(matcher):
    seen = 0
    for word, items in zip(matcher.hit_words, matcher.hit_items):
        for it in items:
            if it[0] == "R":
                seen += 1
                assert it[4] == ((len(word) <= 2 or not it[2]) and matcher.weak(len(word), it[1], it[2])), word
    assert seen > 3000


def test_may_be_foreign_is_false_only_where_foreign_qualifier_finds_nothing():
    from analysis.agency_patterns import foreign_qualifier, may_be_foreign
    rng = random.Random(11)
    seen = {True: 0, False: 0}
    for _ in range(20000):
        text = "".join(rng.choice("美国甲乙（金）的部，") for _ in range(rng.randint(1, 14)))
        f_end = {e: (rng.randrange(0, e + 1), "x") for e in rng.sample(range(len(text) + 1), rng.randint(0, 2))}
        for s in range(len(text) + 1):
            may = may_be_foreign(text, s, f_end)
            seen[may] += 1
            if not may:
                assert foreign_qualifier(text, s, f_end) == -1, (text, s, f_end)
    assert seen[True] > 1000 and seen[False] > 1000
    # a place ending at 5: positions 5 … 9 (no 美/俄 … written)
    assert [s for s in range(12) if may_be_foreign("甲" * 12, s, {5: (3, "x")})] == [5, 6, 7, 8, 9]
    assert not any(may_be_foreign("甲" * 12, s, {}) for s in range(12))
    assert [s for s in range(8) if may_be_foreign("甲甲美甲甲甲甲甲", s, {})] == [3, 4, 5]


def test_foreign_before_equals_the_suffix_test():
    from analysis.agency_glue import foreign_before
    from analysis.agency_rules import FOREIGN
    rng = random.Random(5)
    chars = "".join({ch for w in FOREIGN for ch in w}) + "甲，"
    for _ in range(5000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 10)))
        for s in range(len(text) + 1):
            assert foreign_before(text, s) == text.endswith(FOREIGN, max(0, s - 6), s), (text, s)
