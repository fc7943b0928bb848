"""Coefficients of b in the span of two vectors of R²: solve c₁v₁ + c₂v₂ = b by Cramer's rule."""


def generate(rng):
    while True:
        p1, p2, q1, q2 = (int(v) for v in rng.integers(-3, 4, size=4))
        det = p1 * q2 - q1 * p2
        c1, c2 = (int(v) for v in rng.choice([-3, -2, -1, 1, 2, 3], size=2))
        if det != 0 and abs(det) <= 6:
            return {"p1": p1, "p2": p2, "q1": q1, "q2": q2,
                    "b1": c1 * p1 + c2 * q1, "b2": c1 * p2 + c2 * q2}


def solve(p):
    p1, p2, q1, q2, b1, b2 = p["p1"], p["p2"], p["q1"], p["q2"], p["b1"], p["b2"]
    det = p1 * q2 - q1 * p2
    n1 = b1 * q2 - q1 * b2
    n2 = p1 * b2 - b1 * p2
    c1, c2 = n1 // det, n2 // det
    return {"det": det, "n1": n1, "n2": n2, "c1": c1, "c2": c2, "answer": [c1, c2]}
