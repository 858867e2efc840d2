"""analysis.user_dict: cleaning, synonym lines, atomic persistence."""
from __future__ import annotations

import json

import pytest

from analysis.errors import InvalidOption
from analysis.user_dict import UserDict, load_user_dict, make_user_dict, parse_synonym_lines, save_user_dict, \
    user_dict_path


def test_make_user_dict_cleans():
    ud = make_user_dict([" 强基 ", "", "强基", "质量"], ["的", " 的"], [("市监", "市场监管"), ("市监", "市场监督"),
                                                                      ("同", "同"), ("", "x")])
    assert ud == UserDict(("强基", "质量"), ("的",), (("市监", "市场监督"),))
    assert ud.key() == (("强基", "质量"), ("的",), (("市监", "市场监督"),))
    with pytest.raises(InvalidOption, match="variant"):
        make_user_dict(synonyms=[("一",)])


def test_parse_synonym_lines():
    text = "市场监督管理=市场监管\n# comment\n\n市监, 市场监管局 → 市场监管\n发改委->国家发展和改革委员会\n药监\t药品监管"
    assert parse_synonym_lines(text) == (("市场监督管理", "市场监管"), ("市监", "市场监管"), ("市场监管局", "市场监管"),
                                         ("发改委", "国家发展和改革委员会"), ("药监", "药品监管"))
    with pytest.raises(InvalidOption, match="第 2 行.*line 2"):
        parse_synonym_lines("a=b\n只有一个词")


def test_save_and_load_roundtrip(tmp_path, monkeypatch):
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "u"))
    assert user_dict_path() == tmp_path / "u" / "user_dict.json"
    assert load_user_dict() == UserDict()  # nothing saved yet
    ud = make_user_dict(["强基突破"], ["网站"], [("市场监督管理", "市场监管")])
    save_user_dict(ud)
    assert json.loads(user_dict_path().read_text(encoding="utf-8")) == {
        "words": ["强基突破"], "stopwords": ["网站"], "synonyms": [["市场监督管理", "市场监管"]]}
    assert load_user_dict() == ud
    assert [p.name for p in (tmp_path / "u").iterdir()] == ["user_dict.json"]  # no temporary file left


def test_unreadable_file_gives_an_empty_dictionary(tmp_path):
    bad = tmp_path / "user_dict.json"
    bad.write_text("{not json", encoding="utf-8")
    assert load_user_dict(bad) == UserDict()
    bad.write_text("[1, 2]", encoding="utf-8")
    assert load_user_dict(bad) == UserDict()


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "user_dict.json"
    save_user_dict(make_user_dict(["旧词"]), path)

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("analysis.user_dict.os.replace", boom)
    with pytest.raises(OSError, match="disk full"):
        save_user_dict(make_user_dict(["新词"]), path)
    assert load_user_dict(path).words == ("旧词",)
    assert [p.name for p in tmp_path.iterdir()] == ["user_dict.json"]
