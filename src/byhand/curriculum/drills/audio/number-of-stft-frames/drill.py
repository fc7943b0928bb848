"""Number of STFT frames without padding: 1 + ⌊(N − frame_length)/hop⌋."""


def generate(rng):
    sr = int(rng.choice([8000, 16000, 22050]))
    tenths = int(rng.integers(3, 31))  # 0.3 s to 3.0 s
    return {"sr": sr, "dur": tenths / 10, "samples": sr * tenths // 10,
            "win": int(rng.choice([400, 512, 1024, 2048])), "hop": int(rng.choice([128, 160, 256, 512]))}


def solve(p):
    rest = p["samples"] - p["win"]
    frames = 1 + rest // p["hop"]
    used = (frames - 1) * p["hop"] + p["win"]
    return {"rest": rest, "q": rest / p["hop"], "fl": rest // p["hop"], "used": used,
            "left": p["samples"] - used, "answer": frames}
