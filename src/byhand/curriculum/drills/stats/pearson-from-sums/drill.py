"""Pearson correlation from the five sums n, Σx, Σy, Σx², Σy², Σxy."""

import math


def generate(rng):
    while True:
        xs = [int(v) for v in rng.integers(1, 10, size=5)]
        ys = [int(v) for v in rng.integers(1, 10, size=5)]
        n = 5
        sxx = n * sum(x * x for x in xs) - sum(xs) ** 2
        syy = n * sum(y * y for y in ys) - sum(ys) ** 2
        sxy = n * sum(x * y for x, y in zip(xs, ys)) - sum(xs) * sum(ys)
        if sxx and syy and abs(sxy) >= 0.05 * math.sqrt(sxx * syy):
            return {"n": n, "sx": sum(xs), "sy": sum(ys), "sxx": sum(x * x for x in xs),
                    "syy": sum(y * y for y in ys), "sxy": sum(x * y for x, y in zip(xs, ys))}


def solve(p):
    n = p["n"]
    num = n * p["sxy"] - p["sx"] * p["sy"]
    dx = n * p["sxx"] - p["sx"] ** 2
    dy = n * p["syy"] - p["sy"] ** 2
    den = math.sqrt(dx * dy)
    return {"nsxy": n * p["sxy"], "sxsy": p["sx"] * p["sy"], "num": num, "nsxx": n * p["sxx"],
            "sx2": p["sx"] ** 2, "dx": dx, "nsyy": n * p["syy"], "sy2": p["sy"] ** 2, "dy": dy,
            "prod": dx * dy, "den": den, "answer": num / den}
