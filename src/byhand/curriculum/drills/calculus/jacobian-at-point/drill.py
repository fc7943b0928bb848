"""The Jacobian of f(x, y) = (a·x²y + b·y, c·x + d·xy²) at a point: the matrix of partial derivatives."""

from byhand.content.authoring import poly


def generate(rng):
    a, b, c, d = (int(v) for v in rng.choice([-3, -2, -1, 1, 2, 3], size=4))
    x, y = (int(v) for v in rng.choice([-2, -1, 1, 2], size=2))
    return {"a": a, "b": b, "c": c, "d": d, "x": x, "y": y,
            "f1": poly([(a, "x²y"), (b, "y")]), "f2": poly([(c, "x"), (d, "xy²")])}


def solve(p):
    a, b, c, d, x, y = p["a"], p["b"], p["c"], p["d"], p["x"], p["y"]
    j11, j12, j21, j22 = 2 * a * x * y, a * x * x + b, c + d * y * y, 2 * d * x * y
    return {"d11": poly([(2 * a, "xy")]), "d12": poly([(a, "x²"), (b, "")]),
            "d21": poly([(c, ""), (d, "y²")]), "d22": poly([(2 * d, "xy")]),
            "a2": 2 * a, "d2": 2 * d, "j11": j11, "j12": j12, "j21": j21, "j22": j22,
            "answer": [j11, j12, j21, j22]}
