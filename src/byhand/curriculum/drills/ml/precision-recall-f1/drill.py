"""Precision TP/(TP + FP), recall TP/(TP + FN) and their harmonic mean F1 from confusion counts."""


def generate(rng):
    tp, fp, fn, tn = (int(rng.integers(5, 60)), int(rng.integers(1, 30)), int(rng.integers(1, 30)),
                      int(rng.integers(50, 200)))
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "total": tp + fp + fn + tn}


def solve(p):
    tp, fp, fn, tn = p["tp"], p["fp"], p["fn"], p["tn"]
    prec = tp / (tp + fp)
    rec = tp / (tp + fn)
    f1 = 2 * prec * rec / (prec + rec)
    return {"pp": tp + fp, "ap": tp + fn, "prec": prec, "rec": rec, "f1": f1, "f1_counts": 2 * tp,
            "f1_den": 2 * tp + fp + fn, "acc": (tp + tn) / (tp + fp + fn + tn),
            "answer": [prec, rec, f1]}
