"""Shape of (A B)ᵀ C from the shapes of A, B and C."""


def generate(rng):
    m, n, p, q = (int(v) for v in rng.choice(range(2, 10), size=4, replace=False))
    return {"m": m, "n": n, "p": p, "q": q}


def solve(p):
    return {"answer": (p["p"], p["q"])}
