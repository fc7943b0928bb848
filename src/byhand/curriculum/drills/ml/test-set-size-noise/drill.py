"""Two accuracies on one test set of n examples: is the gap beyond the test set's sampling noise?
Approximation from the accuracies alone: SE(p_B − p_A) ≈ √(p_A(1 − p_A)/n + p_B(1 − p_B)/n)."""

import math


def generate(rng):
    while True:
        n = int(rng.choice([200, 500, 1000, 2000, 5000, 10000]))
        pa = round(float(rng.uniform(70, 92)), 1)
        gap = float(rng.choice([0.3, 0.5, 0.8, 1.2, 2.0, 3.0, 4.0]))
        p = {"n": n, "pa": pa, "pb": round(pa + gap, 1)}
        if abs(solve(p)["z"] - 1.96) > 0.4:
            return p


def solve(p):
    a, b = p["pa"] / 100, p["pb"] / 100
    va, vb = a * (1 - a) / p["n"], b * (1 - b) / p["n"]
    se = 100 * math.sqrt(va + vb)
    gap = p["pb"] - p["pa"]
    z = gap / se
    return {"va": 1e4 * va, "vb": 1e4 * vb, "se": se, "gap": gap, "z": z, "half": 1.96 * se,
            "cmp": ">" if z > 1.96 else "<", "answer": "a" if z > 1.96 else "b"}
