"""The regularized hinge loss of a linear SVM and a subgradient: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def hinge_loss_subgradient(w, b, X, y, lam):
    """L = mean_i max(0, 1 - y_i (x_i^T w + b)) + lam/2 ||w||^2 and the subgradient that takes
    0 at the kink: only points with margin < 1 contribute -y_i x_i (and -y_i for b)."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n = X.shape[0]
    margin = y * (X @ w + b)
    active = margin < 1.0
    loss = np.mean(np.maximum(0.0, 1.0 - margin)) + 0.5 * lam * (w @ w)
    grad_w = -(X[active].T @ y[active]) / n + lam * w
    grad_b = -np.sum(y[active]) / n
    return np.float64(loss), grad_w, np.float64(grad_b)


def _data(rng, n, d, sep=1.0):
    y = rng.choice([-1.0, 1.0], size=n)
    X = rng.normal(size=(n, d)) + sep * y[:, None] * rng.uniform(0.5, 1.5, size=d)
    return X, y


def cases(rng):
    X1, y1 = _data(rng, 12, 3)
    X2, y2 = _data(rng, 40, 5, sep=0.5)
    X3, y3 = _data(rng, 10, 2, sep=3.0)
    X4, y4 = _data(rng, 8, 3)
    return [
        Case((rng.normal(size=3), 0.3, X1, y1, 0.1), name="random, 12 points"),
        Case((rng.normal(size=5) * 0.5, -0.5, X2, y2, 0.01), name="overlapping classes, 40 points"),
        Case((np.array([1.0, 1.0]) * 3.0, 0.0, X3, y3, 0.5), name="well separated: most margins above 1"),
        Case((np.zeros(3), 0.0, X4, y4, 0.1), name="w = 0, b = 0: every margin is 0"),
        Case((np.array([1.0, 0.0]), 0.0, np.array([[1.0, 0.0], [-1.0, 2.0], [0.5, 1.0]]), np.array([1.0, -1.0, 1.0]), 0.0),
             name="a point exactly on the margin (y w^T x = 1)"),
        Case((np.array([2.0, -1.0]), 1.5, np.array([[0.2, 0.1], [1.0, 3.0], [-0.5, 0.5], [0.3, -2.0]]),
              np.array([-1.0, 1.0, 1.0, -1.0]), 0.2), name="bias b = 1.5"),
    ]


def _parts(w, b, X, y, lam, n_div=None, reg_bias=False, sign=-1.0, all_points=False, kink=False):
    n = X.shape[0] if n_div is None else n_div
    margin = y * (X @ w + b)
    active = np.ones_like(margin, dtype=bool) if all_points else (margin <= 1 if kink else margin < 1)
    loss = np.sum(np.maximum(0.0, 1.0 - margin)) / n + 0.5 * lam * (w @ w + (b * b if reg_bias else 0.0))
    grad_w = sign * (X[active].T @ y[active]) / n + lam * w
    grad_b = sign * np.sum(y[active]) / n + (lam * b if reg_bias else 0.0)
    return loss, grad_w, grad_b


def _all_points(w, b, X, y, lam):
    return _parts(w, b, X, y, lam, all_points=True)


def _gradient_sign(w, b, X, y, lam):
    return _parts(w, b, X, y, lam, sign=1.0)


def _regularizes_bias(w, b, X, y, lam):
    return _parts(w, b, X, y, lam, reg_bias=True)


def _sum_not_mean(w, b, X, y, lam):
    return _parts(w, b, X, y, lam, n_div=1)


def _counts_the_kink(w, b, X, y, lam):
    # a valid subgradient too (scikit-learn's SGDClassifier takes it), but not the one asked for
    return _parts(w, b, X, y, lam, kink=True)


MISTAKES = {
    "counts-every-point": _all_points,
    "gradient-sign": _gradient_sign,
    "regularizes-bias": _regularizes_bias,
    "sum-not-mean": _sum_not_mean,
    "counts-points-on-the-margin": _counts_the_kink,
}
