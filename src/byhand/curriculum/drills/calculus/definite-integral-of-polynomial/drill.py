"""∫ₐᵇ (c₂x² + c₁x + c₀) dx = F(b) − F(a) with the antiderivative F(x) = c₂x³/3 + c₁x²/2 + c₀x."""

from fractions import Fraction

from byhand.content.authoring import num, poly


def generate(rng):
    while True:
        c2, c1, c0 = (int(v) for v in rng.integers(-3, 4, size=3))
        a, b = sorted(int(v) for v in rng.choice([-2, -1, 0, 1, 2, 3], size=2, replace=False))
        if c2 != 0:
            return {"c2": c2, "c1": c1, "c0": c0, "a": a, "b": b,
                    "f": poly([(c2, "x²"), (c1, "x"), (c0, "")])}


def _terms(terms):
    """'(2/3)x³ − (1/2)x² + 4x': like poly, with a fractional coefficient in parentheses."""
    out = ""
    for coef, mono in terms:
        if coef == 0:
            continue
        mag = abs(Fraction(coef))
        body = mono if mag == 1 else (f"{mag}{mono}" if mag.denominator == 1 else f"({mag}){mono}")
        out += (("−" if coef < 0 else "") if not out else (" − " if coef < 0 else " + ")) + body
    return out or "0"


def _F(p, x):
    return Fraction(p["c2"] * x**3, 3) + Fraction(p["c1"] * x**2, 2) + p["c0"] * x


def solve(p):
    Fb, Fa = _F(p, p["b"]), _F(p, p["a"])
    big_f = _terms([(Fraction(p["c2"], 3), "x³"), (Fraction(p["c1"], 2), "x²"), (p["c0"], "x")])
    value = Fb - Fa
    return {"F": big_f, "Fb": Fb, "Fa": Fa, "value": value, "Fa_p": num(Fa, paren=True), "answer": float(value)}
