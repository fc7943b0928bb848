"""Number of trainable parameters of an MLP with biases: Σ (d_in·d_out + d_out)."""


def generate(rng):
    return {"d0": int(rng.choice([4, 10, 16, 20, 32])), "d1": int(rng.choice([8, 12, 50, 64, 100])),
            "d2": int(rng.choice([6, 16, 30, 32, 40])), "d3": int(rng.choice([1, 2, 3, 5, 10]))}


def solve(p):
    d = [p["d0"], p["d1"], p["d2"], p["d3"]]
    layers = [(d[i], d[i + 1], d[i] * d[i + 1], d[i] * d[i + 1] + d[i + 1]) for i in range(3)]
    out = {}
    for i, (a, b, w, t) in enumerate(layers, 1):
        out.update({f"w{i}": w, f"t{i}": t})
    out["answer"] = sum(t for *_, t in layers)
    out["nobias"] = sum(w for _, _, w, _ in layers)
    return out
