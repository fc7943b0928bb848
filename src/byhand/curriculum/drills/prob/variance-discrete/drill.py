"""Var[X] = E[X²] − (E[X])² for a discrete random variable with three values."""

from byhand.content.authoring import num


def generate(rng):
    vals = sorted(int(v) for v in rng.choice(range(-2, 6), size=3, replace=False))
    counts = rng.multinomial(7, [1 / 3] * 3) + 1
    p = {f"x{i + 1}": vals[i] for i in range(3)}
    p.update({f"p{i + 1}": int(counts[i]) / 10 for i in range(3)})
    return p


def solve(p):
    xs = [p[f"x{i}"] for i in range(1, 4)]
    ps = [p[f"p{i}"] for i in range(1, 4)]
    m = sum(x * q for x, q in zip(xs, ps))
    m2 = sum(x * x * q for x, q in zip(xs, ps))
    return {"m": m, "m2": m2, "msq": m * m,
            "e1": " + ".join(f"{num(x, paren=True)}·{q:.1f}" for x, q in zip(xs, ps)),
            "e2": " + ".join(f"{num(x, paren=True)}²·{q:.1f}" for x, q in zip(xs, ps)),
            "dev": " + ".join(f"{num(x - m, '.1f', paren=True)}²·{q:.1f}" for x, q in zip(xs, ps)),
            "answer": m2 - m * m}
