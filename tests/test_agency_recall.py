"""Agency kinds of issue 15's second round (CLUENER2020 misses, by kind) and the foreign-ministry false positive:
each test holds real sentences of the kind with the exact canonical name expected, and the sentences that must
stay as they were."""
from __future__ import annotations

import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_table import load_agencies


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def rows(matcher, body: str, title: str = "", source: str = "") -> list[tuple[str, str, str]]:
    return [(m["surface"], m["agency"], m["kind"]) for m in matcher.match_article(title, body, source)]


# --- foreign ministries named with a qualifier are not China's former ministries ------------------------------
@pytest.mark.parametrize("text, expected", [
    ("黎巴嫩公共卫生部23日称，以军空袭已造成多人死亡。", [("黎巴嫩公共卫生部", "黎巴嫩公共卫生部", "foreign")]),
    ("据黎公共卫生部消息，袭击造成12人受伤。", [("黎公共卫生部", "黎巴嫩公共卫生部", "foreign")]),
    ("韩国国土交通部今天表示，客机黑匣子数据已提取完毕。", [("韩国国土交通部", "韩国国土交通部", "foreign")]),
    ("韩国国土交通部调查委员会公布初步调查报告", [("韩国国土交通部", "韩国国土交通部", "foreign")]),
    ("巴勒斯坦加沙地带卫生部表示，伤亡人数继续上升。", [("巴勒斯坦加沙地带卫生部", "巴勒斯坦加沙地带卫生部", "foreign")]),
    ("刚果（金）卫生部表示，疫情已得到控制。", [("刚果（金）卫生部", "刚果(金)卫生部", "foreign")]),
])
def test_a_foreign_ministry_with_a_qualifier_is_foreign(matcher, text, expected):
    assert rows(matcher, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("卫生部表示，将加强医疗机构监管。", [("卫生部", "卫生部", "table")]),
    ("中国卫生部新闻发言人表示", [("中国卫生部", "卫生部", "table")]),
    ("在美国期间，交通部负责人表示", [("交通部", "交通部", "table")]),   # a clause between: no qualifier
    ("美国和交通部", [("交通部", "交通部", "table")]),                     # 和 is no qualifier
    ("巴黎市警方表示", []),                                               # a level word is no qualifier
])
def test_chinese_ministries_after_foreign_words_stay_chinese(matcher, text, expected):
    assert rows(matcher, text) == expected
