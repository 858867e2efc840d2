"""The interface's words: one small table, Chinese first, with an English switch.

``t("key", n=3)`` looks the key up in the current language (kept in ``st.session_state``) and formats it.
Pages written by other areas may keep bilingual labels; the shared sidebar and the pages of the UI area use
this table. A missing key is shown as the key itself (and caught by a test), never as an exception.
"""
from __future__ import annotations

import streamlit as st

LANG_KEY = "wj_lang"
LANGS = ("zh", "en")

#: key -> (Chinese, English)
TEXTS: dict[str, tuple[str, str]] = {
    # app / navigation
    "app.title": ("文鉴 Wenjian", "Wenjian 文鉴"),
    "nav.overview": ("概览", "Overview"),
    "nav.keywords": ("关键词", "Keywords"),
    "nav.agencies": ("机构", "Agencies"),
    "nav.timeline": ("时间线", "Timeline"),
    "nav.articles": ("文章", "Articles"),
    "nav.data": ("数据", "Data"),
    "error.unexpected": ("页面出错了,已记录到服务器日志。请调整筛选条件或刷新页面重试。",
                         "Something went wrong on this page; it was logged on the server. "
                         "Change the filters or refresh the page and try again."),
    "error.sidebar": ("侧边栏出错了,已记录到服务器日志。", "The sidebar failed; it was logged on the server."),
    # sidebar: dataset
    "lang.label": ("界面语言", "Language"),
    "ds.header": ("数据集", "Dataset"),
    "ds.pick": ("打开数据集", "Open dataset"),
    "ds.sample": ("示例数据集(内置)", "Sample dataset (built-in)"),
    "ds.sample_note": ("正在查看内置**示例数据**(虚构的文章)。上传你自己的文件即可开始分析 ↓",
                       "You are looking at the built-in **sample data** (made-up articles). "
                       "Upload your own files to start ↓"),
    "ds.current": ("当前: **{name}** — {n} 篇", "Current: **{name}** — {n} articles"),
    "ds.workspace_note": ("上传的数据集保存在服务器上你的工作区:本浏览器会记住它,其他人看不到。",
                          "Uploads are saved on the server in your workspace: this browser remembers it, nobody "
                          "else sees it."),
    "ds.share": ("分享链接", "Share link"),
    "ds.share_help": ("持有此链接的人可以打开这个工作区中的所有数据集(可在另一台电脑上继续工作)。",
                      "Whoever has this link can open every dataset of this workspace (or continue on another "
                      "computer)."),
    "ds.library_unavailable": ("数据集库不可用:{err}", "Dataset library unavailable: {err}"),
    "ds.open_failed": ("无法打开数据集:{err}", "Could not open the dataset: {err}"),
    "ds.opened": ("已打开 {name}", "Opened {name}"),
    # sidebar: upload
    "up.expander": ("上传文章文件", "Upload article files"),
    "up.to_simplified": ("繁体转简体", "Convert traditional to simplified"),
    "up.to_simplified_help": ("读取时用 OpenCC 把繁体中文转为简体(每篇文章记录是否转换)",
                              "Convert traditional Chinese to simplified with OpenCC while loading (recorded per "
                              "article)"),
    "up.label": ("选择或拖入文件(可多选)", "Choose or drop files (several at once)"),
    "up.help": ("CSV/TSV、XLSX、JSON、JSONL、TXT、HTML 及其 ZIP 压缩包", "CSV/TSV, XLSX, JSON, JSONL, TXT, HTML and ZIPs of these"),
    "up.parsing": ("正在解析 {n} 个文件…", "Parsing {n} files…"),
    "up.saving": ("正在保存到数据集库…", "Saving to the library…"),
    "up.analysing": ("正在预处理(机构、分词)…", "Preparing analyses (agencies, tokens)…"),
    "up.done": ("已载入 {n} 篇文章", "Loaded {n} articles"),
    "up.failed": ("上传失败,当前数据集保持不变:{err}", "Upload failed; the current dataset is unchanged: {err}"),
    "up.file_failed": ("{name} 未能读取:{err}", "{name} could not be read: {err}"),
    "up.not_saved": ("已载入,但未能保存到数据集库:{err}", "Loaded, but not saved to the library: {err}"),
    "up.name": ("{first} 等 {n} 个文件", "{first} and {more} more files"),
    # sidebar: filters
    "f.header": ("筛选(所有页面通用)", "Filters (all pages)"),
    "f.dates": ("日期范围", "Date range"),
    "f.sources": ("来源", "Sources"),
    "f.query": ("关键词查询", "Keyword query"),
    "f.query_help": ("空格 = 且(AND),OR = 或,NOT 或 -词 = 排除;例:计量 OR 标准化 NOT 广告",
                     "space = AND, OR = or, NOT or -word = exclude; e.g. 计量 OR 标准化 NOT 广告"),
    "f.agencies": ("机构", "Agencies"),
    "f.dedupe": ("转载只计一次", "Count reposts once"),
    "f.reset": ("清除筛选", "Clear filters"),
    "f.count": ("筛选后 {n} / {total} 篇", "{n} of {total} articles after filters"),
    "f.undated": ("含 {n} 篇无日期文章", "incl. {n} undated articles"),
    "f.keep_undated": ("保留无日期文章", "Keep undated articles"),
    "f.agencies_unavailable": ("机构筛选暂不可用", "Agency filter unavailable"),
    # overview
    "ov.title": ("概览", "Overview"),
    "ov.articles": ("文章", "Articles"),
    "ov.sources": ("来源", "Sources"),
    "ov.duplicates": ("转载/重复", "Reposts"),
    "ov.duplicates_help": ("这些转载在统计中只计一次(见侧边栏)", "These reposts count once in the analyses (see the sidebar)"),
    "ov.first": ("最早日期", "First date"),
    "ov.last": ("最晚日期", "Last date"),
    "ov.top_keywords": ("高频关键词", "Top keywords"),
    "ov.top_agencies": ("提及最多的机构", "Most mentioned agencies"),
    "ov.timeline": ("发文趋势", "Articles over time"),
    "ov.top_sources": ("主要来源", "Top sources"),
    "ov.unavailable": ("{what}暂不可用:{err}", "{what} unavailable: {err}"),
    "ov.no_dates": ("没有带日期的文章", "No dated articles"),
    "ov.report": ("下载报告(HTML)", "Download report (HTML)"),
    "ov.report_help": ("包含当前筛选下的所有图表、表格和设置", "Every chart and table for the current filters, with the settings"),
    "ov.report_unavailable": ("报告暂不可用:{err}", "Report unavailable: {err}"),
    # articles
    "ar.title": ("文章", "Articles"),
    "ar.search": ("在结果中搜索(标题/正文)", "Search within results (title/body)"),
    "ar.found": ("{n} 篇文章", "{n} articles"),
    "ar.pick": ("点击表格中的一行阅读文章", "Click a row of the table to read the article"),
    "ar.listed": ("列出最新的 {n} 篇,搜索可缩小范围", "the newest {n} are listed; search to narrow down"),
    "ar.source": ("来源", "Source"),
    "ar.title_col": ("标题", "Title"),
    "ar.date": ("日期", "Date"),
    "ar.author": ("作者", "Author"),
    "ar.link": ("原文链接", "Original link"),
    "ar.no_link": ("无原文链接", "No link"),
    "ar.duplicate": ("转载自第 {id} 篇", "Repost of article {id}"),
    "ar.agencies": ("提及机构", "Agencies mentioned"),
    "ar.undated": ("无日期", "undated"),
    "ar.body_empty": ("(正文为空)", "(empty body)"),
    # data
    "da.title": ("数据", "Data"),
    "da.report": ("解析报告", "Parse report"),
    "da.no_report": ("此数据集没有解析报告(示例数据或从库中打开)。", "No parse report for this dataset (sample, or opened from the library)."),
    "da.mapping": ("列映射(逐个文件覆盖)", "Column mapping (per file override)"),
    "da.mapping_help": ("如果某个文件的标题、正文或日期列识别错了,在此指定后重新解析。",
                        "If a file's title, body or date column was guessed wrong, pick it here and re-parse."),
    "da.mapping_none": ("没有可调整的表格文件(或原始文件已不在本会话中)。",
                        "No table files to adjust (or the uploaded files are no longer in this session)."),
    "da.auto": ("(自动)", "(auto)"),
    "da.reparse": ("按此映射重新解析", "Re-parse with this mapping"),
    "da.library": ("数据集库", "Dataset library"),
    "da.library_empty": ("库中还没有数据集。上传文件后会自动保存到这里。", "The library is empty. Uploads are saved here automatically."),
    "da.rename": ("重命名", "Rename"),
    "da.new_name": ("新名称", "New name"),
    "da.delete": ("删除", "Delete"),
    "da.confirm_delete": ("确认删除", "Confirm delete"),
    "da.merge": ("合并所选数据集", "Merge selected datasets"),
    "da.merge_name": ("合并后的名称", "Name of the merged dataset"),
    "da.merge_pick": ("选择要合并的数据集(至少两个)", "Pick datasets to merge (two or more)"),
    "da.open": ("打开", "Open"),
    "da.articles": ("文章表(当前筛选)", "Article table (current filters)"),
    "da.col_name": ("名称", "Name"),
    "da.col_created": ("保存时间", "Saved"),
    "da.col_articles": ("文章数", "Articles"),
    "da.done": ("完成", "Done"),
    # empty states
    "empty.no_articles": ("当前筛选下没有文章。试试放宽日期范围、清空来源或关键词查询。",
                          "No articles match the current filters. Widen the dates or clear sources or the query."),
    "empty.dataset": ("这个数据集没有文章。请在左侧上传文件。", "This dataset has no articles. Upload files in the sidebar."),
    # widgets
    "w.downloads": ("下载", "Download"),
    "w.rows_shown": ("显示前 {shown} 行;下载包含全部 {total} 行", "Showing the first {shown} rows; downloads hold all {total}"),
    "w.csv": ("CSV", "CSV"),
    "w.xlsx": ("Excel (XLSX)", "Excel (XLSX)"),
    "w.html": ("交互式 HTML", "Interactive HTML"),
    "w.png": ("高清 PNG(服务器生成)", "High-res PNG (server)"),
    "w.svg": ("SVG(服务器生成)", "SVG (server)"),
    "w.toolbar_hint": ("图表右上角的相机按钮可直接下载 {fmt}(3 倍分辨率)。",
                       "The camera button at the chart's top right downloads a {fmt} (3x)."),
    "w.toolbar_format": ("图表工具栏下载格式", "Chart toolbar download format"),
    "drill.title": ("所选项对应的文章:{label}", "Articles behind the selection: {label}"),
    "drill.hint": ("点击图中的柱或点,查看对应文章。", "Click a bar or point to see its articles."),
    "drill.none": ("所选项没有对应的文章。", "No articles behind this selection."),
}


def lang() -> str:
    """The current interface language (``zh`` by default)."""
    try:
        value = st.session_state.get(LANG_KEY, "zh")
    except Exception:  # outside a Streamlit session (bare-mode tests)
        value = "zh"
    return value if value in LANGS else "zh"


def t(key: str, **kwargs: object) -> str:
    """The text of ``key`` in the current language, formatted with ``kwargs``."""
    pair = TEXTS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang() == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text
