"""A source that is a province-level government's web host (crawler exports: 来源网站 = URL, reduced to its host)
gives the article its region, as a source line naming the province does: 省… forms of the Hebei 人社 CSV resolve to
河北省 bodies once its portal footer (更多信息请关注官方微信“河北人社”) is removed from the bodies."""
from __future__ import annotations

import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_matcher import GOV_HOST_REGIONS, host_region
from analysis.agency_table import load_agencies


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_table(load_agencies(user_path=""))


@pytest.mark.parametrize("source, region", [
    ("rst.hebei.gov.cn", "河北省"), ("www.hebei.gov.cn", "河北省"), ("http://kjt.hebei.gov.cn/a/b.html", "河北省"),
    ("RST.HEBEI.GOV.CN", "河北省"), ("shanxi.gov.cn", "山西省"), ("www.shaanxi.gov.cn", "陕西省"),
    ("hebei.gov.cn.example.com", ""), ("nothebei.gov.cn", ""), ("hebei.com.cn", ""), ("news.cctv.com", ""),
    ("河北省人力资源和社会保障厅", ""), ("", ""),
])
def test_host_region(source, region):
    assert host_region(source) == region


def test_every_province_level_region_once():
    assert len(GOV_HOST_REGIONS) == 31 and len(set(GOV_HOST_REGIONS.values())) == 31


BODY = "省财政厅、省人力资源社会保障厅联合印发通知。省教育厅相关处室负责同志参加会议。"


def _agencies(matcher, source: str) -> list[tuple[str, str]]:
    return [(m["surface"], m["agency"]) for m in matcher.match_article("关于做好工作的通知", BODY, source)]


def test_a_government_host_gives_the_province(matcher):
    assert _agencies(matcher, "rst.hebei.gov.cn") == [
        ("省财政厅", "河北省财政厅"), ("省人力资源社会保障厅", "河北省人力资源和社会保障厅"), ("省教育厅", "河北省教育厅")]
    # without a region anywhere the 省… forms stay unresolved (never a guessed province)
    assert [a for _s, a in _agencies(matcher, "")] == ["", "", ""]
    assert [a for _s, a in _agencies(matcher, "www.example.com")] == ["", "", ""]
