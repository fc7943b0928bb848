"""Is the planned comparison able to see the expected gain?  Normal approximation: the gap of
two means of n seeds has SE = σ√(2/n); a two-sided 5% test has 80% power for gains of at
least (1.96 + 0.84)·SE, and power Φ(δ/SE − 1.96) for a gain δ."""

import math


def generate(rng):
    while True:
        p = {"sigma": float(rng.choice([0.5, 0.8, 1.0, 1.5])), "n": int(rng.choice([3, 5, 10, 20])),
             "delta": float(rng.choice([0.3, 0.5, 1.0, 1.5, 2.0]))}
        if not 0.8 < p["delta"] / solve(p)["mde"] < 1.2:
            return p


def solve(p):
    se = p["sigma"] * math.sqrt(2 / p["n"])
    mde = 2.8 * se
    power = 0.5 * (1 + math.erf((p["delta"] / se - 1.96) / math.sqrt(2)))
    n80 = math.ceil(2 * (2.8 * p["sigma"] / p["delta"]) ** 2)
    return {"se": se, "mde": mde, "power": 100 * power, "n80": n80, "miss": 100 - 100 * power, "ratio": p["delta"] / se,
            "cmp": "≥" if p["delta"] >= mde else "<", "answer": "a" if p["delta"] >= mde else "b"}
