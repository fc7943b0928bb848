"""Eigenvalues of a symmetric 2x2 matrix from the characteristic polynomial."""

import math


def generate(rng):
    a, b, d = (int(v) for v in rng.integers(-5, 6, size=3))
    return {"a": a, "b": b, "d": d}


def solve(p):
    a, b, d = p["a"], p["b"], p["d"]
    tr = a + d
    det = a * d - b * b
    disc = tr * tr - 4 * det  # = (a - d)^2 + 4 b^2 >= 0 for a symmetric matrix
    root = math.sqrt(disc)
    l1, l2 = (tr + root) / 2, (tr - root) / 2
    return {"tr": tr, "det": det, "disc": disc, "l1": l1, "l2": l2, "answer": [l1, l2]}
