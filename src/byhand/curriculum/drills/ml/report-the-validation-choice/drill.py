"""Four configurations with validation and test accuracy: the honest number is the test
accuracy of the configuration chosen on validation, not the best test accuracy."""

LETTERS = "abcd"


def generate(rng):
    while True:
        val = [round(float(rng.uniform(78, 88)), 1) for _ in range(4)]
        test = [round(v - float(rng.uniform(0.5, 3.0)), 1) for v in val]
        bv, bt = max(range(4), key=lambda i: val[i]), max(range(4), key=lambda i: test[i])
        if sorted(val)[-1] - sorted(val)[-2] >= 0.3 and sorted(test)[-1] - sorted(test)[-2] >= 0.3 and bv != bt:
            return {**{f"v{i + 1}": val[i] for i in range(4)}, **{f"t{i + 1}": test[i] for i in range(4)}}


def solve(p):
    val = [p[f"v{i}"] for i in range(1, 5)]
    test = [p[f"t{i}"] for i in range(1, 5)]
    bv, bt = max(range(4), key=lambda i: val[i]), max(range(4), key=lambda i: test[i])
    return {"best": bv + 1, "vbest": val[bv], "tbest": test[bv], "tmax": test[bt], "tmax_config": bt + 1,
            "optimism": test[bt] - test[bv], "answer": LETTERS[bv]}
