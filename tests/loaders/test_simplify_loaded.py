"""analysis.loaders.simplify_loaded: converting a loaded table gives exactly the table a fresh load with
``to_simplified=True`` gives — reposts marked again, policy columns and headnote dates read from the converted
text, content keys of the converted text (tester s15 D2)."""
from __future__ import annotations

import pandas as pd

from analysis.ids import KEY, with_article_ids
from analysis.loaders import LoadOptions, load_files, simplify_loaded

CSV = ("标题,日期,正文\n"
       "河北省人民政府辦公廳關於印發計量發展規劃的通知,,\"冀政辦字〔2024〕5號\n各市人民政府：\n"
       "現將《計量發展規劃》印發給你們，請認真貫徹執行。\n河北省人民政府辦公廳\n2024年3月1日\"\n"
       "國家市場監督管理總局發布新規,2024-05-01,國家市場監督管理總局今天發布計量新規，推動高質量發展。\n"
       "国家市场监督管理总局发布新规,2024-05-02,国家市场监督管理总局今天发布计量新规，推动高质量发展。\n"
       "计量日活动举行,2024-05-20,各地举行计量日活动，宣传计量知识。\n"
       "河北省計量監督管理辦法,,\"（2023年11月17日河北省人民政府令〔2023〕第10號公佈，自2024年1月1日起施行）\n"
       "第一條 為了加強計量監督管理，制定本辦法。\n河北省人民政府\n2023年11月20日\"\n")
FILES = [("mix.csv", CSV.encode())]


def loaded(**kw) -> pd.DataFrame:
    return load_files(FILES, LoadOptions(**kw)).articles


def test_equals_a_fresh_load_with_conversion_cell_for_cell_and_key_for_key():
    plain = with_article_ids(loaded())          # as the library holds it: with its keys
    fresh = loaded(to_simplified=True)
    out, changed = simplify_loaded(plain)
    pd.testing.assert_frame_equal(out, fresh)
    assert KEY not in out and changed == 3
    assert with_article_ids(out)[KEY].tolist() == with_article_ids(fresh)[KEY].tolist()
    # converted rows get new keys (content-derived), the untouched simplified rows keep theirs
    assert with_article_ids(out)[KEY].tolist()[2:4] == plain[KEY].tolist()[2:4]
    assert with_article_ids(out)[KEY].tolist()[0] != plain[KEY].tolist()[0]


def test_reposts_policy_columns_and_dates_are_those_of_the_converted_text():
    plain = loaded()
    assert plain["duplicate_of"].isna().all()                       # the traditional twin is not seen before
    assert plain["doc_number"].tolist() == ["", "", "", "", ""]
    out, _ = simplify_loaded(plain)
    assert out["title"].tolist()[:2] == ["河北省人民政府办公厅关于印发计量发展规划的通知", "国家市场监督管理总局发布新规"]
    assert out["duplicate_of"].tolist() == [pd.NA, pd.NA, 2, pd.NA, pd.NA]
    assert out["converted"].tolist() == [True, True, False, False, True]
    assert out["doc_number"].tolist() == ["冀政办字〔2024〕5号", "", "", "", "河北省人民政府令〔2023〕第10号"]
    assert out["issuer"].tolist() == ["河北省人民政府办公厅", "", "", "", "河北省人民政府"]
    assert out["doc_type"].tolist()[4] == "办法"
    # the signature date the rules had put into ``date`` gives way to the headnote's 公布 date, as in a load
    assert plain.loc[4, ["date", "date_source"]].tolist() == [pd.Timestamp("2023-11-20"), "text"]
    assert out.loc[4, ["date", "date_source"]].tolist() == [pd.Timestamp("2023-11-17"), "headnote"]
    assert out.loc[4, "written_date"] == pd.Timestamp("2023-11-20")
    # the loader's own dates (the 日期 column) stay
    assert out["date"].tolist()[1:4] == [pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-02"),
                                         pd.Timestamp("2024-05-20")]


def test_input_untouched_and_options():
    plain = loaded()
    before = plain.copy()
    out, _ = simplify_loaded(plain, mark_duplicates=False)
    pd.testing.assert_frame_equal(plain, before)
    assert out["duplicate_of"].isna().all()
    pd.testing.assert_frame_equal(out, loaded(to_simplified=True, mark_duplicates=False))


def test_simplified_table_and_empty_table():
    simple = loaded().iloc[[2, 3]].reset_index(drop=True)
    out, changed = simplify_loaded(simple)
    assert changed == 0 and out["converted"].tolist() == [False, False]
    assert out["title"].tolist() == ["国家市场监督管理总局发布新规", "计量日活动举行"]
    empty, changed = simplify_loaded(loaded().iloc[:0])
    assert len(empty) == 0 and changed == 0 and "duplicate_of" in empty
