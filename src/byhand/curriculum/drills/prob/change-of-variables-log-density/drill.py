"""The log-density of y = a·z + b for z ~ N(0, 1), by the change of variables (a may be negative)."""

import math


def generate(rng):
    a = float(rng.choice([-2.0, -0.5, 0.5, 2.0, 4.0]))
    b = float(rng.choice([-1.0, 0.0, 1.0, 2.0]))
    z = float(rng.choice([-1.0, -0.5, 0.5, 1.0, 1.5]))
    return {"a": a, "b": b, "y": a * z + b}


def solve(p):
    a, b, y = p["a"], p["b"], p["y"]
    z = (y - b) / a
    base = -0.5 * z**2 - 0.5 * math.log(2 * math.pi)
    return {"diff": y - b, "z": z, "half_z2": 0.5 * z**2, "base": base, "abs_a": abs(a), "log_abs_a": math.log(abs(a)),
            "answer": base - math.log(abs(a))}
