"""Small article fixtures shared by the keyword tests (test_keywords, test_kwic, test_keyness, test_phrases).

Tokens with ``build_tokenizer(agencies=False)`` (domain terms only), filtered terms per article:
1 甲 2024-01-05  市场监管 总局 会议 国家 市场监督管理 总局 推进 计量 工作 计量 质量基础设施 基础 投入 亿元   (14)
2 乙 2024-02-10  标准化 标准化 工作 计量 工作 协同 推进                                               (7)
3 乙 2024-02-20  海南自贸港 推进 高质量 发展 高质量 发展 离不开 标准化                                   (8)
4 甲 (no date)   计量 标准化 质量基础设施                                                               (3)
"""
from __future__ import annotations

import pandas as pd

from analysis.schema import coerce_articles


def articles() -> pd.DataFrame:
    return coerce_articles(pd.DataFrame({
        "title": ["市场监管总局召开会议", "标准化", "", "计量标准化"],
        "body": ["国家市场监督管理总局推进计量工作。计量是质量基础设施的基础,2024年投入3亿元。",
                 "标准化工作和计量工作协同推进。", "海南自贸港推进高质量发展,高质量发展离不开标准化。", "质量基础设施"],
        "source": ["甲", "乙", "乙", "甲"],
        "date": ["2024-01-05", "2024-02-10", "2024-02-20", None],
        "file": ["a.txt", "b.txt", "c.txt", "d.txt"],
    }))
