"""A density c·xᵏ on [0, b]: c from ∫ f = 1, then E[X] = ∫ x f(x) dx."""

from fractions import Fraction


def generate(rng):
    return {"k": int(rng.integers(2, 4)), "b": int(rng.integers(1, 4))}


def solve(p):
    k, b = p["k"], p["b"]
    area = Fraction(b ** (k + 1), k + 1)          # ∫₀ᵇ xᵏ dx
    c = 1 / area
    moment = Fraction(b ** (k + 2), k + 2)        # ∫₀ᵇ xᵏ⁺¹ dx
    mean = c * moment
    return {"k1": k + 1, "k2": k + 2, "bk1": b ** (k + 1), "bk2": b ** (k + 2), "area": area, "c": c,
            "moment": moment, "mean": mean, "c_p": f"({c})" if c.denominator != 1 else str(c),
            "area_p": f"({area})" if area.denominator != 1 else str(area),
            "answer": [float(c), float(mean)]}
