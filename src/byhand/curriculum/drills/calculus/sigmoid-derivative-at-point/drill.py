"""σ'(x) = σ(x)(1 − σ(x)) at a one-decimal point."""

import math


def generate(rng):
    return {"x": int(rng.integers(-30, 31)) / 10}


def solve(p):
    x = p["x"]
    e = math.exp(-x)
    s = 1 / (1 + e)
    return {"mx": -x + 0.0, "e": e, "s": s, "one_minus": 1 - s, "answer": s * (1 - s)}
