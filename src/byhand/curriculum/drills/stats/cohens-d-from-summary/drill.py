"""Cohen's d from two groups' summaries: d = (x̄_B − x̄_A)/s_p with the pooled standard deviation
s_p = √(((n_A − 1)s_A² + (n_B − 1)s_B²)/(n_A + n_B − 2))."""

import math


def generate(rng):
    while True:
        p = {"na": int(rng.integers(8, 31)), "nb": int(rng.integers(8, 31)),
             "ma": round(float(rng.uniform(60, 80)), 1), "sa": round(float(rng.uniform(3, 9)), 1),
             "sb": round(float(rng.uniform(3, 9)), 1)}
        p["mb"] = round(p["ma"] + float(rng.uniform(-6, 8)), 1)
        if abs(p["mb"] - p["ma"]) >= 0.5:
            return p


def solve(p):
    num = (p["na"] - 1) * p["sa"] ** 2 + (p["nb"] - 1) * p["sb"] ** 2
    df = p["na"] + p["nb"] - 2
    sp = math.sqrt(num / df)
    diff = round(p["mb"] - p["ma"], 1)
    return {"na1": p["na"] - 1, "nb1": p["nb"] - 1, "num": num, "df": df, "var": num / df, "sp": sp,
            "diff": diff, "answer": diff / sp}
