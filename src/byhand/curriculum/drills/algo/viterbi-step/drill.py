"""One Viterbi step: δₜ(j) = maxᵢ δₜ₋₁(i)·aᵢⱼ · bⱼ(oₜ), with its back-pointer."""


def generate(rng):
    while True:
        d1, d2 = (int(v) / 100 for v in rng.integers(5, 40, size=2))
        a11, a21 = (int(v) / 10 for v in rng.integers(1, 10, size=2))
        b1, b2 = (int(v) / 10 for v in rng.integers(1, 10, size=2))
        a12, a22 = round(1 - a11, 1), round(1 - a21, 1)
        c = [d1 * a11, d2 * a21, d1 * a12, d2 * a22]
        if abs(c[0] - c[1]) > 1e-9 and abs(c[2] - c[3]) > 1e-9:
            return {"d1": d1, "d2": d2, "a11": a11, "a12": a12, "a21": a21, "a22": a22, "b1": b1, "b2": b2}


def solve(p):
    out = {}
    for j in (1, 2):
        c1 = p["d1"] * p[f"a1{j}"]
        c2 = p["d2"] * p[f"a2{j}"]
        best = max(c1, c2)
        out.update({f"c1{j}": c1, f"c2{j}": c2, f"m{j}": best, f"arg{j}": 1 if c1 > c2 else 2,
                    f"delta{j}": best * p[f"b{j}"]})
    out["answer"] = [out["delta1"], out["delta2"]]
    return out
