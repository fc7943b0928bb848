"""Softmax of three integer logits, computed stably (subtract the max first)."""

import math


def generate(rng):
    z = [int(v) for v in rng.choice(range(-2, 4), size=3, replace=False)]
    return {"z1": z[0], "z2": z[1], "z3": z[2]}


def solve(p):
    z = [p["z1"], p["z2"], p["z3"]]
    m = max(z)
    sh = [v - m for v in z]
    e = [math.exp(v) for v in sh]
    s = sum(e)
    out = [v / s for v in e]
    return {"m": m, "s1": sh[0], "s2": sh[1], "s3": sh[2], "e1": e[0], "e2": e[1], "e3": e[2], "sum": s,
            "q1": out[0], "q2": out[1], "q3": out[2], "answer": out}
