"""Ridge regression: the reference, its cases and its known mistakes."""

import numpy as np

from byhand import Case


def ridge(X, y, lam):
    """w = argmin ||X w - y||^2 + lam ||w||^2 = (X^T X + lam I)^{-1} X^T y (no intercept),
    via the SVD X = U diag(s) V^T: w = V diag(s / (s^2 + lam)) U^T y."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    f = s / (s * s + lam)
    Uty = U.T @ y
    return Vt.T @ (f[:, None] * Uty if Uty.ndim == 2 else f * Uty)


def cases(rng):
    base = rng.normal(size=(15, 3))
    collinear = base.copy()
    collinear[:, 2] = base[:, 0] + 1e-4 * rng.normal(size=15)
    Xh = rng.normal(size=(10, 3))
    yh = Xh @ np.array([1.0, -0.5, 2.0]) + rng.normal(size=10)
    return [
        Case((rng.normal(size=(20, 3)) + 1.0, rng.normal(size=20) + 2.0, 0.5), name="random (1)"),
        Case((rng.normal(size=(30, 5)), rng.normal(size=30), 3.0), name="random (2)"),
        Case((rng.normal(size=(10, 1)), rng.normal(size=10), 1.0), name="one feature"),
        Case((rng.normal(size=(12, 3)), rng.normal(size=12), 1e6), name="huge lam"),
        Case((rng.normal(size=(4, 5)), rng.normal(size=4), 0.1), name="more features than samples"),
        Case((rng.normal(size=(10, 3)), rng.normal(size=(10, 2)), 0.7), name="two targets, y of shape (n, 2)"),
        Case((collinear, collinear @ np.array([1.0, 1.0, -1.0]) + 0.1 * rng.normal(size=15), 1e-2),
             name="nearly collinear features"),
        Case((Xh * 1e100, yh * 1e100, 2.0e200), name="huge values"),
        Case((Xh * 1e-100, yh * 1e-100, 2.0e-200), name="tiny values"),
    ]


def _half(X, y, lam):
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam / 2 * np.eye(d), X.T @ y)


def _double(X, y, lam):
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + 2 * lam * np.eye(d), X.T @ y)


def _lam_times_n(X, y, lam):  # from (1/n)||Xw - y||^2 + lam ||w||^2
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + len(X) * lam * np.eye(d), X.T @ y)


def _lam_everywhere(X, y, lam):
    return np.linalg.solve(X.T @ X + lam, X.T @ y)


def _centered(X, y, lam):
    Xc = X - X.mean(axis=0)
    yc = y - y.mean(axis=0)
    d = X.shape[1]
    return np.linalg.solve(Xc.T @ Xc + lam * np.eye(d), Xc.T @ yc)


MISTAKES = {
    "lambda-scaled": [_half, _double, _lam_times_n],
    "lam-not-identity": _lam_everywhere,
    "fits-intercept": _centered,
}
