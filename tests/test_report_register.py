"""The complete report ranks keywords exactly as the 概览/关键词 pages and ``python -m analysis keywords`` do
(tester report #1: the report kept 推动, 工作, 开展, 推进 — policy-document stopwords the pages drop)."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import lxml.html
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.agencies import find_mentions
from analysis.commands import keywords as kw_command
from analysis.errors import InvalidOption
from analysis.keywords import tokenize_corpus
from analysis.policy.metadata import add_policy_columns
from analysis.policy.register import resolve_register
from analysis.report_content import build_content
from analysis.schema import coerce_articles
from analysis.tokenizer import build_tokenizer
from labels.report import report_words
from ui.report import BUILT_KEY
from ui.state import DATASET_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[1] / "views" / "overview.py")
#: 推动 ×5, 推进 ×4, 工作 ×3 per article: policy stopwords (data/stopwords_policy.txt) that outnumber 企业 ×2
BODY = "推动企业发展。推动产业升级,推动工作,推动开展,推动推进。推进企业改造,推进推进。工作工作。开展。"


def articles() -> pd.DataFrame:
    arts = coerce_articles(pd.DataFrame({
        "title": ["河北省推动制造业发展的实施办法", "关于推进产业升级的通知", "河北省企业改造管理办法"],
        "body": [BODY] * 3, "source": ["甲", "乙", "甲"], "date": ["2024-01-02", "2024-02-10", "2024-03-05"]}))
    return add_policy_columns(arts)


def report_terms(arts: pd.DataFrame, register: str = "auto") -> tuple[list[str], list[str], dict[str, str]]:
    corpus = tokenize_corpus(arts, build_tokenizer())
    rep = build_content(arts, None, corpus=corpus, mentions=find_mentions(arts), dataset="t",
                        words=report_words("zh"), register=register)
    ov = rep.sections[0].items[1]           # the 概览 section's top-keywords chart
    table = rep.sections[1].items[1]        # 高频词与 TF-IDF (前 100 个)
    return list(ov.data[0].y)[::-1], table.iloc[:, 0].tolist(), rep.settings


def cli_terms(arts: pd.DataFrame, register: str = "auto") -> list[str]:
    args = argparse.Namespace(top=100, min_length=2, user_dict=False, register=register, keep_duplicates=False)
    return kw_command.run(args, arts)["term"].tolist()


def test_report_ranks_like_the_keywords_command():
    arts = articles()
    assert resolve_register(arts) == "policy"
    top15, top100, settings = report_terms(arts)
    cli = cli_terms(arts)
    assert top100 == cli
    assert top15 == cli[:15]
    for word in ("推动", "推进", "工作", "开展"):
        assert word not in top100
    assert top100[0] == "企业"
    assert settings["关键词排名去掉的常用词"] == "政策文书常用词(应当、可以、规定 … data/stopwords_policy.txt)"


def test_register_none_keeps_the_policy_words_in_both():
    arts = articles()
    _, top100, settings = report_terms(arts, "none")
    assert top100 == cli_terms(arts, "none")
    assert top100[:3] == ["推动", "推进", "工作"]
    assert settings["关键词排名去掉的常用词"] == "无"


def test_unknown_register_is_refused():
    with pytest.raises(InvalidOption, match="register"):
        resolve_register(articles(), "legal")


def _overview(register: bool | None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    ds = Dataset(name="t", articles=articles())
    at.session_state[DATASET_KEY] = ds
    if register is not None:
        at.session_state[f"kw_register_{ds.digest}"] = register
    at.run()
    at.radio(key="wj_report_format").set_value("html").run()
    at.button(key="wj_report_build").click().run()
    assert not at.exception
    return at


def _page_and_report(at: AppTest) -> tuple[list[str], list[str]]:
    page = list(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"])[::-1]
    doc = lxml.html.fromstring(at.session_state[BUILT_KEY]["data"])
    table = next(t for t in doc.xpath("//table") if "TF-IDF" in t.xpath("string(preceding::h3[1])"))
    return page, [row.xpath("string(td[1])") for row in table.xpath(".//tbody/tr")]


@pytest.mark.parametrize("switch", [None, False])
def test_dashboard_report_follows_the_page_switch(switch):
    """The 概览 page's chart and the dashboard report's table, default switch (policy) and switched off."""
    page, report = _page_and_report(_overview(switch))
    assert report[:15] == page
    assert ("推动" in page) is (switch is False)
