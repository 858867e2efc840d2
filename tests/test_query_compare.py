"""``analysis.store.query_compare``: two saved datasets compared give identical frames on the memory and DuckDB
backends (and one of each), equal to the in-memory page's ``keyness`` over the two datasets tokenized together
(``ui.compare.compare_datasets``: A's articles then B's); exact values and the error for each bad input."""
from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.keyness import keyness
from analysis.keywords import tokenize_corpus
from analysis.store import query as Q
from analysis.store import query_compare as QC
from analysis.store.store import build_store
from analysis.tokenizer import build_tokenizer
from tests.test_query_agencies import ARTS as B_ARTS
from tests.test_store_pages import ARTICLES as A_ARTS, spec  # noqa: F401 (the stores' analysis spec)


@pytest.fixture(scope="module")
def pair(spec, tmp_path_factory):
    """(memory, DuckDB) backends of dataset A and of dataset B."""
    root = tmp_path_factory.mktemp("compare")
    sa = build_store(root / "a", A_ARTS, spec, batch_rows=4)
    sb = build_store(root / "b", B_ARTS, spec, batch_rows=5)
    with contextlib.closing(Q.DuckBackend(sa)) as da, contextlib.closing(Q.DuckBackend(sb)) as db:
        yield (Q.MemoryBackend.from_store(sa), da), (Q.MemoryBackend.from_store(sb), db)


def _page(dedupe: bool, measure: str, n: int, min_count: int) -> pd.DataFrame:
    """``views/keywords.py``'s 两个数据集 comparison: the two tables together, tokenized, side masks."""
    arts = pd.concat([A_ARTS.assign(file="A"), B_ARTS.assign(file="B")], ignore_index=True)
    corpus = tokenize_corpus(arts, build_tokenizer(agencies=False))
    side = arts["file"].to_numpy()
    kept = arts["duplicate_of"].isna().to_numpy() if dedupe else True
    return keyness(corpus, (side == "A") & kept, (side == "B") & kept, n=n, measure=measure, min_count=min_count)


@pytest.mark.parametrize("dedupe", [True, False])
@pytest.mark.parametrize("measure,n,min_count", [("llr", 30, 3), ("logodds", 30, 3), ("llr", 5, 1),
                                                 ("logodds", 100, 0)])
def test_compare_agrees_with_the_page(pair, dedupe, measure, n, min_count):
    (ma, da), (mb, db) = pair
    want = _page(dedupe, measure, n, min_count)
    for a, b in ((ma, mb), (da, db), (ma, db), (da, mb)):
        got, na, nb = QC.compare_datasets(a, b, dedupe=dedupe, measure=measure, n=n, min_count=min_count)
        pd.testing.assert_frame_equal(got, want)
        assert (na, nb) == ((A_ARTS["duplicate_of"].isna().sum(), B_ARTS["duplicate_of"].isna().sum()) if dedupe
                            else (len(A_ARTS), len(B_ARTS)))


def test_values(pair):
    (_, da), (_, db) = pair
    got, na, nb = QC.compare_datasets(da, db)
    assert (na, nb) == (13, 16)   # one repost on each side left out
    a_side = got[got["side"] == "A"]
    assert a_side["score"].is_monotonic_decreasing and (a_side["score"] > 0).all()
    assert (got.loc[got["side"] == "B", "score"] < 0).all()
    every, _, _ = QC.compare_datasets(da, db, min_count=1)
    # B holds A's articles and three more (参加 four times in B, once in A; 财政部 five times against two)
    assert every[every["term"].isin(["参加", "财政部", "卫生部"])].values.tolist() == [
        ["参加", "B", 1, 4, 76.923, 238.095, -1.2595], ["卫生部", "B", 0, 1, 0.0, 59.524, -1.1489],
        ["财政部", "B", 2, 5, 153.846, 297.619, -0.6893]]
    assert every[every["term"] == "GDP"].values.tolist() == [["GDP", "A", 1, 1, 76.923, 59.524, 0.033]]
    same, _, _ = QC.compare_datasets(da, da)   # a dataset against itself: nothing distinctive
    assert same.empty


def test_bad_input(pair):
    (_, da), (_, db) = pair
    with pytest.raises(InvalidOption, match="measure"):
        QC.compare_datasets(da, db, measure="chi2")
    with pytest.raises(InvalidOption):
        QC.compare_datasets(da, db, n=-1)
