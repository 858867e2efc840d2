"""``auto`` register (task "register"): news collections rank without news filler (今天, 我国, 表示 …), policy
collections without policy words, other collections with neither — one rule (``resolve_register``) for the
``keywords`` command, the report and the 概览/关键词 pages."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.agencies import find_mentions
from analysis.commands import keywords as kw_command
from analysis.keywords import tokenize_corpus
from analysis.loaders import load_paths
from analysis.policy.metadata import add_policy_columns
from analysis.policy.register import (is_news_outlet, news_signals, register_decision, register_stopwords,
                                      resolve_register)
from analysis.report_content import build_content
from analysis.schema import coerce_articles
from analysis.tokenizer import build_tokenizer
from labels.report import report_words
from ui.session import LANG_KEY
from ui.state import DATASET_KEY, Dataset

ROOT = Path(__file__).resolve().parents[1]
NEWS_BODY = "今天，钢铁企业表示，我国钢铁产量增长。钢铁企业指出，钢铁出口增长。今年钢铁企业强调转型。"


def table(titles, bodies, sources, authors=None) -> pd.DataFrame:
    n = len(titles)
    arts = coerce_articles(pd.DataFrame({"title": titles, "body": bodies, "source": sources,
                                         "author": authors or [""] * n,
                                         "date": [f"2024-01-{i + 1:02d}" for i in range(n)]}))
    return add_policy_columns(arts)


def news() -> pd.DataFrame:
    """Three news items: a 新华社 dateline, a 本报讯 byline, a news outlet as source (no dateline)."""
    return table(["钢铁产量增长", "钢铁出口增长", "钢铁企业转型"],
                 ["新华社北京1月5日电 " + NEWS_BODY, "本报讯(记者 王明)" + NEWS_BODY, NEWS_BODY],
                 ["", "", "新京报"])


def policy() -> pd.DataFrame:
    return table(["河北省钢铁管理办法", "关于做好钢铁工作的通知", "河北省钢铁产业规定"],
                 ["钢铁企业应当依法登记。"] * 3, ["", "", ""])


def other() -> pd.DataFrame:
    """Blog-like texts: no 文号/document type, no dateline, byline or outlet — and one news item."""
    return table(["我的钢铁梦", "钢铁随想", "钢铁与我", "钢铁产量增长"],
                 [NEWS_BODY, NEWS_BODY, NEWS_BODY, "新华社北京1月5日电 " + NEWS_BODY], ["个人博客", "", "", ""])


def test_decisions_with_their_shares():
    d = register_decision(news())
    assert (d.register, d.reason, d.articles, d.policy_share, d.news_share) == ("news", "news", 3, 0.0, 1.0)
    d = register_decision(policy())
    assert (d.register, d.reason, d.articles, d.policy_share) == ("policy", "policy", 3, 1.0)
    d = register_decision(other())
    assert (d.register, d.reason, d.policy_share, d.news_share) == ("none", "mixed", 0.0, 0.25)
    d = register_decision(news().iloc[:0])
    assert (d.register, d.reason, d.articles) == ("none", "empty", 0)
    assert [resolve_register(f()) for f in (news, policy, other)] == ["news", "policy", "none"]


def test_news_exactly_at_the_thresholds():
    """Half the non-policy rows with a signal is enough; half the rows being policy documents is not 'most'."""
    half = table(["甲新闻", "乙随想"], ["新华社北京1月5日电 钢铁。", "钢铁。"], ["", ""])
    assert register_decision(half).register == "news"
    split = table(["河北省钢铁管理办法", "钢铁产量增长"], ["钢铁。", "新华社北京1月5日电 钢铁。"], ["", ""])
    d = register_decision(split)
    assert (d.policy_share, d.register, d.reason) == (0.5, "none", "mixed")   # not policy (0.5), not news (≤ 0.5)


def test_signals_per_article():
    arts = pd.DataFrame({"body": ["长江网10月4日讯(记者陈智)国庆", "（原标题：民警）女民警", "据财联社9月26日消息，", "为了加强管理",
                                  "图为启动仪式。（刘通摄） 跨越", "本站讯（职工通讯员 李琴雯）"],
                         "author": ["", "", "", "责任编辑:霍琦", "", ""], "source": [""] * 6})
    assert news_signals(arts).tolist() == [True, True, True, True, True, True]
    plain = pd.DataFrame({"body": ["为了加强管理，制定本办法。", "5月10日，年会在重庆举行。"], "author": ["", "刘响"],
                          "source": ["", "EETOP"]})
    assert news_signals(plain).tolist() == [False, False]
    assert news_signals(pd.DataFrame({"title": ["钢铁产量增长"]})).tolist() == [False]   # titles only: no signal


@pytest.mark.parametrize("source, expected", [
    ("新京报", True), ("央视网《新闻联播》", True), ("人民网-文化频道", True), ("新华社", True), ("证券时报网", True),
    ("石家庄市融媒体中心", True), ("河北省人民政府网", False), ("rst.hebei.gov.cn", False), ("省发改委", False),
    ("中国地理学会", False), ("东区办事处", False), ("", False), ("《新闻联播》", False)])
def test_news_outlets(source, expected):
    assert is_news_outlet(source) is expected


def test_news_words_reviewed():
    assert {"今天", "今年", "我国", "强调", "表示", "指出", "记者"} <= register_stopwords("news")
    assert not {"今天", "我国"} & register_stopwords("policy")   # a policy collection keeps 我国


def cli_terms(arts: pd.DataFrame, register: str = "auto") -> list[str]:
    args = argparse.Namespace(top=100, min_length=2, user_dict=False, register=register, keep_duplicates=False)
    return kw_command.run(args, arts)["term"].tolist()


def report_terms(arts: pd.DataFrame) -> tuple[list[str], dict[str, str]]:
    rep = build_content(arts, None, corpus=tokenize_corpus(arts, build_tokenizer()), mentions=find_mentions(arts),
                        dataset="t", words=report_words("zh"), register="auto")
    return rep.sections[1].items[1].iloc[:, 0].tolist(), rep.settings


def test_cli_and_report_drop_news_filler_by_default():
    arts = news()
    plain = cli_terms(arts, "none")
    assert plain[:3] == ["钢铁企业", "增长", "钢铁"] and {"今天", "表示", "我国", "今年", "强调", "指出"} <= set(plain)
    auto = cli_terms(arts)
    assert auto == [t for t in plain if t not in register_stopwords("news")]
    assert not {"今天", "表示", "我国", "今年", "强调", "指出"} & set(auto)
    top, settings = report_terms(arts)
    assert top == auto
    assert settings["关键词排名去掉的常用词"].startswith("新闻报道常用词")
    assert cli_terms(other()) == cli_terms(other(), "none")   # a mixed collection: nothing left out


def _page(page: str, arts: pd.DataFrame, choice=None, language: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / page), default_timeout=180)
    ds = Dataset(name="t", articles=arts)
    at.session_state[DATASET_KEY] = ds
    at.session_state[LANG_KEY] = language
    if choice is not None:
        at.session_state[f"kw_register_{ds.digest}"] = choice
    at.run()
    assert not at.exception
    return at


def _chart_terms(at: AppTest) -> list[str]:
    return list(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"])[::-1]


def test_overview_ranks_like_the_cli_and_says_why():
    arts = news()
    at = _page("overview.py", arts)
    assert _chart_terms(at) == cli_terms(arts)[:15]
    assert any(c.value.startswith("已去掉新闻报道常用词(记者、表示、今天 …):自动选择,100% 的文章不是政策文件,其中 100% 带新闻标志")
               for c in at.caption)
    en = _page("overview.py", arts, language="en")
    assert any(c.value.startswith("Left out: news-register words (reporter, said, today …) — chosen automatically, "
                                  "100% of the articles are not policy documents and 100% of those carry news signs")
               for c in en.caption)
    none = _page("overview.py", arts, choice="none")
    assert _chart_terms(none) == cli_terms(arts, "none")[:15]
    assert any(c.value == "未去掉语体常用词(在“关键词”页选择)。" for c in none.caption)


def test_overview_caption_for_a_mixed_collection():
    at = _page("overview.py", other())
    assert any(c.value == "未去掉语体常用词:自动选择,政策文件占 0%,其余文章中带新闻标志的占 25%,都不到多数。可在“关键词”页切换。"
               for c in at.caption)


def test_keywords_page_choice_starts_on_auto():
    arts = news()
    at = _page("keywords.py", arts)
    radio = at.radio(key=f"kw_register_{Dataset(name='t', articles=arts).digest}")
    assert radio.value == "auto" and radio.options == ["自动", "政策文书", "新闻报道", "不去掉"]
    assert any(c.value == "已去掉新闻报道常用词(记者、表示、今天 …):自动选择,100% 的文章不是政策文件,其中 100% 带新闻标志"
                          "(电头、记者署名或媒体来源)。" for c in at.caption)   # no pointer to the page it is on
    radio.set_value("policy").run()
    assert any(c.value == "已去掉政策文书常用词(应当、可以、规定 …)(在“关键词”页选择)。" for c in at.caption)
    legacy = _page("keywords.py", arts, choice=True)     # the old on/off switch's value still means policy
    assert legacy.radio(key=f"kw_register_{Dataset(name='t', articles=arts).digest}").value == "policy"


def test_real_corpora(shared):
    cctv = load_paths([shared / "corpora" / "cctv_xwlb" / "articles.jsonl"]).articles
    d = register_decision(cctv)
    assert (d.register, d.articles) == ("news", 19876) and round(d.policy_share, 3) == 0.020
    assert resolve_register(load_paths([shared / "corpora" / "hebei_gov"]).articles) == "policy"
    assert resolve_register(load_paths([shared / "corpora" / "bjtcm" / "notices.json"]).articles) == "policy"
    assert resolve_register(load_paths(sorted((shared / "realpages").glob("*.html"))).articles) == "news"
