"""Same five seeds for both models: the per-seed differences d = B − A carry the comparison
(paired t = d̄/(s_d/√5) against t(4)'s 2.776), not the two columns' overlapping ranges."""

import math

T_CRIT = 2.776  # t(4), two-sided 5%


def generate(rng):
    while True:
        base = float(rng.integers(60, 85))
        gap = float(rng.choice([0.3, 0.5, 0.8]))
        noise = float(rng.choice([0.1, 0.2, 0.5, 0.8]))
        shift = [1.5 * float(rng.standard_normal()) for _ in range(5)]  # what a seed does to both models
        a = [round(base + s, 1) for s in shift]
        b = [round(x + gap + noise * float(rng.standard_normal()), 1) for x in a]
        p = {**{f"a{i + 1}": a[i] for i in range(5)}, **{f"b{i + 1}": b[i] for i in range(5)}}
        w = solve(p)
        if w["dbar"] > 0 and w["sd"] > 0 and abs(w["t"] - T_CRIT) > 0.5 and min(b) < max(a):
            return p


def solve(p):
    d = [round(p[f"b{i}"] - p[f"a{i}"], 1) for i in range(1, 6)]
    dbar = sum(d) / 5
    sd = math.sqrt(sum((x - dbar) ** 2 for x in d) / 4)
    se = sd / math.sqrt(5)
    t = dbar / se if se > 0 else 0.0
    return {**{f"d{i + 1}": d[i] for i in range(5)}, "dbar": dbar, "sd": sd, "se": se, "t": t,
            "cmp": ">" if t > T_CRIT else "<", "answer": "a" if t > T_CRIT else "b"}
