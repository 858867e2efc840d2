"""概览's top keywords follow the 关键词 page's policy-register switch (issue 12): on by default when most of the
dataset is policy documents, so 应当 does not top the overview of a corpus of regulations."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from analysis.policy.metadata import add_policy_columns
from analysis.schema import coerce_articles
from ui.state import DATASET_KEY, Dataset

PAGE = str(Path(__file__).resolve().parents[2] / "views" / "overview.py")


def dataset() -> Dataset:
    body = "计量器具应当依法检定。应当建立计量标准，应当定期检查计量器具。"
    arts = coerce_articles(pd.DataFrame({
        "title": ["河北省计量监督管理办法", "河北省计量器具检定规定", "河北省计量标准管理办法"],
        "body": [body] * 3, "source": ["甲", "乙", "甲"], "date": ["2024-01-02", "2024-02-10", "2024-03-05"]}))
    return Dataset(name="t", articles=add_policy_columns(arts))


def top_keywords(at: AppTest) -> list[str]:
    """The terms of the page's first chart (top keywords, left column), in data order."""
    return list(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"])


def run(register: bool | None) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    ds = dataset()
    at.session_state[DATASET_KEY] = ds
    if register is not None:
        at.session_state[f"kw_register_{ds.digest}"] = register
    return at.run()


def test_policy_words_left_out_by_default_and_said():
    at = run(None)
    assert not at.exception
    terms = top_keywords(at)
    assert "应当" not in terms and "计量" in terms
    assert any("应当" in c.value for c in at.caption)   # the note names the words left out


def test_switched_off_on_the_keywords_page_keeps_them():
    at = run(False)
    assert not at.exception
    terms = top_keywords(at)
    assert terms[-1] == "应当"          # most frequent at the top of a horizontal bar chart (last in data order)
    assert not any("政策文书常用词" in c.value for c in at.caption)
