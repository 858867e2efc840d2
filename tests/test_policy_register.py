"""analysis.policy.register: the register stopword lists and how they filter a keyword ranking."""
import pandas as pd
import pytest

from analysis.errors import InvalidOption
from analysis.keywords import tokenize_corpus
from analysis.policy.register import default_register, register_stopwords, top_terms_for_register
from analysis.tokenizer import build_tokenizer


def test_lists():
    policy = register_stopwords("policy")
    assert {"应当", "可以", "规定", "按照", "有关", "依法"} <= policy
    assert "记者" in register_stopwords("news") and register_stopwords("none") == frozenset()
    assert not any(w.startswith("#") for w in policy)
    with pytest.raises(InvalidOption):
        register_stopwords("law")


def test_filtering_keeps_the_other_terms_measures():
    arts = pd.DataFrame({"id": [1, 2, 3], "title": ["", "", ""],
                         "body": ["企业应当依法登记。企业应当纳税。", "企业应当遵守标准。", "标准化工作应当加强。"]})
    corpus = tokenize_corpus(arts, build_tokenizer())
    plain = corpus.top_terms(None, 10).set_index("term")
    policy = top_terms_for_register(corpus, None, 10, "policy")
    assert "应当" in plain.index and "应当" not in set(policy["term"])
    for row in policy.itertuples(index=False):
        assert (row.count, row.documents, row.tfidf) == tuple(plain.loc[row.term, ["count", "documents", "tfidf"]])
    assert top_terms_for_register(corpus, None, 10, "none").equals(corpus.top_terms(None, 10))


def test_default_register():
    policy = pd.DataFrame({"title": ["河北省用水管理办法", "关于做好工作的通知", "新闻标题"], "body": ["", "", ""]})
    news = pd.DataFrame({"title": ["习近平会见外宾", "全省开展专项检查", "关于做好工作的通知"], "body": ["", "", ""]})
    assert default_register(policy) == "policy" and default_register(news) == "none"
    assert default_register(policy.iloc[:0]) == "none"


def test_report_tables_hook():
    import numpy as np

    from analysis.policy import report_tables
    from analysis.report_content import policy_tables
    from labels.report import report_words

    arts = pd.DataFrame({"id": [1, 2, 3], "title": ["河北省用水管理办法", "关于做好用水工作的通知", "新闻"],
                         "body": ["为了加强用水管理，制定本办法。", "根据《河北省用水管理办法》执行。\n河北省水利厅\n2024年3月1日", "新闻。"],
                         "date": pd.to_datetime(["2023-01-05", "2024-03-05", "2024-03-06"])})
    arts["duplicate_of"] = pd.array([pd.NA] * 3, dtype="Int64")
    tables = policy_tables(arts, None, report_words("en"))
    assert [t for t, _ in tables] == ["Policy documents (most cited first)", "Citations by role", "Most cited titles",
                                      "Issuer × year"]
    assert tables[0][1]["id"].tolist() == [1, 2, 3] and tables[0][1]["cited_by"].tolist() == [1, 0, 0]
    assert [t for t, _ in policy_tables(arts, np.ones(3, dtype=bool), report_words("zh"))][0] == "政策文件(按被引次数)"
    assert report_tables(arts, np.array([False, False, True])) == []  # a news selection: no section
