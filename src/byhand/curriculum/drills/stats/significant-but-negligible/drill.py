"""Significance and size are different questions: z = Δ/(σ√(2/n)) grows with √n, Cohen's
d = Δ/σ does not.  Three kinds of table: significant and sizeable (d ≥ 0.5), significant but
negligible (d < 0.2, a huge n), not significant."""

import math

REGIMES = [([20000, 50000, 100000], [0.03, 0.05, 0.08]), ([40, 60, 100], [0.6, 0.8, 1.0]),
           ([10, 16, 20], [0.2, 0.3, 0.4])]


def generate(rng):
    while True:
        ns, ds = REGIMES[int(rng.integers(0, 3))]
        sigma = float(rng.choice([8, 10, 12]))
        p = {"n": int(rng.choice(ns)), "sigma": sigma, "ma": round(float(rng.uniform(20, 40)), 1)}
        p["mb"] = round(p["ma"] + float(rng.choice(ds)) * sigma, 1)
        w = solve(p)
        if abs(w["z"] - 1.96) > 0.3 and (w["z"] < 1.96 or w["d"] >= 0.5 or w["d"] < 0.2):
            return p


def solve(p):
    diff = round(p["mb"] - p["ma"], 1)
    se = p["sigma"] * math.sqrt(2 / p["n"])
    z, d = diff / se, diff / p["sigma"]
    answer = "c" if z < 1.96 else "a" if d >= 0.5 else "b"
    return {"diff": diff, "se": se, "z": z, "d": d, "zcmp": ">" if z > 1.96 else "<", "answer": answer}
