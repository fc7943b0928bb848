"""k-NN regression: average the targets of the k = 3 training points nearest (Euclidean) to the query."""

from fractions import Fraction

from byhand.content.authoring import num


def generate(rng):
    while True:
        pts = [tuple(int(v) for v in rng.integers(0, 7, size=2)) for _ in range(5)]
        q = tuple(int(v) for v in rng.integers(1, 6, size=2))
        d2 = sorted((x - q[0]) ** 2 + (y - q[1]) ** 2 for x, y in pts)
        if len(set(pts)) == 5 and d2[2] < d2[3] and q not in pts:
            ys = [int(v) for v in rng.integers(1, 20, size=5)]
            return {"pts": pts, "ys": ys, "q": q,
                    "table": "\n".join(f"    x = ({x}, {y}),  y = {t}" for (x, y), t in zip(pts, ys))}


def solve(p):
    q = p["q"]
    rows = []
    for (x, y), t in zip(p["pts"], p["ys"]):
        dx, dy = x - q[0], y - q[1]
        rows.append((dx * dx + dy * dy, (x, y), t, dx, dy))
    rows.sort()
    lines = "\n".join(f"    ({x}, {y}): {num(dx, paren=True)}² + {num(dy, paren=True)}² = {d2}"
                      for d2, (x, y), t, dx, dy in sorted(rows, key=lambda r: r[1]))
    near = rows[:3]
    targets = [t for *_, t, _dx, _dy in near]
    mean = Fraction(sum(targets), 3)
    return {"lines": lines, "near": ", ".join(f"({x}, {y})" for _d, (x, y), *_ in near),
            "targets": " + ".join(str(t) for t in targets), "tsum": sum(targets), "mean": mean,
            "answer": float(mean)}
