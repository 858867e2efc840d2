import pandas as pd

from analysis.schema import ARTICLE_COLUMNS, coerce_articles, dates_as_text, empty_articles


def test_empty_articles_has_contract_columns():
    df = empty_articles()
    assert list(df.columns[: len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert len(df) == 0
    assert str(df["date"].dtype) == "datetime64[ns]"


def test_coerce_fills_and_types_without_mutating():
    raw = pd.DataFrame({"title": ["甲", None], "date": ["2024-05-02 10:30", "not a date"], "extra": [1, 2]})
    before = raw.copy()
    df = coerce_articles(raw)
    pd.testing.assert_frame_equal(raw, before)
    assert df["id"].tolist() == [1, 2]
    assert df["title"].tolist() == ["甲", ""]
    assert df["body"].tolist() == ["", ""]
    assert dates_as_text(df["date"]).tolist() == ["2024-05-02", ""]
    assert df["duplicate_of"].isna().all() and str(df["duplicate_of"].dtype) == "Int64"
    assert df.columns[-1] == "extra"
