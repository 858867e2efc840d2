"""Layouts of network figures (the agencies' co-occurrence network, the policy citation network)."""
from __future__ import annotations

import numpy as np


def spring_layout(nodes: list[str], edges: list[tuple[str, str, float]], seed: int = 7,
                  iterations: int = 100, gravity: float = 1.0) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions in [-1, 1]² with a pull towards the centre (so agencies named with
    no other stay in view); a fixed seed gives the same picture for the same graph."""
    n = len(nodes)
    if n == 0:
        return {}
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, size=(n, 2))
    idx = {v: i for i, v in enumerate(nodes)}
    w = np.zeros((n, n))
    for a, b, x in edges:
        w[idx[a], idx[b]] = w[idx[b], idx[a]] = x
    if w.max() > 0:
        w = w / w.max()
    k = 1.0 / np.sqrt(n)
    t = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 0.01)
        force = (k * k / dist**2 - w * dist / k)[:, :, None] * delta
        disp = force.sum(axis=1) - gravity * pos  # gravity keeps unconnected nodes near the centre
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * np.minimum(length, t)[:, None]
        t *= 0.95
    pos -= pos.mean(axis=0)
    pos = spread_evenly(pos)
    return {v: (float(pos[i, 0]), float(pos[i, 1])) for v, i in idx.items()}


def spread_evenly(pos: np.ndarray) -> np.ndarray:
    """``(n, 2)`` positions around the origin moved along their rays so that the k-th nearest node sits at
    radius ``sqrt((k + ½) / n)`` (scaled so the farthest is at 1): the nodes then fill the disc evenly, as
    uniformly scattered points do, while each keeps its direction and its rank of distance from the centre.
    Why: on a dense graph (every agency of a province named with every other) the force layout draws a knot
    in the middle with one or two outliers setting the scale, and the labels pile up (seen on the Hebei
    policy file). Ties in distance keep their row order; the input is not changed."""
    n = len(pos)
    if n <= 1:
        return np.zeros_like(pos, dtype=float)   # one node: the centre
    radius = np.linalg.norm(pos, axis=1)
    angle = np.arctan2(pos[:, 1], pos[:, 0])
    rank = np.empty(n, dtype=float)
    rank[np.argsort(radius, kind="stable")] = np.arange(n)
    target = np.sqrt((rank + 0.5) / n) / np.sqrt((n - 0.5) / n)
    return np.column_stack([target * np.cos(angle), target * np.sin(angle)])



# --- which links to draw ------------------------------------------------------------------------------------

def strongest_links(edges: list[tuple[str, str, float]], sizes: dict[str, float], per_node: int = 2,
                    overall: int = 5) -> list[tuple[str, str, float, float]]:
    """The links worth drawing in a dense co-occurrence graph: each node's ``per_node`` links of highest
    association plus the ``overall`` heaviest links; ``[(a, b, weight, association)]`` in input order.

    ``edges``: ``(a, b, weight)``, weight = articles naming both; ``sizes``: articles naming each node.
    Association = Salton's cosine (Ochiai coefficient) ``weight / √(size_a · size_b)``, in [0, 1]: the share
    of articles two nodes have in common, relative to both their sizes. Raw counts would give every node's
    strongest link to the largest node (a star around the hubs); the share of the smaller node's articles
    (overlap coefficient) does the same for every small node named mostly beside a hub. Cosine is the usual
    similarity for co-word and co-occurrence maps (van Eck & Waltman 2009, "How to normalize co-occurrence
    data?", JASIST 60(8)). Ties: higher weight, then input order. A size missing or below the weight counts as
    the weight (association 1)."""
    if not edges:
        return []
    w = np.array([float(x) for *_, x in edges])
    sa = np.array([max(float(sizes.get(a, 0.0)), x) for a, _, x in edges])
    sb = np.array([max(float(sizes.get(b, 0.0)), x) for _, b, x in edges])
    assoc = np.divide(w, np.sqrt(sa * sb), out=np.zeros_like(w), where=(sa * sb) > 0)
    keep = np.zeros(len(edges), dtype=bool)
    # heaviest overall (ties: input order)
    keep[np.lexsort((np.arange(len(w)), -w))[:overall]] = True
    order = np.lexsort((np.arange(len(w)), -w, -assoc))   # association, then weight, then input order
    taken: dict[str, int] = {}
    for i in order:
        a, b, _ = edges[i]
        if taken.get(a, 0) < per_node or taken.get(b, 0) < per_node:
            keep[i] = True
            taken[a] = taken.get(a, 0) + 1
            taken[b] = taken.get(b, 0) + 1
    return [(a, b, float(x), float(assoc[i])) for i, (a, b, x) in enumerate(edges) if keep[i]]


# --- labels that do not overlap -----------------------------------------------------------------------------

#: Label sides tried for each node, in order of preference: (dx, dy) unit direction from the node centre.
SIDES: tuple[tuple[int, int], ...] = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
_ANCHORS = {-1: ("right", "top"), 0: ("center", "middle"), 1: ("left", "bottom")}


def text_size(text: str, font_px: float = 12.0) -> tuple[float, float]:
    """Estimated ``(width, height)`` in pixels of ``text`` (lines split by ``<br>``) in a CJK sans font of
    ``font_px``: wide characters (East Asian W/F: 汉字, full-width punctuation) 1 em, others 0.6 em; lines
    1.3 em; plus the annotation's padding (3 px each side across, 2 px each side down). An estimate on the
    generous side for Noto Sans SC, so boxes that do not overlap here do not overlap on screen."""
    import unicodedata
    lines = text.split("<br>")
    em = [sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in line) for line in lines]
    return max(em, default=0.0) * font_px + 6.0, 1.3 * font_px * len(lines) + 4.0


def wrap_label(name: str, width: int = 9) -> list[str]:
    """The lines of ``name``'s label: two (split in the middle) when longer than ``width`` characters, so a long
    agency name (中国人民政治协商会议全国委员会) takes a compact box."""
    if len(name) <= width:
        return [name]
    half = (len(name) + 1) // 2
    return [name[:half], name[half:]]


def _label_box(x: float, y: float, r: float, side: tuple[int, int], w: float, h: float) -> np.ndarray:
    """``[x0, y0, x1, y1]`` (pixels, y up) of a ``w × h`` label on ``side`` of a marker of radius ``r``."""
    dx, dy = side
    gap = r + 3.0 if (dx == 0 or dy == 0) else 0.72 * r + 2.0
    ax, ay = x + dx * gap, y + dy * gap
    x0 = ax - w / 2 if dx == 0 else ax if dx > 0 else ax - w
    y0 = ay - h / 2 if dy == 0 else ay if dy > 0 else ay - h
    return np.array([x0, y0, x0 + w, y0 + h])


def boxes_overlap(boxes: np.ndarray, pad: float = 0.0) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, i < j, of ``(n, 4)`` boxes ``[x0, y0, x1, y1]`` that overlap by more than ``pad``
    pixels on both axes (touching edges do not count)."""
    b = np.asarray(boxes, dtype=float).reshape(-1, 4)
    ox = np.minimum(b[:, None, 2], b[None, :, 2]) - np.maximum(b[:, None, 0], b[None, :, 0])
    oy = np.minimum(b[:, None, 3], b[None, :, 3]) - np.maximum(b[:, None, 1], b[None, :, 1])
    hit = np.triu((ox > pad) & (oy > pad), k=1)
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(hit))]


#: Share of each push applied per sweep of :func:`place_labels` (below 1: a box pushed by several others
#: does not overshoot).
STEP = 0.8


def place_labels(xy: np.ndarray, radius: np.ndarray, sizes: list[tuple[float, float]], width: float,
                 height: float, rounds: int = 400) -> tuple[np.ndarray, list[tuple[int, int]], np.ndarray]:
    """Give every node a label that overlaps no other label and no marker, moving nodes apart where needed.

    ``xy``: ``(n, 2)`` node centres in pixels (y up) inside a ``width × height`` canvas; ``radius``: marker
    radii (px); ``sizes``: label ``(w, h)`` in px (:func:`text_size`); nodes are taken in row order (put the
    most important first: they get their preferred side and move least).
    1. Greedy sides: each node's label goes on the first of :data:`SIDES` with the least overlap with the
       labels already placed, every marker, and the canvas edge.
    2. Each node and its label then form one box; overlapping boxes are pushed apart along the axis of least
       overlap (half each, both boxes), and kept inside the canvas, until none overlap (at most ``rounds``
       sweeps). A crowded graph moves a little, keeping its shape; the caller draws the moved positions.
    Returns ``(xy, sides, label_boxes)``: moved centres, each node's side (``SIDES`` entry) and its label's
    ``[x0, y0, x1, y1]``. Deterministic (no randomness; ties by row order). When the canvas is too small for
    the boxes, some may still overlap: check with :func:`boxes_overlap` and give a taller canvas."""
    xy = np.array(xy, dtype=float).reshape(-1, 2)
    n = len(xy)
    r = np.asarray(radius, dtype=float)
    wh = np.array(sizes, dtype=float).reshape(-1, 2)
    markers = np.column_stack([xy - r[:, None], xy + r[:, None]])
    placed = np.zeros((n, 4))
    sides: list[tuple[int, int]] = []
    for i in range(n):   # all sides of node i at once: (8, 4) boxes against the placed labels and every marker
        cand = np.array([_label_box(xy[i, 0], xy[i, 1], r[i], side, *wh[i]) for side in SIDES])
        others = np.vstack([placed[:i], np.delete(markers, i, axis=0)])
        ox = np.minimum(cand[:, None, 2], others[None, :, 2]) - np.maximum(cand[:, None, 0], others[None, :, 0])
        oy = np.minimum(cand[:, None, 3], others[None, :, 3]) - np.maximum(cand[:, None, 1], others[None, :, 1])
        cost = (np.clip(ox, 0, None) * np.clip(oy, 0, None)).sum(axis=1)
        cost += (np.clip(-cand[:, 0], 0, None) + np.clip(cand[:, 2] - width, 0, None)) * (cand[:, 3] - cand[:, 1])
        cost += (np.clip(-cand[:, 1], 0, None) + np.clip(cand[:, 3] - height, 0, None)) * (cand[:, 2] - cand[:, 0])
        k = int(np.argmin(cost))        # the first side of least cost
        sides.append(SIDES[k])
        placed[i] = cand[k]
    # one rigid box per node: marker ∪ label, as offsets from the node centre
    lo = np.minimum(placed[:, :2] - xy, -r[:, None]) - 1.0
    hi = np.maximum(placed[:, 2:] - xy, r[:, None]) + 1.0
    for _ in range(rounds):
        b0, b1 = xy + lo, xy + hi
        ox = np.minimum.outer(b1[:, 0], b1[:, 0]) - np.maximum.outer(b0[:, 0], b0[:, 0])
        oy = np.minimum.outer(b1[:, 1], b1[:, 1]) - np.maximum.outer(b0[:, 1], b0[:, 1])
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        ii, jj = np.nonzero(hit)
        if not len(ii):
            break
        oxs, oys = ox[ii, jj], oy[ii, jj]
        d = (b0[ii] + b1[ii] - b0[jj] - b1[jj]) / 2
        tie = np.where(ii < jj, -1.0, 1.0)     # boxes with the same centre: the earlier one goes left / down
        along_x = oxs <= oys
        move = np.zeros((len(ii), 2))
        move[along_x, 0] = (oxs[along_x] / 2 + 0.5) * np.where(d[along_x, 0] != 0, np.sign(d[along_x, 0]), tie[along_x])
        move[~along_x, 1] = (oys[~along_x] / 2 + 0.5) * np.where(d[~along_x, 1] != 0, np.sign(d[~along_x, 1]),
                                                                 tie[~along_x])
        disp = np.zeros_like(xy)
        np.add.at(disp, ii, move)
        xy = xy + disp * STEP
        xy[:, 0] = np.clip(xy[:, 0], -lo[:, 0], width - hi[:, 0])
        xy[:, 1] = np.clip(xy[:, 1], -lo[:, 1], height - hi[:, 1])
    boxes = np.array([_label_box(xy[i, 0], xy[i, 1], r[i], sides[i], *wh[i]) for i in range(n)]).reshape(-1, 4)
    return xy, sides, boxes


def annotation_anchor(side: tuple[int, int], r: float) -> dict:
    """Plotly annotation keywords (``xanchor, yanchor, xshift, yshift``) putting a label on ``side`` of a marker of
    radius ``r`` px exactly where :func:`place_labels` reserved its box."""
    dx, dy = side
    gap = r + 3.0 if (dx == 0 or dy == 0) else 0.72 * r + 2.0
    return {"xanchor": _ANCHORS[dx][0] if dx else "center", "yanchor": {-1: "top", 0: "middle", 1: "bottom"}[dy],
            "xshift": dx * gap, "yshift": dy * gap}


def label_conflicts(boxes: np.ndarray, xy: np.ndarray, radius: np.ndarray) -> list[tuple[str, int, int]]:
    """What a reader would see as clutter: ``("label", i, j)`` for labels i < j whose boxes overlap,
    ``("marker", i, j)`` for label i overlapping the marker (circle) of node j (its own included), and
    ``("markers", i, j)`` for two markers that overlap. ``boxes``: ``(n, 4)`` ``[x0, y0, x1, y1]``; ``xy``: marker
    centres; ``radius``: marker radii — all in pixels. Touching does not count (0.5 px tolerance)."""
    b = np.asarray(boxes, dtype=float).reshape(-1, 4)
    p = np.asarray(xy, dtype=float).reshape(-1, 2)
    r = np.asarray(radius, dtype=float)
    out = [("label", i, j) for i, j in boxes_overlap(b, pad=0.5)]
    # nearest point of each box to each centre
    nx = np.clip(p[None, :, 0], b[:, None, 0], b[:, None, 2])
    ny = np.clip(p[None, :, 1], b[:, None, 1], b[:, None, 3])
    inside = np.hypot(nx - p[None, :, 0], ny - p[None, :, 1]) < r[None, :] - 0.5
    out += [("marker", int(i), int(j)) for i, j in zip(*np.nonzero(inside))]
    d = np.hypot(p[:, None, 0] - p[None, :, 0], p[:, None, 1] - p[None, :, 1])
    close = np.triu(d < r[:, None] + r[None, :] - 0.5, k=1)
    out += [("markers", int(i), int(j)) for i, j in zip(*np.nonzero(close))]
    return out


def fit_labels(unit: np.ndarray, radius: np.ndarray, sizes: list[tuple[float, float]], width: float,
               height: float, *, inset: tuple[float, float] = (90.0, 40.0), tries: int = 5
               ) -> tuple[np.ndarray, list[tuple[int, int]], np.ndarray, float]:
    """Layout positions ``unit`` (``(n, 2)``, any scale) stretched to fill a ``width × height`` pixel canvas
    (less ``inset`` px on each side, room for the outer labels), then :func:`place_labels`; while
    :func:`label_conflicts` finds any, the canvas grows 15 % taller (up to ``tries`` - 1 times). Returns
    ``(xy, sides, boxes, height)`` — the height finally used. A label of size ``(0, 0)`` is no label (its node
    is only kept clear of the others)."""
    unit = np.array(unit, dtype=float).reshape(-1, 2)
    if len(unit) > 1:   # fill both axes (a force layout's disc leaves the canvas corners empty)
        span = np.ptp(unit, axis=0)
        unit = np.where(span > 0, (unit - unit.min(axis=0)) / np.where(span > 0, span, 1) * 2 - 1, 0.0)
    else:
        unit = np.zeros_like(unit)
    for attempt in range(tries):
        start = np.column_stack([width / 2 + unit[:, 0] * (width / 2 - inset[0]),
                                 height / 2 + unit[:, 1] * (height / 2 - inset[1])])
        xy, sides, boxes = place_labels(start, radius, sizes, width, height)
        shown = np.array([w > 0 for w, _ in sizes], dtype=bool)
        if attempt == tries - 1 or not label_conflicts(boxes[shown], xy, radius) and \
                not [c for c in label_conflicts(boxes, xy, radius) if c[0] == "markers"]:
            break
        height *= 1.15
    return xy, sides, boxes, height
