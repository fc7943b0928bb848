"""One TD(0) update by hand: δ = r + γ(1 − d)V(s′) − V(s), V(s) ← V(s) + αδ."""


def generate(rng):
    done = bool(rng.random() < 0.3)
    return {"v": int(rng.integers(0, 6)), "v2": int(rng.integers(-3, 7)), "r": int(rng.integers(-2, 4)),
            "gamma": float(rng.choice([0.5, 0.9])), "alpha": float(rng.choice([0.1, 0.5])), "done": done,
            "end_en": "ends the episode (s′ is terminal)" if done else "does not end the episode",
            "end_ko": "에피소드를 끝냅니다(s′은 종료 상태)" if done else "에피소드를 끝내지 않습니다"}


def solve(p):
    boot = 0.0 if p["done"] else p["gamma"] * p["v2"]
    target = p["r"] + boot
    delta = target - p["v"]
    return {"boot": boot, "target": target, "delta": delta, "step": p["alpha"] * delta,
            "answer": p["v"] + p["alpha"] * delta}
