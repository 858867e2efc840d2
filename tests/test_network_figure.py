"""The agencies' co-occurrence network (tester s14, U6: a hairball with 12 piled-up labels): which links are
drawn, that every node is labelled with no label over another label or a marker, drill-down customdata,
determinism; the layout helpers of ``analysis.figures.layout``."""
from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from analysis.agency_table import load_agencies
from analysis.figures.agencies import NETWORK_WIDTH, network_figure, network_layout
from analysis.figures.layout import (SIDES, annotation_anchor, boxes_overlap, label_conflicts, place_labels,
                                     strongest_links, text_size, wrap_label)

SIZES = {"A": 100, "B": 50, "C": 10, "D": 10, "E": 8}
EDGES = [("A", "B", 40.0), ("A", "C", 8.0), ("A", "D", 7.0), ("A", "E", 5.0), ("B", "C", 6.0), ("B", "D", 2.0),
         ("C", "D", 6.0), ("C", "E", 1.0), ("D", "E", 5.0)]


def test_strongest_links_each_nodes_best_plus_heaviest():
    # cosine: A-B 40/√5000 = .566, C-D 6/√100 = .6, D-E 5/√80 = .559, B-C .268, A-C .253, A-D .221, A-E .177 …
    kept = strongest_links(EDGES, SIZES, per_node=1, overall=1)
    assert [(a, b, w) for a, b, w, _ in kept] == [("A", "B", 40.0), ("C", "D", 6.0), ("D", "E", 5.0)]
    assert [round(s, 3) for *_, s in kept] == [0.566, 0.6, 0.559]
    kept = strongest_links(EDGES, SIZES, per_node=2, overall=0)
    assert [(a, b) for a, b, *_ in kept] == [("A", "B"), ("A", "C"), ("A", "E"), ("B", "C"), ("C", "D"), ("D", "E")]
    # raw counts would tie every small node to the hub A; the heaviest overall are kept whatever their share
    assert [(a, b) for a, b, *_ in strongest_links(EDGES, SIZES, per_node=0, overall=3)] == [
        ("A", "B"), ("A", "C"), ("A", "D")]
    assert strongest_links([], SIZES) == []
    # a size missing (or smaller than the pair's count) counts as the count: association 1, never > 1
    assert strongest_links([("x", "y", 3.0)], {"x": 2}) == [("x", "y", 3.0, 1.0)]


def test_text_size_and_wrapping():
    assert text_size("国务院", 12) == (3 * 12 + 6, 1.3 * 12 + 4)
    assert text_size("ab<br>国家", 10) == (2 * 10 + 6, 2 * 1.3 * 10 + 4)
    assert wrap_label("国务院") == ["国务院"]
    assert wrap_label("中国人民政治协商会议全国委员会") == ["中国人民政治协商", "会议全国委员会"]


def test_place_labels_sides_and_boxes():
    # two nodes side by side: the first (more important) keeps the right, the second moves its label away
    xy, sides, boxes = place_labels(np.array([[100.0, 100.0], [150.0, 100.0]]), np.array([6.0, 6.0]),
                                    [(40.0, 20.0), (40.0, 20.0)], 400, 300)
    assert sides == [(-1, 0), (1, 0)] or sides[0] == (1, 0)
    assert label_conflicts(boxes, xy, np.array([6.0, 6.0])) == []
    assert boxes_overlap(np.array([[0, 0, 10, 10], [10, 0, 20, 10], [5, 5, 15, 15]])) == [(0, 2), (1, 2)]
    # annotation keywords put the text where the box was reserved
    assert annotation_anchor((1, 0), 6.0) == {"xanchor": "left", "yanchor": "middle", "xshift": 9.0, "yshift": 0.0}
    assert annotation_anchor((-1, -1), 10.0) == {"xanchor": "right", "yanchor": "top", "xshift": -9.2, "yshift": -9.2}
    assert len(SIDES) == 8


def dense_case(n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A CCTV-like table: ``n`` real agency names (the longest names of the project's table first, so labels
    are as wide as they get), Zipf-like article counts, and every pair named together (the hairball case)."""
    names = sorted(load_agencies(user_path="")["canonical"].astype(str).unique(), key=lambda s: (-len(s), s))
    names = names[:n // 3] + sorted(names, key=lambda s: (len(s), s))[:n - n // 3]
    docs = (3000 / np.arange(1, n + 1) ** 0.8).astype(int) + 20
    summary = pd.DataFrame({"agency": names, "mentions": docs * 2, "documents": docs})
    rows = [(a, b, int(docs[i] * docs[j] / 4000) + 1 + 30 * ((i % 5) == (j % 5)))
            for i, a in enumerate(names) for j, b in enumerate(names) if a < b]
    cooc = pd.DataFrame(rows, columns=["a", "b", "articles"]).sort_values("articles", ascending=False)
    return cooc.reset_index(drop=True), summary


@pytest.mark.parametrize("n", [30, 60])
def test_dense_network_every_node_labelled_nothing_overlaps(n):
    cooc, summary = dense_case(n)
    assert len(cooc) == n * (n - 1) // 2                       # every pair named together
    fig = network_figure(cooc, summary, n, title="t")
    plan = network_layout(cooc, summary, n)
    names = summary["agency"].tolist()
    assert plan["names"] == names
    # structure, not every pair: at most 2 per node + 5, every node on at least one line
    assert len(plan["links"]) <= 2 * n + 5 and len(plan["links"]) < len(cooc) / 4
    assert {v for a, b, *_ in plan["links"] for v in (a, b)} == set(names)
    # every node labelled with its full name (long names on two lines)
    labels = [a.text for a in fig.layout.annotations if a.xref != "paper"]
    assert [t.replace("<br>", "") for t in labels] == names
    # no label overlaps another label or any marker, and no markers overlap
    assert label_conflicts(plan["boxes"], plan["xy"], plan["radius"]) == []
    # the figure draws the labels exactly in the boxes the plan checked
    for ann, box, r in zip(fig.layout.annotations, plan["boxes"], plan["radius"]):
        w, h = text_size(ann.text)
        x = ann.x + ann.xshift - {"left": 0, "center": w / 2, "right": w}[ann.xanchor]
        y = ann.y + ann.yshift - {"bottom": 0, "middle": h / 2, "top": h}[ann.yanchor]
        assert np.allclose([x, y, x + w, y + h], box)
        assert 0 <= x and x + w <= NETWORK_WIDTH and 0 <= y and y + h <= plan["height"]
    assert tuple(fig.layout.xaxis.range) == (0, NETWORK_WIDTH) and tuple(fig.layout.yaxis.range) == (0, plan["height"])
    # drill-down: the node trace's customdata is [agency], in summary order
    assert [c[0] for c in fig.data[-1].customdata] == names
    # same input, same figure (timed: a second call, plotly warmed up; printed, not asserted)
    t0 = time.process_time()
    again = network_figure(cooc, summary, n, title="t")
    print(f"\nnetwork_figure, {n} nodes, {len(cooc)} pairs: {time.process_time() - t0:.3f} CPU-s")
    assert again.to_plotly_json() == fig.to_plotly_json()


def test_network_note_widths_and_hover():
    cooc, summary = dense_case(30)
    fig = network_figure(cooc, summary, 30, labels={"network_note": "线:关联<最强>\n第二行", "hover_articles": "文章",
                                                    "hover_association": "关联度"})
    note = fig.layout.annotations[-1]
    assert note.text == "线:关联&lt;最强&gt;<br>第二行" and note.xref == "paper"
    assert fig.layout.margin.b == 16 + 2 * 15
    plan = network_layout(cooc, summary, 30)
    a, b, w, s = plan["links"][0]
    hover = fig.data[-2]
    assert hover.hovertext[0] == f"{a} — {b}<br>文章 {int(w)} · 关联度 {s:.2f}"
    widths = sorted(t.line.width for t in fig.data[:-2])
    assert widths[-1] == 5.8 and len(set(widths)) == len(widths)        # heaviest class: 0.8 + 5
    assert network_figure(cooc, summary, 30).layout.margin.b == 10      # no note asked for: none drawn


def test_network_of_nothing_and_of_one():
    empty_s = pd.DataFrame({"agency": pd.Series([], dtype="str"), "mentions": pd.Series([], dtype="int64"),
                            "documents": pd.Series([], dtype="int64")})
    empty_c = pd.DataFrame({"a": pd.Series([], dtype="str"), "b": pd.Series([], dtype="str"),
                            "articles": pd.Series([], dtype="int64")})
    fig = network_figure(empty_c, empty_s)
    assert len(fig.data) == 1 and len(fig.layout.annotations) == 0
    one = pd.DataFrame({"agency": ["<b>国务院</b>"], "mentions": [3], "documents": [2]})
    fig = network_figure(empty_c, one)
    assert [a.text for a in fig.layout.annotations] == ["&lt;b&gt;国务<br>院&lt;/b&gt;"]   # escaped, not bold; 10 characters: two lines
    assert fig.data[-1].customdata == (["<b>国务院</b>"],)


def test_policy_network_names_its_most_cited_documents():
    from analysis.figures.policy import NETWORK_LABELS, network_figure as policy_network

    # document 1 cited by 2..16, document 2 by 3..9, documents 3..16 cite nothing else; 16 documents
    titles = {1: "中华人民共和国促进科技成果转化法", 2: "<b>河北省科学技术奖励办法</b>",
              **{i: f"关于印发第{i}号科技计划项目管理办法的通知" for i in range(3, 17)}}
    articles = pd.DataFrame({"id": list(titles), "title": list(titles.values()), "issuer": ["国务院"] * 16})
    rows = [(s, 1) for s in range(2, 17)] + [(s, 2) for s in range(3, 10)] + [(s, s - 1) for s in range(4, 17)]
    cites = pd.DataFrame({"id": [s for s, _ in rows], "resolved_id": [float(t) for _, t in rows],
                          "self": False, "role": "basis"})
    fig = policy_network(articles, cites, 60)
    texts = [a.text for a in fig.layout.annotations]
    assert len(texts) == NETWORK_LABELS == 12
    assert texts[:2] == ["中华人民共和国促<br>进科技成果转化法", "&lt;b&gt;河北省科学技<br>术奖励办法&lt;/…"]
    assert texts[2] == "关于印发第3号科技<br>计划项目管理办…"     # 16 characters kept, the cut shown
    ids = sorted(c[0] for t in fig.data[1:] for c in t.customdata)
    assert ids == list(range(1, 17))                           # every document drawn, drill-down unchanged
    assert policy_network(articles, cites, 60).to_plotly_json() == fig.to_plotly_json()
