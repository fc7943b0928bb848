"""95% t confidence interval for a mean: x̄ ± t·s/√n (the t quantile is given)."""

import math

T975 = {4: 3.182, 9: 2.306, 16: 2.131, 25: 2.064, 36: 2.030}  # n -> t_{0.975, n-1}


def generate(rng):
    n = int(rng.choice(list(T975)))
    return {"n": n, "df": n - 1, "t": T975[n], "xbar": int(rng.integers(100, 600)) / 10,
            "s": int(rng.integers(2, 16))}


def solve(p):
    root = math.sqrt(p["n"])
    se = p["s"] / root
    half = p["t"] * se
    return {"root": root, "se": se, "half": half, "lo": p["xbar"] - half, "hi": p["xbar"] + half,
            "answer": [p["xbar"] - half, p["xbar"] + half]}
