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


@pytest.mark.parametrize("joining", [False, True])
@pytest.mark.parametrize("text", ["é𠀀国a", "😀 ab", "ß\u00a0ab\u3000cd", "a\r\nb", "\ud800a\udfff"])
def test_characters_of_every_utf8_width(text, joining):
    tk = Joining(keep_all=True) if joining else Letters(keep_all=True)
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


class Joining(Letters):
    """``Letters`` that says its texts may be cut joined (``joins_texts``); ``merge`` makes its cut glue ``JOIN``
    to the letters around it (then the joined cut fails the checks). Records the texts it is asked to cut."""

    def __init__(self, merge: bool = False, **kw) -> None:
        super().__init__(**kw)
        self.joins_texts = True
        self.merge = merge
        self.cuts: list[str] = []

    def cut(self, text: str) -> list[str]:
        self.cuts.append(text)
        return re.findall(r"[a-z\x00]+|." if self.merge else r"[a-z]+|.", text, re.S)


def test_a_joining_tokenizer_cuts_each_step_in_one_call(monkeypatch):
    monkeypatch.setattr(S, "STEP_TEXTS", 3)
    texts = ["ab cd", "", "ef!", "ab", "\n", "gh ab"]
    tk = Joining()
    assert result(tk, texts) == result(Letters(), texts)
    assert tk.cuts == ["ab cd\x00\x00ef!", "ab\x00\n\x00gh ab"]


def test_a_text_holding_the_join_character_is_cut_on_its_own(monkeypatch):
    monkeypatch.setattr(S, "STEP_TEXTS", 2)
    texts = ["ab", "c\x00d", "ef", "gh"]
    tk = Joining(keep_all=True)
    got = result(tk, texts)
    assert tk.cuts == ["ab", "c\x00d", "ef\x00gh"]
    assert got == (["ab", "c", "\x00", "d", "ef", "gh"], [0, 1, 2, 3, 4, 5], [0, 1, 4, 5, 6])


def test_a_joined_cut_that_glues_the_join_falls_back_to_one_cut_per_text():
    texts = ["ab", "cd!", "ef"]
    tk = Joining(merge=True)
    assert result(tk, texts) == result(Letters(), texts) == (["AB", "CD", "EF"], [0, 1, B, 2], [0, 1, 3, 4])
    assert tk.cuts == ["ab\x00cd!\x00ef", "ab", "cd!", "ef"]


@pytest.fixture(scope="module")
def project_tk():
    return build_tokenizer()


EDGE_TEXTS = [
    "", "。，！？", "\n", "\n\n\n", "\r", "\n国务院", "国务院\r", "\r\n", " ", "\u3000", "😀", "😀国务院😀", "国务院",
    "召开常务会议", "ISO", "9001", "ISO 9001 质量管理体系", "GB/T 19001-2016", "标准ISO", " 9001标准", "x86_64",
    "www.gov.cn", "发展改革委", "和改革委员会", "国家发展", "a", "B", "1", ".", "-", "%", "abc", "DEF",
    "第三十二次会议　2024年\n\n国务院", "市场监管总局召开会议\n国家市场监督管理总局推进计量工作。",
]


def test_the_project_tokenizer_cuts_joined_texts_as_it_cuts_each(project_tk):
    """The rule ``joins_texts`` rests on, for the project's tokenizer (rjieba, ≈ 270k words, whole-word pass):
    texts that would fuse if joined without a separator (国家发展|和改革委员会, ISO| 9001, a text ending in \\r
    before one starting with \\n), emoji, lone surrogates, empty and punctuation-only texts."""
    from analysis.tokenizer import JOIN

    tk = project_tk
    assert tk.joins_texts
    texts = EDGE_TEXTS + EDGE_TEXTS[::-1] + ["国务院" * 20_000 + "会议"]
    want: list[str] = []
    for t in texts:
        want += tk.cut(t) + [JOIN]
    assert tk.cut(JOIN.join(texts)) == want[:-1]
    assert tk.cut("国家发展" + JOIN + "和改革委员会") == ["国家", "发展", JOIN, "和", "改革", "委员会"]
    assert tk.cut("国家发展和改革委员会") == ["国家发展和改革委员会"]
    got = S.tokenize_chunk(tk, texts)
    assert (got[0], got[1].tolist(), got[2].tolist()) == reference(tk, texts)
    # rjieba refuses a lone surrogate (the loaders remove them: analysis.normalize), joined or not
    with pytest.raises(UnicodeEncodeError):
        S.tokenize_chunk(tk, ["国务院", "\ud800孤"])
    with pytest.raises(UnicodeEncodeError):
        tk.cut("\ud800孤")


def test_the_project_tokenizer_joins_whole_words_only_within_a_text(project_tk):
    from analysis.tokenizer import JOIN

    cut = project_tk.cut
    assert cut("推行双随机、一公开监管") == ["推行", "双随机、一公开", "监管"]
    assert cut("推行双随机、" + JOIN + "一公开监管") == ["推行", "双随机", "、", JOIN, "一", "公开", "监管"]
    assert cut("双随机、一公开" + JOIN + "双随机、一公开") == ["双随机、一公开", JOIN, "双随机、一公开"]
    # a whole word with spaces (any run of white space matches one) never spans the JOIN
    tk = build_tokenizer(user_words=["ISO 9001"], agencies=False)
    assert tk.joins_texts and tk.cut("ISO  9001") == ["ISO  9001"]
    assert tk.cut("ISO" + JOIN + " 9001") == ["ISO", JOIN, " ", "9001"]
    assert tk.cut("ISO " + JOIN + "9001") == ["ISO", " ", JOIN, "9001"]
    assert not build_tokenizer(user_words=["甲\x00乙"], agencies=False).joins_texts


@pytest.fixture(scope="module")
def real_articles(shared):
    """The CCTV corpus (19,876 articles), the bjtcm notices and the first two Hebei policy CSVs, loaded."""
    from analysis.loaders import load_paths

    corpora = shared / "corpora"
    return load_paths([corpora / "cctv_xwlb" / "articles.jsonl", corpora / "bjtcm" / "notices.json",
                       *sorted((corpora / "hebei_gov").glob("*.csv"))[:2]]).articles


def test_joined_cuts_equal_cuts_per_text_on_the_real_corpora(real_articles, project_tk):
    """The proof on real data: every text of the real corpora (title + "\\n" + body, as the store's batches cut
    them), cut a step at a time joined and one by one: the same tokens."""
    from analysis.tokenizer import JOIN

    df = real_articles
    texts = [clean_text(f"{t or ''}\n{b or ''}") for t, b in zip(df["title"].tolist(), df["body"].tolist())]
    assert len(texts) > 19_876
    cut = project_tk.cut
    differ = 0
    for lo in range(0, len(texts), S.STEP_TEXTS):
        step = texts[lo:lo + S.STEP_TEXTS]
        want: list[str] = []
        for t in step:
            want += cut(t) + [JOIN]
        differ += cut(JOIN.join(step)) != want[:-1]
    assert differ == 0


def test_clean_text_equals_the_regex_on_the_real_corpora(real_articles):
    """Every title and body of the real corpora with a "." or "@": ``clean_text``'s check for a URL mark changes
    no result (and the regex replaces something in only a few of them)."""
    from analysis.tokenizer import _URL_RE

    df = real_articles
    texts = [t for col in ("title", "body") for t in df[col].fillna("").tolist() if "." in t or "@" in t]
    changed = [t for t in texts if _URL_RE.sub(" ", t) != t]
    assert len(texts) > 5_000 and 0 < len(changed) < len(texts) / 10
    assert [clean_text(t) for t in texts] == [_URL_RE.sub(" ", t) for t in texts]


class Glued(Letters):
    """``Letters`` whose tokens are glued to the ``SEP`` character (``\\x01``) that follows them: a token holding
    ``SEP`` (every token of such a step is then numbered by the dict)."""

    def cut(self, text: str) -> list[str]:
        return re.findall(r"[a-z]+\x01?|.", text, re.S)


def test_a_token_holding_the_separator_is_still_its_own_token(monkeypatch):
    monkeypatch.setattr(S, "STEP_TEXTS", 2)
    texts = ["ab\x01cd", "ab cd", "cd\x01", "ef"]
    tk = Glued(keep_all=True)
    got = result(tk, texts)
    assert got == reference(Glued(keep_all=True), texts)
    assert got[0] == ["ab\x01", "cd", "ab", " ", "cd\x01", "ef"]


class Listed(Letters):
    """A segmenter that returns the tokens it was given for each text (anything, even "" or tokens not in it)."""

    def __init__(self, cuts: dict[str, list[str]], joins: bool = False) -> None:
        super().__init__(keep_all=True)
        self.cuts = cuts
        self.joins_texts = joins

    def cut(self, text: str) -> list[str]:
        return list(self.cuts[text])


def test_tokens_of_every_kind_get_their_own_key():
    """Short keys (1–4 UTF-16 units) next to dict-numbered tokens: longer ones, empty ones, NUL or surrogates
    inside, astral characters — and short tokens whose units look like another key's (a NUL unit first)."""
    tokens = ["a", "ab", "abc", "abcd", "abcde", "", "\x00", "\x00a", "a\x00", "😀", "a😀", "\ud800", "国务院",
              "国务院常务会议", "\uffff", "\uffff\uffff\uffff\uffff", "\u0100", "\x01", "Ā", "aĀ", "ab", "a"]
    tk = Listed({"t1": tokens, "t2": tokens[::-1]})
    vocab, seq, offsets = result(tk, ["t1", "t2"])
    assert vocab == list(dict.fromkeys(tokens))
    assert [vocab[i] for i in seq] == tokens + tokens[::-1]
    assert offsets == [0, len(tokens), 2 * len(tokens)]


def test_key_strings_read_short_keys_and_number_the_rest():
    keys = np.array([0x61, 0x62_0061, 0x1 << 16, 0x4EBA_9662_52A1_56FD, 0 << 16], dtype=np.uint64)
    assert S._key_strings(keys, ["long0", "long1"]) == ["a", "ab", "long1", "国务院人", "long0"]
    assert S._key_strings(np.zeros(0, dtype=np.uint64), []) == []


def test_a_joined_cut_that_is_not_a_cut_falls_back_to_one_cut_per_text(monkeypatch):
    """The check that makes the joined cut safe: tokens that drop, add or change a character of the joined texts
    (so the tokens between two JOINs may not be one text's) send the step to one cut per text — whose tokens
    are then taken as they are."""
    monkeypatch.setattr(S, "STEP_TEXTS", 3)
    texts = ["ab cd", "ef", "gh ij"]
    joined = "ab cd\x00ef\x00gh ij"
    per_text = {"ab cd": ["ab", " ", "cd"], "ef": ["ef"], "gh ij": ["gh", " ", "ij"]}
    for bad in (["ab", "cd", "\x00", "ef", "\x00", "gh", " ", "ij"],            # a space dropped
                ["ab", " ", "cd", "\x00", "ef", "\x00", "gh", " ", "ij", "!"],  # a token added
                ["ab", " ", "cx", "\x00", "ef", "\x00", "gh", " ", "ij"],       # a character changed
                ["ab", " ", "cd", "\x00ef", "\x00", "gh", " ", "ij"],           # a JOIN glued to a text
                ["ab", " ", "cd\x00", "ef", "\x00", "gh", " ", "ij"],
                ["ab", " ", "cd", "\x00", "e", "f\x00", "gh", " ", "ij"]):
        assert "".join(bad) != joined or any("\x00" in t and t != "\x00" for t in bad)
        tk = Listed({joined: bad, **per_text}, joins=True)
        got = result(tk, texts)
        assert got == (["ab", " ", "cd", "ef", "gh", "ij"], [0, 1, 2, 3, 4, 1, 5], [0, 3, 4, 7])
    # the joined cut itself, when it is right
    tk = Listed({joined: ["ab", " ", "cd", "\x00", "ef", "\x00", "gh", " ", "ij"]}, joins=True)
    assert result(tk, texts) == (["ab", " ", "cd", "ef", "gh", "ij"], [0, 1, 2, 3, 4, 1, 5], [0, 3, 4, 7])


def test_joined_steps_with_empty_texts_and_empty_steps(monkeypatch):
    monkeypatch.setattr(S, "STEP_TEXTS", 2)
    texts = ["", "", "ab", "", "", "cd", ""]
    tk = Joining(keep_all=True)
    assert result(tk, texts) == (["ab", "cd"], [0, 1], [0, 0, 0, 1, 1, 1, 2, 2])
    assert tk.cuts == ["\x00", "ab\x00", "\x00cd", ""]
