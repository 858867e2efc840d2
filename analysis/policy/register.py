"""Register stopwords: words that top every keyword ranking of one kind of text without saying what a
document is about — modal and procedural words of policy text (应当, 可以, 规定, 按照 …:
``data/stopwords_policy.txt``) or the reporting words of news (记者, 日电 …: ``data/stopwords_news.txt``).

They are applied *after* counting (:func:`top_terms_for_register`), so switching the register never
re-tokenizes a corpus and every other measure of a term stays the same.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import invalid_option
from analysis.policy.metadata import policy_share
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


def default_register(articles: pd.DataFrame) -> str:
    """``"policy"`` when most articles are policy documents (share of rows with a 文号 or a document type
    > :data:`POLICY_MAJORITY`), else ``"none"``."""
    if len(articles) == 0:
        return "none"
    if "doc_type" not in articles:  # a dataset saved before the policy columns: the titles are enough
        articles = pd.DataFrame({"doc_type": articles["title"].fillna("").map(doc_type_of)})
    return "policy" if policy_share(articles) > POLICY_MAJORITY else "none"


def resolve_register(articles: pd.DataFrame, choice: str = "auto") -> str:
    """The register whose stopwords every keyword ranking of ``articles`` leaves out — the one rule of the
    关键词 and 概览 pages (their switch's starting position), ``python -m analysis keywords --register`` and the
    complete report (dashboard and ``report --register``): ``auto`` → :func:`default_register` (``policy`` when
    most articles are policy documents, else ``none``); ``policy``/``news``/``none`` as given. Raises
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
