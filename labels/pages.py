"""The analysis pages' words: 关键词 (keywords, KWIC, the dictionary), 机构 (agencies), 时间线 (timeline),
政策 (policy) and the drill-down under charts, with the figure words the pages pass as ``labels=`` to the
figure builders of ``analysis.figures`` (keys ``kwf.*``, ``ag.fig.*``, ``tl.fig.*``, ``pof.*``, ``measure.*``).
Keys are ``area.name``; values ``(Chinese, English)``. Plain data, no imports."""
from __future__ import annotations

PAGES: dict[str, tuple[str, str]] = {
    # keywords page
    "kw.title": ("关键词", "Keywords"),
    "kw.reanalysing": ("分析设置(词典或机构表)已更改:正在按新设置重新分析数据集…",
                       "The analysis settings (dictionary or agency table) changed: re-analysing the dataset…"),
    "kw.reanalysed": ("已按新设置重新分析数据集(用时 {s} 秒)", "Re-analysed the dataset with the new settings ({s} s)"),
    "kw.tokenizing": ("分词中(每个数据集只做一次)…", "Tokenizing (once per dataset)…"),
    "kw.summary": ("{articles} 篇 · {tokens} 词次 · {distinct} 个不同的词(分词器:{engine})",
                   "{articles} {articles:|article|articles} · {tokens} {tokens:|token|tokens} · {distinct} distinct {distinct:|term|terms} (tokenizer: {engine})"),
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
    "kw.cloud_caption": ("前 {n} 个词", "Top {n} {n:|term|terms}"),
    "kw.min_count": ("最少出现次数", "Minimum count"),
    "kw.rank_by": ("排序", "Rank by"),
    "kw.phrase_note": ("llr = 对数似然比 G²;pmi = 点互信息", "llr = log-likelihood G²; pmi = pointwise mutual information"),
    "kw.term": ("词", "Term"),
    "kw.width": ("上下文字数", "Context width (characters)"),
    "kw.sort": ("排序", "Sort"),
    "kw.sort.position": ("按位置", "by position"), "kw.sort.left": ("按左侧", "by left context"),
    "kw.sort.right": ("按右侧", "by right context"),
    "kw.kwic_count": ("{n} 处,出现在 {docs} 篇文章中", "{n} {n:|occurrence|occurrences} in {docs} {docs:|article|articles}"),
    "kw.compare": ("比较", "Compare"),
    "kw.cmp.sources": ("来源", "Sources"), "kw.cmp.periods": ("时间", "Periods"),
    "kw.cmp.query": ("查询与其余", "Query vs rest"), "kw.cmp.files": ("文件", "Files"),
    "kw.cmp.datasets": ("已保存的数据集", "Saved datasets"),
    "kw.no_dates": ("所选文章没有日期。", "The selected articles have no dates."),
    "kw.no_phrases": ("没有出现至少 {n} 次的短语。可降低“最少出现次数”,或放宽左侧的筛选。",
                      "No phrase occurs at least {n} times. Lower the minimum count or widen the filters in the sidebar."),
    "kw.split": ("分界日期(A 在此之前,B 自此起)", "Split date (A before, B from)"),
    "kw.query_a": ("查询 A", "Query for A"), "kw.query_a_help": ("例:市场监管 OR 计量", "e.g. 市场监管 OR 计量"),
    "kw.statistic": ("统计量", "Statistic"),
    "kw.measure.llr": ("G²(对数似然比)", "G² (log-likelihood)"),
    "kw.measure.logodds": ("加权对数优势比", "weighted log-odds"),
    "kw.group_note": ("各组统计的是「高频词」视图的前 {n} 个词(按本页的词表选择),每组同一批词",
                      "each group counts the top {n} terms of the top-terms view (with this page's register): the "
                      "same terms for every group"),
    "kw.statistic_help": ("llr:对数似然比 G²;logodds:带信息先验的对数优势比 z 值",
                          "llr: log-likelihood G²; logodds: log-odds z-score with an informative prior"),
    "kw.ab_count": ("A:{a} 篇 · B:{b} 篇", "A: {a} {a:|article|articles} · B: {b} {b:|article|articles}"),
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
    "kw.register": ("去掉政策文书常用词(应当、可以、规定 …)", "Drop policy-register words (shall, may, provisions …)"),
    "kw.register_choice": ("排名去掉的语体常用词", "Register words left out of the ranking"),
    "kw.register_help": ("自动:多数文章是政策文件时去掉政策文书常用词,多数是新闻报道时去掉新闻报道常用词 "
                         "(data/stopwords_policy.txt、data/stopwords_news.txt)",
                         "Automatic: policy words when most articles are policy documents, news words when most are news "
                         "reports (data/stopwords_policy.txt, data/stopwords_news.txt)"),
    "reg.opt.auto": ("自动", "Automatic"), "reg.opt.policy": ("政策文书", "Policy"), "reg.opt.news": ("新闻报道", "News"),
    "reg.opt.none": ("不去掉", "None"),
    "reg.words.policy": ("政策文书常用词(应当、可以、规定 …)", "policy-register words (shall, may, provisions …)"),
    "reg.words.news": ("新闻报道常用词(记者、表示、今天 …)", "news-register words (reporter, said, today …)"),
    "reg.why.policy": ("已去掉{words}:自动选择,{share} 的文章是政策文件(有文号或文种)。",
                       "Left out: {words} — chosen automatically, {share} of the articles are policy documents "
                       "(a document number or type)."),
    "reg.why.news": ("已去掉{words}:自动选择,{others} 的文章不是政策文件,其中 {news} 带新闻标志(电头、记者署名或媒体来源)。",
                     "Left out: {words} — chosen automatically, {others} of the articles are not policy documents and "
                     "{news} of those carry news signs (dateline, reporter or news outlet)."),
    "reg.why.mixed": ("未去掉语体常用词:自动选择,政策文件占 {share},其余文章中带新闻标志的占 {news},都不到多数。",
                      "No register words left out — chosen automatically: policy documents are {share} and news signs "
                      "{news} of the rest, neither a majority."),
    "reg.why.large": ("{what}:自动选择,依据前 2,000 篇的标题、正文开头和来源。",
                      "{what} — chosen automatically from the titles, body leads and sources of the first 2,000 "
                      "articles."),
    "reg.chosen": ("已去掉{words}(在“关键词”页选择)。", "Left out: {words} (chosen on the Keywords page)."),
    "reg.chosen_none": ("未去掉语体常用词(在“关键词”页选择)。", "No register words left out (chosen on the Keywords page)."),
    "reg.none": ("未去掉语体常用词", "No register words left out"),
    "reg.switch": ("可在“关键词”页切换。", " Switch on the Keywords page."),
    "ag.summary": ("{n} 个机构 · {m} 次提及(标题与正文)", "{n} {n:|agency|agencies} · {m} {m:|mention|mentions} (titles and bodies)"),
    "ag.click": ("点击柱或节点查看文章与句子。", "Click a bar or node to see the articles and sentences."),
    "ag.v.ranking": ("排行", "Ranking"), "ag.v.network": ("共现网络", "Network"), "ag.v.timeline": ("时间线", "Timeline"),
    "ag.v.aliases": ("别名表", "Alias table"), "ag.v.review": ("待审", "Review"),
    "ag.top": ("显示前 N 个", "Top N"),
    "ag.by_source": ("按来源", "By source"), "ag.by_file": ("按文件 / 数据集", "By file / dataset"),
    "ag.unresolved": ("未解析的简称", "Unresolved bare forms"),
    "lag.more_note": ("以下三张表在打开开关后才计算(大数据集:每张都要清点全部选中的提及)。",
                      "The three tables below are counted only when switched on (large dataset: each counts every "
                      "selected mention)."),
    "ag.same_sentence": ("仅同一句", "Same sentence only"), "ag.nodes": ("节点数", "Nodes"),
    "ag.agencies": ("机构", "Agencies"), "ag.period": ("时间粒度", "Period"),
    "ag.fig.ranking": ("机构提及排行", "Agency mentions"), "ag.fig.network": ("机构共现网络", "Agencies named together"),
    "ag.fig.timeline": ("机构提及时间线", "Mentions over time"),
    "ag.fig.mentions": ("提及次数", "Mentions"), "ag.fig.hover_mentions": ("提及", "mentions"),
    "ag.fig.hover_articles": ("文章", "articles"),
    "ag.fig.hover_association": ("关联度", "association"),
    "ag.fig.network_note": (
        "连线:每个机构关联度最高的 2 条 + 共同出现最多的 5 对;关联度 = 共同文章数 ÷ √(两机构各自文章数之积)\n"
        "节点大小 = 提及该机构的文章数;线宽 = 共同文章数;悬停查看数值;全部机构对见表格",
        "Lines: each agency's 2 links of highest association + the 5 pairs named together most often\n"
        "Association = articles naming both ÷ √(articles naming A × articles naming B)\n"
        "Marker size = articles naming the agency; line width = articles naming both; the table lists every pair"),
    "ag.alias_caption": ("编辑后保存到用户机构表(数据目录 user/agencies.csv;别名用 | 分隔)",
                         "Edits are saved to the user agency table (user/agencies.csv in the data folder; aliases "
                         "separated by |)"),
    "ag.upload_csv": ("上传 CSV", "Upload CSV"), "ag.save_edits": ("保存修改", "Save edits"),
    "ag.saved": ("已保存 — 提及将按新表重新计算", "Saved — mentions are recomputed with the new table"),
    "ag.import": ("导入上传的表", "Import the uploaded table"), "ag.imported": ("已导入", "Imported"),
    "ag.download_table": ("下载机构表 CSV", "Download the table (CSV)"),
    "ag.jieba": ("也用 jieba 机构名词性(nt,较慢)", "Also jieba `nt` words (slower)"),
    "ag.candidates": ("{n} 个候选(前 500 篇)— 选择接受或拒绝", "{n} {n:|candidate|candidates} (first 500 articles) — accept or reject"),
    "ag.decision": ("决定", "Decision"), "ag.accepted": ("接受", "accept"), "ag.rejected": ("拒绝", "reject"),
    "ag.undecided": ("未决定", "undecided"),
    "ag.save_decisions": ("保存决定", "Save decisions"),
    "ag.not_agency": ("标为“此处不是机构”", "Mark as “not an agency here”"),
    "ag.not_agency_help": ("所选名称在本数据集中不再计为机构(保存在用户目录,所有计数、图表和筛选立即更新;可在下方恢复)",
                           "The chosen names no longer count as agencies in this dataset (saved in the user folder; "
                           "every count, chart and filter updates at once; restore them below)"),
    "ag.not_agency_done": ("已排除 {n} 个名称", "{n} {n:|name|names} excluded"),
    "ag.excluded": ("已排除的名称", "Excluded names"),
    "ag.restore": ("恢复所选", "Restore selected"),
    "ag.none": ("当前筛选下没有找到机构名称。{hint}", "No agency names found in the selection. {hint}"),
    "ag.no_unresolved": ("所有简称都已确定所属地区,没有未解析的机构。", "Every bare name was placed in a region: none is unresolved."),
    "ag.no_candidates": ("没有新的候选机构名称:文中的机构名称都已在机构表中,或已被否决。",
                         "No new candidate agency names: every name found is in the table or was rejected."),
    "ag.no_decisions": ("还没有审核记录。在上表中接受或否决候选名称后会列在这里。",
                        "No review decisions yet. Candidates accepted or rejected above are listed here."),
    "ag.no_chosen": ("请在上方选择要比较的机构。", "Choose the agencies to compare above."),
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
    "tl.calendar_left_out": ("日历最多画最近 {max} 年:更早的 {first}–{last} 年({n} 篇)未画出,可用日期筛选只看这些年份。",
                             "The calendar draws the latest {max} years at most: {first}–{last} ({n} {n:|article|articles}) "
                             "{n:|is|are} not drawn; filter by date to see those years."),
    "tl.calendar_undated": ("另有 {n} 篇无日期,未显示。", "{n} {n:|article|articles} without a date {n:|is|are} not shown."),
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
                     "Only {n} {n:|period|periods}: a spike test needs at least {h} earlier periods as a baseline. Pick a "
                     "finer period."),
    "tl.no_spike": ("未发现突增。", "No spike found."),
    "tl.single_doc": ("有 {n} 个突增主要来自一篇文章(该时段 ≥ 80% 的出现次数),已在表中标出。",
                      "{n} {n:|spike comes|spikes come} mostly from one article (≥ 80% of that period's occurrences); marked in the "
                      "table."),
    "tl.pick": ("查看文章", "Articles of"),
    "tl.click": ("点击图中的点或柱查看该时段的文章。", "Click a point or bar to see the articles of that period."),
    "tl.fig.articles": ("文章", "articles"), "tl.fig.spikes": ("突增", "spikes"),
    "tl.fig.series_spikes": ("{series} 突增", "{series} spikes"),
    "tl.fig.spike_hover": ("{period}<br>突增:{observed}(基线 {baseline},×{ratio})",
                           "{period}<br>spike: {observed} (baseline {baseline}, ×{ratio})"),
    "tl.fig.colorbar": ("篇", "articles"), "tl.fig.months": (" ".join(f"{m}月" for m in range(1, 13)), "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
    "tl.fig.weekdays": ("周一 周二 周三 周四 周五 周六 周日", "Mon Tue Wed Thu Fri Sat Sun"),
    "tl.fig.day_hover": ("{date} {weekday}:{n} 篇", "{date} {weekday}: {n} {n:|article|articles}"),
    "freq.day": ("日", "day"), "freq.week": ("周", "week"), "freq.month": ("月", "month"),
    "freq.quarter": ("季度", "quarter"), "freq.year": ("年", "year"),
    "measure.articles": ("文章数", "Articles"), "measure.count": ("出现次数", "Occurrences"),
    "measure.per_1000": ("每千词", "Per 1,000 tokens"), "measure.share": ("文章占比", "Share of articles"),
    "measure.mentions": ("提及次数", "Mentions"),
    # concordance / term matching (issue 13)
    "kwic.term": ("词或短语", "Word or phrase"),
    "kwic.regex_term": ("正则表达式", "Regular expression"),
    "kwic.mode": ("匹配方式", "Match"),
    "kwic.mode.token": ("整词", "Whole words"),
    "kwic.mode.substring": ("子串(全文搜索)", "Substring (text search)"),
    "kwic.mode.regex": ("正则", "Regex"),
    "kwic.mode_help": ("整词:按分词结果匹配,与词频一致;分词器切开的短语(如 食品安全抽检 → 食品安全|抽检)按连续的词匹配。"
                       "子串:文本中出现的每一处,包括更长的词内部(改革开放 中的 改革)。正则:Python 正则表达式。",
                       "Whole words: tokens, as the frequencies count them; a phrase the tokenizer splits (食品安全抽检 → "
                       "食品安全|抽检) is matched as consecutive tokens. Substring: every place the characters occur, "
                       "inside longer words too (改革 in 改革开放). Regex: a Python regular expression."),
    "kwic.width": ("上下文字数", "Context width"),
    "kwic.sort": ("排序", "Sort"),
    "kwic.sort.position": ("文中位置", "Position"),
    "kwic.sort.left": ("左侧上下文", "Left context"),
    "kwic.sort.right": ("右侧上下文", "Right context"),
    "kwic.sort.date": ("日期", "Date"),
    "kwic.none": ("当前筛选的文章中没有与“{term}”匹配之处。可换一种匹配方式,或放宽左侧的筛选。",
                  "No match for “{term}” in the filtered articles. Try another match mode or widen the filters in the "
                  "sidebar."),
    "kwic.found": ("{n} 处,{docs} 篇文章 · 匹配方式:{how}", "{n} {n:|occurrence|occurrences} in {docs} {docs:|article|articles} · match: {how}"),
    "kwic.how.token": ("整词", "whole word"),
    "kwic.how.sequence": ("连续的词 {pieces}", "token sequence {pieces}"),
    "kwic.how.substring": ("子串", "substring"),
    "kwic.how.regex": ("正则", "regular expression"),
    "kwic.counts": ("作为整词:{token} 处({token_docs} 篇) · 在文本中(子串):{substring} 处({substring_docs} 篇)",
                    "As whole words: {token} ({token_docs} {token_docs:|article|articles}) · in the text (substring): {substring} "
                    "({substring_docs} {substring_docs:|article|articles})"),
    "kwic.more_as_substring": ("文本中还有 {extra} 处出现在更长的词里(如 {example})。", "The text has {extra} more inside "
                               "longer words (e.g. {example})."),
    "kwic.left_out.stopword": ("“{term}”是停用词:关键词排行和 TF-IDF 不计它,这里的整词次数来自分词结果(不是词频表)。",
                               "“{term}” is a stopword: the keyword ranking and TF-IDF leave it out; its whole-word "
                               "count here comes from the tokenized text, not the term table."),
    "kwic.left_out.filtered": ("“{term}”是单字、数字或符号:关键词排行和 TF-IDF 不计它,这里的整词次数来自分词结果(不是词频表)。",
                               "“{term}” is a single character, number or symbol: the keyword ranking and TF-IDF leave "
                               "it out; its whole-word count here comes from the tokenized text, not the term table."),
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
    # keyword-side views of a large dataset, read from its store (ui.large_terms)
    "lgt.token_only": ("超过 {n} 篇的数据集按词典中的整词计数(从数据存储的词频表读取);按子串计数需读取全部正文,"
                       "暂不提供:下面是整词的计数。", "Above {n} articles terms are counted as whole dictionary words "
                       "(from the store's term index); counting substrings would read every text and is not offered: "
                       "the counts below are whole words."),
    "lgt.not_one_word": ("不是词典中的一个词,大数据集上无法按整词计数(已略去):{terms}。可在“词典”中添加该词并重新导入,"
                         "或用 KWIC 查看。", "Not one dictionary word, so not counted on a large dataset (left out): "
                         "{terms}. Add it in Dictionary and re-ingest, or look it up in KWIC."),
    "lgt.left_out": ("停用词、单字或数字不在数据存储的词频表中,大数据集上无法按整词计数(已略去):{terms}。可用 KWIC 查看。",
                     "A stopword, single character or number is not in the store's term table, so not counted on a "
                     "large dataset (left out): {terms}. Look it up in KWIC."),
    "lgt.term_counts": ("{term}:{n} 处 · {docs} 篇", "{term}: {n} {n:|occurrence|occurrences} · {docs} "
                        "{docs:|article|articles}"),
    "lgt.phrases_narrow": ("短语只对不超过 {max} 篇的筛选结果计算(需逐篇读取词序列),当前筛选 {n} 篇:请用侧栏的日期、"
                           "来源或关键词查询缩小范围。结果从不抽样。", "Phrases are computed for selections of at most "
                           "{max} articles (every article's term sequence is read); the filters select {n}: narrow "
                           "them with the sidebar's dates, sources or query. Results are never sampled."),
    "lgt.reading": ("正在从数据存储读取……", "Reading from the store…"),
    "q.hint": ("按文本匹配(不分词,含更长的词内部):{parts}", "Matches the text (no tokenizing, inside longer words too): {parts}"),
    "q.within": (" —— 只计其他筛选条件选出的 {n} 篇", " — counted in the {n} {n:|article|articles} the other filters keep"),
    "q.large": ("大数据集不统计各词的篇数(全文不在内存中);筛选后的篇数见下。",
                "Per-word counts are not computed for a large dataset (its texts are not in memory); the count "
                "after filters is below."),
    "q.term_docs": ("{term} {docs} 篇(作为整词 {word_docs} 篇)", "{term} {docs} {docs:|article|articles} ({word_docs} as a whole word)"),
    # policy page (issue 12)
    "po.title": ("政策文件", "Policy documents"),
    "pof.unknown": ("(未知)", "(unknown)"), "pof.other": ("其他", "other"), "pof.issuer": ("发文机关", "Issuer"),
    "pof.no_citations": ("没有语料内的引用", "No citations between documents of this dataset"),
    "pof.cited_by": ("被引", "cited by"), "pof.citing_hover": ("篇引用", "citing documents"),
    "pof.citing_axis": ("引用文件数(蓝 = 语料内,橙 = 外部)", "Citing documents (blue = in corpus, orange = external)"),
    "pof.matrix_title": ("发文机关 × 年份", "Issuer × year"), "pof.cited_title": ("被引最多", "Most cited"),
    "pof.network_title": ("引用网络", "Citation network"),
    "po.caption": ("{n} 篇 · 有文号 {numbered} · 有发文机关 {issued} · 引用 {refs} 处(语料内 {inside})",
                   "{n} {n:|document|documents} · {numbered} with a document number · {issued} with an issuer · {refs} {refs:|reference|references} "
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
    "po.min_cited": ("至少被引(篇)", "Cited by at least (documents)"),
    "po.min_citing": ("至少引用(处)", "References made, at least"),
    "po.top": ("显示前 N 个", "Top N"),
    "po.scope": ("范围", "Scope"),
    "po.scope_all": ("全部", "All"),
    "po.scope_inside": ("语料内", "Inside the corpus"),
    "po.scope_outside": ("语料外", "Outside the corpus"),
    "po.nodes": ("节点数(被引最多的文件)", "Nodes (most cited documents)"),
    "po.click_node": ("点击节点查看该文件及引用它的句子。", "Click a node to see the document and the sentences citing it."),
    "po.cited_by": ("引用《{title}》的句子", "Sentences citing 《{title}》"),
    "po.no_documents": ("没有符合这些条件的政策文件。可放宽上方的条件(发文机关、状态、类型、被引/引用次数、年份)或左侧的筛选。",
                        "No policy documents match. Widen the conditions above (issuer, status, type, citation "
                        "counts, years) or the filters in the sidebar."),
    "po.no_citations": ("所选文件中没有对其他文件的引用。可放宽左侧的筛选,或上传引用其他文件的政策文件。",
                        "The selected documents cite no other document. Widen the filters in the sidebar or upload "
                        "policy documents that cite others."),
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
    "drill.hint": ("点击图中的柱或点(或在图下的选择框中选一项),查看对应文章。",
                   "Click a bar or point (or choose it in the box under the chart) to see its articles."),
    "drill.none": ("所选项没有对应的文章。", "No articles behind this selection."),
    # the keyboard path of every click (ui.drill.chart_choice / article_choice; tester-s15 K3)
    "kb.placeholder": ("请选择", "Choose"),
    "kb.chart_placeholder": ("选择一项(或点击图中的柱、点)", "Choose one (or click a bar or point)"),
    "kb.article_placeholder": ("选择标题(或点击表格中的一行)", "Choose a title (or click a row of the table)"),
    "kb.open_article": ("打开文章", "Open article"),
    "kb.term": ("查看含该词的文章", "Articles with the term"),
    "kb.agency": ("查看提及该机构的文章", "Articles naming the agency"),
    "kb.period": ("查看该时段的文章", "Articles of the period"),
    "kb.source": ("查看该来源的文章", "Articles of the source"),
    "kb.node": ("查看该节点的文章", "Articles of the node"),
    "kb.cited": ("查看引用该文件的句子", "Sentences citing the document"),
    "kb.document": ("查看该文件及引用它的句子", "The document and the sentences citing it"),
    # a large dataset (above the memory threshold: read through its store with DuckDB, ui.large)
    "lg.not_here": ("超过 {n} 篇的数据集暂不提供此功能:{what}。请使用命令行:各命令(keywords、kwic、agencies、"
                    "timeline、policy、report)都可用 --dataset 数据集名称 读取整个数据集;report 还可用 --from、--to、"
                    "--query、--agency 筛选,例如 python -m analysis report --dataset 数据集名称 --query 关键词 -o 报告.docx。",
                    "Not available yet for datasets above {n} articles: {what}. Use the command line: every command "
                    "(keywords, kwic, agencies, timeline, policy, report) reads the whole dataset with --dataset NAME; "
                    "report also filters with --from, --to, --query, --agency, e.g. python -m analysis report "
                    "--dataset NAME --query WORD -o report.docx."),
    "lg.other_settings": ("此大数据集的数据存储是用其他分析设置(词典或机构表)建立的;修改设置后请用 "
                          "python -m analysis ingest 重新导入。",
                          "This large dataset's store was built with other analysis settings (dictionary or agency "
                          "table); after changing them, re-run python -m analysis ingest."),
    "lg.kw_summary": ("{articles} 篇 · {tokens} 词次(大数据集:从数据存储读取)",
                      "{articles} articles · {tokens} tokens (large dataset: read from its store)"),
    "lg.kwic_capped": ("只列出按文章顺序的前 {n} 处(排序只在这些之中);请缩小筛选范围",
                       "Only the first {n} in article order are listed (sorted among those); narrow the filters"),
    "lg.page": ("页码(共 {pages} 页,每页 {n} 篇)", "Page ({pages} pages of {n} articles)"),
    "lg.listed": ("第 {first}–{last} 篇(按数据集中的顺序),共 {n} 篇",
                  "Articles {first}–{last} of {n} (in the dataset's order)"),
    "lg.report": ("一键报告", "the one-file report"),
    "lg.policy": ("政策页(此数据集保存时尚无文号、发文机关等字段:请用 python -m analysis ingest 重新导入)",
                  "the policy page (this dataset was saved before its 文号 and issuer fields existed: "
                  "re-run python -m analysis ingest)"),
    "lg.po_caption": ("{n} 篇 · 有文号 {numbered} · 有发文机关 {issued}(引用关系见下)",
                      "{n} articles · {numbered} with a 文号 · {issued} with an issuer (citations: see below)"),
    "lg.po_reingest": ("此数据集的数据存储建于引用表之前(或其引用表尚无导入时解析的目标):文件列表、被引最多与引用列表需要用 "
                       "python -m analysis ingest 重新导入(导入时找出每篇正文中的引用,并在整个语料中解析)。",
                       "This dataset's store was built before the citation tables (or before their targets were "
                       "resolved at ingest): the document list, most cited and citation list need a re-run of "
                       "python -m analysis ingest (it finds every body's references and resolves them against the "
                       "whole corpus)."),
    "lg.po_network": ("引用网络图(可用“被引最多”查看引用某文件的句子)",
                      "the citation network graph (use Most cited to see the sentences citing a document)"),
    "lg.po_listed": ("第 {first}–{last} 处,共 {n} 处", "References {first}–{last} of {n}"),
    "lg.po_narrow": ("所选文件中有 {n} 处引用,超过 {max} 处(导入时找到的引用,解析前计数):文件列表、被引最多与引用列表"
                     "需要在解析全部引用后计算,请用左侧的筛选(日期范围、来源、关键词查询、机构)缩小范围。"
                     "下面是发文机关 × 年份。",
                     "The selected documents hold {n} references, more than {max} (as found at ingest, counted before "
                     "resolution): the document list, most cited and citation list are computed from all of them "
                     "resolved — narrow the filters in the sidebar (Date range, Sources, Keyword query, Agencies). "
                     "Issuer × year below."),
    "lg.po_sort": ("排序", "Sort by"),
    "lg.po_sort_row": ("数据集中的顺序", "Dataset order"),
    "lg.po_descending": ("降序", "Descending"),
    "lg.po_citations": ("文件列表、被引最多、引用网络与引用列表(需要在导入时计算全部文件之间的引用)",
                        "the document list, most cited, citation network and citation list (they need the "
                        "citations between all documents, computed at ingest)"),
}
