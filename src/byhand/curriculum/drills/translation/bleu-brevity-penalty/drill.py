"""BLEU's brevity penalty: 1 if c > r, else exp(1 − r/c)."""

import math

from byhand.content.authoring import num


def generate(rng):
    r = int(rng.integers(12, 41))
    if rng.random() < 0.2:
        c = r + int(rng.integers(1, 6))
    else:
        c = r - int(rng.integers(1, min(10, r - 5)))
    return {"c": c, "r": r}


def solve(p):
    c, r = p["c"], p["r"]
    if c > r:
        return {"ratio": r / c, "expo": 0.0, "answer": 1.0,
                "steps_en": f"c = {c} > r = {r}: the candidate is not too short, so BP = 1.",
                "steps_ko": f"c = {c} > r = {r}이므로 후보 번역이 짧지 않습니다. 따라서 BP = 1입니다."}
    ratio = r / c
    expo = 1 - ratio
    bp = math.exp(expo)
    steps = f"r/c = {r}/{c} = {ratio:.4f},  1 − r/c = {num(expo, '.4f')},  BP = e^({num(expo, '.4f')}) = {bp:.4f}"
    return {"ratio": ratio, "expo": expo, "answer": bp,
            "steps_en": f"c = {c} ≤ r = {r}, so the penalty applies: " + steps,
            "steps_ko": f"c = {c} ≤ r = {r}이므로 벌점이 적용됩니다: " + steps}
