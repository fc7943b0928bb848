"""∂f/∂x and ∂f/∂y of f(x, y) = a x² y + b x y² + c y at a point."""

from byhand.content.authoring import poly


def generate(rng):
    while True:
        a, b, c = (int(v) for v in rng.integers(-3, 4, size=3))
        x, y = (int(v) for v in rng.integers(-2, 3, size=2))
        if a and b and c and x and y:
            return {"a": a, "b": b, "c": c, "x": x, "y": y,
                    "f": poly([(a, "x²y"), (b, "xy²"), (c, "y")])}


def solve(p):
    a, b, c, x, y = p["a"], p["b"], p["c"], p["x"], p["y"]
    fx = 2 * a * x * y + b * y * y
    fy = a * x * x + 2 * b * x * y + c
    return {"fx_expr": poly([(2 * a, "xy"), (b, "y²")]), "fy_expr": poly([(a, "x²"), (2 * b, "xy"), (c, "")]),
            "a2": 2 * a, "b2": 2 * b, "fx": fx, "fy": fy, "answer": [fx, fy]}
