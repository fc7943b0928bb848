"""Directional derivative D_u f = ∇f · u along a unit vector with a Pythagorean length."""

from byhand.content.authoring import poly

TRIPLES = [(3, 4, 5), (4, 3, 5), (5, 12, 13), (12, 5, 13), (8, 6, 10), (6, 8, 10)]


def generate(rng):
    while True:
        a, b, c = (int(v) for v in rng.integers(-3, 4, size=3))
        x, y = (int(v) for v in rng.integers(-2, 3, size=2))
        ux, uy, n = TRIPLES[int(rng.integers(len(TRIPLES)))]
        sx, sy = (int(v) for v in rng.choice([-1, 1], size=2))
        fx, fy = 2 * a * x + b * y, b * x + 2 * c * y
        if (a or b or c) and (fx or fy) and (sx * ux * fx + sy * uy * fy) != 0:
            return {"a": a, "b": b, "c": c, "x": x, "y": y, "ux": sx * ux, "uy": sy * uy, "n": n,
                    "f": poly([(a, "x²"), (b, "xy"), (c, "y²")])}


def solve(p):
    a, b, c, x, y, ux, uy, n = (p[k] for k in ("a", "b", "c", "x", "y", "ux", "uy", "n"))
    fx, fy = 2 * a * x + b * y, b * x + 2 * c * y
    num = fx * ux + fy * uy
    return {"fx_expr": poly([(2 * a, "x"), (b, "y")]), "fy_expr": poly([(b, "x"), (2 * c, "y")]), "a2": 2 * a, "c2": 2 * c, "fx": fx, "fy": fy, "num": num, "answer": num / n}
