"""What the complete report holds: every page's default views for one selection, built on demand.

:func:`build_content` computes — independently of what anyone looked at in the app — the default view of
every page for the articles selected by ``mask``:

- 概览 / Overview: the selection's numbers; top keywords, most mentioned agencies (Chinese bodies), articles
  over time, top sources;
- 关键词 / Keywords: top terms (chart, and the table with count, documents and TF-IDF), two-term phrases (G²);
- 机构 / Agencies: ranking (chart + full table with aliases), co-occurrence network (chart + pairs table);
- 时间线 / Timeline: articles, the top 3 terms and the top 3 agencies per period (automatic frequency), each
  with its spikes marked and listed;
- 政策 / Policy: the tables of ``analysis.policy.report_tables`` when most of the selection is policy
  documents; left out otherwise.

Every heading, chart title and table header comes from :data:`LABELS` / :data:`COLUMN_LABELS` in the
report's language (``zh`` or ``en``), never a raw id. Every item carries a caption with the dataset, the
filters, the article count, the date range and the time the report was generated. Rendering is separate
(``analysis.report``: HTML and ZIP; ``analysis.report_docx``: Word).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from analysis.agencies import agency_summary, cooccurrence, government_mentions, network_figure, ranking_figure
from analysis.errors import invalid_option
from analysis.figstyle import localize_date_axes
from analysis.figures.keywords import top_terms_figure
from analysis.figures.overview import bar_figure
from analysis.figures.timeline import series_figure, volume_figure
from analysis.filters import Filters, check_mask, filter_mask
from analysis.overview import agency_counts, sparkline_freq, summary, top_sources
from analysis.phrases import phrases
from analysis.policy import report_tables
from analysis.report import Section
from analysis.spikes import MIN_HISTORY, WINDOW
from analysis.timeline import agency_choices, agency_series, auto_freq, find_spikes, term_series, volume

LANGS = ("zh", "en")
Progress = Callable[[float, str], None]

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
                "Dataset: {dataset} · filters: {filters} · {n} articles · {first} to {last} · generated {generated}"),
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

#: Table headers in the report (data columns not listed keep their name: e.g. a term's own column).
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "term": ("词", "Term"), "count": ("出现次数", "Occurrences"), "documents": ("文章数", "Articles"),
    "tfidf": ("TF-IDF", "TF-IDF"), "phrase": ("短语", "Phrase"), "first": ("前词", "First term"),
    "second": ("后词", "Second term"), "llr": ("G²", "G²"), "pmi": ("PMI", "PMI"),
    "agency": ("机构", "Agency"), "mentions": ("提及次数", "Mentions"), "aliases": ("出现的名称", "Names seen"),
    "a": ("机构 A", "Agency A"), "b": ("机构 B", "Agency B"), "articles": ("文章数", "Articles"),
    "source": ("来源", "Source"), "period": ("时段", "Period"), "start": ("开始", "Start"), "end": ("结束", "End"),
    "series": ("序列", "Series"), "observed": ("观测值", "Observed"), "baseline": ("基线", "Baseline"),
    "ratio": ("倍数", "Ratio"), "score": ("得分(−log₁₀ p)", "Score (−log₁₀ p)"), "p_value": ("p 值", "p value"),
    # policy tables (analysis.policy.report_tables)
    "id": ("编号", "ID"), "title": ("标题", "Title"), "date": ("日期", "Date"), "doc_number": ("文号", "Document number"),
    "issuer": ("发文机关", "Issuer"), "written_date": ("成文日期", "Date written"),
    "effective_date": ("施行日期", "Effective date"), "status": ("效力状态", "Status"), "doc_type": ("文种", "Document type"),
    "citing": ("引用数", "Cites"), "cited_by": ("被引数", "Cited by"), "role": ("引用类型", "Role"),
    "citations": ("引用次数", "Citations"), "resolved": ("语料内", "In corpus"),
    "resolved_share": ("语料内占比", "Share in corpus"), "citing_documents": ("引用文件数", "Citing documents"),
    "in_corpus": ("在语料内", "In corpus"), "resolved_id": ("语料内文件编号", "Document in corpus"),
}

#: Cell values of the report's tables that are codes of the library, as shown (Chinese, English): citation
#: roles (``analysis.policy.citations.ROLES`` + ``total``), the volume series, yes/no.
VALUE_LABELS: dict[str, tuple[str, str]] = {
    "basis": ("依据", "basis"), "repeal": ("废止", "repeal"), "amendment": ("修改", "amendment"),
    "implementation": ("贯彻实施", "implementation"), "other": ("其他", "other"), "total": ("合计", "total"),
    "articles": ("文章数", "articles"),
}
YES_NO = (("是", "yes"), ("否", "no"))


#: Axis, legend and tooltip words of the charts (the ``labels=`` of the figure builders), per language, so a
#: report's chart images are in one language like the app's (the app takes the same words from ``ui/i18n``).
FIGURE_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    "keywords": {"count": ("出现次数", "Occurrences"), "hover_times": ("次", "times"),
                 "hover_articles": ("篇", "articles")},
    "agencies": {"mentions": ("提及次数", "Mentions"), "hover_mentions": ("提及", "mentions"),
                 "hover_articles": ("文章", "articles")},
    "timeline": {"articles": ("文章", "articles"), "spikes": ("突增", "spikes"),
                 "series_spikes": ("{series} 突增", "{series} spikes"),
                 "spike_hover": ("{period}<br>突增:{observed}(基线 {baseline},×{ratio})",
                                 "{period}<br>spike: {observed} (baseline {baseline}, ×{ratio})"),
                 "colorbar": ("篇", "articles"),
                 "measure.articles": ("文章数", "Articles"), "measure.count": ("出现次数", "Occurrences"),
                 "measure.per_1000": ("每千词", "Per 1,000 tokens"), "measure.share": ("文章占比", "Share of articles"),
                 "measure.mentions": ("提及次数", "Mentions")},
}


def figure_words(area: str, lang: str = "zh") -> dict[str, str]:
    """The ``labels=`` of ``area``'s figure builders (``keywords`` / ``agencies`` / ``timeline``) in ``lang``."""
    return {k: pair[1 if lang == "en" else 0] for k, pair in FIGURE_WORDS[area].items()}


def label(key: str, lang: str = "zh", **kwargs: object) -> str:
    """The report's text for ``key`` in ``lang`` (``zh``/``en``), formatted with ``kwargs``."""
    zh, en = LABELS[key]
    text = en if lang == "en" else zh
    return text.format(**kwargs) if kwargs else text


def column_labels(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``df`` with its known column names (:data:`COLUMN_LABELS`) in ``lang`` and its code cells in words:
    the ``role`` codes and the volume series' ``articles`` (:data:`VALUE_LABELS`) and boolean columns as yes/no
    (:data:`YES_NO`) — a report is read, not parsed. ``df`` itself is not changed."""
    i = 1 if lang == "en" else 0
    out = df.copy()
    if "role" in out and not pd.api.types.is_numeric_dtype(out["role"].dtype):
        out["role"] = out["role"].map(lambda v: VALUE_LABELS[v][i] if isinstance(v, str) and v in VALUE_LABELS else v)
    if "series" in out and not pd.api.types.is_numeric_dtype(out["series"].dtype):  # only the volume's code: other series are data (terms)
        out["series"] = out["series"].map(lambda v: VALUE_LABELS[v][i] if v == "articles" else v)
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = out[col].map({True: YES_NO[0][i], False: YES_NO[1][i]})
    names = {c: COLUMN_LABELS[c][i] for c in out.columns if c in COLUMN_LABELS}
    return out.rename(columns=names)


@dataclass
class Report:
    """The report's content: ``sections`` (headings, charts, tables and their captions), ``settings`` (shown
    at the top), ``lang``, ``generated`` and ``title``. ``images`` caches rendered chart images by
    ``(id(figure), format)`` so the Word file and the ZIP render each chart once."""

    title: str
    sections: list[Section]
    settings: dict[str, object]
    lang: str
    generated: dt.datetime
    caption: str
    images: dict[tuple[int, str], bytes | None] = field(default_factory=dict)


def _date(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def describe_filters(filters: Filters, lang: str = "zh") -> str:
    """The filters in words (``无`` / ``none`` for the defaults)."""
    parts = []
    if filters.date_from is not None or filters.date_to is not None:
        parts.append(label("f.dates", lang, a=_date(filters.date_from) if filters.date_from is not None else "…",
                           b=_date(filters.date_to) if filters.date_to is not None else "…"))
    if filters.sources:
        parts.append(label("f.sources", lang, v="、".join(filters.sources)))
    if filters.query:
        parts.append(label("f.query", lang, v=filters.query))
    if filters.agencies:
        parts.append(label("f.agencies", lang, v="、".join(filters.agencies)))
    if not filters.dedupe:
        parts.append(label("f.reposts", lang))
    if filters.keep_undated and (filters.date_from is not None or filters.date_to is not None):
        parts.append(label("f.undated", lang))
    return "; ".join(parts) or label("no_filters", lang)


def _spike_table(spikes: pd.DataFrame) -> pd.DataFrame:
    out = spikes.copy()
    for col in ("start", "end"):
        if col in out:
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    for col in ("baseline", "score"):
        if col in out:
            out[col] = out[col].round(2)
    if "ratio" in out:  # a spike over a zero baseline has an infinite ratio: shown as ∞, not "inf"
        out["ratio"] = out["ratio"].map(lambda r: "" if pd.isna(r) else "∞" if np.isinf(r) else f"{r:.2f}")
    if "p_value" in out:  # below the smallest double p underflows to 0: "<1e-300", never a p of 0
        out["p_value"] = out["p_value"].map(lambda p: "" if pd.isna(p) else "<1e-300" if p == 0 else f"{p:.2g}")
    return out


def _period_table(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for col in ("start", "end"):
        if col in out:
            out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    return out


def policy_tables(articles: pd.DataFrame, mask: np.ndarray, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """The report's 政策 / Policy section: ``[(title, table), …]`` of ``analysis.policy.report_tables``
    (``[]`` when at most half of the selection is policy documents)."""
    return [(str(title), table) for title, table in report_tables(articles, mask, lang)]


def build_content(articles: pd.DataFrame, mask: np.ndarray | None, *, corpus: Any, mentions: pd.DataFrame,
                  dataset: str, filters: Filters = Filters(), lang: str = "zh",
                  generated: dt.datetime | None = None, progress: Progress | None = None) -> Report:
    """Every page's default views for the rows of ``articles`` selected by ``mask`` (a boolean array; None =
    all). ``corpus``: the ``TokenizedCorpus`` of ``articles`` (same rows); ``mentions``: the agency mention
    table (``analysis.agencies.find_mentions``); ``dataset``/``filters``: named in the captions and settings
    (``filters`` must be what produced ``mask``). ``progress(fraction, text)`` is called as sections are
    computed. Raises :class:`InvalidOption` for an unknown ``lang`` or a mask of the wrong length."""
    if lang not in LANGS:
        raise invalid_option("lang", lang, LANGS)
    n = len(articles)
    mask = check_mask(mask, n)
    progress = progress or (lambda frac, text: None)
    generated = generated or dt.datetime.now(dt.timezone.utc)
    L = lambda key, **kw: label(key, lang, **kw)  # noqa: E731
    s = summary(articles, mask)
    caption = L("caption", dataset=dataset, filters=describe_filters(filters, lang), n=f"{s.articles:,}",
                first=_date(s.first), last=_date(s.last), generated=generated.strftime("%Y-%m-%d %H:%M %Z").strip())
    settings = {L("s.dataset"): dataset, L("s.total"): f"{n:,}", L("s.selected"): f"{s.articles:,}",
                L("s.filters"): describe_filters(filters, lang), L("s.range"): f"{_date(s.first)} – {_date(s.last)}",
                L("s.generated"): generated.isoformat(timespec="seconds"),
                L("s.tokenizer"): getattr(corpus, "engine", "") or "—"}
    report = Report(title=f"{L('title')} — {dataset}", sections=[], settings=settings, lang=lang,
                    generated=generated, caption=caption)

    def section(key: str) -> Section:
        sec = Section(L(key))
        report.sections.append(sec)
        return sec

    def add(sec: Section, item, title: str) -> None:
        if isinstance(item, pd.DataFrame):
            item = column_labels(item, lang)
        elif hasattr(item, "to_plotly_json"):   # a chart: date axes in the report's language
            localize_date_axes(item, lang)
        sec.captions[len(sec.items)] = title
        sec.notes[len(sec.items)] = caption
        sec.items.append(item)

    # --- overview
    progress(0.02, L("sec.overview"))
    ov = section("sec.overview")
    add(ov, pd.DataFrame({L("m.metric"): [L(k) for k in ("m.articles", "m.sources", "m.first", "m.last",
                                                         "m.undated", "m.reposts")],
                          L("m.value"): [f"{s.articles:,}", f"{s.sources:,}", _date(s.first), _date(s.last),
                                         f"{s.undated:,}", f"{_reposts(articles, filters, mentions):,}"]}),
        L("ov.summary"))
    if s.articles == 0:
        ov.items.append(L("no_articles"))
        progress(1.0, "")
        return report
    top15 = corpus.top_terms(mask, 15)
    add(ov, top_terms_figure(top15, L("ov.top_keywords"), labels=figure_words("keywords", lang)), L("ov.top_keywords"))
    chinese = agency_counts(mentions, mask, include_foreign=False, include_media=False)
    if len(chinese):
        add(ov, ranking_figure(chinese, top=15, title=L("ov.top_agencies"), labels=figure_words("agencies", lang)), L("ov.top_agencies"))
    if s.first is not None:
        spark = volume(articles, mask, sparkline_freq(s.first, s.last))
        add(ov, volume_figure(spark, title=L("ov.timeline"), labels=figure_words("timeline", lang)), L("ov.timeline"))
    sources = top_sources(articles, mask, n=12)
    if len(sources):
        add(ov, bar_figure(sources, "source", "articles", L("ov.top_sources")), L("ov.top_sources"))

    # --- keywords
    progress(0.2, L("sec.keywords"))
    kw = section("sec.keywords")
    top = corpus.top_terms(mask, 100)
    add(kw, top_terms_figure(top.head(40), L("kw.top_chart"), labels=figure_words("keywords", lang)), L("kw.top_chart"))
    add(kw, top, L("kw.top_table"))
    if getattr(corpus, "sequence", None) is not None:
        add(kw, phrases(corpus, mask, n=100, min_count=5, order="llr"), L("kw.phrases"))

    # --- agencies (the 机构 page's default: Chinese government bodies, no news organisations)
    progress(0.4, L("sec.agencies"))
    ag = section("sec.agencies")
    domestic = government_mentions(mentions)
    summ = agency_summary(domestic, mask)
    if summ.empty:
        ag.items.append(L("no_agencies"))
    else:
        add(ag, ranking_figure(summ, 20, title=L("ag.ranking"), labels=figure_words("agencies", lang)), L("ag.ranking"))
        add(ag, summ, L("ag.table"))
        cooc = cooccurrence(domestic, mask)
        add(ag, network_figure(cooc, summ, 30, title=L("ag.network")), L("ag.network"))
        add(ag, cooc, L("ag.pairs"))

    # --- timeline
    progress(0.6, L("sec.timeline"))
    tls = section("sec.timeline")
    if s.first is None:
        tls.items.append(L("no_dates"))
    else:
        freq = auto_freq(articles["date"][mask])
        fname = L(f"freq.{freq}")
        tls.items.append(L("tl.spike_note", w=WINDOW, h=MIN_HISTORY))
        vol = volume(articles, mask, freq)
        spikes = find_spikes(vol)
        add(tls, volume_figure(vol, "total", spikes, title=L("tl.volume", freq=fname), labels=figure_words("timeline", lang)), L("tl.volume", freq=fname))
        add(tls, _period_table(vol.table), L("tl.volume_table"))
        add(tls, _spike_table(spikes), L("tl.volume_spikes"))
        terms = corpus.top_terms(mask, 3)["term"].tolist()
        if terms:
            tl = term_series(articles, corpus, terms, mask, freq)
            spikes = find_spikes(tl)
            add(tls, series_figure(tl, spikes, L("tl.terms", freq=fname), labels=figure_words("timeline", lang)), L("tl.terms", freq=fname))
            add(tls, _period_table(tl.table), L("tl.terms_table"))
            add(tls, _spike_table(spikes), L("tl.terms_spikes"))
        chosen = agency_choices(domestic, mask, limit=3)
        if chosen:
            tl = agency_series(articles, domestic, chosen, mask, freq)
            spikes = find_spikes(tl)
            add(tls, series_figure(tl, spikes, L("tl.agencies", freq=fname), labels=figure_words("timeline", lang)), L("tl.agencies", freq=fname))
            add(tls, _period_table(tl.table), L("tl.agencies_table"))
            add(tls, _spike_table(spikes), L("tl.agencies_spikes"))

    # --- policy (when the policy package offers its tables)
    progress(0.8, L("sec.policy"))
    tables = policy_tables(articles, mask, lang)
    if tables:
        pol = section("sec.policy")
        for title, table in tables:
            add(pol, table, title)
    progress(1.0, "")
    return report


def _reposts(articles: pd.DataFrame, filters: Filters, mentions: pd.DataFrame) -> int:
    """Reposts among the selection as if every row counted — the number the 概览 page shows (with "count
    reposts once" they are left out of every other number)."""
    return int(articles["duplicate_of"].notna().to_numpy()[filter_mask(
        articles, dataclasses.replace(filters, dedupe=False), mentions)].sum())
