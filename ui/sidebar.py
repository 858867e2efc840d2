"""The shared sidebar: upload / dataset picker and the global filters (kept across page switches)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.filters import Filters, parse_query
from analysis.loaders import LoadOptions, load_files
from ui import state


def _upload() -> None:
    files = st.file_uploader(
        "上传文章集 / Upload articles", accept_multiple_files=True, key="wj_upload",
        help="CSV/TSV, XLSX, JSON, JSONL, TXT, HTML, ZIP — 可多选 / several at once",
    )
    if not files:
        return
    sig = tuple((f.name, f.size) for f in files)
    if st.session_state.get("wj_upload_sig") == sig:
        return
    st.session_state["wj_upload_sig"] = sig
    try:
        result = load_files([(f.name, f.getvalue()) for f in files], LoadOptions())
    except WenjianError as exc:
        st.session_state["wj_upload_error"] = str(exc)
        return
    st.session_state.pop("wj_upload_error", None)
    name = files[0].name if len(files) == 1 else f"{files[0].name} 等 {len(files)} 个文件"
    state.set_dataset(state.Dataset(name=name, articles=result.articles, report=result.report))


def _filters() -> None:
    ds = state.current_dataset()
    if ds is None or ds.articles.empty:
        return
    arts = ds.articles
    st.subheader("筛选 / Filters")
    dates = arts["date"].dropna()
    date_from = date_to = None
    if not dates.empty:
        lo, hi = dates.min().date(), dates.max().date()
        picked = st.date_input("日期范围 / Dates", value=(lo, hi), min_value=lo, max_value=hi, key="wj_f_dates")
        if isinstance(picked, (tuple, list)) and len(picked) == 2:
            if picked[0] != lo:
                date_from = pd.Timestamp(picked[0])
            if picked[1] != hi:
                date_to = pd.Timestamp(picked[1])
    sources = st.multiselect("来源 / Sources", sorted(s for s in arts["source"].unique() if s), key="wj_f_sources")
    query = st.text_input("关键词查询 / Query", key="wj_f_query",
                          help="空格=AND, OR=或, NOT 或 -词 = 排除;例: 市场监管 OR 计量 NOT 广告")
    try:
        parse_query(query)
    except WenjianError as exc:
        st.warning(str(exc))
        query = ""
    dedupe = st.toggle("转载只计一次 / Count reposts once", value=True, key="wj_f_dedupe")
    state.set_filters(Filters(date_from=date_from, date_to=date_to, sources=tuple(sources), query=query,
                              dedupe=dedupe, keep_undated=date_from is None and date_to is None))


def render() -> None:
    with st.sidebar:
        st.title("文鉴 Wenjian")
        _upload()
        if err := st.session_state.get("wj_upload_error"):
            st.error(err)
        ds = state.current_dataset()
        if ds is not None:
            st.caption(f"当前数据集 / Dataset: **{ds.name}** — {len(ds.articles)} 篇")
        _filters()
