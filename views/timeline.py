"""时间线 / Timeline: articles, keywords and agencies over time, spikes marked, the articles behind a point.

All computation is in ``analysis.timeline``; this page only lays out widgets and results.
"""
from __future__ import annotations

import streamlit as st

from analysis.schema import dates_as_text
from analysis.timeline import (
    AGENCY_MEASURES, DRILL_COLUMNS, FREQ_LABELS, FREQS, MEASURE_LABELS, TERM_MEASURES, agency_choices, agency_series, auto_freq,
    calendar_figure, drill_down, find_spikes, selection_target, series_figure, spike_label, split_terms,
    term_series, volume, volume_figure,
)
from analysis.kwic import MatchedCorpus, effective_mode, match_counts
from ui import cache, state, widgets
from ui.i18n import t
from ui.text import md_escape

VIEWS = {"volume": "发文量 / Articles", "terms": "关键词 / Terms", "agencies": "机构 / Agencies",
         "calendar": "日历 / Calendar"}
SPLITS = {"total": "合计 / Total", "stack": "按来源堆叠 / Stacked by source", "facet": "按来源分面 / One chart per source"}

st.header("时间线 / Timeline")
ds = state.current_dataset()
if ds is None or ds.articles.empty:
    st.info("请先在侧边栏上传或打开数据集 / Upload or open a dataset in the sidebar first.")
    st.stop()
articles, mask = ds.articles, state.current_mask()

left, right = st.columns([1, 3])
freq_choice = left.selectbox("时间粒度 / Period", ("auto", *FREQS), key="tl_freq",
                             format_func=lambda f: "自动 / auto" if f == "auto" else FREQ_LABELS[f])
freq = auto_freq(articles["date"][mask]) if freq_choice == "auto" else freq_choice
view = right.radio("视图 / View", list(VIEWS), format_func=VIEWS.get, horizontal=True, key="tl_view")
if freq_choice == "auto":
    left.caption(f"自动选择 / chosen: {FREQ_LABELS[freq]}")

corpus = mentions = None
if view == "volume":
    split = st.radio("来源 / Sources", list(SPLITS), format_func=SPLITS.get, horizontal=True, key="tl_split")
    tl = volume(articles, mask, freq, by=None if split == "total" else "source")
    spikes = find_spikes(volume(articles, mask, freq) if split != "total" else tl)
    fig = volume_figure(tl, split, spikes)
elif view == "terms":
    corpus = cache.corpus_for(ds)
    if "tl_terms" not in st.session_state:
        st.session_state["tl_terms"] = " ".join(corpus.top_terms(None, 3)["term"])
    terms = split_terms(st.text_input("关键词(空格或逗号分隔)/ Terms (space or comma separated)", key="tl_terms"))
    c1, c2 = st.columns(2)
    measure = c1.radio("单位 / Measure", TERM_MEASURES, format_func=MEASURE_LABELS.get, horizontal=True,
                       key="tl_term_measure")
    term_mode = c2.radio(t("tl.term_mode"), ("token", "substring"), horizontal=True, key="tl_term_mode",
                         format_func=lambda m: t(f"kwic.mode.{m}"), help=t("kwic.mode_help"))
    texts, tk = cache.texts_for(ds), cache.tokenizer(*cache.keyword_settings())
    counter = MatchedCorpus(articles, corpus, tk, term_mode, texts)
    tl = term_series(articles, counter, terms, mask, freq, measure=measure)
    spikes = find_spikes(tl)
    fig = series_figure(tl, spikes, f"关键词趋势 / Terms — {MEASURE_LABELS[measure]}")
    counts = [match_counts(articles, term, tokenizer=tk, mask=mask, texts=texts,
                           token_vector=corpus.term_vector(term) if effective_mode(term, "token", tk) == "token" else None)
              for term in terms]
    if counts:
        st.caption(" · ".join(t("tl.term_counts", term=md_escape(c["term"]), token=f"{c['token']:,}",
                                  substring=f"{c['substring']:,}") for c in counts))
    if absent := [c["term"] for c in counts if not c["substring"] and not c["token"]]:
        st.caption(t("tl.not_found", terms=md_escape("、".join(absent))))
elif view == "agencies":
    mentions = cache.mentions_for(ds)
    options = agency_choices(mentions, None, limit=200)
    chosen = st.multiselect("机构 / Agencies", options, default=options[:3], key="tl_agencies")
    measure = st.radio("单位 / Measure", AGENCY_MEASURES, format_func=MEASURE_LABELS.get, horizontal=True,
                       key="tl_agency_measure")
    tl = agency_series(articles, mentions, chosen, mask, freq, measure=measure)
    spikes = find_spikes(tl)
    fig = series_figure(tl, spikes, f"机构趋势 / Agencies — {MEASURE_LABELS[measure]}")
else:
    tl = volume(articles, mask, "day")
    widgets.show_figure(calendar_figure(articles, mask), "timeline_calendar", key="tl_calendar")
    if tl.undated["articles"]:
        st.caption(f"另有 {tl.undated['articles']} 篇无日期,未显示 / "
                   f"{tl.undated['articles']} articles without a date are not shown.")
    st.stop()

event = widgets.show_figure(fig, f"timeline_{view}", key=f"tl_chart_{view}", on_select="rerun")
undated = {k: v for k, v in tl.undated.items() if v}
if undated:
    parts = ", ".join(f"{k}: {v:,.4g}" for k, v in undated.items())
    st.caption(f"无日期的文章不在图中 / Articles without a date (not in the chart) — {parts}")
if tl.table.empty:
    st.info("所选文章都没有日期 / None of the selected articles has a date.")
    st.stop()

with st.expander("数据表 / Data table"):
    widgets.show_table(tl.table.assign(start=dates_as_text(tl.table["start"]), end=dates_as_text(tl.table["end"])),
                       f"timeline_{view}_{tl.freq}", key=f"tl_table_{view}")

st.subheader("突增 / Spikes")
st.caption("与前 8 个时段基线相比显著升高的时段(负二项/泊松检验,Bonferroni 校正)/ Periods well above the "
           "baseline of the 8 periods before (negative-binomial/Poisson test, Bonferroni-corrected).")
if spikes.empty:
    st.write("未发现突增 / No spike found.")
else:
    widgets.show_table(spikes.assign(start=dates_as_text(spikes["start"]), end=dates_as_text(spikes["end"])),
                       f"timeline_spikes_{view}", key=f"tl_spikes_{view}")

targets = [(p, s) for p, s in zip(spikes["period"], spikes["series"])]
clicked = selection_target(event, tl)
if clicked is not None and clicked not in targets:
    targets.insert(0, clicked)
if targets:
    pick = st.selectbox("查看文章 / Articles of", targets, index=targets.index(clicked) if clicked else 0,
                        format_func=lambda t: spike_label({"series": t[1], "period": t[0]}), key=f"tl_pick_{view}")
    rows = drill_down(articles, tl, pick[0], pick[1], mask, corpus=corpus, mentions=mentions)
    rows = rows[[c for c in DRILL_COLUMNS if c in rows]].assign(date=dates_as_text(rows["date"]))
    widgets.show_table(rows, f"timeline_{pick[1]}_{pick[0]}", key="tl_drill")
else:
    st.caption("点击图中的点或柱查看该时段的文章 / Click a point or bar to see the articles of that period.")
