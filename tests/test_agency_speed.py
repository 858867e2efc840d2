"""The agency matcher's speed work (issue 10) keeps its outputs: the automaton's hits come in the order the
rules read them, the matcher pickles, and per-source caches give what the uncached code gave.
(``scripts/check_analysis_digest.py`` compares whole corpora; ``scripts/bench_agencies.py`` measures.)"""
from __future__ import annotations

import pickle

import pytest

from analysis.agencies import AgencyMatcher


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.default()


def test_scan_reports_every_overlapping_hit_by_end_then_longest_first(matcher):
    text = "河北省人民政府办公厅"
    got = [(s, e, text[s:e], [it[0] for it in items]) for s, e, items in matcher.scan(text)]
    assert got == [(0, 2, "河北", ["R"]), (0, 3, "河北省", ["R"]), (3, 7, "人民政府", ["D"]),
                   (5, 7, "政府", ["D", "U"]), (5, 8, "政府办", ["D"]), (3, 10, "人民政府办公厅", ["D"]),
                   (5, 10, "政府办公厅", ["D"]), (7, 10, "办公厅", ["X"])]


def test_scan_offsets_are_characters_beyond_the_basic_plane(matcher):
    assert [(s, e) for s, e, _ in matcher.scan("😀北京\U00020000上海")] == [(1, 3), (4, 6)]
    assert matcher.scan("") == []


def test_matcher_survives_pickling(matcher):
    other = pickle.loads(pickle.dumps(matcher))
    args = ("河北省教育厅印发通知", "省发改委、商务厅召开会议。", "河北省人民政府")
    assert other.match_article(*args) == matcher.match_article(*args)
    assert [m.agency for m in other.match_article(*args)] == ["河北省教育厅", "河北省发展和改革委员会", "河北省商务厅"]


def test_supports_gives_both_supports_in_one_pass(matcher):
    hits = matcher.scan("北京市朝阳区和河北的石家庄")
    both = matcher.supports(hits)
    assert both == (matcher.support(hits), matcher.support(hits, full_only=True))
    # 北京市 (a province-level city: city code ""), 朝阳 read as 朝阳市 of 辽宁 (朝阳区 is shared: no support),
    # 河北, 石家庄
    assert both[0] == {"", "110000", "211300", "210000", "130000", "130100"}
    assert both[1] == {"", "110000"}  # full names of provinces / cities only: 北京市
    assert matcher.supports([]) == (set(), set())


def test_weak_for_a_region_tuple_the_automaton_never_reports(matcher):
    county = next(i for i, r in enumerate(matcher.regions) if r.level == "county")
    city = next(i for i, r in enumerate(matcher.regions) if r.level == "municipal")
    assert matcher.weak(2, (county,), True) and matcher.weak(3, (county,), False)
    assert not matcher.weak(3, (county,), True) and not matcher.weak(2, (county, city), True)


def test_source_facts_are_kept_per_line_and_equal_the_uncached_ones():
    fresh = AgencyMatcher.default()
    m = pickle.loads(pickle.dumps(fresh))  # its own cache
    m.source_cache.clear()
    source = "河北省人民政府办公厅\n石家庄"
    first = m.source_facts(source)
    hits = m.scan(source)
    assert first == (hits, m._context_regions(source, hits), m.support(hits), m.support(hits, full_only=True))
    assert m.source_facts(source) is first and list(m.source_cache) == [source]
    assert m.source_facts("") == ([], [], set(), set())
    # a bare form resolves from the source as before, cached or not
    found = [x.agency for x in m.match_article("关于印发通知", "省教育厅要求各地落实。", source)]
    assert found == ["河北省教育厅"]
    assert [x.agency for x in m.match_article("关于印发通知", "省教育厅要求各地落实。", source)] == found


def test_supports_of_hits_not_made_by_scan_are_computed_the_same_way(matcher):
    hits = matcher.scan("北京市朝阳区和河北的石家庄")
    copied = [(s, e, tuple(list(items))) for s, e, items in hits]  # equal items, other objects: not in the index
    assert all(id(c[2]) not in matcher.support_of for c in copied)
    assert matcher.supports(copied) == matcher.supports(hits)
    other = pickle.loads(pickle.dumps(matcher))  # the index is keyed by identity: rebuilt after unpickling
    assert len(other.support_of) == len(other.hit_items)
    assert other.supports(other.scan("北京市朝阳区和河北的石家庄")) == matcher.supports(hits)
