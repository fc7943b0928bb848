"""d/dx (a x² + b x + c)^n at a point, by the chain rule."""

from byhand.content.authoring import poly


def generate(rng):
    while True:
        a = int(rng.integers(1, 4))
        b, c = (int(v) for v in rng.integers(-3, 4, size=2))
        n = int(rng.choice([2, 3]))
        x = int(rng.integers(-2, 3))
        u = a * x * x + b * x + c
        du = 2 * a * x + b
        if x != 0 and u != 0 and du != 0 and abs(u) <= 12:
            return {"a": a, "b": b, "c": c, "n": n, "x": x,
                    "inner": poly([(a, "x²"), (b, "x"), (c, "")])}


def solve(p):
    a, b, c, n, x = p["a"], p["b"], p["c"], p["n"], p["x"]
    u = a * x * x + b * x + c
    du = 2 * a * x + b
    outer = n * u ** (n - 1)
    return {"dinner": poly([(2 * a, "x"), (b, "")]), "u": u, "du": du, "n1": n - 1, "outer": outer, "a2": 2 * a, "answer": outer * du}
