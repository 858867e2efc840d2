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
