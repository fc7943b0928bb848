"""Linear warmup, then cosine decay of the learning rate: the reference, its cases and its known mistakes."""

import math

import numpy as np

from byhand import Case


def cosine_lr_schedule(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    """lr at step (counted from 0): base_lr * step / warmup_steps while step < warmup_steps,
    then min_lr + (base_lr - min_lr) * (1 + cos(pi * p)) / 2 with
    p = min(1, (step - warmup_steps) / (total_steps - warmup_steps))."""
    if step < warmup_steps:
        return np.float64(base_lr * step / warmup_steps)
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return np.float64(min_lr + (base_lr - min_lr) * 0.5 * (1.0 + math.cos(math.pi * p)))


def cases(rng):
    total = int(rng.integers(80, 200))
    warm = int(rng.integers(5, 20))
    base = float(rng.uniform(1e-4, 1e-3))
    out = []
    # one run with warmup and a floor, sampled across its phases
    for s, label in [(0, "step 0 of warmup (lr = 0)"), (1, "inside warmup"), (warm // 2, "middle of warmup"),
                     (warm - 1, "last warmup step"), (warm, "end of warmup (lr = base_lr)"),
                     (warm + 1, "first cosine step"), (int(rng.integers(warm + 2, total - 1)), "random step in decay"),
                     ((warm + total) // 2, "middle of the decay"), (total - 1, "last step"),
                     (total, "step = total_steps (lr = min_lr)"), (total + 10, "past the end (stays at min_lr)")]:
        out.append(Case((s, total, base), {"warmup_steps": warm, "min_lr": base / 10}, name=label))
    out += [
        Case((0, 100, 0.1), name="no warmup, step 0 (lr = base_lr)"),
        Case((25, 100, 0.1), name="no warmup, a quarter through"),
        Case((int(rng.integers(1, 100)), 100, 0.1), name="no warmup, random step"),
        Case((75, 100, 0.1), {"min_lr": 0.01}, name="no warmup, with min_lr"),
        Case((120, 100, 0.1), name="no warmup, past the end"),
        Case((3, 10, 1.0), {"warmup_steps": 4}, name="short run, in warmup"),
        Case((7, 10, 1.0), {"warmup_steps": 4}, name="short run, in decay"),
        Case((1, 2, 0.5), {"warmup_steps": 1}, name="total_steps = 2, warmup_steps = 1"),
        Case((2500, 10000, 3e-4), {"warmup_steps": 2000, "min_lr": 3e-5}, name="GPT-like: 2000 warmup steps, floor 3e-5"),
    ]
    return out


# --- known mistakes ----------------------------------------------------------

def _cosine_over_whole_run(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    p = min(1.0, step / total_steps)
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * p))


def _warmup_off_by_one(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * p))


def _warmup_plus_one(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * (step + 1) / (warmup_steps + 1)
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * p))


def _no_clamp(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    p = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * 0.5 * (1 + np.cos(np.pi * p))


def _min_lr_added(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return min_lr + base_lr * 0.5 * (1 + np.cos(np.pi * p))


def _min_lr_clipped(step, total_steps, base_lr, warmup_steps=0, min_lr=0.0):
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    p = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
    return max(min_lr, base_lr * 0.5 * (1 + np.cos(np.pi * p)))


MISTAKES = {
    "cosine-over-whole-run": _cosine_over_whole_run,
    "warmup-off-by-one": [_warmup_off_by_one, _warmup_plus_one],
    "no-clamp-after-end": _no_clamp,
    "min-lr-not-scaled": [_min_lr_added, _min_lr_clipped],
}
