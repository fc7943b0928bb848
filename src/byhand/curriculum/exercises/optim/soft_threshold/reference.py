"""Soft-thresholding, the proximal operator of the L1 norm: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def soft_threshold(x, lam):
    """S(x, lam) = sign(x) * max(|x| - lam, 0), elementwise (lam >= 0)."""
    x = np.asarray(x, dtype=np.float64)
    return np.sign(x) * np.maximum(np.abs(x) - lam, 0.0)


def cases(rng):
    return [
        Case((rng.normal(size=6), 0.5), name="random vector, lam = 0.5"),
        Case((rng.normal(size=(3, 4)) * 2, 1.0), name="random matrix, lam = 1"),
        Case((np.array([-3.0, -0.2, 0.0, 0.1, 2.5]), 0.3), name="both signs, a zero"),
        Case((np.array([-0.7, 0.7, 0.69, -0.71]), 0.7), name="entries at and near the threshold"),
        Case((rng.normal(size=5), 0.0), name="lam = 0 (no shrinkage)"),
        Case((rng.uniform(-1.0, 1.0, size=4), 5.0), name="lam larger than every entry"),
        Case((-rng.uniform(1.0, 3.0, size=4), 0.5), name="all negative"),
    ]


def _hard_threshold(x, lam):
    return np.where(np.abs(x) > lam, x, 0.0)


def _loses_sign(x, lam):
    return np.maximum(np.abs(x) - lam, 0.0)


def _positive_side_only(x, lam):
    return np.maximum(x - lam, 0.0)


def _no_clamp(x, lam):
    return x - lam * np.sign(x)


MISTAKES = {
    "hard-threshold": _hard_threshold,
    "loses-sign": _loses_sign,
    "positive-side-only": _positive_side_only,
    "crosses-zero": _no_clamp,
}
