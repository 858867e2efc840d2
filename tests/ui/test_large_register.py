"""The register choice on the 关键词 page of a large dataset (threshold lowered to 5 as in
``test_large_dataset``): the same four-way choice as the small page, and ``auto`` decided from the first
articles' titles, body leads and sources — a news collection starts on the news register (tester: a large news
dataset started on ``none`` because titles carry no news sign)."""
from __future__ import annotations

import pandas as pd
import pytest

import ui.library
from analysis.schema import coerce_articles
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from analysis.tokenizer import build_tokenizer
from tests.ui.test_app import app, library_dir, workspace_library  # noqa: F401 (fixture)
from tests.ui.test_large_dataset import _open
from tests.ui.test_large_terms import _small
from ui.state import DATASET_KEY

NEWS = coerce_articles(pd.DataFrame({
    "title": [f"各地今天开展计量宣传活动{i}" for i in range(8)],
    "body": [f"新华社北京5月{i + 1}日电 记者表示，今天各地开展计量宣传活动，我国计量工作持续推进。" for i in range(8)],
    "source": ["新华社"] * 8,
    "date": [f"2024-05-0{i + 1}" for i in range(8)],
}))


@pytest.fixture()
def large_news(library_dir, monkeypatch):
    lib = workspace_library(library_dir)
    info = lib.save("新闻大数据集", NEWS)
    dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", 5)
    return info


def test_large_news_dataset_starts_on_the_news_register(large_news, monkeypatch):
    at = _open(large_news, monkeypatch)
    assert at.session_state[DATASET_KEY].large
    at.switch_page("views/keywords.py").run()
    assert not at.exception and not at.error
    choice = at.radio(key=f"kw_register_{at.session_state[DATASET_KEY].digest}")
    assert choice.value == "auto" and choice.options == ["自动", "政策文书", "新闻报道", "不去掉"]
    captions = [c.value for c in at.caption]
    assert "新闻报道常用词(记者、表示、今天 …):自动选择,依据前 2,000 篇的标题、正文开头和来源。" in captions
    terms = at.dataframe[0].value["term"].tolist()
    assert "计量" in terms and not {"今天", "表示", "我国", "记者"} & set(terms)
    choice.set_value("none").run()   # the user's choice wins: the news words are back
    terms = at.dataframe[0].value["term"].tolist()
    assert {"今天", "表示", "我国"} <= set(terms)


@pytest.mark.parametrize("large", [True, False])
def test_group_view_counts_the_pages_register_terms(large_news, monkeypatch, large):
    """关键词 › 分组 counts the 高频词 view's terms — with the page's register (tester s14 K1: it showed 今天,
    我国, 表示 that the news register removes) — as integers (U2), on the large and the small page."""
    at = _open(large_news, monkeypatch)
    if not large:
        at = _small(large_news, monkeypatch)
    assert at.session_state[DATASET_KEY].large is large
    at.switch_page("views/keywords.py").run()
    top = at.dataframe[0].value["term"].tolist()
    at.radio(key="kw_view").set_value("group").run()
    assert not at.exception and not at.error
    wide = at.dataframe[0].value
    assert wide.columns.tolist() == ["group", *top[:15]] and not {"今天", "表示", "我国", "记者"} & set(wide.columns)
    assert wide["group"].tolist() == ["新华社"] and str(wide["计量"].dtype) == "int64"
    assert int(wide["计量"].iat[0]) == 24   # 计量 3 times in each of the 8 articles (title once, body twice)
    assert any(c.value.startswith("各组统计的是「高频词」视图的前") for c in at.caption)
    at.radio(key=f"kw_register_{at.session_state[DATASET_KEY].digest}").set_value("none").run()
    assert {"今天", "表示", "我国"} <= set(at.dataframe[0].value.columns)
