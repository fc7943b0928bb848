"""Two overlapping 95% intervals (independent estimates, normal approximation): the difference is
significant when it exceeds the half-width of its own interval, √(h_A² + h_B²), which is less
than h_A + h_B."""

import math


def generate(rng):
    while True:
        ha = float(rng.choice([0.6, 0.8, 1.0, 1.2, 1.5]))
        hb = float(rng.choice([0.6, 0.8, 1.0, 1.2, 1.5]))
        gap = round(float(rng.uniform(0.3, ha + hb - 0.1)), 1)
        hd = math.hypot(ha, hb)
        if abs(gap - hd) > 0.15 and gap < ha + hb:
            ma = round(float(rng.uniform(70, 90)), 1)
            return {"ma": ma, "mb": round(ma + gap, 1), "ha": ha, "hb": hb}


def solve(p):
    gap = round(p["mb"] - p["ma"], 1)
    hd = math.hypot(p["ha"], p["hb"])
    return {"gap": gap, "hd": hd, "hsum": p["ha"] + p["hb"], "lo": gap - hd, "hi": gap + hd,
            "sa": p["ha"] / 1.96, "sb": p["hb"] / 1.96, "sd": hd / 1.96, "z": gap / (hd / 1.96),
            "lo_a": p["ma"] - p["ha"], "hi_a": p["ma"] + p["ha"], "lo_b": p["mb"] - p["hb"], "hi_b": p["mb"] + p["hb"],
            "cmp": ">" if gap > hd else "<", "answer": "a" if gap > hd else "b"}
