"""Nyquist frequency sr/2, and where a tone above it aliases to: sr − f."""


def generate(rng):
    sr = int(rng.choice([8000, 16000, 22050, 44100, 48000]))
    lo = sr // 2 // 100 + 1
    hi = sr // 100
    return {"sr": sr, "f": int(rng.integers(lo, hi)) * 100}


def solve(p):
    ny = p["sr"] / 2
    return {"ny": ny, "alias": p["sr"] - p["f"], "answer": [ny, p["sr"] - p["f"]]}
