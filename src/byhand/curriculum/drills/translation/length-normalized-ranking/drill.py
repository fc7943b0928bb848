"""Length normalization of beam-search hypotheses: score = log p(y | x) / |y|^α."""

import math


def generate(rng):
    while True:
        alpha = float(rng.choice([0.5, 1.0]))
        la, lb = sorted(int(v) for v in rng.choice([4, 9, 16, 25], size=2, replace=False))
        pa = -int(rng.integers(20, 80)) / 10          # the short hypothesis: fewer negative terms
        pb = -int(rng.integers(40, 160)) / 10
        if pa > pb and abs(pa / la**alpha - pb / lb**alpha) > 0.01:
            return {"alpha": alpha, "la": la, "lb": lb, "pa": pa, "pb": pb}


def solve(p):
    a = p["alpha"]
    da, db = p["la"] ** a, p["lb"] ** a
    sa, sb = p["pa"] / da, p["pb"] / db
    winner = "A" if sa > sb else "B"
    return {"da": da, "db": db, "sa": sa, "sb": sb, "winner": winner,
            "pow_a": f"√{p['la']}" if a == 0.5 else "|A|", "pow_b": f"√{p['lb']}" if a == 0.5 else "|B|",
            "answer": [sa, sb]}
