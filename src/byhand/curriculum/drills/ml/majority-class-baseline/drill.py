"""An accuracy means little without the trivial baseline: always predicting the most common
class scores max(nₖ)/N."""


def generate(rng):
    while True:
        n = 1000
        major = int(rng.choice([600, 700, 800, 900, 930, 950, 970]))
        second = int(rng.integers((n - major) // 2, n - major))
        counts = [major, second, n - major - second]
        acc = round(float(rng.uniform(90, 97.5)), 1)
        gap = acc - major / 10
        if (gap >= 8 or gap <= 1.0) and min(counts) > 0:
            return {"acc": acc, "n": n, "n_normal": counts[0], "n_minor": counts[1], "n_severe": counts[2]}


def solve(p):
    counts = [p["n_normal"], p["n_minor"], p["n_severe"]]
    base = 100 * max(counts) / p["n"]
    gap = p["acc"] - base
    return {"base": base, "gap": gap, "cmax": max(counts), "errors_base": p["n"] - max(counts),
            "errors_model": round(p["n"] * (1 - p["acc"] / 100)), "answer": "a" if gap >= 8 else "b"}
