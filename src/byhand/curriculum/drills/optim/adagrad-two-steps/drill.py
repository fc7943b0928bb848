"""Two Adagrad steps on one parameter: G accumulates g², the step is η·g/√G."""

import math

PAIRS = [(3, 4), (4, 3), (6, 8), (8, 6), (5, 12), (12, 5), (8, 15), (15, 8)]


def generate(rng):
    g1, g2 = PAIRS[int(rng.integers(len(PAIRS)))]
    s1, s2 = (int(v) for v in rng.choice([-1, 1], size=2))
    return {"w0": int(rng.integers(-20, 21)) / 10, "g1": s1 * g1, "g2": s2 * g2,
            "lr": float(rng.choice([0.1, 0.5, 1.0]))}


def solve(p):
    g1, g2, lr = p["g1"], p["g2"], p["lr"]
    G1 = g1 * g1
    G2 = G1 + g2 * g2
    r1, r2 = math.isqrt(G1), math.isqrt(G2)
    s1, s2 = lr * g1 / r1, lr * g2 / r2
    w1 = p["w0"] - s1
    w2 = w1 - s2
    return {"G1": G1, "G2": G2, "sq2": g2 * g2, "r1": r1, "r2": r2, "s1": s1, "s2": s2, "w1": w1, "w2": w2,
            "answer": [w1, w2]}
