"""P(K = k) for K ~ Binomial(n, p): C(n, k) p^k (1 − p)^(n − k)."""

import math


def generate(rng):
    while True:
        n = int(rng.integers(3, 9))
        k = int(rng.integers(0, n + 1))
        p = int(rng.integers(1, 10)) / 10
        if math.comb(n, k) * p**k * (1 - p) ** (n - k) >= 0.02:  # not a near-zero tail value
            return {"n": n, "k": k, "p": p}


def solve(p):
    n, k, q = p["n"], p["k"], p["p"]
    comb = math.comb(n, k)
    pk = q**k
    rest = (1 - q) ** (n - k)
    return {"comb": comb, "nk": n - k, "q1": 1 - q, "pk": pk, "rest": rest, "mean": n * q,
            "answer": comb * pk * rest}
