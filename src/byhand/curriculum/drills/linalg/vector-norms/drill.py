"""L1, L2 and L∞ norms of a 4-vector."""

import math


def generate(rng):
    while True:
        x = [int(v) for v in rng.integers(-6, 7, size=4)]
        if sum(v != 0 for v in x) >= 3:
            return {"x1": x[0], "x2": x[1], "x3": x[2], "x4": x[3]}


def solve(p):
    x = [p["x1"], p["x2"], p["x3"], p["x4"]]
    l1 = sum(abs(v) for v in x)
    sq = sum(v * v for v in x)
    l2 = math.sqrt(sq)
    linf = max(abs(v) for v in x)
    return {"l1": l1, "sq": sq, "l2": l2, "linf": linf, "answer": [l1, l2, linf]}
