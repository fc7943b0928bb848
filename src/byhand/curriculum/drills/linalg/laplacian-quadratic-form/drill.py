"""x^T L x for a small weighted graph: the sum over edges of w_ij (x_i - x_j)^2."""

from byhand.content.authoring import num

PAIRS = [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)]


def generate(rng):
    chosen = sorted(int(i) for i in rng.choice(len(PAIRS), size=4, replace=False))
    edges = [[PAIRS[i][0], PAIRS[i][1], int(rng.integers(1, 4))] for i in chosen]
    x = [int(v) for v in rng.integers(-2, 4, size=4)]
    return {"edges": edges, "x1": x[0], "x2": x[1], "x3": x[2], "x4": x[3],
            "list": ", ".join(f"{a}–{b} (w = {w})" for a, b, w in edges)}


def solve(p):
    x = {1: p["x1"], 2: p["x2"], 3: p["x3"], 4: p["x4"]}
    lines, total = [], 0
    for a, b, w in p["edges"]:
        diff = x[a] - x[b]
        term = w * diff * diff
        total += term
        lines.append(f"{a}–{b}: {w}·({num(x[a])} − {num(x[b], paren=True)})² = {w}·{num(diff, paren=True)}² = {term}")
    degrees = {i: sum(w for a, b, w in p["edges"] if i in (a, b)) for i in x}
    return {"terms": "\n".join(lines), "deg": ", ".join(num(degrees[i]) for i in sorted(x)), "answer": total}
