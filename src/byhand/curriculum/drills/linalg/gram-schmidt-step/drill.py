"""One Gram–Schmidt step: u₂ = v₂ − (v₂·v₁ / v₁·v₁)·v₁ is orthogonal to v₁."""

from fractions import Fraction

from byhand.content.authoring import num


def generate(rng):
    while True:
        v1 = tuple(int(v) for v in rng.integers(-2, 3, size=3))
        v2 = tuple(int(v) for v in rng.integers(-3, 4, size=3))
        dot = sum(a * b for a, b in zip(v1, v2))
        cross = (v1[1] * v2[2] - v1[2] * v2[1], v1[2] * v2[0] - v1[0] * v2[2], v1[0] * v2[1] - v1[1] * v2[0])
        if any(v1) and dot != 0 and any(cross):
            return {"v1": v1, "v2": v2}


def _par(x):
    """A fraction or a negative number in parentheses after ·."""
    return f"({num(x)})" if x < 0 or x.denominator != 1 else num(x)


def solve(p):
    v1, v2 = p["v1"], p["v2"]
    dot = sum(a * b for a, b in zip(v1, v2))
    nn = sum(a * a for a in v1)
    c = Fraction(dot, nn)
    u = [Fraction(b) - c * a for a, b in zip(v1, v2)]
    check = " + ".join(f"{num(a, paren=k > 0)}·{_par(x)}" for k, (a, x) in enumerate(zip(v1, u)))
    return {"dot": dot, "nn": nn, "c": c, "cp": _par(c),
            "u": tuple(u), "udec": "(" + ", ".join(num(float(x), ".3f") for x in u) + ")", "check": check, "answer": [float(x) for x in u]}
