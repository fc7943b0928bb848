"""The best of m p-values: significant for the family only below the Bonferroni threshold
0.05/m; with m null tests, P(some p < 0.05) = 1 − 0.95^m."""

PS = [0.0004, 0.0008, 0.001, 0.002, 0.003, 0.004, 0.006, 0.008, 0.012, 0.02, 0.03, 0.04]


def generate(rng):
    while True:
        m = int(rng.choice([5, 8, 10, 20, 25, 40, 50]))
        p = float(rng.choice(PS))
        ratio = p / (0.05 / m)
        if not 0.7 < ratio < 1.4:
            return {"m": m, "p": p}


def solve(p):
    m, pv = p["m"], p["p"]
    thr = 0.05 / m
    return {"thr": thr, "fwer": 1 - 0.95 ** m, "expected_false": round(m * 0.05, 2), "mp": min(1.0, m * pv),
            "cmp": "<" if pv < thr else ">", "answer": "a" if pv < thr else "b"}
