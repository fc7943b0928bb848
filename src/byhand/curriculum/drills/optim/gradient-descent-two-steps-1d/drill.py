"""Two gradient-descent steps on f(x) = a (x − c)²."""


def generate(rng):
    while True:
        a = int(rng.choice([1, 2, 3]))
        lr = float(rng.choice([0.05, 0.1, 0.2, 0.25]))
        c = int(rng.integers(-3, 4))
        x0 = int(rng.integers(-4, 5))
        if x0 != c and 2 * a * lr < 1:
            return {"a": a, "c": c, "lr": lr, "x0": x0, "coef": "" if a == 1 else str(a), "sx": shifted("x", c)}


def solve(p):
    a, c, lr, x0 = p["a"], p["c"], p["lr"], p["x0"]
    g0 = 2 * a * (x0 - c)
    x1 = x0 - lr * g0
    g1 = 2 * a * (x1 - c)
    x2 = x1 - lr * g1
    return {"a2": 2 * a, "g0": g0, "x1": x1, "g1": g1, "x2": x2, "factor": 1 - 2 * a * lr, "answer": x2}


def shifted(var, c):
    """'x − 2', 'x + 3' or 'x' for var − c."""
    if c == 0:
        return var
    return f"{var} − {c}" if c > 0 else f"{var} + {-c}"
