"""The interface's words: one small table, Chinese first, with an English switch.

``t("key", n=3)`` looks the key up in the current language (kept in ``st.session_state``) and formats it.
Pages written by other areas may keep bilingual labels; the shared sidebar and the pages of the UI area use
this table. A missing key is shown as the key itself (and caught by a test), never as an exception.
"""
from __future__ import annotations

import re

import streamlit as st

LANG_KEY = "wj_lang"
LANGS = ("zh", "en")

#: key -> (Chinese, English)
TEXTS: dict[str, tuple[str, str]] = {
    # app / navigation
    "app.title": ("文鉴 Wenjian", "Wenjian"),
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
    "up.stage_analyze": ("分词与机构识别 {done}/{total} 批", "Tokenizing and finding agencies: batch {done}/{total}"),
    "up.stage_write": ("写入数据存储…", "Writing the store…"),
    "up.done": ("已载入 {n} 篇文章", "Loaded {n} articles"),
    "up.failed": ("上传失败,当前数据集保持不变:{err}", "Upload failed; the current dataset is unchanged: {err}"),
    "up.file_failed": ("{name} 未能读取:{err}", "{name} could not be read: {err}"),
    "up.not_saved": ("已载入,但未能保存到数据集库:{err}", "Loaded, but not saved to the library: {err}"),
    "up.name": ("{first} 等 {n} 个文件", "{first} and {more} more files"),
    # Streamlit's own widget texts (ui/builtins.py): replaced in Chinese, Streamlit's English kept in English
    "bi.upload": ("上传", "Upload"),
    "bi.limit": ("每个文件最大 {mb}MB", "{mb}MB per file"),
    "bi.drop": ("把文件拖到这里", "Drag and drop files here"),
    "bi.enter_apply": ("按回车键生效", "Press Enter to apply"),
    "bi.ctrl_enter_apply": ("按 Ctrl+回车 生效", "Press Ctrl+Enter to apply"),
    "bi.enter_submit": ("按回车键提交", "Press Enter to submit form"),
    "bi.ctrl_enter_submit": ("按 Ctrl+回车 提交", "Press Ctrl+Enter to submit form"),
    "bi.quick": ("快速选择", "Date range"), "bi.quick_pick": ("请选择…", "Select..."),
    "bi.pastWeek": ("近一周", "Past Week"), "bi.pastMonth": ("近一个月", "Past Month"),
    "bi.pastThreeMonths": ("近三个月", "Past 3 Months"), "bi.pastSixMonths": ("近六个月", "Past 6 Months"),
    "bi.pastYear": ("近一年", "Past Year"), "bi.pastTwoYears": ("近两年", "Past 2 Years"),
    # sidebar: filters
    "f.header": ("筛选(所有页面通用)", "Filters (all pages)"),
    "f.dates": ("日期范围", "Date range"),
    "f.dates_help": ("在日历中点选即生效;手动输入的日期在按回车、点“应用日期”或点击别处时生效。",
                     "Picking in the calendar applies at once; typed dates apply on Enter, on “Apply dates” or when "
                     "you click elsewhere."),
    "f.dates_apply": ("应用日期", "Apply dates"),
    "f.dates_apply_help": ("应用在上面输入的日期", "Apply the dates typed above"),
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
    "f.choose": ("请选择", "Choose"),
    "f.no_source": ("(无来源)", "(no source)"),
    "f.facets": ("按机构层级、地区、类型", "By agency level, region, type"),
    "f.levels": ("机构层级", "Agency level"), "f.regions": ("地区", "Region"), "f.types": ("机构类型", "Agency type"),
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
    "da.merged": ("合并的数据集", "Merged dataset"),
    # parse report
    "pr.read": ("已读取 {n} 篇文章,来自 {files} 个文件;{failed} 个文件失败", "{n} articles from {files} file(s); {failed} failed"),
    "pr.missing": ("缺失字段:{gaps}", "Missing: {gaps}"),
    "pr.date_sources": ("日期来源:{counts}", "Dates from: {counts}"),
    # where a date came from (analysis.schema.DATE_SOURCES)
    "pr.ds.column": ("日期列", "date column"), "pr.ds.meta": ("网页元数据", "page meta"),
    "pr.ds.label": ("发布时间等标签", "labelled line"), "pr.ds.text": ("正文", "text"), "pr.ds.url": ("网址", "URL"),
    "pr.ds.headnote": ("题注(公布日期)", "headnote"), "pr.ds.unrecorded": ("未记录", "not recorded"),
    "pr.duplicates": ("重复/转载 {n} 篇(归入 {groups} 组)", "{n} duplicates in {groups} groups"),
    "pr.converted": ("繁体转简体 {n} 篇", "{n} articles converted to simplified"),
    "pr.skipped": ("{name}:跳过 {n} 行(无正文与标题)", "{name}: skipped {n} rows without text"),
    "pr.failed": ("失败:{name}:{err}", "Failed: {name}: {err}"),
    # empty states
    "empty.no_articles": ("当前筛选下没有文章。试试放宽日期范围、清空来源或关键词查询。",
                          "No articles match the current filters. Widen the dates or clear sources or the query."),
    "empty.dataset": ("这个数据集没有文章。请在左侧上传文件。", "This dataset has no articles. Upload files in the sidebar."),
    # keywords page
    "kw.title": ("关键词", "Keywords"),
    "kw.tokenizing": ("分词中(每个数据集只做一次)…", "Tokenizing (once per dataset)…"),
    "kw.summary": ("{articles} 篇 · {tokens} 词次 · {distinct} 个不同的词(分词器:{engine})",
                   "{articles} articles · {tokens} tokens · {distinct} distinct terms (tokenizer: {engine})"),
    "kw.top_n": ("显示前 N 个词", "Top N terms"),
    "kw.view": ("视图", "View"),
    "kw.v.top": ("高频词", "Top terms"), "kw.v.cloud": ("词云", "Word cloud"), "kw.v.phrases": ("短语", "Phrases"),
    "kw.v.kwic": ("上下文(KWIC)", "In context (KWIC)"), "kw.v.compare": ("对比", "Compare"),
    "kw.v.group": ("分组", "By group"), "kw.v.dict": ("词典", "Dictionary"),
    "kw.fig_title": ("高频词", "Top terms"),
    "kw.click_bar": ("点击柱查看包含该词的文章。", "Click a bar to see the articles with that term."),
    "kw.tfidf_note": ("TF-IDF = 出现次数 × (ln((1+N)/(1+文章数)) + 1),N = 所选文章数",
                      "tfidf = count × (ln((1+N)/(1+documents)) + 1), N = selected articles"),
    "kw.cloud_on": ("生成词云", "Draw the word cloud"),
    "kw.cloud_caption": ("前 {n} 个词", "Top {n} terms"),
    "kw.min_count": ("最少出现次数", "Minimum count"),
    "kw.rank_by": ("排序", "Rank by"),
    "kw.phrase_note": ("llr = 对数似然比 G²;pmi = 点互信息", "llr = log-likelihood G²; pmi = pointwise mutual information"),
    "kw.term": ("词", "Term"),
    "kw.width": ("上下文字数", "Context width (characters)"),
    "kw.sort": ("排序", "Sort"),
    "kw.sort.position": ("按位置", "by position"), "kw.sort.left": ("按左侧", "by left context"),
    "kw.sort.right": ("按右侧", "by right context"),
    "kw.kwic_count": ("{n} 处,出现在 {docs} 篇文章中", "{n} occurrences in {docs} articles"),
    "kw.compare": ("比较", "Compare"),
    "kw.cmp.sources": ("来源", "Sources"), "kw.cmp.periods": ("时间", "Periods"),
    "kw.cmp.query": ("查询与其余", "Query vs rest"), "kw.cmp.files": ("文件", "Files"),
    "kw.cmp.datasets": ("已保存的数据集", "Saved datasets"),
    "kw.no_dates": ("所选文章没有日期。", "The selected articles have no dates."),
    "kw.split": ("分界日期(A 在此之前,B 自此起)", "Split date (A before, B from)"),
    "kw.query_a": ("查询 A", "Query for A"), "kw.query_a_help": ("例:市场监管 OR 计量", "e.g. 市场监管 OR 计量"),
    "kw.statistic": ("统计量", "Statistic"),
    "kw.statistic_help": ("llr:对数似然比 G²;logodds:带信息先验的对数优势比 z 值",
                          "llr: log-likelihood G²; logodds: log-odds z-score with an informative prior"),
    "kw.ab_count": ("A:{a} 篇 · B:{b} 篇", "A: {a} articles · B: {b} articles"),
    "kw.need_two": ("A 和 B 都需要至少一篇文章。{hint}", "A and B both need at least one article. {hint}"),
    "kw.one_source": ("当前筛选只有一个来源;可改为按文件、时间或查询比较。",
                      "The selection has only one source; compare by file, period or query instead."),
    "kw.one_file": ("当前数据集只有一个文件;可改为比较两个已保存的数据集。",
                    "This dataset has one file; compare two saved datasets instead."),
    "kw.need_datasets": ("数据集库中至少需要两个数据集。", "The library needs at least two datasets."),
    "kw.dataset_a": ("数据集 A", "Dataset A"), "kw.dataset_b": ("数据集 B", "Dataset B"),
    "kw.by": ("按", "By"), "kw.by.source": ("来源", "source"), "kw.by.period": ("时间", "period"),
    "kw.by.file": ("文件 / 数据集", "file / dataset"),
    "kw.period": ("周期", "Period"),
    "kw.dict_note": ("添加的词不会被切开;停用词不计入;同义词按 变体=标准词 每行一条,合并计数。保存后立即生效。",
                     "Words are kept whole, stopwords dropped, synonyms (variant=canonical, one a line) merged; "
                     "changes apply at once and are saved."),
    "kw.words": ("新词(空格或换行分隔)", "Words (space or line separated)"),
    "kw.stopwords": ("停用词", "Stopwords"), "kw.synonyms": ("同义词(变体=标准词)", "Synonyms (variant=canonical)"),
    "kw.save": ("保存", "Save"), "kw.saved": ("已保存", "Saved"),
    # agencies page
    "ag.title": ("机构", "Agencies"),
    "ag.finding": ("查找机构提及(每个数据集一次)…", "Finding agency mentions (once per dataset)…"),
    "ag.foreign": ("含外国政府机构", "Include foreign government bodies"),
    "ag.foreign_help": ("如 美国国务院、俄罗斯国防部;默认只看中国的机构", "e.g. 美国国务院; by default only Chinese bodies"),
    "ag.media": ("含新闻机构", "Include news organisations"),
    "ag.media_help": ("如 中央广播电视总台、新华社、融媒体中心;默认不计", "e.g. China Media Group, Xinhua, county media centres; left out by default"),
    "ag.successors": ("旧名称计入现机构", "Old names under the current body"),
    "ag.successors_help": ("把已撤销或更名机构的提及计入其现机构,如 建设部 → 住房和城乡建设部",
                           "Count names no longer in use under the body they became (e.g. the former Ministry of Construction under "
                           "the Ministry of Housing and Urban-Rural Development)"),
    "ov.register_note": ("政策文书常用词(应当、可以、规定 …)已去掉,可在“关键词”页切换。",
                         "Policy-register words (shall, may, provisions …) are left out; switch on the Keywords page."),
    "kw.register": ("去掉政策文书常用词(应当、可以、规定 …)", "Drop policy-register words (shall, may, provisions …)"),
    "ag.summary": ("{n} 个机构 · {m} 次提及(标题与正文)", "{n} agencies · {m} mentions (titles and bodies)"),
    "ag.click": ("点击柱或节点查看文章与句子。", "Click a bar or node to see the articles and sentences."),
    "ag.v.ranking": ("排行", "Ranking"), "ag.v.network": ("共现网络", "Network"), "ag.v.timeline": ("时间线", "Timeline"),
    "ag.v.aliases": ("别名表", "Alias table"), "ag.v.review": ("待审", "Review"),
    "ag.top": ("显示前 N 个", "Top N"),
    "ag.by_source": ("按来源", "By source"), "ag.by_file": ("按文件 / 数据集", "By file / dataset"),
    "ag.unresolved": ("未解析的简称", "Unresolved bare forms"),
    "ag.same_sentence": ("仅同一句", "Same sentence only"), "ag.nodes": ("节点数", "Nodes"),
    "ag.agencies": ("机构", "Agencies"), "ag.period": ("时间粒度", "Period"),
    "ag.fig.ranking": ("机构提及排行", "Agency mentions"), "ag.fig.network": ("机构共现网络", "Agencies named together"),
    "ag.fig.timeline": ("机构提及时间线", "Mentions over time"),
    "ag.fig.mentions": ("提及次数", "Mentions"), "ag.fig.hover_mentions": ("提及", "mentions"),
    "ag.fig.hover_articles": ("文章", "articles"),
    "ag.alias_caption": ("编辑后保存到用户机构表(数据目录 user/agencies.csv;别名用 | 分隔)",
                         "Edits are saved to the user agency table (user/agencies.csv in the data folder; aliases "
                         "separated by |)"),
    "ag.upload_csv": ("上传 CSV", "Upload CSV"), "ag.save_edits": ("保存修改", "Save edits"),
    "ag.saved": ("已保存 — 提及将按新表重新计算", "Saved — mentions are recomputed with the new table"),
    "ag.import": ("导入上传的表", "Import the uploaded table"), "ag.imported": ("已导入", "Imported"),
    "ag.download_table": ("下载机构表 CSV", "Download the table (CSV)"),
    "ag.jieba": ("也用 jieba 机构名词性(nt,较慢)", "Also jieba `nt` words (slower)"),
    "ag.candidates": ("{n} 个候选(前 500 篇)— 选择接受或拒绝", "{n} candidates (first 500 articles) — accept or reject"),
    "ag.decision": ("决定", "Decision"), "ag.accepted": ("接受", "accept"), "ag.rejected": ("拒绝", "reject"),
    "ag.save_decisions": ("保存决定", "Save decisions"),
    "ag.not_agency": ("标为“此处不是机构”", "Mark as “not an agency here”"),
    "ag.not_agency_help": ("所选名称在本数据集中不再计为机构(保存在用户目录,所有计数、图表和筛选立即更新;可在下方恢复)",
                           "The chosen names no longer count as agencies in this dataset (saved in the user folder; "
                           "every count, chart and filter updates at once; restore them below)"),
    "ag.not_agency_done": ("已排除 {n} 个名称", "{n} names excluded"),
    "ag.excluded": ("已排除的名称", "Excluded names"),
    "ag.restore": ("恢复所选", "Restore selected"),
    "ag.none": ("当前筛选下没有找到机构名称。{hint}", "No agency names found in the selection. {hint}"),
    "ag.traditional_hint": ("文本像是繁体中文(机构表是简体):在数据页一键转换为简体。",
                            "The text looks like traditional Chinese (the agency table is simplified): convert it "
                            "to simplified on the Data page in one click."),
    # timeline page
    "tl.title": ("时间线", "Timeline"),
    "tl.period": ("时间粒度", "Period"), "tl.auto": ("自动", "auto"), "tl.chosen": ("自动选择:{freq}", "Chosen: {freq}"),
    "tl.view": ("视图", "View"),
    "tl.v.volume": ("发文量", "Articles"), "tl.v.terms": ("关键词", "Terms"), "tl.v.agencies": ("机构", "Agencies"),
    "tl.v.calendar": ("日历", "Calendar"),
    "tl.split": ("来源", "Sources"), "tl.split.total": ("合计", "Total"),
    "tl.split.stack": ("按来源堆叠", "Stacked by source"), "tl.split.facet": ("按来源分面", "One chart per source"),
    "tl.split.file_stack": ("按文件堆叠", "Stacked by file"),
    "tl.terms": ("关键词(空格或逗号分隔)", "Terms (space or comma separated)"),
    "tl.measure": ("单位", "Measure"),
    "tl.terms_title": ("关键词趋势 — {measure}", "Terms — {measure}"),
    "tl.agencies_title": ("机构趋势 — {measure}", "Agencies — {measure}"),
    "tl.volume_title": ("发文量(每{freq})", "Articles per {freq}"),
    "tl.calendar_title": ("每日发文量", "Articles per day"),
    "tl.agencies": ("机构", "Agencies"),
    "tl.calendar_undated": ("另有 {n} 篇无日期,未显示。", "{n} articles without a date are not shown."),
    "tl.undated": ("无日期的文章不在图中:{parts}", "Articles without a date (not in the chart): {parts}"),
    "tl.no_dates": ("所选文章都没有日期。", "None of the selected articles has a date."),
    "tl.table": ("数据表", "Data table"),
    "tl.spikes": ("突增", "Spikes"),
    "tl.spikes_note": ("与之前最多 {w} 个时段的基线相比显著升高的时段(负二项/泊松检验,Bonferroni 校正)。"
                       "前 {h} 个时段没有足够的基线,不做检验。",
                       "Periods well above the baseline of up to {w} periods before (negative-binomial/Poisson "
                       "test, Bonferroni-corrected). The first {h} periods have too little baseline and are not "
                       "tested."),
    "tl.too_short": ("只有 {n} 个时段:突增检验至少需要 {h} 个之前的时段作基线。可选更细的时间粒度。",
                     "Only {n} periods: a spike test needs at least {h} earlier periods as a baseline. Pick a "
                     "finer period."),
    "tl.no_spike": ("未发现突增。", "No spike found."),
    "tl.single_doc": ("有 {n} 个突增主要来自一篇文章(该时段 ≥ 80% 的出现次数),已在表中标出。",
                      "{n} spikes come mostly from one article (≥ 80% of that period's occurrences); marked in the "
                      "table."),
    "tl.pick": ("查看文章", "Articles of"),
    "tl.click": ("点击图中的点或柱查看该时段的文章。", "Click a point or bar to see the articles of that period."),
    "tl.fig.articles": ("文章", "articles"), "tl.fig.spikes": ("突增", "spikes"),
    "tl.fig.series_spikes": ("{series} 突增", "{series} spikes"),
    "tl.fig.spike_hover": ("{period}<br>突增:{observed}(基线 {baseline},×{ratio})",
                           "{period}<br>spike: {observed} (baseline {baseline}, ×{ratio})"),
    "tl.fig.colorbar": ("篇", "articles"), "tl.fig.months": (" ".join(f"{m}月" for m in range(1, 13)), "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    "tl.fig.weekdays": ("周一 周二 周三 周四 周五 周六 周日", "Mon Tue Wed Thu Fri Sat Sun"),
    "tl.fig.day_hover": ("{date} {weekday}:{n} 篇", "{date} {weekday}: {n} articles"),
    "freq.day": ("日", "day"), "freq.week": ("周", "week"), "freq.month": ("月", "month"),
    "freq.quarter": ("季度", "quarter"), "freq.year": ("年", "year"),
    "measure.articles": ("文章数", "Articles"), "measure.count": ("出现次数", "Occurrences"),
    "measure.per_1000": ("每千词", "Per 1,000 tokens"), "measure.share": ("文章占比", "Share of articles"),
    "measure.mentions": ("提及次数", "Mentions"),
    # values shown in tables
    "val.true": ("是", "yes"), "val.false": ("否", "no"),
    # keyword figure
    "kwf.count": ("出现次数", "Occurrences"), "kwf.hover_times": ("次", "times"), "kwf.hover_articles": ("篇", "articles"),
    # traditional Chinese
    "conv.detected": ("此数据集约 {pct} 的文章是繁体中文。机构表和词典是简体的:不转换,机构几乎找不到,分词也不准。",
                      "About {pct} of this dataset's articles are in traditional Chinese. The agency table and "
                      "the dictionaries are simplified: without conversion almost no agency is found and words "
                      "split badly."),
    "conv.button": ("一键转换为简体(另存为新数据集)", "Convert to simplified (saved as a new dataset)"),
    "conv.name": ("{name}(简体)", "{name} (simplified)"),
    "conv.done": ("已转换 {n} 篇文章为简体并打开。", "Converted {n} articles to simplified and opened them."),
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
    "pof.unknown": ("(未知)", "(unknown)"), "pof.other": ("其他", "other"), "pof.issuer": ("发文机关", "Issuer"),
    "pof.no_citations": ("没有语料内的引用", "No citations between documents of this dataset"),
    "pof.cited_by": ("被引", "cited by"), "pof.citing_hover": ("篇引用", "citing documents"),
    "pof.citing_axis": ("引用文件数(蓝 = 语料内,橙 = 外部)", "Citing documents (blue = in corpus, orange = external)"),
    "pof.matrix_title": ("发文机关 × 年份", "Issuer × year"), "pof.cited_title": ("被引最多", "Most cited"),
    "pof.network_title": ("引用网络", "Citation network"),
    "po.caption": ("{n} 篇 · 有文号 {numbered} · 有发文机关 {issued} · 引用 {refs} 处(语料内 {inside})",
                   "{n} documents · {numbered} with a document number · {issued} with an issuer · {refs} references "
                   "({inside} inside the corpus)"),
    "po.view_docs": ("文件", "Documents"),
    "po.view_cited": ("被引最多", "Most cited"),
    "po.view_network": ("引用网络", "Citation network"),
    "po.view_matrix": ("机关 × 年份", "Issuer × year"),
    "po.view_citations": ("全部引用", "All citations"),
    "po.search": ("标题或文号包含", "Title or document number contains"),
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
    "po.col.written_date": ("成文日期", "Date written"),
    "po.col.effective_date": ("施行日期", "Effective date"),
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


#: Table column codes (what the library and the downloads use) -> the header shown (Chinese, English).
COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"), "file": ("文件", "File"), "title": ("标题", "Title"), "date": ("日期", "Date"),
    "source": ("来源", "Source"), "author": ("作者", "Author"), "url": ("链接", "Link"), "body": ("正文", "Body"),
    "duplicate_of": ("转载自", "Repost of"), "converted": ("已转简体", "Converted"),
    "term": ("词", "Term"), "count": ("出现次数", "Count"), "documents": ("文章数", "Articles"),
    "tfidf": ("TF-IDF", "TF-IDF"), "phrase": ("短语", "Phrase"), "first": ("前词", "First word"),
    "second": ("后词", "Second word"), "llr": ("G²(llr)", "G² (llr)"), "pmi": ("PMI", "PMI"),
    "side": ("组", "Side"), "count_a": ("A 次数", "Count A"), "count_b": ("B 次数", "Count B"),
    "per_10k_a": ("A 每万词", "A per 10k"), "per_10k_b": ("B 每万词", "B per 10k"), "score": ("得分", "Score"),
    "left": ("左侧上下文", "Left context"), "right": ("右侧上下文", "Right context"), "group": ("组", "Group"),
    "agency": ("机构", "Agency"), "mentions": ("提及次数", "Mentions"), "aliases": ("别名", "Aliases"),
    "surface": ("原文写法", "Surface form"), "level": ("层级", "Level"), "region": ("地区", "Region"),
    "type": ("类型", "Type"), "sentence": ("句子", "Sentence"), "field": ("位置", "Field"),
    "a": ("机构 A", "Agency A"), "b": ("机构 B", "Agency B"), "articles": ("文章数", "Articles"),
    "period": ("时段", "Period"), "start": ("开始", "Start"), "end": ("结束", "End"),
    "series": ("序列", "Series"), "observed": ("观测值", "Observed"), "baseline": ("基线", "Baseline"),
    "ratio": ("倍数", "Ratio"), "p_value": ("p 值", "p-value"), "occurrences": ("出现次数", "Occurrences"),
    "one_document": ("主要来自一篇", "Mostly one article"),
    "candidate": ("候选名称", "Candidate"), "example": ("例句", "Example"), "decision": ("决定", "Decision"),
    "canonical": ("标准名称", "Canonical name"), "status": ("状态", "Status"), "name": ("名称", "Name"),
    "format": ("格式", "Format"), "encoding": ("编码", "Encoding"), "skipped_rows": ("跳过行数", "Skipped rows"),
    "error": ("错误", "Error"), "columns": ("列映射", "Column mapping"), "parent": ("上级机构", "Parent"),
    "label": ("时段", "Period"), "share": ("占比", "Share"), "per_1000": ("每千词", "Per 1,000 tokens"),
    "updated": ("更新时间", "Updated"), "created": ("保存时间", "Saved"), "size": ("大小", "Size"),
    "freq": ("粒度", "Frequency"), "value": ("值", "Value"),
    "region_code": ("地区代码", "Region code"), "note": ("备注", "Note"),
    # policy documents (analysis.policy)
    "doc_number": ("文号", "Document number"), "issuer": ("发文机关", "Issuer"),
    "written_date": ("成文日期", "Date written"), "effective_date": ("施行日期", "Effective date"),
    "doc_type": ("文种", "Document type"), "amendments": ("修订", "Amendments"), "date_source": ("日期来源", "Date from"),
    "citing": ("引用数", "Cites"), "cited_by": ("被引数", "Cited by"), "cited_title": ("被引标题", "Cited title"),
    "cited_doc_number": ("被引文号", "Cited document number"), "role": ("引用类型", "Role"),
    "resolved_id": ("语料内文件编号", "Document in corpus"), "self": ("自引", "Self-reference"),
    "written": ("原文写法", "As written"), "citations": ("引用次数", "Citations"), "resolved": ("语料内", "In corpus"),
    "resolved_share": ("语料内占比", "Share in corpus"), "citing_documents": ("引用文件数", "Citing documents"),
    "in_corpus": ("在语料内", "In corpus"), "year": ("年份", "Year"),
}

#: Agency levels (codes of ``analysis.agencies``) as shown.
LEVELS: dict[str, tuple[str, str]] = {
    "national": ("国家级", "national"), "provincial": ("省级", "provincial"), "municipal": ("市级", "municipal"),
    "county": ("县级", "county"), "township": ("乡镇级", "township"), "foreign": ("外国", "foreign"),
    "": ("未知", "unknown"),
}


def column(name: str) -> str:
    """The header shown for a table column code (the code itself when unknown: data-derived columns such as
    terms in a pivot keep their names)."""
    pair = COLUMNS.get(name)
    if pair is None:
        return name
    return pair[1] if lang() == "en" else pair[0]


def level(code: str) -> str:
    """An agency level code as shown."""
    pair = LEVELS.get(code, (code, code))
    return pair[1] if lang() == "en" else pair[0]


def words(prefix: str) -> dict[str, str]:
    """Every text whose key starts with ``prefix``, keyed by the rest of the key, in the current language —
    the ``labels=`` the figure builders of ``analysis`` take."""
    return {key[len(prefix):]: t(key) for key in TEXTS if key.startswith(prefix)}


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")   # names quoted in a message (data, any language)


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


def one_language(text: str) -> str:
    """A library message written ``中文 / English`` (the project's convention for errors and notes) in the
    current language only; other text unchanged. Splits at the first `` / `` whose left part holds Chinese
    and whose right part's opening (40 characters, quoted names left out) holds none — or only names the left
    part also holds (a column called 来源网站 named in both halves is data, not language).

    A composite message ``中文 / English — name: 中文 / English; name: …`` (the loaders' "nothing could be
    read" lists each file's own bilingual error) has each part shown in one language, the names kept."""
    text = str(text)
    head, dash, tail = text.partition(" — ")
    if dash and tail:
        items = []
        for item in tail.split("; "):
            name, colon, rest = item.partition(": ")
            items.append(name + colon + _one_part(rest) if colon else _one_part(item))
        return _one_part(head) + dash + "; ".join(items)
    return _one_part(text)


def _one_part(text: str) -> str:
    for i in range(len(text)):
        if text.startswith(" / ", i):
            left, right = text[:i], text[i + 3:]
            opening = _QUOTED.sub("", right).split("(")[0][:40]
            if _has_cjk(left) and not _has_cjk(right.lstrip()[:1]) \
                    and all(run in left for run in _CJK_RUN.findall(opening)):
                return right if lang() == "en" else left
    return text


def timeline_words() -> dict[str, str]:
    """The ``labels=`` of ``analysis.figures.timeline``'s figures in the current language."""
    return {**words("tl.fig."), **{f"measure.{k}": v for k, v in words("measure.").items()}}


def keep_choices() -> None:
    """The language switch's ``on_change``: keep every choice the user made (a view radio on 关键词, a
    multiselect of agency levels, the dataset picked …) when the option labels change language.

    Why: a choice widget's value travels between browser and server as its *shown label*; after a switch the
    browser still holds the old language's label, which is no option any more, so Streamlit (1.67) falls back to
    the first option. Assigning each value (the option code, read with the previous run's labels) back into the
    session makes the next run send it to the browser in the new language. Only text values and lists of
    text are re-assigned (what choice widgets hold); buttons, uploads and editors hold other types and
    Streamlit forbids setting them."""
    from streamlit.errors import StreamlitAPIException

    for key in list(st.session_state.keys()):
        if key == LANG_KEY:
            continue
        try:
            value = st.session_state[key]
        except (KeyError, StreamlitAPIException):
            continue
        if isinstance(value, str) or (isinstance(value, (list, tuple)) and value
                                      and all(isinstance(v, str) for v in value)):
            try:
                st.session_state[key] = value
            except StreamlitAPIException:
                pass


#: names the app builds for a dataset, in either language: an upload of several files, a simplified copy
_MANY_FILES = (re.compile(r"^(?P<first>.+) 等 (?P<n>\d+) 个文件$"),
               re.compile(r"^(?P<first>.+) and (?P<more>\d+) more files?$"))
SAMPLE_NAME = "示例数据集 / Sample"
_SIMPLIFIED = (re.compile(r"^(?P<name>.+)\(简体\)$"), re.compile(r"^(?P<name>.+) \(simplified\)$"))


def dataset_name(name: str) -> str:
    """A dataset's name as shown in the current language. The app names an upload of several files
    ``a.csv 等 6 个文件`` / ``a.csv and 5 more files`` and a converted copy ``…(简体)`` / ``… (simplified)`` in
    the language of the moment it was made; those parts follow the switch (the file name stays as it is).
    The built-in sample (``ui.state.SAMPLE_NAME``) is shown as ``ds.sample``; any other name unchanged."""
    name = str(name)
    for pattern in _SIMPLIFIED:
        if m := pattern.match(name):
            return t("conv.name", name=dataset_name(m["name"]))
    for pattern in _MANY_FILES:
        if m := pattern.match(name):
            n = int(m["n"]) if "n" in m.groupdict() else int(m["more"]) + 1
            return t("up.name", first=m["first"], n=n, more=n - 1)
    return t("ds.sample") if name == SAMPLE_NAME else name
