"""The sidebar's filters (dates, sources, query, agencies and their facets, reposts) and their reset: the
widgets' values become the session's ``analysis.filters.Filters`` (``ui.state.set_filters``). What the
agency filters offer comes from ``ui.filter_options``."""
from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.filters import Filters, parse_query
from ui import session, state
from ui.filter_options import (LEVEL_ORDER, NO_AGENCY, agency_facets, agency_options, facet_agencies, query_hint,
                               ranked)
from ui.i18n import error_text, t
from ui.i18n import level as level_label

from ui.session import (F_AGENCIES, F_DATES, F_DEDUPE, F_LEVELS, F_QUERY, F_REGIONS, F_SOURCES, F_TYPES, F_UNDATED,
                        FILTER_DIGEST_KEY)  # noqa: F401 - FILTER_DIGEST_KEY re-exported (ui.sidebar)


def clear_filters() -> None:
    """Reset the filter widgets to the current dataset's defaults. Values are *assigned* (not deleted) so
    the browser's widgets show them too."""
    ds = state.current_dataset()
    defaults: dict[str, object] = {F_SOURCES: [], F_AGENCIES: [], F_QUERY: "", F_UNDATED: False,
                                   F_LEVELS: [], F_REGIONS: [], F_TYPES: []}
    dates = ds.articles["date"].dropna() if ds is not None else None
    if dates is not None and not dates.empty:
        defaults[F_DATES] = (dates.min().date(), dates.max().date())
    else:
        session.forget_widget_value(F_DATES)
    session.set_widget_values(defaults)
    state.set_filters(Filters())
    if ds is not None:
        session.set_filter_digest(ds.digest)


def date_range(arts: pd.DataFrame) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The date range widget (and its apply button) over ``arts``' dates: ``(date_from, date_to)``, each None when
    it is the data's own first / last day (no bound); ``(None, None)`` for undated data."""
    dates = arts["date"].dropna()
    if dates.empty:
        return None, None
    lo, hi = dates.min().date(), dates.max().date()
    session.default_widget_value(F_DATES, (lo, hi))
    # no help= on the field: Streamlit names its "?" button "Help for 日期范围" in English whatever the page's
    # language (tester-s15 U12); the rule is the apply button's tooltip instead
    picked = st.date_input(t("f.dates"), min_value=lo, max_value=hi, key=F_DATES, format="YYYY-MM-DD")
    # A date typed into the field reaches the app when the field loses focus and its calendar closes —
    # Streamlit's rule, so that half-typed dates do not filter; Enter alone does not send it (tester-s15 K2).
    # The button gives typing an obvious end: clicking it moves the focus out of the field, which applies the
    # typed dates (the click itself needs no action).
    st.button(t("f.dates_apply"), key="wj_f_dates_apply", icon=":material/event_available:", type="tertiary",
              help=t("f.dates_help"))
    if not isinstance(picked, (tuple, list)) or not picked:
        return None, None
    start: date = picked[0]
    end: date = picked[1] if len(picked) > 1 else hi
    date_from = pd.Timestamp(start) if start > lo else None
    date_to = pd.Timestamp(end) if end < hi else None
    return date_from, date_to


def filters_panel() -> None:
    """The filter widgets for the current dataset (reset when the dataset changed); sets the session's filters
    and shows how many articles they keep."""
    ds = state.current_dataset()
    if ds is None or ds.articles.empty:
        state.set_filters(Filters())
        return
    if session.filter_digest() != ds.digest:
        clear_filters()
    arts = ds.articles
    st.subheader(t("f.header"))
    date_from, date_to = date_range(arts)
    keep_undated = True
    undated = int(arts["date"].isna().sum())
    if date_from is not None or date_to is not None:
        keep_undated = bool(undated) and st.checkbox(t("f.keep_undated"), key=F_UNDATED)
    source_names = state.source_names(ds)
    # select_all=False on every filter list: choosing all of a list is no filter, and the bulk row is
    # Streamlit's English ("Select all", "Select N matches") for screen readers, which Enter takes (F1, U12)
    sources = st.multiselect(t("f.sources"), source_names, key=F_SOURCES, placeholder=t("f.choose"),
                             format_func=lambda v: v or t("f.no_source"), select_all=False)
    # the syntax under the field (not help=: Streamlit's "?" button is named "Help for 关键词查询" in English)
    query = st.text_input(t("f.query"), key=F_QUERY, placeholder=t("f.query_placeholder"))
    terms: list[str] = []
    try:
        terms = parse_query(query).positive_terms
    except WenjianError as exc:
        st.warning(error_text(exc))
        query = ""
    hint_slot = st.empty()   # filled below: the hint counts within the other filters, chosen further down
    options = agency_options(ds, session.widget_value(F_AGENCIES) or ())
    agencies: list[str] = []
    if options is None:
        st.caption(t("f.agencies_unavailable"))
    elif options:
        # no "Select N matches" row at the top of the list while typing: Enter took it and chose every name
        # containing the typed one (tester-s15 F1: 国家统计局 + Enter chose five bodies); Enter now chooses
        # the first match
        agencies = st.multiselect(t("f.agencies"), options, key=F_AGENCIES, placeholder=t("f.choose"),
                                  select_all=False)
        facets = agency_facets(ds, options)
        if facets is not None and not facets.empty:
            chosen_facets = any(session.widget_value(k) for k in (F_LEVELS, F_REGIONS, F_TYPES))
            with st.expander(t("f.facets"), expanded=chosen_facets):
                present = set(facets["level"])
                levels = st.multiselect(t("f.levels"), [lv for lv in LEVEL_ORDER if lv in present], key=F_LEVELS,
                                        format_func=level_label, placeholder=t("f.choose"), select_all=False)
                regions = st.multiselect(t("f.regions"), ranked(facets["region"], facets["mentions"]),
                                         key=F_REGIONS, placeholder=t("f.choose"), select_all=False)
                types = st.multiselect(t("f.types"), ranked(facets["type"], facets["mentions"]), key=F_TYPES,
                                       placeholder=t("f.choose"), select_all=False)
            chosen = facet_agencies(facets, levels, regions, types)
            if chosen is not None:
                agencies = [a for a in agencies if a in set(chosen)] if agencies else list(chosen)
                agencies = agencies or [NO_AGENCY]
    session.default_widget_value(F_DEDUPE, True)
    dedupe = st.toggle(t("f.dedupe"), key=F_DEDUPE)
    filters = Filters(date_from=date_from, date_to=date_to, sources=tuple(sources), query=query,
                      agencies=tuple(agencies), dedupe=dedupe, keep_undated=keep_undated)
    state.set_filters(filters)
    if hint := query_hint(ds, terms, dataclasses.replace(filters, query="")):
        hint_slot.caption(hint)
    elif not query.strip():
        hint_slot.caption(t("f.query_help"))
    n = int(state.mask_for(ds, filters).sum())
    st.caption(t("f.count", n=n, total=len(arts)))
    st.button(t("f.reset"), on_click=clear_filters, key="wj_f_reset", icon=":material/filter_alt_off:")


