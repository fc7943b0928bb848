"""Sample mean and unbiased sample variance (divide by n − 1) of five numbers."""

from byhand.content.authoring import num


def generate(rng):
    while True:
        xs = [int(v) for v in rng.integers(0, 16, size=5)]
        if len(set(xs)) >= 3:
            return {f"x{i + 1}": xs[i] for i in range(5)}


def solve(p):
    xs = [p[f"x{i}"] for i in range(1, 6)]
    n = len(xs)
    total = sum(xs)
    mean = total / n
    devs = [x - mean for x in xs]
    ss = sum(d * d for d in devs)
    return {"total": total, "mean": mean, "ss": ss,
            "devsq": " + ".join(f"{num(d, '.1f', paren=True)}²" for d in devs), "s2": ss / (n - 1), "biased": ss / n,
            "answer": [mean, ss / (n - 1)]}
