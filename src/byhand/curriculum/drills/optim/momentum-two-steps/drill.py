"""Two steps of SGD with momentum (v ← βv + g; w ← w − ηv) on f(w) = (a/2) w²."""


def generate(rng):
    a = int(rng.choice([1, 2, 4]))
    return {"a": a, "fw": {1: "0.5w²", 2: "w²", 4: "2w²"}[a], "dfw": "w" if a == 1 else f"{a}w", "w0": int(rng.choice([-5, -4, -3, -2, 2, 3, 4, 5])),
            "lr": float(rng.choice([0.1, 0.2])), "beta": float(rng.choice([0.5, 0.9]))}


def solve(p):
    a, w0, lr, beta = p["a"], p["w0"], p["lr"], p["beta"]
    g1 = a * w0
    v1 = g1
    w1 = w0 - lr * v1
    g2 = a * w1
    v2 = beta * v1 + g2
    w2 = w1 - lr * v2
    plain_w1 = w0 - lr * g1
    plain = plain_w1 - lr * a * plain_w1
    return {"g1": g1, "v1": v1, "w1": w1, "g2": g2, "v2": v2, "bv1": beta * v1, "w2": w2, "plain": plain,
            "answer": w2}
