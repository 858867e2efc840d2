"""``analysis.store.store.settings_differ``: a store's recorded analysis settings (tokenizer settings and agency
table digest) against the session's — the store key also holds a digest of the code files, which changes with
any edit of them, so a store built by another code version with the same settings is not "other settings"."""
from __future__ import annotations

import pytest

from analysis.library import Library
from analysis.store.batch import AnalysisSpec
from analysis.store.store import dataset_store, settings_differ
from analysis.tokenizer import build_tokenizer
from tests.test_store_pages import ARTICLES

USER_TABLE = ("canonical,aliases,level,region,region_code,parent,type,note\n"
              "测试专用管理局,测试局,national,全国,,,国务院直属机构,\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("lib")
    lib = Library(root)
    info = lib.save("设置", ARTICLES)
    spec = AnalysisSpec(tokenizer=build_tokenizer().settings, agency_user_path="")
    return dataset_store(lib, info.id, spec), spec


@pytest.fixture()
def user_table(tmp_path):
    p = tmp_path / "agencies.csv"
    p.write_text(USER_TABLE, encoding="utf-8")
    return str(p)


def test_a_store_records_its_settings(built):
    store, spec = built
    assert store.meta["tokenizer"] == spec.tokenizer.version
    assert store.meta["agency_table"] == spec.agency_table_digest()
    assert store.meta["spec"] == spec.digest()
    assert not settings_differ(store.meta, spec)


def test_another_code_version_with_the_same_settings_is_not_other_settings(built):
    store, spec = built
    meta = {**store.meta, "spec": "0" * 20}   # the digest of other code files (as after any code edit)
    assert not settings_differ(meta, spec)


def test_another_dictionary_is_other_settings(built):
    store, _ = built
    other = AnalysisSpec(tokenizer=build_tokenizer(user_words=("计量工作",)).settings, agency_user_path="")
    assert settings_differ(store.meta, other)
    stop = AnalysisSpec(tokenizer=build_tokenizer(user_stopwords=("通知",)).settings, agency_user_path="")
    assert settings_differ(store.meta, stop)


def test_another_agency_table_is_other_settings(built, user_table):
    store, spec = built
    edited = AnalysisSpec(tokenizer=spec.tokenizer, agency_user_path=user_table)
    assert edited.agency_table_digest() != spec.agency_table_digest()
    assert settings_differ(store.meta, edited)
    # a user path with no file there: the project's table, the same settings
    assert not settings_differ(store.meta, AnalysisSpec(tokenizer=spec.tokenizer,
                                                        agency_user_path=user_table + ".missing"))


def test_a_store_written_before_the_table_digest_was_recorded(built, user_table):
    store, spec = built
    old = {k: v for k, v in store.meta.items() if k != "agency_table"}
    assert not settings_differ(old, spec)   # taken as built with the project's table
    assert settings_differ(old, AnalysisSpec(tokenizer=spec.tokenizer, agency_user_path=user_table))
    other = AnalysisSpec(tokenizer=build_tokenizer(user_words=("计量工作",)).settings, agency_user_path="")
    assert settings_differ(old, other)
