"""E[X] and E[g(X)] of a discrete random variable with four values."""

from byhand.content.authoring import num


def generate(rng):
    vals = sorted(int(v) for v in rng.choice(range(-3, 7), size=4, replace=False))
    counts = rng.multinomial(6, [0.25] * 4) + 1  # probabilities are positive multiples of 0.1
    p = {f"x{i + 1}": vals[i] for i in range(4)}
    p.update({f"p{i + 1}": int(counts[i]) / 10 for i in range(4)})
    return p


def solve(p):
    xs = [p[f"x{i}"] for i in range(1, 5)]
    ps = [p[f"p{i}"] for i in range(1, 5)]
    terms = [x * q for x, q in zip(xs, ps)]
    return {"terms": " + ".join(f"{num(x, paren=True)}·{q:.1f}" for x, q in zip(xs, ps)),
            "products": " + ".join(num(t, ".1f", paren=True) for t in terms), "answer": sum(terms)}
