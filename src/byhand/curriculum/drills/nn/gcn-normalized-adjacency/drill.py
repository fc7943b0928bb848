"""Two entries of the GCN propagation matrix D~^{-1/2} (A + I) D~^{-1/2} on a small graph."""

import math

PAIRS = [(1, 2), (1, 3), (1, 4), (1, 5), (2, 3), (2, 4), (2, 5), (3, 4), (3, 5), (4, 5)]


def generate(rng):
    while True:
        chosen = sorted(int(i) for i in rng.choice(len(PAIRS), size=int(rng.integers(4, 7)), replace=False))
        edges = [list(PAIRS[i]) for i in chosen]
        deg = {v: sum(v in e for e in edges) for v in range(1, 6)}
        i, j = edges[int(rng.integers(len(edges)))]
        if deg[i] != deg[j]:  # two different degrees, so the symmetric normalization matters
            return {"edges": edges, "i": i, "j": j, "list": ", ".join(f"{a}–{b}" for a, b in edges)}


def solve(p):
    i, j = p["i"], p["j"]
    di = sum(i in e for e in p["edges"])
    dj = sum(j in e for e in p["edges"])
    aij = 1 / math.sqrt((di + 1) * (dj + 1))
    aii = 1 / (di + 1)
    return {"di": di, "dj": dj, "ti": di + 1, "tj": dj + 1, "prod": (di + 1) * (dj + 1),
            "aij": aij, "aii": aii, "answer": [aij, aii]}
