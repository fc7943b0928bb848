"""A (2x3) times x (3): each output entry is a row of A dotted with x."""

from byhand.content.authoring import num


def generate(rng):
    while True:
        a = [int(v) for v in rng.integers(-3, 4, size=6)]
        x = [int(v) for v in rng.integers(-3, 4, size=3)]
        if sum(v != 0 for v in x) >= 2 and any(a[:3]) and any(a[3:]):
            p = {f"a{i}{j}": a[3 * (i - 1) + j - 1] for i in (1, 2) for j in (1, 2, 3)}
            return {**p, "x1": x[0], "x2": x[1], "x3": x[2]}


def solve(p):
    x = [p["x1"], p["x2"], p["x3"]]
    rows = [[p[f"a{i}{j}"] for j in (1, 2, 3)] for i in (1, 2)]
    y = [sum(a * b for a, b in zip(row, x)) for row in rows]
    terms = [" + ".join(f"{num(a, paren=True)}·{num(b, paren=True)}" for a, b in zip(row, x)) for row in rows]
    return {"y1": y[0], "y2": y[1], "r1": terms[0], "r2": terms[1], "answer": y}
