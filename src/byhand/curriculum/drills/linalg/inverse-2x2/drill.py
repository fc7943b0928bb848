"""Inverse of a 2x2 matrix: swap the diagonal, negate the off-diagonal, divide by the determinant."""

from fractions import Fraction


def generate(rng):
    while True:
        a, b, c, d = (int(v) for v in rng.integers(-5, 6, size=4))
        det = a * d - b * c
        if det != 0 and abs(det) != 1 and b and c:  # invertible, and not trivially integer
            return {"a": a, "b": b, "c": c, "d": d}


def solve(p):
    a, b, c, d = p["a"], p["b"], p["c"], p["d"]
    det = a * d - b * c
    inv = [d / det, -b / det, -c / det, a / det]
    fracs = [Fraction(d, det), Fraction(-b, det), Fraction(-c, det), Fraction(a, det)]
    return {"det": det, "nb": -b, "nc": -c, "i11": inv[0], "i12": inv[1], "i21": inv[2], "i22": inv[3],
            "f11": fracs[0], "f12": fracs[1], "f21": fracs[2], "f22": fracs[3], "answer": inv}
