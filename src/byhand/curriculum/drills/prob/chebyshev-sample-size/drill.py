"""The weak law of large numbers with a guarantee: Chebyshev gives P(|X̄ − μ| ≥ ε) ≤ σ²/(nε²)."""

import math
from fractions import Fraction


def generate(rng):
    while True:
        var = float(rng.choice([0.25, 1.0, 2.0, 4.0, 9.0]))
        eps = float(rng.choice([0.1, 0.2, 0.5, 1.0]))
        delta = float(rng.choice([0.01, 0.05, 0.1]))
        n = Fraction(var) / (Fraction(str(eps)) ** 2 * Fraction(str(delta)))
        if 10 <= n <= 100000:
            return {"var": var, "eps": eps, "delta": delta}


def solve(p):
    var, eps, delta = Fraction(p["var"]), Fraction(str(p["eps"])), Fraction(str(p["delta"]))
    eps2 = eps * eps
    bound = var / (eps2 * delta)
    n = math.ceil(bound)
    return {"eps2": float(eps2), "denom": float(eps2 * delta), "bound": float(bound), "n": n,
            "sd": math.sqrt(p["var"]), "check": float(var / (n * eps2)), "answer": n}
