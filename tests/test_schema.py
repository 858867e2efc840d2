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


def test_date_source_and_written_date_columns():
    from analysis.schema import DATE_SOURCES, EXTRA_COLUMNS

    assert EXTRA_COLUMNS == ("converted", "date_source", "written_date")
    assert DATE_SOURCES == ("column", "meta", "label", "text", "url", "headnote", "")
    df = coerce_articles(pd.DataFrame({
        "title": ["甲", "乙", "丙"], "date": ["2024-05-02", None, "2023-01-01"],
        "date_source": ["column", "label", None], "written_date": ["2024-04-28 09:00", None, "bad"]}))
    assert df["date_source"].tolist() == ["column", "", ""]   # no date, no source of one
    assert str(df["written_date"].dtype) == "datetime64[ns]"
    assert dates_as_text(df["written_date"]).tolist() == ["2024-04-28", "", ""]
    empty = empty_articles()
    assert list(empty.columns) == list(ARTICLE_COLUMNS) + list(EXTRA_COLUMNS)
    assert str(empty["written_date"].dtype) == "datetime64[ns]"
