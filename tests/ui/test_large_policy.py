"""The 政策 page of a dataset above the memory threshold (lowered here to 3): the caption counts, the issuer ×
year matrix, the documents table, the most cited titles and the citation list are the in-memory page's (the
citations from the store's citation tables, resolved over the whole corpus at ingest); a store built before those
tables, or before their ``resolved_id``, keeps the counts and the matrix and asks for a re-ingest."""
from __future__ import annotations

import shutil

import pandas as pd

import ui.library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from analysis.tokenizer import build_tokenizer
from tests.test_query_citations import ARTS as CITING
from tests.test_query_policy import ARTS
from tests.ui.test_app import app, library_dir, workspace_library  # noqa: F401
from labels.shell import SHELL
from labels.pages import PAGES
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


def _frames(at) -> list[pd.DataFrame]:
    return [d.value.reset_index(drop=True) for d in at.dataframe]


def test_a_store_without_citation_tables(library_dir, monkeypatch):
    lib = workspace_library(library_dir)
    info = lib.save("政策", ARTS)
    store = dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    for t in ("citations", "doc_keys"):   # as a store ingested before them
        shutil.rmtree(store.path / f"{t}.parquet", ignore_errors=True)
        (store.path / f"{t}.parquet").unlink(missing_ok=True)
    at = _policy_page(info, 3, monkeypatch)
    assert at.session_state[DATASET_KEY].large
    assert at.caption[0].value == "5 篇 · 有文号 4 · 有发文机关 4(引用关系见下)"
    large = at.dataframe[0].value.reset_index(drop=True)
    assert large.values.tolist() == [["河北省人民政府办公厅", 0, 2], ["(未知)", 0, 1], ["河北省财政厅", 1, 0]]
    assert any("python -m analysis ingest" in i.value and "引用表之前" in i.value for i in at.info)
    small = _policy_page(info, 200_000, monkeypatch)   # the in-memory page's 发文机关 × 年份 view
    assert not small.session_state[DATASET_KEY].large
    small.radio(key="po_view").set_value("po.view_matrix").run()
    pd.testing.assert_frame_equal(large, small.dataframe[0].value.reset_index(drop=True), check_dtype=False)
    assert small.caption[0].value.startswith("5 篇 · 有文号 4 · 有发文机关 4 · ")


def test_a_store_without_resolved_targets(library_dir, monkeypatch):
    """A store ingested before ``resolved_id`` (its citation tables without the column) opens: counts and matrix,
    and the page asks for a re-ingest instead of reading targets it does not hold."""
    import pyarrow.parquet as pq

    lib = workspace_library(library_dir)
    info = lib.save("政策", ARTS)
    store = dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    path = store.path / "citations.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["resolved_id"]), path)   # as the previous version wrote it
    at = _policy_page(info, 3, monkeypatch)
    assert at.session_state[DATASET_KEY].large
    assert at.caption[0].value == "5 篇 · 有文号 4 · 有发文机关 4(引用关系见下)"
    assert at.dataframe[0].value.reset_index(drop=True).values.tolist() == [
        ["河北省人民政府办公厅", 0, 2], ["(未知)", 0, 1], ["河北省财政厅", 1, 0]]
    assert any("python -m analysis ingest" in i.value and "尚无导入时解析的目标" in i.value for i in at.info)


def test_the_policy_page_of_a_large_dataset(library_dir, monkeypatch):
    lib = workspace_library(library_dir)
    info = lib.save("引用", CITING)
    dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    large = _policy_page(info, 3, monkeypatch)
    small = _policy_page(info, 200_000, monkeypatch)
    assert large.session_state[DATASET_KEY].large and not small.session_state[DATASET_KEY].large
    # the same caption: 6 documents (the repost left out), 6 references to other documents, 4 inside
    assert large.caption[0].value == small.caption[0].value == \
        "6 篇 · 有文号 3 · 有发文机关 3 · 引用 6 处(语料内 4)"
    docs_large, docs_small = _frames(large)[0], _frames(small)[0]
    pd.testing.assert_frame_equal(docs_large, docs_small, check_dtype=False)
    assert docs_large[["id", "citing", "cited_by"]].values.tolist() == [
        [1, 0, 1], [2, 0, 1], [3, 0, 1], [4, 2, 0], [5, 4, 0], [7, 0, 0]]
    large.selectbox(key="po_sort").set_value("citing").run()
    large.toggle(key="po_desc").set_value(True).run()
    assert _frames(large)[0]["id"].tolist() == [5, 4, 1, 2, 3, 7]
    for view in ("po.view_cited", "po.view_citations", "po.view_matrix"):
        large.radio(key="po_view").set_value(view).run()
        small.radio(key="po_view").set_value(view).run()
        assert not large.exception and not small.exception
        pd.testing.assert_frame_equal(_frames(large)[0], _frames(small)[0], check_dtype=False)
    large.radio(key="po_view").set_value("po.view_network").run()
    assert any("引用网络图" in i.value for i in large.info)


def test_too_many_references_ask_to_narrow(library_dir, monkeypatch):
    import analysis.store.query_citations as QC

    lib = workspace_library(library_dir)
    info = lib.save("引用", CITING)
    dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    # 15 stored rows of the 6 selected documents (1: 3, 2: 1, 3: 2, 4: 5, 5: 4; 7 none)
    monkeypatch.setattr(QC, "CITATION_MAX_ROWS", 10)
    at = _policy_page(info, 3, monkeypatch)
    assert at.caption[0].value == "6 篇 · 有文号 3 · 有发文机关 3(引用关系见下)"
    assert any("有 15 处引用,超过 10 处" in i.value for i in at.info)
    note = next(i.value for i in at.info if "超过 10 处" in i.value)
    # the filters it points to, as the sidebar names them; the count is the stored one (before resolution:
    # 6 references to other documents remain after it, the caption of the page under the cap)
    names = ("f.dates", "f.sources", "f.query", "f.agencies")
    assert all(SHELL[k][0] in note for k in names), note
    assert all(SHELL[k][1] in PAGES["lg.po_narrow"][1] for k in names)   # (the English text likewise)
    assert "解析前" in note and "下面是发文机关 × 年份" in note
    # years 2001, 2020, 2021, 2022 (7 is undated)
    assert _frames(at)[0].values.tolist() == [["河北省人民政府", 1, 1, 1, 0], ["(未知)", 0, 1, 0, 1]]


def test_documents_pages_are_read_once_per_filter_change(library_dir, monkeypatch):
    import analysis.store.query_citations as QC
    import ui.large

    lib = workspace_library(library_dir)
    info = lib.save("引用", CITING)
    dataset_store(lib, info.id, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    calls = []
    real = QC.documents
    monkeypatch.setattr(QC, "documents", lambda *a, **kw: calls.append(kw) or real(*a, **kw))
    monkeypatch.setattr(ui.large, "PAGE_ROWS", 4)   # 6 documents: pages of 4 and 2
    at = _policy_page(info, 3, monkeypatch)
    assert _frames(at)[0]["id"].tolist() == [1, 2, 3, 4]
    assert at.metric[0].value == "6"
    assert len(calls) == 1 and "limit" not in calls[0]   # the whole filtered table, once
    at.number_input(key="po_docs_page").set_value(2).run()
    assert _frames(at)[0]["id"].tolist() == [5, 7]
    assert len(calls) == 1   # turning the page reads nothing
    at.selectbox(key="po_sort").set_value("citing").run()
    at.toggle(key="po_desc").set_value(True).run()
    assert _frames(at)[0]["id"].tolist() == [3, 7]   # sorted 5, 4, 1, 2 | 3, 7: page 2 kept
    at.number_input(key="po_docs_page").set_value(1).run()
    assert _frames(at)[0]["id"].tolist() == [5, 4, 1, 2]
    assert len(calls) == 3   # one per filter change (sort, order)
    at.text_input(key="po_search").set_value("奖励办法").run()
    assert _frames(at)[0]["id"].tolist() == [2, 3] and at.metric[0].value == "2"
    assert not at.exception and not at.error
