"""Cosine learning-rate schedule after a linear warmup, at a step where cos is a known value."""

import math

FRACS = [(1, 6), (1, 4), (1, 3), (1, 2), (2, 3), (3, 4), (5, 6)]


def generate(rng):
    warm = int(rng.choice([0, 100, 500, 1000]))
    span = int(rng.choice([1200, 2400, 6000, 12000]))
    num, den = FRACS[int(rng.integers(len(FRACS)))]
    base = float(rng.choice([1e-3, 3e-4, 6e-4, 2e-3]))
    min_lr = float(rng.choice([0.0, 1e-5, 1e-4]))
    return {"warm": warm, "total": warm + span, "t": warm + span * num // den, "base": base, "min_lr": min_lr}


def solve(p):
    warm, total, t, base, min_lr = p["warm"], p["total"], p["t"], p["base"], p["min_lr"]
    prog = (t - warm) / (total - warm)
    cos = math.cos(math.pi * prog)
    factor = 0.5 * (1 + cos)
    lr = min_lr + (base - min_lr) * factor
    return {"done": t - warm, "span": total - warm, "prog": prog, "deg": 180 * prog, "cos": cos + 0.0, "factor": factor,
            "diff": base - min_lr, "answer": lr}
