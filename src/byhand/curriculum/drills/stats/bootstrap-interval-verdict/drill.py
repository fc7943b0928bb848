"""A bootstrap over the test examples: the 2.5th and 97.5th percentiles of the resampled
differences B − A form a 95% interval; the verdict is where 0 lies relative to it."""


def generate(rng):
    while True:
        lo = round(float(rng.uniform(-3, 2)), 2)
        hi = round(lo + float(rng.uniform(0.6, 3)), 2)
        mid = round((lo + hi) / 2 + float(rng.uniform(-0.1, 0.1)), 2)
        if min(abs(lo), abs(hi)) >= 0.1 and abs(mid) >= 0.05:
            return {"lo": lo, "hi": hi, "obs": mid, "n": int(rng.choice([500, 1000, 2000])),
                    "B": int(rng.choice([1000, 2000, 10000]))}


def solve(p):
    lo, hi = p["lo"], p["hi"]
    answer = "a" if lo > 0 else "b" if hi < 0 else "c"
    return {"where": answer, "answer": answer}
