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
    "nav.policy": ("政策", "Policy"),
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
    "ds.workspace_note": ("上传的数据集保存在服务器上本链接的工作区,仅持有此链接(含 ws=…)的人可见;收藏或分享该链接即可再次打开。",
                          "Uploads are saved on the server in this link's workspace, visible only to whoever has "
                          "this link (with ws=…); bookmark or share it to come back."),
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
    # concordance / term matching (issue 13)
    "kwic.term": ("词或短语", "Word or phrase"),
    "kwic.regex_term": ("正则表达式", "Regular expression"),
    "kwic.mode": ("匹配方式", "Match"),
    "kwic.mode.token": ("整词", "Whole words"),
    "kwic.mode.substring": ("子串(全文搜索)", "Substring (text search)"),
    "kwic.mode.regex": ("正则", "Regex"),
    "kwic.mode_help": ("整词:按分词结果匹配,与词频一致;分词器切开的短语(如 数字人民币 → 数字|人民币)按连续的词匹配。"
                       "子串:文本中出现的每一处,包括更长的词内部(改革开放 中的 改革)。正则:Python 正则表达式。",
                       "Whole words: tokens, as the frequencies count them; a phrase the tokenizer splits (数字人民币 → "
                       "数字|人民币) is matched as consecutive tokens. Substring: every place the characters occur, "
                       "inside longer words too (改革 in 改革开放). Regex: a Python regular expression."),
    "kwic.width": ("上下文字数", "Context width"),
    "kwic.sort": ("排序", "Sort"),
    "kwic.sort.position": ("文中位置", "Position"),
    "kwic.sort.left": ("左侧上下文", "Left context"),
    "kwic.sort.right": ("右侧上下文", "Right context"),
    "kwic.sort.date": ("日期", "Date"),
    "kwic.found": ("{n} 处,{docs} 篇文章 · 匹配方式:{how}", "{n} occurrences in {docs} articles · match: {how}"),
    "kwic.how.token": ("整词", "whole word"),
    "kwic.how.sequence": ("连续的词 {pieces}", "token sequence {pieces}"),
    "kwic.how.substring": ("子串", "substring"),
    "kwic.how.regex": ("正则", "regular expression"),
    "kwic.counts": ("作为整词:{token} 处({token_docs} 篇) · 在文本中(子串):{substring} 处({substring_docs} 篇)",
                    "As whole words: {token} ({token_docs} articles) · in the text (substring): {substring} "
                    "({substring_docs} articles)"),
    "kwic.more_as_substring": ("文本中还有 {extra} 处出现在更长的词里(如 {example})。", "The text has {extra} more inside "
                               "longer words (e.g. {example})."),
    "kwic.use_substring": ("改为子串匹配", "Match substrings instead"),
    "kwic.capped": ("只列出前 {n} 处;请缩小筛选范围", "Only the first {n} are listed; narrow the filters"),
    "kwic.col.title": ("标题", "Title"),
    "kwic.col.date": ("日期", "Date"),
    "kwic.col.source": ("来源", "Source"),
    "kwic.col.url": ("链接", "Link"),
    "kwic.col.left": ("左侧", "Left"),
    "kwic.col.term": ("检索词", "Match"),
    "kwic.col.right": ("右侧", "Right"),
    "kwic.col.file": ("文件", "File"),
    "tl.term_mode": ("关键词匹配方式", "Term match"),
    "tl.term_counts": ("{term}:整词 {token} 处 · 子串 {substring} 处", "{term}: {token} as words · {substring} as substring"),
    "tl.not_found": ("未出现:{terms}", "Not found: {terms}"),
    "q.hint": ("按文本匹配(不分词,含更长的词内部):{parts}", "Matches the text (no tokenizing, inside longer words too): {parts}"),
    "q.term_docs": ("{term} {docs} 篇(作为整词 {word_docs} 篇)", "{term} {docs} articles ({word_docs} as a whole word)"),
    # the complete report (issue 13)
    "rp.title": ("完整报告", "Complete report"),
    "rp.help": ("按当前数据集、筛选条件和界面语言,生成所有页面的默认图表和表格(与浏览过哪些页面无关);每个图表下注明数据集、筛选、文章数、日期范围和生成时间。",
                "Every page's default charts and tables for the current dataset, filters and language (whatever "
                "was viewed), each captioned with the dataset, filters, article count, date range and time."),
    "rp.format": ("格式", "Format"),
    "rp.build": ("生成报告", "Build report"),
    "rp.download": ("下载报告({fmt})", "Download report ({fmt})"),
    "rp.ready": ("已生成:{size} MB,用时 {seconds} 秒", "Built: {size} MB in {seconds} s"),
    "rp.stale": ("筛选、语言或格式已改变:请重新生成报告。", "The filters, language or format changed: build the report again."),
    "rp.failed": ("报告生成失败({err}),已记录到服务器日志。", "The report could not be built ({err}); it was logged on the server."),
    "rp.no_images": ("有 {n} 张图表无法在服务器端生成图片(需要 Chromium),报告中已注明。",
                     "{n} chart images could not be made on the server (needs Chromium); the report says so in place."),
    "rp.step.prepare": ("准备数据…", "Preparing…"),
    "rp.step.content": ("计算:{what}", "Computing: {what}"),
    "rp.step.images": ("生成图表图片:{what}", "Rendering chart: {what}"),
    "rp.step.files": ("写入文件…", "Writing the file…"),
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
    # policy page (issue 12)
    "po.title": ("政策文件", "Policy documents"),
    "po.caption": ("{n} 篇 · 有文号 {numbered} · 有发文机关 {issued} · 引用 {refs} 处(语料内 {inside})",
                   "{n} documents · {numbered} with a 文号 · {issued} with an issuer · {refs} references "
                   "({inside} inside the corpus)"),
    "po.view_docs": ("文件", "Documents"),
    "po.view_cited": ("被引最多", "Most cited"),
    "po.view_network": ("引用网络", "Citation network"),
    "po.view_matrix": ("机关 × 年份", "Issuer × year"),
    "po.view_citations": ("全部引用", "All citations"),
    "po.search": ("标题或文号包含", "Title or 文号 contains"),
    "po.issuers": ("发文机关", "Issuers"),
    "po.status": ("效力状态", "Status"),
    "po.types": ("文种", "Document types"),
    "po.min_cited": ("至少被引", "Cited by at least"),
    "po.min_citing": ("至少引用", "Citing at least"),
    "po.top": ("显示前 N 个", "Top N"),
    "po.scope": ("范围", "Scope"),
    "po.scope_all": ("全部", "All"),
    "po.scope_inside": ("语料内", "Inside the corpus"),
    "po.scope_outside": ("语料外", "Outside the corpus"),
    "po.nodes": ("节点数(被引最多的文件)", "Nodes (most cited documents)"),
    "po.click_node": ("点击节点查看该文件及引用它的句子。", "Click a node to see the document and the sentences citing it."),
    "po.cited_by": ("引用《{title}》的句子", "Sentences citing 《{title}》"),
    "po.no_citers": ("语料中没有文件引用它。", "No document of the dataset cites it."),
    "po.roles": ("按引用类型", "By role"),
    "po.date_column": ("按哪个日期", "Which date"),
    "po.col.date": ("发布日期", "Date"),
    "po.col.written_date": ("成文日期", "Written (成文日期)"),
    "po.col.effective_date": ("施行日期", "Effective (施行日期)"),
    "po.years": ("年份", "Years"),
    "po.role.basis": ("依据", "basis"),
    "po.role.repeal": ("废止", "repeal"),
    "po.role.amendment": ("修改", "amendment"),
    "po.role.implementation": ("贯彻实施", "implementation"),
    "po.role.other": ("其他", "other"),
    "po.matrix_caption": ("每格 = 该机关(联合发文取牵头机关)当年发布的文件数;无日期的文件不计。",
                          "Each cell = documents of that issuer (lead issuer of joint documents) in that year; undated "
                          "documents are left out."),
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
