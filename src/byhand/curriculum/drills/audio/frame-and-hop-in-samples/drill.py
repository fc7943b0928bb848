"""Milliseconds to samples: n = sr · t, for a frame, a hop and a whole clip."""

from fractions import Fraction


def generate(rng):
    while True:
        sr = int(rng.choice([8000, 16000, 22050, 24000, 44100, 48000]))
        frame = int(rng.choice([20, 25, 32, 40, 50]))
        hop = int(rng.choice([5, 10, 12, 20]))
        dur = float(rng.choice([0.5, 1.5, 2.0, 2.5, 3.0]))
        if hop < frame and all((sr * ms) % 1000 == 0 for ms in (frame, hop)):
            return {"sr": sr, "frame": frame, "hop": hop, "dur": dur}


def solve(p):
    sr = p["sr"]
    nf = sr * p["frame"] // 1000
    nh = sr * p["hop"] // 1000
    total = int(Fraction(str(p["dur"])) * sr)
    return {"nf": nf, "nh": nh, "total": total, "period": 1e6 / sr, "nyq": sr // 2,
            "answer": [nf, nh, total]}
