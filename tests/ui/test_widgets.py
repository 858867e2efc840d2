"""ui/widgets.py: what is sent to the browser for a table, and download file names."""
from __future__ import annotations

import pandas as pd

from ui.widgets import display_frame, safe_filename


def test_display_frame_cuts_rows_and_long_text_but_not_numbers():
    df = pd.DataFrame({"id": range(5), "body": ["短", "长" * 10, "", "x" * 4, "y" * 3]})
    out = display_frame(df, rows=4, chars=4)
    assert out.to_dict("list") == {"id": [0, 1, 2, 3], "body": ["短", "长长长长…", "", "xxxx"]}
    assert df["body"].iloc[1] == "长" * 10   # the input is untouched


def test_safe_filename_keeps_chinese_and_drops_path_characters():
    assert safe_filename("机构/排行 <2024>.png") == "机构_排行_2024_.png"
    assert safe_filename("../../etc/passwd") == "etc_passwd"
    assert safe_filename("...") == "wenjian"


def _table_script():
    import pandas as pd
    import streamlit as st

    from ui import widgets
    got = []
    widgets.remember = lambda kind, name, df: got.append(df)
    df = pd.DataFrame({"agency": ["甲", "乙", "丙"], "mentions": [3, 2, 1]})
    widgets.show_table(df[df["mentions"] < 3], "filtered", key="f")          # row positions 1, 2 left by a filter
    widgets.show_table(df.set_index("agency"), "named", key="n")             # a named index is data: kept
    st.session_state["seen"] = [(list(d.columns), list(d.index), d.index.name) for d in got]


def test_show_table_drops_an_unnamed_filter_index_from_downloads():
    """tester s14 U10: the 机构 › 时间线 CSV carried a leaked ``index`` column the page's grid hides."""
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_function(_table_script).run()
    assert not at.exception
    assert at.session_state["seen"] == [(["agency", "mentions"], [0, 1], None), (["mentions"], ["甲", "乙", "丙"], "agency")]
