"""CLT: a sum of n i.i.d. values with mean μ and standard deviation σ is approximately N(nμ, nσ²)."""

import math

from byhand.content.authoring import num

PHI = {0.5: 0.6915, 1.0: 0.8413, 1.5: 0.9332, 2.0: 0.9772}


def generate(rng):
    n = int(rng.choice([16, 25, 36, 64, 100]))
    mu = int(rng.integers(2, 11))
    sigma = int(rng.choice([2, 3, 4, 5, 6]))
    z = float(rng.choice([-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0]))
    sd = sigma * math.isqrt(n)
    t = n * mu + z * sd
    if t != int(t):                 # keep the threshold an integer: move to a whole z
        z = float(math.copysign(math.ceil(abs(z)), z))
        t = n * mu + z * sd
    if t <= 0:                      # a total time is positive: ask above the mean instead
        z = -z
        t = n * mu + z * sd
    upper = bool(rng.integers(0, 2))
    return {"n": n, "mu": mu, "sigma": sigma, "t": int(t), "upper": upper,
            "ask_en": "more than" if upper else "at most", "ask_ko": "를 초과할" if upper else " 이하일"}


def solve(p):
    n, mu, sigma, t = p["n"], p["mu"], p["sigma"], p["t"]
    mean = n * mu
    sd = sigma * math.isqrt(n)
    z = (t - mean) / sd
    phi = PHI[abs(z)] if z > 0 else 1 - PHI[abs(z)]
    answer = 1 - phi if p["upper"] else phi
    zt = num(z)
    phi_line = f"Φ({zt}) = {phi:.4f}" if z > 0 else f"Φ({zt}) = 1 − Φ({num(-z)}) = 1 − {PHI[-z]:.4f} = {phi:.4f}"
    final = (f"P(S > {t}) ≈ 1 − Φ({zt}) = 1 − {phi:.4f} = {answer:.4f}" if p["upper"]
             else f"P(S ≤ {t}) ≈ Φ({zt}) = {answer:.4f}")
    return {"mean": mean, "var": n * sigma * sigma, "sd": sd, "rootn": math.isqrt(n), "diff": t - mean,
            "z": z, "phi_line": phi_line, "final": final, "answer": answer}
