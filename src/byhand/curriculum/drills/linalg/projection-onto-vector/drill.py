"""Orthogonal projection of b onto the line spanned by a: p = (a·b / a·a) a."""


def generate(rng):
    while True:
        a1, a2, b1, b2 = (int(v) for v in rng.integers(-5, 6, size=4))
        dot = a1 * b1 + a2 * b2
        if (a1 or a2) and dot != 0 and a1 * b2 - a2 * b1 != 0:  # not orthogonal, not parallel
            return {"a1": a1, "a2": a2, "b1": b1, "b2": b2}


def solve(p):
    a1, a2, b1, b2 = p["a1"], p["a2"], p["b1"], p["b2"]
    ab = a1 * b1 + a2 * b2
    aa = a1 * a1 + a2 * a2
    c = ab / aa
    p1, p2 = c * a1, c * a2
    r1, r2 = b1 - p1, b2 - p2
    return {"ab": ab, "aa": aa, "c": c, "p1": p1, "p2": p2, "r1": r1, "r2": r2,
            "check": round(a1 * r1 + a2 * r2, 9) + 0.0, "answer": [p1, p2]}
