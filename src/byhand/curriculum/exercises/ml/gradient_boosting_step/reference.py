"""One gradient-boosting step with squared loss and a regression stump: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def _fit_stump(x, target):
    """The stump x <= t -> left mean, else right mean, with t between two sorted distinct x values,
    minimizing the squared error; the mean of target when x has a single distinct value."""
    values = np.unique(x)
    best_sse, best = np.inf, None
    for t in (values[:-1] + values[1:]) / 2:
        left = x <= t
        pred = np.where(left, target[left].mean(), target[~left].mean())
        sse = np.sum((target - pred) ** 2)
        if sse < best_sse:
            best_sse, best = sse, pred
    return np.full(x.shape, target.mean()) if best is None else best


def gradient_boosting_step(x, y, F, learning_rate=0.1):
    """F + learning_rate * h(x), where h is the best stump fitted to the residuals y - F (the negative gradient of (y - F)^2 / 2)."""
    x, y, F = (np.asarray(a, dtype=np.float64) for a in (x, y, F))
    return F + learning_rate * _fit_stump(x, y - F)


def _data(rng, n):
    x = rng.uniform(-3, 3, size=n)
    y = np.sin(x) + 0.3 * rng.normal(size=n)
    return x, y


def cases(rng):
    x1, y1 = _data(rng, 10)
    x2, y2 = _data(rng, 40)
    return [
        Case((x1, y1, np.full(10, y1.mean())), name="first step from the mean"),
        Case((x2, y2, 0.5 * np.sin(x2) + 0.2 * rng.normal(size=40)), {"learning_rate": 0.3}, name="a later step, rate 0.3"),
        Case((x1, y1, rng.normal(size=10)), {"learning_rate": 1.0}, name="no shrinkage (rate 1)"),
        Case((np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 1.0, 5.0, 5.0]), np.array([1.0, 1.0, 1.0, 1.0])),
             {"learning_rate": 0.5}, name="one clean split"),
        Case((np.array([2.0, 2.0, 2.0]), np.array([1.0, 4.0, 7.0]), np.array([3.0, 3.0, 3.0])),
             name="a constant feature (no split possible)"),
    ]


def _no_shrinkage(x, y, F, learning_rate=0.1):
    x, y, F = (np.asarray(a, dtype=float) for a in (x, y, F))
    return F + _fit_stump(x, y - F)


def _fits_targets(x, y, F, learning_rate=0.1):
    x, y, F = (np.asarray(a, dtype=float) for a in (x, y, F))
    return F + learning_rate * _fit_stump(x, y)


def _residual_sign(x, y, F, learning_rate=0.1):
    x, y, F = (np.asarray(a, dtype=float) for a in (x, y, F))
    return F + learning_rate * _fit_stump(x, F - y)


MISTAKES = {
    "forgets-the-shrinkage": _no_shrinkage,
    "fits-the-targets-not-the-residuals": _fits_targets,
    "residual-sign": _residual_sign,
}
