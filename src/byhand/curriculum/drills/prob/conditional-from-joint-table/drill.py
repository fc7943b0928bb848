"""Conditional probabilities in both directions from a 2x3 joint probability table."""


def generate(rng):
    cells = rng.multinomial(14, [1 / 6] * 6) + 1  # six positive counts summing to 20
    p = {f"p{i}{j}": int(cells[3 * i + j]) * 5 / 100 for i in range(2) for j in range(3)}
    p["x"] = int(rng.integers(0, 2))
    p["y"] = int(rng.integers(0, 3))
    return p


def solve(p):
    x, y = p["x"], p["y"]
    joint = p[f"p{x}{y}"]
    px = sum(p[f"p{x}{j}"] for j in range(3))
    py = sum(p[f"p{i}{y}"] for i in range(2))
    return {"joint": joint, "px": px, "py": py, "row": " + ".join(f"{p[f'p{x}{j}']:.2f}" for j in range(3)),
            "col": " + ".join(f"{p[f'p{i}{y}']:.2f}" for i in range(2)),
            "y_given_x": joint / px, "x_given_y": joint / py, "answer": [joint / px, joint / py]}
