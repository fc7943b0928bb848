"""Shapes through batched attention: softmax(Q Kᵀ / √d) V with (B, H, L, d) tensors."""


def generate(rng):
    while True:
        p = {"b": int(rng.choice([2, 3, 4, 5, 6])), "h": int(rng.choice([8, 12, 16])),
             "l": int(rng.choice([7, 9, 10, 15, 20])), "s": int(rng.choice([11, 14, 24, 30, 50])),
             "d": int(rng.choice([32, 64, 128])), "e": int(rng.choice([40, 64, 96]))}
        vals = list(p.values())
        if len(set(vals)) == len(vals):  # every size distinct, so the answer is unambiguous
            return p


def solve(p):
    return {"answer": (p["b"], p["h"], p["l"], p["e"])}
