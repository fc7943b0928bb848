"""Scaled dot-product attention with one query, two keys and scalar values."""

import math


def generate(rng):
    while True:
        q1, q2, k11, k12, k21, k22 = (int(v) for v in rng.integers(-2, 3, size=6))
        s1, s2 = q1 * k11 + q2 * k12, q1 * k21 + q2 * k22
        if s1 != s2 and (q1 or q2):
            v1, v2 = (int(v) for v in rng.choice(range(-5, 11), size=2, replace=False))
            return {"q1": q1, "q2": q2, "k11": k11, "k12": k12, "k21": k21, "k22": k22, "v1": v1, "v2": v2}


def solve(p):
    s1 = p["q1"] * p["k11"] + p["q2"] * p["k12"]
    s2 = p["q1"] * p["k21"] + p["q2"] * p["k22"]
    r = math.sqrt(2)
    t1, t2 = s1 / r, s2 / r
    m = max(t1, t2)
    e1, e2 = math.exp(t1 - m), math.exp(t2 - m)
    a1, a2 = e1 / (e1 + e2), e2 / (e1 + e2)
    out = a1 * p["v1"] + a2 * p["v2"]
    return {"s1": s1, "s2": s2, "t1": t1, "t2": t2, "diff": t1 - t2, "a1": a1, "a2": a2, "out": out,
            "answer": [a1, a2, out]}
