"""KL(P ‖ Q) in nats between two biased coins, and its asymmetry."""

import math


def _kl(p, q):
    return p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))


def generate(rng):
    p, q = (int(v) / 10 for v in rng.choice(range(1, 10), size=2, replace=False))
    return {"p": p, "q": q}


def solve(p):
    a, b = p["p"], p["q"]
    t1 = a * math.log(a / b)
    t2 = (1 - a) * math.log((1 - a) / (1 - b))
    return {"a1": 1 - a, "b1": 1 - b, "l1": math.log(a / b), "l2": math.log((1 - a) / (1 - b)),
            "t1": t1, "t2": t2, "rev": _kl(b, a), "answer": t1 + t2}
