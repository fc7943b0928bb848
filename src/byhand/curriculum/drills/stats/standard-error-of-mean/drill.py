"""Standard error of the mean, s/√n, and how n must grow to shrink it."""

import math


def generate(rng):
    return {"s": int(rng.integers(2, 31)), "n": int(rng.choice([9, 16, 25, 36, 49, 64, 100, 12, 20, 30, 50]))}


def solve(p):
    root = math.sqrt(p["n"])
    se = p["s"] / root
    return {"root": root, "n4": 4 * p["n"], "half": se / 2, "answer": se}
