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

Every heading, chart title and table header comes from ``words`` — the report's language's words, which the
edge passes in (``labels.report.report_words(lang)``: the dashboard's ``ui/report.py`` and ``python -m
analysis report``); this module holds codes only, and a report built without words shows the codes. Every item carries a caption with the dataset, the
filters, the article count, the date range and the time the report was generated. Rendering is separate
(``analysis.report``: HTML and ZIP; ``analysis.report_docx``: Word).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
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
from analysis.keywords import tokenizer_name
from analysis.overview import agency_counts, sparkline_freq, summary, top_sources
from analysis.phrases import phrases
from analysis.policy import report_tables
from analysis.policy.register import resolve_register, top_terms_for_register
from analysis.report import Section, generated_text
from analysis.spikes import MIN_HISTORY, WINDOW, p_value_text
from analysis.timeline import agency_choices, agency_series, auto_freq, find_spikes, term_series, volume

LANGS = ("zh", "en")
Progress = Callable[[float, str], None]

#: The words a report needs (one language, keys of ``labels.report.report_words``); passed in by the edge.
Words = Mapping[str, str]


def figure_words(area: str, words: Words) -> dict[str, str]:
    """The ``labels=`` of ``area``'s figure builders (``keywords`` / ``agencies`` / ``timeline``): the
    ``fig.<area>.*`` entries of ``words``."""
    prefix = f"fig.{area}."
    return {k[len(prefix):]: v for k, v in words.items() if k.startswith(prefix)}


def label(key: str, words: Words, **kwargs: object) -> str:
    """The report's text for ``key`` from ``words``, formatted with ``kwargs``; the key itself when ``words``
    has none (a report built without words shows codes)."""
    text = words.get(key)
    if text is None:
        return key
    return text.format(**kwargs) if kwargs else text


def column_labels(df: pd.DataFrame, words: Words) -> pd.DataFrame:
    """``df`` with its known column names (``col.<name>`` of ``words``) as words and its code cells in words:
    the ``role`` codes and the volume series' ``articles`` (``val.<code>``), the document types
    (``doctype.<文种>``: English with the Chinese in brackets) and boolean columns as ``yes`` /
    ``no`` — a report is read, not parsed. ``df`` itself is not changed; codes ``words`` lacks stay codes."""
    out = df.copy()
    val = {k[4:]: v for k, v in words.items() if k.startswith("val.")}
    if "role" in out and not pd.api.types.is_numeric_dtype(out["role"].dtype):
        out["role"] = out["role"].map(lambda v: val.get(v, v) if isinstance(v, str) else v)
    if "doc_type" in out and not pd.api.types.is_numeric_dtype(out["doc_type"].dtype):  # 文种: the data stay Chinese
        out["doc_type"] = out["doc_type"].map(lambda v: words.get(f"doctype.{v}", v) if isinstance(v, str) else v)
    if "series" in out and not pd.api.types.is_numeric_dtype(out["series"].dtype):  # only the volume's code: other series are data (terms)
        out["series"] = out["series"].map(lambda v: val.get(v, v) if v == "articles" else v)
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col].dtype):
            out[col] = out[col].map({True: words.get("yes", "yes"), False: words.get("no", "no")})
    names = {c: words[f"col.{c}"] for c in out.columns if f"col.{c}" in words}
    return out.rename(columns=names)


@dataclass
class Report:
    """The report's content: ``sections`` (headings, charts, tables and their captions), ``settings`` (shown
    at the top), ``lang``, ``generated`` and ``title``; ``words``: the words it was built with (the renderers
    read their own from it: ``html.*``, ``docx.*``). ``images`` caches rendered chart images by
    ``(id(figure), format)`` so the Word file and the ZIP render each chart once."""

    title: str
    sections: list[Section]
    settings: dict[str, object]
    lang: str
    generated: dt.datetime
    caption: str
    words: dict[str, str] = field(default_factory=dict)
    images: dict[tuple[int, str], bytes | None] = field(default_factory=dict)
    #: why chart images are missing (``analysis.export.image_problem``: unavailable / timeout / failed), set by
    #: ``analysis.report.render_images``; ``None`` when every image is there
    image_problem: str | None = None


def _date(value: Any) -> str:
    return "—" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def describe_filters(filters: Filters, words: Words) -> str:
    """The filters in ``words`` (``no_filters`` — 无 / none — for the defaults)."""
    parts = []
    if filters.date_from is not None or filters.date_to is not None:
        parts.append(label("f.dates", words, a=_date(filters.date_from) if filters.date_from is not None else "…",
                           b=_date(filters.date_to) if filters.date_to is not None else "…"))
    if filters.sources:
        parts.append(label("f.sources", words, v="、".join(filters.sources)))
    if filters.query:
        parts.append(label("f.query", words, v=filters.query))
    if filters.agencies:
        parts.append(label("f.agencies", words, v="、".join(filters.agencies)))
    if not filters.dedupe:
        parts.append(label("f.reposts", words))
    if filters.keep_undated and (filters.date_from is not None or filters.date_to is not None):
        parts.append(label("f.undated", words))
    return "; ".join(parts) or label("no_filters", words)


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
    if "p_value" in out:  # one rule with the page: "< 1e-15" below that, never a p of 0
        out["p_value"] = out["p_value"].map(p_value_text)
    return out


def _period_table(table: pd.DataFrame) -> pd.DataFrame:
    out = table.copy()
    for col in ("start", "end"):
        if col in out:
            out[col] = pd.to_datetime(out[col]).dt.strftime("%Y-%m-%d")
    return out


def policy_tables(articles: pd.DataFrame, mask: np.ndarray | None, words: Words) -> list[tuple[str, pd.DataFrame]]:
    """The report's 政策 / Policy section: ``[(title, table), …]`` of ``analysis.policy.report_tables``, each
    table's code as its title in ``words`` (``policy.<code>``; ``[]`` when at most half of the selection is
    policy documents)."""
    unknown = words.get("policy.unknown", "")
    return [(words.get(f"policy.{code}", str(code)), table) for code, table in report_tables(articles, mask, unknown)]


def build_content(articles: pd.DataFrame, mask: np.ndarray | None, *, corpus: Any, mentions: pd.DataFrame,
                  dataset: str, filters: Filters = Filters(), lang: str = "zh", words: Words | None = None,
                  generated: dt.datetime | None = None, progress: Progress | None = None,
                  register: str = "auto") -> Report:
    """Every page's default views for the rows of ``articles`` selected by ``mask`` (a boolean array; None =
    all). ``corpus``: the ``TokenizedCorpus`` of ``articles`` (same rows); ``mentions``: the agency mention
    table (``analysis.agencies.find_mentions``); ``dataset``/``filters``: named in the captions and settings
    (``filters`` must be what produced ``mask``). ``lang``: the report's language code (date axes, the HTML
    ``lang``); ``words``: its words (``labels.report.report_words(lang)``; none = codes shown).
    ``progress(fraction, text)`` is called as sections are computed. ``register``: whose stopwords the keyword
    rankings leave out, decided by ``analysis.policy.register.resolve_register`` exactly as on the 关键词/概览
    pages and in ``python -m analysis keywords`` (``auto``: policy for a mostly-policy dataset). Raises :class:`InvalidOption` for an unknown ``lang`` or a mask of the wrong length."""
    if lang not in LANGS:
        raise invalid_option("lang", lang, LANGS)
    n = len(articles)
    mask = check_mask(mask, n)
    progress = progress or (lambda frac, text: None)
    generated = generated or dt.datetime.now(dt.timezone.utc)
    words = dict(words or {})
    register = resolve_register(articles, register)
    L = lambda key, **kw: label(key, words, **kw)  # noqa: E731
    s = summary(articles, mask)
    caption = L("caption", dataset=dataset, filters=describe_filters(filters, words), n=f"{s.articles:,}",
                first=_date(s.first), last=_date(s.last), generated=generated_text(generated))
    settings: dict[str, object] = {
                L("s.dataset"): dataset, L("s.total"): f"{n:,}", L("s.selected"): f"{s.articles:,}",
                L("s.filters"): describe_filters(filters, words), L("s.range"): f"{_date(s.first)} – {_date(s.last)}",
                L("s.generated"): generated_text(generated),
                L("s.tokenizer"): tokenizer_name(corpus),
                L("s.register"): L(f"register.{register}")}
    report = Report(title=f"{L('title')} — {dataset}", sections=[], settings=settings, lang=lang, words=words,
                    generated=generated, caption=caption)

    def section(key: str) -> Section:
        sec = Section(L(key))
        report.sections.append(sec)
        return sec

    def add(sec: Section, item, title: str) -> None:
        if isinstance(item, pd.DataFrame):
            item = column_labels(item, words)
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
    top15 = top_terms_for_register(corpus, mask, 15, register)
    add(ov, top_terms_figure(top15, L("ov.top_keywords"), labels=figure_words("keywords", words)), L("ov.top_keywords"))
    chinese = agency_counts(mentions, mask, include_foreign=False, include_media=False)
    if len(chinese):
        add(ov, ranking_figure(chinese, top=15, title=L("ov.top_agencies"), labels=figure_words("agencies", words)), L("ov.top_agencies"))
    if s.first is not None:
        spark = volume(articles, mask, sparkline_freq(s.first, s.last))
        add(ov, volume_figure(spark, title=L("ov.timeline"), labels=figure_words("timeline", words)), L("ov.timeline"))
    sources = top_sources(articles, mask, n=12)
    if len(sources):
        add(ov, bar_figure(sources, "source", "articles", L("ov.top_sources")), L("ov.top_sources"))

    # --- keywords
    progress(0.2, L("sec.keywords"))
    kw = section("sec.keywords")
    top = top_terms_for_register(corpus, mask, 100, register)
    add(kw, top_terms_figure(top.head(40), L("kw.top_chart"), labels=figure_words("keywords", words)), L("kw.top_chart"))
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
        add(ag, ranking_figure(summ, 20, title=L("ag.ranking"), labels=figure_words("agencies", words)), L("ag.ranking"))
        add(ag, summ, L("ag.table"))
        cooc = cooccurrence(domestic, mask)
        add(ag, network_figure(cooc, summ, 30, title=L("ag.network"), labels=figure_words("agencies", words)),
            L("ag.network"))
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
        tl_words = figure_words("timeline", words)

        def add_series(key: str, tl, draw) -> None:
            """A timeline's chart (spikes marked), its table and its spikes, titled ``tl.<key>…``."""
            spikes = find_spikes(tl)
            title = L(f"tl.{key}", freq=fname)
            add(tls, draw(tl, spikes, title), title)
            add(tls, _period_table(tl.table), L(f"tl.{key}_table"))
            add(tls, _spike_table(spikes), L(f"tl.{key}_spikes"))

        add_series("volume", volume(articles, mask, freq),
                   lambda tl, spikes, title: volume_figure(tl, "total", spikes, title=title, labels=tl_words))
        series = lambda tl, spikes, title: series_figure(tl, spikes, title, labels=tl_words)  # noqa: E731
        terms = corpus.top_terms(mask, 3)["term"].tolist()
        if terms:
            add_series("terms", term_series(articles, corpus, terms, mask, freq), series)
        chosen = agency_choices(domestic, mask, limit=3)
        if chosen:
            add_series("agencies", agency_series(articles, domestic, chosen, mask, freq), series)

    # --- policy (when the policy package offers its tables)
    progress(0.8, L("sec.policy"))
    tables = policy_tables(articles, mask, words)
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
