"""``python -m analysis articles``: the clean article table."""
from __future__ import annotations

import argparse

import pandas as pd

from analysis.schema import ARTICLE_COLUMNS, dates_as_text

HELP = "输出清洗后的文章表 / print the clean article table (id, title, date, source, author, url, body, file, duplicate_of)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options beyond the common ones: every row is printed, duplicates marked in ``duplicate_of``."""


def run(args: argparse.Namespace, articles: pd.DataFrame) -> pd.DataFrame:
    out = articles[list(ARTICLE_COLUMNS)].copy()
    out["date"] = dates_as_text(out["date"])
    return out
