"""A proximal gradient (ISTA) step for an L1 penalty: z = w − η∇f, then soft-threshold at ηλ."""

from byhand.content.authoring import num


def generate(rng):
    while True:                     # at least one entry set to 0 and at least one kept
        lr = float(rng.choice([0.1, 0.5]))
        lam = float(rng.choice([1.0, 2.0]))
        w = tuple(int(v) / 10 for v in rng.integers(-10, 11, size=3))
        g = tuple(float(v) for v in rng.integers(-3, 4, size=3))
        zeros = sum(abs(round(wi - lr * gi, 10)) <= lr * lam for wi, gi in zip(w, g))
        if 1 <= zeros <= 2:
            return {"lr": lr, "lam": lam, "w": w, "g": g}


def _soft(z, t):
    if z > t:
        return z - t
    if z < -t:
        return z + t
    return 0.0


def solve(p):
    lr, lam, w, g = p["lr"], p["lam"], p["w"], p["g"]
    t = lr * lam
    z = [round(wi - lr * gi, 10) for wi, gi in zip(w, g)]
    out = [round(_soft(zi, t), 10) for zi in z]
    lines = []
    for k, (wi, gi, zi, oi) in enumerate(zip(w, g, z, out)):
        if abs(zi) <= t:
            how = f"|{num(zi)}| ≤ {num(t)}  →  0"
        else:
            how = f"{num(zi)} {'−' if zi > 0 else '+'} {num(t)} = {num(oi)}"
        lines.append(f"    w{'₁₂₃'[k]}: z = {num(wi)} − {num(lr)}·{num(gi, paren=True)} = {num(zi)};   {how}")
    zeros = sum(o == 0 for o in out)
    return {"t": t, "lines": "\n".join(lines), "zeros": zeros, "answer": out}
