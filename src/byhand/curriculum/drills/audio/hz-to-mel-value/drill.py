"""Hz to mel (HTK formula): m = 2595·log10(1 + f/700)."""

import math


def generate(rng):
    return {"f": int(rng.integers(10, 801)) * 10}


def solve(p):
    ratio = p["f"] / 700
    inner = 1 + ratio
    lg = math.log10(inner)
    return {"ratio": ratio, "inner": inner, "lg": lg, "answer": 2595 * lg}
