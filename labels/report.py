"""The complete report's words (``analysis.report_content`` builds the report from codes; the edges — the
dashboard's ``ui/report.py`` and ``python -m analysis report`` — pass :func:`report_words` of the report's
language as ``words=``): headings and captions (:data:`LABELS`), table headers (:data:`COLUMN_LABELS`), code
cells (:data:`VALUE_LABELS`, :data:`YES_NO`), chart words (:data:`FIGURE_WORDS`), the policy section's table
titles (:data:`POLICY_TITLES`) and the renderers' own words (:data:`HTML_CHROME`, :data:`DOCX_WORDS`).
Plain data; shares the dashboard's words where they are the same (:data:`labels.TEXTS`, ``labels.columns``)."""
from __future__ import annotations

from labels import TEXTS, template
from labels.columns import COLUMNS, DOC_TYPES

#: key -> (Chinese, English)
LABELS: dict[str, tuple[str, str]] = {
    "title": ("文鉴分析报告", "Wenjian analysis report"),
    "sec.overview": ("概览", "Overview"),
    "sec.keywords": ("关键词", "Keywords"),
    "sec.agencies": ("机构", "Agencies"),
    "sec.timeline": ("时间线", "Timeline"),
    "sec.policy": ("政策文件", "Policy documents"),
    "ov.summary": ("所选文章概况", "The selection in numbers"),
    "ov.top_keywords": ("高频关键词(前 15 个)", "Top keywords (15)"),
    "ov.top_agencies": ("提及最多的机构(前 15 个)", "Most mentioned agencies (15)"),
    "ov.timeline": ("发文趋势", "Articles over time"),
    "ov.top_sources": ("主要来源(前 12 个)", "Top sources (12)"),
    "kw.top_chart": ("高频词(前 40 个)", "Top terms (40)"),
    "kw.top_table": ("高频词与 TF-IDF(前 100 个)", "Top terms with TF-IDF (100)"),
    "kw.phrases": ("短语(两词搭配,按对数似然比 G² 排序,至少出现 5 次)",
                   "Phrases (two-term collocations by log-likelihood G², at least 5 times)"),
    "ag.ranking": ("机构提及排行(前 20 个)", "Agency mentions (top 20)"),
    "ag.table": ("机构提及表(全部)", "Agency mentions (all)"),
    "ag.network": ("机构共现网络(前 30 个)", "Agencies named together (top 30)"),
    "ag.pairs": ("共现机构对", "Agency pairs named together"),
    "tl.volume": ("发文量(每{freq})", "Articles per {freq}"),
    "tl.volume_table": ("发文量数据表", "Articles per period (table)"),
    "tl.volume_spikes": ("发文量突增", "Spikes in articles"),
    "tl.terms": ("高频词趋势(每{freq}出现次数)", "Top terms per {freq} (occurrences)"),
    "tl.terms_table": ("高频词趋势数据表", "Top terms per period (table)"),
    "tl.terms_spikes": ("高频词突增", "Spikes in top terms"),
    "tl.agencies": ("机构提及趋势(每{freq})", "Agency mentions per {freq}"),
    "tl.agencies_table": ("机构提及趋势数据表", "Agency mentions per period (table)"),
    "tl.agencies_spikes": ("机构提及突增", "Spikes in agency mentions"),
    "tl.spike_note": ("突增:与之前最多 {w} 个时段的基线相比显著升高的时段(负二项/泊松检验,Bonferroni 校正);"
                      "前 {h} 个时段没有足够的基线,不作检验。得分 = −log₁₀ p(最高 300)。",
                      "Spikes: periods well above the baseline of up to {w} periods before (negative-binomial/Poisson "
                      "test, Bonferroni-corrected); the first {h} periods have too little baseline and are not "
                      "tested. Score = −log₁₀ p (at most 300)."),
    "none": ("(无)", "(none)"),
    "no_spikes": ("未发现突增。", "No spike found."),
    "no_dates": ("所选文章都没有日期,没有时间线。", "None of the selected articles has a date: no timeline."),
    "no_agencies": ("所选文章中没有识别到机构。", "No agency was found in the selected articles."),
    "no_articles": ("当前筛选下没有文章。", "No article matches the filters."),
    "caption": ("数据集:{dataset} · 筛选:{filters} · {n} 篇文章 · {first} 至 {last} · 生成于 {generated}",
                "Dataset: {dataset} · filters: {filters} · {n} {n:|article|articles} · {first} to {last} · generated {generated}"),
    "no_filters": ("无", "none"),
    "f.dates": ("日期 {a} 至 {b}", "dates {a} to {b}"),
    "f.sources": ("来源 {v}", "sources {v}"),
    "f.query": ("查询 “{v}”", "query “{v}”"),
    "f.agencies": ("机构 {v}", "agencies {v}"),
    "f.reposts": ("转载计入", "reposts counted"),
    "f.undated": ("含无日期文章", "undated kept"),
    "s.dataset": ("数据集", "Dataset"),
    "s.total": ("数据集文章总数", "Articles in the dataset"),
    "s.selected": ("筛选后文章数", "Articles after filters"),
    "s.filters": ("筛选条件", "Filters"),
    "s.range": ("日期范围", "Date range"),
    "s.generated": ("生成时间", "Generated"),
    "s.tokenizer": ("分词器", "Tokenizer"),
    "s.register": ("关键词排名去掉的常用词", "Common words left out of the keyword rankings"),
    "register.policy": ("政策文书常用词(应当、可以、规定 … data/stopwords_policy.txt)",
                        "policy-document words (shall, may, provide … data/stopwords_policy.txt)"),
    "register.news": ("新闻报道常用词(记者、日电 … data/stopwords_news.txt)",
                      "news-report words (reporter, dateline … data/stopwords_news.txt)"),
    "register.none": ("无", "none"),
    "m.articles": ("文章", "Articles"),
    "m.sources": ("来源", "Sources"),
    "m.first": ("最早日期", "First date"),
    "m.last": ("最晚日期", "Last date"),
    "m.undated": ("无日期文章", "Undated articles"),
    "m.reposts": ("转载(已只计一次)", "Reposts (counted once)"),
    "m.metric": ("指标", "Measure"),
    "m.value": ("数值", "Value"),
    "freq.day": ("日", "day"), "freq.week": ("周", "week"), "freq.month": ("月", "month"),
    "freq.quarter": ("季度", "quarter"), "freq.year": ("年", "year"),
}

#: Table headers in the report (data columns not listed keep their name: e.g. a term's own column): the
#: dashboard's headers (:data:`labels.columns.COLUMNS`) for these columns ...
_SHARED_COLUMNS = (
    "term", "documents", "tfidf", "phrase", "pmi", "agency", "mentions", "a", "b", "articles", "source", "period",
    "start", "end", "series", "observed", "baseline", "ratio", "id", "title", "date", "doc_number", "issuer",
    "written_date", "effective_date", "doc_type", "citing", "cited_by", "role", "citations", "resolved",
    "resolved_share", "citing_documents", "in_corpus", "resolved_id",
)
#: ... and the report's own wording for these (a report table is read on paper: the statistic spelled out).
_REPORT_COLUMNS: dict[str, tuple[str, str]] = {
    "count": ("出现次数", "Occurrences"),
    "first": ("前词", "First term"),
    "second": ("后词", "Second term"),
    "llr": ("G²", "G²"),
    "aliases": ("出现的名称", "Names seen"),
    "score": ("得分(−log₁₀ p)", "Score (−log₁₀ p)"),
    "p_value": ("p 值", "p value"),
    "status": ("效力状态", "Status"),
}
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    **{k: COLUMNS[k] for k in _SHARED_COLUMNS}, **_REPORT_COLUMNS}

#: Cell values of the report's tables that are codes of the library, as shown (Chinese, English): citation
#: roles (``analysis.policy.citations.ROLES``, worded as on the 政策 page) + ``total``, the volume series.
VALUE_LABELS: dict[str, tuple[str, str]] = {
    **{role: TEXTS[f"po.role.{role}"] for role in ("basis", "repeal", "amendment", "implementation", "other")},
    "total": ("合计", "total"), "articles": ("文章数", "articles"),
}
#: Boolean cells: (yes, no) as the dashboard shows them.
YES_NO = (TEXTS["val.true"], TEXTS["val.false"])

#: Axis, legend and tooltip words of the charts (the ``labels=`` of the figure builders): the dashboard's
#: own figure words (``kwf.*``, ``ag.fig.*``, ``tl.fig.*``, ``measure.*`` of :data:`labels.TEXTS`), so a
#: report's chart images read like the app's charts.
FIGURE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "keywords": {k: TEXTS[f"kwf.{k}"] for k in ("count", "hover_times", "hover_articles")},
    "agencies": {k: TEXTS[f"ag.fig.{k}"] for k in ("mentions", "hover_mentions", "hover_articles",
                                                     "hover_association", "network_note")},
    "timeline": {
        **{k: TEXTS[f"tl.fig.{k}"] for k in ("articles", "spikes", "series_spikes", "spike_hover", "colorbar")},
        **{f"measure.{m}": TEXTS[f"measure.{m}"] for m in ("articles", "count", "per_1000", "share", "mentions")},
    },
}

#: Titles of the policy section's tables (codes of ``analysis.policy.report_tables``) and the issuer shown for
#: documents without one in the issuer × year table.
POLICY_TITLES: dict[str, tuple[str, str]] = {
    "documents": ("政策文件(按被引次数)", "Policy documents (most cited first)"),
    "roles": ("引用类型", "Citations by role"),
    "most_cited": ("被引最多的文件", "Most cited titles"),
    "issuer_year": ("发文机关 × 年份", "Issuer × year"),
    "unknown": ("(未知)", "(unknown)"),
}

#: The HTML renderer's own words (``analysis.report.build_report``) per language; ``None``: both, the
#: original bilingual form of a report built without a language.
HTML_CHROME: dict[str | None, dict[str, str]] = {
    None: {"generated": "生成时间 / generated", "settings": "设置 / Settings",
           "capped": "仅显示前 {shown} 行,共 {total} 行(完整表格请下载 CSV/ZIP)/ first {shown} of {total} rows shown",
           "html_lang": "zh-CN"},
    "zh": {"generated": "生成时间", "settings": "设置",
           "capped": "仅显示前 {shown} 行,共 {total} 行(完整表格见 ZIP 中的 CSV/XLSX)", "html_lang": "zh-CN"},
    "en": {"generated": "Generated", "settings": "Settings",
           "capped": "First {shown} of {total} rows shown (the ZIP holds every row as CSV and XLSX)",
           "html_lang": "en"},
}

#: The Word renderer's own words (``analysis.report_docx``) per language.
DOCX_WORDS: dict[str, dict[str, str]] = {
    "zh": {"generated": "生成时间", "capped": "仅列出前 {shown} 行,共 {total} 行;完整表格见 ZIP 中的 CSV/XLSX。",
           "no_image": "(此处应为图表:服务器端无法生成图片,需要 Chromium。HTML 版本中有交互式图表。)",
           "no_image_timeout": "(此处应为图表:服务器端生成图片超时(重试一次仍超过 WENJIAN_EXPORT_TIMEOUT 秒,默认 60),"
                               "多半是服务器正忙。请稍后重新生成报告;HTML 版本中有交互式图表。)",
           "no_image_failed": "(此处应为图表:服务器端生成图片出错(已重试一次)。请重新生成报告;HTML 版本中有交互式图表。)",
           "empty": "(空表)"},
    "en": {"generated": "Generated", "capped": "First {shown} of {total} rows listed; the ZIP holds the whole table "
                                               "as CSV and XLSX.",
           "no_image": "(A chart belongs here: server-side image export is unavailable — it needs Chromium. The "
                       "HTML report has the interactive chart.)",
           "no_image_timeout": "(A chart belongs here: the server-side image timed out — over WENJIAN_EXPORT_TIMEOUT "
                               "seconds, default 60, also when tried again; the server was probably busy. Generate "
                               "the report again later; the HTML report has the interactive chart.)",
           "no_image_failed": "(A chart belongs here: the server-side image export failed, also when tried again. "
                              "Generate the report again; the HTML report has the interactive chart.)",
           "empty": "(empty table)"},
}


def report_words(lang: str) -> dict[str, str]:
    """Every word of a complete report in ``lang`` (``zh``/``en``) as one flat mapping — the ``words=`` of
    ``analysis.report_content.build_content``: :data:`LABELS` keys as they are, then ``col.<column>``,
    ``val.<code>``, ``doctype.<文种>`` (:data:`labels.columns.DOC_TYPES`), ``yes``/``no``, ``fig.<area>.<key>`` (``area``: keywords, agencies, timeline),
    ``policy.<code>``, ``html.<key>`` and ``docx.<key>``."""
    i = 1 if lang == "en" else 0
    out = {key: pair[i] for key, pair in LABELS.items()}
    out.update({f"col.{key}": pair[i] for key, pair in COLUMN_LABELS.items()})
    out.update({f"val.{key}": pair[i] for key, pair in VALUE_LABELS.items()})
    out.update({f"doctype.{key}": pair[i] for key, pair in DOC_TYPES.items()})
    out.update(yes=YES_NO[0][i], no=YES_NO[1][i])
    out.update({f"fig.{area}.{key}": pair[i] for area, table in FIGURE_WORDS.items() for key, pair in table.items()})
    out.update({f"policy.{key}": pair[i] for key, pair in POLICY_TITLES.items()})
    out.update({f"html.{key}": text for key, text in HTML_CHROME["en" if i else "zh"].items()})
    out.update({f"docx.{key}": text for key, text in DOCX_WORDS["en" if i else "zh"].items()})
    return {key: template(text) for key, text in out.items()}   # str.format with plurals (labels.fill)
