"""Gini impurity 1 − Σ p_k² of a node and the size-weighted impurity of its two children after a split."""

from fractions import Fraction


def generate(rng):
    while True:
        l0, l1, r0, r1 = (int(v) for v in rng.integers(0, 9, size=4))
        if l0 + l1 >= 2 and r0 + r1 >= 2 and (l0 + r0) * (l1 + r1) > 0:
            return {"l0": l0, "l1": l1, "r0": r0, "r1": r1, "n0": l0 + r0, "n1": l1 + r1}


def _gini(a, b):
    n = a + b
    return 1 - Fraction(a, n) ** 2 - Fraction(b, n) ** 2


def solve(p):
    l0, l1, r0, r1 = p["l0"], p["l1"], p["r0"], p["r1"]
    n0, n1 = l0 + r0, l1 + r1
    nl, nr, n = l0 + l1, r0 + r1, l0 + l1 + r0 + r1
    gp, gl, gr = _gini(n0, n1), _gini(l0, l1), _gini(r0, r1)
    weighted = Fraction(nl, n) * gl + Fraction(nr, n) * gr
    return {"n0": n0, "n1": n1, "n": n, "nl": nl, "nr": nr, "gp": float(gp), "gl": float(gl), "gr": float(gr),
            "weighted": float(weighted), "gain": float(gp - weighted), "answer": [float(gp), float(weighted)]}
