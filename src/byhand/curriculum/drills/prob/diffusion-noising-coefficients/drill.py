"""The coefficients of x0 and of the noise in DDPM's closed-form forward process after 2 or 3 steps."""

import math

from byhand.content.authoring import num

BETAS = [0.1, 0.2, 0.3, 0.4, 0.5]


def generate(rng):
    b1, b2, b3 = (float(b) for b in rng.choice(BETAS, size=3))
    return {"t": int(rng.choice([2, 3])), "b1": b1, "b2": b2, "b3": b3}


def solve(p):
    t, betas = p["t"], [p["b1"], p["b2"], p["b3"]]
    alphas = [1 - b for b in betas[:t]]
    alpha_bar = math.prod(alphas)
    return {"tsub": "₁₂₃"[t - 1], "alphas": ", ".join(f"α{'₁₂₃'[i]} = {num(a, '.1f')}" for i, a in enumerate(alphas)),
            "product": "·".join(num(a, ".1f") for a in alphas), "ab": alpha_bar, "rest": 1 - alpha_bar,
            "c0": math.sqrt(alpha_bar), "c1": math.sqrt(1 - alpha_bar),
            "answer": [math.sqrt(alpha_bar), math.sqrt(1 - alpha_bar)]}
