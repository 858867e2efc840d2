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
