"""Gradient of f(x) = xᵀ A x for a non-symmetric 2x2 A: ∇f = (A + Aᵀ) x."""

from byhand.content.authoring import poly


def generate(rng):
    while True:
        a, b, c, d = (int(v) for v in rng.integers(-3, 4, size=4))
        x1, x2 = (int(v) for v in rng.integers(-3, 4, size=2))
        if b != c and x1 and x2:  # really non-symmetric, so the trap A x ≠ the answer / 2
            return {"a": a, "b": b, "c": c, "d": d, "x1": x1, "x2": x2}


def solve(p):
    a, b, c, d, x1, x2 = (p[k] for k in ("a", "b", "c", "d", "x1", "x2"))
    s11, s12, s22 = 2 * a, b + c, 2 * d
    g1 = s11 * x1 + s12 * x2
    g2 = s12 * x1 + s22 * x2
    return {"s11": s11, "s12": s12, "s22": s22, "g1": g1, "g2": g2, "answer": [g1, g2],
            "f_expr": poly([(a, "x₁²"), (s12, "x₁x₂"), (d, "x₂²")]),
            "df1": poly([(s11, "x₁"), (s12, "x₂")]), "df2": poly([(s12, "x₁"), (s22, "x₂")])}
