"""The 机构 page of a dataset above the memory threshold (``MEMORY_MAX_ARTICLES``, lowered here to 5): the
"other analysis settings" note shows only when the store's settings really differ from the workspace's."""
from __future__ import annotations

from pathlib import Path

import pytest

import ui.library
from analysis.library import Library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store
from analysis.tokenizer import build_tokenizer
from tests.test_store_pages import ARTICLES
from tests.ui.test_app import app, library_dir, workspace_library  # noqa: F401
from ui.sidebar_picker import PICK_KEY

NOTE = "此大数据集的数据存储是用其他分析设置(词典或机构表)建立的"


def _saved(library_dir, monkeypatch, spec: AnalysisSpec):
    """A large dataset whose only store was built with ``spec`` by another code version (its folder key is
    not the one this code computes, as after any edit of the code files since ``python -m analysis ingest``)."""
    lib = workspace_library(library_dir)
    info = lib.save("大数据集", ARTICLES)
    folder = Path(dataset_store(lib, info.id, spec).path)
    folder.rename(folder.with_name(f"{info.id}-v{info.version}-{'0' * 16}"))
    monkeypatch.setattr(ui.library, "MEMORY_MAX_ARTICLES", 5)
    return info


def _agencies_page(info):
    at = app()
    at.sidebar.selectbox(key=PICK_KEY).set_value(info.id).run()
    at.switch_page("views/agencies.py").run()
    assert not at.exception and not at.error
    return at


def _notes(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith(NOTE)]


def test_a_store_of_another_code_version_with_the_same_settings_has_no_note(library_dir, monkeypatch):
    info = _saved(library_dir, monkeypatch, AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path=""))
    assert _notes(_agencies_page(info)) == []


def test_a_store_built_with_another_dictionary_has_the_note(library_dir, monkeypatch):
    other = AnalysisSpec(tokenizer=build_tokenizer(user_words=("计量工作",)).settings, agency_user_path="")
    info = _saved(library_dir, monkeypatch, other)
    assert _notes(_agencies_page(info)) == [
        NOTE + ";修改设置后请用 python -m analysis ingest 重新导入。"]
