"""Frequency resolution sr/N of an N-point DFT and the frequency of bin k."""


def generate(rng):
    sr = int(rng.choice([8000, 16000, 22050, 44100, 48000]))
    n = int(rng.choice([256, 512, 1024, 2048]))
    return {"sr": sr, "n": n, "k": int(rng.integers(1, n // 2))}


def solve(p):
    df = p["sr"] / p["n"]
    return {"df": df, "fk": p["k"] * df, "answer": [df, p["k"] * df]}
