"""One gradient-descent step on f(x, y) = (x − p)² + k (y − q)²."""


def generate(rng):
    while True:
        p, q = (int(v) for v in rng.integers(-3, 4, size=2))
        k = int(rng.choice([2, 3, 5]))
        x0, y0 = (int(v) for v in rng.integers(-4, 5, size=2))
        lr = float(rng.choice([0.05, 0.1]))
        if x0 != p and y0 != q:
            return {"p": p, "q": q, "k": k, "x0": x0, "y0": y0, "lr": lr, "sx": shifted("x", p), "sy": shifted("y", q)}


def solve(p):
    gx = 2 * (p["x0"] - p["p"])
    gy = 2 * p["k"] * (p["y0"] - p["q"])
    x1 = p["x0"] - p["lr"] * gx
    y1 = p["y0"] - p["lr"] * gy
    return {"k2": 2 * p["k"], "gx": gx, "gy": gy, "x1": x1, "y1": y1, "answer": [x1, y1]}


def shifted(var, c):
    """'x − 2', 'x + 3' or 'x' for var − c."""
    if c == 0:
        return var
    return f"{var} − {c}" if c > 0 else f"{var} + {-c}"
