"""Whole-word counts of a term the term table leaves out (tester s16 K1, K2): a user stopword, its synonym, a
single character, next to a kept term with a synonym and a user word — on the page functions
(``analysis.kwic.match_counts`` / ``MatchedCorpus`` / ``analysis.timeline.term_series``, what the 关键词 and
时间线 pages call), the ``kwic`` and ``timeline`` commands with ``--user-dict``, and their equality."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.keywords import tokenize_corpus
from analysis.kwic import MatchedCorpus, article_texts, kwic, left_out_reason, match_counts, occurrences, word_vector
from analysis.timeline import term_series
from analysis.tokenizer import build_tokenizer
from analysis.user_dict import make_user_dict, save_user_dict

ROWS = [
    {"id": 1, "title": "中国经济", "date": "2024-01-02", "source": "甲",
     "body": "中国的改革开放。中国共产党领导中国。强基突破行动。"},
    {"id": 2, "title": "改革", "date": "2024-02-05", "source": "乙",
     "body": "中华人民共和国深化改革,中国发展,中国式现代化。深改见效。"},
    {"id": 3, "title": "无关", "date": "2024-03-04", "source": "甲", "body": "天气晴。2024年。"},
]
WORDS, STOPWORDS, SYNONYMS = ["强基突破"], ["中国"], [("中华人民共和国", "中国"), ("深改", "改革")]


@pytest.fixture(scope="module")
def arts() -> pd.DataFrame:
    return pd.DataFrame(ROWS).assign(date=lambda d: pd.to_datetime(d["date"]), file="a.jsonl")


@pytest.fixture(scope="module")
def tk():
    return build_tokenizer(WORDS, STOPWORDS, SYNONYMS)


@pytest.fixture(scope="module")
def corpus(arts, tk):
    return tokenize_corpus(arts, tk)


def test_why_a_term_is_not_in_the_table(tk):
    assert left_out_reason("中国", tk) == "stopword"
    assert left_out_reason(" 中国 ", tk) == "stopword"
    assert left_out_reason("中华人民共和国", tk) == "stopword"   # a synonym of a stopword
    assert left_out_reason("的", tk) == "stopword"               # a project stopword
    assert left_out_reason("晴", tk) == "filtered"               # a single character
    assert left_out_reason("2024", tk) == "filtered"             # a number
    assert left_out_reason("改革", tk) is None
    assert left_out_reason("深改", tk) is None                    # the synonym of a kept term
    assert left_out_reason("强基突破", tk) is None                # a user word
    assert left_out_reason("中国经济", tk) is None                # a phrase the tokenizer splits: never one column
    assert left_out_reason("中国", build_tokenizer()) is None     # not a stopword without the user dictionary


def test_stopword_is_out_of_the_ranking_but_counted_as_a_word(arts, tk, corpus):
    top = corpus.top_terms(None, 50)
    assert "中国" not in set(top["term"]) and "中华人民共和国" not in set(top["term"])
    assert top.set_index("term").loc["改革", "count"] == 2   # 改革 + 深改 (synonym); 深化改革 is another word
    assert corpus.term_vector("中国").tolist() == [0, 0, 0]   # the term table has no column for it
    # whole words: 中国 ×3 in article 1 (not inside 中国共产党), 中华人民共和国 (synonym) + 中国 in article 2
    # (not inside 中国式现代化); substrings: 4 in article 1, 2 in article 2
    for term in ("中国", "中华人民共和国"):
        assert word_vector(arts, term, corpus, tk).tolist() == [3, 2, 0]
        assert MatchedCorpus(arts, corpus, tk, "token").term_vector(term).tolist() == [3, 2, 0]
        assert occurrences(arts, term, "token", tokenizer=tk).tolist() == [3, 2, 0]
        # what the pages pass (the term table's column, zeros) is not used for a stopword
        c = match_counts(arts, term, tokenizer=tk, token_vector=corpus.term_vector(term))
        assert (c["left_out"], c["token"], c["token_docs"]) == ("stopword", 5, 2)
        assert c == match_counts(arts, term, tokenizer=tk)
        assert len(kwic(arts, term, tokenizer=tk, mode="token")) == 5
    assert match_counts(arts, "中国", tokenizer=tk)["substring"] == 6
    assert match_counts(arts, "中国", tokenizer=tk)["substring_docs"] == 2
    assert kwic(arts, "中华人民共和国", tokenizer=tk, width=1)["term"].tolist() == [
        "中国", "中国", "中国", "中华人民共和国", "中国"]
    mask = np.array([False, True, True])
    assert match_counts(arts, "中国", tokenizer=tk, mask=mask,
                        token_vector=corpus.term_vector("中国"))["token"] == 2


def test_single_character_and_kept_terms(arts, tk, corpus):
    c = match_counts(arts, "晴", tokenizer=tk, token_vector=corpus.term_vector("晴"))
    assert (c["left_out"], c["token"], c["substring"]) == ("filtered", 1, 1)
    for term, vec, sub in (("改革", [0, 2, 0], 3), ("深改", [0, 2, 0], 1), ("强基突破", [1, 0, 0], 1)):
        c = match_counts(arts, term, tokenizer=tk, token_vector=corpus.term_vector(term))
        assert (c["left_out"], c["token"], c["substring"]) == (None, sum(vec), sub), term
        assert word_vector(arts, term, corpus, tk).tolist() == vec
        assert occurrences(arts, term, "token", tokenizer=tk).tolist() == vec   # the table's column = the token stream
        assert len(kwic(arts, term, tokenizer=tk, mode="token")) == sum(vec)


def test_timeline_counts_a_stopword_by_its_words(arts, tk, corpus):
    counter = MatchedCorpus(arts, corpus, tk, "token", article_texts(arts))
    tl = term_series(arts, counter, ["中国", "改革", "晴"], None, "month")
    assert tl.table["period"].tolist() == ["2024-01", "2024-02", "2024-03"]
    assert tl.table["中国"].tolist() == [3, 2, 0]
    assert tl.table["改革"].tolist() == [0, 2, 0]
    assert tl.table["晴"].tolist() == [0, 0, 1]
    sub = term_series(arts, MatchedCorpus(arts, corpus, tk, "substring"), ["中国"], None, "month")
    assert sub.table["中国"].tolist() == [4, 2, 0]


# ---------------------------------------------------------------------------------------------- the CLI
@pytest.fixture()
def files(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("WENJIAN_USER_DIR", str(tmp_path / "user"))
    save_user_dict(make_user_dict(WORDS, STOPWORDS, SYNONYMS))
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "id"}, ensure_ascii=False) + "\n"
                            for r in ROWS), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_timeline_user_dict_equals_the_page(capsys, files, arts, tk, corpus):
    code, out, err = run(capsys, "timeline", files, "--freq", "month", "--term-mode", "token", "--user-dict",
                         "--term", "中国", "--term", "深改", "--term", "强基突破")
    assert code == 0
    assert out == ("period,articles,term:中国,term:深改,term:强基突破\n"
                   "2024-01,1,3,0,1\n2024-02,1,2,2,0\n2024-03,1,0,0,0\n")
    assert "term:中国 是用户停用词" in err and "term:中国 counted as whole words (--term-mode token, the 时间线 page's 整词): 5" in err
    page = term_series(arts, MatchedCorpus(arts, corpus, tk, "token"), ["中国", "深改", "强基突破"], None, "month")
    assert [page.table[t].tolist() for t in ("中国", "深改", "强基突破")] == [[3, 2, 0], [0, 2, 0], [1, 0, 0]]
    # without the dictionary: 中国 is a word of the table, 中华人民共和国 no synonym, 深改 none of 改革, 强基突破 split
    code, out, err = run(capsys, "timeline", files, "--freq", "month", "--term-mode", "token",
                         "--term", "中国", "--term", "深改", "--term", "强基突破")
    assert code == 0
    assert out == ("period,articles,term:中国,term:深改,term:强基突破\n"
                   "2024-01,1,3,0,1\n2024-02,1,1,1,0\n2024-03,1,0,0,0\n")
    assert "是用户停用词" not in err and "counted as the token sequence 强基 | 突破" in err


def test_cli_timeline_added_mode_counts_a_user_stopword(capsys, files):
    code, out, err = run(capsys, "timeline", files, "--freq", "month", "--user-dict", "--term", "中国")
    assert code == 0
    assert out == "period,articles,term:中国\n2024-01,1,3\n2024-02,1,2\n2024-03,1,0\n"
    assert "term:中国 是用户停用词" in err and "term:中国 counted as a whole word with T added" in err


def test_cli_kwic_user_dict_equals_the_page(capsys, files, arts, tk):
    code, out, err = run(capsys, "kwic", files, "--term", "中国", "--user-dict", "--width", "1")
    assert code == 0
    assert out.splitlines()[0] == "id,file,left,term,right" and len(out.splitlines()) == 6
    page = match_counts(arts, "中国", tokenizer=tk)
    assert f"整词 / as words: {page['token']} ({page['token_docs']} 篇" in err
    assert "整词 / as words: 5 (2 篇" in err and "子串 / as substring: 6 (2 篇" in err
    code, out, _ = run(capsys, "keywords", files, "--user-dict", "--register", "none")
    assert code == 0 and "\n中国," not in out and out.splitlines()[1].startswith("改革,2,1,")
