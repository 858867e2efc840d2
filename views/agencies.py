"""机构 / Agencies: who is mentioned, with whom and when; the alias table and the review list; names marked
"not an agency here".

All computation is in ``analysis.agencies`` / ``analysis.agency_table``; this page only lays out widgets.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.agencies import (agency_summary, by_period, by_source, cooccurrence, discover_candidates,
                               government_mentions, mention_rows, network_figure, ranking_figure, timeline_figure,
                               unresolved_summary)
from analysis.agency_history import roll_up
from analysis.agency_table import (load_agencies, load_review, read_agencies, review_candidate, save_user_agencies,
                                   user_rows_from_edit)
from analysis.errors import WenjianError
from analysis.timeline import period_labels, period_codes
from ui import cache, large, large_agencies, marks, session, state, widgets
from ui.convert import traditional_notice
from ui.drill import chart_choice, first_custom, show_articles
from ui.i18n import LEVELS, UNDECIDED, column, decision, error_text, t, words
from ui.i18n import level as level_label

st.header(t("ag.title"))
ds = state.require_dataset()
articles, mask = ds.articles, state.current_mask()
traditional = traditional_notice(ds, key="ag")
# the switches in a row that wraps, each as wide as its label (three fixed columns cut the labels to
# "含外国政府…" in an 800 px window: tester-s15 N1)
switches = st.container(horizontal=True, gap="medium", key="ag_switches")
foreign = switches.toggle(t("ag.foreign"), value=False, key=session.AG_FOREIGN, help=t("ag.foreign_help"))
media = switches.toggle(t("ag.media"), value=False, key=session.AG_MEDIA, help=t("ag.media_help"))
successors = switches.toggle(t("ag.successors"), value=False, key="ag_successors", help=t("ag.successors_help"))
if ds.large:  # counted by the store (ui.large_agencies: the same numbers)
    large.settings_note(ds)
    mentions = None
    summary = large_agencies.summary(foreign, media, successors)
else:
    with st.spinner(t("ag.finding")):
        mentions = government_mentions(cache.mentions_for(ds), include_foreign=foreign, include_media=media)
    if successors:
        mentions = roll_up(mentions)
    summary = agency_summary(mentions, mask)
st.caption(t("ag.summary", n=f"{len(summary):,}", m=f"{int(summary['mentions'].sum()):,}"))
FIG = words("ag.fig.")


def drill(fig, event, key: str, label: str) -> None:
    """Articles and sentences behind a clicked bar or node (customdata[0] = agency) — or the one chosen in the
    select box under the chart, the keyboard path (``ui.drill.chart_choice``; tester-s15 K3)."""
    picked = chart_choice(fig, event, f"{key}_pick", label, first_custom)
    if not picked:
        st.caption(t("ag.click"))
        return
    if ds.large:
        show_articles(large_agencies.drill_rows(picked, successors), picked, key=f"{key}_articles")
        return
    rows = mention_rows(mentions, articles, picked, mask)
    widgets.show_table(rows, f"agency_{picked}", key=key)
    show_articles(rows.drop_duplicates("id"), picked, key=f"{key}_articles")


def not_an_agency() -> None:
    """Mark detected names as "not an agency here" (this dataset); counts everywhere update at once."""
    excluded = marks.excluded(ds.digest)
    with st.expander(t("ag.not_agency"), icon=":material/block:"):
        st.caption(t("ag.not_agency_help"))
        names = st.multiselect(t("ag.agencies"), summary["agency"].tolist(), key=session.AG_NOT_PICK,
                               placeholder=t("f.choose"), select_all=False)

        def _exclude(picked=tuple(names)) -> None:
            marks.exclude(ds.digest, picked)
            session.set_widget_value(session.AG_NOT_PICK, [])
            chosen = session.widget_value(session.F_AGENCIES) or []
            session.set_widget_value(session.F_AGENCIES, [a for a in chosen if a not in picked])
            session.post_note(session.AG_NOT_MSG, t("ag.not_agency_done", n=len(picked)))

        st.button(t("ag.not_agency"), on_click=_exclude, disabled=not names, key="ag_not_save")
        if msg := session.take_note(session.AG_NOT_MSG):
            st.success(msg)
        if excluded:
            back = st.multiselect(t("ag.excluded"), list(excluded), default=list(excluded), key="ag_not_list",
                                  placeholder=t("f.choose"), select_all=False)
            st.button(t("ag.restore"), key="ag_not_restore", disabled=set(back) == set(excluded),
                      on_click=lambda keep=tuple(back): marks.restore(ds.digest, [n for n in excluded if n not in keep]))


if summary.empty:
    st.info(t("ag.none", hint=t("ag.traditional_hint") if traditional else ""))
    not_an_agency()
    state.end_page()

# one view at a time (st.tabs would compute and draw every tab on each rerun)
VIEWS = ["ranking", "network", "timeline", "aliases", "review"]
view = st.radio(t("kw.view"), VIEWS, horizontal=True, key="ag_view", label_visibility="collapsed",
                format_func=lambda v: t(f"ag.v.{v}"))
if view == VIEWS[0]:
    top = st.slider(t("ag.top"), 5, 100, 20, step=5, key="ag_top")
    fig = ranking_figure(summary, top, title=FIG["ranking"], labels=FIG)
    drill(fig, widgets.show_figure(fig, "agency_ranking", key="ag_rank", on_select="rerun"), "ag_rank_drill",
          t("kb.agency"))
    widgets.show_table(summary, "agency_summary", key="ag_summary")
    not_an_agency()
    if ds.large:   # each table counted only when switched on (an expander would compute it on every run)
        large_agencies.more_tables(foreign, media, successors)
    else:
        with st.expander(t("ag.by_source")):
            widgets.show_table(by_source(mentions, articles, mask), "agency_by_source", key="ag_by_source")
        with st.expander(t("ag.by_file")):
            widgets.show_table(by_source(mentions, articles, mask, column="file"), "agency_by_file", key="ag_by_file")
        with st.expander(t("ag.unresolved")):
            widgets.show_table(unresolved_summary(mentions, mask), "agency_unresolved", key="ag_unresolved",
                               empty=t("ag.no_unresolved"))
elif view == VIEWS[1]:
    c1, c2 = st.columns(2)
    same = c1.toggle(t("ag.same_sentence"), key="ag_same_sentence")
    n_nodes = c2.slider(t("ag.nodes"), 5, 80, 30, step=5, key="ag_nodes")
    cooc = large_agencies.pairs(same, foreign, media, successors) if ds.large else \
        cooccurrence(mentions, mask, same_sentence=same)
    fig = network_figure(cooc, summary, n_nodes, title=FIG["network"], labels=FIG)
    drill(fig, widgets.show_figure(fig, "agency_network", key="ag_net", on_select="rerun"), "ag_net_drill",
          t("kb.agency"))
    widgets.show_table(cooc, "agency_pairs", key="ag_pairs")
elif view == VIEWS[2]:
    names = summary["agency"].tolist()
    chosen = st.multiselect(t("ag.agencies"), names, default=names[:3], key="ag_tl_agencies",
                            placeholder=t("f.choose"), select_all=False)
    freq = st.selectbox(t("ag.period"), ["month", "week", "quarter", "year", "day"], key="ag_tl_freq",
                        format_func=lambda f: t(f"freq.{f}"))
    periods = large_agencies.periods(freq, chosen, foreign, media, successors) if ds.large else \
        by_period(mentions, articles, freq, mask)
    widgets.show_figure(timeline_figure(periods, chosen, title=FIG["timeline"], labels=FIG), "agency_timeline",
                        key="ag_tl")
    shown = periods[periods["agency"].isin(chosen)]
    codes, _ = period_codes(shown["period"], freq)
    widgets.show_table(shown.assign(period=period_labels(codes, freq)), "agency_periods", key="ag_periods",
                       empty=None if chosen else t("ag.no_chosen"))
elif view == VIEWS[3]:
    st.caption(t("ag.alias_caption"))
    table = load_agencies()
    # levels are codes in the table (national, provincial …): shown and picked in the interface language
    levels = [c for c in LEVELS if c] + sorted(set(table["level"].dropna()) - set(LEVELS))
    edited = st.data_editor(table, num_rows="dynamic", hide_index=True, key="ag_editor", width="stretch",
                            column_config={**widgets.column_labels(table),
                                           "level": st.column_config.SelectboxColumn(
                                               column("level"), options=levels, format_func=level_label)})
    c1, c2 = st.columns(2)
    upload = c2.file_uploader(t("ag.upload_csv"), type=["csv"], key="ag_upload")
    try:
        if c1.button(t("ag.save_edits"), key="ag_save"):
            save_user_agencies(user_rows_from_edit(pd.DataFrame(edited)))
            st.success(t("ag.saved"))
        if upload is not None and c2.button(t("ag.import"), key="ag_import"):
            save_user_agencies(user_rows_from_edit(read_agencies(upload.getvalue(), upload.name)))
            st.success(t("ag.imported"))
    except WenjianError as exc:
        st.error(error_text(exc))
    st.download_button(t("ag.download_table"), lambda: widgets.csv_bytes(table), "agencies.csv",
                       mime="text/csv", key="ag_dl_table", on_click="ignore")
elif view == VIEWS[4]:
    review = load_review()
    rejected = set(review.loc[review["status"] == "rejected", "candidate"])
    use_jieba = st.toggle(t("ag.jieba"), key="ag_jieba")
    # the first 500 selected articles' texts are scanned (a large dataset's read from its store: the same list)
    cands = large_agencies.review(rejected, use_jieba, foreign, media) if ds.large else \
        discover_candidates(articles, mentions, rejected=rejected, limit=500, use_jieba=use_jieba, mask=mask)
    st.caption(t("ag.candidates", n=len(cands)))
    if cands.empty:   # not an empty editor grid (Streamlit's word for it is English)
        st.info(t("ag.no_candidates"))
    else:
        decided = st.data_editor(
            cands.assign(decision=UNDECIDED, canonical="", aliases=""), hide_index=True, key="ag_review",
            disabled=["candidate", "mentions", "documents", "example"],
            column_config={**widgets.column_labels(cands.assign(canonical="", aliases="")),
                           "decision": st.column_config.SelectboxColumn(
                               t("ag.decision"), options=[UNDECIDED, "accepted", "rejected"], format_func=decision)})
        if st.button(t("ag.save_decisions"), key="ag_review_save"):
            decided = pd.DataFrame(decided)
            chosen = decided["decision"].isin(["accepted", "rejected"])     # untouched rows: undecided (or None)
            for r in decided[chosen].itertuples(index=False):
                review_candidate(r.candidate, r.decision, r.canonical, r.aliases)
            st.rerun()
    widgets.show_table(review, "agency_review", key="ag_review_done", empty=t("ag.no_decisions"))
