"""The first Adam step: after bias correction m̂ = g and v̂ = g², so every parameter moves by ≈ lr."""

import math


def generate(rng):
    small = int(rng.choice([-9, -7, -5, -3, -2, -1, 1, 2, 3, 5, 7, 9])) / 10
    big = int(rng.choice([-20, -12, -8, -5, -3, 3, 5, 8, 12, 20]))
    w1, w2 = (int(v) / 10 for v in rng.integers(-20, 21, size=2))
    return {"w1": w1, "w2": w2, "g1": small, "g2": float(big), "lr": float(rng.choice([0.1, 0.01, 0.001]))}


def solve(p):
    eps = 1e-8
    out = {}
    for i in (1, 2):
        g = p[f"g{i}"]
        m = 0.1 * g
        v = 0.001 * g * g
        mh = m / (1 - 0.9)
        vh = v / (1 - 0.999)
        step = p["lr"] * mh / (math.sqrt(vh) + eps)
        out.update({f"m{i}": m, f"v{i}": v, f"mh{i}": mh, f"vh{i}": vh, f"s{i}": step,
                    f"new{i}": p[f"w{i}"] - step})
    out["answer"] = [out["new1"], out["new2"]]
    return out
