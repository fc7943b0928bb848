"""A linear combination a·u + b·v of two vectors of R³, entry by entry."""

from byhand.content.authoring import num


def generate(rng):
    a, b = (int(v) for v in rng.choice([-3, -2, 2, 3], size=2))
    u = [int(v) for v in rng.integers(-4, 5, size=3)]
    v = [int(x) for x in rng.integers(-4, 5, size=3)]
    return {"a": a, "b": b, "u": tuple(u), "v": tuple(v)}


def solve(p):
    a, b, u, v = p["a"], p["b"], p["u"], p["v"]
    au = tuple(a * x for x in u)
    bv = tuple(b * x for x in v)
    out = [x + y for x, y in zip(au, bv)]
    rows = "\n".join(f"    entry {k + 1}: {num(a)}·{num(u[k], paren=True)} + {num(b, paren=True)}·{num(v[k], paren=True)}"
                     f" = {num(au[k])} + {num(bv[k], paren=True)} = {num(out[k])}" for k in range(3))
    return {"au": au, "bv": bv, "rows": rows, "rows_ko": rows.replace("entry", "성분"), "answer": out}
