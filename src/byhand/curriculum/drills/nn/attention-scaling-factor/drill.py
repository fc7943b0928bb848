"""Why attention divides by √d: the spread of q·k before and after scaling."""

import math


def generate(rng):
    return {"d": int(rng.choice([16, 64, 128, 256, 512])), "vq": int(rng.choice([1, 2, 4])),
            "vk": int(rng.choice([1, 2, 3]))}


def solve(p):
    var = p["d"] * p["vq"] * p["vk"]
    before = math.sqrt(var)
    after = math.sqrt(p["vq"] * p["vk"])
    return {"prodvar": p["vq"] * p["vk"], "var": var, "before": before, "root": math.sqrt(p["d"]),
            "after": after, "answer": [before, after]}
