"""Mean binary cross-entropy over three predictions."""

import math


def generate(rng):
    ys = [int(v) for v in rng.integers(0, 2, size=3)]
    ps = [int(v) / 10 for v in rng.integers(1, 10, size=3)]
    return {"y1": ys[0], "y2": ys[1], "y3": ys[2], "p1": ps[0], "p2": ps[1], "p3": ps[2]}


def solve(p):
    out = {}
    total = 0.0
    for i in (1, 2, 3):
        y, q = p[f"y{i}"], p[f"p{i}"]
        used = q if y == 1 else 1 - q
        term = -math.log(used)
        total += term
        out[f"l{i}"] = term
        out[f"u{i}"] = f"−ln({q:.1f})" if y == 1 else f"−ln(1 − {q:.1f})"
    out.update({"total": total, "answer": total / 3})
    return out
