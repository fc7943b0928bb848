"""Angle between two 3-D vectors from the dot product: cos θ = u·v / (‖u‖ ‖v‖)."""

import math


def generate(rng):
    while True:
        u = [int(v) for v in rng.integers(-4, 5, size=3)]
        v = [int(w) for w in rng.integers(-4, 5, size=3)]
        cross = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
        if any(u) and any(v) and any(cross):  # nonzero and not parallel
            return {"u1": u[0], "u2": u[1], "u3": u[2], "v1": v[0], "v2": v[1], "v3": v[2]}


def solve(p):
    u = [p["u1"], p["u2"], p["u3"]]
    v = [p["v1"], p["v2"], p["v3"]]
    dot = sum(a * b for a, b in zip(u, v))
    uu = sum(a * a for a in u)
    vv = sum(b * b for b in v)
    nu, nv = math.sqrt(uu), math.sqrt(vv)
    cos = dot / (nu * nv)
    return {"dot": dot, "uu": uu, "vv": vv, "nu": nu, "nv": nv, "cos": cos,
            "answer": math.degrees(math.acos(cos))}
