"""P(disease | positive test) from prevalence, sensitivity and specificity."""


def generate(rng):
    return {"prev": float(rng.choice([0.01, 0.02, 0.05, 0.1, 0.2])),
            "sens": float(rng.choice([0.8, 0.9, 0.95, 0.99])),
            "spec": float(rng.choice([0.8, 0.9, 0.95, 0.98, 0.99]))}


def solve(p):
    prev, sens, spec = p["prev"], p["sens"], p["spec"]
    tp = sens * prev
    fp = (1 - spec) * (1 - prev)
    pos = tp + fp
    return {"fpr": 1 - spec, "healthy": 1 - prev, "tp": tp, "fp": fp, "pos": pos,
            "per1000": 1000 * tp, "fp1000": 1000 * fp, "answer": tp / pos}
