"""Linear least squares: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def least_squares(X, y):
    """w = argmin ||X w - y||^2 for X (n x d) of full column rank; y of shape (n,)
    gives w of shape (d,), y of shape (n, k) gives one column of w per target."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w


def _with_condition(rng, n, d, cond):
    U, _ = np.linalg.qr(rng.normal(size=(n, d)))
    V, _ = np.linalg.qr(rng.normal(size=(d, d)))
    s = np.geomspace(1.0, 1.0 / cond, d)
    return U @ np.diag(s) @ V.T


def cases(rng):
    X = rng.normal(size=(12, 3))
    w_true = rng.normal(size=3)
    Xh = rng.normal(size=(10, 3)) + 2.0
    Xc = _with_condition(rng, 15, 3, 1e3)
    return [
        Case((rng.normal(size=(20, 3)) + 1.0, rng.normal(size=20) + 3.0), name="random (1)"),
        Case((rng.normal(size=(30, 5)), rng.normal(size=30)), name="random (2)"),
        Case((rng.normal(size=(10, 1)) + 1.0, rng.normal(size=10)), name="one feature"),
        Case((X, X @ w_true), name="exact fit (zero residual)"),
        Case((rng.normal(size=(8, 3)), np.zeros(8)), name="y = 0"),
        Case((rng.normal(size=(10, 3)), rng.normal(size=(10, 2))), name="two targets, y of shape (n, 2)"),
        Case((Xc, Xc @ np.array([1.0, -2.0, 0.5]) + 1e-3 * rng.normal(size=15)), name="ill-conditioned X (cond 1e3)"),
        Case((Xh, (Xh @ np.array([0.5, -1.0, 2.0]) + rng.normal(size=10)) * 1e100), name="huge targets"),
    ]


def _elementwise(X, y):
    return np.linalg.inv(X.T @ X) @ (X.T * y)


def _fitted_values(X, y):
    w = np.linalg.solve(X.T @ X, X.T @ y)
    return X @ w


def _centered(X, y):
    Xc = X - X.mean(axis=0)
    yc = y - y.mean(axis=0)
    return np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)


def _ones_first(X, y):
    Xb = np.column_stack([np.ones(len(X)), X])
    return np.linalg.solve(Xb.T @ Xb, Xb.T @ y)


def _ones_last(X, y):
    Xb = np.column_stack([X, np.ones(len(X))])
    return np.linalg.solve(Xb.T @ Xb, Xb.T @ y)


MISTAKES = {
    "elementwise-product": _elementwise,
    "returns-fitted-values": _fitted_values,
    "fits-intercept": [_centered, _ones_first, _ones_last],
}
