"""Shannon entropy in bits of a four-outcome distribution (the needed log₂ values are given)."""

import math

from byhand.content.authoring import num


def generate(rng):
    counts = rng.multinomial(6, [0.25] * 4) + 1  # positive multiples of 0.1
    p = {f"p{i + 1}": int(counts[i]) / 10 for i in range(4)}
    used = sorted(set(p.values()))
    p["logs"] = ", ".join(f"log₂ {q:.1f} = {num(math.log2(q), '.4f')}" for q in used)
    return p


def solve(p):
    ps = [p[f"p{i}"] for i in range(1, 5)]
    terms = [-q * math.log2(q) for q in ps]
    return {"sum_form": " + ".join(f"{q:.1f}·{num(math.log2(q), '.4f', paren=True)}" for q in ps),
            "terms": " + ".join(f"{t:.4f}" for t in terms), "answer": sum(terms)}
