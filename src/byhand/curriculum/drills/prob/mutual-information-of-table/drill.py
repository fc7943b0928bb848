"""Mutual information of two binary variables from a joint table: Σ p(x,y)·log₂(p(x,y)/(p(x)p(y)))."""

import math
from fractions import Fraction

from byhand.content.authoring import num


def generate(rng):
    while True:
        a, b, c = (int(v) for v in rng.integers(1, 6, size=3))
        d = 8 - a - b - c
        if d >= 1 and a * d != b * c:
            return {"a": a, "b": b, "c": c, "d": d}


def solve(p):
    cells = {(0, 0): p["a"], (0, 1): p["b"], (1, 0): p["c"], (1, 1): p["d"]}
    px = {0: p["a"] + p["b"], 1: p["c"] + p["d"]}
    py = {0: p["a"] + p["c"], 1: p["b"] + p["d"]}
    lines, terms, total = [], [], 0.0
    for (x, y), n in cells.items():
        ratio = Fraction(n * 8, px[x] * py[y])        # p(x,y)/(p(x)p(y)) with counts out of 8
        term = n / 8 * math.log2(ratio)
        total += term
        terms.append(num(term, ".4f", paren=bool(terms)))
        lines.append(f"    (x, y) = ({x}, {y}): {n}/8·log₂({n}/8 ÷ ({px[x]}/8·{py[y]}/8)) = {n}/8·log₂({num(ratio)})"
                     f" = {num(term, '.4f')}")
    return {"px0": px[0], "px1": px[1], "py0": py[0], "py1": py[1], "lines": "\n".join(lines), "sum": " + ".join(terms),
            "answer": total}
