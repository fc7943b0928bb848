"""One Lloyd iteration of k-means in 1-D: assign each point to its nearest centroid, then average."""

from fractions import Fraction

from byhand.content.authoring import num


def generate(rng):
    while True:
        xs = sorted(int(v) for v in rng.choice(range(0, 21), size=6, replace=False))
        c1, c2 = sorted(int(v) for v in rng.choice(range(0, 21), size=2, replace=False))
        d = [(abs(x - c1), abs(x - c2)) for x in xs]
        groups = [x for x, (a, b) in zip(xs, d) if a < b]
        if all(a != b for a, b in d) and 2 <= len(groups) <= 4:
            return {"xs": tuple(xs), "c1": c1, "c2": c2}


def solve(p):
    xs, c1, c2 = p["xs"], p["c1"], p["c2"]
    g1 = [x for x in xs if abs(x - c1) < abs(x - c2)]
    g2 = [x for x in xs if abs(x - c1) > abs(x - c2)]
    m1, m2 = Fraction(sum(g1), len(g1)), Fraction(sum(g2), len(g2))
    mid = Fraction(c1 + c2, 2)
    inertia_before = sum(min((x - c1) ** 2, (x - c2) ** 2) for x in xs)
    inertia_after = sum(min((x - m1) ** 2, (x - m2) ** 2) for x in xs)
    return {"mid": mid, "g1": "{" + ", ".join(map(str, g1)) + "}", "g2": "{" + ", ".join(map(str, g2)) + "}", "s1": " + ".join(map(str, g1)),
            "s2": " + ".join(map(str, g2)), "n1": len(g1), "n2": len(g2), "sum1": sum(g1), "sum2": sum(g2),
            "m1": m1, "m2": m2, "m1d": num(float(m1), ".3f"), "m2d": num(float(m2), ".3f"),
            "before": inertia_before, "after": float(inertia_after), "answer": [float(m1), float(m2)]}
