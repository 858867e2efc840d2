"""时间线 / Timeline: articles, keywords and agencies over time, spikes marked, the articles behind a point.

All computation is in ``analysis.timeline``; this page only lays out widgets and results.
"""
from __future__ import annotations

import streamlit as st

from analysis.schema import dates_as_text
from analysis.figstyle import plain_number
from analysis.figures.timeline import calendar_figure, calendar_years, series_figure, volume_figure
from analysis.spikes import MIN_HISTORY, WINDOW
from analysis.timeline import (
    AGENCY_MEASURES, DRILL_COLUMNS, FREQS, TERM_MEASURES, agency_choices, agency_series, auto_freq,
    daily_counts, drill_down, find_spikes, one_document_spikes, spike_label, split_terms, term_series, volume,
)
from analysis.kwic import MatchedCorpus, effective_mode, match_counts
from ui import cache, large, large_terms, session, state, widgets
from ui.drill import figure_points, selection_target
from ui.i18n import t, timeline_words
from ui.text import md_escape

VIEWS = ("volume", "terms", "agencies", "calendar")
KEYBOARD_POINTS = 2000   # the chart's points listed in the drill-down box (a daily chart of years has more)
SPLITS = ("total", "stack", "facet", "file_stack")

st.header(t("tl.title"))
ds = state.require_dataset()
articles, mask = ds.articles, state.current_mask()


def series_name(series: str) -> str:
    """A series as shown: the volume series ``articles`` in the interface language, data names unchanged."""
    return t("tl.fig.articles") if series == "articles" else series


FIG = timeline_words()

left, right = st.columns([1, 3])
freq_choice = left.selectbox(t("tl.period"), ("auto", *FREQS), key="tl_freq",
                             format_func=lambda f: t("tl.auto") if f == "auto" else t(f"freq.{f}"))
freq = auto_freq(articles["date"][mask]) if freq_choice == "auto" else freq_choice
view = right.radio(t("tl.view"), VIEWS, format_func=lambda v: t(f"tl.v.{v}"), horizontal=True, key="tl_view")
if freq_choice == "auto":
    left.caption(t("tl.chosen", freq=t(f"freq.{freq}")))
corpus = mentions = None
if view == "volume":
    split = st.radio(t("tl.split"), SPLITS, format_func=lambda s: t(f"tl.split.{s}"), horizontal=True,
                     key="tl_split")
    by = {"total": None, "file_stack": "file"}.get(split, "source")
    tl = volume(articles, mask, freq, by=by)
    spikes = find_spikes(volume(articles, mask, freq) if split != "total" else tl)
    fig = volume_figure(tl, "stack" if split == "file_stack" else split, spikes,
                        title=t("tl.volume_title", freq=t(f"freq.{tl.freq}")), labels=FIG)
elif view == "terms":
    corpus = None if ds.large else cache.corpus_for(ds)   # a large dataset's counts come from its store
    if not session.has_widget_value(session.TL_TERMS):
        session.set_widget_value(session.TL_TERMS, " ".join(large_terms.default_terms(3) if corpus is None
                                                            else corpus.top_terms(None, 3)["term"]))
    terms = split_terms(st.text_input(t("tl.terms"), key=session.TL_TERMS))
    c1, c2 = st.columns(2)
    measure = c1.radio(t("tl.measure"), TERM_MEASURES, format_func=lambda m: t(f"measure.{m}"), horizontal=True,
                       key="tl_term_measure")
    term_mode = c2.radio(t("tl.term_mode"), ("token", "substring"), horizontal=True, key="tl_term_mode",
                         format_func=lambda m: t(f"kwic.mode.{m}"), help=t("kwic.mode_help"))
    if corpus is None:   # a large dataset: whole words counted from its store's term index (ui.large_terms)
        tl, corpus = large_terms.term_timeline(terms, term_mode, freq, measure)
    else:
        texts, tk = cache.texts_for(ds), cache.tokenizer(*cache.keyword_settings())
        counter = MatchedCorpus(articles, corpus, tk, term_mode, texts)
        tl = term_series(articles, counter, terms, mask, freq, measure=measure)
        counts = [match_counts(articles, term, tokenizer=tk, mask=mask, texts=texts,
                               token_vector=corpus.term_vector(term) if effective_mode(term, "token", tk) == "token"
                               else None) for term in terms]
        corpus = counter   # drill-down and the one-article check count what the chart counts (words or substrings)
        if counts:
            st.caption(" · ".join(t("tl.term_counts", term=md_escape(c["term"]), token=f"{c['token']:,}",
                                      substring=f"{c['substring']:,}") for c in counts))
        for c in counts:   # counted from the token stream: the term table (rankings, TF-IDF) has no column for it
            if c["left_out"]:
                st.caption(t(f"kwic.left_out.{c['left_out']}", term=md_escape(c["term"])))
        if absent := [c["term"] for c in counts if not c["substring"] and not c["token"]]:
            st.caption(t("tl.not_found", terms=md_escape("、".join(absent))))
    spikes = find_spikes(tl)
    fig = None
elif view == "agencies":
    mentions = None if ds.large else cache.mentions_for(ds)
    options = large_terms.agency_options(200) if mentions is None else agency_choices(mentions, None, limit=200)
    chosen = st.multiselect(t("tl.agencies"), options, default=options[:3], key="tl_agencies",
                            placeholder=t("f.choose"), select_all=False)
    measure = st.radio(t("tl.measure"), AGENCY_MEASURES, format_func=lambda m: t(f"measure.{m}"), horizontal=True,
                       key="tl_agency_measure")
    if mentions is None:   # a large dataset: the chosen agencies' mentions from its store's agency index
        tl, mentions = large_terms.agency_timeline(chosen, freq, measure)
    else:
        tl = agency_series(articles, mentions, chosen, mask, freq, measure=measure)
    spikes = find_spikes(tl)
    fig = None
else:
    tl = volume(articles, mask, "day")
    widgets.show_figure(calendar_figure(articles, mask, title=t("tl.calendar_title"), labels=FIG),
                        "timeline_calendar", key="tl_calendar")
    drawn = calendar_years(daily_counts(articles, mask))
    if drawn.left_out:   # never silently: which earlier years the cap leaves out (tester report #6)
        st.caption(t("tl.calendar_left_out", max=drawn.max_years, first=str(drawn.left_out[0]), last=str(drawn.left_out[-1]),
                     n=f"{drawn.left_out_articles:,}"))
    if tl.undated["articles"]:
        st.caption(t("tl.calendar_undated", n=tl.undated["articles"]))
    state.end_page()

# a peak that one long article makes (one document repeating a word) is shown but not marked as a spike
single = one_document_spikes(articles, tl, spikes, mask, corpus=corpus, mentions=mentions)
if view != "volume":
    title = t("tl.terms_title" if view == "terms" else "tl.agencies_title", measure=t(f"measure.{tl.measure}"))
    fig = series_figure(tl, spikes[~single], title, labels=FIG)
event = widgets.show_figure(fig, f"timeline_{view}", key=f"tl_chart_{view}", on_select="rerun")
undated = {k: v for k, v in tl.undated.items() if v}
if undated:
    parts = ", ".join(f"{md_escape(series_name(k))}: {plain_number(v, thousands=True)}" for k, v in undated.items())
    st.caption(t("tl.undated", parts=parts))
if tl.table.empty:
    st.info(t("tl.no_dates"))
    state.end_page()

with st.expander(t("tl.table")):
    widgets.show_table(tl.table.assign(start=dates_as_text(tl.table["start"]), end=dates_as_text(tl.table["end"])),
                       f"timeline_{view}_{tl.freq}", key=f"tl_table_{view}")

st.subheader(t("tl.spikes"))
st.caption(t("tl.spikes_note", w=WINDOW, h=MIN_HISTORY))
if len(tl.table) <= MIN_HISTORY:
    st.info(t("tl.too_short", n=len(tl.table), h=MIN_HISTORY))
elif spikes.empty:
    st.write(t("tl.no_spike"))
else:
    if single.any():
        st.caption(t("tl.single_doc", n=int(single.sum())))
    shown = spikes.assign(start=dates_as_text(spikes["start"]), end=dates_as_text(spikes["end"]),
                          series=spikes["series"].map(series_name))
    if tl.kind in ("term", "agency"):
        shown = shown.assign(one_document=single)
    widgets.show_table(shown, f"timeline_spikes_{view}", key=f"tl_spikes_{view}")

spiked = [(p, s) for p, s in zip(spikes["period"], spikes["series"])]
# after the spikes, every other point of the chart (its first KEYBOARD_POINTS): what a click reaches, the keyboard
# reaches in the box too (tester-s15 K3); without a spike nothing opens before a click or a choice
known_periods, known_series = set(tl.table["period"]), {*tl.series, "articles"}
points = ((c[0], c[1]) for c in (p["customdata"] for p in figure_points(fig)[:KEYBOARD_POINTS])
          if isinstance(c, list) and len(c) >= 2 and c[0] in known_periods and c[1] in known_series)
targets = list(dict.fromkeys([*spiked, *points]))
clicked = selection_target(event, tl)
if clicked is not None and clicked not in targets:
    targets.insert(0, clicked)
pick = None
if targets:
    pick = st.selectbox(t("tl.pick"), targets, index=targets.index(clicked) if clicked else 0 if spiked else None,
                        format_func=lambda p: spike_label({"series": series_name(p[1]), "period": p[0]}),
                        key=f"tl_pick_{view}", placeholder=t("kb.chart_placeholder"))
if pick is not None:
    rows = drill_down(articles, tl, pick[0], pick[1], mask, corpus=corpus, mentions=mentions)
    if ds.large:  # the light columns have no titles or links: read the rows' from the store
        rows = large.with_titles(rows)
    rows = rows[[c for c in DRILL_COLUMNS if c in rows]].assign(date=dates_as_text(rows["date"]))
    widgets.show_table(rows, f"timeline_{pick[1]}_{pick[0]}", key="tl_drill")
else:
    st.caption(t("tl.click"))
