"""Rules of ``scripts/eval_cluener.py`` that read the sentence around a gold label (issue 15): Taiwan's bodies in
quotation marks, generic 部门 phrases cut short by the labeller, runs of bodies labelled as one span."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis.agencies import AgencyMatcher
from analysis.agency_table import load_agencies

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_cluener import Rules, evaluate  # noqa: E402


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def gold(text: str, surface: str) -> dict:
    s = text.index(surface)
    return {"text": text, "label": {"government": {surface: [[s, s + len(surface) - 1]]}}}


def score(matcher, text: str, surface: str) -> tuple[int, int, int, int]:
    r = evaluate([gold(text, surface)], matcher)
    return r["gold"], r["found"], r["tp"], r["fp"]


@pytest.mark.parametrize("text, surface, why", [
    ("台湾“金管会”十五日发布修正后的许可办法", "金管会", "foreign"),
    ("银联卡来台使用一事，“金管会”昨天表示同意", "金管会", "foreign"),
    ("年初，广州市国土部门透露，将逐步解决剩余地块的问题", "广州市国土", "generic"),
    ("年初，广州市国土部门透露，将逐步解决剩余地块的问题", "广州市国土部", "generic"),
    ("记者获悉，市住保系统正在采取相应措施", "市住保", "generic"),
    ("通州区住保部门相关人士表示", "通州区住保", "generic"),
    ("这些人是人居环境人居委的工作人员", "人居环境人居委", "non-government"),
    # not left out: a quoted body in a sentence that does not name Taiwan, a full name after which no 部门 follows
    ("这次由“住建部”牵头组织检查", "住建部", ""),
    ("年初，广州市国土局透露，将逐步解决剩余地块的问题", "广州市国土局", ""),
])
def test_context_rules(text, surface, why):
    s = text.index(surface)
    assert Rules().reason(surface, text, s, s + len(surface)) == why


def test_context_rules_change_the_gold_count(matcher):
    assert score(matcher, "台湾“金管会”十五日发布修正后的许可办法", "金管会") == (0, 0, 0, 0)
    assert score(matcher, "年初，广州市国土局透露，将解决剩余地块的问题", "广州市国土局") == (1, 1, 1, 0)


def test_a_run_of_bodies_labelled_as_one_span_is_tiled(matcher):
    assert score(matcher, "泗水县委县政府现已采取果断措施", "泗水县委县政府") == (1, 1, 1, 0)
    assert score(matcher, "这已经引起北京市委市政府的重视", "北京市委市政府") == (1, 1, 1, 0)
    # two bodies with words between them (a gap of more than SLACK characters) are no run of bodies
    text = "武汉市国土房产局二级单位武汉市国土房产测绘中心承认，软件由他们开发"
    assert score(matcher, text, "武汉市国土房产局二级单位武汉市国土房产测绘中心") == (1, 0, 0, 0)


def test_one_body_cut_in_two_by_the_labellers_is_found_once(matcher):
    text = "武汉市国土资源和房产管理局有关负责人介绍"
    ex = {"text": text, "label": {"government": {"武汉市国土资源": [[0, 6]], "房产管理局": [[8, 12]]}}}
    r = evaluate([ex], matcher)
    assert (r["gold"], r["found"], r["tp"], r["fp"], r["split"]) == (2, 2, 1, 0, 2)
    # one gold span inside a longer mention with more than SLACK characters outside it is no split
    ex = {"text": text, "label": {"government": {"房产管理局": [[8, 12]]}}}
    r = evaluate([ex], matcher)
    assert (r["gold"], r["found"], r["split"]) == (1, 0, 0)


@pytest.mark.parametrize("surface, why", [
    ("市文联艺术品鉴定中心", "non-government"), ("共青团中央", "non-government"), ("省藏协文物司法鉴定中心", "non-government"),
    ("中国政府", "generic"), ("中央政府", "generic"), ("中国人民银行", ""),
])
def test_peoples_organisations_and_the_central_government_are_left_out(surface, why):
    assert Rules().reason(surface) == why
