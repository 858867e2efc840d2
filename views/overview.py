"""概览 page: the numbers of the current selection, top keywords, top agencies, sources and a timeline
sparkline — every bar drills down to its articles — plus the one-file report download."""
from __future__ import annotations

import dataclasses
import logging

import streamlit as st

from analysis.agencies import ranking_figure
from analysis.figures.keywords import top_terms_figure
from analysis.figures.overview import bar_figure
from analysis.figures.timeline import volume_figure
from analysis.filters import rows_mentioning
from analysis.overview import agency_counts, sparkline_freq, summary, top_sources
from analysis.policy.register import top_terms_for_register
from analysis.timeline import period_articles, volume
from ui import drill, large, state
from ui.cache import corpus_for, mentions_for
from ui.i18n import t, timeline_words, words
from ui.report import keyword_register, register_caption, report_button
from ui.widgets import show_figure

log = logging.getLogger("wenjian.ui")

st.header(t("ov.title"))
ds = state.require_dataset()
arts = ds.articles
filters = state.current_filters()
mask = state.current_mask()
s = large.summary(filters) if ds.large else summary(arts, mask)
# reposts among the selection as if every row counted (with "count reposts once" they are left out)
with_reposts = large.summary(dataclasses.replace(filters, dedupe=False)) if ds.large else \
    summary(arts, state.mask_for(ds, dataclasses.replace(filters, dedupe=False)))

# a row that wraps (a horizontal flex container, each metric as wide as its content) rather than five fixed
# columns: in a narrow window the columns cut the dates to "2024…" (tester-s15 N1)
row = st.container(horizontal=True, horizontal_alignment="distribute", gap="medium", key="ov_metrics")
row.metric(t("ov.articles"), f"{s.articles:,}", help=t("f.count", n=s.articles, total=s.total), width="content")
row.metric(t("ov.sources"), f"{s.sources:,}", width="content")
row.metric(t("ov.first"), f"{s.first:%Y-%m-%d}" if s.first is not None else "—",
           help=t("f.undated", n=s.undated) if s.undated else None, width="content")
row.metric(t("ov.last"), f"{s.last:%Y-%m-%d}" if s.last is not None else "—", width="content")
row.metric(t("ov.duplicates"), f"{with_reposts.reposts:,}",
           help=t("ov.duplicates_help") if filters.dedupe else None, width="content")
if s.articles == 0:
    st.info(t("empty.no_articles"))
    state.end_page()
report_slot = st.container()   # filled at the end, so the report includes this page's charts


def _unavailable(what: str, exc: Exception) -> None:
    log.exception("overview: %s", what)
    st.caption(t("ov.unavailable", what=what, err=type(exc).__name__))


def _bar_label(point: dict) -> str | None:
    """What a bar stands for (its ``customdata``, first item of a list, else its y or x label)."""
    custom = point.get("customdata")
    if isinstance(custom, (list, tuple)):
        custom = custom[0] if custom else None
    got = custom or point.get("y") or point.get("x")
    return None if got is None else str(got)


def _period(point: dict) -> str | None:
    custom = point.get("customdata")
    return custom[0] if isinstance(custom, (list, tuple)) and custom and isinstance(custom[0], str) else None


def _drill_from(fig, event, rows_for, key: str, label: str) -> None:
    """The articles behind the bar clicked in ``fig`` — or chosen in the select box under it, the keyboard
    path (``ui.drill.chart_choice``; tester-s15 K3)."""
    picked = drill.chart_choice(fig, event, f"{key}_pick", label, _bar_label)
    if picked:
        rows = rows_for(picked)
        drill.show_articles(rows if ds.large else arts[rows], picked, key=key)


left, right = st.columns(2)
with left:
    try:
        # the 关键词 page's register choice (auto: policy documents → policy, news reports → news) applies here too
        register = keyword_register(ds)
        if ds.large:
            top = large.top_terms(15, register)
        else:
            corpus = corpus_for(ds)
            top = top_terms_for_register(corpus, mask, 15, register)
        st.caption(register_caption(ds))
        fig = top_terms_figure(top, t("ov.top_keywords"), labels=words("kwf."))
        event = show_figure(fig, "top_keywords", key="ov_kw", on_select="rerun")
        _drill_from(fig, event, large.term_rows if ds.large else lambda term: mask & (corpus.term_vector(term) > 0),
                    "ov_kw_drill", t("kb.term"))
    except Exception as exc:  # noqa: BLE001 - one failing analysis must not hide the rest of the page
        _unavailable(t("ov.top_keywords"), exc)
with right:
    try:
        if ds.large:
            agencies = large.agency_counts()
        else:
            mentions = mentions_for(ds)
            agencies = agency_counts(mentions, mask, include_foreign=False, include_media=False)
        if agencies.empty:
            st.caption(t("ov.top_agencies") + ": —")
        else:
            fig = ranking_figure(agencies, top=15, title=t("ov.top_agencies"), labels=words("ag.fig."))
            event = show_figure(fig, "top_agencies", key="ov_ag", on_select="rerun")
            _drill_from(fig, event, large.agency_rows if ds.large else
                        lambda name: mask & rows_mentioning(mentions, [name], len(arts)), "ov_ag_drill", t("kb.agency"))
    except Exception as exc:  # noqa: BLE001
        _unavailable(t("ov.top_agencies"), exc)

left, right = st.columns(2)
with left:
    try:
        if s.first is None:
            st.caption(t("ov.no_dates"))
        else:
            tl = volume(arts, mask, sparkline_freq(s.first, s.last))
            fig = volume_figure(tl, title=t("ov.timeline"), labels=timeline_words())
            fig.update_layout(height=300)
            event = show_figure(fig, "timeline", key="ov_tl", on_select="rerun")
            period = drill.chart_choice(fig, event, "ov_tl_drill_pick", t("kb.period"), _period)
            if period:
                drill.show_articles(period_articles(arts, mask, tl.freq, period, limit=len(arts)), period,
                                    key="ov_tl_drill")
    except Exception as exc:  # noqa: BLE001
        _unavailable(t("ov.timeline"), exc)
with right:
    sources = large.top_sources(12) if ds.large else top_sources(arts, mask, n=12)
    if not sources.empty:
        fig = bar_figure(sources, "source", "articles", t("ov.top_sources"))
        event = show_figure(fig, "top_sources", key="ov_src", on_select="rerun")
        _drill_from(fig, event, lambda name: mask & (arts["source"] == name).to_numpy(), "ov_src_drill", t("kb.source"))
st.caption(t("drill.hint"))
with report_slot:
    if ds.large:
        large.not_here(t("lg.report"))
    else:
        report_button()
