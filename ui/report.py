"""The one-file report: every chart and table this session has shown for the current dataset and filters,
with the settings that produced them (built by ``analysis.report.build_report`` only when downloaded)."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import state
from ui.i18n import t
from ui.widgets import REPORT_ITEMS_KEY, safe_filename


def report_settings() -> dict[str, object]:
    """The dataset and global filters, as shown at the top of the report."""
    ds = state.current_dataset()
    f = state.current_filters()
    return {
        "数据集 / dataset": ds.name if ds else "—",
        "文章总数 / articles in dataset": len(ds.articles) if ds else 0,
        "筛选后 / after filters": int(state.current_mask().sum()),
        "日期从 / from": f.date_from, "日期到 / to": f.date_to,
        "来源 / sources": list(f.sources), "查询 / query": f.query or "—", "机构 / agencies": list(f.agencies),
        "转载只计一次 / reposts once": f.dedupe, "保留无日期 / keep undated": f.keep_undated,
    }


def current_sections() -> dict[str, list]:
    """Page -> [items] for what was shown under the current dataset and filters (captioned by name)."""
    ds = state.current_dataset()
    stamp = (ds.digest if ds is not None else "", state.current_filters())
    sections: dict[str, list] = {}
    for (page, _kind, _name), (item_stamp, obj, caption) in st.session_state.get(REPORT_ITEMS_KEY, {}).items():
        if item_stamp == stamp:
            sections.setdefault(page or "—", []).append((caption, obj))
    return sections


def report_button(key: str = "wj_report") -> None:
    """A download button for the HTML report (built lazily on click, from a snapshot of this session)."""
    from analysis.report import Section, build_report

    snapshot = current_sections()
    settings = report_settings()
    ds = state.current_dataset()
    title = f"文鉴报告 / Wenjian report — {ds.name if ds else ''}"

    def make() -> bytes:
        sections = []
        for page, items in snapshot.items():
            sections.append(Section(heading=page, items=[obj for _, obj in items],
                                    captions={i: name for i, (name, _) in enumerate(items)}))
        return build_report(title, sections, settings)

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
    st.download_button(t("ov.report"), make, file_name=f"{safe_filename('wenjian-report-' + stamp)}.html",
                       mime="text/html", key=key, on_click="ignore", help=t("ov.report_help"),
                       icon=":material/summarize:", type="primary")



