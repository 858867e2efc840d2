"""文鉴 Wenjian — the router: page config, the shared sidebar (dataset, global filters), navigation.

Run with ``streamlit run app.py``. Pages live in ``views/`` (one small module each).
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ui import sidebar  # noqa: E402

st.set_page_config(page_title="文鉴 Wenjian", page_icon="📰", layout="wide")

sidebar.render()

PAGES = [
    st.Page(str(ROOT / "views" / "overview.py"), title="概览", icon="🏠", default=True, url_path="overview"),
    st.Page(str(ROOT / "views" / "keywords.py"), title="关键词", icon="🔤", url_path="keywords"),
    st.Page(str(ROOT / "views" / "agencies.py"), title="机构", icon="🏛️", url_path="agencies"),
    st.Page(str(ROOT / "views" / "timeline.py"), title="时间线", icon="📈", url_path="timeline"),
    st.Page(str(ROOT / "views" / "articles.py"), title="文章", icon="📄", url_path="articles"),
    st.Page(str(ROOT / "views" / "data.py"), title="数据", icon="🗂️", url_path="data"),
]
st.navigation(PAGES).run()
