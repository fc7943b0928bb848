"""Is B's gain over A beyond seed noise?  Five seeds each: t = (b̄ − ā)/√(s_A²/5 + s_B²/5),
compared with the two-sided 5% quantile of t(8), 2.306."""

import math

T_CRIT = 2.306  # t(8), two-sided 5%


def _stats(xs):
    m = sum(xs) / len(xs)
    return m, math.sqrt(sum((x - m) ** 2 for x in xs) / (len(xs) - 1))


def generate(rng):
    while True:
        base = float(rng.integers(70, 90))
        spread = float(rng.choice([0.3, 0.5, 0.8, 1.2]))
        gap = float(rng.choice([0.4, 0.6, 0.8, 1.0, 1.5, 2.0]))
        a = [round(base + spread * float(rng.standard_normal()), 1) for _ in range(5)]
        b = [round(base + gap + spread * float(rng.standard_normal()), 1) for _ in range(5)]
        w = solve({**{f"a{i + 1}": a[i] for i in range(5)}, **{f"b{i + 1}": b[i] for i in range(5)}})
        if w["gap"] > 0 and abs(w["t"] - T_CRIT) > 0.4 and max(b) > max(a):
            return {**{f"a{i + 1}": a[i] for i in range(5)}, **{f"b{i + 1}": b[i] for i in range(5)}}


def solve(p):
    ma, sa = _stats([p[f"a{i}"] for i in range(1, 6)])
    mb, sb = _stats([p[f"b{i}"] for i in range(1, 6)])
    se = math.sqrt(sa ** 2 / 5 + sb ** 2 / 5)
    t = (mb - ma) / se
    return {"ma": ma, "mb": mb, "sa": sa, "sb": sb, "gap": mb - ma, "se": se, "t": t,
            "cmp": ">" if t > T_CRIT else "<", "answer": "a" if t > T_CRIT else "b"}
