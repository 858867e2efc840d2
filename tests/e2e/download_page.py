"""A page for ``test_download_rerun.py`` (not a test): a number input, then — on every run after the first — a
slow step (2 s for n = 4, else 8 s) before a table shown with the app's own ``ui.widgets.show_table`` (deferred
CSV/XLSX downloads). Changing the number to 4 and at once to 5 interrupts the 2 s run before it reaches the
table (``fastReruns``: it stops at its next Streamlit call, while the 8 s run has started): the situation in
which a download clicked on the still-shown table used to fail. ``WENJIAN_TEST_PLAIN_DOWNLOADS=1``
runs it without ``ui.downloads.keep_deferred_downloads`` (Streamlit's own behaviour)."""
import os
import sys
import time
from pathlib import Path

import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui.downloads import keep_deferred_downloads  # noqa: E402
from ui.widgets import show_table  # noqa: E402

if os.environ.get("WENJIAN_TEST_PLAIN_DOWNLOADS") != "1":
    keep_deferred_downloads()
n = int(st.number_input("n", 1, 100, 3, key="n"))
runs = st.session_state["runs"] = st.session_state.get("runs", 0) + 1
if runs > 1:
    time.sleep(2 if n == 4 else 8)
show_table(pd.DataFrame({"row": range(1, n + 1), "square": [i * i for i in range(1, n + 1)]}), "squares",
           key="squares")
st.html(f'<div id="wj-run" data-run="{runs}" style="display:none"></div>')
