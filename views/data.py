"""数据 page: the parse report and the article table of the current dataset."""
import streamlit as st

from analysis.schema import ARTICLE_COLUMNS
from ui import state

st.header("数据 / Data")
ds = state.current_dataset()
if ds is None:
    st.info("在左侧上传文章文件 / Upload article files in the sidebar.")
    st.stop()
if ds.report is not None:
    for line in ds.report.summary_lines()[:3]:
        st.write(line)
    st.dataframe(ds.report.files_frame(), hide_index=True)
st.dataframe(state.filtered_articles()[list(ARTICLE_COLUMNS)], hide_index=True)
