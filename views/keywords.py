"""关键词 page: top terms (bar chart, table, word cloud), phrases, KWIC, comparison A vs B, breakdowns by
source and period, and the user's dictionary — all following the global filters. Logic lives in
``analysis.keywords`` / ``kwic`` / ``keyness`` / ``phrases``; this file only lays out widgets."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.errors import WenjianError
from analysis.filters import query_mask
from analysis.keyness import keyness
from analysis.keywords import corpus_summary, terms_by, top_terms_figure, word_cloud
from analysis.kwic import MODES, SORTS, containing_words, effective_mode, kwic, match_counts, pieces
from analysis.schema import dates_as_text
from analysis.phrases import phrases
from analysis.policy.register import default_register, top_terms_for_register
from analysis.user_dict import load_user_dict, make_user_dict, parse_synonym_lines, save_user_dict
from ui import drill, state
from ui.cache import corpus_for, texts_for, tokenizer
from ui.i18n import t
from ui.widgets import show_figure, show_table

st.header("关键词 / Keywords")
ds = state.current_dataset()
if ds is None or ds.articles.empty:
    st.info("请先在侧边栏上传或打开数据集 / open or upload a dataset in the sidebar first")
    st.stop()
arts = ds.articles
ud = load_user_dict()
with st.spinner("分词中(每个数据集只做一次)/ tokenizing (once per dataset)…"):
    corpus = corpus_for(ds, ud.key())
mask = state.current_mask()
info = corpus_summary(corpus, mask)
st.caption(f"{info['articles']:,} 篇 · {info['tokens']:,} 词次 · {info['distinct']:,} 个不同的词 / "
           f"articles · tokens · distinct terms (分词器 / engine: {corpus.engine})")
if info["articles"] == 0:
    st.info("当前筛选没有文章 / no article passes the filters")
    st.stop()
top_n = st.slider("显示前 N 个词 / top N", 10, 300, 50, step=10, key="kw_top_n")
register = "policy" if st.toggle(  # on by default when most of the dataset is policy documents (issue 12)
    "去掉政策文书常用词 / drop policy-register words (应当, 可以, 规定 …)", key=f"kw_register_{ds.digest}",
    value=default_register(arts) == "policy", help="data/stopwords_policy.txt") else "none"
top = top_terms_for_register(corpus, mask, top_n, register)

KWIC_MAX_ROWS = 200_000   # rows listed and downloadable (a very common word can have millions)


def _kwic_view(top: pd.DataFrame) -> None:
    """The concordance: a term in one of three match modes, both counts side by side, rows with the
    article's title, date, source and link, the whole row set downloadable."""
    c1, c2, c3, c4 = st.columns([2, 2, 1, 2])
    mode = c2.radio(t("kwic.mode"), MODES, horizontal=True, key="kw_kwic_mode", help=t("kwic.mode_help"),
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
        st.warning(str(exc))
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
        if mode == "token" and c["substring"] > c["token"]:
            example = "、".join(containing_words(term, texts, tk, mask)) or term
            with st.container(horizontal=True):
                st.info(t("kwic.more_as_substring", extra=f"{c['substring'] - c['token']:,}", example=example),
                        icon=":material/info:")
                st.button(t("kwic.use_substring"), key="kw_kwic_to_sub",
                          on_click=lambda: st.session_state.update(kw_kwic_mode="substring"))
    labels = {c: t(f"kwic.col.{c}") for c in ("title", "date", "source", "file", "left", "term", "right", "url")}
    shown = conc.assign(date=dates_as_text(conc["date"])).rename(columns=labels)
    show_table(shown, "kwic", key="kw_kwic",
               column_config={labels["url"]: st.column_config.LinkColumn(labels["url"], display_text="🔗")})
    drill.show_articles(conc[["id"]].drop_duplicates(), f"KWIC: {term}", key="kw_kwic_drill")


# one view at a time (not st.tabs, which would compute every tab on each rerun)
VIEWS = ["高频词 / Top", "词云 / Cloud", "短语 / Phrases", "上下文 / KWIC", "对比 / Compare", "分组 / By group",
         "词典 / Dictionary"]
view = st.radio("视图 / view", VIEWS, horizontal=True, key="kw_view", label_visibility="collapsed")
if view == VIEWS[0]:
    event = show_figure(top_terms_figure(top.head(40)), "keywords_top", key="kw_fig", on_select="rerun")
    if picked := [p["customdata"][0] for p in drill.selected_points(event) if p.get("customdata")]:
        drill.show_articles(mask & (corpus.term_vector(picked[0]) > 0), picked[0], key="kw_fig_drill")
    else:
        st.caption("点击柱查看包含该词的文章 / Click a bar to see the articles with that term.")
    st.caption("tfidf = count × (ln((1+N)/(1+documents)) + 1), N = 所选文章数 / selected articles")
    show_table(top, "keywords", key="kw_table")
elif view == VIEWS[1]:
    if st.toggle("生成词云 / draw the word cloud", key="kw_cloud_on"):
        st.image(word_cloud(top), caption=f"前 {len(top)} 个词 / top {len(top)} terms", width="stretch")
elif view == VIEWS[2]:
    c1, c2 = st.columns(2)
    min_count = c1.number_input("最少出现次数 / min count", 2, 1000, 5, key="kw_phr_min")
    order = c2.radio("排序 / rank by", ["llr", "pmi", "count"], horizontal=True, key="kw_phr_order")
    st.caption("llr = 对数似然比 G² / log-likelihood; pmi = 点互信息 / pointwise mutual information")
    show_table(phrases(corpus, mask, n=100, min_count=int(min_count), order=order), "phrases", key="kw_phr")
elif view == VIEWS[3]:
    _kwic_view(top)
elif view == VIEWS[4]:
    mode = st.radio("比较 / compare", ["来源 / sources", "时间 / periods", "查询 / query vs rest"],
                    horizontal=True, key="kw_cmp_mode")
    if mode.startswith("来源"):
        sources = sorted(s for s in arts.loc[mask, "source"].unique() if s)
        c1, c2 = st.columns(2)
        a_src = c1.multiselect("A", sources, default=sources[:1], key="kw_cmp_a")
        b_src = c2.multiselect("B", sources, default=sources[1:2], key="kw_cmp_b")
        mask_a, mask_b = mask & arts["source"].isin(a_src).to_numpy(), mask & arts["source"].isin(b_src).to_numpy()
    elif mode.startswith("时间"):
        dated = arts.loc[mask, "date"].dropna()
        if dated.empty:
            st.info("所选文章没有日期 / the selected articles have no dates")
            st.stop()
        split = st.date_input("分界日期(A 在此之前,B 自此起)/ split date (A before, B from)",
                              value=dated.median().date(), key="kw_cmp_split")
        mask_a = mask & (arts["date"] < pd.Timestamp(split)).to_numpy()
        mask_b = mask & (arts["date"] >= pd.Timestamp(split)).to_numpy()
    else:
        q = st.text_input("查询 A / query for A", key="kw_cmp_q", help="例 / e.g. 市场监管 OR 计量")
        try:
            qm = query_mask(arts, q) if q.strip() else mask & False
        except WenjianError as exc:
            st.warning(str(exc))
            qm = mask & False
        mask_a, mask_b = mask & qm, mask & ~qm
    measure = st.radio("统计量 / statistic", ["llr", "logodds"], horizontal=True, key="kw_cmp_measure",
                       help="llr: 对数似然比 G²;logodds: 带信息先验的对数优势比 z 值 / log-odds with informative prior")
    st.caption(f"A: {int(mask_a.sum()):,} 篇 · B: {int(mask_b.sum()):,} 篇 / articles")
    if mask_a.any() and mask_b.any():
        show_table(keyness(corpus, mask_a, mask_b, n=30, measure=measure), "keyness", key="kw_cmp_table")
elif view == VIEWS[5]:
    c1, c2 = st.columns(2)
    by = c1.radio("按 / by", ["source", "period"], horizontal=True, key="kw_by",
                  format_func=lambda x: {"source": "来源 / source", "period": "时间 / period"}[x])
    freq = c2.selectbox("周期 / period", ["month", "quarter", "year", "week", "day"], key="kw_by_freq",
                        disabled=by != "period")
    long = terms_by(arts, corpus, by, freq=freq, mask=mask, n=15)
    wide = long.pivot_table(index="group", columns="term", values="count", sort=False, fill_value=0).reset_index() \
        if len(long) else long
    show_table(wide, f"keywords_by_{by}", key="kw_by_table", sheets={"long": long})
elif view == VIEWS[6]:
    st.caption("添加的词不会被切开;停用词不计入;同义词按 变体=标准词 每行一条,合并计数。保存后立即生效。/ "
               "Words are kept whole, stopwords dropped, synonyms (variant=canonical, one a line) merged; "
               "changes apply at once and are saved.")

    def _save() -> None:
        try:
            syn = parse_synonym_lines(st.session_state["kw_dict_syn"])
            save_user_dict(make_user_dict(st.session_state["kw_dict_words"].split(),
                                          st.session_state["kw_dict_stop"].split(), syn))
            st.session_state["kw_dict_msg"] = ("success", "已保存 / saved")
        except WenjianError as exc:
            st.session_state["kw_dict_msg"] = ("error", str(exc))

    with st.form("kw_dict"):
        st.text_area("新词(空格或换行分隔)/ words", "\n".join(ud.words), key="kw_dict_words")
        st.text_area("停用词 / stopwords", "\n".join(ud.stopwords), key="kw_dict_stop")
        st.text_area("同义词 / synonyms (变体=标准词)", "\n".join(f"{a}={b}" for a, b in ud.synonyms),
                     key="kw_dict_syn", placeholder="市场监督管理=市场监管")
        st.form_submit_button("保存 / Save", on_click=_save)
    if msg := st.session_state.pop("kw_dict_msg", None):
        (st.success if msg[0] == "success" else st.error)(msg[1])
