"""Comparing two saved datasets directly (issue 13 item 5): both tables stacked into one temporary dataset
whose ``file`` column says which side a row came from (``A`` or ``B``), so the keyword comparison (keyness)
runs on one tokenized corpus. Kept per session for the last pair only."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.dataset import Dataset

PAIR_KEY = "wj_compare_pair"


def compare_datasets(a: Dataset, b: Dataset) -> Dataset:
    """``a`` and ``b`` as one dataset: every article of ``a`` (``file == "A"``) then of ``b`` (``"B"``), ids and
    ``duplicate_of`` as in each side (reposts are left out per side by the caller). The same dataset may
    stand on both sides."""
    cached = st.session_state.get(PAIR_KEY)
    if cached is not None and cached[0] == (a.digest, b.digest):
        return cached[1]
    articles = pd.concat([a.articles.assign(file="A"), b.articles.assign(file="B")], ignore_index=True)
    pair = Dataset(name=f"{a.name} | {b.name}", articles=articles)
    st.session_state[PAIR_KEY] = ((a.digest, b.digest), pair)
    return pair
