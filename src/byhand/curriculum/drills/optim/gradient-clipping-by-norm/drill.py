"""Clip a gradient by its global L2 norm: g ← g·c/‖g‖ when ‖g‖ > c."""

import math


def generate(rng):
    while True:
        g = [int(v) for v in rng.integers(-8, 9, size=3)]
        c = int(rng.choice([1, 2, 5]))
        if sum(v != 0 for v in g) >= 2 and math.sqrt(sum(v * v for v in g)) > c + 0.5:
            return {"g1": g[0], "g2": g[1], "g3": g[2], "c": c}


def solve(p):
    g = [p["g1"], p["g2"], p["g3"]]
    sq = sum(v * v for v in g)
    norm = math.sqrt(sq)
    scale = p["c"] / norm
    out = [v * scale for v in g]
    return {"sq": sq, "norm": norm, "scale": scale, "o1": out[0], "o2": out[1], "o3": out[2], "answer": out}
