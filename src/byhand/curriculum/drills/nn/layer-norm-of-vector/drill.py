"""Layer normalization of a 4-vector (biased variance, ε ignored), then scale γ and shift β."""

import math

from byhand.content.authoring import num


def generate(rng):
    while True:
        x = [int(v) for v in rng.integers(-4, 9, size=4)]
        if len(set(x)) >= 2:
            return {"x1": x[0], "x2": x[1], "x3": x[2], "x4": x[3],
                    "gamma": float(rng.choice([1.0, 2.0, 0.5])), "beta": float(rng.choice([0.0, 1.0, -1.0]))}


def solve(p):
    x = [p[f"x{i}"] for i in range(1, 5)]
    mu = sum(x) / 4
    c = [v - mu for v in x]
    var = sum(v * v for v in c) / 4
    sd = math.sqrt(var)
    zs = [v / sd for v in c]
    ys = [p["gamma"] * z + p["beta"] for z in zs]
    return {"total": sum(x), "mu": mu, "c": ", ".join(num(v, "g") for v in c),
            "csq": " + ".join(f"{num(v, 'g', paren=True)}²" for v in c), "var": var, "sd": sd,
            "z": ", ".join(num(v, ".4f") for v in zs), "y": ", ".join(num(v, ".3f") for v in ys), "answer": ys}
