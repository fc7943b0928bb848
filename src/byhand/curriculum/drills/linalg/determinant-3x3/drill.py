"""Determinant of a 3x3 integer matrix by cofactor expansion along the first row."""

KEYS = "abcdefghi"


def generate(rng):
    while True:
        p = {k: int(v) for k, v in zip(KEYS, rng.integers(-3, 4, size=9))}
        if p["a"] and p["b"] and p["c"] and _terms(p)[-1] != 0:  # every cofactor used; not singular
            return p


def _terms(p):
    a, b, c, d, e, f, g, h, i = (p[k] for k in KEYS)
    m11, m12, m13 = e * i - f * h, d * i - f * g, d * h - e * g
    return m11, m12, m13, a * m11 - b * m12 + c * m13


def solve(p):
    m11, m12, m13, det = _terms(p)
    return {"m11": m11, "m12": m12, "m13": m13, "t1": p["a"] * m11, "t2": p["b"] * m12,
            "t3": p["c"] * m13, "answer": det}
