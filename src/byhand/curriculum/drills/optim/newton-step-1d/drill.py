"""One Newton step for minimizing f(x) = x⁴/4 + (c/2)x² + dx: x₁ = x₀ − f′(x₀)/f″(x₀)."""

from fractions import Fraction

from byhand.content.authoring import num


def _f_text(c, d):
    half = Fraction(c, 2)
    quad = "x²" if half == 1 else (f"{half}x²" if half.denominator == 1 else f"({half})x²")
    lin = "" if d == 0 else (" − " if d < 0 else " + ") + ("x" if abs(d) == 1 else f"{abs(d)}x")
    return f"x⁴/4 + {quad}{lin}"


def generate(rng):
    while True:
        c, d, x0 = int(rng.integers(1, 4)), int(rng.integers(-4, 5)), int(rng.choice([-2, -1, 1, 2]))
        if x0**3 + c * x0 + d != 0:
            return {"c": c, "d": d, "x0": x0, "f": _f_text(c, d)}


def solve(p):
    c, d, x0 = p["c"], p["d"], p["x0"]
    g = x0**3 + c * x0 + d
    h = 3 * x0 * x0 + c
    x1 = x0 - Fraction(g, h)
    return {"fp": "x³" + (f" + {c}x" if c != 1 else " + x") + ("" if d == 0 else f" {'−' if d < 0 else '+'} {abs(d)}"),
            "fpp": f"3x² + {c}", "g": g, "h": h, "ratio": Fraction(g, h), "ratio_p": num(Fraction(g, h), paren=True),
            "x1": x1, "gd": -d, "answer": float(x1)}
