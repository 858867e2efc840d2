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

