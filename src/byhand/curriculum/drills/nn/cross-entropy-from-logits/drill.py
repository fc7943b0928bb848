"""Cross-entropy loss of three logits and a target class: log Σ e^z − z_target."""

import math


def generate(rng):
    z = [int(v) for v in rng.choice(range(-2, 4), size=3, replace=False)]
    return {"z1": z[0], "z2": z[1], "z3": z[2], "y": int(rng.integers(1, 4))}


def solve(p):
    z = [p["z1"], p["z2"], p["z3"]]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    s = sum(e)
    lse = m + math.log(s)
    zy = z[p["y"] - 1]
    loss = lse - zy
    return {"m": m, "e1": e[0], "e2": e[1], "e3": e[2], "sum": s, "logsum": math.log(s), "lse": lse,
            "zy": zy, "prob": math.exp(-loss), "answer": loss}
