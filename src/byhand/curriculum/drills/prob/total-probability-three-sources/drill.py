"""Law of total probability over a partition: P(D) = Σᵢ P(D | Sᵢ)·P(Sᵢ); then Bayes for one source."""


def generate(rng):
    while True:
        w = [int(v) for v in rng.integers(1, 8, size=3)]
        if sum(w) == 10:
            break
    rates = [int(v) for v in rng.integers(1, 10, size=3)]
    return {"p1": w[0] / 10, "p2": w[1] / 10, "p3": w[2] / 10,
            "d1": rates[0] / 100, "d2": rates[1] / 100, "d3": rates[2] / 100}


def solve(p):
    t = [p[f"p{i}"] * p[f"d{i}"] for i in (1, 2, 3)]
    total = sum(t)
    return {"t1": t[0], "t2": t[1], "t3": t[2], "total": total, "post1": t[0] / total,
            "answer": [total, t[0] / total]}
