"""The return G₀ of a four-step episode, by the backward recursion G_t = r_t + γ G_{t+1}."""


def generate(rng):
    r = [int(v) for v in rng.integers(-2, 4, size=4)]
    if all(v == 0 for v in r):
        r[3] = 2
    return {"r0": r[0], "r1": r[1], "r2": r[2], "r3": r[3], "gamma": float(rng.choice([0.5, 0.9]))}


def solve(p):
    g = p["gamma"]
    G3 = p["r3"]
    G2 = p["r2"] + g * G3
    G1 = p["r1"] + g * G2
    G0 = p["r0"] + g * G1
    return {"G3": G3, "G2": G2, "G1": G1, "G0": G0, "answer": G0}
