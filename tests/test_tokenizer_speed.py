"""The tokenizer's build shortcuts (issue 10) keep the dictionary: rjieba's suggested frequencies replayed from
the temp-folder cache give the same segmenter as computing them, and the one-scan search for words outside
jieba's runs finds what the per-word test found. (``scripts/check_analysis_digest.py`` compares whole corpora;
``scripts/bench_tokenize.py`` measures.)"""
from __future__ import annotations

import tempfile

import pytest

from analysis import jieba_engines as E, tokenizer as T

rjieba = pytest.importorskip("rjieba")

WORDS = ("海南自贸港", "质量基础设施", "检验检测", "河北省市场监督管理局", "国家发展和改革委员会", "发展和改革",
         "高质量发展", "标准化工作", "GB/T 19001-2016", "计量工作")
TEXTS = ("海南自贸港推进高质量发展，质量基础设施和检验检测协同。", "国家发展和改革委员会与河北省市场监督管理局开展标准化工作",
         "计量工作和标准化工作协同推进 GB/T 19001-2016")


@pytest.fixture()
def temp(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path))
    return tmp_path


def _plain(words):
    seg = rjieba.Jieba()
    for w in words:
        seg.add_word(w, None, None)
    return seg


def test_replayed_frequencies_build_the_same_segmenter(temp):
    plain = _plain(WORDS)
    first = E._rjieba_with_words(rjieba.Jieba(), WORDS)  # computes, writes the cache
    caches = list(temp.glob("wenjian_rjieba_*.freq"))
    assert len(caches) == 1 and caches[0].stat().st_size == 8 * len(WORDS)
    second = E._rjieba_with_words(rjieba.Jieba(), WORDS)  # replays it
    for seg in (first, second):
        assert [seg.suggest_freq(w) for w in WORDS] == [plain.suggest_freq(w) for w in WORDS]
        assert [seg.cut(t, True) for t in TEXTS] == [plain.cut(t, True) for t in TEXTS]
    assert second.cut(TEXTS[0], True)[:3] == ["海南自贸港", "推进", "高质量发展"]


def test_a_cache_of_the_wrong_size_is_rebuilt(temp):
    E._rjieba_with_words(rjieba.Jieba(), WORDS)
    cache = next(temp.glob("wenjian_rjieba_*.freq"))
    cache.write_bytes(b"\x01" * 12)  # truncated: not 8 bytes per word
    seg = E._rjieba_with_words(rjieba.Jieba(), WORDS)
    plain = _plain(WORDS)
    assert [seg.cut(t, True) for t in TEXTS] == [plain.cut(t, True) for t in TEXTS]
    assert cache.stat().st_size == 8 * len(WORDS)


def test_another_word_list_has_its_own_cache(temp):
    E._rjieba_with_words(rjieba.Jieba(), WORDS)
    E._rjieba_with_words(rjieba.Jieba(), WORDS[::-1])
    assert len(list(temp.glob("wenjian_rjieba_*.freq"))) == 2


@pytest.mark.parametrize("words", [
    ["", "GB/T 1", "北京", "a b", "x·y", "ISO 9001", "", "（中）", "C++", "R&D", "5.5%"],
    ["a\nb", "c d", "北京"],  # a word holding a line break: checked word by word
    [],
    ["a b"],
])
def test_outside_runs_equals_the_per_word_test(words):
    assert T._outside_runs(words) == [w for w in words if w and not T._JIEBA_RUN.match(w)]


def test_outside_runs_on_the_project_dictionary():
    words = T.build_tokenizer().settings.words
    assert T._outside_runs(words) == [w for w in words if w and not T._JIEBA_RUN.match(w)]
