"""BLEU-4 from the four modified n-gram precisions and the brevity penalty."""

import math


def generate(rng):
    while True:
        c = int(rng.integers(10, 21))
        r = c + int(rng.integers(-2, 4))
        totals = [c - n + 1 for n in range(1, 5)]
        m = [int(rng.integers((3 * totals[0]) // 5, totals[0] + 1))]
        for t in totals[1:]:  # matches thin out as n grows
            m.append(max(1, min(t, m[-1] - int(rng.integers(1, 5)))))
        if all(x > 0 for x in m):
            p = {"c": c, "r": r}
            p.update({f"m{i + 1}": m[i] for i in range(4)})
            p.update({f"t{i + 1}": totals[i] for i in range(4)})
            return p


def solve(p):
    ps = [p[f"m{i}"] / p[f"t{i}"] for i in range(1, 5)]
    logs = [math.log(x) for x in ps]
    mean = sum(logs) / 4
    geo = math.exp(mean)
    c, r = p["c"], p["r"]
    bp = 1.0 if c > r else math.exp(1 - r / c)
    out = {f"p{i}": ps[i - 1] for i in range(1, 5)}
    out.update({f"l{i}": logs[i - 1] for i in range(1, 5)})
    out.update({"mean": mean, "geo": geo, "bp": bp, "answer": bp * geo})
    return out
