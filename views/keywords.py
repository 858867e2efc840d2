"""关键词 page: top terms (bar chart, table, word cloud), phrases, KWIC, comparison A vs B, breakdowns by
source and period, and the user's dictionary — all following the global filters. Logic lives in
``analysis.keywords`` / ``kwic`` / ``keyness`` / ``phrases``; this file only lays out widgets."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.figures.keywords import top_terms_figure, word_cloud
from analysis.filters import query_mask
from analysis.keyness import keyness
from analysis.keywords import corpus_summary, GROUP_TERMS, group_table, terms_by, tokenizer_name
from analysis.kwic import MODES, SORTS, containing_words, effective_mode, kwic, match_counts, pieces
from analysis.phrases import phrases
from analysis.policy.register import top_terms_for_register
from analysis.schema import dates_as_text
from analysis.timeline import NO_SOURCE
from analysis.user_dict import load_user_dict, make_user_dict, parse_synonym_lines, save_user_dict
from ui import drill, large, session, state
from ui.cache import corpus_for, texts_for, tokenizer
from ui.compare import compare_datasets
from ui.i18n import column, dataset_name, error_text, t, words
from ui.library import list_datasets, open_dataset
from ui.report import keyword_register, register_caption, register_choice
from ui.upload import corpus_with_progress
from ui.text import md_escape
from ui.widgets import show_figure, show_table

st.header(t("kw.title"))
ds = state.require_dataset()


def register_widget() -> str:
    """The register choice (自动 / 政策文书 / 新闻报道 / 不去掉) and its caption; returns the register the rankings
    leave out — one rule with 概览, the report and `keywords --register` (resolve_register)."""
    key = session.register_key(ds.digest)
    if isinstance(session.widget_value(key), bool):  # the old on/off switch's value: keep what it meant
        session.set_widget_value(key, register_choice(ds))
    st.radio(t("kw.register_choice"), ("auto", "policy", "news", "none"), key=key, horizontal=True,
             format_func=lambda r: t(f"reg.opt.{r}"), help=t("kw.register_help"))
    st.caption(register_caption(ds, keywords_page=True))
    return keyword_register(ds)


if ds.large:  # read through the store (ui.large)
    large.keywords_page(ds, register_widget)
    state.end_page()
arts = ds.articles
ud = load_user_dict()
with st.spinner(t("kw.tokenizing")):   # a changed dictionary's re-analysis shows its progress bar (tester s14 U7)
    corpus = corpus_with_progress(ds, ud.key())
mask = state.current_mask()
info = corpus_summary(corpus, mask)
st.caption(t("kw.summary", articles=f"{info['articles']:,}", tokens=f"{info['tokens']:,}",
             distinct=f"{info['distinct']:,}", engine=tokenizer_name(corpus)))
if info["articles"] == 0:
    st.info(t("empty.no_articles"))
    state.end_page()
top_n = st.slider(t("kw.top_n"), 10, 300, 50, step=10, key="kw_top_n")
register = register_widget()
top = top_terms_for_register(corpus, mask, top_n, register)

KWIC_MAX_ROWS = 200_000   # rows listed and downloadable (a very common word can have millions)


def _kwic_view(top: pd.DataFrame) -> None:
    """The concordance: a term in one of three match modes, both counts side by side, rows with the
    article's title, date, source and link, the whole row set downloadable."""
    c1, c2, c3, c4 = st.columns([2, 2, 1, 2])
    mode = c2.radio(t("kwic.mode"), MODES, horizontal=True, key=session.KW_KWIC_MODE, help=t("kwic.mode_help"),
                    format_func=lambda m: t(f"kwic.mode.{m}"))
    term = c1.text_input(t("kwic.regex_term") if mode == "regex" else t("kwic.term"),
                         value=top["term"].iat[0] if len(top) else "", key="kw_kwic_term")
    width = c3.number_input(t("kwic.width"), 5, 100, 20, key="kw_kwic_width")
    sort = c4.radio(t("kwic.sort"), SORTS, horizontal=True, key="kw_kwic_sort",
                    format_func=lambda x: t(f"kwic.sort.{x}"))
    if not term.strip():
        return
    texts, tk = texts_for(ds), tokenizer(*ud.key())
    try:
        conc = kwic(arts, term, width=int(width), mask=mask, tokenizer=tk, sort=sort, mode=mode, details=True,
                    texts=texts, limit=KWIC_MAX_ROWS)
        how = effective_mode(term, mode, tk)
    except WenjianError as exc:
        st.warning(error_text(exc))
        return
    pieces_text = " | ".join(pieces(term, tk))
    st.caption(t("kwic.found", n=f"{len(conc):,}", docs=f"{conc['id'].nunique():,}",
                 how=t(f"kwic.how.{how}", pieces=pieces_text)))
    if len(conc) >= KWIC_MAX_ROWS:
        st.caption(t("kwic.capped", n=f"{KWIC_MAX_ROWS:,}"))
    if mode != "regex":
        vec = corpus.term_vector(term) if how == "token" else None
        c = match_counts(arts, term, tokenizer=tk, mask=mask, texts=texts, token_vector=vec)
        st.caption(t("kwic.counts", **{k: f"{c[k]:,}" for k in ("token", "token_docs", "substring", "substring_docs")}))
        if c["left_out"]:   # counted from the token stream: the term table (rankings, TF-IDF) has no column for it
            st.caption(t(f"kwic.left_out.{c['left_out']}", term=md_escape(c["term"])))
        if mode == "token" and c["substring"] > c["token"]:
            example = "、".join(containing_words(term, texts, tk, mask)) or term
            with st.container(horizontal=True):
                st.info(t("kwic.more_as_substring", extra=f"{c['substring'] - c['token']:,}", example=example),
                        icon=":material/info:")
                st.button(t("kwic.use_substring"), key="kw_kwic_to_sub",
                          on_click=session.setter(session.KW_KWIC_MODE, "substring"))
    labels = {c: t(f"kwic.col.{c}") for c in ("title", "date", "source", "file", "left", "term", "right", "url")}
    # the concordance first (left · term · right), what it came from after: at 1,400 px the metadata columns
    # used to push the contexts off screen (tester, stop 17); the download keeps this order too
    order = ["left", "term", "right", "title", "date", "source", "file", "url", "id"]
    conc = conc[[c for c in order if c in conc] + [c for c in conc.columns if c not in order]]
    # the columns stay codes, as in every table download and `kwic --details` (tester s14 U8: this download alone
    # was headed 左侧,检索词,…); the grid shows the KWIC's own headers in the interface language
    shown = conc.assign(date=dates_as_text(conc["date"]))
    show_table(shown, "kwic", key="kw_kwic", empty=t("kwic.none", term=term),
               column_config={**{c: st.column_config.Column(labels[c]) for c in ("title", "date", "source", "file")},
                              "url": st.column_config.LinkColumn(labels["url"], display_text="🔗"),
                              # a concordance lines its matches up: left context flush right, as in AntConc
                              "left": st.column_config.TextColumn(labels["left"], alignment="right"),
                              "term": st.column_config.TextColumn(labels["term"], alignment="center"),
                              "right": st.column_config.Column(labels["right"])})
    drill.show_articles(conc[["id"]].drop_duplicates(), f"KWIC: {term}", key="kw_kwic_drill")


# one view at a time (not st.tabs, which would compute every tab on each rerun)
VIEWS = ["top", "cloud", "phrases", "kwic", "compare", "group", "dict"]
view = st.radio(t("kw.view"), VIEWS, horizontal=True, key="kw_view", label_visibility="collapsed",
                format_func=lambda v: t(f"kw.v.{v}"))
if view == VIEWS[0]:
    fig = top_terms_figure(top.head(40), t("kw.fig_title"), labels=words("kwf."))
    event = show_figure(fig, "keywords_top", key="kw_fig", on_select="rerun")
    # a click on a bar, or the same choice by keyboard in the box under the chart (tester-s15 K3)
    if picked := drill.chart_choice(fig, event, "kw_fig_pick", t("kb.term"), drill.first_custom):
        drill.show_articles(mask & (corpus.term_vector(picked) > 0), picked, key="kw_fig_drill")
    else:
        st.caption(t("kw.click_bar"))
    st.caption(t("kw.tfidf_note"))
    show_table(top, "keywords", key="kw_table")
elif view == VIEWS[1]:
    if st.toggle(t("kw.cloud_on"), key="kw_cloud_on"):
        st.image(word_cloud(top), caption=t("kw.cloud_caption", n=len(top)), width="stretch")
elif view == VIEWS[2]:
    c1, c2 = st.columns(2)
    min_count = c1.number_input(t("kw.min_count"), 2, 1000, 5, key="kw_phr_min")
    order = c2.radio(t("kw.rank_by"), ["llr", "pmi", "count"], horizontal=True, key="kw_phr_order",
                     format_func=lambda o: column(o))
    st.caption(t("kw.phrase_note"))
    show_table(phrases(corpus, mask, n=100, min_count=int(min_count), order=order), "phrases", key="kw_phr",
               empty=t("kw.no_phrases", n=int(min_count)))
elif view == VIEWS[3]:
    _kwic_view(top)
elif view == VIEWS[4]:
    modes = ["sources", "files", "periods", "query", "datasets"]
    mode = st.radio(t("kw.compare"), modes, horizontal=True, key="kw_cmp_mode",
                    format_func=lambda m: t(f"kw.cmp.{m}"))
    cmp_corpus, cmp_arts, hint = corpus, arts, ""
    mask_a = mask_b = None
    if mode in ("sources", "files"):
        col = "source" if mode == "sources" else "file"
        values = arts.loc[mask, col].fillna("").astype(str)
        groups = sorted(set(values), key=lambda v: (v == "", v))
        names = {g: g or NO_SOURCE for g in groups}
        if len(groups) < 2:
            hint = t("kw.one_source") if mode == "sources" else t("kw.one_file")
        c1, c2 = st.columns(2)
        a_pick = c1.multiselect("A", groups, default=groups[:1], key=f"kw_cmp_a_{col}", format_func=names.get,
                                placeholder=t("f.choose"), select_all=False)
        b_pick = c2.multiselect("B", groups, default=groups[1:2], key=f"kw_cmp_b_{col}", format_func=names.get,
                                placeholder=t("f.choose"), select_all=False)
        column_values = arts[col].fillna("").astype(str)
        mask_a = mask & column_values.isin(a_pick).to_numpy()
        mask_b = mask & column_values.isin(b_pick).to_numpy()
    elif mode == "periods":
        dated = arts.loc[mask, "date"].dropna()
        if dated.empty:
            st.info(t("kw.no_dates"))
            state.end_page()
        split = st.date_input(t("kw.split"), value=dated.median().date(), key="kw_cmp_split", format="YYYY-MM-DD")
        mask_a = mask & (arts["date"] < pd.Timestamp(split)).to_numpy()
        mask_b = mask & (arts["date"] >= pd.Timestamp(split)).to_numpy()
    elif mode == "query":
        q = st.text_input(t("kw.query_a"), key="kw_cmp_q", help=t("kw.query_a_help"))
        try:
            qm = query_mask(arts, q) if q.strip() else mask & False
        except WenjianError as exc:
            st.warning(error_text(exc))
            qm = mask & False
        mask_a, mask_b = mask & qm, mask & ~qm
    else:
        infos = {i.id: f"{dataset_name(i.name)} ({i.articles})" for i in list_datasets()}
        if len(infos) < 2:
            st.info(t("kw.need_datasets"))
            state.end_page()
        ids = list(infos)
        c1, c2 = st.columns(2)
        id_a = c1.selectbox(t("kw.dataset_a"), ids, key="kw_cmp_ds_a", format_func=infos.get)
        id_b = c2.selectbox(t("kw.dataset_b"), ids, index=1, key="kw_cmp_ds_b", format_func=infos.get)
        pair = compare_datasets(open_dataset(id_a), open_dataset(id_b))
        with st.spinner(t("kw.tokenizing")):
            cmp_corpus = corpus_for(pair, ud.key())
        cmp_arts = pair.articles
        side = cmp_arts["file"].to_numpy()
        kept = cmp_arts["duplicate_of"].isna().to_numpy() if state.current_filters().dedupe else True
        mask_a, mask_b = (side == "A") & kept, (side == "B") & kept
    measure = st.radio(t("kw.statistic"), ["llr", "logodds"], horizontal=True, key="kw_cmp_measure",
                       format_func=lambda m: t(f"kw.measure.{m}"),
                       help=t("kw.statistic_help"))
    st.caption(t("kw.ab_count", a=f"{int(mask_a.sum()):,}", b=f"{int(mask_b.sum()):,}"))
    if mask_a.any() and mask_b.any():
        show_table(keyness(cmp_corpus, mask_a, mask_b, n=30, measure=measure), "keyness", key="kw_cmp_table")
    else:
        st.info(t("kw.need_two", hint=hint))
elif view == VIEWS[5]:
    c1, c2 = st.columns(2)
    by = c1.radio(t("kw.by"), ["source", "file", "period"], horizontal=True, key="kw_by",
                  format_func=lambda x: t(f"kw.by.{x}"))
    freq = c2.selectbox(t("kw.period"), ["month", "quarter", "year", "week", "day"], key="kw_by_freq",
                        disabled=by != "period", format_func=lambda f: t(f"freq.{f}"))
    # the 高频词 view's terms (this page's register: tester s14 K1), the same for every group
    long = terms_by(arts, corpus, by, freq=freq, mask=mask, terms=top["term"].head(GROUP_TERMS).tolist())
    st.caption(t("kw.group_note", n=min(GROUP_TERMS, len(top))))
    wide = group_table(long)
    show_table(wide, f"keywords_by_{by}", key="kw_by_table", sheets={"long": long})
elif view == VIEWS[6]:
    st.caption(t("kw.dict_note"))

    def _save() -> None:
        try:
            syn = parse_synonym_lines(session.widget_value(session.KW_DICT_SYN))
            save_user_dict(make_user_dict(session.widget_value(session.KW_DICT_WORDS).split(),
                                          session.widget_value(session.KW_DICT_STOP).split(), syn))
            session.post_note(session.KW_DICT_MSG, ("success", t("kw.saved")))
        except WenjianError as exc:
            session.post_note(session.KW_DICT_MSG, ("error", error_text(exc)))

    with st.form("kw_dict"):
        st.text_area(t("kw.words"), "\n".join(ud.words), key=session.KW_DICT_WORDS)
        st.text_area(t("kw.stopwords"), "\n".join(ud.stopwords), key=session.KW_DICT_STOP)
        st.text_area(t("kw.synonyms"), "\n".join(f"{a}={b}" for a, b in ud.synonyms),
                     key=session.KW_DICT_SYN, placeholder="市场监督管理=市场监管")
        st.form_submit_button(t("kw.save"), on_click=_save)
    if msg := session.take_note(session.KW_DICT_MSG):
        (st.success if msg[0] == "success" else st.error)(msg[1])
