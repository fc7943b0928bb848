"""Determinant of a 2x2 integer matrix: ad − bc."""


def generate(rng):
    while True:
        a, b, c, d = (int(v) for v in rng.integers(-6, 7, size=4))
        if a * d != 0 and b * c != 0:  # both products matter
            return {"a": a, "b": b, "c": c, "d": d}


def solve(p):
    ad = p["a"] * p["d"]
    bc = p["b"] * p["c"]
    return {"ad": ad, "bc": bc, "size": abs(ad - bc), "answer": ad - bc}
