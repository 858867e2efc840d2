"""ui/cache.py on top of the corpus store: a saved dataset with a store is read, not re-analysed."""
from __future__ import annotations

import pandas as pd
import pytest

import ui.cache as cache
import ui.library
from analysis.agencies import find_mentions
from analysis.library import Library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from ui.state import Dataset
from tests.test_store import ARTS

KEY = ((), (), ())  # no user dictionary


@pytest.fixture()
def saved(tmp_path, monkeypatch):
    lib = Library(tmp_path)
    monkeypatch.setattr(ui.library, "library", lambda: lib)
    info = lib.save("甲", ARTS)
    ds = Dataset(name=info.name, articles=lib.open(info.id), library_id=info.id, digest=info.digest)
    return lib, info, ds


def test_no_store_means_the_old_path(saved):
    lib, info, ds = saved
    assert cache.stored_folder(ds, KEY) is None
    assert cache.stored_folder(Dataset(name="x", articles=ARTS), KEY) is None  # not saved


def test_existing_store_is_used_for_corpus_and_mentions(saved):
    lib, info, ds = saved
    spec = AnalysisSpec(tokenizer=cache.tokenizer(*KEY).settings, agency_user_path=None)
    store = dataset_store(lib, info.id, spec)
    assert cache.stored_folder(ds, KEY) == str(store.path)
    corpus = cache._corpus(ds.digest + "-store-test", ds, KEY)
    assert corpus.vocab == store.read("terms")["term"].to_pylist()  # the store's (sorted) vocabulary
    ref = cache.tokenizer(*KEY)
    from analysis.keywords import tokenize_corpus

    assert corpus.term_vector("计量").tolist() == tokenize_corpus(ARTS, ref).term_vector("计量").tolist()
    mentions = cache._mentions(ds.digest + "-store-test", ds, "default")
    pd.testing.assert_frame_equal(mentions, find_mentions(ARTS, cache.agency_matcher("default")))
    # a dataset whose table differs from the saved one (digest) never reads the store
    other = Dataset(name="x", articles=ARTS.head(3), library_id=info.id)
    assert cache.stored_folder(other, KEY) is None


def test_cache_does_not_import_the_session_state_module():
    """One module owns the session (``ui.state``), one the caches (``ui.cache``): no import loop between them."""
    import subprocess
    import sys

    code = ("import sys, ui.cache, ui.library, ui.upload; "
            "print(sorted(m for m in sys.modules if m in ('ui.state', 'ui.sidebar', 'ui.widgets')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert out.stdout.strip() == "[]"
