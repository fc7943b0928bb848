"""P(A ∪ B) = P(A) + P(B) − P(A ∩ B), and P(neither) = 1 − P(A ∪ B), from the axioms."""

from fractions import Fraction


def generate(rng):
    while True:
        ab = int(rng.integers(1, 30))
        a = ab + int(rng.integers(0, 50))
        b = ab + int(rng.integers(0, 50))
        if a + b - ab <= 95 and a != ab and b != ab:
            return {"pa": a / 100, "pb": b / 100, "pab": ab / 100}


def solve(p):
    a, b, ab = (Fraction(round(p[k] * 100), 100) for k in ("pa", "pb", "pab"))
    union = a + b - ab
    neither = 1 - union
    return {"sum": float(a + b), "union": float(union), "neither": float(neither),
            "only_a": float(a - ab), "only_b": float(b - ab), "answer": [float(union), float(neither)]}
