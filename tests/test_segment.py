"""``analysis.segment.tokenize_chunk``: term-id sequences of a chunk of texts (local vocabulary in order of first
appearance, BREAK runs collapsed, per-text offsets), whatever the characters' UTF-8 widths, across steps, and
with a segmenter whose tokens are not a cut of the text (the token-by-token path)."""
from __future__ import annotations

import re

import numpy as np
import pytest

from analysis import segment as S
from analysis.tokenizer import BREAK, build_tokenizer, clean_text

B = BREAK


class Letters:
    """A toy tokenizer: runs of a–z are words (term = upper case, ``the`` a stopword), every other character is
    a token of its own that is filtered out; ``syn`` maps raw tokens to another term (a synonym)."""

    def __init__(self, syn: dict[str, str] | None = None, keep_all: bool = False) -> None:
        self.syn = syn or {}
        self.keep_all = keep_all
        self.calls: list[str] = []

    def cut(self, text: str) -> list[str]:
        return re.findall(r"[a-z]+|.", text, re.S)

    def term_of(self, token: str) -> str | None:
        self.calls.append(token)
        if self.keep_all:
            return token
        if token in self.syn:
            return self.syn[token]
        return token.upper() if token.isalpha() and token.isascii() and token != "the" else None


class Dropping(Letters):
    """A segmenter that drops spaces: its tokens are not a cut of the text."""

    def cut(self, text: str) -> list[str]:
        return [t for t in super().cut(text) if t != " "]


def result(tk, texts):
    vocab, seq, offsets = S.tokenize_chunk(tk, texts)
    assert seq.dtype == np.int32 and offsets.dtype == np.int64
    return vocab, seq.tolist(), offsets.tolist()


def reference(tk, texts):
    """The per-token loop ``tokenize_chunk`` replaced: ids in order of first appearance, BREAK runs collapsed."""
    vocab: dict[str, int] = {}
    seq: list[int] = []
    offsets = [0]
    for text in texts:
        row: list[int] = []
        for tok in tk.cut(clean_text(text)):
            t = tk.term_of(tok)
            i = BREAK if t is None else vocab.setdefault(t, len(vocab))
            if i == BREAK and (not row or row[-1] == BREAK):
                continue
            row.append(i)
        seq += row
        offsets.append(len(seq))
    return list(vocab), seq, offsets


def test_ids_in_order_of_first_appearance_breaks_collapsed():
    texts = ["ab cd ab", "", "!! ef", "cd", "the the ab.."]
    assert result(Letters(), texts) == (["AB", "CD", "EF"], [0, B, 1, B, 0, 2, 1, 0, B], [0, 5, 5, 6, 7, 9])


def test_each_distinct_raw_token_is_decided_once():
    tk = Letters()
    result(tk, ["ab ab ab", "ab cd"])
    assert sorted(tk.calls) == [" ", "ab", "cd"]


def test_synonyms_share_the_id_of_the_first_raw_token():
    tk = Letters(syn={"colour": "COLOR", "color": "COLOR"})
    assert result(tk, ["colour x color", "color"]) == (["COLOR", "X"], [0, B, 1, B, 0, 0], [0, 5, 6])


@pytest.mark.parametrize("text", ["é𠀀国a", "😀 ab", "ß\u00a0ab\u3000cd", "a\r\nb"])
def test_characters_of_every_utf8_width(text):
    tk = Letters(keep_all=True)
    vocab, seq, offsets = result(tk, [text, text[::-1]])
    tokens = tk.cut(text)
    assert vocab == list(dict.fromkeys(tokens + tk.cut(text[::-1])))
    assert [vocab[i] for i in seq[:offsets[1]]] == tokens
    assert "".join(vocab[i] for i in seq[offsets[1]:]) == text[::-1]


def test_steps_give_the_same_result(monkeypatch):
    texts = ["ab cd", "ef", "", "ab gh", "ij ab", "cd"]
    whole = result(Letters(), texts)
    assert whole == (["AB", "CD", "EF", "GH", "IJ"], [0, B, 1, 2, 0, B, 3, 4, B, 0, 1], [0, 3, 4, 4, 7, 10, 11])
    monkeypatch.setattr(S, "STEP_TEXTS", 2)
    assert result(Letters(), texts) == whole
    monkeypatch.setattr(S, "STEP_TEXTS", 1)
    assert result(Letters(), texts) == whole


def test_tokens_that_are_not_a_cut_of_the_text(monkeypatch):
    monkeypatch.setattr(S, "STEP_TEXTS", 2)
    texts = ["ab cd", "ab!cd", "ef gh", "ab"]
    # spaces dropped by the segmenter: no BREAK between ab and cd in the first text, one for "!" in the second
    assert result(Dropping(), texts) == (["AB", "CD", "EF", "GH"], [0, 1, 0, B, 1, 2, 3, 0], [0, 2, 5, 7, 8])


def test_empty_chunks():
    assert result(Letters(), []) == ([], [], [0])
    assert result(Letters(), ["", "!!"]) == ([], [], [0, 0, 0])


def test_the_project_tokenizer_equals_the_per_token_loop():
    tk = build_tokenizer()
    texts = ["国务院召开常务会议，研究部署食品安全工作。", "", "访问 www.gov.cn 查看𠀀😀通知！！", "ISO 9001 标准",
             "第三十二次会议　2024年\n\n国务院"]
    got = S.tokenize_chunk(tk, texts)
    want = reference(tk, texts)
    assert (got[0], got[1].tolist(), got[2].tolist()) == want
    assert "国务院" in want[0] and want[2][2] == want[2][1]


@pytest.fixture(scope="module")
def real_articles(shared):
    """The CCTV corpus (19,876 articles), the bjtcm notices and the first two Hebei policy CSVs, loaded."""
    from analysis.loaders import load_paths

    corpora = shared / "corpora"
    return load_paths([corpora / "cctv_xwlb" / "articles.jsonl", corpora / "bjtcm" / "notices.json",
                       *sorted((corpora / "hebei_gov").glob("*.csv"))[:2]]).articles


def test_clean_text_equals_the_regex_on_the_real_corpora(real_articles):
    """Every title and body of the real corpora with a "." or "@": ``clean_text``'s check for a URL mark changes
    no result (and the regex replaces something in only a few of them)."""
    from analysis.tokenizer import _URL_RE

    df = real_articles
    texts = [t for col in ("title", "body") for t in df[col].fillna("").tolist() if "." in t or "@" in t]
    changed = [t for t in texts if _URL_RE.sub(" ", t) != t]
    assert len(texts) > 5_000 and 0 < len(changed) < len(texts) / 10
    assert [clean_text(t) for t in texts] == [_URL_RE.sub(" ", t) for t in texts]
