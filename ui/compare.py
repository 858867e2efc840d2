"""Comparing two saved datasets directly (issue 13 item 5): both tables stacked into one temporary dataset
whose ``file`` column says which side a row came from (``A`` or ``B``), so the keyword comparison (keyness)
runs on one tokenized corpus. Kept per session for the last pair only."""
from __future__ import annotations

import pandas as pd
from ui import session
from ui.dataset import Dataset
from ui.session import PAIR_KEY


def compare_datasets(a: Dataset, b: Dataset) -> Dataset:
    """``a`` and ``b`` as one dataset: every article of ``a`` (``file == "A"``) then of ``b`` (``"B"``), ids and
    ``duplicate_of`` as in each side (reposts are left out per side by the caller). The same dataset may
    stand on both sides."""
    if (cached := session.memo(PAIR_KEY, (a.digest, b.digest))) is not None:
        return cached
    articles = pd.concat([a.articles.assign(file="A"), b.articles.assign(file="B")], ignore_index=True)
    pair = Dataset(name=f"{a.name} | {b.name}", articles=articles)
    session.keep_memo(PAIR_KEY, (a.digest, b.digest), pair)
    return pair
