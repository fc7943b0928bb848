"""P(K = k) = e^(−λ) λᵏ / k! for K ~ Poisson(λ)."""

import math


def generate(rng):
    lam = float(rng.choice([0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0]))
    return {"lam": lam, "k": int(rng.integers(0, 5))}


def solve(p):
    lam, k = p["lam"], p["k"]
    e = math.exp(-lam)
    lk = lam**k
    fact = math.factorial(k)
    return {"e": e, "lk": lk, "fact": fact, "answer": e * lk / fact,
            "cdf": sum(e * lam**j / math.factorial(j) for j in range(k + 1))}
