"""The 政策 page of a dataset above the memory threshold (lowered here to 3): the caption counts and the issuer ×
year matrix come from the saved table's policy fields, the same as the in-memory page's; the citation views say
they are not answered."""
from __future__ import annotations

import pandas as pd

import ui.library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from analysis.tokenizer import build_tokenizer
from tests.test_query_policy import ARTS
from tests.ui.test_app import app, library_dir, workspace_library  # noqa: F401
from ui.sidebar_picker import PICK_KEY
from ui.state import DATASET_KEY


def _policy_page(info, threshold: int, monkeypatch):
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", threshold)
    ui.library._open.clear()
    at = app()
    at.sidebar.selectbox(key=PICK_KEY).set_value(info.id).run()
    at.switch_page("views/policy.py").run()
    assert not at.exception and not at.error
    return at


def test_the_policy_page_of_a_large_dataset(library_dir, monkeypatch):
    lib = workspace_library(library_dir)
    info = lib.save("政策", ARTS)
    dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    at = _policy_page(info, 3, monkeypatch)
    assert at.session_state[DATASET_KEY].large
    assert at.caption[0].value == "5 篇 · 有文号 4 · 有发文机关 4(引用关系见下)"
    large = at.dataframe[0].value.reset_index(drop=True)
    assert large.values.tolist() == [["河北省人民政府办公厅", 0, 2], ["(未知)", 0, 1], ["河北省财政厅", 1, 0]]
    assert any("需要在导入时计算全部文件之间的引用" in i.value for i in at.info)
    small = _policy_page(info, 200_000, monkeypatch)   # the in-memory page's 发文机关 × 年份 view
    assert not small.session_state[DATASET_KEY].large
    small.radio(key="po_view").set_value("po.view_matrix").run()
    pd.testing.assert_frame_equal(large, small.dataframe[0].value.reset_index(drop=True), check_dtype=False)
    assert small.caption[0].value.startswith("5 篇 · 有文号 4 · 有发文机关 4 · ")
