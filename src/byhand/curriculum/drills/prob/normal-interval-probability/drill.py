"""P(a < X < b) for X ~ N(μ, σ²) by standardizing and reading Φ from a small table."""

from byhand.content.authoring import num

PHI = {0.0: 0.5, 0.5: 0.6915, 1.0: 0.8413, 1.5: 0.9332, 2.0: 0.9772, 2.5: 0.9938}
ZS = [-2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5]


def _phi(z):
    return PHI[z] if z >= 0 else 1 - PHI[-z]


def generate(rng):
    z1, z2 = sorted(float(z) for z in rng.choice(ZS, size=2, replace=False))
    mu = int(rng.integers(40, 101))
    sigma = int(rng.choice([2, 4, 6, 8, 10]))
    return {"mu": mu, "sigma": sigma, "lo": int(mu + z1 * sigma), "hi": int(mu + z2 * sigma)}


def solve(p):
    z1 = (p["lo"] - p["mu"]) / p["sigma"]
    z2 = (p["hi"] - p["mu"]) / p["sigma"]
    f1, f2 = _phi(z1), _phi(z2)
    note = []
    for z, f in ((z1, f1), (z2, f2)):
        if z < 0:
            note.append(f"Φ({num(z, '.1f')}) = 1 − Φ({-z:.1f}) = 1 − {PHI[-z]:.4f} = {f:.4f}")
        else:
            note.append(f"Φ({z:.1f}) = {f:.4f}")
    return {"d1": p["lo"] - p["mu"], "d2": p["hi"] - p["mu"], "z1": z1, "z2": z2, "f1": f1, "f2": f2,
            "n1": note[0], "n2": note[1], "answer": f2 - f1}
