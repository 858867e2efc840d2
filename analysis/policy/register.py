"""Register stopwords: words that top every keyword ranking of one kind of text without saying what a
document is about — modal and procedural words of policy text (应当, 可以, 规定, 按照 …:
``data/stopwords_policy.txt``) or the reporting words of news (记者, 日电 …: ``data/stopwords_news.txt``).

They are applied *after* counting (:func:`top_terms_for_register`), so switching the register never
re-tokenizes a corpus and every other measure of a term stays the same.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.agency_table import MEDIA_SUFFIXES, MEDIA_TYPE, load_agencies, split_aliases
from analysis.errors import invalid_option
from analysis.policy.numbers import doc_type_of

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REGISTERS: tuple[str, ...] = ("policy", "news", "none")
#: share of policy documents (analysis.policy.metadata.policy_share) above which "auto" means "policy"
POLICY_MAJORITY = 0.5


@lru_cache(maxsize=4)
def register_stopwords(register: str) -> frozenset[str]:
    """The stopwords of ``register`` (``policy``, ``news`` or ``none`` = empty). Raises ``InvalidOption``
    for any other name."""
    if register not in REGISTERS:
        raise invalid_option("register", register, "|".join(REGISTERS))
    if register == "none":
        return frozenset()
    path = DATA_DIR / f"stopwords_{register}.txt"
    words = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


#: share of the articles that are not policy documents above which "auto" can mean "news" …
NOT_POLICY_MAJORITY = 0.5
#: … when at least this share of those articles carries a news signal (:func:`news_signals`)
NEWS_SIGNAL_SHARE = 0.5
#: characters at the start of a body searched for a dateline or byline
LEAD_CHARS = 150
#: datelines and bylines of Chinese news reports (the conventions of 新华社/中新社/报纸/网站 copy, as in the
#: CCTV 新闻联播 corpus and ../shared/realpages): 新华社北京3月5日电 · 长江网10月4日讯 · 本报讯 · 本站讯 ·
#: （记者 裴剑飞） · 通讯员 · 央视网消息（新闻联播）： · 据财联社9月26日消息 · 据…报道 · （原标题：…） of a reprint ·
#: （刘通摄） a photo credit
DATELINE_RE = re.compile(r"\d{1,2}日电|\d{1,2}日讯|[报站网台社]讯|记者|通讯员|(?:网|社|台|报|新闻|客户端)消息|"
                         r"\d{1,2}日消息|据[^，。\n]{1,12}报道|原标题|[（(][^（()）]{0,8}摄[）)]")
#: the author field of a news item: 记者 X · 责任编辑 X · 通讯员 X
BYLINE_RE = re.compile(r"记者|编辑|通讯员")
#: a news outlet's name: 新京报, 长江网, 山西日报, 证券时报网, 央视网《新闻联播》 (the programme in 《》 is left out) …
OUTLET_RE = re.compile(r"(?:报|网|台|社|新闻|客户端|杂志|周刊|频道)$")
#: … but not a government body or portal (河北省人民政府网, rst.hebei.gov.cn, 省发改委办公室)
GOVERNMENT_RE = re.compile(r"政府|gov\.cn|厅|局|委员会|委|部$|办公室|办事处")


@lru_cache(maxsize=1)
def _media_names() -> frozenset[str]:
    """Canonical names and aliases of the news organisations (``type`` ``media``) in the project's own
    ``data/agencies.csv`` (新华通讯社/新华社, 人民日报社/人民日报 …; the user's table is left out so that
    the register of a dataset never depends on who opens it)."""
    table = load_agencies(user_path="")
    media = table[table["type"] == MEDIA_TYPE]
    return frozenset(media["canonical"]) | {a for text in media["aliases"].fillna("") for a in split_aliases(text)}


def is_news_outlet(source: str) -> bool:
    """Is ``source`` (an article's ``source`` field) a news outlet: a news organisation of
    ``data/agencies.csv`` or one of its aliases inside the name (人民网-文化频道 holds no alias; 新华社 does),
    a name ending like a media body (``analysis.agency_table.MEDIA_SUFFIXES``: 报社, 电视台 …) or like an
    outlet (``OUTLET_RE``: 报, 网, 台, 新闻 …) — and not a government body or portal (``GOVERNMENT_RE``)."""
    name = re.sub(r"《[^》]*》", "", source or "").strip()
    if not name or GOVERNMENT_RE.search(name):
        return False
    return name.endswith(MEDIA_SUFFIXES) or bool(OUTLET_RE.search(name)) or any(m in name for m in _media_names())


def _column(articles: pd.DataFrame, name: str) -> pd.Series:
    if name not in articles:
        return pd.Series("", index=articles.index, dtype=object)
    return articles[name].fillna("").astype(str)


def news_signals(articles: pd.DataFrame) -> pd.Series:
    """Per article (bool Series on ``articles.index``): does it carry a sign of a news report — a dateline or
    byline in the first :data:`LEAD_CHARS` characters of ``body`` (:data:`DATELINE_RE`), a reporter or editor
    in ``author`` (:data:`BYLINE_RE`) or a news outlet as ``source`` (:func:`is_news_outlet`)? Missing columns
    count as empty (a title-only table has no signal)."""
    lead = _column(articles, "body").str.slice(0, LEAD_CHARS).str.contains(DATELINE_RE)
    byline = _column(articles, "author").str.contains(BYLINE_RE)
    sources = _column(articles, "source")
    outlet = sources.map({s: is_news_outlet(s) for s in sources.unique()}).astype(bool)
    return lead | byline | outlet


def _is_policy(articles: pd.DataFrame) -> pd.Series:
    """Rows that look like policy documents: a document type or a 文号 (as ``policy_share``)."""
    if "doc_type" not in articles:  # a dataset saved before the policy columns: the titles are enough
        return _column(articles, "title").map(doc_type_of).fillna("") != ""
    return (_column(articles, "doc_type") != "") | (_column(articles, "doc_number") != "")


@dataclass(frozen=True)
class RegisterDecision:
    """What ``auto`` decided for a table and the shares it decided from (0–1; ``articles`` rows in all)."""
    register: str
    articles: int
    policy_share: float        # rows with a document type or 文号
    not_policy_share: float    # 1 - policy_share
    news_share: float          # of the rows that are not policy documents: share with a news signal
    reason: str                # "policy", "news", "mixed" (not policy, too few news signals) or "empty"


def register_decision(articles: pd.DataFrame) -> RegisterDecision:
    """The ``auto`` rule and its numbers: ``policy`` when more than :data:`POLICY_MAJORITY` of the articles are
    policy documents (a 文号 or a document type from the title); ``news`` when more than
    :data:`NOT_POLICY_MAJORITY` are not and at least :data:`NEWS_SIGNAL_SHARE` of those carry a news signal
    (:func:`news_signals`); else ``none`` (an empty table, or a collection of other texts: blogs, notices
    without datelines). Measured on every real corpus by ``scripts/register_table.py`` (CCTV 新闻联播 → news,
    the Hebei policy CSVs and the bjtcm notices → policy, the realpages news pages → news)."""
    n = len(articles)
    if n == 0:
        return RegisterDecision("none", 0, 0.0, 0.0, 0.0, "empty")
    policy = _is_policy(articles).to_numpy(dtype=bool)
    share = float(policy.mean())
    others = articles[~policy]
    news = float(news_signals(others).mean()) if len(others) else 0.0
    if share > POLICY_MAJORITY:
        return RegisterDecision("policy", n, share, 1 - share, news, "policy")
    if 1 - share > NOT_POLICY_MAJORITY and news >= NEWS_SIGNAL_SHARE:
        return RegisterDecision("news", n, share, 1 - share, news, "news")
    return RegisterDecision("none", n, share, 1 - share, news, "mixed")


def default_register(articles: pd.DataFrame) -> str:
    """``auto``'s register for ``articles``: ``policy``, ``news`` or ``none`` (:func:`register_decision`)."""
    return register_decision(articles).register


def resolve_register(articles: pd.DataFrame, choice: str = "auto") -> str:
    """The register whose stopwords every keyword ranking of ``articles`` leaves out — the one rule of the
    关键词 and 概览 pages (their switch's starting position), ``python -m analysis keywords --register`` and the
    complete report (dashboard and ``report --register``): ``auto`` → :func:`default_register` (``policy`` when
    most articles are policy documents, ``news`` when most are news reports, else ``none``);
    ``policy``/``news``/``none`` as given. Raises
    ``InvalidOption`` for any other ``choice``."""
    if choice == "auto":
        return default_register(articles)
    if choice not in REGISTERS:
        raise invalid_option("register", choice, "|".join(("auto", *REGISTERS)))
    return choice


def top_terms_for_register(corpus, mask: np.ndarray | None, n: int, register: str) -> pd.DataFrame:
    """``corpus.top_terms(mask, n)`` without the register's stopwords: the ``n`` most frequent remaining
    terms, each with the same ``count, documents, tfidf`` as in the unfiltered ranking."""
    stop = register_stopwords(register)
    if not stop:
        return corpus.top_terms(mask, n)
    top = corpus.top_terms(mask, n + len(stop))
    return top[~top["term"].isin(stop)].head(n).reset_index(drop=True)
