"""机构 / Agencies: who is mentioned, with whom and when; the alias table and the review list.

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
                                   user_dir, user_rows_from_edit)
from analysis.errors import WenjianError
from ui import cache, state, widgets
from ui.drill import selected_points, show_articles

st.header("机构 / Agencies")
ds = state.current_dataset()
if ds is None or ds.articles.empty:
    st.info("请先在侧边栏上传或打开数据集 / Upload or open a dataset in the sidebar first.")
    st.stop()
articles, mask = ds.articles, state.current_mask()
with st.spinner("查找机构提及(每个数据集一次)/ finding agency mentions (once per dataset)…"):
    mentions = cache.mentions_for(ds)
c1, c2, c3 = st.columns(3)
foreign = c1.toggle("含外国政府机构 / foreign bodies", value=False, key="ag_foreign",
                    help="如 美国国务院、俄罗斯国防部;默认只看中国的机构 / e.g. 美国国务院; by default only Chinese bodies")
media = c2.toggle("含新闻机构 / news organisations", value=False, key="ag_media",
                  help="如 中央广播电视总台、新华社、融媒体中心;默认不计 / e.g. 中央广播电视总台, 新华社; left out by default")
mentions = government_mentions(mentions, include_foreign=foreign, include_media=media)
if c3.toggle("旧名称计入现机构 / old names → current", value=False, key="ag_successors",
             help="把已撤销或更名机构的提及计入其现机构,如 建设部 → 住房和城乡建设部、河北省质量技术监督局 → 河北省市场监督管理局 / "
                  "count historical names under their successor"):
    mentions = roll_up(mentions)
summary = agency_summary(mentions, mask)
st.caption(f"{len(summary):,} 个机构 · {int(summary['mentions'].sum()):,} 次提及 / agencies · mentions "
           f"(标题与正文 / title and body)")


def drill(event, key: str) -> None:
    """Articles and sentences behind a clicked bar or node (customdata[0] = agency)."""
    picked = [p["customdata"][0] for p in selected_points(event) if p.get("customdata")]
    if not picked:
        st.caption("点击柱或节点查看文章与句子 / Click a bar or node to see the articles and sentences.")
        return
    rows = mention_rows(mentions, articles, picked[0], mask)
    widgets.show_table(rows, f"agency_{picked[0]}", key=key)
    show_articles(rows.drop_duplicates("id"), picked[0], key=f"{key}_articles")


# one view at a time (st.tabs would compute and draw every tab on each rerun)
VIEWS = ["排行 / Ranking", "共现网络 / Network", "时间线 / Timeline", "别名表 / Alias table", "待审 / Review"]
view = st.radio("视图 / view", VIEWS, horizontal=True, key="ag_view", label_visibility="collapsed")
if view == VIEWS[0]:
    top = st.slider("显示前 N 个 / top N", 5, 100, 20, step=5, key="ag_top")
    drill(widgets.show_figure(ranking_figure(summary, top), "agency_ranking", key="ag_rank", on_select="rerun"),
          "ag_rank_drill")
    widgets.show_table(summary, "agency_summary", key="ag_summary")
    with st.expander("按来源 / By source"):
        widgets.show_table(by_source(mentions, articles, mask), "agency_by_source", key="ag_by_source")
    with st.expander("未解析的简称 / Unresolved bare forms"):
        widgets.show_table(unresolved_summary(mentions, mask), "agency_unresolved", key="ag_unresolved")
elif view == VIEWS[1]:
    c1, c2 = st.columns(2)
    same = c1.toggle("仅同一句 / same sentence only", key="ag_same_sentence")
    n_nodes = c2.slider("节点数 / nodes", 5, 80, 30, step=5, key="ag_nodes")
    cooc = cooccurrence(mentions, mask, same_sentence=same)
    drill(widgets.show_figure(network_figure(cooc, summary, n_nodes), "agency_network", key="ag_net",
                              on_select="rerun"), "ag_net_drill")
    widgets.show_table(cooc, "agency_pairs", key="ag_pairs")
elif view == VIEWS[2]:
    names = summary["agency"].tolist()
    chosen = st.multiselect("机构 / Agencies", names, default=names[:3], key="ag_tl_agencies")
    freq = st.selectbox("时间粒度 / Period", ["month", "week", "quarter", "year", "day"], key="ag_tl_freq")
    periods = by_period(mentions, articles, freq, mask)
    widgets.show_figure(timeline_figure(periods, chosen), "agency_timeline", key="ag_tl")
    widgets.show_table(periods[periods["agency"].isin(chosen)], "agency_periods", key="ag_periods")
elif view == VIEWS[3]:
    st.caption(f"编辑后保存到 / edits are saved to `{user_dir() / 'agencies.csv'}` (别名用 | 分隔 / aliases "
               "separated by |)")
    table = load_agencies()
    edited = st.data_editor(table, num_rows="dynamic", hide_index=True, key="ag_editor", width="stretch")
    c1, c2 = st.columns(2)
    upload = c2.file_uploader("上传 CSV / Upload CSV", type=["csv"], key="ag_upload")
    try:
        if c1.button("保存修改 / Save edits", key="ag_save"):
            save_user_agencies(user_rows_from_edit(pd.DataFrame(edited)))
            st.success("已保存 / saved — 提及将按新表重新计算 / mentions are recomputed with the new table")
        if upload is not None and c2.button("导入上传的表 / Import the uploaded table", key="ag_import"):
            save_user_agencies(user_rows_from_edit(read_agencies(upload.getvalue(), upload.name)))
            st.success("已导入 / imported")
    except WenjianError as exc:
        st.error(str(exc))
    st.download_button("下载机构表 CSV / Download the table", widgets.csv_bytes(table), "agencies.csv",
                       mime="text/csv", key="ag_dl_table", on_click="ignore")
elif view == VIEWS[4]:
    review = load_review()
    rejected = set(review.loc[review["status"] == "rejected", "candidate"])
    use_jieba = st.toggle("也用 jieba 机构名词性(nt)/ also jieba `nt` words (slower)", key="ag_jieba")
    cands = discover_candidates(articles, mentions, rejected=rejected, limit=500, use_jieba=use_jieba, mask=mask)
    st.caption(f"{len(cands)} 个候选(前 500 篇)/ candidates (first 500 articles) — 选择接受或拒绝 / accept or reject")
    decided = st.data_editor(cands.assign(decision="", canonical="", aliases=""), hide_index=True, key="ag_review",
                             disabled=["candidate", "mentions", "documents", "example"],
                             column_config={"decision": st.column_config.SelectboxColumn(
                                 "decision", options=["", "accepted", "rejected"])})
    if st.button("保存决定 / Save decisions", key="ag_review_save"):
        for r in pd.DataFrame(decided).query("decision != ''").itertuples(index=False):
            review_candidate(r.candidate, r.decision, r.canonical, r.aliases)
        st.rerun()
    widgets.show_table(review, "agency_review", key="ag_review_done")
