"""Linear warmup followed by inverse-square-root decay (the original Transformer schedule, rescaled)."""

import math


def generate(rng):
    warm = int(rng.choice([500, 1000, 2000, 4000]))
    if rng.random() < 0.5:
        t = warm * int(rng.integers(1, 10)) // 10
    else:
        t = warm * int(rng.choice([2, 3, 4, 9, 16, 25]))
    return {"peak": float(rng.choice([1e-3, 5e-4, 3e-4, 2e-3])), "warm": warm, "t": t}


def solve(p):
    peak, warm, t = p["peak"], p["warm"], p["t"]
    if t <= warm:
        frac = t / warm
        lr = peak * frac
        branch_en = f"t = {t} ≤ {warm}, so we are still warming up: lr = η_max·t/T_w = {peak:g}·{t}/{warm} = {peak:g}·{frac:g}"
        branch_ko = f"t = {t} ≤ {warm}이므로 아직 워밍업 구간입니다: lr = η_max·t/T_w = {peak:g}·{t}/{warm} = {peak:g}·{frac:g}"
    else:
        ratio = warm / t
        root = math.sqrt(ratio)
        lr = peak * root
        branch_en = (f"t = {t} > {warm}, so the decay applies: lr = η_max·√(T_w/t) = {peak:g}·√({warm}/{t})"
                     f" = {peak:g}·{root:.4f}")
        branch_ko = (f"t = {t} > {warm}이므로 감쇠 구간입니다: lr = η_max·√(T_w/t) = {peak:g}·√({warm}/{t})"
                     f" = {peak:g}·{root:.4f}")
    return {"branch_en": branch_en, "branch_ko": branch_ko, "answer": lr}
