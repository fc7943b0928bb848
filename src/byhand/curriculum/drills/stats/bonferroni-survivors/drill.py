"""Bonferroni: m tests at family-wise level α are each tested at α/m; count the p-values at or
below it (and, for contrast, those below α uncorrected)."""

from fractions import Fraction

PS = [0.0002, 0.0004, 0.0009, 0.0015, 0.002, 0.003, 0.004, 0.006, 0.008, 0.011, 0.014, 0.018, 0.022,
      0.027, 0.033, 0.041, 0.048, 0.07, 0.12, 0.2, 0.31, 0.45, 0.6, 0.83]


def generate(rng):
    m = int(rng.choice([6, 8, 10, 12]))
    ps = [float(x) for x in rng.choice(PS, size=m, replace=False)]
    return {"m": m, "alpha": float(rng.choice([0.05, 0.1])), "ps": ps, "plist": ", ".join(f"{x:g}" for x in ps)}


def solve(p):
    thr = p["alpha"] / p["m"]
    kept = sorted(x for x in p["ps"] if x <= thr)
    return {"thr": thr, "frac": Fraction(str(p["alpha"])) / p["m"], "n_raw": sum(x < p["alpha"] for x in p["ps"]),
            "kept": ", ".join(f"{x:g}" for x in kept) or "—", "answer": len(kept)}
