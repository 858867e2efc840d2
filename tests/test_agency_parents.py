"""A sub-unit's name names its parent body too (issue 11, case BR-2-15): 省应急厅调查评估和统计处 is a mention of
江苏省应急管理厅调查评估和统计处 (kind ``nested``) and of 江苏省应急管理厅 (kind ``parent``, its own span and
canonical name). The counts follow; the evaluation scripts, whose gold labels are flat, leave parent rows out."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.agencies import AgencyMatcher, agency_summary, by_document, find_mentions
from analysis.agency_table import load_agencies
from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from eval_agencies import score  # noqa: E402
from eval_cluener import evaluate  # noqa: E402


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_table(load_agencies(user_path=""))


def rows(matcher, body: str, title: str = "", source: str = "") -> list[tuple]:
    return [(m["surface"], m["agency"], m["kind"], m["parent"], m["start"], m["end"])
            for m in matcher.match_article(title, body, source)]


def arts(*bodies: str, titles=None) -> pd.DataFrame:
    return coerce_articles(pd.DataFrame({"title": titles or [""] * len(bodies), "body": list(bodies)}))


BR_2_15 = "根据原国家安全监管总局有关规定，经省应急厅调查评估和统计处审核，现将联合惩戒对象予以公示。"


def test_the_parent_inside_a_bare_sub_unit_is_its_own_mention(matcher):
    assert rows(matcher, BR_2_15, title="江苏省安全生产领域联合惩戒对象公示") == [
        ("国家安全监管总局", "国家安全生产监督管理总局", "table", "", 3, 11),
        ("省应急厅调查评估和统计处", "江苏省应急管理厅调查评估和统计处", "nested", "江苏省应急管理厅", 17, 29),
        ("省应急厅", "江苏省应急管理厅", "parent", "", 17, 21)]


def test_parent_rows_carry_the_parent_level_and_region(matcher):
    found = matcher.match_article("", "福建省公安厅经侦总队近日破获一起非法集资案。")
    assert [(m["agency"], m["kind"], m["level"], m["region"], m["resolved"]) for m in found] == [
        ("福建省公安厅经侦总队", "nested", "provincial", "福建省", True),
        ("福建省公安厅", "parent", "provincial", "福建省", True)]


def test_every_level_of_a_two_level_sub_unit_is_named(matcher):
    assert rows(matcher, "住房和城乡建设部政策研究中心住宅与房地产研究处处长表示") == [
        ("住房和城乡建设部政策研究中心住宅与房地产研究处", "住房和城乡建设部政策研究中心住宅与房地产研究处", "nested",
         "住房和城乡建设部政策研究中心", 0, 23),
        ("住房和城乡建设部", "住房和城乡建设部", "parent", "", 0, 8),
        ("住房和城乡建设部政策研究中心", "住房和城乡建设部政策研究中心", "parent", "住房和城乡建设部", 0, 14)]
    assert rows(matcher, "江门市公安局蓬江区分局刑警大队成功破获一起盗窃案") == [
        ("江门市公安局蓬江区分局刑警大队", "江门市公安局蓬江区分局刑警大队", "nested", "江门市公安局蓬江区分局", 0, 15),
        ("江门市公安局", "江门市公安局", "parent", "", 0, 6),
        ("江门市公安局蓬江区分局", "江门市公安局蓬江区分局", "parent", "江门市公安局", 0, 11)]


def test_a_national_body_before_its_branch_is_named(matcher):
    assert rows(matcher, "中国人民银行常德市中心支行近日召开金融工作会议") == [
        ("中国人民银行常德市中心支行", "中国人民银行常德市中心支行", "nested", "中国人民银行", 0, 13),
        ("中国人民银行", "中国人民银行", "parent", "", 0, 6)]
    assert rows(matcher, "央行上海总部发布数据") == [
        ("央行上海总部", "中国人民银行上海总部", "nested", "中国人民银行", 0, 6),
        ("央行", "中国人民银行", "parent", "", 0, 2)]


@pytest.mark.parametrize("text, expected", [
    # the sub-unit's region is unknown: one unresolved mention, no parent guessed
    ("市住保办政策计划处处长介绍", [("市住保办政策计划处", "", "bare", "", 0, 9)]),
    # 民航 is the sector's word, not the name 中国民用航空局: the regional bureau keeps its parent, no parent row
    ("民航华东地区管理局通报了近期航班情况", [("民航华东地区管理局", "中国民用航空华东地区管理局", "nested", "中国民用航空局", 0, 9)]),
    # no sub-unit: no parent row
    ("江苏省应急管理厅发布预警", [("江苏省应急管理厅", "江苏省应急管理厅", "regional", "", 0, 8)]),
])
def test_no_parent_row_where_no_parent_is_named(matcher, text, expected):
    assert rows(matcher, text) == expected


def test_counts_include_the_parent_named_inside_a_sub_unit(matcher):
    m = find_mentions(arts(
        "江苏省应急管理厅召开会议。省应急厅调查评估和统计处负责人通报了事故调查情况。",
        "省应急厅调查评估和统计处发布统计数据。"), matcher)
    s = agency_summary(m).set_index("agency")
    assert s.loc["江苏省应急管理厅"].tolist() == [2, 1, "江苏省应急管理厅|省应急厅"]
    assert s.loc["江苏省应急管理厅调查评估和统计处"].tolist() == [1, 1, "省应急厅调查评估和统计处"]
    assert len(s) == 2  # article 2 names no province: its bare sub-unit and parent stay unresolved
    assert m["kind"].tolist() == ["regional", "nested", "parent", "bare"]
    d = by_document(m, arts("", ""))  # one row per article, agency and surface form
    assert sorted(zip(d["id"], d["agency"], d["surface"], d["mentions"])) == [
        (1, "江苏省应急管理厅", "江苏省应急管理厅", 1), (1, "江苏省应急管理厅", "省应急厅", 1),
        (1, "江苏省应急管理厅调查评估和统计处", "省应急厅调查评估和统计处", 1)]


def test_realpages_score_leaves_parent_rows_out():
    m = pd.DataFrame({"row": [0, 0], "agency": ["中国人民银行常德市中心支行", "中国人民银行"],
                      "surface": ["中国人民银行常德市中心支行", "中国人民银行"], "field": ["body", "body"],
                      "start": [0, 0], "end": [13, 6], "kind": ["nested", "parent"]})
    res = score(m, [{"file": "x.html", "agencies": ["中国人民银行常德市中心支行"]}])
    assert (res["found"], res["tp"], res["fp"]) == (1, 1, 0)
    res = score(m.assign(kind="table"), [{"file": "x.html", "agencies": ["中国人民银行常德市中心支行"]}])
    assert (res["found"], res["tp"], res["fp"]) == (1, 1, 1)  # the same row scored: the labels' rule broken


def test_cluener_score_leaves_parent_rows_out(matcher):
    text = "住房和城乡建设部住房保障司司长表示"
    r = evaluate([{"text": text, "label": {"government": {"住房和城乡建设部住房保障司": [[0, 12]]}}}], matcher)
    assert (r["gold"], r["found"], r["tp"], r["fp"], r["exact"]) == (1, 1, 1, 0, 1)


def test_an_issuer_that_is_a_sub_unit_stays_one_issuer():
    a = add_policy_columns(coerce_articles(pd.DataFrame({
        "title": ["河北省公安厅经侦总队关于开展打击非法集资专项行动的通知"], "body": ["各设区市公安局：现将有关事项通知如下。"]})))
    assert a["issuer"].tolist() == ["河北省公安厅经侦总队"]
