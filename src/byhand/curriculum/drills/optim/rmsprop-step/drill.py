"""One RMSProp step: v ← ρv + (1 − ρ)g², w ← w − η·g/(√v + ε), per parameter."""

import math


def generate(rng):
    v1 = float(rng.choice([2.0, 4.0, 9.0, 16.0]))        # a parameter that has seen large gradients
    g1 = float(rng.choice([-1.0, -0.5, 0.5, 1.0]))
    v2 = float(rng.choice([0.0, 0.01, 0.04]))            # one that has seen small gradients
    g2 = float(rng.choice([-2.0, -1.0, 1.0, 2.0]))
    w1, w2 = (int(v) / 10 for v in rng.integers(-10, 11, size=2))
    return {"w1": w1, "w2": w2, "v1": v1, "v2": v2, "g1": g1, "g2": g2, "lr": float(rng.choice([0.1, 0.01]))}


def solve(p):
    out = {}
    for i in (1, 2):
        g, v = p[f"g{i}"], p[f"v{i}"]
        vn = 0.9 * v + 0.1 * g * g
        root = math.sqrt(vn)
        step = p["lr"] * g / root
        out.update({f"a{i}": 0.9 * v, f"b{i}": 0.1 * g * g, f"vn{i}": vn, f"r{i}": root, f"s{i}": step,
                    f"new{i}": p[f"w{i}"] - step, f"eff{i}": p["lr"] / root})
    out["answer"] = [out["new1"], out["new2"]]
    return out
