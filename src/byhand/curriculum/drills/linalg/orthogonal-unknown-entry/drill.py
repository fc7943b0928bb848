"""The entry k that makes two vectors of R³ orthogonal: u·v = 0 is linear in k."""

from fractions import Fraction


def generate(rng):
    while True:
        u1, u2, v1, v2 = (int(v) for v in rng.integers(-4, 5, size=4))
        v3 = int(rng.choice([-4, -3, -2, -1, 1, 2, 3, 4, 5]))
        if u1 * v1 + u2 * v2 != 0:
            return {"u1": u1, "u2": u2, "v1": v1, "v2": v2, "v3": v3}


def solve(p):
    rest = p["u1"] * p["v1"] + p["u2"] * p["v2"]
    k = Fraction(-rest, p["v3"])
    return {"rest": rest, "neg": -rest, "k": k, "answer": float(k)}
