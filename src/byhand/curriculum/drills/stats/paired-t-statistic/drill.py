"""Paired t statistic: t = d̄ / (s_d/√n) on the differences after − before."""

import math


def generate(rng):
    while True:
        before = [int(v) for v in rng.integers(60, 90, size=5)]
        diffs = [int(v) for v in rng.integers(-3, 8, size=5)]
        if len(set(diffs)) >= 3 and sum(diffs) != 0:
            p = {f"b{i + 1}": before[i] for i in range(5)}
            p.update({f"a{i + 1}": before[i] + diffs[i] for i in range(5)})
            return p


def solve(p):
    d = [p[f"a{i}"] - p[f"b{i}"] for i in range(1, 6)]
    n = 5
    dbar = sum(d) / n
    ss = sum((x - dbar) ** 2 for x in d)
    sd = math.sqrt(ss / (n - 1))
    se = sd / math.sqrt(n)
    return {"d1": d[0], "d2": d[1], "d3": d[2], "d4": d[3], "d5": d[4], "dsum": sum(d), "dbar": dbar,
            "ss": ss, "var": ss / (n - 1), "sd": sd, "se": se, "answer": dbar / se}
