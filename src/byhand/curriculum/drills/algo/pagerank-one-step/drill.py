"""One PageRank step on three pages from the uniform start, with a dangling page."""

from fractions import Fraction

from byhand.content.authoring import num

TEMPLATES = [  # links (i, j) meaning i -> j; every template has exactly one dangling page
    [(1, 2), (1, 3), (2, 3)],
    [(1, 3), (2, 1), (2, 3)],
    [(2, 1), (3, 1), (3, 2)],
    [(1, 2), (3, 1), (3, 2)],
    [(2, 3), (3, 1)],
    [(1, 2), (2, 3)],
]


def generate(rng):
    links = [list(e) for e in TEMPLATES[int(rng.integers(len(TEMPLATES)))]]
    d = [0.5, 0.8, 0.85][int(rng.integers(3))]
    return {"links": links, "d": d, "list": ", ".join(f"{a} → {b}" for a, b in links)}


def solve(p):
    d = Fraction(p["d"]).limit_denominator(100)
    out = {i: sum(1 for a, _ in p["links"] if a == i) for i in (1, 2, 3)}
    r0 = Fraction(1, 3)
    incoming = {j: sum(r0 / out[a] for a, b in p["links"] if b == j) for j in (1, 2, 3)}
    dangling = [i for i in (1, 2, 3) if out[i] == 0]
    spread = r0 * len(dangling) / 3
    r1 = {j: (1 - d) / 3 + d * (incoming[j] + spread) for j in (1, 2, 3)}
    return {"out": ", ".join(num(out[i]) for i in (1, 2, 3)),
            "dang": ", ".join(str(i) for i in dangling),
            "inc": ", ".join(num(incoming[j]) for j in (1, 2, 3)),
            "spread": num(spread), "tele": num((1 - d) / 3),
            "r1": float(r1[1]), "r2": float(r1[2]), "r3": float(r1[3]),
            "total": float(sum(r1.values())),
            "answer": [float(r1[j]) for j in (1, 2, 3)]}
