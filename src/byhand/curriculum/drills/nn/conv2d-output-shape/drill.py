"""Output shape of a 2-D convolution: ⌊(H + 2p − k)/s⌋ + 1 per spatial axis."""


def generate(rng):
    while True:
        p = {"n": int(rng.choice([2, 4, 8, 16])), "cin": int(rng.choice([1, 3, 16, 32])),
             "h": int(rng.choice([28, 32, 64, 100, 224, 227])), "w": int(rng.choice([28, 32, 48, 96, 150, 224])),
             "cout": int(rng.choice([6, 24, 64, 96, 128])), "k": int(rng.choice([1, 3, 5, 7, 11])),
             "s": int(rng.choice([1, 2, 4])), "pad": int(rng.choice([0, 1, 2, 3]))}
        if (p["h"] != p["w"] and p["pad"] <= p["k"] // 2 and (p["k"] > 1 or p["s"] > 1)
                and p["n"] != p["cout"]):
            return p


def _out(size, k, s, pad):
    return (size + 2 * pad - k) // s + 1


def solve(p):
    k, s, pad = p["k"], p["s"], p["pad"]
    hn, wn = p["h"] + 2 * pad - k, p["w"] + 2 * pad - k
    ho, wo = _out(p["h"], k, s, pad), _out(p["w"], k, s, pad)
    return {"hn": hn, "wn": wn, "ho": ho, "wo": wo, "hq": hn / s, "wq": wn / s,
            "answer": (p["n"], p["cout"], ho, wo)}
