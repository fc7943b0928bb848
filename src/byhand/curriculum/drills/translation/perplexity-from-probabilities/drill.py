"""Perplexity of a 4-token sequence: exp of the mean negative log-probability."""

import math


def generate(rng):
    return {f"q{i + 1}": int(v) / 100 for i, v in enumerate(rng.choice([5, 10, 20, 25, 40, 50, 60, 80, 90], size=4))}


def solve(p):
    qs = [p[f"q{i}"] for i in range(1, 5)]
    nll = [-math.log(q) for q in qs]
    mean = sum(nll) / 4
    prod = math.prod(qs)
    return {"n1": nll[0], "n2": nll[1], "n3": nll[2], "n4": nll[3], "total": sum(nll), "mean": mean,
            "prod": prod, "answer": math.exp(mean)}
