"""Mean squared error: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def mse(y_pred, y):
    """(1/N) sum_i (y_pred_i - y_i)^2 over all N entries."""
    e = np.asarray(y_pred, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return float(np.mean(e * e))


def cases(rng):
    y = rng.normal(size=(4, 3))
    return [
        Case((rng.normal(size=6), rng.normal(size=6)), name="random vector"),
        Case((y + 0.1 * rng.normal(size=(4, 3)), y), name="batch of 4, 3 outputs"),
        Case((rng.normal(size=(2, 3, 5)), rng.normal(size=(2, 3, 5))), name="3-D"),
        Case((rng.normal(loc=5.0, size=50), rng.normal(loc=5.0, size=50)), name="random, 50 entries"),
        Case((np.array([2.5]), np.array([1.0])), name="single entry"),
        Case((np.array([[1.0, -2.0, 0.5]]), np.array([[1.0, -2.0, 0.5]])), name="perfect prediction"),
        Case((1e100 * rng.normal(size=3), 1e100 * rng.normal(size=3)), name="huge values"),
    ]


def _sum(y_pred, y):
    return np.sum((y_pred - y) ** 2)


def _rmse(y_pred, y):
    return np.sqrt(np.mean((y_pred - y) ** 2))


def _mae(y_pred, y):
    return np.mean(np.abs(y_pred - y))


def _per_sample(y_pred, y):
    return np.mean((y_pred - y) ** 2, axis=-1)


def _half(y_pred, y):
    return 0.5 * np.mean((y_pred - y) ** 2)


MISTAKES = {
    "sum-not-mean": _sum,
    "rmse": _rmse,
    "absolute-error": _mae,
    "per-sample": _per_sample,
    "half-mse": _half,
}
