"""Multiplications of a matrix chain ABC: (AB)C costs pqr + prs, A(BC) costs qrs + pqs."""


def generate(rng):
    while True:
        p, q, r, s = (int(v) for v in rng.choice([2, 5, 10, 20, 50, 100], size=4))
        if p * q * r + p * r * s != q * r * s + p * q * s:
            return {"p": p, "q": q, "r": r, "s": s}


def solve(d):
    p, q, r, s = d["p"], d["q"], d["r"], d["s"]
    ab, abc1 = p * q * r, p * r * s
    bc, abc2 = q * r * s, p * q * s
    left, right = ab + abc1, bc + abc2
    return {"ab": ab, "abc1": abc1, "bc": bc, "abc2": abc2, "left": left, "right": right,
            "ratio": max(left, right) / min(left, right), "answer": [left, right]}
