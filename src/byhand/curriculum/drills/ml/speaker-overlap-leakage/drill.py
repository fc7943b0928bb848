"""A speech test set is meant to measure new speakers: it leaks when a test speaker also
appears in training (the split was made by recording, not by speaker)."""


def _names(ids):
    return ", ".join(f"S{i:02d}" for i in sorted(ids))


def generate(rng):
    people = [int(i) for i in rng.permutation(range(1, 21))]
    train, rest = people[:8], people[8:]
    shared = int(rng.integers(0, 3))  # 0: a clean split by speaker
    test = [int(i) for i in rng.choice(train, size=shared, replace=False)] + rest[:4 - shared]
    return {"train": _names(train), "test": _names(test), "acc": round(float(rng.uniform(91, 97)), 1),
            "n_train": int(rng.choice([2400, 3200, 4000])), "n_test": int(rng.choice([400, 600, 800]))}


def solve(p):
    train = set(p["train"].split(", "))
    shared = sorted(s for s in p["test"].split(", ") if s in train)
    a = p["acc"] / 100
    return {"se": 100 * (a * (1 - a) / p["n_test"]) ** 0.5, "shared": ", ".join(shared) or "—", "n_shared": len(shared), "answer": "b" if shared else "a"}
