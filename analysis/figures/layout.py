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
    scale = np.abs(pos).max() or 1.0
    return {v: (float(pos[i, 0] / scale), float(pos[i, 1] / scale)) for v, i in idx.items()}

