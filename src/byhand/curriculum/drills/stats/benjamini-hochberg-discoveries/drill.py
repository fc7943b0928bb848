"""Benjamini–Hochberg at level q: sort the m p-values, find the largest rank k with
p₍ₖ₎ ≤ k·q/m, and reject the k smallest (a step-up rule: an earlier rank may miss its own
threshold and still be rejected)."""

from fractions import Fraction

SMALL = [0.0005, 0.001, 0.002, 0.004, 0.006, 0.008, 0.01, 0.012, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04]
LARGE = [0.06, 0.08, 0.11, 0.15, 0.2, 0.27, 0.35, 0.42, 0.51, 0.64, 0.78, 0.9]


def generate(rng):
    m = 8
    q = float(rng.choice([0.05, 0.1]))
    n_small = int(rng.integers(1, 7))
    ps = sorted([float(x) for x in rng.choice(SMALL, size=n_small, replace=False)] +
                [float(x) for x in rng.choice(LARGE, size=m - n_small, replace=False)])
    order = [int(i) for i in rng.permutation(m)]
    return {"m": m, "q": q, **{f"p{i + 1}": ps[order[i]] for i in range(m)}}


def solve(p):
    m, q = p["m"], p["q"]
    ps = sorted(p[f"p{i + 1}"] for i in range(m))
    k = max((i + 1 for i in range(m) if ps[i] <= (i + 1) * q / m), default=0)
    rows = "\n".join(f"    {i + 1}   {ps[i]:<7g} {(i + 1) * q / m:<8.5g} {'≤' if ps[i] <= (i + 1) * q / m else '>'}"
                     for i in range(m))
    return {"sorted": ", ".join(f"{x:g}" for x in ps), "rows": rows, "k": k, "bonf": q / m,
            "n_bonf": sum(x <= q / m for x in ps), "step": Fraction(str(q)) / m, "answer": k}
